import { ApiProperty, type SchemaObject } from '@nestjs/swagger';

export class LivenessResponseDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

const partState: SchemaObject = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', enum: ['up', 'down'] }, responseTime: { type: 'number', description: 'Milliseconds the check took.' } },
};
const parts = { type: 'object', additionalProperties: partState } as const;

/** Readiness when every part is up (a part down answers 503 `HEALTH.NOT_READY` instead): each part's state only. */
export class ReadinessResponseDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ ...parts, description: 'The parts that are up.' }) info!: Record<string, { status: 'up' | 'down' }>;
  @ApiProperty({ ...parts, description: 'The parts that are down (none).' }) error!: Record<string, { status: 'up' | 'down' }>;
  @ApiProperty({ ...parts, description: 'Every part checked: `database`, `redis`, and where the worker role runs its relay, consumers and agent pool.' }) details!: Record<string, { status: 'up' | 'down' }>;
}
