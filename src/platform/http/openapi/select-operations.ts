import type { OpenAPIObject, OperationObject, PathItemObject } from '@nestjs/swagger';
import { HTTP_METHODS } from './apply-operation-rules.js';

/**
 * A copy of `document` with only the operations `keep` accepts, and only the component schemas
 * they reach (another document's types do not leak into this one).
 */
export function selectOperations(document: OpenAPIObject, keep: (operation: OperationObject, path: string) => boolean): OpenAPIObject {
  const copy = structuredClone(document);
  for (const [path, item] of Object.entries(copy.paths) as [string, PathItemObject][]) {
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OperationObject | undefined;
      if (operation && !keep(operation, path)) delete item[method];
    }
    if (!HTTP_METHODS.some((method) => item[method])) delete copy.paths[path];
  }
  const schemas = copy.components?.schemas;
  if (schemas) {
    const reached = new Set<string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(visit);
      if (value === null || typeof value !== 'object') return;
      for (const [key, inner] of Object.entries(value)) {
        const name = key === '$ref' && typeof inner === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(inner)?.[1] : undefined;
        if (name !== undefined && !reached.has(name)) {
          reached.add(name);
          visit(schemas[name]);
        } else visit(inner);
      }
    };
    visit(copy.paths);
    for (const name of Object.keys(schemas)) if (!reached.has(name)) delete schemas[name];
  }
  const tags = new Set(Object.values(copy.paths).flatMap((item: PathItemObject) => HTTP_METHODS.flatMap((method) => (item[method] as OperationObject | undefined)?.tags ?? [])));
  if (copy.tags) copy.tags = copy.tags.filter((tag) => tags.has(tag.name));
  return copy;
}
