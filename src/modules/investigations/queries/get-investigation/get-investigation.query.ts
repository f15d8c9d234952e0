import { Query } from '@nestjs/cqrs';
import type { InvestigationDetail } from '../../domain/investigation.js';

export class GetInvestigationQuery extends Query<InvestigationDetail> {
  constructor(readonly id: string) {
    super();
  }
}
