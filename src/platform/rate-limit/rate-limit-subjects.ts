import { Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address.js';
import { RATE_LIMIT_OPTIONS } from './rate-limit.module-definition.js';
import type { RateLimitModuleOptions, RateLimitSubject } from './rate-limit.options.js';

/**
 * Who a request is counted as: the identity layer's subject when it names a keyed caller, else
 * the client address (anonymous callers, and callers whose credentials failed).
 */
@Injectable()
export class RateLimitSubjects {
  private readonly subject: RateLimitModuleOptions['subject'];
  private readonly hops: number;

  constructor(@Inject(RATE_LIMIT_OPTIONS) options: RateLimitModuleOptions) {
    this.subject = options.subject;
    this.hops = options.trustProxyHops;
  }

  /** Hot path: the keyed subject of a request, or undefined when it is counted by address. */
  keyed(request: IncomingMessage): RateLimitSubject | undefined {
    const subject = this.subject?.(request);
    return subject !== undefined && subject.tier !== 'anonymous' ? subject : undefined;
  }

  address(request: IncomingMessage): string {
    return clientAddress(request, this.hops);
  }

  /** The subject a request is counted as, e.g. for quotas kept elsewhere. */
  of(request: IncomingMessage): RateLimitSubject {
    return this.keyed(request) ?? { id: this.address(request), tier: 'anonymous' };
  }
}
