import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorBody } from './to-error-body.js';

/** Every error leaves as `{ statusCode, code, message }`; unexpected ones are logged with their stack. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { body, expected, retryAfterSeconds } = toErrorBody(exception);
    const http = host.switchToHttp();
    if (!expected) this.logger.error({ msg: 'unhandled error', reqId: http.getRequest<FastifyRequest>().id, err: exception });
    const reply = http.getResponse<FastifyReply>();
    if (reply.sent) return;
    if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
    reply.status(body.statusCode).header('cache-control', 'no-store').send(body);
  }
}
