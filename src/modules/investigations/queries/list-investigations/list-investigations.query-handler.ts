import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Investigation } from '../../domain/investigation.js';
import { InvestigationsRepository } from '../../infrastructure/investigations.repository.js';
import { ListInvestigationsQuery } from './list-investigations.query.js';

@QueryHandler(ListInvestigationsQuery)
export class ListInvestigationsQueryHandler implements IQueryHandler<ListInvestigationsQuery, { items: Investigation[]; nextCursor: string | null }> {
  constructor(private readonly investigations: InvestigationsRepository) {}

  execute(query: ListInvestigationsQuery): Promise<{ items: Investigation[]; nextCursor: string | null }> {
    return this.investigations.list(query.limit, query.cursor);
  }
}
