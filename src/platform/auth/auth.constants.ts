/** Route config entry (and handler metadata) holding a route's access policy. */
export const ROUTE_POLICY = 'hotpath:auth:policy';
/** Injection tokens. */
export const API_KEYS_SQL = 'hotpath:auth:api-keys-sql';
export const KEY_CHANGE_BUS = 'hotpath:auth:key-change-bus';
