import { ApiProperty } from '@nestjs/swagger';
import { CONTRACT_STATUSES, type ContractStatus, PROCUREMENT_METHODS, type ProcurementMethod } from '../domain/contract.js';

export class ContractResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agencyId!: string;
  @ApiProperty({ format: 'uuid' }) supplierId!: string;
  @ApiProperty({ example: 'construction' }) category!: string;
  @ApiProperty({ enum: PROCUREMENT_METHODS }) procurementMethod!: ProcurementMethod;
  @ApiProperty({ description: 'Amount in the currency minor unit (cents).', example: 1250000 }) amountCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ format: 'date-time' }) signedAt!: string;
  @ApiProperty({ enum: CONTRACT_STATUSES }) status!: ContractStatus;
  @ApiProperty({ type: 'object', additionalProperties: true }) metadata!: Record<string, unknown>;
  @ApiProperty({ description: 'Optimistic-concurrency version; send it back on PATCH.' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ContractPageResponseDto {
  @ApiProperty({ type: [ContractResponseDto] }) items!: ContractResponseDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor!: string | null;
}
