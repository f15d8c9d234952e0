/** The shared, auto-pipelined command connection. */
export const REDIS_CLIENT = 'hotpath:redis:client';
