/**
 * The Express application: request ids and logs, JSON bodies, then every operation of the table
 * (`api/operations`) mounted in order, then 404 and the one error handler.
 */
import { randomUUID } from 'node:crypto';
import express, { Router, type Express } from 'express';
import { pinoHttp } from 'pino-http';
import { buildOpenApiDocument } from '../openapi';
import { allOperations, type AppDependencies } from '../operations';
import { authenticate } from './auth';
import { errorHandler, HttpError } from './errors';
import { createMetrics } from './metrics';
import { mountOperations } from './operation';
import { workspaceRouter } from './workspace';

export type { AppDependencies };

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
      // One line per request that a person can read in a terminal; the fields stay for collectors.
      customSuccessMessage: (req, res, responseTime) => `${req.method} ${req.url} → ${res.statusCode} (${Math.round(responseTime)} ms)`,
      customErrorMessage: (req, res) => `${req.method} ${req.url} → ${res.statusCode}`,
      // Bodies are never logged: they carry complainant contact data.
      serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );
  app.use(express.json({ limit: '64kb', strict: true }));

  // The staff workspace: static files, not operations of the API.
  app.use('/app', workspaceRouter(deps.signIn?.issuer));
  app.get('/', (_req, res) => res.redirect(302, '/app/'));

  const router = Router();
  const signedIn = authenticate(deps.authentication);
  mountOperations(router, allOperations(buildOpenApiDocument, metrics.text), { ...deps, metrics }, signedIn);
  app.use(router);
  // Anything else: a caller without a token learns nothing (401); with one, 404.
  app.use(signedIn);
  app.use((req, _res, next) => next(new HttpError(404, 'not_found', `no route ${req.method} ${req.path}`)));
  app.use(errorHandler);
  return app;
}
