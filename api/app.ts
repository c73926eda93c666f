import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Database } from '../db/client';
import { authenticate, type VerificationKey } from './auth';
import { docsPageHtml } from './docs-page';
import { createMetrics, type Metrics } from './metrics';
import { buildOpenApiDocument } from './openapi';
import { errorHandler, HttpError } from './errors';
import type { IntakeService } from './intake';
import type { ReadModel } from './read-model';
import { adminRouter } from './routes/admin';
import { complaintsRouter } from './routes/complaints';
import { inboxRouter } from './routes/inbox';
import { reportsPageRouter, reportsRouter } from './routes/reports';
import { problemsRouter } from './routes/problems';
import { trackingLinkRouter, trackingRouter } from './routes/tracking';
import { workRouter } from './routes/work';
import type { TrackingLinks } from '../runtime/tracking';
import type { WorkflowGateway } from './workflow-gateway';

export interface AppDependencies {
  db: Database;
  intake: IntakeService;
  readModel: ReadModel;
  workflows: WorkflowGateway;
  tracking?: TrackingLinks;
  verification: VerificationKey;
  log: Logger;
  /** Checks for /readyz: each resolves when its dependency answers. */
  readiness: Record<string, () => Promise<unknown>>;
  /** Prometheus metrics; a fresh registry when omitted. */
  metrics?: Metrics;
}

export function createApp(deps: AppDependencies): Express {
  const app = express();
  const metrics = deps.metrics ?? createMetrics();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(metrics.httpMiddleware);
  app.use(
    pinoHttp({
      logger: deps.log,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[A-Za-z0-9_.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Bodies are never logged: they carry complainant contact data.
      serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );
  app.use(express.json({ limit: '64kb', strict: true }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(deps.readiness).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (err) {
          return [name, `unavailable: ${err instanceof Error ? err.message : String(err)}`] as const;
        }
      }),
    );
    const ready = checks.every(([, status]) => status === 'ok');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: Object.fromEntries(checks) });
  });

  app.get('/metrics', metrics.metricsHandler);
  app.get('/openapi.json', (_req, res) => {
    res.json(buildOpenApiDocument());
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(docsPageHtml());
  });

  // Public: the complainant's tracking page and its API (the link's secret is the credential).
  app.use(trackingRouter(deps));
  app.use(reportsPageRouter());
  app.use(authenticate(deps.verification));
  app.use(trackingLinkRouter(deps));
  app.use(workRouter(deps.db, deps.readModel));
  app.use(complaintsRouter(deps));
  app.use(reportsRouter(deps.db));
  app.use(problemsRouter(deps.db));
  app.use(inboxRouter(deps.db));
  app.use(adminRouter(deps.db));
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `no route ${req.method} ${req.path}`)));
  app.use(errorHandler);
  return app;
}
