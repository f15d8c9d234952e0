/** Metadata of `@EventConsumer()` classes. */
export const EVENT_CONSUMER = 'hotpath:events:consumer';
