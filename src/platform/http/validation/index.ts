export { BodyIntField, CursorField, InstantField, INT4_MAX, QueryIntField, StorableJson, UUID, UuidField } from './fields.js';
export { canonicalInstant, parseInstant } from './instant.js';
export { hasEmptyContainer, isStorableJson, isStorableText, jsonDepth } from './json-values.js';
export { InvalidRequestError } from './invalid-request.error.js';
export { IdParamsDto, NoQueryDto } from './request-params.dto.js';
export { RequestValidationPipe } from './request-validation.pipe.js';
export { validateRequest } from './validate-request.js';
export type { CheckedRequest } from './validate-request.js';
