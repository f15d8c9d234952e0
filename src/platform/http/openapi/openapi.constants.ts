/** Handler (or controller) metadata: the error codes a route answers besides those its gates add. */
export const API_ERRORS = 'hotpath:http:api-errors';
