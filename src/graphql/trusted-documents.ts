import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * Trusted documents: a manifest of registered operations keyed by the sha256 of their text.
 * Clients may send only the hash (Apollo's persisted-query extension); with `only`, any operation
 * not in the manifest is refused before it is parsed.
 */
export type TrustedManifest = Map<string, string>;

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Reads `{ "<sha256>": "<query>" }` and checks every hash against its text. */
export function loadTrustedManifest(file: string): TrustedManifest {
  const entries = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
  for (const [hash, query] of entries) {
    if (sha256(query) !== hash) throw new Error(`trusted documents: the hash ${hash} in ${file} does not match its operation text`);
  }
  return new Map(entries);
}

/** Apollo's persisted-query cache, pre-filled with the manifest, so a known hash needs no registration round. */
export function manifestCache(manifest: TrustedManifest) {
  const dynamic = new Map<string, string>();
  return {
    async get(key: string) {
      const hash = key.replace(/^apq:/, '');
      return manifest.get(hash) ?? dynamic.get(key);
    },
    async set(key: string, value: string) {
      if (dynamic.size < 10_000) dynamic.set(key, value);
    },
    async delete(key: string) {
      dynamic.delete(key);
    },
  };
}

export type TrustCheck = { ok: true } | { ok: false; message: string };

/**
 * Whether a request body may run when only registered operations are accepted: its query text,
 * or the persisted-query hash it sends instead, must be in the manifest.
 */
export function checkTrusted(manifest: TrustedManifest, body: unknown): TrustCheck {
  const request = (body ?? {}) as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } };
  const hash = typeof request.query === 'string' ? sha256(request.query) : request.extensions?.persistedQuery?.sha256Hash;
  if (typeof hash === 'string' && manifest.has(hash)) return { ok: true };
  return { ok: false, message: 'This deployment accepts only registered operations (trusted documents).' };
}
