// The explorer's one way to the API: POST /graphql with a registered operation, and the caller's
// API key when one was pasted. The key lives in this tab's sessionStorage only: never in the URL
// (the key field has no name, so even a form submitted without script carries nothing), never in a
// log line, and gone when the tab closes or "Forget key" is pressed.
import { OPERATIONS } from 'virtual:operations';

const KEY_ITEM = 'crosswalk.apiKey';

export function apiKey(): string | null {
  try {
    return sessionStorage.getItem(KEY_ITEM) || null;
  } catch {
    return null; // storage disabled: the explorer works anonymously
  }
}

export function rememberKey(key: string): void {
  sessionStorage.setItem(KEY_ITEM, key);
  keyListeners.forEach((f) => f());
}

export function forgetKey(): void {
  sessionStorage.removeItem(KEY_ITEM);
  keyListeners.forEach((f) => f());
}

const keyListeners = new Set<() => void>();
/** Calls `f` whenever the key changes; returns the unsubscribe. */
export function onKeyChange(f: () => void): () => void {
  keyListeners.add(f);
  return () => keyListeners.delete(f);
}

/** An error the API answered (or the network gave): its code, message, and NOT_FOUND's suggestions. */
export class ApiError extends Error {
  constructor(message: string, readonly code: string, readonly suggestions: string[] = []) {
    super(message);
  }
}

export type OperationName = keyof typeof OPERATIONS & string;

/** Whether the bundle carries an operation (a view may use a newer one when the API has it). */
export function hasOperation(name: string): boolean {
  return Object.hasOwn(OPERATIONS, name);
}

/** The text of a registered operation; an unknown name is a programming error. */
export function operation(name: string): string {
  const text = OPERATIONS[name];
  if (!text) throw new Error(`explorer: no operation named ${name}`);
  return text;
}

/**
 * Runs a registered operation, with the remembered key as a Bearer token. Root fields are nullable,
 * so one failing field leaves the others: a view gets what was answered, and this throws (with the
 * server's message and code) only when nothing was.
 */
export async function graphql<T = any>(name: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  const key = apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: operation(name), variables }), signal });
  let body: { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: { code?: string; suggestions?: string[] } }> };
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The API answered ${response.status} ${response.statusText} without a JSON body.`, `HTTP_${response.status}`);
  }
  const answered = body.data && Object.values(body.data).some((value) => value !== null);
  if (body.errors?.length && !answered) {
    const [error] = body.errors;
    throw new ApiError(error!.message, error!.extensions?.code ?? 'ERROR', error!.extensions?.suggestions ?? []);
  }
  return body.data as T;
}
