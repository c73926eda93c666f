import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { Router, type ErrorRequestHandler } from 'express';
import { createMetrics, outcomeOf, type Metrics } from '../../api/http/metrics';
import { ACTION_BY_ROUTE } from '../../domain/actions';

const NUMBER = 'CMP-20250312-000042';

/** A tiny app shaped like the real one: routes at the root and under a mounted router. */
function tinyApp(metrics: Metrics) {
  const app = express();
  app.use(metrics.httpMiddleware);
  app.get('/metrics', (_req, res, next) => {
    metrics.text().then(({ contentType, body }) => res.type(contentType).send(body), next);
  });
  app.get('/complaints/:number', (req, res) => {
    res.json({ number: req.params.number });
  });
  app.post('/complaints', (req, res) => {
    if (req.header('Idempotency-Key') === 'replay') res.setHeader('Idempotent-Replayed', 'true');
    res.status(201).json({ number: NUMBER });
  });
  // One route per action, as the operations table mounts them.
  for (const segment of ACTION_BY_ROUTE.keys()) {
    app.post(`/complaints/:number/${segment}`, (req, res) => {
      const status = Number(req.header('X-Answer') ?? 200);
      res.status(status).json({});
    });
  }
  const nested = Router();
  nested.get('/things/:id', (req, _res, next) => {
    next(req.params.id === 'bad' ? new Error('boom') : undefined);
  });
  nested.get('/things/:id', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/api', nested);
  const onError: ErrorRequestHandler = (_err, _req, res, _next) => {
    res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
  };
  app.use(onError);
  return app;
}

describe('metrics', () => {
  let metrics: Metrics;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    metrics = createMetrics();
    server = await new Promise<Server>((resolve) => {
      const s = tinyApp(metrics).listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const call = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${base}${path}`, init);
    await res.arrayBuffer();
    return res.status;
  };

  async function exposition(): Promise<{ text: string; contentType: string | null }> {
    const res = await fetch(`${base}/metrics`);
    return { text: await res.text(), contentType: res.headers.get('content-type') };
  }

  it('labels requests with the route pattern, never the raw URL', async () => {
    expect(await call(`/complaints/${NUMBER}`)).toBe(200);
    expect(await call('/no/such/route')).toBe(404);
    const { text } = await exposition();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/complaints\/:number",status="200"\} 1/);
    expect(text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/complaints\/:number",status="200"\} 1/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="unmatched",status="404"\} 1/);
    expect(text).not.toContain(NUMBER);
    expect(text).not.toContain('/no/such/route');
  });

  it('keeps the mount path of a router, also when the request fails inside it', async () => {
    expect(await call('/api/things/1')).toBe(200);
    expect(await call('/api/things/bad')).toBe(500);
    const { text } = await exposition();
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/things\/:id",status="200"\} 1/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/api\/things\/:id",status="500"\} 1/);
  });

  it('counts complaints started and actions by outcome from the answers', async () => {
    const post = (path: string, headers: Record<string, string> = {}) => call(path, { method: 'POST', headers });
    await post('/complaints');
    await post('/complaints', { 'Idempotency-Key': 'replay' });
    await post(`/complaints/${NUMBER}/triage`);
    await post(`/complaints/${NUMBER}/triage`, { 'X-Answer': '409' });
    await post(`/complaints/${NUMBER}/on-spot-resolution`, { 'X-Answer': '500' });
    await post(`/complaints/${NUMBER}/constructor`, { 'X-Answer': '404' });
    const { text } = await exposition();
    expect(text).toMatch(/^complaints_started_total 1$/m);
    expect(text).toMatch(/complaint_actions_total\{action="triage",outcome="accepted"\} 1/);
    expect(text).toMatch(/complaint_actions_total\{action="triage",outcome="rejected"\} 1/);
    expect(text).toMatch(/complaint_actions_total\{action="resolveOnSpot",outcome="error"\} 1/);
    expect(text).not.toContain('action="constructor"');
  });

  it('serves the exposition with the Prometheus content type, default metrics included', async () => {
    const { text, contentType } = await exposition();
    expect(contentType).toBe(metrics.registry.contentType);
    expect(contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const name of ['http_requests_total', 'http_request_duration_seconds', 'complaints_started_total', 'complaint_actions_total', 'process_cpu_user_seconds_total', 'nodejs_eventloop_lag_seconds']) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it('gives every call its own registry', async () => {
    const other = createMetrics({ deriveDomainMetrics: false });
    expect(other.registry).not.toBe(metrics.registry);
    other.complaintsStarted.inc();
    other.actions.inc({ action: 'close', outcome: 'accepted' });
    expect(await other.registry.metrics()).toMatch(/^complaints_started_total 1$/m);
    expect((await exposition()).text).not.toContain('action="close"');
  });

  it('classifies outcomes', () => {
    expect([outcomeOf(200), outcomeOf(204), outcomeOf(403), outcomeOf(409), outcomeOf(500), outcomeOf('aborted')]).toEqual(['accepted', 'accepted', 'rejected', 'rejected', 'error', 'error']);
  });
});
