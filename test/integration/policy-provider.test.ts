/**
 * The policy new complaints start with is built once per calendar version: an uploaded year is in
 * the next complaint's policy at once, and between uploads the built policy is reused (an intake
 * asks only for the calendar's version, not for every year and a parse).
 */
import { replaceCalendarYear, seedCalendars } from '../../db/calendars';
import { createPolicyProvider } from '../../runtime/policy';
import { createTestDatabase, type TestDatabase } from '../support/database';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedCalendars(database.db);
});

afterAll(async () => {
  await database?.close();
});

it('reuses the built policy until a calendar year is replaced, then has the new year', async () => {
  const provider = createPolicyProvider(database.db, {});
  const first = await provider();
  expect(await provider()).toBe(first);
  const year2027 = first.calendar.years['2027'];
  expect(year2027.provisional).toBe(true);
  expect(year2027.makeUpWorkdays.map((d) => d.date)).not.toContain('2027-01-31');

  // The State Council notice for 2027 arrives, with a make-up working day.
  const notice = { ...year2027, provisional: false, makeUpWorkdays: [...year2027.makeUpWorkdays, { date: '2027-01-31', name: '春节调休上班' }] };
  await replaceCalendarYear(database.db, 'cn-mainland', '2027', notice);
  const after = await provider();
  expect(after).not.toBe(first);
  expect(after.calendar.years['2027'].provisional).toBe(false);
  expect(after.calendar.years['2027'].makeUpWorkdays.map((d) => d.date)).toContain('2027-01-31');
  expect(await provider()).toBe(after);

  // Another process's provider (a second API) sees the same version.
  const other = createPolicyProvider(database.db, {});
  expect((await other()).calendar.years['2027'].provisional).toBe(false);
});
