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

/**
 * Reads `{ "<sha256>": "<query>" }` and checks every hash against its text. Keys may also carry the
 * algorithm, `sha256:<hex>`, as GraphQL Code Generator's client preset writes them
 * (`persistedDocuments: { hashAlgorithm: 'sha256' }`) and the persisted-documents spec names them.
 */
export function loadTrustedManifest(file: string): TrustedManifest {
  const entries = Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>).map(([key, query]) => {
    const [algorithm, hash] = key.includes(':') ? [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)] : ['sha256', key];
    if (algorithm !== 'sha256') throw new Error(`trusted documents: ${file} names a document by ${algorithm} ("${key.slice(0, 60)}"); only sha256 is accepted (client preset: persistedDocuments.hashAlgorithm = 'sha256')`);
    if (sha256(query) !== hash) throw new Error(`trusted documents: the hash ${key} in ${file} does not match its operation text`);
    return [hash, query] as const;
  });
  return new Map(entries);
}

/**
 * The text of a persisted document asked for by id (`documentId`, the GraphQL-over-HTTP persisted
 * documents form, `sha256:<hex>` or the bare hex); null when the manifest has no such document.
 */
export function persistedDocument(manifest: TrustedManifest | null, documentId: string): string | null {
  const hash = documentId.startsWith('sha256:') ? documentId.slice('sha256:'.length) : documentId;
  return manifest?.get(hash) ?? null;
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
