import { Query } from '@nestjs/cqrs';
import { type AgencyPage } from '../../domain/agency.js';

export class ListAgenciesQuery extends Query<AgencyPage> {
  constructor(
    readonly cursor: string | undefined,
    readonly limit: number,
  ) {
    super();
  }
}
