import type { IncomingMessage } from 'node:http';

/**
 * The peer address of the warmers' in-process requests. Not an IP address, so no socket can
 * carry it: gates may tell these requests apart (e.g. not rate limit them).
 */
export const WARM_REQUEST_ADDRESS = 'hotpath-cache-warmer';

export const isWarmRequest = (request: IncomingMessage): boolean => request.socket?.remoteAddress === WARM_REQUEST_ADDRESS;
