/**
 * Need-to-know on the real stack: every route of the operations table, asked by people of every role
 * and every relation to one complaint (who received it, owns it, works in its department, leads
 * someone who does, or none of these; the quality team; an administrator; the complainant and another
 * customer; a disabled person, an unknown one and a forged role). The expected answer of each cell is
 * written here from SPEC's need-to-know rules, not computed by the scope code: 0 mismatches.
 * Then: the database refuses to change the timeline and the audit trail, and every administrative
 * route writes one audit row.
 */
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, notifications, problemComplaints, qualityReviews, type NewStaffRow } from '../../db/schema';
import { DEFAULT_SCORECARD } from '../../domain/quality-review';
import { loadCalendar } from '../../db/calendars';
import type { Role } from '../../domain/model';
import { isAllowed } from '../../domain/permissions';
import { ACTION_BY_ROUTE } from '../../domain/actions';
import { allOperations } from '../../api/operations';
import type { Operation } from '../../api/http/operation';
import { recordPolicyInForce } from '../../api/write/audit';
import { eventually, SECONDS_POLICY, startTestStack, validIntake, type TestStack } from '../support/stack';

const person = (id: string, role: NewStaffRow['role'], departmentId: string, supervisorId: string | null = null, active = true): NewStaffRow => ({
  id,
  name: id,
  role,
  departmentId,
  supervisorId,
  active,
  email: null,
  preferences: { channels: ['in_app'] },
});

/** A small org chart: the complaint is received at the front desk and handled in after-sales. */
const DIRECTORY: NewStaffRow[] = [
  person('mgr-a', 'manager', 'hq'),
  person('mgr-b', 'manager', 'hq-2'),
  person('sup-front', 'supervisor', 'front', 'mgr-a'),
  person('sup-1', 'supervisor', 'after_sales', 'mgr-a'),
  person('sup-2', 'supervisor', 'logistics', 'mgr-b'),
  person('a-recv', 'agent', 'front', 'sup-front'),
  person('a-dept', 'agent', 'after_sales', 'sup-1'),
  person('a-other', 'agent', 'logistics', 'sup-2'),
  person('h-own', 'handler', 'after_sales', 'sup-1'),
  person('h-dept', 'handler', 'after_sales', 'sup-1'),
  person('h-other', 'handler', 'logistics', 'sup-2'),
  person('h-gone', 'handler', 'after_sales', 'sup-1', false),
  person('q-1', 'quality', 'quality'),
  person('adm', 'admin', 'it'),
];

/** What a caller gets of the complaint: the case, the front desk's view, or nothing. */
type Reach = 'case' | 'front_desk' | 'none';

interface Caller {
  name: string;
  /** The role the token claims. */
  role: Role;
  sub: string;
  reach: Reach;
  /** The role the directory gives them (a forged claim is ignored). */
  actsAs?: Role;
  /** A valid token the service refuses (unknown or disabled): 403 on every signed-in route. */
  refused?: true;
}

const CALLERS: Caller[] = [
  { name: 'the complainant', role: 'customer', sub: 'cust-1', reach: 'case' },
  { name: 'another customer', role: 'customer', sub: 'cust-2', reach: 'none' },
  { name: 'the agent who received it', role: 'agent', sub: 'a-recv', reach: 'case' },
  { name: 'an agent of its department', role: 'agent', sub: 'a-dept', reach: 'case' },
  { name: 'an agent elsewhere (front desk)', role: 'agent', sub: 'a-other', reach: 'front_desk' },
  { name: 'the handler who owns it', role: 'handler', sub: 'h-own', reach: 'case' },
  { name: 'a handler of its department', role: 'handler', sub: 'h-dept', reach: 'case' },
  { name: 'a handler elsewhere', role: 'handler', sub: 'h-other', reach: 'none' },
  { name: 'the supervisor of its department', role: 'supervisor', sub: 'sup-1', reach: 'case' },
  { name: 'the supervisor of the agent who received it', role: 'supervisor', sub: 'sup-front', reach: 'case' },
  { name: 'a supervisor elsewhere', role: 'supervisor', sub: 'sup-2', reach: 'none' },
  { name: 'the manager above them', role: 'manager', sub: 'mgr-a', reach: 'case' },
  { name: 'a manager elsewhere', role: 'manager', sub: 'mgr-b', reach: 'none' },
  { name: 'the quality team', role: 'quality', sub: 'q-1', reach: 'case' },
  { name: 'an administrator', role: 'admin', sub: 'adm', reach: 'none' },
  { name: 'an agent whose token claims manager', role: 'manager', sub: 'a-other', reach: 'front_desk', actsAs: 'agent' },
  { name: 'a disabled handler', role: 'handler', sub: 'h-gone', reach: 'none', refused: true },
  { name: 'someone the directory does not know', role: 'manager', sub: 'nobody', reach: 'none', refused: true },
];

/** What an agent may do at the front desk, written out (SPEC §9): add information, withdraw, ask to reopen, a note, a reveal. */
const FRONT_DESK_SEGMENTS = ['evidence', 'notes', 'withdrawal', 'reopening', 'contact-reveal'];

const SEARCH_TEXT = '需知测试-独有描述';

let stack: TestStack;
let number: string;
let problemId: number;
let failedNotification: string;
let calendarYear: { year: string; data: unknown };
/** The complainant's access request, answered (its export made) before the table runs. */
let dataRequestId: string;
/** A published knowledge-base article, a draft to publish, and a scored quality review of h-own's handling. */
let articleId: number;
let draftArticleId: number;
let qualityReviewId: number;
/** Who reads that review: the quality team, the person reviewed, and the leads above them. */
const REVIEW_READERS = ['q-1', 'h-own', 'sup-1', 'mgr-a'];

beforeAll(async () => {
  // The complaint's process has ended (reopen window of one second), so no action changes who it relates to.
  stack = await startTestStack({ ...SECONDS_POLICY, durations: { ...SECONDS_POLICY.durations, reopenWindow: { amount: 1, unit: 'seconds' } } }, { staff: DIRECTORY });
  await stack.withWorker(async () => {
    const received = await stack.request('POST', '/complaints', { role: 'agent', sub: 'a-recv', body: validIntake({ description: `${SEARCH_TEXT}：电饭煲无法加热。` }) });
    expect(received.status).toBe(201);
    number = received.body.number;
    await eventually(async () => (await stack.request('GET', `/complaints/${number}`, { role: 'agent', sub: 'a-recv' })).body.state?.stage === 'acknowledged');
    const triaged = await stack.request('POST', `/complaints/${number}/triage`, { role: 'agent', sub: 'a-recv', body: { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'after_sales', assigneeId: 'h-own' } });
    expect(triaged.status).toBe(200);
    expect((await stack.request('POST', `/complaints/${number}/withdrawal`, { role: 'customer', sub: 'cust-1', body: { reason: '已自行解决' } })).status).toBe(200);
    await eventually(async () => (await stack.client.workflow.getHandle(number).describe()).status.name === 'COMPLETED', 30_000);
    const asked = await stack.request('POST', `/complaints/${number}/data-requests`, { role: 'customer', sub: 'cust-1', body: { kind: 'access' } });
    expect(asked.status).toBe(201);
    dataRequestId = asked.body.id;
    expect((await stack.request('POST', `/data-requests/${dataRequestId}/answer`, { role: 'handler', sub: 'h-own', body: { decision: 'answer' } })).status).toBe(200);
  });
  const opened = await stack.request('POST', '/problems', { role: 'supervisor', sub: 'sup-1', body: { title: '加热盘故障', origin: 'other', complaintNumbers: [number] } });
  expect(opened.status).toBe(201);
  problemId = opened.body.id;
  // The complainant's e-mail acknowledgement: one a lead may decide to send again once it has failed.
  const [row] = await stack.database.db.select({ id: notifications.id }).from(notifications).where(and(eq(notifications.complaintNumber, number), eq(notifications.channel, 'email'))).limit(1);
  failedNotification = row.id;
  const article = await stack.request('POST', '/knowledge/articles', { role: 'supervisor', sub: 'sup-1', body: { title: '加热盘故障', problem: '电饭煲无法加热', remedy: '更换加热盘', categories: ['product_quality'], keywords: ['无法加热'] } });
  articleId = article.body.id;
  expect((await stack.request('PUT', `/knowledge/articles/${articleId}/status`, { role: 'supervisor', sub: 'sup-1', body: { status: 'published' } })).status).toBe(200);
  draftArticleId = (await stack.request('POST', '/knowledge/articles', { role: 'handler', sub: 'h-own', body: { title: '草稿', problem: '草稿', remedy: '草稿' } })).body.id;
  const [review] = await stack.database.db
    .insert(qualityReviews)
    .values({ complaintNumber: number, period: '2026-11', handlerId: 'h-own', departmentId: 'after_sales', reasons: ['sampled'], status: 'scored', scorecard: [...DEFAULT_SCORECARD], reviewerId: 'q-1', scores: {}, total: 80, coachingNote: '注意解释清晰' })
    .returning({ id: qualityReviews.id });
  qualityReviewId = review.id;
  const calendar = await loadCalendar(stack.database.db);
  const [year, data] = Object.entries(calendar.years).at(-1)!;
  calendarYear = { year, data };
}, 180_000);

afterAll(async () => {
  await stack?.close();
});

/** An answer that means the request got past need-to-know: the handler ran (2xx, or 409/400 from the process itself). */
const REACHED = 'reached';
type Expect = number | readonly number[] | typeof REACHED;

const BODIES: Record<string, unknown> = {
  triage: { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'after_sales' },
  regrade: { grade: 'major', reason: '影响面扩大' },
  'on-spot-resolution': { remedies: [{ type: 'apology' }], note: '致歉' },
  evidence: { uri: 'https://files.example.com/photo.jpg' },
  findings: { facts: 'f', rootCause: 'r', responsibility: 'company' },
  'progress-updates': { message: '处理中' },
  proposal: { remedies: [{ type: 'refund', amountMinor: 10_000, currency: 'CNY' }], message: '退款 100 元' },
  approval: { decision: 'approve', reason: 'ok' },
  'customer-response': { accept: true },
  execution: { proof: 'done' },
  satisfaction: { score: 5 },
  'follow-up': { reached: true, satisfied: true },
  escalation: { reason: '顾客不满' },
  reassignment: { assigneeId: 'h-dept', reason: 'workload' },
  notes: { text: '补充说明' },
  'contact-reveal': { reason: '需要回电核实' },
  withdrawal: { reason: 'x' },
  reopening: { reason: '问题又出现了' },
  pause: { reason: 'waiting' },
  resumption: { reason: 'back' },
  closure: { outcome: 'invalid', reason: 'x' },
  // The complaints of this table are under no legal regime: the process refuses these (400) once reached.
  'legal-clock-stops': { clock: 'decision', reason: 'testing', note: '送检' },
  'legal-clock-resumptions': { clock: 'decision' },
  'legal-clock-extensions': { clock: 'decision', extension: 'complex', reason: 'x', customerMessage: 'x' },
  'regulator-acceptance': { acceptedOn: '2026-01-05' },
  // Closed, and no review is open: the process answers 409 once reached.
  'remedy-unexecutable': { reason: '账户已注销', customerMessage: '退款无法退回' },
  'major-review-sign-off': { review: 'legal', decision: 'cleared', note: '同意' },
};

interface Cell {
  path: string;
  body?: unknown;
  expect: Expect;
  /** What the answer's body must show (lists and reports: whether the complaint is in them). */
  shows?: (body: any, text: string) => boolean;
}

const has = (reach: Reach) => reach === 'case';

/** The request and the expected answer of one operation for one caller. */
function cellFor(op: Operation<unknown>, c: Caller): Cell {
  const role = c.actsAs ?? c.role;
  const fill = (path: string) =>
    path
      .replace('{number}', number)
      .replace(
        '{id}',
        op.path.startsWith('/problems')
          ? String(problemId)
          : op.path.includes('/data-requests')
            ? dataRequestId
            : op.path.startsWith('/supervision')
              ? failedNotification
              : op.path.startsWith('/inbox')
                ? '00000000-0000-4000-8000-000000000000'
                : op.path.startsWith('/knowledge')
                  ? String(articleId)
                  : op.path.startsWith('/quality')
                    ? String(qualityReviewId)
                    : 'x-new',
      )
      .replace('{table}', 'departments')
      .replace('{calendarId}', 'cn-mainland')
      .replace('{year}', calendarYear.year);
  const key = `${op.method.toUpperCase()} ${op.path}`;
  const path = fill(op.path);
  if (op.access === 'public') return { path, expect: PUBLIC[key] ?? 200 };
  if (c.refused) return { path, expect: 403 };
  if (op.access !== 'authenticated' && !isAllowed(role, op.access.permission)) return { path, expect: 403 };
  const segment = op.path.match(/^\/complaints\/\{number\}\/([a-z-]+)$/)?.[1];
  const action = segment ? ACTION_BY_ROUTE.get(segment) : undefined;
  if (action) {
    if (c.reach === 'none') return { path, body: BODIES[segment!], expect: 404 };
    if (c.reach === 'front_desk' && !FRONT_DESK_SEGMENTS.includes(segment!)) return { path, body: BODIES[segment!], expect: 403 };
    return { path, body: BODIES[segment!], expect: REACHED };
  }
  switch (key) {
    case 'POST /complaints':
      return { path, body: validIntake(), expect: 201 };
    case 'GET /complaints':
      return { path: `${path}?q=${encodeURIComponent(SEARCH_TEXT)}`, expect: 200, shows: (b) => b.items.some((i: { number: string }) => i.number === number) === has(c.reach) };
    case 'GET /complaints/{number}':
      if (c.reach === 'none') return { path, expect: 404 };
      return {
        path,
        expect: 200,
        shows: (b, text) =>
          c.reach === 'front_desk'
            ? b.access === 'front_desk' && b.complainant.masked === true && !text.includes('13800138000') && b.state === undefined
            : role === 'customer'
              ? b.state === undefined && b.stage.code === 'closed'
              : b.state.stage === 'closed' && b.description.includes(SEARCH_TEXT),
      };
    case 'GET /complaints/{number}/timeline':
      if (c.reach === 'none') return { path, expect: 404 };
      // The front desk gets the complainant's history in plain words, never staff ids.
      return { path, expect: 200, shows: (b, text) => (c.reach === 'front_desk' || role === 'customer' ? Array.isArray(b.history) && !text.includes('h-own') : b.events.length > 0) };
    case 'GET /complaints/{number}/notifications':
      return { path, expect: has(c.reach) ? 200 : 404 };
    case 'POST /complaints/{number}/tracking-link':
      return { path, expect: has(c.reach) ? 201 : 404 };
    case 'DELETE /complaints/{number}/tracking-link':
      return { path, expect: has(c.reach) ? 204 : 404 };
    case 'GET /supervision/notifications':
      return { path: `${path}?status=failed`, expect: 200, shows: (b) => b.items.some((i: { id: string }) => i.id === failedNotification) === has(c.reach) };
    case 'POST /supervision/notifications/{id}/resend':
      return { path, body: { reason: '邮件服务器已恢复' }, expect: has(c.reach) ? 202 : 404 };
    case 'GET /me':
      // The directory's word, whatever the token claimed.
      return { path, expect: 200, shows: (b) => b.id === c.sub && b.role === role };
    case 'GET /supervision/stuck':
    case 'GET /supervision/team':
    case 'GET /me/work':
    case 'GET /inbox':
    case 'GET /problems':
    case 'GET /admin/audit':
    case 'GET /admin/staff':
    case 'GET /admin/calendars/{calendarId}':
      return { path, expect: 200 };
    case 'GET /reports/summary':
      return { path: `${path}?departmentId=after_sales`, expect: 200, shows: (b) => b.figures.volume === (has(c.reach) ? 1 : 0) };
    case 'GET /reports/export/{table}.csv':
      return { path, expect: 200, shows: (_b, text) => text.includes('after_sales') === has(c.reach) };
    case 'POST /problems':
      // A complaint out of scope reads like an unknown number: 400 naming it.
      return { path, body: { title: '另一个问题', origin: 'other', complaintNumbers: [number] }, expect: has(c.reach) ? 201 : 400 };
    case 'GET /problems/{id}':
      return { path, expect: 200, shows: (b) => b.linkedComplaints.some((l: { number: string }) => l.number === number) === has(c.reach) };
    case 'PATCH /problems/{id}':
      return { path, body: { correctiveAction: '更换供应商' }, expect: 200 };
    case 'POST /problems/{id}/complaints':
      return { path, body: { numbers: [number] }, expect: has(c.reach) ? 200 : 400 };
    case 'DELETE /problems/{id}/complaints/{number}':
      return { path, expect: has(c.reach) ? 204 : 404 };
    case 'POST /inbox/{id}/read':
      return { path, expect: 404 };
    case 'PUT /admin/calendars/{calendarId}/{year}':
      return { path, body: calendarYear.data, expect: 200 };
    case 'POST /admin/replans':
      return { path, body: { complaints: [number], reason: '预览新政策', dryRun: true }, expect: 200 };
    case 'PUT /admin/staff/{id}':
      return { path, body: { name: '新同事', role: 'handler', departmentId: 'after_sales', supervisorId: 'sup-1' }, expect: 200 };
    case 'GET /complaints/{number}/personal-data':
      return { path, expect: has(c.reach) ? 200 : 404, shows: (b) => !has(c.reach) || b.dataRequests.some((r: { id: string }) => r.id === dataRequestId) };
    case 'PUT /complaints/{number}/legal-hold':
      return { path, body: { reason: 'dispute', note: '诉讼中' }, expect: has(c.reach) ? 204 : 404 };
    case 'DELETE /complaints/{number}/legal-hold':
      return { path: `${path}?note=${encodeURIComponent('诉讼结束')}`, expect: has(c.reach) ? [204, 409] : 404 };
    case 'POST /complaints/{number}/data-requests':
      // The front desk takes a person's request on the phone like any other.
      return { path, body: { kind: 'copy' }, expect: c.reach === 'none' ? 404 : 201 };
    case 'GET /data-requests':
      return { path, expect: 200, shows: (b) => b.items.some((r: { id: string }) => r.id === dataRequestId) === has(c.reach) };
    case 'GET /data-requests/{id}':
      return { path, expect: has(c.reach) ? 200 : 404 };
    case 'GET /data-requests/{id}/export':
      return { path, expect: has(c.reach) ? 200 : 404, shows: (_b, text) => !has(c.reach) || text.includes('xiaoming@example.com') };
    case 'POST /data-requests/{id}/answer':
      // Answered already: the request reached them, and its status is the answer.
      return { path, body: { decision: 'answer' }, expect: has(c.reach) ? 409 : 404 };
    case 'GET /admin/retention':
    case 'GET /admin/triage-rules':
    case 'GET /knowledge/articles':
    case 'GET /reports/knowledge':
    case 'GET /reports/recovery':
    case 'GET /reports/quality':
      return { path, expect: 200 };
    case 'POST /admin/triage-rules':
      return { path, body: { changes: { repeatWindowDays: 30 }, reason: '复核重复投诉窗口' }, expect: 201 };
    case 'POST /knowledge/articles':
      return { path, body: { title: '新文章', problem: '问题', remedy: '方案' }, expect: 201 };
    case 'GET /knowledge/articles/{id}':
      return { path, expect: 200 };
    case 'PATCH /knowledge/articles/{id}':
      // A published article is edited by leads; its author (not these) could only edit it as a draft.
      return { path, body: { keywords: ['无法加热', '不加热'] }, expect: role === 'supervisor' || role === 'manager' ? 200 : 409 };
    case 'PUT /knowledge/articles/{id}/status':
      // Published already: the move is refused with its status once reached.
      return { path, body: { status: 'published' }, expect: 409 };
    case 'GET /complaints/{number}/knowledge-suggestions':
      return { path, expect: has(c.reach) ? 200 : 404, shows: (b) => !has(c.reach) || b.items.some((a: { id: number }) => a.id === articleId) };
    case 'POST /complaints/{number}/knowledge-uses':
      return { path, body: { articleId, stage: 'proposal' }, expect: has(c.reach) ? [200, 201] : 404 };
    case 'POST /quality/sampling-runs':
      return { path, body: { period: '2026-11' }, expect: 200 };
    case 'GET /quality/reviews':
      return { path, expect: 200, shows: (b) => b.items.some((r: { id: number }) => r.id === qualityReviewId) === REVIEW_READERS.includes(c.sub) };
    case 'GET /quality/reviews/{id}':
      return { path, expect: REVIEW_READERS.includes(c.sub) ? 200 : 404 };
    case 'POST /quality/reviews/{id}/score':
      // Scored already.
      return { path, body: { scores: {}, coachingNote: 'x' }, expect: 409 };
    case 'POST /quality/reviews/{id}/response':
      // Only the person reviewed answers; others who read it are refused, the rest do not see it.
      return { path, body: { agree: true, text: '同意' }, expect: c.sub === 'h-own' ? 200 : REVIEW_READERS.includes(c.sub) ? 403 : 404 };
    case 'POST /quality/reviews/{id}/decision':
      // Not disputed: refused with its status once reached.
      return { path, body: { decision: 'upheld', note: '维持' }, expect: REVIEW_READERS.includes(c.sub) ? 409 : 404 };
    case 'POST /admin/retention/sweeps':
      return { path, expect: 202 };
    default:
      throw new Error(`no cell for ${key}: add it to the table`);
  }
}

/** Public routes answer the same to everyone (and never show the complaint); the tracking API without its secret: 404, then 429 once the failures add up. */
const PUBLIC: Record<string, Expect> = {
  'GET /track/{number}': 200,
  'GET /track/api/{number}': [404, 429],
  'POST /track/api/{number}/{action}': [404, 429],
  'GET /track/api/{number}/data-requests': [404, 429],
  'POST /track/api/{number}/data-requests': [404, 429],
  'GET /track/api/{number}/data-requests/{id}/export': [404, 429],
};

const OPERATIONS = allOperations(() => ({}) as never, async () => ({ contentType: 'text/plain', body: '' })) as Operation<unknown>[];

describe('need-to-know: role × relation × route', () => {
  const counted = { cells: 0, mismatches: 0 };
  afterAll(() => {
    // The figure for the closing note; every route of the table for every caller.
    console.log(`need-to-know: ${counted.cells} cells (${CALLERS.length} callers × ${OPERATIONS.length} routes), ${counted.mismatches} mismatches`);
  });

  it.each(CALLERS.map((c) => [c.name, c] as const))('%s', async (_name, caller) => {
    // Reset what an earlier caller's cells changed: the failed notification, the problem's link.
    await stack.database.db.update(notifications).set({ status: 'failed' }).where(eq(notifications.id, failedNotification));
    await stack.database.db.insert(problemComplaints).values({ problemId, complaintNumber: number, linkedBy: 'sup-1' }).onConflictDoNothing();
    await stack.database.db.update(qualityReviews).set({ status: 'scored', handlerResponse: null, respondedAt: null }).where(eq(qualityReviews.id, qualityReviewId));
    const token = await stack.token(caller.role, caller.sub);
    const mismatches: string[] = [];
    for (const op of OPERATIONS) {
      const cell = cellFor(op, caller);
      const res = await fetch(`${stack.api.url}${cell.path}`, {
        method: op.method.toUpperCase(),
        headers: { authorization: `Bearer ${token}`, ...(cell.body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: cell.body === undefined ? undefined : JSON.stringify(cell.body),
      });
      const text = await res.text();
      const ok = cell.expect === REACHED ? res.status < 500 && res.status !== 403 && res.status !== 404 : typeof cell.expect === 'number' ? res.status === cell.expect : cell.expect.includes(res.status);
      let shown = true;
      if (ok && cell.shows) {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch {
          body = undefined;
        }
        shown = cell.shows(body, text);
      }
      if (!ok || !shown) mismatches.push(`${op.method.toUpperCase()} ${op.path}: expected ${cell.expect}${cell.shows ? ' (with its content rule)' : ''}, got ${res.status} ${text.slice(0, 160)}`);
      counted.cells++;
    }
    counted.mismatches += mismatches.length;
    expect(mismatches).toEqual([]);
  });
});

describe('append-only, and an audit row for every administrative change', () => {
  it('the database refuses UPDATE and DELETE on the timeline and the audit trail', async () => {
    // As the service's own database role (the one its pool connects with).
    const db = stack.database.db;
    const refusal = (statement: ReturnType<typeof sql>) =>
      db.execute(statement).then(
        () => 'changed',
        (err: { cause?: { message?: string } }) => err.cause?.message ?? String(err),
      );
    expect(await refusal(sql`update timeline_events set reason = 'rewritten' where complaint_number = ${number}`)).toBe('timeline_events is append-only: UPDATE refused');
    expect(await refusal(sql`delete from timeline_events where complaint_number = ${number}`)).toBe('timeline_events is append-only: DELETE refused');
    expect(await refusal(sql`truncate timeline_events cascade`)).toBe('timeline_events is append-only: TRUNCATE refused');
    expect(await refusal(sql`update audit_log set reason = 'nothing happened'`)).toBe('audit_log is append-only: UPDATE refused');
    expect(await refusal(sql`delete from audit_log`)).toBe('audit_log is append-only: DELETE refused');
    expect(await refusal(sql`truncate audit_log`)).toBe('audit_log is append-only: TRUNCATE refused');
    expect((await db.execute(sql`select count(*)::int as n from timeline_events where complaint_number = ${number} and reason = 'rewritten'`)).rows[0]).toEqual({ n: 0 });
  });

  const rows = (action: string, subject: string) => stack.database.db.select().from(auditLog).where(and(eq(auditLog.action, action as never), eq(auditLog.subject, subject)));

  it.each<[string, () => Promise<{ status: number }>, string, () => string]>([
    ['PUT /admin/staff/{id} (a new person)', () => stack.request('PUT', '/admin/staff/h-new', { role: 'admin', sub: 'adm', body: { name: '新人', role: 'handler', departmentId: 'after_sales', supervisorId: 'sup-1' } }), 'staff_saved', () => 'h-new'],
    ['PUT /admin/staff/{id} (away from tomorrow)', () => stack.request('PUT', '/admin/staff/h-dept', { role: 'admin', sub: 'adm', body: { name: 'h-dept', role: 'handler', departmentId: 'after_sales', supervisorId: 'sup-1', awayFrom: new Date(Date.now() + 86_400_000).toISOString() } }), 'staff_saved', () => 'h-dept'],
    ['PUT /admin/calendars/{id}/{year}', () => stack.request('PUT', `/admin/calendars/cn-mainland/${calendarYear.year}`, { role: 'admin', sub: 'adm', body: calendarYear.data }), 'calendar_year_saved', () => `cn-mainland/${calendarYear.year}`],
    ['POST /admin/replans (applied)', () => stack.request('POST', '/admin/replans', { role: 'admin', sub: 'adm', body: { complaints: [number], reason: '统一执行新政策', dryRun: false } }), 'complaints_replanned', () => `policy ${stack.policy.current.version}`],
    ['POST /complaints/{n}/tracking-link', () => stack.request('POST', `/complaints/${number}/tracking-link`, { role: 'handler', sub: 'h-own' }), 'tracking_link_reissued', () => number],
    ['DELETE /complaints/{n}/tracking-link', () => stack.request('DELETE', `/complaints/${number}/tracking-link`, { role: 'handler', sub: 'h-own' }), 'tracking_link_revoked', () => number],
    ['PATCH /problems/{id}', () => stack.request('PATCH', `/problems/${problemId}`, { role: 'supervisor', sub: 'sup-1', body: { status: 'acting', correctiveAction: '更换加热盘', ownerId: 'sup-1', dueDate: '2027-01-15' } }), 'problem_status_changed', () => `problem/${problemId}`],
    ['POST /supervision/notifications/{id}/resend', async () => {
      await stack.database.db.update(notifications).set({ status: 'failed' }).where(eq(notifications.id, failedNotification));
      return stack.request('POST', `/supervision/notifications/${failedNotification}/resend`, { role: 'supervisor', sub: 'sup-1', body: { reason: '已核实邮件未送达' } });
    }, 'notification_resend_requested', () => failedNotification],
    ['POST /complaints/{n}/contact-reveal', () => stack.request('POST', `/complaints/${number}/contact-reveal`, { role: 'agent', sub: 'a-other', body: { reason: '顾客来电查询进度，需核对身份' } }), 'contact_revealed', () => number],
    ['a refused sign-in', () => stack.request('GET', '/me/work', { role: 'manager', sub: 'someone-else' }), 'sign_in_refused', () => 'someone-else'],
    ['PUT /complaints/{n}/legal-hold', () => stack.request('PUT', `/complaints/${number}/legal-hold`, { role: 'quality', sub: 'q-1', body: { reason: 'investigation', note: '内部调查' } }), 'legal_hold_placed', () => number],
    ['DELETE /complaints/{n}/legal-hold', () => stack.request('DELETE', `/complaints/${number}/legal-hold?note=${encodeURIComponent('调查结束')}`, { role: 'quality', sub: 'q-1' }), 'legal_hold_released', () => number],
    ['POST /admin/retention/sweeps', () => stack.request('POST', '/admin/retention/sweeps', { role: 'admin', sub: 'adm' }), 'retention_sweep_run', () => 'retention-sweep'],
    ['GET /data-requests/{id}/export', () => stack.request('GET', `/data-requests/${dataRequestId}/export`, { role: 'quality', sub: 'q-1' }), 'personal_data_exported', () => dataRequestId],
    ['PUT /knowledge/articles/{id}/status', () => stack.request('PUT', `/knowledge/articles/${draftArticleId}/status`, { role: 'supervisor', sub: 'sup-1', body: { status: 'published', reason: '已核实' } }), 'knowledge_article_published', () => `knowledge/${draftArticleId}`],
    ['POST /quality/sampling-runs', () => stack.request('POST', '/quality/sampling-runs', { role: 'quality', sub: 'q-1', body: { period: '2026-10' } }), 'quality_review_sampled', () => 'quality/2026-10'],
  ])('%s writes one audit row', async (_name, call, action, subject) => {
    const before = (await rows(action, subject())).length;
    const res = await call();
    expect(res.status).toBeLessThan(action === 'sign_in_refused' ? 500 : 300);
    const after = await rows(action, subject());
    expect(after).toHaveLength(before + 1);
    const row = after.at(-1)!;
    expect(row.actorId).toBeTruthy();
    if (action === 'staff_saved') expect(row.after).toMatchObject({ id: subject() });
    if (action === 'contact_revealed') expect(row).toMatchObject({ actorId: 'a-other', actorRole: 'agent', reason: '顾客来电查询进度，需核对身份' });
    // No secret or contact data is kept in the trail.
    expect(JSON.stringify(row)).not.toMatch(/13800138000|xiaoming@|track\/.*#/);
  });

  it('a changed policy is recorded once when a process starts with it, however many start', async () => {
    const db = stack.database.db;
    const before = (await rows('policy_changed', 'policy')).length;
    const results = await Promise.all([recordPolicyInForce(db, { version: 'p-1' }), recordPolicyInForce(db, { version: 'p-1' })]);
    expect(results.sort()).toEqual([false, true]);
    expect(await recordPolicyInForce(db, { version: 'p-1' })).toBe(false);
    expect(await recordPolicyInForce(db, { version: 'p-2', durations: { reply: { amount: 3, unit: 'days' } } })).toBe(true);
    const recorded = await rows('policy_changed', 'policy');
    expect(recorded).toHaveLength(before + 2);
    expect(recorded.at(-1)).toMatchObject({ actorId: 'system', before: { version: 'p-1' }, after: { version: 'p-2' } });
  });

  it('admins and the quality team read the trail, filtered; nobody else', async () => {
    const all = await stack.request('GET', '/admin/audit?limit=500', { role: 'quality', sub: 'q-1' });
    expect(all.status).toBe(200);
    expect(new Set(all.body.items.map((i: { action: string }) => i.action))).toEqual(
      new Set([
        'staff_saved',
        'calendar_year_saved',
        'complaints_replanned',
        'policy_changed',
        'tracking_link_reissued',
        'tracking_link_revoked',
        'problem_status_changed',
        'notification_resend_requested',
        'contact_revealed',
        'sign_in_refused',
        'legal_hold_placed',
        'legal_hold_released',
        'data_request_received',
        'data_request_answered',
        'personal_data_exported',
        'retention_sweep_run',
        'triage_rules_changed',
        'knowledge_article_published',
        'quality_review_sampled',
      ]),
    );
    const reveals = await stack.request('GET', `/admin/audit?action=contact_revealed&subject=${number}`, { role: 'admin', sub: 'adm' });
    expect(reveals.body.items.length).toBeGreaterThan(0);
    expect(reveals.body.items.every((i: { action: string; subject: string }) => i.action === 'contact_revealed' && i.subject === number)).toBe(true);
    const paged = await stack.request('GET', '/admin/audit?limit=2', { role: 'admin', sub: 'adm' });
    const next = await stack.request('GET', `/admin/audit?limit=2&before=${paged.body.next}`, { role: 'admin', sub: 'adm' });
    expect(next.body.items[0].id).toBeLessThan(paged.body.items[1].id + 1);
    expect((await stack.request('GET', '/admin/audit?action=teleport', { role: 'admin', sub: 'adm' })).status).toBe(400);
    for (const [role, sub] of [['supervisor', 'sup-1'], ['manager', 'mgr-a'], ['agent', 'a-recv']] as const) {
      expect((await stack.request('GET', '/admin/audit', { role, sub })).status).toBe(403);
    }
  });
});
