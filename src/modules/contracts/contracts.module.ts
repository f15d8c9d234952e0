import { Module } from '@nestjs/common';
import { CreateContractHttpController } from './commands/create-contract/create-contract.http.controller.js';
import { CreateContractService } from './commands/create-contract/create-contract.service.js';
import { UpdateContractHttpController } from './commands/update-contract/update-contract.http.controller.js';
import { UpdateContractService } from './commands/update-contract/update-contract.service.js';
import { ContractHistoryRepository } from './infrastructure/contract-history.repository.js';
import { ContractsRepository } from './infrastructure/contracts.repository.js';
import { GetContractHttpController } from './queries/get-contract/get-contract.http.controller.js';
import { GetContractHistoryHttpController } from './queries/get-contract-history/get-contract-history.http.controller.js';
import { GetContractHistoryQueryHandler } from './queries/get-contract-history/get-contract-history.query-handler.js';
import { GetContractQueryHandler } from './queries/get-contract/get-contract.query-handler.js';
import { ListContractsHttpController } from './queries/list-contracts/list-contracts.http.controller.js';
import { ListContractsQueryHandler } from './queries/list-contracts/list-contracts.query-handler.js';
import { ContractListWarmer } from './warmers/contract-list.warmer.js';

@Module({
  controllers: [ListContractsHttpController, GetContractHttpController, GetContractHistoryHttpController, CreateContractHttpController, UpdateContractHttpController],
  providers: [ContractsRepository, ContractHistoryRepository, GetContractQueryHandler, GetContractHistoryQueryHandler, ListContractsQueryHandler, CreateContractService, UpdateContractService, ContractListWarmer],
  exports: [ContractsRepository],
})
export class ContractsModule {}
