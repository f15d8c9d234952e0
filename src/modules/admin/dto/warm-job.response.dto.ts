import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WarmJobView } from '../../../platform/cache/index.js';

class WarmerProgressDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) done!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  @ApiPropertyOptional({ description: 'Why the warmer failed.' }) error?: string;
}

export class WarmJobResponseDto implements WarmJobView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['admin', 'schedule'] }) trigger!: 'admin' | 'schedule';
  @ApiProperty({ description: 'BullMQ state: waiting, delayed, active, completed, failed, …' }) state!: string;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) attemptsMade!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) failedReason!: string | null;
  @ApiProperty({ type: [WarmerProgressDto], nullable: true, description: "Each warmer's figures once the job completed." }) warmers!: WarmerProgressDto[] | null;
}
