import type { Requirement } from './types.js';

/**
 * Ranked search (issue #22): which requirements a query finds and in what order, as pure rules.
 * A query's words are cut, lowercased, stripped of stop words and stemmed, and so are every
 * requirement's title and summary, so "assessment", "assessing" and "assessed" meet. A requirement
 * is found when every word of the query is in its title or summary; the hits rank
 *
 *   REFERENCE     the query is a reference to it (resolved by the citation grammars, resolve-refs.ts)
 *   TITLE_EXACT   its title says the query's words and nothing else, in that order
 *   TITLE         its title holds every word: as a phrase (in order, together) before scattered
 *   SUMMARY       every word is in the title or summary, not all in the title: phrase before scattered
 *
 * Among titles of one tier, the title with fewer other words comes first (it is more nearly about the
 * query: "AI system impact assessment" before "Fundamental rights impact assessment for high-risk AI
 * systems"); remaining ties keep catalog order. A requirement is one hit, at its best reason.
 * The stemmer is injected (the domain imports nothing): the API passes a Porter stemmer.
 */

export type Stemmer = (word: string) => string;

export const MATCH_REASONS = ['REFERENCE', 'TITLE_EXACT', 'TITLE', 'SUMMARY'] as const;
export type MatchReason = (typeof MATCH_REASONS)[number];

/**
 * Words that say nothing about a requirement: a query's stop words neither have to match nor mark
 * anything. Short English function words only; "AI", "data", "risk" and the like stay words.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been but by can do does for from had has have how if in into is it its ' +
    'may must not of on or shall should such than that the their them then there these they this ' +
    'those to was were what when where which who whose will with within without would').split(' '),
);

/** A word of a text: where it stands, and its stem (null for a stop word). */
export interface Token {
  start: number;
  end: number;
  stem: string | null;
}

/** Letters and digits, in any script; everything else (spaces, punctuation, dots of "A.6.2.4") separates words. */
const WORD = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string, stem: Stemmer): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const word = match[0].toLowerCase();
    tokens.push({ start: match.index, end: match.index + match[0].length, stem: STOP_WORDS.has(word) ? null : stem(word) });
  }
  return tokens;
}

/** The stems of a text's words, stop words left out, in order. */
function stemsOf(tokens: readonly Token[]): string[] {
  return tokens.flatMap((t) => (t.stem === null ? [] : [t.stem]));
}

/** What a query searches for: its words' stems in order (repeats kept, for an exact title), and each once. */
export interface QueryTerms {
  sequence: string[];
  distinct: string[];
}

export function queryTerms(q: string, stem: Stemmer): QueryTerms {
  const sequence = stemsOf(tokenize(q, stem));
  return { sequence, distinct: [...new Set(sequence)] };
}

/** A requirement's words as the ranking reads them: its title and summary, tokenised once. */
export interface SearchText {
  title: Token[];
  summary: Token[];
  titleStems: string[];
  summaryStems: string[];
  titleSet: ReadonlySet<string>;
  summarySet: ReadonlySet<string>;
}

/** A requirement with its words. */
export interface SearchDocument extends SearchText {
  requirement: Requirement;
}

export function searchText(title: string, summary: string, stem: Stemmer): SearchText {
  const titleTokens = tokenize(title, stem);
  const summaryTokens = tokenize(summary, stem);
  const titleStems = stemsOf(titleTokens);
  const summaryStems = stemsOf(summaryTokens);
  return { title: titleTokens, summary: summaryTokens, titleStems, summaryStems, titleSet: new Set(titleStems), summarySet: new Set(summaryStems) };
}

export function searchDocument(requirement: Requirement, stem: Stemmer): SearchDocument {
  return { requirement, ...searchText(requirement.title, requirement.summary, stem) };
}

/**
 * Tokenising a catalog of 1,700 requirements takes tens of milliseconds, far more than ranking it:
 * an indexer remembers each requirement's words by what they are made of (id, title, summary), so a
 * requirement is tokenised once whichever store, workspace or dataset version it is read from again,
 * and an edited one afresh. Bounded: past `maxEntries` it starts over.
 */
export function documentIndexer(stem: Stemmer, maxEntries = 20_000): (requirement: Requirement) => SearchDocument {
  const known = new Map<string, SearchText>();
  return (requirement) => {
    const key = `${requirement.id}\0${requirement.title}\0${requirement.summary}`;
    let text = known.get(key);
    if (!text) {
      if (known.size >= maxEntries) known.clear();
      text = searchText(requirement.title, requirement.summary, stem);
      known.set(key, text);
    }
    return { requirement, ...text };
  };
}

/** A stemmer that remembers its answers: the catalog repeats a few thousand words many times. Bounded. */
export function rememberingStemmer(stem: Stemmer, maxWords = 50_000): Stemmer {
  const known = new Map<string, string>();
  return (word) => {
    let stemmed = known.get(word);
    if (stemmed === undefined) {
      if (known.size >= maxWords) known.clear();
      stemmed = stem(word);
      known.set(word, stemmed);
    }
    return stemmed;
  };
}

export interface RankedHit {
  requirement: Requirement;
  reason: MatchReason;
  /** The query's words stand together and in order (always true for one word and for a reference). */
  phrase: boolean;
}

/** Whether `terms` occur in `stems` one after the other, in order. */
export function holdsPhrase(stems: readonly string[], terms: readonly string[]): boolean {
  if (terms.length === 0) return false;
  outer: for (let i = 0; i + terms.length <= stems.length; i++) {
    for (let j = 0; j < terms.length; j++) if (stems[i + j] !== terms[j]) continue outer;
    return true;
  }
  return false;
}

const sameSequence = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((s, i) => s === b[i]);

/** How one document matches the query's words, or null when some word is missing. */
export function wordMatch(doc: SearchDocument, terms: QueryTerms): Omit<RankedHit, 'requirement'> | null {
  if (terms.distinct.length === 0) return null;
  const inTitle = doc.titleSet;
  if (terms.distinct.every((t) => inTitle.has(t))) {
    if (sameSequence(doc.titleStems, terms.sequence)) return { reason: 'TITLE_EXACT', phrase: true };
    return { reason: 'TITLE', phrase: holdsPhrase(doc.titleStems, terms.distinct) };
  }
  const inSummary = doc.summarySet;
  if (!terms.distinct.every((t) => inTitle.has(t) || inSummary.has(t))) return null;
  return { reason: 'SUMMARY', phrase: holdsPhrase(doc.summaryStems, terms.distinct) };
}

/** The order of the tiers: a reference, an exact title, a title phrase, title words, a summary phrase, summary words. */
function tierOf(hit: Omit<RankedHit, 'requirement'>): number {
  return MATCH_REASONS.indexOf(hit.reason) * 2 + (hit.phrase ? 0 : 1);
}

/**
 * The ranked hits: `references` first (in the order given), then every document that holds all the
 * query's words, by tier, a title's tier by its number of words, ties in the documents' (catalog)
 * order; each requirement once.
 */
export function rankDocuments(docs: readonly SearchDocument[], terms: QueryTerms, references: readonly Requirement[]): RankedHit[] {
  const seen = new Set<string>();
  const hits: RankedHit[] = [];
  for (const requirement of references) {
    if (seen.has(requirement.id)) continue;
    seen.add(requirement.id);
    hits.push({ requirement, reason: 'REFERENCE', phrase: true });
  }
  const matched: Array<{ hit: RankedHit; tier: number; titleWords: number; order: number }> = [];
  docs.forEach((doc, order) => {
    if (seen.has(doc.requirement.id)) return;
    const match = wordMatch(doc, terms);
    if (!match) return;
    seen.add(doc.requirement.id);
    // A summary hit's title says little about the query: those keep catalog order alone.
    const titleWords = match.reason === 'SUMMARY' ? 0 : doc.titleStems.length;
    matched.push({ hit: { requirement: doc.requirement, ...match }, tier: tierOf(match), titleWords, order });
  });
  matched.sort((a, b) => a.tier - b.tier || a.titleWords - b.titleWords || a.order - b.order);
  return [...hits, ...matched.map((m) => m.hit)];
}

/** A piece of a text: concatenated in order, the parts give the text back exactly. */
export interface TextPart {
  text: string;
  /** One of the query's words (by stem). */
  matched: boolean;
}

/** `text[from, to)` in parts, the words whose stems the query searched marked; adjacent parts of a kind joined. */
export function markedParts(text: string, tokens: readonly Token[], terms: QueryTerms, from = 0, to = text.length): TextPart[] {
  const wanted = new Set(terms.distinct);
  const parts: TextPart[] = [];
  const push = (piece: string, matched: boolean) => {
    if (piece.length === 0) return;
    const last = parts.at(-1);
    if (last && last.matched === matched) last.text += piece;
    else parts.push({ text: piece, matched });
  };
  let at = from;
  for (const token of tokens) {
    if (token.end <= from || token.start >= to) continue;
    if (token.stem === null || !wanted.has(token.stem)) continue;
    push(text.slice(at, token.start), false);
    push(text.slice(token.start, token.end), true);
    at = token.end;
  }
  push(text.slice(at, to), false);
  return parts;
}

export interface Snippet {
  parts: TextPart[];
  /** Text of the summary comes before the snippet. */
  clippedStart: boolean;
  /** Text of the summary comes after the snippet. */
  clippedEnd: boolean;
}

/** The longest snippet, in characters. */
export const SNIPPET_LENGTH = 160;
/** How much of the text before the first matched word a snippet keeps, for context. */
const SNIPPET_LEAD = 40;

/**
 * A passage of `text` around its first matched word (its start when none matches), at most
 * `maxLength` characters, cut at word boundaries, with the query's words marked.
 */
export function snippet(text: string, tokens: readonly Token[], terms: QueryTerms, maxLength = SNIPPET_LENGTH): Snippet {
  if (text.length <= maxLength) return { parts: markedParts(text, tokens, terms), clippedStart: false, clippedEnd: false };
  const wanted = new Set(terms.distinct);
  const first = tokens.find((t) => t.stem !== null && wanted.has(t.stem));
  // Start at the first word from a little before the first match, never so late that the window runs past the end.
  let start = 0;
  if (first) {
    const target = Math.max(0, Math.min(first.start - SNIPPET_LEAD, text.length - maxLength));
    start = target === 0 ? 0 : (tokens.find((t) => t.start >= target)?.start ?? target);
  }
  let end = Math.min(text.length, start + maxLength);
  if (end < text.length) {
    // End after the last whole word that fits.
    const last = [...tokens].reverse().find((t) => t.end <= end && t.start >= start);
    end = last ? last.end : end;
  }
  return { parts: markedParts(text, tokens, terms, start, end), clippedStart: start > 0, clippedEnd: end < text.length };
}

export interface FrameworkCount {
  frameworkId: string;
  count: number;
}

/** Hits per framework, frameworks in `order` (the catalog's), then any other in the order met; none with no hit. */
export function countByFramework(hits: readonly RankedHit[], order: readonly string[] = []): FrameworkCount[] {
  const counts = new Map<string, number>(order.map((id) => [id, 0]));
  for (const hit of hits) counts.set(hit.requirement.frameworkId, (counts.get(hit.requirement.frameworkId) ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 0).map(([frameworkId, count]) => ({ frameworkId, count }));
}
