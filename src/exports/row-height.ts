/**
 * Spreadsheet row heights for wrapped text. Excel does not grow a row to fit wrapped text that a
 * program wrote, so each row's height is estimated: the lines each cell wraps to at its column's
 * width (greedy word wrap, a column width being about that many average characters), times the
 * height of a line at the default 11 pt font.
 */

/** Points per line of 11 pt Calibri, Excel's default row height. */
export const LINE_HEIGHT = 15;

/** Lines `text` wraps to in a column `width` characters wide. */
export function wrappedLines(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width) - 1);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0;
    let count = 1;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (used > 0 && used + 1 + word.length <= perLine) {
        used += 1 + word.length;
        continue;
      }
      if (used > 0) (count++, (used = 0));
      // A word longer than a line breaks across lines.
      let length = word.length;
      while (length > perLine) (count++, (length -= perLine));
      used = length;
    }
    lines += count;
  }
  return Math.max(1, lines);
}

/** Height in points of a row whose cells hold `cells`, each in a column of the given width. */
export function rowHeight(cells: ReadonlyArray<{ text: string; width: number }>): number {
  const lines = Math.max(1, ...cells.map((c) => (c.text ? wrappedLines(c.text, c.width) : 1)));
  return lines * LINE_HEIGHT + 2;
}
