import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { type Agency } from '../../domain/agency.js';
import { AgenciesRepository } from '../../infrastructure/agencies.repository.js';
import { GetAgencyQuery } from './get-agency.query.js';

@QueryHandler(GetAgencyQuery)
export class GetAgencyQueryHandler implements IQueryHandler<GetAgencyQuery, Agency> {
  constructor(private readonly agencies: AgenciesRepository) {}

  execute(query: GetAgencyQuery): Promise<Agency> {
    return this.agencies.findById(query.id);
  }
}
