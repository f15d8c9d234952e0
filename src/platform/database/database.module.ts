import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../config/index.js';
import { dataSourceOptions } from './data-source-options.js';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // An API process serves the public: its connections default to the lower statement
      // timeout, set once per connection, so no query pays a round trip for it. A process that
      // also runs the worker role (jobs, projections) keeps the jobs' limit for its one pool.
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions({ ...config.database, statementTimeoutMs: config.role.worker ? config.database.statementTimeoutMs : config.database.publicStatementTimeoutMs }),
        retryAttempts: 3,
        retryDelay: 500,
      }),
    }),
  ],
})
export class DatabaseModule {}
