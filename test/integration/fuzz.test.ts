/**
 * Hostile input over every route of the OpenAPI document: a seeded generator sends each route tens of
 * malformed requests (control characters, wrong types, out-of-range dates and numbers, path tricks,
 * junk headers and cursors), each with at least one invalid part. No answer may be a 5xx, and nothing
 * may be written.
 */
import { sql } from 'drizzle-orm';
import { buildOpenApiDocument, ROUTES } from '../../api/openapi';
import { eventually, startTestStack, validIntake, type TestStack } from '../support/stack';

let stack: TestStack;
let number: string;

beforeAll(async () => {
  stack = await startTestStack();
  number = await stack.withWorker(async () => {
    const res = await stack.request('POST', '/complaints', { role: 'agent', body: validIntake() });
    const n = res.body.number as string;
    await eventually(async () => (await stack.request('GET', `/complaints/${n}`, { role: 'supervisor' })).body.state.stage === 'acknowledged');
    return n;
  });
});
afterAll(async () => {
  await stack?.close();
});

/** mulberry32: the same sequence every run, so a failure can be reproduced. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK_STRINGS = ['x\u0000', '\u0000', 'a\u0007b', '\u001b[31m', '\uD800', 'line\u0085break', '%00', '../../etc/passwd', '..%2F..%2Fcalendars%2Fcn-mainland', 'x'.repeat(3000)];
const JUNK_DATES = ['0000-01-01T00:00:00Z', '9999-12-31T23:59:59Z', '2026-13-45T25:61:00Z', '-000001-01-01T00:00:00Z', 'yesterday', '1969-12-31T23:59:59Z'];
const JUNK_VALUES: unknown[] = [...JUNK_STRINGS, ...JUNK_DATES, -1, 1.5, 2 ** 53 + 1, 1e300, true, null, [], {}, [['deep', [[[[[['x\u0000']]]]]]]], { $gt: '' }];
const JUNK_PATH = ['CMP-%00', 'CMP-20261124-00000%00', '..%2F..', '%2e%2e%2f', 'x'.repeat(300), 'CMP-00000000-000000', '%E0%A4%A', 'null', '0000', '-1'];

const pick = <T>(rnd: () => number, items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

type Operation = { requestBody?: { content: { 'application/json': { schema: Schema } } }; parameters?: { in: string; name: string }[] };
type Schema = { properties?: Record<string, unknown>; $ref?: string };

function bodyProperties(op: Operation, doc: ReturnType<typeof buildOpenApiDocument>): string[] {
  let schema = op.requestBody?.content['application/json'].schema;
  if (schema?.$ref) schema = (doc.components?.schemas as Record<string, Schema>)[schema.$ref.split('/').pop()!];
  return Object.keys(schema?.properties ?? {});
}

async function rowCounts(): Promise<Record<string, number>> {
  const { rows } = await stack.database.db.execute(sql`select
    (select count(*) from complaints)::int as complaints,
    (select count(*) from timeline_events)::int as timeline,
    (select count(*) from notifications)::int as notifications,
    (select count(*) from notifications where read_at is not null)::int as read,
    (select count(*) from idempotency_keys)::int as keys,
    (select count(*) from staff)::int as staff,
    (select count(*) from calendar_years)::int as calendar_years,
    (select count(*) from assignments)::int as assignments,
    (select coalesce(max(state_version), 0) from complaints)::int as versions,
    (select coalesce(sum(tracking_generation), 0) from complaints)::int as tracking_generations`);
  return rows[0] as Record<string, number>;
}

it('answers ≥ 2,000 malformed requests over every documented route without a 5xx, writing nothing', async () => {
  const doc = buildOpenApiDocument();
  const rnd = random(20261124);
  const perRoute = Math.ceil(2100 / ROUTES.length);
  const statuses = new Map<number, number>();
  const fiveHundreds: string[] = [];
  await stack.withWorker(async () => {
    const before = await rowCounts();
    for (const route of ROUTES) {
      const op = (doc.paths as Record<string, Record<string, Operation>>)[route.path]![route.method]!;
      const props = bodyProperties(op, doc);
      const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const role = route.roles.includes('admin') ? 'admin' : route.roles[0]!;
      for (let i = 0; i < perRoute; i++) {
        // Path: the real complaint (so bodies reach validation) or junk; other ids always junk. A route
        // that changes something and takes no body is only ever called with a junk number.
        const bodyless = route.method !== 'get' && !op.requestBody;
        let url = route.path.replace('{number}', !bodyless && rnd() < 0.6 ? number : pick(rnd, JUNK_PATH));
        url = url.replace(/\{[^}]+\}/g, () => pick(rnd, JUNK_PATH));
        const params = new URLSearchParams();
        for (const name of [...queryNames, 'unknownParam']) if (rnd() < 0.5) params.append(name, String(pick(rnd, [...JUNK_STRINGS, ...JUNK_DATES, '-5', '1e309', 'NaN'])));
        if (params.size === 0 && queryNames.length > 0) params.append(pick(rnd, queryNames), pick(rnd, JUNK_DATES));
        const query = params.size > 0 ? `?${params.toString()}` : '';
        const headers: Record<string, string> = {};
        if (rnd() < 0.2) headers['Idempotency-Key'] = pick(rnd, ['short', 'x'.repeat(300), 'bad key with spaces', 'semi;colon;key!']);
        let body: unknown;
        if (route.method !== 'get') {
          const shape = rnd();
          if (shape < 0.1) body = '{"broken": ';
          else if (shape < 0.2) body = JSON.stringify(pick(rnd, JUNK_VALUES));
          else {
            const base: Record<string, unknown> = route.path === '/complaints' ? validIntake() : {};
            for (const prop of props) if (rnd() < 0.5) base[prop] = pick(rnd, JUNK_VALUES);
            // At least one declared field is certainly invalid (a NUL string is no valid value of any field).
            base[props.length > 0 ? pick(rnd, props) : 'unexpected'] = 'x\u0000';
            body = base;
          }
        }
        const res = await stack.request(route.method.toUpperCase(), `${url}${query}`, { role, body, headers });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) fiveHundreds.push(`${route.method} ${url}${query} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
      }
    }
    expect(fiveHundreds).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  expect(total).toBeGreaterThanOrEqual(2000);
  process.stdout.write(`fuzz: ${total} requests over ${ROUTES.length} routes; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)))}\n`);
  // Only the public routes (health, metrics, docs) and reads of the complaint may answer 2xx to a junk query.
  for (const status of statuses.keys()) expect(status < 500).toBe(true);
});
