import type { INestApplicationContext, Type } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, PathItemObject } from '@nestjs/swagger';
import type { OperationRule } from './operation-rule.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * Names operations after their use case: a one-route `GetContractHttpController` gives
 * `getContract`; another controller `<name>Controller.<method>` gives `<name><Method>`. Stable
 * names for generated clients, and the key that ties an operation back to its handler.
 */
export function operationIdOf(controllerKey: string, methodKey: string): string {
  const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  if (controllerKey.endsWith('HttpController')) return lowerFirst(controllerKey.slice(0, -'HttpController'.length));
  return `${lowerFirst(controllerKey.replace(/Controller$/, ''))}${methodKey.charAt(0).toUpperCase()}${methodKey.slice(1)}`;
}

interface Handler {
  controller: Type;
  handler: object;
}

/** Every controller method of the app by its operation id; refuses two handlers under one id. */
function handlersById(app: INestApplicationContext): Map<string, Handler> {
  const found = new Map<string, Handler>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const key of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        const id = operationIdOf(controller.name, key);
        const other = found.get(id);
        if (other && other.handler !== handler) throw new Error(`Operation id ${id} names both ${other.controller.name} and ${controller.name}.${key}: rename one`);
        found.set(id, { controller, handler });
      }
    }
  }
  return found;
}

/** Runs each rule over each operation of `document` (in place), with the metadata of its handler. */
export function applyOperationRules(app: INestApplicationContext, document: OpenAPIObject, rules: readonly OperationRule[]): void {
  const handlers = handlersById(app);
  for (const [path, item] of Object.entries(document.paths) as [string, PathItemObject][]) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (!operation) continue;
      const found = operation.operationId === undefined ? undefined : handlers.get(operation.operationId);
      if (!found) throw new Error(`No handler found for operation ${method.toUpperCase()} ${path} (${operation.operationId})`);
      const metadata = <T>(key: string): T | undefined => (Reflect.getMetadata(key, found.handler) as T | undefined) ?? (Reflect.getMetadata(key, found.controller) as T | undefined);
      for (const rule of rules) rule({ method, path, operation, metadata });
    }
  }
}
