/** Summarises a V8 .cpuprofile: self time per function, top entries, as a Markdown table. */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export function summariseProfile(profile: { nodes: ProfileNode[] }, top = 12): string {
  const totals = new Map<string, number>();
  let all = 0;
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    all += hits;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^.*\/(node_modules\/|src\/)/, '$1')}:${lineNumber + 1}` : '(native)';
    const key = `${functionName || '(anonymous)'} ${where}`;
    totals.set(key, (totals.get(key) ?? 0) + hits);
  }
  const rows = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  return ['| self time | function |', '| --- | --- |', ...rows.map(([name, hits]) => `| ${((hits / Math.max(1, all)) * 100).toFixed(1)}% | \`${name}\` |`)].join('\n');
}
