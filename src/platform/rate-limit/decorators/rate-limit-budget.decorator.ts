import { MergeRouteConfig } from '../../http/index.js';
import { RATE_LIMIT_BUDGET } from '../rate-limit.constants.js';

/** On a route or a controller: requests draw on `budget` instead of the default by method (`read` for GET, HEAD and OPTIONS, else `write`). */
export const RateLimitBudget = (budget: string): ClassDecorator & MethodDecorator => MergeRouteConfig({ [RATE_LIMIT_BUDGET]: budget });
