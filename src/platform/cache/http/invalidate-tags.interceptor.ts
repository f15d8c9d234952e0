import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { from, mergeMap, type Observable } from 'rxjs';
import { INVALIDATE_TAGS } from '../cache.constants.js';
import type { TagsAfterSuccess } from '../decorators/invalidate-tags.decorator.js';
import { TieredCache } from '../tiered-cache.js';

@Injectable()
export class InvalidateTagsInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly cache: TieredCache,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const tagsOf = this.reflector.get<TagsAfterSuccess | undefined>(INVALIDATE_TAGS, context.getHandler());
    if (!tagsOf) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return next.handle().pipe(mergeMap((result) => from(this.cache.invalidateTags(tagsOf(request, result)).then(() => result))));
  }
}
