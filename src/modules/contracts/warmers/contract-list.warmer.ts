import { Injectable } from '@nestjs/common';
import { type CacheWarmer, CacheWarmerProvider, type WarmContext } from '../../../platform/cache/index.js';

/** The first page of the default contract list, what every client opens first. */
@Injectable()
@CacheWarmerProvider()
export class ContractListWarmer implements CacheWarmer {
  async warm(context: WarmContext): Promise<void> {
    context.progress(0, 1);
    const status = await context.get('/contracts');
    if (status !== 200) throw new Error(`GET /contracts answered ${status}`);
    context.progress(1, 1);
  }
}
