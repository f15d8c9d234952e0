import { afterFailure, mayHandle, retryDelay } from './delivery-decision.js';

const policy = { maxDeliveries: 4, retryBaseMs: 100, retryMaxMs: 500 };

describe('retryDelay', () => {
  it('doubles from the base per delivery', () => {
    expect([1, 2, 3].map((d) => retryDelay(d, policy))).toEqual([100, 200, 400]);
  });

  it('never exceeds the cap, however many deliveries failed', () => {
    expect(retryDelay(4, policy)).toBe(500);
    expect(retryDelay(10_000, policy)).toBe(500);
  });
});

describe('afterFailure', () => {
  it('retries after the backoff while deliveries remain', () => {
    expect(afterFailure(1, policy)).toEqual({ action: 'retry', delayMs: 100 });
    expect(afterFailure(3, policy)).toEqual({ action: 'retry', delayMs: 400 });
  });

  it('dead-letters once the last allowed delivery failed', () => {
    expect(afterFailure(4, policy)).toEqual({ action: 'dead-letter' });
    expect(afterFailure(9, policy)).toEqual({ action: 'dead-letter' });
    expect(afterFailure(1, { ...policy, maxDeliveries: 1 })).toEqual({ action: 'dead-letter' });
  });
});

describe('mayHandle', () => {
  it('refuses an entry already delivered more than the limit without an outcome', () => {
    expect(mayHandle(4, policy)).toBe(true);
    expect(mayHandle(5, policy)).toBe(false);
  });
});
