import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type AgencyPage } from '../../domain/agency.js';
import { AgenciesRepository } from '../../infrastructure/agencies.repository.js';
import { ListAgenciesQuery } from './list-agencies.query.js';

@QueryHandler(ListAgenciesQuery)
export class ListAgenciesQueryHandler implements IQueryHandler<ListAgenciesQuery, AgencyPage> {
  constructor(private readonly agencies: AgenciesRepository) {}

  execute(query: ListAgenciesQuery): Promise<AgencyPage> {
    return this.agencies.list(query.cursor, query.limit);
  }
}
