import type { FastifyInstance } from 'fastify';

/** Hooks that run for a request Fastify routes; the pre-router skips every one of them. */
const REQUEST_HOOKS = ['onRequest', 'preParsing', 'preValidation', 'preHandler', 'preSerialization', 'onSend', 'onResponse', 'onError', 'onTimeout', 'onRequestAbort'];

type Hook = (...args: unknown[]) => unknown;

/**
 * Records the request hooks added to `fastify`'s root from now on, as `hookName:functionName`
 * by function. Fastify keeps no public list of its hooks, and queues most of them until it
 * boots, so the pre-router learns of the app's hooks here; hooks added before (those of Nest's
 * adapter) are checked through the adapter's features instead.
 */
export function recordAppHooks(fastify: FastifyInstance): Map<Hook, string> {
  const recorded = new Map<Hook, string>();
  const addHook = fastify.addHook as unknown as (this: FastifyInstance, name: string, hook: Hook) => FastifyInstance;
  // Plugin contexts inherit this property: their own hooks stay theirs, only the root's are recorded.
  (fastify as unknown as { addHook: typeof addHook }).addHook = function recordingAddHook(this: FastifyInstance, name: string, hook: Hook) {
    if (this === fastify && REQUEST_HOOKS.includes(name)) recorded.set(hook, `${name}:${hook.name || 'anonymous'}`);
    return addHook.call(this, name, hook);
  };
  return recorded;
}

/** Recorded app hooks other than `allowed` and those named in `allowedNames`. */
export function unsafeAppHooks(recorded: ReadonlyMap<Hook, string>, allowed: readonly unknown[], allowedNames: readonly string[]): string[] {
  return [...recorded].filter(([hook]) => !allowed.includes(hook) && !allowedNames.includes(hook.name)).map(([, label]) => label);
}

/** What Nest's Fastify adapter runs from its own hooks, when set up (`app.enableCors()`, `app.useSecurityHeaders()`, ...). */
interface AdapterFeatures {
  onRequestHook?: unknown;
  onResponseHook?: unknown;
  corsHook?: unknown;
  securityHook?: unknown;
}

/** Nest adapter features that would not run for pre-routed hits (their hooks exist always, and do nothing while off). */
export function unsafeAdapterFeatures(adapter: AdapterFeatures): string[] {
  const features: [keyof AdapterFeatures, string][] = [
    ['onRequestHook', "Nest's onRequest hook (setOnRequestHook)"],
    ['onResponseHook', "Nest's onResponse hook (setOnResponseHook)"],
    ['corsHook', "Nest's CORS (enableCors)"],
    ['securityHook', "Nest's security headers or CSRF protection (useSecurityHeaders, enableCsrfProtection)"],
  ];
  return features.filter(([field]) => adapter[field] !== undefined).map(([, what]) => what);
}
