import type { HeaderObject, OperationObject, ResponseObject } from '@nestjs/swagger';
import { documentedCodes, type ErrorStatus, errorResponse } from './error-response.js';

/** One operation of the document with the handler behind it. */
export interface RouteFacts {
  /** As the document spells it: `get`, `post`, … */
  readonly method: string;
  /** OpenAPI template: `/contracts/{id}`. */
  readonly path: string;
  readonly operation: OperationObject;
  /** Metadata of the route's handler, else of its controller (as Nest's Reflector.getAllAndOverride reads it). */
  metadata<T>(key: string): T | undefined;
}

/**
 * Adds to an operation what some decorator or gate implies (statuses, codes, headers, security),
 * so the document is derived from what the routes declare instead of repeated beside them.
 */
export type OperationRule = (route: RouteFacts) => void;

/** Adds `codes` to the operation's `status` response (merged with the codes it has). */
export function addErrorCodes(operation: OperationObject, status: ErrorStatus, codes: readonly string[], headers?: Record<string, HeaderObject>): void {
  const existing = operation.responses[status] as ResponseObject | undefined;
  const merged = errorResponse(status, [...new Set([...(existing ? documentedCodes(existing) : []), ...codes])]);
  const allHeaders = { ...existing?.headers, ...headers };
  operation.responses[status] = Object.keys(allHeaders).length > 0 ? { ...merged, headers: allHeaders } : merged;
}

/** Adds `headers` to every response of the operation whose status passes `which`. */
export function addResponseHeaders(operation: OperationObject, headers: Record<string, HeaderObject>, which: (status: string) => boolean = () => true): void {
  for (const [status, response] of Object.entries(operation.responses) as [string, ResponseObject][]) {
    if (which(status)) response.headers = { ...response.headers, ...headers };
  }
}

/** Statuses of successful answers (2xx). */
export const isSuccess = (status: string): boolean => status.startsWith('2');

/** Sets an extension (`x-…`) on the operation. */
export function setExtension(operation: OperationObject, name: `x-${string}`, value: unknown): void {
  (operation as unknown as Record<string, unknown>)[name] = value;
}

export function extensionOf<T>(operation: OperationObject, name: `x-${string}`): T | undefined {
  return (operation as unknown as Record<string, T | undefined>)[name];
}
