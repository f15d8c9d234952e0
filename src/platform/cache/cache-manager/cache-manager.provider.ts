import type { Provider } from '@nestjs/common';
import { CACHE_MANAGER } from '@nestjs/cache-manager';
import { createCache } from 'cache-manager';
import { Keyv } from 'keyv';
import { TieredCache } from '../tiered-cache.js';
import { TieredKeyvStore } from './tiered-keyv-store.js';

/** `CACHE_MANAGER` for code written against `@nestjs/cache-manager`, backed by the tiered cache. */
export const CACHE_MANAGER_PROVIDER: Provider = {
  provide: CACHE_MANAGER,
  inject: [TieredCache],
  useFactory: (cache: TieredCache) => createCache({ stores: [new Keyv({ store: new TieredKeyvStore(cache) })] }),
};
