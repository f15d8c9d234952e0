import { PATH_METADATA } from '@nestjs/common/constants.js';
import { FASTIFY_ROUTE_CONFIG_METADATA } from '@nestjs/platform-fastify/constants.js';

type Handler = (...args: unknown[]) => unknown;

function merge(handler: Handler, entries: Readonly<Record<string, unknown>>, override: boolean): void {
  const current = (Reflect.getMetadata(FASTIFY_ROUTE_CONFIG_METADATA, handler) as Record<string, unknown> | undefined) ?? {};
  Reflect.defineMetadata(FASTIFY_ROUTE_CONFIG_METADATA, override ? { ...current, ...entries } : { ...entries, ...current }, handler);
}

/**
 * Adds entries to the Fastify route config of a handler, or of every route handler of a
 * controller class, beside what other decorators put there (Nest's `RouteConfig` replaces
 * it). A handler's own entries win over its class's, as Nest reads handler before class.
 * Request gates and route hooks read these entries; keep their names namespaced.
 */
export const MergeRouteConfig =
  (entries: Readonly<Record<string, unknown>>): ClassDecorator & MethodDecorator =>
  (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor): void => {
    if (descriptor) {
      merge(descriptor.value as Handler, entries, true);
      return;
    }
    const prototype = (target as { prototype: Record<string, unknown> }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const member = Object.getOwnPropertyDescriptor(prototype, name)?.value as unknown;
      if (name !== 'constructor' && typeof member === 'function' && Reflect.hasMetadata(PATH_METADATA, member)) merge(member as Handler, entries, false);
    }
  };
