import { ApiProperty } from '@nestjs/swagger';
import type { RedisConnectionsReport } from '../../../platform/monitoring/index.js';
import { MonitoringFindingDto } from './monitoring.response.dto.js';

const int = { type: 'integer', minimum: 0 } as const;
const nullableInt = { type: 'integer', nullable: true } as const;

class ProcessConnectionDto {
  @ApiProperty() name!: string;
  @ApiProperty() role!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ ...int, description: 'Commands sent since the connection was made.' }) sent!: number;
  @ApiProperty(int) failed!: number;
  @ApiProperty(int) reconnects!: number;
  @ApiProperty({ ...nullableInt, description: 'Commands written and waiting for their reply.' }) inFlight!: number | null;
}

class ProcessConnectionsDto {
  @ApiProperty({ type: [ProcessConnectionDto] }) connections!: ProcessConnectionDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Connections per role.' }) byRole!: Record<string, number>;
}

class ClientGroupDto {
  @ApiProperty({ description: 'The connection name (`(unnamed)` for none).' }) name!: string;
  @ApiProperty(int) connections!: number;
  @ApiProperty(int) blocked!: number;
  @ApiProperty(int) subscribers!: number;
  @ApiProperty(int) maxIdleSeconds!: number;
  @ApiProperty(int) oldestSeconds!: number;
  @ApiProperty(int) memoryBytes!: number;
}

class ServerConnectionsDto {
  @ApiProperty(nullableInt) connected!: number | null;
  @ApiProperty(nullableInt) max!: number | null;
  @ApiProperty({ type: Number, nullable: true }) use!: number | null;
  @ApiProperty(nullableInt) blocked!: number | null;
  @ApiProperty(nullableInt) rejected!: number | null;
  @ApiProperty({ type: [ClientGroupDto], description: 'Largest group first.' }) groups!: ClientGroupDto[];
}

export class RedisConnectionsResponseDto implements RedisConnectionsReport {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: ProcessConnectionsDto, description: "This process's connections, and how many of each role." }) process!: ProcessConnectionsDto;
  @ApiProperty({ type: ServerConnectionsDto, nullable: true, description: 'Every client of the server, grouped by connection name; null when Redis did not answer.' }) server!: ServerConnectionsDto | null;
  @ApiProperty({ type: [MonitoringFindingDto] }) findings!: MonitoringFindingDto[];
  @ApiProperty({ type: [String] }) advice!: string[];
}
