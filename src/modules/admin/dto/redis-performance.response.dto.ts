import { ApiProperty } from '@nestjs/swagger';
import type { RedisPerformanceReport, RedisServerFigures } from '../../../platform/monitoring/index.js';
import { AlertRuleStateDto, MonitoringFindingDto } from './monitoring.response.dto.js';

const int = { type: 'integer', minimum: 0 } as const;
const nullableInt = { type: 'integer', nullable: true } as const;
const nullableNumber = { type: Number, nullable: true } as const;

class WindowFiguresDto {
  @ApiProperty(int) count!: number;
  @ApiProperty(int) errors!: number;
  @ApiProperty(int) slow!: number;
  @ApiProperty(int) blocking!: number;
  @ApiProperty(nullableNumber) p50Ms!: number | null;
  @ApiProperty(nullableNumber) p95Ms!: number | null;
  @ApiProperty(nullableNumber) p99Ms!: number | null;
}

class MinuteFiguresDto extends WindowFiguresDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the minute.' }) minute!: string;
}

class CommandFiguresDto {
  @ApiProperty() command!: string;
  @ApiProperty({ description: 'Connection role.' }) role!: string;
  @ApiProperty(int) count!: number;
  @ApiProperty(int) errors!: number;
  @ApiProperty() errorRate!: number;
  @ApiProperty(int) slow!: number;
  @ApiProperty({ ...int, description: 'Commands that block by design; left out of the latency figures.' }) blocking!: number;
  @ApiProperty(nullableNumber) p50Ms!: number | null;
  @ApiProperty(nullableNumber) p95Ms!: number | null;
  @ApiProperty(nullableNumber) p99Ms!: number | null;
}

class ClientTimingDto {
  @ApiProperty() slowCommandMs!: number;
  @ApiProperty({ type: WindowFiguresDto }) lastFiveMinutes!: WindowFiguresDto;
  @ApiProperty({ type: [CommandFiguresDto], description: 'The last 1,000 operations, per command and connection role.' }) recent!: CommandFiguresDto[];
  @ApiProperty({ type: [CommandFiguresDto], description: 'The last hour, per command and connection role.' }) lastHour!: CommandFiguresDto[];
  @ApiProperty({ type: [MinuteFiguresDto] }) perMinute!: MinuteFiguresDto[];
}

class ServerClientsDto {
  @ApiProperty(nullableInt) connected!: number | null;
  @ApiProperty(nullableInt) blocked!: number | null;
  @ApiProperty(nullableInt) max!: number | null;
  @ApiProperty(nullableNumber) use!: number | null;
}

class ServerMemoryDto {
  @ApiProperty(nullableInt) usedBytes!: number | null;
  @ApiProperty(nullableInt) peakBytes!: number | null;
  @ApiProperty(nullableInt) maxmemoryBytes!: number | null;
  @ApiProperty({ ...nullableInt, description: "maxmemory, or the machine's memory when maxmemory is 0." }) limitBytes!: number | null;
  @ApiProperty(nullableNumber) use!: number | null;
  @ApiProperty() policy!: string;
  @ApiProperty(nullableNumber) fragmentationRatio!: number | null;
}

class ServerStatsDto {
  @ApiProperty(nullableNumber) opsPerSecond!: number | null;
  @ApiProperty(nullableInt) keyspaceHits!: number | null;
  @ApiProperty(nullableInt) keyspaceMisses!: number | null;
  @ApiProperty(nullableNumber) keyspaceHitRatio!: number | null;
  @ApiProperty(nullableInt) evictedKeys!: number | null;
  @ApiProperty(nullableInt) expiredKeys!: number | null;
  @ApiProperty(nullableInt) rejectedConnections!: number | null;
  @ApiProperty(nullableInt) totalConnectionsReceived!: number | null;
}

class ServerCommandStatDto {
  @ApiProperty() command!: string;
  @ApiProperty(int) calls!: number;
  @ApiProperty() usecPerCall!: number;
  @ApiProperty({ ...int, description: 'Microseconds spent in this command since the server started.' }) usec!: number;
  @ApiProperty(int) failedCalls!: number;
  @ApiProperty(int) rejectedCalls!: number;
}

class SlowlogEntryDto {
  @ApiProperty(int) id!: number;
  @ApiProperty({ format: 'date-time', description: "When Redis logged it (the server's clock)." }) at!: string;
  @ApiProperty() durationMs!: number;
  @ApiProperty() command!: string;
  @ApiProperty({ description: 'The connection name of the client that sent it.' }) client!: string;
}

class SlowlogDto {
  @ApiProperty() available!: boolean;
  @ApiProperty(int) newEntries!: number;
  @ApiProperty({ type: [SlowlogEntryDto] }) recent!: SlowlogEntryDto[];
}

class RedisServerFiguresDto implements RedisServerFigures {
  @ApiProperty({ format: 'date-time' }) readAt!: string;
  @ApiProperty() version!: string;
  @ApiProperty() mode!: string;
  @ApiProperty(nullableInt) uptimeSeconds!: number | null;
  @ApiProperty({ type: ServerClientsDto }) clients!: ServerClientsDto;
  @ApiProperty({ type: ServerMemoryDto }) memory!: ServerMemoryDto;
  @ApiProperty({ type: ServerStatsDto }) stats!: ServerStatsDto;
  @ApiProperty(int) keys!: number;
  @ApiProperty({ type: [ServerCommandStatDto], description: "The ten commands that took most of the server's time since it started." }) topCommands!: ServerCommandStatDto[];
  @ApiProperty({ type: SlowlogDto }) slowlog!: SlowlogDto;
}

export class RedisPerformanceResponseDto implements RedisPerformanceReport {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 }) healthScore!: number;
  @ApiProperty({ enum: ['healthy', 'degraded', 'unhealthy'] }) status!: RedisPerformanceReport['status'];
  @ApiProperty({ type: [MonitoringFindingDto] }) findings!: MonitoringFindingDto[];
  @ApiProperty({ type: [String] }) recommendations!: string[];
  @ApiProperty({ type: ClientTimingDto, description: "This process's commands, timed on the client." }) client!: ClientTimingDto;
  @ApiProperty({ type: RedisServerFiguresDto, nullable: true, description: 'Null when Redis did not answer.' }) server!: RedisServerFiguresDto | null;
  @ApiProperty({ type: [AlertRuleStateDto] }) rules!: AlertRuleStateDto[];
}
