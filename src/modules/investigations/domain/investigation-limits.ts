import { InvestigationQuotaExceededError, InvestigationsBusyError, TooManyRunningInvestigationsError } from './investigation.errors.js';

const DAY_MS = 86_400_000;
/** What a refused caller is told to wait when the end cannot be known: about one investigation's run. */
const RETRY_RUNNING_SECONDS = 30;

export interface InvestigationLimits {
  /** Opened per caller per UTC day. */
  dailyQuota: number;
  /** Queued or running per caller at once. */
  maxRunning: number;
  /** Queued at once, all callers together. */
  maxQueued: number;
}

/** What is counted against the limits when a caller opens a new investigation. */
export interface InvestigationUsage {
  /** The caller's investigations queued or running. */
  running: number;
  /** The caller's investigations opened since the start of the UTC day. */
  today: number;
  /** Investigations queued, all callers (counted up to `maxQueued`). */
  queued: number;
}

export const startOfUtcDay = (now: Date): Date => new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);

/** Throws the error of the first limit a new investigation would pass: the caller's own first, then everyone's. */
export function admitInvestigation(usage: InvestigationUsage, limits: InvestigationLimits, now: Date): void {
  if (usage.running >= limits.maxRunning) throw new TooManyRunningInvestigationsError(limits.maxRunning, RETRY_RUNNING_SECONDS);
  if (usage.today >= limits.dailyQuota) {
    const untilMidnight = startOfUtcDay(now).getTime() + DAY_MS - now.getTime();
    throw new InvestigationQuotaExceededError(limits.dailyQuota, Math.max(1, Math.ceil(untilMidnight / 1000)));
  }
  if (usage.queued >= limits.maxQueued) throw new InvestigationsBusyError(RETRY_RUNNING_SECONDS);
}
