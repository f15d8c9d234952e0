import { Query } from '@nestjs/cqrs';
import { type Agency } from '../../domain/agency.js';

export class GetAgencyQuery extends Query<Agency> {
  constructor(readonly id: string) {
    super();
  }
}
