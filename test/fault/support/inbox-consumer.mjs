// A worker-like process for fault tests: one @EventConsumer that applies each event once
// (applyOnce) into `applied`, and records redeliveries it skipped into `skipped`. Plain
// JavaScript over the built code, so a test can start it and kill -9 it. ASYNC_COMMIT=1:
// its transactions commit asynchronously and it acknowledges once `durablyApplied` confirms.
// ONE_STATEMENT=1: the inbox row and the effect in one statement (applyEachOnceInOneStatement).
import 'reflect-metadata';
import { Inject, Injectable, Module } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { AppConfig, ConfigModule } from '../../../dist/src/config/index.js';
import { DatabaseModule } from '../../../dist/src/platform/database/index.js';
import { applyEachOnceInOneStatement, applyOnce, EventConsumer, EventConsumersModule, durablyApplied } from '../../../dist/src/platform/events/index.js';
import { closeOnSignal } from '../../../dist/src/platform/lifecycle/index.js';

const GROUP = 'fault-inbox';
const delayMs = Number(process.env.HANDLER_DELAY_MS ?? '0');
const asyncCommit = process.env.ASYNC_COMMIT === '1';
const oneStatement = process.env.ONE_STATEMENT === '1';
const RECORD = { sql: 'INSERT INTO applied (event_id, aggregate_id, version) SELECT event_id, $3::uuid, $4::int FROM fresh', params: [] };

class InboxConsumer {
  constructor(dataSource) {
    this.dataSource = dataSource;
  }

  async handle(event) {
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const applied = oneStatement
      ? (await applyEachOnceInOneStatement(this.dataSource, GROUP, [event], { ...RECORD, params: [event.aggregateId, event.aggregateVersion] }, { asyncCommit })).length === 1
      : await applyOnce(this.dataSource, GROUP, event, (manager) =>
          manager.query('INSERT INTO applied (event_id, aggregate_id, version) VALUES ($1, $2, $3)', [event.eventId, event.aggregateId, event.aggregateVersion]),
          { asyncCommit },
        );
    if (!applied) await this.dataSource.query('INSERT INTO skipped (event_id) VALUES ($1)', [event.eventId]);
  }
}
if (asyncCommit) InboxConsumer.prototype.beforeAck = function beforeAck(eventIds) {
  return durablyApplied(this.dataSource, GROUP, eventIds);
};
Inject(getDataSourceToken())(InboxConsumer, undefined, 0);
Reflect.decorate([EventConsumer({ group: GROUP, aggregateTypes: ['contract'] }), Injectable()], InboxConsumer);

class ConsumerProcessModule {}
Reflect.decorate([Module({ imports: [ConfigModule.forRoot(AppConfig.fromEnv()), DatabaseModule, EventConsumersModule], providers: [InboxConsumer] })], ConsumerProcessModule);

const app = await NestFactory.createApplicationContext(ConsumerProcessModule, { logger: ['error', 'warn', 'log'] });
closeOnSignal(app, 10_000, new Logger('inbox-consumer'));
console.log('consumer ready', process.pid);
