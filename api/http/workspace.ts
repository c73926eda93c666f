/**
 * The staff workspace (`web/`, built into `web/dist` by `scripts/build-web.ts`) served at `/app/`:
 * hashed assets cached for a year, the page itself never, and any other path under `/app/` answered
 * with the page (the app reads its route from the address). Not built yet: 503 saying how.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

export const WORKSPACE_DIST = path.join(__dirname, '..', '..', 'web', 'dist');

/** The page's policy: its own files, and calls to the API and to the OpenID provider it signs in with. */
const pagePolicy = (provider?: string) =>
  `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'${provider ? ` ${new URL(provider).origin}` : ''}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** A built page of `web/dist` (read once), or undefined when the front end is not built yet. */
const pages = new Map<string, string>();
export function builtPage(name: 'index.html' | 'track.html', dist = WORKSPACE_DIST): string | undefined {
  if (!pages.has(name)) {
    const file = path.join(dist, name);
    if (!fs.existsSync(file)) return undefined;
    pages.set(name, fs.readFileSync(file, 'utf8'));
  }
  return pages.get(name);
}

export const NOT_BUILT = 'The web front end is not built yet: `npm start` builds it on its first run (or run `npm run build:web`).';

export function workspaceRouter(providerIssuer?: string, dist = WORKSPACE_DIST): Router {
  const router = Router();
  router.use('/assets', express.static(path.join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  router.get(/.*/, (_req, res) => {
    const page = path.join(dist, 'index.html');
    if (!fs.existsSync(page)) {
      res.status(503).setHeader('Retry-After', '30').type('text').send(NOT_BUILT);
      return;
    }
    res.setHeader('Content-Security-Policy', pagePolicy(providerIssuer));
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.sendFile(page);
  });
  return router;
}
