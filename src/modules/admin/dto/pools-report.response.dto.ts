import { ApiProperty } from '@nestjs/swagger';
import type { PoolFigures, PoolsReport } from '../../../platform/monitoring/index.js';
import { MonitoringFindingDto } from './monitoring.response.dto.js';

const int = { type: 'integer', minimum: 0 } as const;
const nullableNumber = { type: Number, nullable: true } as const;

class PoolExhaustionDto {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() waitedMs!: number;
}

class PoolFiguresDto implements PoolFigures {
  @ApiProperty(int) max!: number;
  @ApiProperty(int) min!: number;
  @ApiProperty(int) total!: number;
  @ApiProperty(int) idle!: number;
  @ApiProperty(int) inUse!: number;
  @ApiProperty(int) waiting!: number;
  @ApiProperty({ ...int, description: 'Most connections in use at once since start.' }) peakInUse!: number;
  @ApiProperty(int) acquisitions!: number;
  @ApiProperty({ ...int, description: 'Acquisitions that queued (no idle connection, pool at its maximum).' }) waits!: number;
  @ApiProperty({ ...int, description: 'Acquisitions that gave up: the pool was exhausted.' }) timeouts!: number;
  @ApiProperty(nullableNumber) acquireP50Ms!: number | null;
  @ApiProperty(nullableNumber) acquireP95Ms!: number | null;
  @ApiProperty() acquireMaxMs!: number;
  @ApiProperty({ type: [PoolExhaustionDto], description: 'The latest exhaustion events, newest first.' }) exhaustions!: PoolExhaustionDto[];
}

class PostgresServerDto {
  @ApiProperty() version!: string;
  @ApiProperty(int) maxConnections!: number;
  @ApiProperty({ ...int, description: 'superuser_reserved_connections.' }) reservedConnections!: number;
  @ApiProperty({ ...int, description: "Client connections open now, everyone's." }) connections!: number;
  @ApiProperty({ ...int, description: "Of them, Hotpath's." }) hotpathConnections!: number;
}

class PoolSizingDto {
  @ApiProperty(int) processes!: number;
  @ApiProperty(int) dedicatedConnectionsPerProcess!: number;
  @ApiProperty({ type: 'integer', nullable: true }) budgetPerProcess!: number | null;
  @ApiProperty(int) suggestedMax!: number;
  @ApiProperty(int) configuredMax!: number;
}

class PostgresPoolReportDto {
  @ApiProperty({ type: PoolFiguresDto }) pool!: PoolFiguresDto;
  @ApiProperty({ type: PostgresServerDto, nullable: true, description: 'Null when the server could not be asked (the pool exhausted, Postgres away).' }) server!: PostgresServerDto | null;
  @ApiProperty({ type: PoolSizingDto }) sizing!: PoolSizingDto;
  @ApiProperty({ type: [MonitoringFindingDto] }) findings!: MonitoringFindingDto[];
}

export class PoolsReportResponseDto implements PoolsReport {
  @ApiProperty({ type: PostgresPoolReportDto, nullable: true }) postgres!: PostgresPoolReportDto | null;
}
