import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { InvestigationDetail } from '../../domain/investigation.js';
import { InvestigationsRepository } from '../../infrastructure/investigations.repository.js';
import { GetInvestigationQuery } from './get-investigation.query.js';

@QueryHandler(GetInvestigationQuery)
export class GetInvestigationQueryHandler implements IQueryHandler<GetInvestigationQuery, InvestigationDetail> {
  constructor(private readonly investigations: InvestigationsRepository) {}

  execute(query: GetInvestigationQuery): Promise<InvestigationDetail> {
    return this.investigations.detail(query.id);
  }
}
