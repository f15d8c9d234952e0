import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { HealthModuleOptions } from './health.options.js';

/** Global unless `isGlobal: false`: whoever serves health elsewhere (the worker's metrics port, the admin endpoints) injects its services. */
export const { ConfigurableModuleClass: ConfigurableHealthModule, MODULE_OPTIONS_TOKEN: HEALTH_OPTIONS } = new ConfigurableModuleBuilder<HealthModuleOptions>({ moduleName: 'Health' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
