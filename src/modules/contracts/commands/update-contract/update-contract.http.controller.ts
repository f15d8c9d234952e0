import { Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Contract } from '../../domain/contract.js';
import { ContractResponseDto } from '../../dto/contract.response.dto.js';
import { UpdateContractRequestDto } from './update-contract.request.dto.js';
import { UpdateContractService } from './update-contract.service.js';

@ApiTags('contracts')
@Controller('contracts')
export class UpdateContractHttpController {
  constructor(private readonly service: UpdateContractService) {}

  @Patch(':id')
  @ApiOperation({ summary: 'Change some fields of a contract, guarded by its version.' })
  @ApiOkResponse({ type: ContractResponseDto })
  @ApiNotFoundResponse({ description: 'CONTRACT.NOT_FOUND' })
  @ApiConflictResponse({ description: 'CONTRACT.VERSION_CONFLICT: the version sent is stale' })
  update(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateContractRequestDto): Promise<Contract> {
    return this.service.update(id, body);
  }
}
