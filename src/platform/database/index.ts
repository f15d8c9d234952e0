export { DatabaseModule } from './database.module.js';
export { dataSourceOptions } from './data-source-options.js';
export type { DatabaseSettings } from './data-source-options.js';
export { ensureDatabase, dropDatabase } from './ensure-database.js';
export { migrate } from './migrate.js';
export { queryPrepared } from './prepared-query.js';
export { DatabaseUnavailableError, toDatabaseError } from './database.errors.js';
export { cursorPart, decodeCheckedCursor, decodeCursor, encodeCursor, InvalidCursorError } from './keyset-cursor.js';
