/** Route config entry naming the budget a route draws on (`@RateLimitBudget`). */
export const RATE_LIMIT_BUDGET = 'hotpath:rate-limit:budget';
/** Injection token of the store buckets are reconciled with. */
export const RATE_LIMIT_STORE = 'hotpath:rate-limit:store';
/** Budgets every request falls back to by method: GET, HEAD and OPTIONS read, the rest write. */
export const READ_BUDGET = 'read';
export const WRITE_BUDGET = 'write';
