import { ApiProperty } from '@nestjs/swagger';
import type { AlertsReport, Finding, FindingSeverity, RuleState, Severity } from '../../../platform/monitoring/index.js';

/** Shapes the monitoring reports share. */
export class MonitoringFindingDto implements Finding {
  @ApiProperty({ description: 'Stable identifier, e.g. `REDIS.EVICTION_POLICY`.' }) code!: string;
  @ApiProperty({ enum: ['info', 'warning', 'critical'] }) severity!: FindingSeverity;
  @ApiProperty() message!: string;
  @ApiProperty() recommendation!: string;
}

export class AlertRuleStateDto implements RuleState {
  @ApiProperty({ description: "Also the Prometheus alert's name." }) name!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: ['ok', 'pending', 'firing', 'no-data'] }) state!: RuleState['state'];
  @ApiProperty({ type: String, enum: ['warning', 'critical', null], nullable: true, description: 'Null while the rule is ok.' }) severity!: Severity | null;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty() warning!: number;
  @ApiProperty() critical!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: "When the reported severity's level was first crossed, while it stays crossed." }) since!: string | null;
}

export class AlertsResponseDto implements AlertsReport {
  @ApiProperty({ format: 'date-time' }) evaluatedAt!: string;
  @ApiProperty({ type: 'integer' }) intervalMs!: number;
  @ApiProperty({ type: 'integer' }) forSeconds!: number;
  @ApiProperty({ type: [AlertRuleStateDto], description: 'Pending and firing alerts, critical first.' }) alerts!: AlertRuleStateDto[];
  @ApiProperty({ type: [AlertRuleStateDto], description: 'Every rule, with its value and levels.' }) rules!: AlertRuleStateDto[];
}
