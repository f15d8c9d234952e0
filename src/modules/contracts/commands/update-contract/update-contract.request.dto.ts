import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';
import { type ContractStatus, type ProcurementMethod } from '../../domain/contract.js';
import { ContractField } from '../../dto/contract-fields.js';

export class UpdateContractRequestDto {
  @ApiProperty({ description: 'The version you read; a stale version answers 409.' })
  @IsInt()
  @Min(1)
  version!: number;

  @ContractField.agencyId(false) agencyId?: string;
  @ContractField.supplierId(false) supplierId?: string;
  @ContractField.category(false) category?: string;
  @ContractField.procurementMethod(false) procurementMethod?: ProcurementMethod;
  @ContractField.amountCents(false) amountCents?: number;
  @ContractField.currency(false) currency?: string;
  @ContractField.signedAt(false) signedAt?: string;
  @ContractField.status(false) status?: ContractStatus;
  @ContractField.metadata() metadata?: Record<string, unknown>;
}
