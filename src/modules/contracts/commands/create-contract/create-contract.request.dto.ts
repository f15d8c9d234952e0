import { type ContractStatus, type ProcurementMethod } from '../../domain/contract.js';
import { ContractField } from '../../dto/contract-fields.js';

export class CreateContractRequestDto {
  @ContractField.agencyId(true) agencyId!: string;
  @ContractField.supplierId(true) supplierId!: string;
  @ContractField.category(true) category!: string;
  @ContractField.procurementMethod(true) procurementMethod!: ProcurementMethod;
  @ContractField.amountCents(true) amountCents!: number;
  @ContractField.currency(true) currency!: string;
  @ContractField.signedAt(true) signedAt!: string;
  @ContractField.status(true) status!: ContractStatus;
  @ContractField.metadata() metadata?: Record<string, unknown>;
}
