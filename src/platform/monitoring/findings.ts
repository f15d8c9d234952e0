export type FindingSeverity = 'info' | 'warning' | 'critical';

/** Something a report noticed, with what to do about it. */
export interface Finding {
  /** Stable identifier, e.g. `REDIS.EVICTION_POLICY`. */
  code: string;
  severity: FindingSeverity;
  message: string;
  recommendation: string;
}

export const finding = (code: string, severity: FindingSeverity, message: string, recommendation: string): Finding => ({ code, severity, message, recommendation });
