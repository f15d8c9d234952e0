import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { HttpExposureModuleOptions } from './http-exposure.options.js';

export const { ConfigurableModuleClass: ConfigurableHttpExposureModule, MODULE_OPTIONS_TOKEN: HTTP_EXPOSURE_OPTIONS } = new ConfigurableModuleBuilder<HttpExposureModuleOptions>({ moduleName: 'HttpExposure' })
  .setClassMethodName('forRoot')
  .build();
