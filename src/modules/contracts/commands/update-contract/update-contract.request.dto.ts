import { ApiProperty } from '@nestjs/swagger';
import { BodyIntField, INT4_MAX } from '../../../../platform/http/index.js';
import { type ContractStatus, type ProcurementMethod } from '../../domain/contract.js';
import { ContractField } from '../../dto/contract-fields.js';

export class UpdateContractRequestDto {
  @ApiProperty({ description: 'The version you read; a stale version answers 409.', minimum: 1, maximum: INT4_MAX })
  @BodyIntField(1, INT4_MAX)
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
