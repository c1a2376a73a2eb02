import type { Page } from '../domain/graph-store.js';
import type { ConnectionModel } from './models.js';
import { badInput } from './errors.js';

/** The most items one page may ask for. */
export const MAX_PAGE_SIZE = 500;

/** Turns Relay `first`/`after` into an offset page, refusing values outside the contract. */
export function toPage(first: number | null | undefined, after: string | null | undefined, defaultSize = 50): Page {
  const limit = first ?? defaultSize;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, 'first');
  }
  return { offset: after == null ? 0 : decodeCursor(after) + 1, limit };
}

export function encodeCursor(index: number): string {
  return Buffer.from(`o:${index}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw badInput(`"after" is not a cursor this API issued: "${cursor.slice(0, 60)}".`, 'after');
  return Number(match[1]);
}

/** A page of an in-memory list, for lists the store returns whole (ids of a discipline's requirements). */
export function slicePage<T>(items: readonly T[], page: Page): ConnectionModel<T> {
  return { items: items.slice(page.offset, page.offset + page.limit), offset: page.offset, totalCount: items.length };
}

/** Resolvers shared by every connection type. */
export function connectionResolvers<T>() {
  return {
    edges: (c: ConnectionModel<T>) => c.items.map((node, i) => ({ cursor: encodeCursor(c.offset + i), node })),
    nodes: (c: ConnectionModel<T>) => c.items,
    totalCount: (c: ConnectionModel<T>) => c.totalCount,
    pageInfo: (c: ConnectionModel<T>) => ({
      hasNextPage: c.offset + c.items.length < c.totalCount,
      hasPreviousPage: c.offset > 0,
      startCursor: c.items.length > 0 ? encodeCursor(c.offset) : null,
      endCursor: c.items.length > 0 ? encodeCursor(c.offset + c.items.length - 1) : null,
    }),
  };
}
