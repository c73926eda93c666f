/** Planning a complaint's legal clocks from its regime (domain/legal-clocks.ts), on the 2026 calendar. */
import { readCalendarFile } from '../../db/calendars';
import { localDateTimeToEpoch } from '../../domain/calendar';
import { planLegalClocks } from '../../domain/legal-clocks';
import { regimeVersionFor } from '../../domain/legal-regimes';

const cal = readCalendarFile('cn-mainland');
const at = (date: string, time = '10:00') => localDateTimeToEpoch(cal, date, time);
const banking = regimeVersionFor('cn-banking-insurance', '2026-09-16')!;
const samr = regimeVersionFor('cn-samr-transfer', '2026-09-16')!;

it('counts the banking decision from when the company received the complaint, with warnings at 50 % and 80 %', () => {
  const [decision] = planLegalClocks(cal, banking, { receivedAtMs: at('2026-09-16') });
  expect(decision).toMatchObject({ id: 'decision', kind: 'binding', lastDay: '2026-10-08', stopped: false, extensionsGranted: [] });
  const span = decision.dueAtMs! - decision.startedAtMs;
  expect(decision.warnAtMs).toEqual([decision.startedAtMs + Math.round(span * 0.5), decision.startedAtMs + Math.round(span * 0.8)]);
  // A letter that arrived a week before it was opened counts from its arrival.
  expect(planLegalClocks(cal, banking, { receivedAtMs: at('2026-09-09') })[0].lastDay).toBe('2026-09-24');
});

it('moves the due date by each extension granted, in order', () => {
  const plan = (extensions: string[]) => planLegalClocks(cal, banking, { receivedAtMs: at('2026-09-16'), extensions: extensions.map((extensionId) => ({ clockId: 'decision', extensionId })) })[0];
  expect(plan(['complex']).lastDay).toBe('2026-10-16');
  expect(plan(['complex', 'special'])).toMatchObject({ lastDay: '2026-11-16', extensionsGranted: ['complex', 'special'] });
});

it('takes only the stops the regime allows; an open stop leaves the due date unknown until it ends', () => {
  const receivedAtMs = at('2026-09-16');
  // Banking allows no stop: a "testing" stop changes nothing.
  expect(planLegalClocks(cal, banking, { receivedAtMs, stops: [{ clockId: 'decision', reason: 'testing', fromMs: at('2026-09-17'), toMs: at('2026-09-20') }] })[0].lastDay).toBe('2026-10-08');
  const accepted = { receivedAtMs, regulatorDueAtMs: at('2026-09-30', '00:00'), regulatorAcceptedAtMs: at('2026-09-18') };
  const mediation = (stops: Parameters<typeof planLegalClocks>[2]['stops']) => planLegalClocks(cal, samr, { ...accepted, stops }).find((c) => c.id === 'regulatorMediation')!;
  const plain = mediation([]);
  expect(plain.kind).toBe('context');
  expect(plain.warnAtMs).toEqual([]); // context clocks warn no one
  const open = mediation([{ clockId: 'regulatorMediation', reason: 'testing', fromMs: at('2026-10-08') }]);
  expect(open.stopped).toBe(true);
  expect(open.dueAtMs).toBeUndefined();
  const closed = mediation([{ clockId: 'regulatorMediation', reason: 'testing', fromMs: at('2026-10-08', '09:00'), toMs: at('2026-10-09', '17:00') }]);
  expect(closed.dueAtMs! > plain.dueAtMs!).toBe(true);
});

it("binds a transferred complaint to the regulator's date, and starts mediation only once accepted", () => {
  const clocks = planLegalClocks(cal, samr, { receivedAtMs: at('2026-09-16'), regulatorDueAtMs: at('2026-09-30', '00:00') });
  expect(clocks.map((c) => c.id)).toEqual(['regulatorReply', 'regulatorAcceptance']);
  expect(clocks[0]).toMatchObject({ kind: 'binding', dueAtMs: at('2026-09-30', '00:00') });
  expect(clocks[0].warnAtMs).toHaveLength(2);
  // 7 working days after Wed Sep 16: 17, 18, Sun 20 (make-up), 21, 22, 23, 24.
  expect(clocks[1]).toMatchObject({ kind: 'context', lastDay: '2026-09-24' });
});
