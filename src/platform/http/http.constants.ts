/** Metadata of `@RequestGateProvider()` classes: their order. */
export const REQUEST_GATE = 'hotpath:http:request-gate';
