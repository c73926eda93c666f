/**
 * Prometheus metrics. Every `createMetrics()` has its own registry (tests build several apps in one
 * process), holding the default process metrics, HTTP request count and latency, and two domain
 * counters: complaints started and actions by outcome.
 *
 * HTTP metrics are labelled with the route *pattern* (`/complaints/:number`), never the raw URL, so
 * complaint numbers cannot blow up the label set; a request no route matched is `unmatched`.
 */
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { ComplaintActionName } from '../../domain/actions';
import { ACTION_BY_ROUTE } from '../../domain/actions';

export type ActionOutcome = 'accepted' | 'rejected' | 'error';

export interface MetricsOptions {
  /**
   * Count `complaintsStarted` and `actions` from the HTTP answers of `POST /complaints` (201, not a
   * replay) and `POST /complaints/:number/:action` (2xx accepted, 4xx rejected, 5xx error; replays not
   * counted), so no route has to know about metrics. Default true; turn it off if the counters are
   * incremented by hand instead, or they count twice.
   */
  deriveDomainMetrics?: boolean;
}

export interface Metrics {
  registry: Registry;
  /** Mount first (before the logger and body parser) so every request is timed. */
  httpMiddleware: RequestHandler;
  complaintsStarted: Counter;
  actions: Counter<'action' | 'outcome'>;
  /** Serves the text exposition of `registry`. */
  /** The registry in Prometheus's text format. */
  text(): Promise<{ contentType: string; body: string }>;
}

export const UNMATCHED_ROUTE = 'unmatched';
export const INTAKE_ROUTE = '/complaints';
/** The Express pattern of each action's operation (`/complaints/:number/triage`, …). */
const ACTION_ROUTES: ReadonlySet<string> = new Set([...ACTION_BY_ROUTE.keys()].map((segment) => `/complaints/:number/${segment}`));

function patternOf(path: unknown): string {
  if (typeof path === 'string') return path;
  if (Array.isArray(path)) return path.map(patternOf).join('|');
  return String(path);
}

/**
 * Remembers the full route pattern at the moment Express matches a route. Reading `req.route` and
 * `req.baseUrl` when the response finishes is not enough: a router restores `req.baseUrl` when an
 * error leaves it, so a failing request under a mounted router would lose its prefix.
 */
function trackRoute(req: Request): () => string | undefined {
  let route: unknown = req.route;
  let pattern: string | undefined;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => route,
    set: (value: unknown) => {
      route = value;
      if (value && typeof value === 'object' && 'path' in value) pattern = `${req.baseUrl ?? ''}${patternOf(value.path)}`;
    },
  });
  return () => pattern;
}

export function outcomeOf(status: number | 'aborted'): ActionOutcome {
  if (status === 'aborted' || status >= 500) return 'error';
  return status >= 400 ? 'rejected' : 'accepted';
}

function actionOf(req: Request): ComplaintActionName | undefined {
  const segment = (req.originalUrl ?? req.url).split('?')[0].split('/').filter(Boolean).pop();
  return segment === undefined ? undefined : ACTION_BY_ROUTE.get(segment);
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const deriveDomainMetrics = options.deriveDomainMetrics ?? true;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency in seconds by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const complaintsStarted = new Counter({
    name: 'complaints_started_total',
    help: 'Complaints received and started (idempotent replays not counted).',
    registers: [registry],
  });
  const actions = new Counter({
    name: 'complaint_actions_total',
    help: 'Lifecycle actions by action and outcome (accepted, rejected = 4xx, error = 5xx or aborted).',
    labelNames: ['action', 'outcome'] as const,
    registers: [registry],
  });

  const httpMiddleware: RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    const routePattern = trackRoute(req);
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      const status = res.writableFinished ? res.statusCode : 'aborted';
      const route = routePattern() ?? UNMATCHED_ROUTE;
      const labels = { method: req.method, route, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      if (!deriveDomainMetrics || req.method !== 'POST' || res.getHeader('Idempotent-Replayed') !== undefined) return;
      if (route === INTAKE_ROUTE && status === 201) complaintsStarted.inc();
      else if (ACTION_ROUTES.has(route)) {
        const action = actionOf(req);
        if (action) actions.inc({ action, outcome: outcomeOf(status) });
      }
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };

  const text = async () => ({ contentType: registry.contentType, body: await registry.metrics() });

  return { registry, httpMiddleware, complaintsStarted, actions, text };
}
