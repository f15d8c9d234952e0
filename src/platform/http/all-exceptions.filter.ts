import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { toErrorBody } from './to-error-body.js';

/** Every error leaves as `{ statusCode, code, message }`; unexpected ones are logged with their stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { body, expected } = toErrorBody(exception);
    if (!expected) this.logger.error({ msg: 'unhandled error', err: exception });
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (reply.sent) return;
    reply.status(body.statusCode).header('cache-control', 'no-store').send(body);
  }
}
