export { envelope } from './event-envelope.js';
export type { EventEnvelope, NewEvent } from './event-envelope.js';
export { appendToOutbox } from './outbox.writer.js';
export { uuidV7 } from './uuid-v7.js';
export { streamOf } from './event-streams.js';
export { OUTBOX_CHANNEL, OutboxRelay } from './outbox-relay.js';
export type { OutboxRelaySettings } from './outbox-relay.js';
export { OutboxRelayModule } from './outbox-relay.module.js';
