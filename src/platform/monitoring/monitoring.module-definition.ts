import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { MonitoringModuleOptions } from './monitoring.options.js';

/** Global unless `isGlobal: false`: the admin endpoints inject its reporters. */
export const { ConfigurableModuleClass: ConfigurableMonitoringModule, MODULE_OPTIONS_TOKEN: MONITORING_OPTIONS } = new ConfigurableModuleBuilder<MonitoringModuleOptions>({ moduleName: 'Monitoring' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
