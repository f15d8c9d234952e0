import type { AlertRule } from './alert-rules.js';
import type { Signals, Thresholds } from './thresholds.js';

export type Severity = 'warning' | 'critical';

/** Where one rule stands: `pending` while a level is crossed for less than the rule's `for` time. */
export interface RuleState {
  name: string;
  summary: string;
  unit: string;
  state: 'ok' | 'pending' | 'firing' | 'no-data';
  severity: Severity | null;
  value: number | null;
  warning: number;
  critical: number;
  /** When the reported severity's level was first crossed (ISO 8601), while it stays crossed. */
  since: string | null;
}

interface Crossed {
  warning?: number;
  critical?: number;
}

/**
 * Prometheus's semantics in process: each rule has a warning and a critical alert; an alert is
 * pending from the evaluation its level is first crossed and fires once it has stayed crossed for
 * `forMs`; it resolves at the first evaluation that finds it not crossed (or without data). A
 * rule reports its most severe alert.
 */
export class AlertStates {
  private readonly crossed = new Map<string, Crossed>();

  constructor(
    private readonly rules: readonly AlertRule[],
    private readonly thresholds: Thresholds,
    private readonly forMs: number,
  ) {}

  evaluate(signals: Signals, now: number): RuleState[] {
    return this.rules.map((rule) => {
      const levels = this.thresholds[rule.signal];
      const value = signals[rule.signal];
      const base = { name: rule.name, summary: rule.summary, unit: rule.unit, value, warning: levels.warning, critical: levels.critical };
      const beyond = (level: number) => value !== null && (rule.direction === 'above' ? value > level : value < level);
      const crossed = this.crossed.get(rule.name) ?? {};
      crossed.warning = beyond(levels.warning) ? (crossed.warning ?? now) : undefined;
      crossed.critical = beyond(levels.critical) ? (crossed.critical ?? now) : undefined;
      this.crossed.set(rule.name, crossed);
      if (value === null) return { ...base, state: 'no-data', severity: null, since: null };
      const severity: Severity | null = crossed.critical !== undefined ? 'critical' : crossed.warning !== undefined ? 'warning' : null;
      if (severity === null) return { ...base, state: 'ok', severity, since: null };
      const firing = (since: number | undefined) => since !== undefined && now - since >= this.forMs;
      if (firing(crossed.critical)) return { ...base, state: 'firing', severity: 'critical', since: iso(crossed.critical) };
      if (firing(crossed.warning)) return { ...base, state: 'firing', severity: 'warning', since: iso(crossed.warning) };
      return { ...base, state: 'pending', severity, since: iso(crossed[severity]) };
    });
  }
}

function iso(at: number | undefined): string | null {
  return at === undefined ? null : new Date(at).toISOString();
}
