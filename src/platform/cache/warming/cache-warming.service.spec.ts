import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AppConfig } from '../../../config/index.js';
import { CacheWarmerProvider, type WarmContext } from './cache-warmer.js';
import { CacheWarmFailedError, CacheWarmingService, InvalidCacheWarmerError } from './cache-warming.service.js';

@Injectable()
@CacheWarmerProvider()
class WarmerWithoutWarm {}

@Injectable()
@CacheWarmerProvider()
class CountingWarmer {
  runs = 0;
  async warm(context: WarmContext): Promise<void> {
    this.runs++;
    for (let i = 1; i <= 4; i++) {
      await context.get(`/item/${i}`);
      context.progress(i, 4);
    }
  }
}

@Injectable()
@CacheWarmerProvider()
class ThrowingWarmer {
  async warm(): Promise<void> {
    throw new Error('upstream away');
  }
}

async function moduleWith(...providers: (new () => unknown)[]) {
  return Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [CacheWarmingService, { provide: AppConfig, useValue: AppConfig.fromEnv({ CACHE_WARM_ON_START: 'false' }) }, ...providers],
  }).compile();
}

describe('CacheWarmingService', () => {
  it('refuses to start when a warmer has no warm() method', async () => {
    const module = await moduleWith(WarmerWithoutWarm);
    await expect(module.init()).rejects.toThrow(InvalidCacheWarmerError);
  });

  it('runs every warmer once per run and reports rising progress up to 100', async () => {
    const module = await moduleWith(CountingWarmer);
    await module.init();
    const reported: number[] = [];
    const result = await module.get(CacheWarmingService).warm((percent) => void reported.push(percent));
    expect(result).toEqual([{ name: 'CountingWarmer', done: 4, total: 4 }]);
    expect(module.get(CountingWarmer).runs).toBe(1);
    expect(reported).toEqual([25, 50, 75, 100]);
    await module.close();
  });

  it('runs the other warmers when one throws, then fails the run naming it', async () => {
    const module = await moduleWith(ThrowingWarmer, CountingWarmer);
    await module.init();
    const run = module.get(CacheWarmingService).warm();
    await expect(run).rejects.toThrow(CacheWarmFailedError);
    await expect(run).rejects.toThrow('ThrowingWarmer: upstream away');
    expect(module.get(CountingWarmer).runs).toBe(1);
    await module.close();
  });
});
