/**
 * Every HTTP operation of the service, in the order Express tries them. The router is mounted from
 * this table and `/openapi.json` generated from it. A new read route is one entry here (in its
 * area's file) and one read-side function.
 */
import type { Operation } from '../http/operation';
import { ADMIN_OPERATIONS } from './admin';
import { COMPLAINT_OPERATIONS } from './complaints';
import type { AppDependencies } from './dependencies';
import { IDENTITY_OPERATIONS } from './identity';
import { INBOX_OPERATIONS } from './inbox';
import { LEARNING_OPERATIONS } from './learning';
import { PROBLEM_OPERATIONS } from './problems';
import { PRIVACY_OPERATIONS } from './privacy';
import { REPORT_OPERATIONS } from './reports';
import { systemOperations } from './system';
import { trackingOperations } from './tracking';
import { WORK_OPERATIONS } from './work';

export type { AppDependencies };

/** The whole table, for one app: the system operations need the document (built from this table) and the metrics; the tracking operations count failed attempts per app. */
export function allOperations(openApiDocument: () => unknown, metricsText: () => Promise<{ contentType: string; body: string }>): Operation<AppDependencies>[] {
  return [
    ...systemOperations(openApiDocument, metricsText),
    ...trackingOperations(),
    ...IDENTITY_OPERATIONS,
    ...COMPLAINT_OPERATIONS,
    ...WORK_OPERATIONS,
    ...REPORT_OPERATIONS,
    ...PROBLEM_OPERATIONS,
    ...INBOX_OPERATIONS,
    ...PRIVACY_OPERATIONS,
    ...LEARNING_OPERATIONS,
    ...ADMIN_OPERATIONS,
  ];
}
