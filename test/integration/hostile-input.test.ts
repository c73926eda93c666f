/**
 * Faults and hostile input on the real stack — each defect of the probe reproduced as a request and
 * shown answered properly: control characters (NUL) anywhere, crash-safe idempotency, tokens, admin
 * ids, out-of-range dates and cursors, a database that is down, personal data kept out of logs and
 * the engine's history, and embedded PostgreSQL started by root in a folder it cannot enter.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { and, asc, eq, sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import pino from 'pino';
import { createActivities } from '../../activities';
import { mintToken, TOKEN_AUDIENCE, TOKEN_ISSUER, type VerificationKey } from '../../runtime/tokens';
import { claimKey, requestHash, updateIdFor } from '../../api/write/idempotency';
import { startApiServer } from '../../api/server';
import { openDatabase } from '../../db/client';
import { complaints, idempotencyKeys, timelineEvents } from '../../db/schema';
import { FAILURE_TYPES } from '../../domain/errors';
import { firstUnreachableForOthers, startEmbeddedPostgres, StartupError } from '../../runtime/postgres';
import { actionUpdates } from '../../workflows/messages';
import { freePort } from '../support/net';
import { eventually, startTestStack, TEST_JWT_SECRET, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;
const secret = new TextEncoder().encode(TEST_JWT_SECRET);

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

async function fileComplaint(): Promise<string> {
  const res = await stack.request('POST', '/complaints', { role: 'agent', sub: 'agent-li', body: validIntake() });
  expect(res.status).toBe(201);
  const number = res.body.number as string;
  await eventually(async () => (await stack.database.db.select().from(timelineEvents).where(eq(timelineEvents.complaintNumber, number))).some((e) => e.type === 'acknowledged'));
  return number;
}

async function rowCounts() {
  const count = async (table: string) => Number(((await stack.database.db.execute(sql.raw(`select count(*)::int as n from ${table}`))).rows[0] as { n: number }).n);
  return { complaints: await count('complaints'), timeline: await count('timeline_events'), notifications: await count('notifications'), keys: await count('idempotency_keys') };
}

describe('1. control characters (a NUL locked a complaint for good)', () => {
  it('are refused with 400 naming the field at intake, in actions, list and report filters and the inbox cursor; nothing is written', async () => {
    await stack.withWorker(async () => {
      const number = await fileComplaint();
      const before = await rowCounts();
      const cases: [string, string, unknown, string][] = [
        ['POST', `/complaints/${number}/notes`, { text: 'x\u0000' }, 'body.text'],
        ['POST', '/complaints', validIntake({ description: '坏了\u0000' }), 'body.description'],
        ['POST', '/complaints', validIntake({ complainant: { name: '王\u0007小明', phone: '13800138000' } }), 'body.complainant.name'],
        ['GET', '/complaints?q=%00', undefined, 'query.q'],
        ['GET', '/complaints?departmentId=a%00b', undefined, 'query.departmentId'],
        ['GET', '/complaints?receivedFrom=0000-01-01T00:00:00Z', undefined, 'query.receivedFrom'],
        ['GET', '/reports/summary?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&productName=%00', undefined, 'query.productName'],
        ['GET', '/reports/summary?from=0000-01-01T00:00:00Z&to=2026-02-01T00:00:00Z', undefined, 'query.from'],
        ['GET', '/inbox?cursor=%00', undefined, 'query.cursor'],
        ['GET', `/inbox?cursor=${Buffer.from(JSON.stringify({ t: '0000-01-01', id: 'x' })).toString('base64url')}`, undefined, 'query.cursor'],
      ];
      for (const [method, url, body, field] of cases) {
        const res = await stack.request(method, url, { role: 'supervisor', sub: 'sup-wang', body });
        expect({ url, status: res.status }).toEqual({ url, status: 400 });
        expect(res.body.error.fields.map((f: { path: string }) => f.path)).toContain(field);
      }
      expect(await rowCounts()).toEqual(before);
      // The complaint was not locked: a supervisor's closure goes through at once.
      const closed = await stack.request('POST', `/complaints/${number}/closure`, { role: 'supervisor', sub: 'sup-wang', body: { outcome: 'invalid', reason: 'test' } });
      expect(closed.status).toBe(200);
    });
  });

  it('a database write no retry can fix is a non-retryable InvalidData failure that quotes no data', async () => {
    const number = await stack.withWorker(() => fileComplaint());
    const activities = createActivities({ db: stack.database.db, notifications: stack.notifications });
    const failure = await activities
      .recordTransition({
        complaintNumber: number,
        events: [{ id: `${number}:900`, seq: 900, type: 'note', stage: 'acknowledged', actor: { id: 'x', role: 'agent' }, reason: '王小明 13800138000 \u0000', data: {}, internal: false, occurredAt: new Date().toISOString(), notifications: [] }],
        projection: { stage: 'acknowledged', escalationLevel: 0, slaBreached: false, possiblySystemic: false, reopenCount: 0, lastTransitionAt: new Date().toISOString(), stateVersion: 999 },
      })
      .then(
        () => undefined,
        (e: unknown) => e as { type?: string; nonRetryable?: boolean; message: string },
      );
    expect(failure).toMatchObject({ type: FAILURE_TYPES.invalidData, nonRetryable: true });
    expect(failure!.message).toMatch(/^database error \(invalid, 22021\)$/);
  });
});

describe('2. idempotency survives an API crash between the claim and the answer', () => {
  it('a repeat after the claim went stale re-drives the same update: 200 with the same state, one event', async () => {
    process.env.IDEMPOTENCY_REDRIVE_AFTER_MS = '500';
    try {
      await stack.withWorker(async () => {
        const number = await fileComplaint();
        await stack.request('POST', `/complaints/${number}/triage`, { role: 'agent', sub: 'agent-li', body: { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality' } });
        const key = 'progress-key-0001';
        const body = { message: '已联系厂家检测' };
        const scope = `action:handler-chen:${number}:sendProgressUpdate`;
        // What the crashed API left behind: its claim, and the update it had sent to the workflow.
        expect(await claimKey(stack.database.db, scope, key, requestHash(body))).toBeUndefined();
        const handle = stack.client.workflow.getHandle(number);
        const first = await handle.executeUpdate(actionUpdates.sendProgressUpdate, { args: [{ actor: { id: 'handler-chen', role: 'handler' }, payload: body }], updateId: updateIdFor(scope, key) });
        // Before the claim is stale, a repeat is told to wait.
        const early = await stack.request('POST', `/complaints/${number}/progress-updates`, { role: 'handler', sub: 'handler-chen', body, headers: { 'Idempotency-Key': key } });
        expect(early.status).toBe(409);
        expect(early.headers.get('retry-after')).toBe('5');
        await new Promise((r) => setTimeout(r, 600));
        const retry = await stack.request('POST', `/complaints/${number}/progress-updates`, { role: 'handler', sub: 'handler-chen', body, headers: { 'Idempotency-Key': key } });
        expect(retry.status).toBe(200);
        expect(retry.body.state.stateVersion).toBe(first.stateVersion);
        const again = await stack.request('POST', `/complaints/${number}/progress-updates`, { role: 'handler', sub: 'handler-chen', body, headers: { 'Idempotency-Key': key } });
        expect(again.status).toBe(200);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
        const sent = await stack.database.db.select().from(timelineEvents).where(and(eq(timelineEvents.complaintNumber, number), eq(timelineEvents.type, 'progress_update_sent')));
        expect(sent).toHaveLength(1);
        const [claim] = await stack.database.db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key)));
        expect(claim.status).toBe(200);
      });
    } finally {
      delete process.env.IDEMPOTENCY_REDRIVE_AFTER_MS;
    }
  });
});

describe('5. tokens', () => {
  const sign = (claims: Record<string, unknown>, build: (j: SignJWT) => SignJWT) => build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(TOKEN_ISSUER).setAudience(TOKEN_AUDIENCE)).sign(secret);

  it.each<[string, () => Promise<string>]>([
    ['without exp', () => sign({ role: 'admin' }, (j) => j.setSubject('admin-1').setIssuedAt())],
    ['with a 100-year exp', () => sign({ role: 'admin' }, (j) => j.setSubject('admin-1').setIssuedAt().setExpirationTime('100y'))],
    ['valid for 13 hours (the limit is 12)', () => sign({ role: 'admin' }, (j) => j.setSubject('admin-1').setIssuedAt().setExpirationTime('13h'))],
    ['without iat', () => sign({ role: 'admin' }, (j) => j.setSubject('admin-1').setExpirationTime('1h'))],
    ['with the reserved subject "system"', () => mintToken(TEST_JWT_SECRET, { sub: 'system', role: 'admin' })],
    ['from another issuer', () => new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('elsewhere').setAudience(TOKEN_AUDIENCE).setSubject('a').setIssuedAt().setExpirationTime('1h').sign(secret)],
  ])('are refused %s', async (_name, token) => {
    const res = await stack.request('GET', '/complaints', { token: await token() });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('a proper 8-hour token is accepted', async () => {
    expect((await stack.request('GET', '/complaints', { token: await mintToken(TEST_JWT_SECRET, { sub: 'sup-wang', role: 'supervisor' }) })).status).toBe(200);
  });
});

describe('6. admin ids and dates', () => {
  it('refuses path traversal in calendar ids (404) and stores nothing', async () => {
    const year = { provisional: true, source: 'x', holidays: [], makeUpWorkdays: [] };
    for (const id of ['..%2Fcalendars%2Fcn-mainland', '..%2F..%2Fpackage', 'CN-MAINLAND', 'unknown-calendar']) {
      expect((await stack.request('GET', `/admin/calendars/${id}`, { role: 'admin' })).status).toBe(404);
      expect((await stack.request('PUT', `/admin/calendars/${id}/2027`, { role: 'admin', body: year })).status).toBe(404);
    }
    const rows = await stack.database.db.execute(sql`select count(*)::int as n from calendar_years where calendar_id <> 'cn-mainland'`);
    expect((rows.rows[0] as { n: number }).n).toBe(0);
    expect((await stack.request('PUT', '/admin/calendars/cn-mainland/0000', { role: 'admin', body: year })).status).toBe(400);
  });
});

describe('7. a database that is down', () => {
  it('answers 503 with Retry-After on every route, and /readyz says which dependency', async () => {
    const port = await freePort();
    const down = openDatabase(`postgres://nobody:nothing@127.0.0.1:${port}/none`);
    const verification: VerificationKey = { alg: 'HS256', key: secret };
    const api = await startApiServer({ db: down.db, client: stack.client, taskQueue: 'unused', port: 0, log: pino({ level: 'silent' }), verification, policy: async () => stack.policy.current, sweepIntervalMs: 0 });
    try {
      const token = await mintToken(TEST_JWT_SECRET, { sub: 'admin-1', role: 'admin' });
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const calls: [string, string, unknown?][] = [
        ['GET', '/complaints'],
        ['GET', '/complaints/CMP-20261124-000001'],
        ['POST', '/complaints', validIntake()],
        ['POST', '/complaints/CMP-20261124-000001/notes', { text: 'hello' }],
        ['GET', '/me/work'],
        ['GET', '/reports/summary?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z'],
        ['GET', '/inbox'],
        ['GET', '/admin/staff'],
      ];
      for (const [method, url, body] of calls) {
        const res = await fetch(`${api.url}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        expect({ url, status: res.status, retryAfter: res.headers.get('retry-after') }).toEqual({ url, status: 503, retryAfter: '5' });
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unavailable');
      }
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(503);
      const checks = ((await ready.json()) as { checks: Record<string, string> }).checks;
      expect(checks.postgres).toMatch(/^unavailable/);
      expect(checks.temporal).toBe('ok');
    } finally {
      await api.close();
      await down.close();
    }
  });
});

describe('4. personal data stays out of logs and the engine’s history', () => {
  it('finds neither the name, the phone nor the e-mail of a complainant after a run with refused and failing writes', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const log = pino({ level: 'debug' }, sink);
    const verification: VerificationKey = { alg: 'HS256', key: secret };
    const api = await startApiServer({ db: stack.database.db, client: stack.client, taskQueue: stack.taskQueue, port: 0, log, verification, policy: async () => stack.policy.current, sweepIntervalMs: 0 });
    const name = '欧阳娜娜';
    const phone = '13912345678';
    const email = 'ouyang.nana@example.org';
    try {
      await stack.withWorker(async () => {
        const token = await mintToken(TEST_JWT_SECRET, { sub: 'agent-li', role: 'agent' });
        const post = (url: string, body: unknown) => fetch(`${api.url}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const created = await post('/complaints', validIntake({ complainant: { name, phone, email, customerId: 'cust-9' } }));
        expect(created.status).toBe(201);
        const number = ((await created.json()) as { number: string }).number;
        await eventually(async () => (await stack.database.db.select().from(complaints).where(eq(complaints.number, number)))[0]?.stage === 'acknowledged');
        // Refused input quoting the contact data, and an intake the database refuses (a duplicate key after the number counter is reset).
        expect((await post(`/complaints/${number}/notes`, { text: `${name} ${phone} ${email}\u0000` })).status).toBe(400);
        await stack.database.db.execute(sql`update complaint_counters set last = last - 1`);
        const clash = await post('/complaints', validIntake({ complainant: { name, phone, email } }));
        expect(clash.status).toBe(400);
        await stack.database.db.execute(sql`update complaint_counters set last = last + 1`);
        await post(`/complaints/${number}/notes`, { text: `客户 ${name} 来电 ${phone}`, internal: true });
        const history = JSON.stringify(await stack.client.workflow.getHandle(number).fetchHistory());
        for (const secretValue of [name, phone, email]) expect(history).not.toContain(secretValue);
      });
      const logged = lines.join('');
      expect(logged.length).toBeGreaterThan(0);
      for (const secretValue of [name, phone, email]) expect(logged).not.toContain(secretValue);
    } finally {
      await api.close();
    }
  });
});

describe('8. embedded PostgreSQL started by root in a folder others cannot enter', () => {
  it('finds the folder the postgres user cannot enter, and start-up stops with one clear sentence', async () => {
    const closed = fs.mkdtempSync(path.join(os.tmpdir(), 'closed-'));
    fs.chmodSync(closed, 0o700);
    const open = fs.mkdtempSync(path.join(os.tmpdir(), 'open-'));
    fs.chmodSync(open, 0o755);
    try {
      const isRoot = process.getuid?.() === 0;
      expect(firstUnreachableForOthers([path.join(open, 'data', 'postgres')])).toBeUndefined();
      if (!isRoot) return; // Only root runs PostgreSQL as another user; as anyone else the folder is its own.
      expect(firstUnreachableForOthers([path.join(closed, 'data', 'postgres')])).toBe(closed);
      const started = startEmbeddedPostgres({ dataDir: path.join(closed, 'data', 'postgres'), port: await freePort(), database: 'x', persistent: false });
      await expect(started).rejects.toBeInstanceOf(StartupError);
      await expect(started).rejects.toThrow(/cannot enter .*closed-.*move the project to a folder others can enter/);
    } finally {
      fs.rmSync(closed, { recursive: true, force: true });
      fs.rmSync(open, { recursive: true, force: true });
    }
  });
});

it('keeps the timeline of every complaint contiguous after all of the above', async () => {
  const rows = await stack.database.db.select({ number: timelineEvents.complaintNumber, seq: timelineEvents.seq }).from(timelineEvents).orderBy(asc(timelineEvents.complaintNumber), asc(timelineEvents.seq));
  const byComplaint = new Map<string, number[]>();
  for (const r of rows) byComplaint.set(r.number, [...(byComplaint.get(r.number) ?? []), r.seq]);
  for (const [, seqs] of byComplaint) expect(seqs).toEqual(seqs.map((_, i) => i));
});
