import type { ErrorStatus } from './error-response.js';
import { API_ERRORS } from './openapi.constants.js';

/** An error code, or an error class that carries its code statically (`ContractNotFoundError`). */
export type ErrorCodeRef = string | { readonly code: string };
export type ApiErrorCodes = Partial<Record<ErrorStatus, readonly ErrorCodeRef[]>>;
type Codes = Partial<Record<ErrorStatus, string[]>>;

const codeOf = (ref: ErrorCodeRef): string => (typeof ref === 'string' ? ref : ref.code);

/**
 * Documents the error codes a route (or every route of a controller) answers with, by status;
 * the codes of the request gates (auth, rate limits, limits on URLs, headers and bodies) are
 * added by the document's rules, so a route names only its own. Repeated uses add up.
 */
export const ApiErrors =
  (errors: ApiErrorCodes): ClassDecorator & MethodDecorator =>
  (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const holder: object = descriptor?.value ?? target;
    const codes: Codes = { ...(Reflect.getMetadata(API_ERRORS, holder) as Codes | undefined) };
    for (const [status, refs] of Object.entries(errors) as [`${ErrorStatus}`, readonly ErrorCodeRef[]][]) {
      const key = Number(status) as ErrorStatus;
      codes[key] = [...new Set([...(codes[key] ?? []), ...refs.map(codeOf)])];
    }
    Reflect.defineMetadata(API_ERRORS, codes, holder);
  };
