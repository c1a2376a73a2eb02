import { createHash } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../domain/error-codes.js';
import type { Page, RequirementPage } from '../domain/graph-store.js';
import type { ConnectionModel } from './models.js';
import { badInput } from './errors.js';

/**
 * Relay connections over keyset cursors (README, "Conventions for integrators"). A cursor names the
 * row it stands for and the connection that issued it (the list and its filter), and nothing else:
 * the next page starts after that row's key as it is now, so a row inserted or removed elsewhere
 * between two requests is neither skipped nor repeated, as it would be with an offset. A cursor used
 * on another connection, a malformed one, or one whose row is gone answers INVALID_CURSOR: a cursor
 * is never silently re-read as something else.
 */

/** The most items one page may ask for. */
export const MAX_PAGE_SIZE = 500;

/** A client's `first`/`after`, checked and bound to the connection it is asked of. */
export interface Paging {
  /** What the list is: its field, parent and filter, e.g. `requirements|soc2|CONTROL|`. */
  connection: string;
  /** Id of the row after which the page starts; null for the first page. */
  after: string | null;
  limit: number;
}

/**
 * Checks Relay `first`/`after` for the connection named by `connection` (its parts: field, parent,
 * every filter argument), refusing values outside the contract and cursors of other connections.
 */
export function toPaging(connection: readonly unknown[], first: number | null | undefined, after: string | null | undefined, defaultSize = 50): Paging {
  const limit = first ?? defaultSize;
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PAGE_SIZE) {
    throw badInput(`"first" must be between 0 and ${MAX_PAGE_SIZE}; got ${first}.`, 'first');
  }
  const key = connectionKey(connection);
  return { connection: key, after: after == null ? null : decodeCursor(after, key), limit };
}

/** The store's view of a paging: the anchor row and the size. */
export function storePage(paging: Paging): Page {
  return { after: paging.after, limit: paging.limit };
}

export function encodeCursor(connection: string, rowId: string): string {
  return Buffer.from(JSON.stringify({ v: 1, c: connection, r: rowId }), 'utf8').toString('base64url');
}

function connectionKey(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function invalidCursor(message: string, reason: 'MALFORMED' | 'OTHER_CONNECTION' | 'ROW_GONE'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.INVALID_CURSOR, argument: 'after', reason } });
}

function decodeCursor(cursor: string, connection: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const { v, c, r } = (parsed ?? {}) as { v?: unknown; c?: unknown; r?: unknown };
  if (v !== 1 || typeof c !== 'string' || typeof r !== 'string' || r.length === 0 || r.length > 500) {
    throw invalidCursor(`"after" is not a cursor this API issued: "${cursor.slice(0, 60)}".`, 'MALFORMED');
  }
  if (c !== connection) {
    throw invalidCursor('"after" is a cursor of another list (another field, parent or filter): page a list only with the cursors it issued, or start again without "after".', 'OTHER_CONNECTION');
  }
  return r;
}

function rowGone(): GraphQLError {
  return invalidCursor('The row "after" points at is no longer in the graph (the data changed): start again from the first page.', 'ROW_GONE');
}

/** A connection from a keyset page the store answered; a vanished anchor is an error, never a silent restart. */
export function fromStorePage<T extends { id: string }>(paging: Paging, page: Omit<RequirementPage, 'items'> & { items: T[] }): ConnectionModel<T> {
  if (!page.anchorFound) throw rowGone();
  return {
    items: page.items,
    cursors: page.items.map((item) => encodeCursor(paging.connection, item.id)),
    totalCount: page.totalCount,
    hasNextPage: page.hasMore,
    hasPreviousPage: paging.after !== null,
  };
}

/**
 * A keyset page of a list the store returns whole and in its stable order (a set's mappings, a
 * discipline's requirement ids): the rows after the anchor, found by id.
 */
export function slicePage<T>(items: readonly T[], paging: Paging, idOf: (item: T) => string): ConnectionModel<T> {
  let start = 0;
  if (paging.after !== null) {
    const anchor = items.findIndex((item) => idOf(item) === paging.after);
    if (anchor === -1) throw rowGone();
    start = anchor + 1;
  }
  const page = items.slice(start, start + paging.limit);
  return {
    items: page,
    cursors: page.map((item) => encodeCursor(paging.connection, idOf(item))),
    totalCount: items.length,
    hasNextPage: start + page.length < items.length,
    hasPreviousPage: start > 0,
  };
}

/** Resolvers shared by every connection type. */
export function connectionResolvers<T>() {
  return {
    edges: (c: ConnectionModel<T>) => c.items.map((node, i) => ({ cursor: c.cursors[i]!, node })),
    nodes: (c: ConnectionModel<T>) => c.items,
    totalCount: (c: ConnectionModel<T>) => c.totalCount,
    pageInfo: (c: ConnectionModel<T>) => ({
      hasNextPage: c.hasNextPage,
      hasPreviousPage: c.hasPreviousPage,
      startCursor: c.cursors[0] ?? null,
      endCursor: c.cursors.at(-1) ?? null,
    }),
  };
}
