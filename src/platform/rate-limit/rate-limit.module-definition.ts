import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { RateLimitModuleOptions } from './rate-limit.options.js';

/** Global unless `isGlobal: false`: modules that keep quotas by caller inject `RateLimitSubjects`. */
export const { ConfigurableModuleClass: ConfigurableRateLimitModule, MODULE_OPTIONS_TOKEN: RATE_LIMIT_OPTIONS } = new ConfigurableModuleBuilder<RateLimitModuleOptions>({ moduleName: 'RateLimit' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
