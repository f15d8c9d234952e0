import { SetMetadata } from '@nestjs/common';
import { REQUEST_GATE } from '../http.constants.js';

/** A provider that is a `RequestGate`; gates run in ascending `order`, then in discovery order. */
export const RequestGateProvider = (order: number): ClassDecorator => SetMetadata(REQUEST_GATE, order);
