import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AppConfig } from '../../../config/index.js';
import { CacheWarmerProvider } from './cache-warmer.js';
import { CacheWarmingService, InvalidCacheWarmerError } from './cache-warming.service.js';

@Injectable()
@CacheWarmerProvider()
class WarmerWithoutWarm {}

@Injectable()
@CacheWarmerProvider()
class CountingWarmer {
  runs = 0;
  async warm(): Promise<void> {
    this.runs++;
  }
}

async function moduleWith(...providers: (new () => unknown)[]) {
  return Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [CacheWarmingService, { provide: AppConfig, useValue: AppConfig.fromEnv({ CACHE_WARM_ON_START: 'false', CACHE_WARM_INTERVAL: '0' }) }, ...providers],
  }).compile();
}

describe('CacheWarmingService', () => {
  it('refuses to start when a warmer has no warm() method', async () => {
    const module = await moduleWith(WarmerWithoutWarm);
    await expect(module.init()).rejects.toThrow(InvalidCacheWarmerError);
  });

  it('runs every warmer once per job and never two jobs at once', async () => {
    const module = await moduleWith(CountingWarmer);
    await module.init();
    const warming = module.get(CacheWarmingService);
    const job = warming.start('admin');
    expect(warming.start('admin').id).toBe(job.id);
    while (job.status === 'running') await new Promise((resolve) => setTimeout(resolve, 5));
    expect(job).toMatchObject({ status: 'completed', warmers: [{ name: 'CountingWarmer' }] });
    expect(module.get(CountingWarmer).runs).toBe(1);
    expect(warming.start('admin').id).not.toBe(job.id);
    await module.close();
  });
});
