import { Inject } from '@nestjs/common';
import { REDIS_CLIENT } from './redis.constants.js';

/** Injects the shared command connection. */
export const InjectRedis = (): ParameterDecorator => Inject(REDIS_CLIENT);
