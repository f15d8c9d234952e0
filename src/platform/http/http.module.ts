import { Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { AllExceptionsFilter } from './all-exceptions.filter.js';
import { RequestGates } from './gates/request-gates.js';
import { RequestTimeoutInterceptor } from './request-timeout.interceptor.js';

@Module({
  imports: [DiscoveryModule],
  providers: [RequestGates, { provide: APP_FILTER, useClass: AllExceptionsFilter }, { provide: APP_INTERCEPTOR, useClass: RequestTimeoutInterceptor }],
  exports: [RequestGates],
})
export class HttpPlatformModule {}
