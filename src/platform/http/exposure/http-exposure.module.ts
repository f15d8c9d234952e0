import { Module } from '@nestjs/common';
import { CorsGate } from './cors.gate.js';
import { ConfigurableHttpExposureModule } from './http-exposure.module-definition.js';
import { SecurityHeadersGate } from './security-headers.gate.js';

/**
 * What every answer shows a browser: the security headers and CORS, as request gates (needs the
 * http platform module's `RequestGates`), so pre-routed cache hits carry them too.
 */
@Module({ providers: [SecurityHeadersGate, CorsGate] })
export class HttpExposureModule extends ConfigurableHttpExposureModule {}
