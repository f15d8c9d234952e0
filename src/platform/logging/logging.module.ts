import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../../config/index.js';

/** Structured JSON logs (pino) for the whole app; request lines come from registerRequestLogging. */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // No per-request middleware: registerRequestLogging logs each request from a Fastify
        // hook, which costs far less on the hot path (bench/RESULTS.md).
        forRoutes: [],
        pinoHttp: {
          level: config.log.level,
          redact: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
        },
      }),
    }),
  ],
})
export class LoggingModule {}
