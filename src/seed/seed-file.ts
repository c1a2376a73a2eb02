import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { SeedProblem } from './seed-error.js';

type Path = ReadonlyArray<string | number>;

/**
 * A parsed YAML seed file that can say on which line a value stands, so problems point at it.
 * Data is read with js-yaml (fast: a large seed loads about four times quicker); the position-keeping
 * `yaml` parser runs only when a problem needs a line number.
 */
export class SeedFile {
  private located: { document: Document; lineCounter: LineCounter } | undefined;

  private constructor(
    readonly file: string,
    private readonly text: string,
    readonly data: unknown,
  ) {}

  static parse(file: string, text: string, problems: SeedProblem[]): SeedFile | null {
    try {
      // The YAML 1.2 core schema, as the `yaml` parser uses: no implicit dates or other types.
      return new SeedFile(file, text, load(text, { filename: file, schema: CORE_SCHEMA }));
    } catch (error) {
      const line = error instanceof YAMLException ? (error.mark?.line ?? -1) + 1 || null : null;
      const reason = error instanceof YAMLException ? error.reason : (error as Error).message;
      problems.push({ file, line, entry: '', message: `YAML syntax: ${reason}` });
      return null;
    }
  }

  /** The 1-based line of the value at `path`, or of its nearest ancestor that exists. */
  lineOf(path: Path): number | null {
    this.located ??= (() => {
      const lineCounter = new LineCounter();
      return { document: parseDocument(this.text, { lineCounter }), lineCounter };
    })();
    const { document, lineCounter } = this.located;
    for (let depth = path.length; depth >= 0; depth--) {
      const node = document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  }

  problem(path: Path, message: string, entry = describePath(path)): SeedProblem {
    return { file: this.file, line: this.lineOf(path), entry, message };
  }

  /** Validates the file against its schema; every issue becomes a located problem. */
  validate<T extends z.ZodType>(schema: T, problems: SeedProblem[]): z.infer<T> | null {
    const result = schema.safeParse(this.data);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      problems.push(this.problem(path, issue.message));
    }
    return null;
  }
}

/** `["mappings", 3, "to"]` -> `mappings[3].to`. */
export function describePath(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
