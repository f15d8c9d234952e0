import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../../../config/index.js';
import { AdminToken, toErrorBody } from '../../http/index.js';
import { REGISTERED_QUEUES } from '../jobs.constants.js';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Mounts bull-board for every registered queue at /admin/queues, in a Fastify scope of its own
 * whose onRequest hook asks for the admin token (bearer, basic-auth password or cookie: a
 * browser can do the last two). A 401 carries `WWW-Authenticate: Basic`, so a browser prompts.
 */
export async function registerQueueBoard(app: NestFastifyApplication): Promise<void> {
  const queues = app.get<readonly Queue[]>(REGISTERED_QUEUES);
  const token = new AdminToken(app.get(AppConfig).admin.token);
  const board = new FastifyAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: queues.map((queue) => new BullMQAdapter(queue)), serverAdapter: board, options: { uiConfig: { boardTitle: 'Hotpath queues' } } });
  await app.register(async (scope: FastifyInstance) => {
    scope.addHook('onRequest', async (request, reply) => {
      try {
        token.check(request.headers);
      } catch (error) {
        const { body } = toErrorBody(error);
        if (body.statusCode === 401) void reply.header('www-authenticate', 'Basic realm="Hotpath admin", charset="UTF-8"');
        return reply.code(body.statusCode).send(body);
      }
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_BOARD_PATH });
  });
}
