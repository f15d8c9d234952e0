/** Nesting depth of a JSON value: 0 for a scalar, 1 for a flat object or array. */
export function jsonDepth(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    const depth = jsonDepth(item);
    if (depth > deepest) deepest = depth;
  }
  return deepest + 1;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string Postgres text and jsonb accept: no NUL character, no unpaired UTF-16 surrogate. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** Whether every key and string in a JSON value is storable text (see isStorableText). */
export function isStorableJson(value: unknown): boolean {
  if (typeof value === 'string') return isStorableText(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isStorableJson);
  return Object.entries(value).every(([key, item]) => isStorableText(key) && isStorableJson(item));
}

/** Whether a JSON value holds an empty object or array anywhere (itself included). */
export function hasEmptyContainer(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.length === 0 || items.some(hasEmptyContainer);
}
