// What every view shares: one way to ask the API (useQuery), the ready flag the e2e tests wait on,
// and the page title.
import { useEffect, useRef, useState } from 'react';
import { ApiError, graphql, onKeyChange } from './api.js';
import { usePlace } from './router.js';

export interface QueryState<T> {
  /** The answer to the current variables; undefined while loading or after an error. */
  data: T | undefined;
  /** The last answer drawn for earlier variables, for a view that keeps it (dimmed) while loading. */
  previous: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  /** Asks again with the same variables (after a write). */
  reload: () => void;
}

/** Bumps when the API key changes: every answer may change with the workspace. */
export function useKeyVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => onKeyChange(() => setVersion((v) => v + 1)), []);
  return version;
}

interface Settled<T> {
  key: string;
  data?: T;
  error?: ApiError;
}

/**
 * Runs operation `name` with `variables` (null: skip). A request superseded by new variables, a new
 * key or an unmount is aborted, and an answer that arrives for anything but the current variables is
 * ignored: a slow answer never overwrites a newer view.
 */
export function useQuery<T = any>(name: string, variables: Record<string, unknown> | null): QueryState<T> {
  const keyVersion = useKeyVersion();
  const [reloads, setReloads] = useState(0);
  const key = variables === null ? null : `${name}|${keyVersion}|${reloads}|${JSON.stringify(variables)}`;
  const [settled, setSettled] = useState<Settled<T> | undefined>(undefined);
  const lastData = useRef<T | undefined>(undefined);
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    graphql<T>(name, variables ?? {}, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ key, data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const failure = error instanceof ApiError ? error : new ApiError(error instanceof Error ? error.message : String(error), 'NETWORK_ERROR');
        setSettled({ key, error: failure });
      },
    );
    return () => controller.abort();
    // `key` stands for name and variables.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const current = settled !== undefined && settled.key === key;
  const data = current ? settled.data : undefined;
  if (data !== undefined) lastData.current = data;
  return {
    data,
    previous: lastData.current,
    error: current ? settled.error : undefined,
    loading: key !== null && !current,
    reload: () => setReloads((n) => n + 1),
  };
}

/**
 * `document.body.dataset.ready = name` once the view has drawn its answer for the current place
 * (`done`), deleted while it has not. The e2e tests wait on it (viewReady in test/helpers/browser.ts).
 */
export function useReady(name: string, done: boolean): void {
  const { hash } = usePlace();
  useEffect(() => {
    if (done) document.body.dataset.ready = name;
    else delete document.body.dataset.ready;
  }, [name, done, hash]);
}

/** The page title for this view: "<what> · Crosswalk explorer". */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Crosswalk explorer` : 'Crosswalk explorer';
  }, [title]);
}
