// Hash routes: every view has a URL (#/coverage?target=..&held=.., #/requirement/<id>?held=..,
// #/search?q=.., #/matrix, #/review), so a view can be shared and reloaded. Changing a parameter
// keeps the view mounted (only the route name picks the component), so keyboard focus stays on the
// control that changed it.
import { useEffect, useState } from 'react';

export interface Place {
  /** The route name: `coverage`, `requirement`... */
  name: string;
  /** The path segment after the name, decoded (a requirement id). */
  arg: string | undefined;
  params: URLSearchParams;
  /** The whole hash, for effects that run once per place. */
  hash: string;
}

export const DEFAULT_ROUTE = 'coverage';

export function parseHash(hash: string = location.hash): Place {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { name: parts[0] || DEFAULT_ROUTE, arg: parts[1], params: new URLSearchParams(query), hash };
}

/** `#/name/arg?params`; null and undefined values are left out, an empty string is kept (`held=`: nothing held). */
export function hrefFor(name: string, arg?: string | null, params?: Record<string, string | null | undefined> | URLSearchParams): string {
  const query = new URLSearchParams();
  if (params instanceof URLSearchParams) params.forEach((v, k) => query.set(k, v));
  else for (const [k, v] of Object.entries(params ?? {})) if (v !== null && v !== undefined) query.set(k, v);
  const q = query.toString();
  return `#/${name}${arg ? `/${encodeURIComponent(arg)}` : ''}${q ? `?${q}` : ''}`;
}

const listeners = new Set<() => void>();
function changed(): void {
  listeners.forEach((f) => f());
}
window.addEventListener('hashchange', () => {
  // Not ready until the new place is drawn: a test never reads the last view's answer.
  delete document.body.dataset.ready;
  changed();
});

/**
 * Goes to `hash`. `replace` swaps the history entry (state a view keeps in the URL without a new
 * step: groups opened, a filter typed).
 */
export function navigate(hash: string, options: { replace?: boolean } = {}): void {
  if (hash === location.hash) return;
  delete document.body.dataset.ready;
  if (options.replace) {
    history.replaceState(null, '', hash);
    changed();
  } else {
    location.hash = hash;
  }
}

/** The current place; re-renders on every hash change. */
export function usePlace(): Place {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const update = () => setHash(location.hash);
    listeners.add(update);
    return () => void listeners.delete(update);
  }, []);
  return parseHash(hash);
}

/** Sets some parameters of the current route (null or undefined removes one, '' keeps it empty) and navigates. */
export function setParams(changes: Record<string, string | null | undefined>, options: { replace?: boolean } = {}): void {
  const place = parseHash();
  const params = new URLSearchParams(place.params);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined) params.delete(key);
    else params.set(key, value);
  }
  navigate(hrefFor(place.name, place.arg, params), options);
}
