/**
 * The HTTP API on the real stack: every (role, action) pair, customer scoping, malformed requests,
 * idempotent actions.
 */
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { timelineEvents } from '../../db/schema';
import { ROLES, type Role } from '../../domain/model';
import { isAllowed } from '../../domain/permissions';
import { ACTION_BY_ROUTE } from '../../domain/actions';
import { eventually, startTestStack, TEST_DESK_DEPARTMENT, TEST_JWT_SECRET, useTestPolicy, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

const sub = (role: Role) => (role === 'customer' ? 'cust-1' : `${role}-test`);

async function call(number: string, segment: string, role: Role, body: unknown) {
  return stack.request('POST', `/complaints/${number}/${segment}`, { role, sub: sub(role), body });
}

async function must(number: string, segment: string, body: unknown, role: Role = 'supervisor') {
  const res = await call(number, segment, role, body);
  if (res.status !== 200) throw new Error(`${segment}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.state;
}

async function file(intake: Record<string, unknown> = {}): Promise<string> {
  const res = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake(intake) });
  const number = res.body.number as string;
  // The recorded timeline, not only the live state: tests below compare event counts.
  await eventually(async () => (await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number))).some((e) => e.type === 'acknowledged'));
  return number;
}

// Routed to the test desk, whose people (`<role>-test`) are the ones acting in the role × action table.
const complex = { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: TEST_DESK_DEPARTMENT };
const simple = { category: 'service_attitude', severity: 'low', grade: 'simple', departmentId: TEST_DESK_DEPARTMENT };
// The findings of these cases make the company responsible, so a proposal includes an apology (service recovery).
const proposal = (yuan: number) => ({ remedies: [{ type: 'refund', amountMinor: yuan * 100, currency: 'CNY' }, { type: 'apology' }], message: `退款 ${yuan} 元并致歉` });

/** Brings a new complaint to where `segment` fits, using a supervisor for every step. */
async function prepare(segment: string, role: Role): Promise<string> {
  // The legal-clock actions need a complaint under a regime: a regulator's transfer, or a bank's complaint.
  const legal = segment.startsWith('legal-clock') || segment === 'regulator-acceptance';
  const number = await file(!legal ? {} : segment === 'legal-clock-extensions' ? BANKING : TRANSFER);
  const investigate = () => must(number, 'triage', complex);
  const propose = async () => {
    await investigate();
    await must(number, 'findings', { facts: 'f', rootCause: 'r', responsibility: 'company' });
  };
  const negotiate = async () => {
    await propose();
    await must(number, 'proposal', proposal(100));
  };
  const execute = async () => {
    await negotiate();
    await must(number, 'customer-response', { accept: true });
  };
  switch (segment) {
    case 'contact-reveal':
    case 'evidence':
    case 'notes':
    case 'escalation':
      // A handler reaches a complaint once it is routed to their department (agents: from intake on).
      if (role === 'handler') await investigate();
      return number;
    case 'triage':
    case 'reassignment':
    case 'withdrawal':
    case 'closure':
      return number;
    case 'on-spot-resolution':
    case 'regrade':
      await must(number, 'triage', simple);
      return number;
    case 'findings':
    case 'progress-updates':
    case 'pause':
      await investigate();
      return number;
    case 'resumption':
      await investigate();
      await must(number, 'pause', { reason: 'waiting' });
      return number;
    case 'proposal':
      await propose();
      return number;
    case 'approval':
      await propose();
      await must(number, 'proposal', proposal(1000), 'handler');
      return number;
    case 'customer-response':
      await negotiate();
      return number;
    case 'execution':
    case 'remedy-unexecutable':
      await execute();
      return number;
    case 'major-review-sign-off':
      // A major case with a lawyer in it: its legal review is the test desk's (the policy names the reviewing department).
      return reviewedMajorCase();
    case 'satisfaction':
      await execute();
      await must(number, 'execution', { proof: 'done' });
      return number;
    case 'reopening':
      await must(number, 'withdrawal', { reason: 'withdrawn first' });
      return number;
    case 'regulator-acceptance':
    case 'legal-clock-extensions':
      await investigate();
      return number;
    case 'legal-clock-stops':
      await investigate();
      await must(number, 'regulator-acceptance', { acceptedOn: TODAY });
      return number;
    case 'legal-clock-resumptions':
      await investigate();
      await must(number, 'regulator-acceptance', { acceptedOn: TODAY });
      await must(number, 'legal-clock-stops', { clock: 'regulatorMediation', reason: 'testing', note: '送检' });
      return number;
    case 'follow-up':
      await execute();
      await must(number, 'execution', { proof: 'done' });
      await must(number, 'satisfaction', { score: 1 });
      await eventually(async () => (await stack.request('GET', `/complaints/${number}`, { role: 'supervisor' })).body.state.stage === 'follow_up');
      return number;
    default:
      throw new Error(`no preparation for ${segment}`);
  }
}

async function reviewedMajorCase(): Promise<string> {
  useTestPolicy(stack, { majorReview: { legal: { departmentId: TEST_DESK_DEPARTMENT } } });
  const number = await file({ description: '电饭煲加热后有焦味，我已经请了律师。' });
  useTestPolicy(stack);
  await must(number, 'triage', { ...complex, grade: 'major' });
  return number;
}

/** Today in the organisation's time zone (cn-mainland, UTC+8). */
const TODAY = new Date(Date.now() + 480 * 60_000).toISOString().slice(0, 10);
const TRANSFER = { channel: 'regulator_transfer', regime: 'cn-samr-transfer', regulator: { reference: 'SH-12315-1', office: '市场监督管理局', dueDate: TODAY } };
const BANKING = { regime: 'cn-banking-insurance' };

const BODIES: Record<string, unknown> = {
  triage: complex,
  'legal-clock-stops': { clock: 'regulatorMediation', reason: 'testing', note: '送检' },
  'legal-clock-resumptions': { clock: 'regulatorMediation', note: '检测完成' },
  'legal-clock-extensions': { clock: 'decision', extension: 'complex', reason: '情况复杂', customerMessage: '处理期限延长至30日' },
  'regulator-acceptance': { acceptedOn: TODAY },
  'on-spot-resolution': { remedies: [{ type: 'apology' }], note: '致歉' },
  regrade: { grade: 'complex', reason: '需要调查取证' },
  'contact-reveal': { reason: '需要回电核实' },
  evidence: { uri: 'https://files.example.com/photo.jpg' },
  findings: { facts: 'f', rootCause: 'r', responsibility: 'company' },
  'progress-updates': { message: '处理中' },
  proposal: proposal(100),
  approval: { decision: 'approve', reason: 'ok' },
  'customer-response': { accept: true },
  execution: { proof: 'done' },
  'remedy-unexecutable': { reason: '账户已注销', customerMessage: '退款无法退回，我们将改为其他方式补偿' },
  'major-review-sign-off': { review: 'legal', decision: 'cleared', note: '同意' },
  satisfaction: { score: 5 },
  'follow-up': { reached: true, satisfied: true },
  escalation: { reason: 'customer is upset' },
  reassignment: { assigneeId: 'handler-liu', reason: 'workload' },
  notes: { text: '补充说明' },
  withdrawal: { reason: 'resolved elsewhere' },
  reopening: { reason: 'problem is back' },
  pause: { reason: 'waiting for the customer' },
  resumption: { reason: 'customer answered' },
  closure: { outcome: 'invalid', reason: 'not a complaint about us' },
};

describe('role × action', () => {
  const segments = [...ACTION_BY_ROUTE.keys()];
  it('has a body and a preparation for every action route', () => {
    expect(Object.keys(BODIES).sort()).toEqual([...segments].sort());
  });

  const pairs = segments.flatMap((segment) => ROLES.map((role) => [segment, role] as const));
  it.each(pairs)('%s by %s', async (segment, role) => {
    await stack.withWorker(async () => {
      const allowed = isAllowed(role, ACTION_BY_ROUTE.get(segment)!);
      if (!allowed) {
        // Refused before anything is looked up: any complaint will do.
        const number = await file();
        const before = await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number));
        const res = await call(number, segment, role, BODIES[segment]);
        expect(res.status).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
        const after = await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number));
        expect(after).toHaveLength(before.length);
        return;
      }
      const number = await prepare(segment, role);
      const res = await call(number, segment, role, BODIES[segment]);
      expect({ status: res.status, body: res.status === 200 ? 'ok' : res.body }).toEqual({ status: 200, body: 'ok' });
    });
  });
});

describe('customers', () => {
  it('see only their own complaints, without internal notes', async () => {
    await stack.withWorker(async () => {
      const number = await file();
      await must(number, 'notes', { text: '内部：顾客情绪激动，注意沟通', internal: true }, 'agent');
      await must(number, 'notes', { text: '已致电顾客说明进度', toCustomer: true }, 'agent');
      await must(number, 'notes', { text: '员工备注：未标记给客户' }, 'agent');
      const other = await stack.request('GET', `/complaints/${number}`, { role: 'customer', sub: 'cust-2' });
      expect(other.status).toBe(404);
      expect((await stack.request('GET', `/complaints/${number}/timeline`, { role: 'customer', sub: 'cust-2' })).status).toBe(404);
      expect((await call(number, 'withdrawal', 'customer', { reason: 'x' })).status).toBe(200);
      const own = await stack.request('GET', `/complaints/${number}/timeline`, { role: 'customer', sub: 'cust-1' });
      expect(own.status).toBe(200);
      const text = JSON.stringify(own.body);
      expect(text).not.toContain('内部');
      expect(text).not.toContain('员工备注');
      expect(text).toContain('已致电顾客说明进度');
      expect((await stack.request('GET', '/complaints', { role: 'customer', sub: 'cust-1' })).status).toBe(403);
    });
  });
});

describe('malformed requests', () => {
  let number: string;
  beforeAll(async () => {
    number = await stack.withWorker(() => file());
  });

  it.each<[string, () => Promise<{ status: number; body: any }>, number, string]>([
    ['bad JSON', () => stack.request('POST', '/complaints', { role: 'agent', body: '{"channel": "web",' }), 400, 'malformed_json'],
    ['a JSON string as body', () => stack.request('POST', '/complaints', { role: 'agent', body: '"hello"' }), 400, 'malformed_json'],
    ['wrong types', () => stack.request('POST', `/complaints/${'CMP-20260101-000001'}/satisfaction`, { role: 'customer', sub: 'cust-1', body: { score: 'five' } }), 400, 'validation_failed'],
    ['unknown fields on an action', () => stack.request('POST', `/complaints/${number}/notes`, { role: 'agent', body: { text: 'x', colour: 'red' } }), 400, 'validation_failed'],
    ['an oversize body', () => stack.request('POST', '/complaints', { role: 'agent', body: { ...validIntake(), description: 'x'.repeat(70_000) } }), 413, 'payload_too_large'],
    ['a bad complaint number', () => stack.request('GET', '/complaints/12345', { role: 'agent' }), 400, 'validation_failed'],
    ['an unknown action', () => stack.request('POST', `/complaints/${number}/teleport`, { role: 'admin', body: {} }), 404, 'not_found'],
    ['an unknown route', () => stack.request('GET', '/nowhere', { role: 'agent' }), 404, 'not_found'],
    ['no token', () => stack.request('GET', '/complaints', { token: null }), 401, 'unauthorized'],
    ['a garbage token', () => stack.request('GET', '/complaints', { token: 'not.a.jwt' }), 401, 'unauthorized'],
    ['a token signed with another key', () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('complaint-service').setAudience('complaint-service').setExpirationTime('1h').sign(new TextEncoder().encode('another-secret-another-secret-12345')).then((t) => stack.request('GET', '/complaints', { token: t })), 401, 'unauthorized'],
    ['an expired token', () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('complaint-service').setAudience('complaint-service').setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_100).sign(new TextEncoder().encode(TEST_JWT_SECRET)).then((t) => stack.request('GET', '/complaints', { token: t })), 401, 'unauthorized'],
    ['a token with an unknown role', () => new SignJWT({ role: 'superuser' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setIssuer('complaint-service').setAudience('complaint-service').setExpirationTime('1h').sign(new TextEncoder().encode(TEST_JWT_SECRET)).then((t) => stack.request('GET', '/complaints', { token: t })), 401, 'unauthorized'],
    ['a bad list filter', () => stack.request('GET', '/complaints?stage=lost&pageSize=1000', { role: 'agent' }), 400, 'validation_failed'],
    ['a bad Idempotency-Key', () => stack.request('POST', '/complaints', { role: 'agent', body: validIntake(), headers: { 'Idempotency-Key': 'x' } }), 400, 'validation_failed'],
  ])('%s → %i %s', async (_name, send, status, code) => {
    const before = await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number));
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.requestId).toBeTruthy();
    const after = await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number));
    expect(after).toHaveLength(before.length);
  });
});

describe('idempotent actions', () => {
  it('acts once for a repeated Idempotency-Key and returns the first answer', async () => {
    await stack.withWorker(async () => {
      const number = await file();
      const send = () => stack.request('POST', `/complaints/${number}/notes`, { role: 'agent', body: { text: '同一条备注' }, headers: { 'Idempotency-Key': 'note-key-0001' } });
      const first = await send();
      const second = await send();
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      const notes = await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number));
      expect(notes.filter((e) => e.type === 'note')).toHaveLength(1);
    });
  });
});

describe('views', () => {
  it('"my work" lists the caller’s complaints by nearest deadline; supervisors see breached ones', async () => {
    await stack.withWorker(async () => {
      const number = await file();
      await must(number, 'triage', { ...complex, assigneeId: 'handler-test' });
      const mine = await stack.request('GET', '/me/work', { role: 'handler', sub: 'handler-test' });
      expect(mine.status).toBe(200);
      expect(mine.body.items.map((i: { complaint: { number: string } }) => i.complaint.number)).toContain(number);
      expect(mine.body.items.find((i: { complaint: { number: string } }) => i.complaint.number === number).kind).toBe('case');
      const stuck = await stack.request('GET', '/supervision/stuck?olderThanMinutes=1', { role: 'supervisor' });
      expect(stuck.status).toBe(200);
      expect((await stack.request('GET', '/supervision/stuck', { role: 'agent' })).status).toBe(403);
    });
  });
});
