import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENT_NAMES, type AgentName, type Finding, SEVERITIES, type Severity } from '../../analysis/index.js';
import { INVESTIGATION_STATUSES, type Investigation, type InvestigationDetail, type InvestigationScope, type InvestigationStatus } from '../domain/investigation.js';

export class InvestigationScopeResponseDto implements InvestigationScope {
  @ApiPropertyOptional({ format: 'uuid' }) agencyId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) supplierId?: string;
  @ApiPropertyOptional() category?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Signed at or after (inclusive), moved back to its UTC midnight.' }) from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Signed before (exclusive), moved forward to the next UTC midnight.' }) to?: string;
}

export class InvestigationResponseDto implements Investigation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: InvestigationScopeResponseDto, description: 'The scope as run (normalized).' }) scope!: InvestigationScopeResponseDto;
  @ApiProperty({ enum: AGENT_NAMES, isArray: true }) agents!: AgentName[];
  @ApiProperty({ enum: INVESTIGATION_STATUSES }) status!: InvestigationStatus;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Why a failed run failed: the agents that did not finish, or that the analysis failed.' }) error!: string | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Contracts in scope, once loaded.' }) contracts!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt!: string | null;
}

export class OpenedInvestigationResponseDto extends InvestigationResponseDto {
  @ApiProperty({ description: 'True when a run with the same scope and agents was already open: that run is returned.' }) reused!: boolean;
}

export class FindingResponseDto implements Finding {
  @ApiProperty({ enum: AGENT_NAMES }) agent!: AgentName;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({ description: "Strength of the signal, on the agent's own scale; higher is stronger." }) score!: number;
  @ApiPropertyOptional({ format: 'uuid' }) contractId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) supplierId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) agencyId?: string;
  @ApiPropertyOptional() category?: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The figures behind the finding (each agent's own)." }) evidence!: Record<string, unknown>;
}

export class InvestigationDetailResponseDto extends InvestigationResponseDto implements InvestigationDetail {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Findings per agent (agents with none are absent).' }) findingCounts!: Partial<Record<AgentName, number>>;
  @ApiProperty({ type: [FindingResponseDto], description: 'The strongest findings, strongest first.' }) findings!: FindingResponseDto[];
  @ApiProperty({ description: 'True when there are more findings than `findings` holds.' }) findingsTruncated!: boolean;
}

export class InvestigationPageResponseDto {
  @ApiProperty({ type: [InvestigationResponseDto] }) items!: InvestigationResponseDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' }) nextCursor!: string | null;
}
