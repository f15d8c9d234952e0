import { ApiProperty } from '@nestjs/swagger';

export class ContractVersionResponseDto {
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['contract.created', 'contract.updated'] }) event!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ type: String, nullable: true, description: '`key:<id>`, `jwt:<subject>` or `admin-token`; null when unknown' }) actor!: string | null;
  @ApiProperty({ type: [String], description: 'Fields set by this version' }) changed!: string[];
}

export class ContractHistoryResponseDto {
  @ApiProperty({ type: [ContractVersionResponseDto] }) items!: ContractVersionResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
