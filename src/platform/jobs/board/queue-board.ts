import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import { REGISTERED_QUEUES } from '../jobs.constants.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Mounts bull-board for every registered queue at /admin/queues. It has no access check of
 * its own: the app's request gates guard it like any route (the app gives the path a policy).
 */
export async function registerQueueBoard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get<readonly Queue[]>(REGISTERED_QUEUES);
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board, options: { uiConfig: { boardTitle: 'Hotpath queues' } } });
  await app.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
}
