/** Systemic problems (domain/problems.ts): opened from a hot spot or a repeat product, linked to complaints, acted on, resolved. */
import { z } from 'zod';
import { CATEGORIES, STAGES } from '../../domain/model';
import { ARTICLE_STATUSES } from '../../domain/knowledge';
import { operation, Reply, type Operation } from '../http/operation';
import { listProblems, problemWithComplaints } from '../read/problems';
import { numberParam, problemCreateSchema, problemIdParam, problemLinkSchema, problemListQuerySchema, problemUpdateSchema } from '../schemas/requests';
import { dateTime, documented, ProblemSchema } from '../schemas/responses';
import { linkComplaints, openProblem, unlinkComplaint, updateProblem } from '../write/problems';
import type { AppDependencies } from './dependencies';

export const PROBLEM_OPERATIONS: Operation<AppDependencies>[] = [
  operation({
    method: 'post',
    path: '/problems',
    operationId: 'openProblem',
    tag: 'Reports',
    summary: 'Open a systemic problem',
    description: 'From a hot spot, a repeat product or repeat complainant; optionally linking complaints at once.',
    access: { permission: 'problems' },
    request: { body: problemCreateSchema },
    responses: { 201: { description: 'Opened.', schema: ProblemSchema } },
    errors: [400, 401, 403],
    async handle({ body }, { deps, actor }) {
      const problem = await openProblem(deps.db, actor, body);
      return Reply.json(201, problem, { Location: `/problems/${problem.id}` });
    },
  }),
  operation({
    method: 'get',
    path: '/problems',
    operationId: 'listProblems',
    tag: 'Reports',
    summary: 'Systemic problems (default: not resolved)',
    access: { permission: 'problems' },
    request: { query: problemListQuerySchema.extend({ status: documented(problemListQuerySchema.shape.status).openapi({ default: 'unresolved' }) }) },
    responses: { 200: { description: 'Oldest first.', schema: z.object({ items: z.array(ProblemSchema) }) } },
    errors: [400, 401, 403],
    handle: ({ query }, { deps }) => listProblems(deps.db, query.status),
  }),
  operation({
    method: 'get',
    path: '/problems/{id}',
    operationId: 'getProblem',
    tag: 'Reports',
    summary: 'A problem and its linked complaints',
    access: { permission: 'problems' },
    request: { params: problemIdParam },
    responses: {
      200: {
        description: 'The problem.',
        schema: ProblemSchema.extend({
          linkedComplaints: z.array(z.object({ number: z.string(), stage: z.enum(STAGES), category: z.enum(CATEGORIES).nullable(), receivedAt: dateTime, linkedAt: dateTime, linkedBy: z.string() })),
          articles: z.array(z.object({ id: z.int(), title: z.string(), status: z.enum(ARTICLE_STATUSES) })).openapi({ description: 'Knowledge-base articles the corrective action ended as (`POST /knowledge/articles` with `problemId`).' }),
        }),
      },
    },
    errors: [400, 401, 403, 404],
    handle: ({ params }, { deps, actor }) => problemWithComplaints(deps.db, params.id, actor),
  }),
  operation({
    method: 'patch',
    path: '/problems/{id}',
    operationId: 'updateProblem',
    tag: 'Reports',
    summary: 'Record the corrective action, owner, due date, or move the status',
    description: '`acting` needs a corrective action, an owner (active staff) and a due date; `resolved` needs a resolution. A move the status table does not allow is a 409 with the current `status`.',
    access: { permission: 'problems' },
    request: { params: problemIdParam, body: problemUpdateSchema },
    responses: { 200: { description: 'Updated.', schema: ProblemSchema } },
    errors: [400, 401, 403, 404, 409],
    handle: ({ params, body }, { deps, actor }) => updateProblem(deps.db, actor, params.id, body),
  }),
  operation({
    method: 'post',
    path: '/problems/{id}/complaints',
    operationId: 'linkProblemComplaints',
    tag: 'Reports',
    summary: 'Link complaints to a problem',
    description: 'All or nothing: an unknown number is a 400 naming it. Linking twice is harmless.',
    access: { permission: 'problems' },
    request: { params: problemIdParam, body: problemLinkSchema },
    responses: { 200: { description: 'Linked.', schema: z.object({ id: z.int(), complaints: z.int() }) } },
    errors: [400, 401, 403, 404],
    handle: ({ params, body }, { deps, actor }) => linkComplaints(deps.db, actor, params.id, body.numbers),
  }),
  operation({
    method: 'delete',
    path: '/problems/{id}/complaints/{number}',
    operationId: 'unlinkProblemComplaint',
    tag: 'Reports',
    summary: 'Unlink a complaint from a problem',
    access: { permission: 'problems' },
    request: { params: problemIdParam.extend(numberParam.shape) },
    responses: { 204: { description: 'Unlinked (or was not linked).' } },
    errors: [400, 401, 403, 404],
    async handle({ params }, { deps, actor }) {
      await unlinkComplaint(deps.db, actor, params.id, params.number);
      return Reply.empty();
    },
  }),
];
