import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable, throwError, timeout } from 'rxjs';
import { AppConfig } from '../../config/index.js';
import { RequestTimeoutError } from './request-timeout.error.js';

/** A handler that runs past REQUEST_TIMEOUT answers 503 instead of holding the client. */
@Injectable()
export class RequestTimeoutInterceptor implements NestInterceptor {
  private readonly timeoutMs: number;

  constructor(config: AppConfig) {
    this.timeoutMs = config.http.requestTimeoutMs;
  }

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      timeout({
        first: this.timeoutMs,
        with: () => throwError(() => new RequestTimeoutError(`Request took longer than ${this.timeoutMs} ms`)),
      }),
    );
  }
}
