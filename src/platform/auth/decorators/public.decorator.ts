import { applyDecorators, SetMetadata } from '@nestjs/common';
import { MergeRouteConfig } from '../../http/index.js';
import { ROUTE_POLICY } from '../auth.constants.js';
import { PUBLIC_POLICY } from '../route-policy.js';

/** Anyone may call the route (or every route of the controller), with or without credentials; bad credentials still answer 401. */
export const Public = (): ClassDecorator & MethodDecorator => applyDecorators(SetMetadata(ROUTE_POLICY, PUBLIC_POLICY), MergeRouteConfig({ [ROUTE_POLICY]: PUBLIC_POLICY }));
