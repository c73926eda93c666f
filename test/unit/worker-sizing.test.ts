/** The worker's sizing rule (README "Sizing the worker"): the default budget caches 10,000 open complaints within its heap. */
import { cacheSizeFor, DEFAULT_WORKER_MEMORY_BUDGET_MIB, heapLimitFor, heapNeededFor } from '../../worker';

it('caches at least 10,000 complaints in the default 2 GiB, and a full cache fits the heap the rule gives', () => {
  expect(DEFAULT_WORKER_MEMORY_BUDGET_MIB).toBe(2048);
  expect(cacheSizeFor(2048)).toBe(10_400);
  expect(heapLimitFor(2048)).toBe(1536);
  expect(heapNeededFor(cacheSizeFor(2048))).toBeLessThanOrEqual(heapLimitFor(2048));
});

it('scales with the budget and never goes below 100', () => {
  for (const budget of [1024, 4096, 8192]) {
    expect(heapNeededFor(cacheSizeFor(budget))).toBeLessThanOrEqual(heapLimitFor(budget));
    expect(heapLimitFor(budget)).toBeLessThan(budget);
  }
  expect(cacheSizeFor(4096)).toBeGreaterThan(cacheSizeFor(2048));
  expect(cacheSizeFor(128)).toBe(100);
});
