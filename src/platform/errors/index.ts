export { AppError } from './app-error.js';
export type { ErrorKind } from './app-error.js';
