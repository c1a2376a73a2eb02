/** A table download link's file, fetched as an anonymous browser would, with its status and type. */
export async function downloadTable(serverUrl: string, href: string | null): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  if (!href) throw new Error('no download link');
  const response = await fetch(`${serverUrl}${href}`);
  return { status: response.status, type: response.headers.get('content-type'), bytes: Buffer.from(await response.arrayBuffer()) };
}

/** A downloaded CSV's lines after the header row (the tables' cells hold no line breaks). */
export const csvRows = (bytes: Buffer) => bytes.toString('utf8').trimEnd().split('\r\n').slice(1);

/** One RFC 4180 line's cells. */
export function csvCells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted && c === '"' && line[i + 1] === '"') (cell += '"'), i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) out.push(cell), (cell = '');
    else cell += c;
  }
  return [...out, cell];
}
