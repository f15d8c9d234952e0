import { SetMetadata } from '@nestjs/common';
import { CACHE_WARMER } from '../cache.constants.js';

export interface WarmContext {
  /** Report progress of this warmer. */
  progress(done: number, total: number): void;
  /** GETs paths of this app through its own HTTP stack, so `@Cached` routes store exactly what clients would get. */
  get(path: string): Promise<number>;
}

export interface CacheWarmer {
  warm(context: WarmContext): Promise<void>;
}

/** A provider whose `warm()` runs after start-up, on demand and on a schedule. */
export const CacheWarmerProvider = (): ClassDecorator => SetMetadata(CACHE_WARMER, true);
