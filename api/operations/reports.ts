/** Key figures for supervisors, managers and the quality team: the summary and its tables as CSV (the page is the workspace's). */
import { z } from 'zod';
import { operation, Reply, type Operation } from '../http/operation';
import { reportQuerySchema, summaryReport } from '../read/report-queries';
import { REPORT_TABLES, reportTables, toCsv } from '../read/report-tables';
import { reachedFacts } from '../read/scopes';
import { ReportSummarySchema } from '../schemas/responses';
import type { AppDependencies } from './dependencies';


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
    summary: 'The reports page',
    description: 'The reports are a page of the staff workspace (signed in; figures, charts, tables and CSV over the caller’s scope): this address sends the browser there.',
    access: 'public',
    responses: { 302: { description: 'To `/app/#/reports`.', headers: { Location: { description: 'The workspace’s reports page.', schema: { type: 'string' } } } } },
    errors: [],
    handle: () => Reply.redirect('/app/#/reports'),
  }),
];
