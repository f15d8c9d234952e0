import { admitInvestigation, startOfUtcDay } from './investigation-limits.js';
import { InvestigationQuotaExceededError, InvestigationsBusyError, TooManyRunningInvestigationsError } from './investigation.errors.js';

const limits = { dailyQuota: 10, maxRunning: 2, maxQueued: 100 };
const now = new Date('2024-06-01T23:59:00.500Z');

describe('admitInvestigation', () => {
  it('lets an investigation in below every limit', () => {
    expect(() => admitInvestigation({ running: 1, today: 9, queued: 99 }, limits, now)).not.toThrow();
  });

  it("refuses the caller's third at once with 429 INVESTIGATIONS.TOO_MANY_RUNNING", () => {
    expect(() => admitInvestigation({ running: 2, today: 2, queued: 2 }, limits, now)).toThrow(TooManyRunningInvestigationsError);
  });

  it('refuses past the daily quota until midnight UTC', () => {
    let error: unknown;
    try {
      admitInvestigation({ running: 0, today: 10, queued: 0 }, limits, now);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvestigationQuotaExceededError);
    expect(error).toMatchObject({ code: 'INVESTIGATIONS.QUOTA_EXCEEDED', kind: 'rate_limited', retryAfterSeconds: 60 });
  });

  it('refuses anyone while the global queue is full with 503 INVESTIGATIONS.BUSY', () => {
    expect(() => admitInvestigation({ running: 0, today: 0, queued: 100 }, limits, now)).toThrow(InvestigationsBusyError);
  });

  it('starts the day at midnight UTC', () => {
    expect(startOfUtcDay(now).toISOString()).toBe('2024-06-01T00:00:00.000Z');
  });
});
