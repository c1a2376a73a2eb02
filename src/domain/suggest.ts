/** Nearest valid ids for a mistyped one, so a NOT_FOUND error can say "did you mean ...". */
export function suggestIds(wanted: string, candidates: Iterable<string>, limit = 5): string[] {
  const target = wanted.toLowerCase();
  const scored: Array<{ id: string; score: number }> = [];
  for (const id of candidates) {
    const candidate = id.toLowerCase();
    const distance = editDistance(target, candidate);
    // Allow more edits for longer ids, but never a wholesale rewrite.
    const allowed = Math.max(2, Math.floor(target.length / 3));
    // A candidate that contains what was typed (a prefix or a fragment) is a good guess too.
    const contains = target.length >= 2 && candidate.includes(target);
    if (distance <= allowed || contains) scored.push({ id, score: contains ? Math.min(distance, 1) : distance });
  }
  // Once a close match exists, far ones are noise: keep those within one edit of the best.
  const best = Math.min(...scored.map((s) => s.score));
  return scored
    .filter((s) => s.score <= best + 1)
    .sort((a, b) => a.score - b.score || a.id.length - b.id.length || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
