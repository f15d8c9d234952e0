/**
 * RFC 9110 §13.1.2 for GET and HEAD: true when `If-None-Match` (`*`, or a list of entity tags,
 * weak or strong) matches the current representation's `etag` by weak comparison.
 */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  // Hot path: a client revalidating sends back exactly the ETag it was given.
  if (header === etag) return true;
  const opaque = etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const item of header.split(',')) {
    const tag = item.trim();
    if (tag === '*' || tag === opaque || (tag.startsWith('W/') && tag.slice(2) === opaque)) return true;
  }
  return false;
}
