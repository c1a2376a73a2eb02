/**
 * Turning the references people write ("Annex A 6.2.4", "CC 6.1", "GV-1.1", "Article 14 EU AI Act",
 * "AC-2(1)") into candidate requirement ids, plus the cited title. The grammar is data: each
 * framework brings its own names and citation forms (seed/citations/<framework>.yaml, carried on
 * the Framework), so a new framework is taught by a file, not by code here. Pure: the caller looks
 * the candidates up.
 */
import type { CitationForm, CitationGrammar } from './types.js';

export interface ParsedRef {
  input: string;
  /**
   * Candidate requirement ids by tier, most likely tier first. Within a tier the candidates are equally
   * likely (the same citation form read by two frameworks, e.g. "A.6.2.4" in ISO 42001 and 27001) and
   * sorted by id;
   * a later tier is a weaker reading, used only when no candidate of an earlier tier exists.
   */
  tiers: string[][];
  /** Text cited besides the reference, taken as a title ("A.7.2 Fairness" -> "Fairness"). */
  citedTitle: string | null;
  /** The frameworks named in the text, if any. */
  mentioned: string[];
}

/** A framework's grammar with its patterns compiled once. */
export interface CompiledGrammar {
  frameworkId: string;
  names: RegExp[];
  forms: Array<CitationForm & { regex: RegExp }>;
}

/** A citation is never part of a longer word or number: "SC-7" is not clause "7" of "SC-7x". */
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}]|\\.\\p{N}|\\(\\p{N})';

/** Compiles a framework's grammar; throws on a pattern that is not a valid regular expression. */
export function compileGrammar(frameworkId: string, grammar: CitationGrammar): CompiledGrammar {
  return {
    frameworkId,
    names: grammar.names.map((n) => new RegExp(`${BEFORE}(?:${n})${AFTER}`, 'giu')),
    forms: grammar.forms.map((f) => ({ ...f, regex: new RegExp(`${BEFORE}(?:${f.pattern})${AFTER}`, 'iu') })),
  };
}

/** Problems in a grammar (patterns that do not compile, templates naming groups the pattern lacks). */
export function grammarProblems(grammar: CitationGrammar): Array<{ path: Array<string | number>; message: string }> {
  const problems: Array<{ path: Array<string | number>; message: string }> = [];
  grammar.names.forEach((n, i) => {
    const error = regexError(n);
    if (error) problems.push({ path: ['names', i], message: `not a valid regular expression: ${error}` });
  });
  grammar.forms.forEach((f, i) => {
    const error = regexError(f.pattern);
    if (error) {
      problems.push({ path: ['forms', i, 'pattern'], message: `not a valid regular expression: ${error}` });
      return;
    }
    const groups = new Set([...f.pattern.matchAll(/\(\?<([A-Za-z][A-Za-z0-9]*)>/g)].map((m) => m[1]!));
    for (const [, name, filter] of f.ref.matchAll(PLACEHOLDER)) {
      if (!groups.has(name!)) problems.push({ path: ['forms', i, 'ref'], message: `names group "${name}", which the pattern does not define` });
      if (filter && !(filter in FILTERS)) problems.push({ path: ['forms', i, 'ref'], message: `unknown filter "${filter}" (known: ${Object.keys(FILTERS).join(', ')})` });
      if (filter === 'map' && !f.map) problems.push({ path: ['forms', i, 'map'], message: 'the "map" filter needs a map' });
    }
  });
  return problems;
}

function regexError(pattern: string): string | null {
  try {
    new RegExp(pattern, 'iu');
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * Reads a citation. Every framework's forms are tried (only the hinted framework's, or the ones the
 * text names, when there are); each reading scores by its form's weight, then by how much of the
 * text it explains; readings of equal score form a tier.
 */
export function parseRef(input: string, grammars: readonly CompiledGrammar[], frameworkHint: string | null = null): ParsedRef {
  let text = input.normalize('NFKC').replace(/[\u2010-\u2015]/g, '-').trim();
  const mentioned: string[] = [];
  for (const grammar of grammars) {
    for (const name of grammar.names) {
      name.lastIndex = 0;
      if (!name.test(text)) continue;
      if (!mentioned.includes(grammar.frameworkId)) mentioned.push(grammar.frameworkId);
      text = text.replace(name, ' ');
    }
  }
  const wanted = frameworkHint ? [frameworkHint] : mentioned.length > 0 ? mentioned : grammars.map((g) => g.frameworkId);
  const readings: Array<{ id: string; score: number; start: number; end: number }> = [];
  for (const grammar of grammars) {
    if (!wanted.includes(grammar.frameworkId)) continue;
    for (const form of grammar.forms) {
      const match = form.regex.exec(text);
      if (!match) continue;
      const ref = renderRef(form, match.groups ?? {});
      if (ref === null) continue;
      readings.push({ id: `${grammar.frameworkId}:${ref}`, score: form.weight * 1000 + match[0].length, start: match.index, end: match.index + match[0].length });
    }
  }
  // A hinted framework without a grammar (a workspace's own, say) is still cited by its refs as printed.
  if (frameworkHint && !grammars.some((g) => g.frameworkId === frameworkHint) && text.length > 0) {
    readings.push({ id: `${frameworkHint}:${text}`, score: 0, start: 0, end: text.length });
  }
  if (readings.length === 0) return { input, tiers: [], citedTitle: titleFrom(text), mentioned };
  readings.sort((a, b) => b.score - a.score);
  const tiers: string[][] = [];
  let lastScore: number | null = null;
  for (const r of readings) {
    if (r.score !== lastScore) tiers.push([]);
    lastScore = r.score;
    if (!tiers.flat().includes(r.id)) tiers[tiers.length - 1]!.push(r.id);
  }
  const best = readings[0]!;
  // Framing words stand before a citation ("criterion A1.2"); after it they belong to the title ("Access control").
  const rest = `${text.slice(0, best.start).replace(FRAMING, ' ')} ${text.slice(best.end)}`;
  // Equally likely readings in a fixed order, whatever order the frameworks were loaded in.
  return { input, tiers: tiers.filter((t) => t.length > 0).map((t) => t.sort()), citedTitle: titleFrom(rest), mentioned };
}

/** Every candidate id of a parsed reference, most likely first. */
export function candidateIds(parsed: ParsedRef): string[] {
  return parsed.tiers.flat();
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)(?::([a-z0-9]+))?\}/g;

const FILTERS: Record<string, (value: string, form: CitationForm) => string | null> = {
  upper: (v) => v.toUpperCase(),
  int: (v) => String(Number(v)),
  pad2: (v) => String(Number(v)).padStart(2, '0'),
  roman: (v) => v.toUpperCase(),
  map: (v, form) => form.map?.[v.toLowerCase()] ?? null,
};

/**
 * Fills a form's ref template: `{group}` or `{group:filter}`; a `[...]` segment is kept only when every
 * group it names matched ("{fn:map} {cat:int}[.{sub:int}]"). Null when a mapped value is unknown.
 */
export function renderRef(form: CitationForm, groups: Record<string, string | undefined>): string | null {
  let failed = false;
  const fill = (template: string, optional: boolean): string | null => {
    let missing = false;
    const out = template.replace(PLACEHOLDER, (_all, name: string, filter: string | undefined) => {
      const value = groups[name];
      if (value === undefined) {
        missing = true;
        return '';
      }
      const filtered = filter ? FILTERS[filter]!(value, form) : value;
      if (filtered === null) failed = true;
      return filtered ?? '';
    });
    if (missing && optional) return '';
    return missing ? null : out;
  };
  const rendered = form.ref.replace(/\[([^\]]*)\]/g, (_all, inner: string) => fill(inner, true) ?? '');
  const whole = fill(rendered, false);
  return failed || whole === null ? null : whole;
}

/** Words that frame a citation rather than title it ("Annex A Control A.6.2.6"). */
const FRAMING = /\b(?:annex\s+[a-z]|controls?|clauses?|criteri(?:on|a)|subcategor(?:y|ies)|categor(?:y|ies)|articles?|sections?|requirements?|enhancements?)\b/gi;

function titleFrom(text: string): string | null {
  const title = text
    .replace(/^[\s:.,;()\-–—"'“”§¶]+|[\s:.,;()\-–—"'“”§¶]+$/g, '')
    .replace(/\s+/g, ' ');
  return /[a-z]{3,}/i.test(title) ? title : null;
}

const STOPWORDS = new Set(['of', 'the', 'and', 'for', 'a', 'an', 'to', 'in', 'on', 'ai', 'system', 'systems']);

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .map((t) => t.replace(/(?:ies|s)$/, (s) => (s === 'ies' ? 'y' : '')))
    .filter((t) => t.length > 1 && !STOPWORDS.has(t));
}

/**
 * How well a cited title names the requirement's real title, 0 (not at all) to 1: 1 when the real
 * title starts with the cited words ("logical access" for "Logical access security software, ...")
 * or has the same words; otherwise the share of words they have in common, when they share most of
 * the shorter one's words.
 */
export function titleScore(cited: string, actual: string): number {
  const citedWords = words(cited);
  const actualWords = words(actual);
  if (citedWords.length === 0 || actualWords.length === 0) return 0;
  if (citedWords.length >= 2 && citedWords.every((w, i) => actualWords[i] === w)) return 1;
  const a = new Set(citedWords);
  const b = new Set(actualWords);
  const shared = [...a].filter((t) => b.has(t)).length;
  const overall = shared / Math.max(a.size, b.size);
  return shared / Math.min(a.size, b.size) >= 0.6 && overall >= 0.34 ? overall : 0;
}

/** Whether a cited title names the same thing as the requirement's real title. */
export function titleMatches(cited: string, actual: string): boolean {
  return titleScore(cited, actual) > 0;
}
