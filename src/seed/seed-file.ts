import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import type { SeedProblem } from './seed-error.js';

type Path = ReadonlyArray<string | number>;

/** A parsed YAML seed file that can say on which line a value stands, so problems point at it. */
export class SeedFile {
  private constructor(
    readonly file: string,
    private readonly document: Document,
    private readonly lineCounter: LineCounter,
  ) {}

  static parse(file: string, text: string, problems: SeedProblem[]): SeedFile | null {
    const lineCounter = new LineCounter();
    const document = parseDocument(text, { lineCounter, uniqueKeys: true });
    if (document.errors.length > 0) {
      for (const error of document.errors) {
        problems.push({ file, line: error.linePos?.[0].line ?? null, entry: '', message: `YAML syntax: ${error.message.split('\n')[0]}` });
      }
      return null;
    }
    return new SeedFile(file, document, lineCounter);
  }

  /** The 1-based line of the value at `path`, or of its nearest ancestor that exists. */
  lineOf(path: Path): number | null {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = this.document.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === 'object' && node.range) return this.lineCounter.linePos(node.range[0]).line;
    }
    return null;
  }

  problem(path: Path, message: string, entry = describePath(path)): SeedProblem {
    return { file: this.file, line: this.lineOf(path), entry, message };
  }

  /** Validates the file against its schema; every issue becomes a located problem. */
  validate<T extends z.ZodType>(schema: T, problems: SeedProblem[]): z.infer<T> | null {
    const result = schema.safeParse(this.document.toJS());
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
