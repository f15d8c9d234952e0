import { SetMetadata } from '@nestjs/common';
import { CACHED_METHOD } from '../cache.constants.js';

/** Options of `@Cached()` on a provider method; the input is the method's first argument (a query). */
export interface CachedOptions<TInput = unknown, TResult = unknown> {
  /** Namespace, for the default TTL and for stats; `db` by default. */
  namespace?: string;
  /** Seconds; the namespace's TTL by default. */
  ttl?: number;
  /** Tags derived from the input (params, query fields); their versions are read before the load. */
  tags?: (input: TInput) => string[];
  /**
   * Tags derived from the result (e.g. the ids it contains). A result whose tag this instance
   * has seen invalidated while it was being loaded is returned but not cached.
   */
  resultTags?: (result: TResult, input: TInput) => string[];
  /** Extra key inputs, e.g. the caller's identity for per-user data. */
  vary?: (input: TInput) => unknown;
}

/**
 * On a provider method (a query handler's `execute`): caches its result, keyed by class,
 * method and the stable serialization of the first argument. Results must be JSON values: a
 * hit returns what `JSON.parse` gives back (a Date comes back as a string). For controller
 * routes, see `@CachedRoute()`.
 */
export const Cached = <TInput = unknown, TResult = unknown>(options: CachedOptions<TInput, TResult> = {}): MethodDecorator => SetMetadata(CACHED_METHOD, options);
