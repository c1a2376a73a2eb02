import { mapEntry, oscalDocument, type OscalExportInput } from './oscal.js';

/**
 * The OSCAL mapping-collection of `toOscal`, as text in pieces: byte for byte
 * `JSON.stringify(toOscal(input), null, 2) + '\n'` (what `crosswalk table --format oscal` prints),
 * with the `maps` array written a few entries at a time instead of built as one string. The rest
 * of the document is small: it is written around a stand-in for the array.
 */

const STAND_IN = '\u0000crosswalk-maps\u0000';
const ENTRIES_PER_PIECE = 50;

export function oscalPieces(input: OscalExportInput): Iterable<string> {
  // Rendered now, so what the exporter refuses (OscalExportError) is refused before anything is sent.
  const text = JSON.stringify(oscalDocument(input, STAND_IN), null, 2) + '\n';
  const quoted = JSON.stringify(STAND_IN);
  const at = text.indexOf(quoted);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const indent = /^ */.exec(text.slice(lineStart))![0];
  return pieces(input, text.slice(0, at), indent, text.slice(at + quoted.length));
}

function* pieces(input: OscalExportInput, before: string, indent: string, after: string): Generator<string> {
  yield before;
  if (input.mappings.length === 0) {
    yield '[]';
  } else {
    // JSON.stringify's layout of an array of objects one level deeper: each entry on its own lines, indented by two more.
    const inner = `${indent}  `;
    yield '[\n';
    for (let i = 0; i < input.mappings.length; i += ENTRIES_PER_PIECE) {
      const entries = input.mappings.slice(i, i + ENTRIES_PER_PIECE).map((m) => inner + JSON.stringify(mapEntry(m, input.requirements), null, 2).replaceAll('\n', `\n${inner}`));
      yield (i === 0 ? '' : ',\n') + entries.join(',\n');
    }
    yield `\n${indent}]`;
  }
  yield after;
}
