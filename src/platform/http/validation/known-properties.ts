import { getMetadataStorage, ValidationTypes } from 'class-validator';

/** A DTO class. */
type DtoClass = abstract new (...args: never[]) => unknown;

interface Shape {
  /** Declared properties, as own keys of a prototype-less object (`toString` is not one). */
  known: Set<string>;
  /** Properties validated as nested DTOs, with their class. */
  nested: Map<string, DtoClass>;
}

const shapes = new WeakMap<DtoClass, Shape>();

function shapeOf(type: DtoClass): Shape {
  let shape = shapes.get(type);
  if (shape) return shape;
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  shape = { known: new Set(metadatas.map((m) => m.propertyName)), nested: new Map() };
  for (const m of metadatas) {
    if (m.type !== ValidationTypes.NESTED_VALIDATION) continue;
    const nested = Reflect.getMetadata('design:type', type.prototype as object, m.propertyName) as DtoClass | undefined;
    if (nested && (nested as unknown) !== Object && (nested as unknown) !== Array) shape.nested.set(m.propertyName, nested);
  }
  shapes.set(type, shape);
  return shape;
}

/** Whether `type` declares no property at all (a route that takes no query): any value it accepts is empty. */
export function declaresNothing(type: DtoClass): boolean {
  return shapeOf(type).known.size === 0;
}

/**
 * Names in `raw` (own keys, nested DTOs included) that `type` does not declare. class-validator's
 * whitelist looks names up in a plain object, so `toString`, `constructor` or `__proto__` pass
 * it as if declared: this check compares own keys with a Set instead.
 */
export function unknownProperties(type: DtoClass, raw: unknown, path = ''): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return [];
  const { known, nested } = shapeOf(type);
  const unknown: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) {
      unknown.push(`${path}${key}`);
      continue;
    }
    const inner = nested.get(key);
    if (!inner) continue;
    const value = (raw as Record<string, unknown>)[key];
    if (Array.isArray(value)) value.forEach((item, i) => unknown.push(...unknownProperties(inner, item, `${path}${key}.${i}.`)));
    else unknown.push(...unknownProperties(inner, value, `${path}${key}.`));
  }
  return unknown;
}
