/** Metadata of `@CachedRoute()` routes (also mirrored into the Fastify route config). */
export const CACHED_ROUTE = 'hotpath:cache:route';
/** Metadata of `@Cached()` provider methods. */
export const CACHED_METHOD = 'hotpath:cache:method';
/** Metadata of `@InvalidateTags()` handlers. */
export const INVALIDATE_TAGS = 'hotpath:cache:invalidate-tags';
/** Injection tokens of the cache's transports. */
export const CACHE_L2_STORE = 'hotpath:cache:l2-store';
export const CACHE_BUS = 'hotpath:cache:bus';
/** Marks a provider as a cache warmer. */
export const CACHE_WARMER = 'hotpath:cache:warmer';
export const CACHE_HTTP_OPTIONS = 'hotpath:cache:http-options';
