import { Query } from '@nestjs/cqrs';
import type { Investigation } from '../../domain/investigation.js';

export class ListInvestigationsQuery extends Query<{ items: Investigation[]; nextCursor: string | null }> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
