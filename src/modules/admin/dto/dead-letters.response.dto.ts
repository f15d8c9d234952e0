import { ApiProperty } from '@nestjs/swagger';
import type { DeadLetter, DeadLetterPage, DeadLetterReplay } from '../../../platform/events/index.js';

class DeadLetterDto implements DeadLetter {
  @ApiProperty({ description: "The dead-letter stream's own entry id (what replay addresses)." }) id!: string;
  @ApiProperty({ description: 'The consumer group that gave up.' }) group!: string;
  @ApiProperty({ description: 'The stream the entry was on.' }) stream!: string;
  @ApiProperty({ description: 'Its id there.' }) entryId!: string;
  @ApiProperty({ type: String, nullable: true }) eventId!: string | null;
  @ApiProperty({ type: String, nullable: true }) type!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The envelope's JSON as published (verbatim)." }) envelope!: string | null;
  @ApiProperty() error!: string;
  @ApiProperty({ type: 'integer', minimum: 0 }) deliveries!: number;
  @ApiProperty() consumer!: string;
  @ApiProperty({ format: 'date-time' }) failedAt!: string;
}

export class DeadLetterPageResponseDto implements DeadLetterPage {
  @ApiProperty({ type: [DeadLetterDto], description: 'Newest first.' }) items!: DeadLetterDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Dead letters in the stream.' }) total!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `before` for the next (older) page; null on the last one.' }) next!: string | null;
}

export class DeadLetterReplayResponseDto implements DeadLetterReplay {
  @ApiProperty({ description: 'The stream the envelope went back to.' }) stream!: string;
  @ApiProperty({ description: 'Its new entry id there.' }) entryId!: string;
}
