import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, encodeCursor, InvalidCursorError } from '../../../../platform/database/index.js';
import { type ContractHistoryPage, contractVersions } from '../../domain/contract-history.js';
import { ContractHistoryRepository } from '../../infrastructure/contract-history.repository.js';
import { GetContractHistoryQuery } from './get-contract-history.query.js';

const MAX_VERSION = 2 ** 31 - 1;

@QueryHandler(GetContractHistoryQuery)
export class GetContractHistoryQueryHandler implements IQueryHandler<GetContractHistoryQuery, ContractHistoryPage> {
  constructor(private readonly history: ContractHistoryRepository) {}

  /** Oldest first; a page after the first also reads the version before it, to diff against. */
  async execute({ id, limit, cursor }: GetContractHistoryQuery): Promise<ContractHistoryPage> {
    const after = cursor === undefined ? 0 : afterVersion(cursor);
    const events = await this.history.events(id, after, limit + 1);
    const baseline = after > 0 && events[0]?.version === after ? events.shift() : undefined;
    const page = events.slice(0, limit);
    const last = page.at(-1);
    return { items: contractVersions(page, baseline), nextCursor: events.length > limit && last ? encodeCursor([String(last.version)]) : null };
  }
}

function afterVersion(cursor: string): number {
  const [version] = decodeCursor(cursor, 1) ?? [];
  if (version === undefined || !/^[1-9]\d{0,9}$/.test(version) || Number(version) > MAX_VERSION) throw new InvalidCursorError();
  return Number(version);
}
