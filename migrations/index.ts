import { InitialSchema1763800000000 } from './1763800000000-initial-schema.js';
import { EventOutbox1763900000000 } from './1763900000000-event-outbox.js';
import { EventInbox1764000000000 } from './1764000000000-event-inbox.js';
import { EventStoreProjections1764100000000 } from './1764100000000-event-store-projections.js';
import { InvestigationRuns1764200000000 } from './1764200000000-investigation-runs.js';
import { OutboxHotPath1764300000000 } from './1764300000000-outbox-hot-path.js';
import { ContractStatsApply1764400000000 } from './1764400000000-contract-stats-apply.js';
import { ExactStatsSums1764500000000 } from './1764500000000-exact-stats-sums.js';
import { InvestigationQuotas1764520000000 } from './1764520000000-investigation-quotas.js';
import { ApiKeys1764600000000 } from './1764600000000-api-keys.js';
import { EventActor1764700000000 } from './1764700000000-event-actor.js';

/** Every migration in order; listed explicitly so builds and tests load the same classes. */
export const MIGRATIONS = [
  InitialSchema1763800000000,
  EventOutbox1763900000000,
  EventInbox1764000000000,
  EventStoreProjections1764100000000,
  InvestigationRuns1764200000000,
  OutboxHotPath1764300000000,
  ContractStatsApply1764400000000,
  ExactStatsSums1764500000000,
  InvestigationQuotas1764520000000,
  ApiKeys1764600000000,
  EventActor1764700000000,
];
