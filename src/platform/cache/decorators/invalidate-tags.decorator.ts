import { SetMetadata } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { INVALIDATE_TAGS } from '../cache.constants.js';

export type TagsAfterSuccess = (request: FastifyRequest, result: unknown) => string[];

/** After the handler succeeds (never on error), invalidates the tags it returns. */
export const InvalidateTags = (tags: TagsAfterSuccess): MethodDecorator => SetMetadata(INVALIDATE_TAGS, tags);
