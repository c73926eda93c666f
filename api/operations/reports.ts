/** Key figures for supervisors and the quality team: the summary, its tables as CSV, and the page. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { operation, Reply, type Operation } from '../http/operation';
import { reportsPageHtml } from '../pages/reports-page';
import { reportQuerySchema, summaryReport } from '../read/report-queries';
import { REPORT_TABLES, reportTables, toCsv } from '../read/report-tables';
import { reachedFacts } from '../read/scopes';
import { ReportSummarySchema } from '../schemas/responses';
import type { AppDependencies } from './dependencies';

/** The chart library, read once from the installed package (a maintained release, not a copy in this repository). */
let echartsSource: string | undefined;
function echarts(): string {
  echartsSource ??= readFileSync(createRequire(__filename).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return echartsSource;
}

const PAGE_POLICY = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data: blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export const REPORT_OPERATIONS: Operation<AppDependencies>[] = [
  operation({
    method: 'get',
    path: '/reports/summary',
    operationId: 'getReportSummary',
    tag: 'Reports',
    summary: 'Key figures for a period',
    description: 'Every figure is defined in docs/kpis.md. The cohort is the complaints received in the period (default: the last 30 days) that the caller may count: a lead’s departments and the people below them; the quality team, everything.',
    access: { permission: 'reports' },
    request: { query: reportQuerySchema },
    responses: { 200: { description: 'Key figures.', schema: ReportSummarySchema } },
    errors: [400, 401, 403],
    handle: ({ query }, { deps, actor }) => summaryReport(deps.db, query, new Date(), reachedFacts(actor)),
  }),
  operation({
    method: 'get',
    path: '/reports/export/{table}.csv',
    operationId: 'exportReportTable',
    tag: 'Reports',
    summary: 'One table of the summary as CSV',
    description: `Same query as the summary. Tables: ${REPORT_TABLES.join(', ')}. UTF-8 with BOM, RFC 4180.`,
    access: { permission: 'reports' },
    request: { params: z.object({ table: z.enum(REPORT_TABLES) }), query: reportQuerySchema, invalidParams: 'not_found' },
    responses: { 200: { description: 'The table.', mediaType: 'text/csv' } },
    errors: [400, 401, 403, 404],
    async handle({ params, query }, { deps, actor }) {
      const report = await summaryReport(deps.db, query, new Date(), reachedFacts(actor));
      return Reply.text('text/csv; charset=utf-8', toCsv(reportTables(report)[params.table]), { 'Content-Disposition': `attachment; filename="complaints-${params.table}.csv"` });
    },
  }),
  operation({
    method: 'get',
    path: '/reports',
    operationId: 'getReportsPage',
    tag: 'Reports',
    summary: 'The reports page (HTML)',
    description: 'KPI tiles, charts and tables for supervisors and the quality team; `?lang=en` for English. The page asks `/reports/summary` with the token given in `#token=…` or pasted.',
    access: 'public',
    responses: { 200: { description: 'The page.', mediaType: 'text/html' } },
    errors: [],
    handle: () => Reply.text('html', reportsPageHtml(), { 'Content-Security-Policy': PAGE_POLICY, 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' }),
  }),
  operation({
    method: 'get',
    path: '/assets/echarts.min.js',
    operationId: 'getChartLibrary',
    tag: 'Reports',
    summary: 'Apache ECharts, as installed',
    access: 'public',
    responses: { 200: { description: 'The script.', mediaType: 'application/javascript' } },
    errors: [],
    handle: () => Reply.text('application/javascript', echarts(), { 'Cache-Control': 'public, max-age=86400' }),
  }),
];
