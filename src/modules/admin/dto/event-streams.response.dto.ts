import { ApiProperty } from '@nestjs/swagger';
import type { EventStreamsReport } from '../../../platform/events/index.js';

const int = { type: 'integer', minimum: 0 } as const;

class OutboxBacklogDto {
  @ApiProperty(int) unpublished!: number;
  @ApiProperty({ type: Number, nullable: true }) oldestUnpublishedAgeSeconds!: number | null;
}

class StreamGroupDto {
  @ApiProperty() name!: string;
  @ApiProperty(int) consumers!: number;
  @ApiProperty(int) pending!: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'Entries not yet delivered to the group (null when Redis cannot tell, e.g. after trimming).' }) lag!: number | null;
  @ApiProperty() lastDeliveredId!: string;
}

class EventStreamDto {
  @ApiProperty() name!: string;
  @ApiProperty(int) length!: number;
  @ApiProperty({ type: String, nullable: true }) lastId!: string | null;
  @ApiProperty({ type: [StreamGroupDto] }) groups!: StreamGroupDto[];
}

export class EventStreamsResponseDto implements EventStreamsReport {
  @ApiProperty({ type: OutboxBacklogDto }) outbox!: OutboxBacklogDto;
  @ApiProperty({ type: [EventStreamDto] }) streams!: EventStreamDto[];
}
