import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The route a request resolved to: Fastify's route config, where route decorators leave their
 * metadata, with the route's template as `url` (undefined when no route matched: a 404).
 */
export type GateRoute = Readonly<Record<string, unknown>> & { readonly url?: string };

/**
 * A check every request passes before it is answered — through Fastify, and before a cached
 * answer the pre-router writes itself. Return nothing to let the request on; throw an
 * `AppError` to answer with its error body. Return a promise only where the gate must wait
 * (the pre-router then hands the request to Fastify, which waits). Headers a gate sets on
 * `response` go out with every answer, errors and cached hits included.
 */
export interface RequestGate {
  check(request: IncomingMessage, response: ServerResponse, route: GateRoute): void | Promise<void>;
}
