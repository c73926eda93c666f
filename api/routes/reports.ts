import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import type { Database } from '../../db/client';
import { requireAction } from '../auth';
import { HttpError } from '../errors';
import { reportQuerySchema, summaryReport } from '../report-queries';
import { REPORT_TABLES, reportTables, toCsv, type ReportTableName } from '../report-tables';
import { reportsPageHtml } from '../reports-page';
import { parseOrThrow } from './complaints';

export { reportQuerySchema, summaryReport };

/** The chart library, read once from the installed package (a maintained release, not a copy in this repository). */
let echartsSource: string | undefined;
function echarts(): string {
  echartsSource ??= readFileSync(createRequire(__filename).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsSource;
}

const PAGE_POLICY = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The page and its script: public (they hold no data; the data needs a token). */
export function reportsPageRouter(): Router {
  const router = Router();
  router.get('/reports', (_req, res) => {
    res.setHeader('Content-Security-Policy', PAGE_POLICY);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(reportsPageHtml());
  });
  router.get('/assets/echarts.min.js', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=86400');
    res.type('application/javascript').send(echarts());
  });
  return router;
}

export function reportsRouter(db: Database): Router {
  const router = Router();
  router.get('/reports/summary', requireAction('reports'), async (req, res) => {
    res.json(await summaryReport(db, parseOrThrow(reportQuerySchema, req.query, 'query')));
  });
  router.get('/reports/export/:table.csv', requireAction('reports'), async (req, res) => {
    const table = String(req.params.table);
    if (!(REPORT_TABLES as readonly string[]).includes(table)) {
      throw new HttpError(404, 'not_found', `no report table ${table}; tables: ${REPORT_TABLES.join(', ')}`);
    }
    const report = await summaryReport(db, parseOrThrow(reportQuerySchema, req.query, 'query'));
    res.setHeader('Content-Disposition', `attachment; filename="complaints-${table}.csv"`);
    res.type('text/csv; charset=utf-8').send(toCsv(reportTables(report)[table as ReportTableName]));
  });
  return router;
}
