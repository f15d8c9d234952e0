import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { identityOf } from '../identity.js';

/** The caller a write is attributed to (`key:<id>`, `jwt:<subject>`, `admin-token`), null when anonymous. */
export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): string | null => identityOf(context.switchToHttp().getRequest<{ raw: IncomingMessage }>().raw).actor);
