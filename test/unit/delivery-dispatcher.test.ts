import { createDeliveryDispatcher } from '../../notifications/dispatcher';

/** A stand-in for NotificationService.deliver: fails the first `failures[id]` attempts of a row. */
function fakeService(failures: Record<string, number> = {}) {
  const calls: { id: string; attempt: number; maxAttempts: number }[] = [];
  return {
    calls,
    async deliver(id: string, attempt: number, maxAttempts: number) {
      calls.push({ id, attempt, maxAttempts });
      await new Promise((r) => setTimeout(r, 1));
      if (attempt <= (failures[id] ?? 0) && attempt < maxAttempts) throw new Error(`down (${id})`);
      return { status: attempt <= (failures[id] ?? 0) ? 'failed' : 'sent' };
    },
  };
}

const retry = { maxAttempts: 3, initialIntervalSeconds: 0.01 };

describe('delivery dispatcher', () => {
  it('sends each row once when nothing fails', async () => {
    const service = fakeService();
    const d = createDeliveryDispatcher(service);
    d.dispatch(['a', 'b', 'c'], retry);
    await d.idle();
    expect(service.calls.map((c) => `${c.id}:${c.attempt}`).sort()).toEqual(['a:1', 'b:1', 'c:1']);
  });

  it('retries a failing row with the next attempt number, up to the limit, and no further', async () => {
    const service = fakeService({ a: 1, b: 5 });
    const d = createDeliveryDispatcher(service);
    d.dispatch(['a', 'b'], retry);
    await d.idle();
    expect(service.calls.filter((c) => c.id === 'a').map((c) => c.attempt)).toEqual([1, 2]);
    // The last attempt is made with attempt = maxAttempts, where deliver records the failure itself.
    expect(service.calls.filter((c) => c.id === 'b').map((c) => c.attempt)).toEqual([1, 2, 3]);
    expect(service.calls.every((c) => c.maxAttempts === 3)).toBe(true);
  });

  it('backs off exponentially from the policy’s first interval', async () => {
    const service = fakeService({ a: 2 });
    const d = createDeliveryDispatcher(service);
    const started = Date.now();
    d.dispatch(['a'], { maxAttempts: 3, initialIntervalSeconds: 0.05 });
    await d.idle();
    // 50 ms, then 100 ms: at least 150 ms in all (a lower bound, not a timing assertion on speed).
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('never runs more than its concurrency at once', async () => {
    let running = 0;
    let most = 0;
    const d = createDeliveryDispatcher(
      {
        async deliver() {
          running += 1;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 5));
          running -= 1;
          return { status: 'sent' };
        },
      },
      { concurrency: 3 },
    );
    d.dispatch(Array.from({ length: 20 }, (_, i) => `n${i}`), retry);
    await d.idle();
    expect(most).toBe(3);
  });

  it('after stop, drops what waits for a retry and takes nothing new (the sweep sends those rows)', async () => {
    const service = fakeService({ a: 5 });
    const d = createDeliveryDispatcher(service);
    d.dispatch(['a'], { maxAttempts: 3, initialIntervalSeconds: 10 });
    await new Promise((r) => setTimeout(r, 20));
    d.stop();
    d.dispatch(['b'], retry);
    await d.idle();
    expect(service.calls.map((c) => c.id)).toEqual(['a']);
  });
});
