/** Administration: business calendars, the staff directory and the audit trail. */
import { z } from 'zod';
import { loadCalendar } from '../../db/calendars';
import { operation, type Operation } from '../http/operation';
import { staffWithLoad } from '../read/staff';
import { calendarIdParam, calendarYearBodySchema, calendarYearParam, replanBodySchema, staffBodySchema, staffIdParam } from '../schemas/requests';
import { AuditPageSchema, CalendarSchema, documented, ReplanAnswerSchema, StaffMemberSchema } from '../schemas/responses';
import { auditQuerySchema, auditTrail } from '../read/audit';
import { knownCalendar, storeCalendarYear, storeStaffMember } from '../write/administration';
import type { AppDependencies } from './dependencies';

export const ADMIN_OPERATIONS: Operation<AppDependencies>[] = [
  operation({
    method: 'get',
    path: '/admin/audit',
    operationId: 'getAuditTrail',
    tag: 'Administration',
    summary: 'The audit trail',
    description:
      'Every administrative change (staff and away periods, calendars, tracking links, problem status, notification resends) and every contact reveal and refused sign-in, newest first, with actor, time, before/after and reason. Append-only: the database refuses to change or remove a row.',
    access: { permission: 'audit' },
    request: { query: auditQuerySchema },
    responses: { 200: { description: 'One page, newest first.', schema: AuditPageSchema } },
    errors: [400, 401, 403],
    handle: ({ query }, { deps }) => auditTrail(deps.db, query),
  }),
  operation({
    method: 'get',
    path: '/admin/calendars/{calendarId}',
    operationId: 'getCalendar',
    tag: 'Administration',
    summary: 'Read a business calendar',
    access: { permission: 'administer' },
    request: { params: calendarIdParam },
    responses: { 200: { description: 'The calendar with every year the database holds.', schema: CalendarSchema } },
    errors: [401, 403, 404],
    handle({ params }, { deps }) {
      knownCalendar(params.calendarId);
      return loadCalendar(deps.db, params.calendarId);
    },
  }),
  operation({
    method: 'put',
    path: '/admin/calendars/{calendarId}/{year}',
    operationId: 'putCalendarYear',
    tag: 'Administration',
    summary: 'Replace one year of a business calendar',
    description:
      'Used when the annual holiday notice is published. New complaints use it, and every running complaint of this calendar takes it too: its deadlines in that year move where the notice says, each move on its timeline (`deadlines_replanned`) and the whole re-plan in the audit trail (`complaints_replanned`).',
    access: { permission: 'administer' },
    request: { params: calendarYearParam, body: documented(calendarYearBodySchema).openapi('CalendarYear', { description: 'One year of a business calendar: public holidays and make-up working days (调休).' }) },
    responses: {
      200: {
        description: 'Stored, and laid into the running complaints of this calendar.',
        schema: z.object({
          replanned: z.object({
            complaints: z.int().openapi({ description: 'Running complaints sent the notice; each records on its timeline the deadlines that moved (`deadlines_replanned`).' }),
            failed: z.int().openapi({ description: 'Those the engine refused it for (finished meanwhile, or unavailable); uploading the year again sends it again.' }),
          }),
        }),
      },
    },
    errors: [400, 401, 403, 404, 413],
    async handle({ params, body }, { req, deps, actor }) {
      await storeCalendarYear(deps.db, actor, params.calendarId, params.year, body);
      req.log.info({ calendar: params.calendarId, year: params.year, provisional: body.provisional }, 'calendar year replaced');
      return { replanned: await deps.replanner.replanCalendarYear(actor, params.calendarId, params.year, body) };
    },
  }),
  operation({
    method: 'post',
    path: '/admin/replans',
    operationId: 'replanComplaints',
    tag: 'Administration',
    summary: 'Re-plan chosen open complaints onto the current policy',
    description:
      'Running complaints keep the policy they started with. This moves chosen ones onto the policy new complaints start with now. `dryRun: true` (the default) lists every deadline that would move and changes nothing; `dryRun: false` applies it: each complaint records the moves on its timeline (`deadlines_replanned`), and the audit trail records who, when, why and every move (`complaints_replanned`).',
    access: { permission: 'administer' },
    request: { body: documented(replanBodySchema).openapi('ReplanRequest') },
    responses: { 200: { description: 'What moved (or would move), per complaint.', schema: ReplanAnswerSchema } },
    errors: [400, 401, 403, 413],
    handle: ({ body }, { deps, actor }) => deps.replanner.replanComplaints(actor, body),
  }),
  operation({
    method: 'get',
    path: '/admin/staff',
    operationId: 'listStaff',
    tag: 'Administration',
    summary: 'The staff directory',
    access: { permission: 'administer' },
    responses: { 200: { description: 'Every staff member, by id, with their workload.', schema: z.object({ items: z.array(StaffMemberSchema.extend({ openItems: z.int().min(0).openapi({ description: 'Open complaints owned and follow-up visits due.' }) })) }) } },
    errors: [401, 403],
    handle: (_input, { deps }) => staffWithLoad(deps.db),
  }),
  operation({
    method: 'put',
    path: '/admin/staff/{id}',
    operationId: 'putStaffMember',
    tag: 'Administration',
    summary: 'Create or replace a staff member',
    access: { permission: 'administer' },
    request: { params: staffIdParam, body: documented(staffBodySchema).openapi('StaffInput') },
    responses: { 200: { description: 'The stored staff member.', schema: StaffMemberSchema } },
    errors: [400, 401, 403, 413],
    handle: ({ params, body }, { deps, actor }) => storeStaffMember(deps.db, actor, params.id, body),
  }),
];
