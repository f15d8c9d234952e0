import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { MONITORING_CLOCK } from '../monitoring.constants.js';
import { MONITORING_OPTIONS } from '../monitoring.module-definition.js';
import type { MonitoringModuleOptions } from '../monitoring.options.js';
import { ALERT_RULES } from './alert-rules.js';
import { AlertStates, type RuleState } from './alert-states.js';
import { type Collected, SignalsCollector } from './signals.collector.js';

export interface Evaluation {
  at: number;
  rules: RuleState[];
  collected: Collected;
}

export interface AlertsReport {
  evaluatedAt: string;
  intervalMs: number;
  forSeconds: number;
  /** Pending and firing alerts, critical first. */
  alerts: RuleState[];
  /** Every rule, with its value and levels. */
  rules: RuleState[];
}

/**
 * Evaluates the alert rules every `intervalMs` (an unref'd timer, stopped before shutdown so no
 * evaluation runs against closing connections), and when asked for alerts older than that.
 * Logs each alert when it starts firing and when it resolves.
 */
@Injectable()
export class AlertsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Alerts');
  private readonly states: AlertStates;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<Evaluation> | undefined;
  private latest: Evaluation | undefined;

  constructor(
    @Inject(MONITORING_OPTIONS) private readonly options: MonitoringModuleOptions,
    @Inject(MONITORING_CLOCK) private readonly clock: () => number,
    private readonly collector: SignalsCollector,
  ) {
    this.states = new AlertStates(ALERT_RULES, options.thresholds, options.alertForMs);
  }

  onApplicationBootstrap(): void {
    if (this.options.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.evaluate().catch(() => undefined), this.options.intervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  /** Collects the signals and evaluates every rule now (one evaluation at a time; callers meanwhile share it). */
  evaluate(): Promise<Evaluation> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The latest evaluation, made now if there is none yet or it is older than the interval. */
  async report(): Promise<AlertsReport> {
    const stale = !this.latest || this.options.intervalMs <= 0 || this.clock() - this.latest.at >= this.options.intervalMs;
    const { at, rules } = stale ? await this.evaluate() : (this.latest as Evaluation);
    const rank = (rule: RuleState) => (rule.state === 'firing' ? 0 : 2) + (rule.severity === 'critical' ? 0 : 1);
    const alerts = rules.filter((rule) => rule.state === 'firing' || rule.state === 'pending').sort((a, b) => rank(a) - rank(b));
    return { evaluatedAt: new Date(at).toISOString(), intervalMs: this.options.intervalMs, forSeconds: this.options.alertForMs / 1000, alerts, rules };
  }

  private async run(): Promise<Evaluation> {
    const collected = await this.collector.collect();
    const at = this.clock();
    const rules = this.states.evaluate(collected.signals, at);
    this.logTransitions(rules);
    this.latest = { at, rules, collected };
    return this.latest;
  }

  private logTransitions(rules: readonly RuleState[]): void {
    const before = new Map(this.latest?.rules.map((rule) => [rule.name, rule]));
    for (const rule of rules) {
      const was = before.get(rule.name);
      const firing = rule.state === 'firing';
      const wasFiring = was?.state === 'firing';
      if (firing && (!wasFiring || was?.severity !== rule.severity)) this.logger.warn({ msg: 'alert firing', alert: rule.name, severity: rule.severity, value: rule.value, warning: rule.warning, critical: rule.critical });
      else if (!firing && wasFiring) this.logger.log({ msg: 'alert resolved', alert: rule.name, value: rule.value });
    }
  }
}
