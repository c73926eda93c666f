/**
 * Operators in the Temporal Web UI: a dev server with its embedded UI, configured with the project's
 * codec server (`--ui-codec-endpoint`), a worker and the API against a fresh database. Covered: the
 * codec protocol (decode/encode, namespace, CORS for the UI's origin only, operator tokens, 413, other
 * keys untouched, counted), the saved queries of the README (each returns exactly the expected
 * workflows), and in headless Chromium the UI's list and detail pages showing the summary, the
 * current details of a breached case and the decoded input.
 */
import { randomBytes } from 'node:crypto';
import type { Client, Connection } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { mintToken, type TokenClaims, type VerificationKey } from '../../runtime/tokens';
import { startApiServer, type RunningApi } from '../../api/server';
import { loadCalendar, seedCalendars } from '../../db/calendars';
import { complaints } from '../../db/schema';
import { seedStaffIfEmpty } from '../../db/staff-directory';
import type { Role } from '../../domain/model';
import { applyPolicyOverrides, defaultPolicy, type Policy } from '../../domain/policy';
import { createNotificationService } from '../../notifications';
import { startCodecServer, type RunningCodecServer } from '../../runtime/codec-server';
import { personNamedBy } from '../../db/staff-directory';
import { AesGcmPayloadCodec } from '../../runtime/payload-codec';
import { connectClient } from '../../runtime/temporal-connection';
import { startTemporalDevServer, type DevServer } from '../../runtime/temporal-dev-server';
import { createComplaintWorker } from '../../worker';
import { SAVED_QUERIES } from '../../workflows/operator-queries';
import type { Page } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../support/browser';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { freePort } from '../support/net';
import { eventually, SECONDS_POLICY, TEST_JWT_SECRET, TEST_PAYLOAD_KEY, testDataConverter, validIntake } from '../support/stack';

const verification: VerificationKey = { alg: 'HS256', key: new TextEncoder().encode(TEST_JWT_SECRET) };
let server: DevServer;
let codec: RunningCodecServer;
let database: TestDatabase;
let client: Client;
let connection: Connection;
let workerConnection: NativeConnection;
let api: RunningApi;
let uiOrigin: string;
const policy: { current?: Policy } = {};
const taskQueue = `operators-${randomBytes(4).toString('hex')}`;

beforeAll(async () => {
  const uiPort = await freePort();
  uiOrigin = `http://localhost:${uiPort}`;
  codec = await startCodecServer({
    key: TEST_PAYLOAD_KEY,
    namespace: 'default',
    allowedOrigins: [uiOrigin, `http://127.0.0.1:${uiPort}`],
    port: 0,
    host: '127.0.0.1',
    log: pino({ level: 'silent' }),
  });
  server = await startTemporalDevServer({ port: await freePort(), uiPort, uiCodecEndpoint: codec.url, serverLogLevel: 'error', log: () => undefined });
  database = await createTestDatabase();
  await seedCalendars(database.db);
  await seedStaffIfEmpty(database.db);
  policy.current = applyPolicyOverrides(defaultPolicy(await loadCalendar(database.db)), SECONDS_POLICY);
  ({ client, connection } = await connectClient({ address: server.address, namespace: 'default' }, testDataConverter()));
  workerConnection = await NativeConnection.connect({ address: server.address });
  api = await startApiServer({ db: database.db, client, taskQueue, port: 0, log: pino({ level: 'silent' }), verification, policy: async () => policy.current!, sweepIntervalMs: 0 });
}, 180_000);

afterAll(async () => {
  await api?.close();
  await connection?.close();
  await workerConnection?.close();
  await database?.close();
  await server?.stop();
  await codec?.close();
});

async function withWorker<T>(fn: () => Promise<T>): Promise<T> {
  const worker: Worker = await createComplaintWorker({
    connection: workerConnection,
    namespace: 'default',
    taskQueue,
    db: database.db,
    notifications: createNotificationService({ db: database.db }),
    workflowBundlePath: process.env.TEST_WORKFLOW_BUNDLE,
    dataConverter: testDataConverter(),
  });
  return worker.runUntil(fn());
}

async function request(method: string, path: string, role: Role, sub: string, body?: unknown) {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${await mintToken(TEST_JWT_SECRET, { sub, role })}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function fileComplaint(): Promise<string> {
  const res = await request('POST', '/complaints', 'agent', 'agent-li', validIntake());
  expect(res.status).toBe(201);
  const number = res.body.number as string;
  await eventually(async () => (await database.db.select().from(complaints).where(eq(complaints.number, number)))[0]?.stage === 'acknowledged');
  return number;
}

const ok = async (number: string, action: string, role: Role, sub: string, body: unknown) => {
  const res = await request('POST', `/complaints/${number}/${action}`, role, sub, body);
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.state ?? res.body.view;
};

/** Workflow ids matching a saved query (only this file's task queue: the dev server is this file's own anyway). */
async function matching(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const wf of client.workflow.list({ query: `TaskQueue = "${taskQueue}" AND (${query})` })) ids.push(wf.workflowId);
  return ids.sort();
}

/** Waits until the text of the page or one of its frames (the UI renders Markdown in sandboxed frames) contains `text`. */
async function waitForText(page: Page, text: string): Promise<void> {
  try {
    await eventually(async () => {
      for (const frame of page.frames()) {
        if ((await frame.locator('body').innerText({ timeout: 1_000 }).catch(() => '')).includes(text)) return true;
      }
      return false;
    }, 30_000, 500);
  } catch (err) {
    await page.screenshot({ path: screenshotPath('operator-ui-failure'), fullPage: true });
    throw new Error(`the page never showed "${text}" (screenshot: ${screenshotPath('operator-ui-failure')})`, { cause: err });
  }
}

describe('codec server', () => {
  const encoded = async () => new AesGcmPayloadCodec(TEST_PAYLOAD_KEY).encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(JSON.stringify({ hello: '世界' })) }]);
  const asJson = (payloads: Payload[]) => ({
    payloads: payloads.map((p) => ({ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')])), data: Buffer.from(p.data ?? []).toString('base64') })),
  });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${codec.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('decodes this key’s payloads for the UI’s origin, and encodes them again', async () => {
    const res = await post('/decode', asJson(await encoded()), { origin: uiOrigin, 'x-namespace': 'default' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(uiOrigin);
    const decoded = (await res.json()) as { payloads: { metadata: Record<string, string>; data: string }[] };
    expect(Buffer.from(decoded.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(decoded.payloads[0]!.data, 'base64').toString())).toEqual({ hello: '世界' });
    const again = (await (await post('/encode', decoded)).json()) as { payloads: { metadata: Record<string, string> }[] };
    expect(Buffer.from(again.payloads[0]!.metadata.encoding!, 'base64').toString()).toBe('binary/encrypted');
  });

  it('refuses another origin (preflight and request), another namespace and an oversized body', async () => {
    const preflight = await fetch(`${codec.url}/decode`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const fromElsewhere = await post('/decode', asJson(await encoded()), { origin: 'https://evil.example' });
    expect(fromElsewhere.status).toBe(403);
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
    expect((await post('/decode', asJson(await encoded()), { 'x-namespace': 'other' })).status).toBe(403);
    expect((await post('/decode', JSON.stringify({ payloads: [{ data: 'A'.repeat(5 * 1024 * 1024) }] }))).status).toBe(413);
    expect((await post('/decode', { nope: true })).status).toBe(400);
  });

  it('leaves payloads of another key as they are, and counts decodes', async () => {
    const foreign = await new AesGcmPayloadCodec(randomBytes(32)).encode([{ metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from('{}') }]);
    const body = asJson(foreign);
    const res = (await (await post('/decode', body)).json()) as typeof body;
    expect(res).toEqual(body);
    const metrics = await (await fetch(`${codec.url}/metrics`)).text();
    expect(metrics).toMatch(/codec_decoded_payloads_total \d+/);
    expect(metrics).toMatch(/codec_requests_total\{operation="decode",outcome="200"\} \d+/);
  });

  it('in production asks for an operator’s token, verified like the API’s', async () => {
    // Who is an operator is the staff directory's word (as `npm run codec` does with DATABASE_URL).
    const roleOf = async (claims: TokenClaims) => {
      const person = await personNamedBy(database.db, claims.subject, claims.local);
      return person?.active ? person.role : undefined;
    };
    const guarded = await startCodecServer({ key: TEST_PAYLOAD_KEY, namespace: 'default', allowedOrigins: [uiOrigin], auth: verification, roleOf, port: 0, host: '127.0.0.1', log: pino({ level: 'silent' }) });
    try {
      const body = JSON.stringify(asJson(await encoded()));
      const call = (token?: string) => fetch(`${guarded.url}/decode`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
      expect((await call()).status).toBe(401);
      expect((await call('not-a-token')).status).toBe(401);
      expect((await call(await mintToken(TEST_JWT_SECRET, { sub: 'agent-li', role: 'agent' }))).status).toBe(403);
      expect((await call(await mintToken(TEST_JWT_SECRET, { sub: 'cust-1', role: 'customer' }))).status).toBe(403);
      expect((await call(await mintToken(TEST_JWT_SECRET, { sub: 'admin', role: 'admin' }))).status).toBe(403);
      expect((await call(await mintToken(TEST_JWT_SECRET, { sub: 'sup-wang', role: 'supervisor' }))).status).toBe(200);
      // A claimed role is not believed: agent-li claiming manager is the agent she is; nobody-here is nobody.
      expect((await call(await mintToken(TEST_JWT_SECRET, { sub: 'agent-li', role: 'manager' }))).status).toBe(403);
      expect((await call(await mintToken(TEST_JWT_SECRET, { sub: 'nobody-here', role: 'supervisor' }))).status).toBe(403);
    } finally {
      await guarded.close();
    }
    await expect(startCodecServer({ key: TEST_PAYLOAD_KEY, namespace: 'default', allowedOrigins: [], port: 0, host: '0.0.0.0', log: pino({ level: 'silent' }) })).rejects.toThrow(/loopback only/);
    await expect(startCodecServer({ key: TEST_PAYLOAD_KEY, namespace: 'default', allowedOrigins: [], auth: verification, port: 0, host: '127.0.0.1', log: pino({ level: 'silent' }) })).rejects.toThrow(/staff directory/);
  });
});

describe('saved queries and the Web UI', () => {
  it('each documented query finds exactly its workflows; the UI shows summary, current details and decoded input', async () => {
    const numbers = await withWorker(async () => {
      // A: breached and waiting on an approver (the supervisor's approval ran out → managers).
      policy.current = applyPolicyOverrides(defaultPolicy(policy.current!.calendar), { ...SECONDS_POLICY, durations: { ...SECONDS_POLICY.durations, approval: { amount: 2, unit: 'seconds' } } });
      const a = await fileComplaint();
      await ok(a, 'triage', 'agent', 'agent-li', { category: 'product_quality', severity: 'medium', grade: 'complex', departmentId: 'quality' });
      await ok(a, 'findings', 'handler', 'handler-chen', { facts: 'f', rootCause: 'r', responsibility: 'company' });
      await ok(a, 'proposal', 'handler', 'handler-chen', { remedies: [{ type: 'refund', amountMinor: 100_000, currency: 'CNY' }, { type: 'apology' }], message: '退款 1000 元并致歉' });
      // B: escalated to a manager this week (two manual escalations), waiting on its owner.
      policy.current = applyPolicyOverrides(defaultPolicy(policy.current!.calendar), SECONDS_POLICY);
      const b = await fileComplaint();
      await ok(b, 'escalation', 'agent', 'agent-li', { reason: '客户情绪激动' });
      await ok(b, 'escalation', 'supervisor', 'sup-wang', { reason: '涉及媒体' });
      // C: waiting on the customer (a proposal sent).
      const c = await fileComplaint();
      await ok(c, 'triage', 'agent', 'agent-li', { category: 'service_attitude', severity: 'low', grade: 'complex', departmentId: 'quality' });
      await ok(c, 'findings', 'handler', 'handler-chen', { facts: 'f', rootCause: 'r', responsibility: 'company' });
      await ok(c, 'proposal', 'handler', 'handler-chen', { remedies: [{ type: 'apology' }], message: '致歉' });
      await eventually(async () => (await matching(SAVED_QUERIES.breachedWaitingOnApprover.query(new Date()))).length === 1, 20_000);
      return { a, b, c };
    });
    const { a, b, c } = numbers;
    expect(await matching(SAVED_QUERIES.breachedWaitingOnApprover.query(new Date()))).toEqual([a]);
    expect(await matching(SAVED_QUERIES.escalatedToManagerThisWeek.query(new Date()))).toEqual([b]);
    expect(await matching(SAVED_QUERIES.waitingOnCustomer.query(new Date()))).toEqual([c]);
    // "No transition for 24 h", asked as if a day had passed since just after the last transition.
    await new Promise((r) => setTimeout(r, 1_500));
    const dayLater = new Date(Date.now() + 24 * 3_600_000 - 1_000);
    expect(await matching(SAVED_QUERIES.noTransitionFor24h.query(dayLater))).toEqual([a, b, c].sort());
    expect(await matching(SAVED_QUERIES.noTransitionFor24h.query(new Date()))).toEqual([]);

    // The Web UI in a real browser: the breached case's page with its current details and decoded input.
    // A worker must run: the UI asks the workflow itself for its current details.
    await withWorker(async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1600 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`${uiOrigin}/namespaces/default/workflows?query=${encodeURIComponent(`WorkflowId = "${a}"`)}`, { waitUntil: 'networkidle' });
      await page.getByText(a).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: screenshotPath('temporal-ui-list'), fullPage: true });
      await page.goto(`${uiOrigin}/namespaces/default/workflows/${a}`, { waitUntil: 'domcontentloaded' });
      // The input, decoded by the codec server: readable JSON with the complaint number, not binary/encrypted.
      await waitForText(page, `"complaintNumber": "${a}"`);
      // Timers and activities are named after their clock or step.
      await waitForText(page, 'record transition: proposal_submitted_for_approval');
      await page.getByText(/approval (due|reminder) \d{4}-\d\d-\d\d \d\d:\d\d \(UTC\+8\)/).first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: screenshotPath('temporal-ui-breached-case'), fullPage: true });
      // The summary and the current details (Markdown) under "User Metadata".
      await page.getByText('User Metadata', { exact: true }).first().click();
      await waitForText(page, `Complaint ${a} · web`);
      await waitForText(page, 'Waiting on:');
      const text = (await Promise.all(page.frames().map((f) => f.locator('body').innerText().catch(() => '')))).join('\n');
      expect(text).toContain('SLA breached');
      expect(text).toMatch(/Waiting on:\s*approver/);
      await page.screenshot({ path: screenshotPath('temporal-ui-current-details'), fullPage: true });
    } finally {
      await browser.close();
    }
    });
  });
});
