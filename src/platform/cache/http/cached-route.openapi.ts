import type { HeaderObject, ParameterObject, ResponseObject } from '@nestjs/swagger';
import { addResponseHeaders, type OperationRule } from '../../http/index.js';
import { CACHED_ROUTE } from '../cache.constants.js';
import type { CachedRouteOptions } from '../decorators/cached-route.decorator.js';

const string = { type: 'string' } as const;

const ETAG: HeaderObject = { description: 'Entity tag of this representation: send it back in `If-None-Match` to revalidate.', schema: string };

const IF_NONE_MATCH: ParameterObject = {
  name: 'If-None-Match',
  in: 'header',
  required: false,
  description: 'ETags the client holds (or `*`): 304 without a body when the current one is among them.',
  schema: string,
};

/**
 * A `@CachedRoute` answers with its cache headers (while the response cache is on), and 304
 * to a matching `If-None-Match`.
 */
export const cachedRouteRule: OperationRule = ({ operation, metadata }) => {
  const options = metadata<CachedRouteOptions<unknown>>(CACHED_ROUTE);
  if (options === undefined) return;
  const headers: Record<string, HeaderObject> = {
    ETag: ETAG,
    'Cache-Control': { description: `\`${options.cacheControl ?? 'no-cache'}\`: store, but revalidate before reuse.`, schema: string },
    ...(options.vary?.length ? { Vary: { description: options.vary.join(', '), schema: string } } : {}),
  };
  const ok = operation.responses['200'] as ResponseObject | undefined;
  if (ok) ok.headers = { ...ok.headers, ...headers };
  const notModified: ResponseObject = { description: 'Not modified: the ETag sent in `If-None-Match` is current. No body.', headers: { ETag: ETAG, 'Cache-Control': headers['Cache-Control'] } };
  operation.responses['304'] = notModified;
  operation.parameters = [...(operation.parameters ?? []), IF_NONE_MATCH];
};

const X_CACHE: Record<string, HeaderObject> = {
  'X-Cache': {
    description: 'Where the answer came from: the cache (`HIT`), the handler (`MISS`; its errors too), or an expired entry served because the handler failed (`STALE`).',
    schema: { type: 'string', enum: ['HIT', 'MISS', 'STALE'] },
  },
};

/** `X-Cache` on every answer of a `@CachedRoute` that went through its cache (run it after the rules that add statuses). */
export const cachedRouteHeadersRule: OperationRule = ({ operation, metadata }) => {
  if (metadata(CACHED_ROUTE) !== undefined) addResponseHeaders(operation, X_CACHE);
};
