import { Injectable } from '@nestjs/common';
import { type EventConsumerHandler, EventConsumer, type EventEnvelope } from '../../../platform/events/index.js';
import { InjectQueue, INVESTIGATIONS_QUEUE, type Queue } from '../../../platform/jobs/index.js';
import { INVESTIGATION_AGGREGATE, INVESTIGATION_OPENED } from '../domain/investigation.events.js';

export const RUN_INVESTIGATION_JOB = 'run';

/**
 * Starts an investigation's job from its `investigation.opened` event: the job id is the
 * investigation id, so a redelivered event finds the job already there and adds nothing.
 */
@Injectable()
@EventConsumer({ group: 'investigations.jobs', aggregateTypes: [INVESTIGATION_AGGREGATE], eventTypes: [INVESTIGATION_OPENED] })
export class InvestigationJobsConsumer implements EventConsumerHandler {
  constructor(@InjectQueue(INVESTIGATIONS_QUEUE) private readonly queue: Queue) {}

  async handle(event: EventEnvelope): Promise<void> {
    await this.queue.add(RUN_INVESTIGATION_JOB, { id: event.aggregateId }, { jobId: event.aggregateId });
  }
}
