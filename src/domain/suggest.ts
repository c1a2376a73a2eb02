/** Nearest valid ids for a mistyped one, so a NOT_FOUND error can say "did you mean ...". */
export function suggestIds(wanted: string, candidates: Iterable<string>, limit = 5): string[] {
  const target = wanted.toLowerCase();
  // Allow more edits for longer ids, but never a wholesale rewrite.
  const allowed = Math.max(2, Math.floor(target.length / 3));
  const scored: Array<{ id: string; score: number }> = [];
  for (const id of candidates) {
    const candidate = id.toLowerCase();
    // A candidate that contains what was typed (a prefix or a fragment) is a good guess too: one edit, or none if equal.
    if (target.length >= 2 && candidate.includes(target)) {
      scored.push({ id, score: candidate === target ? 0 : 1 });
      continue;
    }
    // Lengths further apart than the allowance cannot be within it; the bounded distance stops early otherwise.
    if (Math.abs(candidate.length - target.length) > allowed) continue;
    const distance = editDistance(target, candidate, allowed);
    if (distance <= allowed) scored.push({ id, score: distance });
  }
  // Once a close match exists, far ones are noise: keep those within one edit of the best.
  const best = Math.min(...scored.map((s) => s.score));
  return scored
    .filter((s) => s.score <= best + 1)
    .sort((a, b) => a.score - b.score || a.id.length - b.id.length || a.id.localeCompare(b.id))
    .slice(0, limit)
    .map((s) => s.id);
}

// Two reused rows: suggestions run over whole catalogs per unknown id, and allocating rows per
// comparison made a request of 200 unknown references cost over 100 ms (bench/RESULTS.md, "Cost").
let previous = new Uint32Array(64);
let current = new Uint32Array(64);

/**
 * Levenshtein distance, two rows at a time. With `max`, any distance over it is answered max + 1, and
 * the work stops once every entry of a row exceeds it (the distance can only grow from there).
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (previous.length <= b.length) {
    previous = new Uint32Array(b.length + 1);
    current = new Uint32Array(b.length + 1);
  }
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [previous, current] = [current, previous];
  }
  const distance = previous[b.length]!;
  return distance > max ? max + 1 : distance;
}
