import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { errorHandler as boardErrorHandler } from '@bull-board/api/dist/handlers/error.js';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import { AppError } from '../../errors/index.js';
import { toErrorBody } from '../../http/index.js';
import { REGISTERED_QUEUES } from '../jobs.constants.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Mounts bull-board for every registered queue at /admin/queues. It has no access check of
 * its own: the app's request gates guard it like any route (the app gives the path a policy).
 * Its routes answer errors with bull-board's handler, which would turn a gate's refusal into
 * a 500: our errors keep their status and body.
 */
export async function registerQueueBoard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get<readonly Queue[]>(REGISTERED_QUEUES);
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board, options: { uiConfig: { boardTitle: 'Hotpath queues' } } });
  board.setErrorHandler((error) => {
    if (!(error instanceof AppError)) return boardErrorHandler(error);
    const { body } = toErrorBody(error);
    return { status: body.statusCode as ReturnType<typeof boardErrorHandler>['status'], body };
  });
  await app.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
}
