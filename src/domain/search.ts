/**
 * The words of a requirement search: lowercased and split on whitespace. Every store matches each
 * word against ref, title and summary, so both must cut the text the same way.
 */
export function searchWords(search: string | undefined): string[] {
  return (search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether every word occurs in one of `texts` (case-insensitive): an empty search matches all. */
export function matchesWords(words: readonly string[], ...texts: readonly string[]): boolean {
  const haystack = texts.map((t) => t.toLowerCase());
  return words.every((word) => haystack.some((text) => text.includes(word)));
}
