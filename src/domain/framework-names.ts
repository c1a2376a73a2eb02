import type { Framework } from './types.js';

/**
 * People write framework names many ways ("SOC 2", "SOC2", "ISO/IEC 42001", "NIST AI RMF"). Each
 * spelling folds to one key (lowercase letters and digits, "iso/iec" as "iso"), matched against the
 * key of each framework's id and of its name.
 */
export function spellingKey(text: string): string {
  return text.toLowerCase().replace(/iso\s*\/\s*iec/g, 'iso').replace(/[^a-z0-9]/g, '');
}

/** The framework a person meant, or null; an exact id always wins over a spelling. */
export function frameworkBySpelling<F extends Pick<Framework, 'id' | 'name'>>(input: string, frameworks: readonly F[]): F | null {
  const exact = frameworks.find((f) => f.id === input);
  if (exact) return exact;
  const key = spellingKey(input);
  if (key === '') return null;
  const matches = frameworks.filter((f) => spellingKey(f.id) === key || spellingKey(f.name) === key);
  return matches.length === 1 ? matches[0]! : null;
}
