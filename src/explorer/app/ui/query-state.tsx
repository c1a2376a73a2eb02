// The loading and error states every view shows: a polite "Loading..." while a request runs, and
// an error with its code and message; a NOT_FOUND's suggestions are links to what was meant.
import type { ReactNode } from 'react';
import type { ApiError } from '../api.js';
import { hrefFor } from '../router.js';

export function Loading({ what = 'Loading...' }: { what?: string }) {
  return (
    <p className="loading" role="status" data-loading="true">
      <span className="spinner" aria-hidden="true" /> {what}
    </p>
  );
}

/** `suggestionHref` turns a suggested id into a link (default: a requirement page). */
export function ErrorBox({ error, suggestionHref = (id) => hrefFor('requirement', id) }: { error: ApiError; suggestionHref?: (id: string) => string }) {
  return (
    <div className="error" role="alert" data-code={error.code}>
      <b className="error-code">{error.code}</b>: <span className="error-message">{error.message}</span>
      {error.suggestions.length > 0 ? (
        <p className="suggestions">
          Did you mean{' '}
          {error.suggestions.map((s, i) => (
            <span key={s}>
              {i > 0 ? ', ' : ''}
              <a href={suggestionHref(s)}>{s}</a>
            </span>
          ))}
          ?
        </p>
      ) : null}
    </div>
  );
}

/** Draws `children(data)` once answered, else the loading or the error state. */
export function QueryResult<T>({ state, children, loading }: { state: { data: T | undefined; error: ApiError | undefined; loading: boolean }; children: (data: T) => ReactNode; loading?: string }) {
  if (state.error) return <ErrorBox error={state.error} />;
  if (state.loading || state.data === undefined) return <Loading what={loading} />;
  return <>{children(state.data)}</>;
}
