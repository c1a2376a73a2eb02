/**
 * The words of a requirement search: lowercased and split on whitespace. Every store matches each
 * word against ref, title and summary, so both must cut the text the same way.
 */
export function searchWords(search: string | undefined): string[] {
  return (search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}
