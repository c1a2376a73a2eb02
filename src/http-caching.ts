/**
 * Whether an If-None-Match header matches the current tag: `*`, or any tag of its comma-separated
 * list, compared weakly (RFC 9110 13.1.2: W/"x" and "x" match).
 * Shared by /graphql and /export.
 */
export function ifNoneMatchHits(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(tag));
}
