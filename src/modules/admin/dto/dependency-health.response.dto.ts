import { ApiProperty } from '@nestjs/swagger';
import type { CheckOutcome, DependencyHealthReport } from '../../../platform/health/index.js';

class ProcessFiguresDto {
  @ApiProperty({ type: 'integer' }) pid!: number;
  @ApiProperty({ description: 'Node.js version.' }) node!: string;
  @ApiProperty({ type: 'integer' }) uptimeSeconds!: number;
  @ApiProperty({ type: 'integer' }) rssBytes!: number;
  @ApiProperty({ type: 'integer' }) heapUsedBytes!: number;
}

export class DependencyHealthResponseDto implements DependencyHealthReport {
  @ApiProperty({ enum: ['ok', 'error'] }) status!: 'ok' | 'error';
  @ApiProperty({ format: 'date-time' }) checkedAt!: string;
  @ApiProperty({ type: ProcessFiguresDto }) process!: ProcessFiguresDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'object', required: ['status', 'durationMs'], properties: { status: { type: 'string', enum: ['up', 'down'] }, durationMs: { type: 'number' } }, additionalProperties: true },
    description: 'Every dependency and indicator: status, check time, and its own details (a version, a message, counts).',
  })
  dependencies!: Record<string, CheckOutcome>;
}
