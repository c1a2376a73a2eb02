import { frameworkIdOf } from '../domain/ids.js';
import { firstRows, type GraphStore } from '../domain/graph-store.js';
import { candidateIds, compileGrammar, parseRef, titleMatches, titleScore, type CompiledGrammar, type ParsedRef } from '../domain/refs.js';
import { suggestIds } from '../domain/suggest.js';
import type { CitationGrammar, Requirement } from '../domain/types.js';

export type RefConfidence = 'EXACT' | 'LIKELY' | 'AMBIGUOUS' | 'NOT_FOUND';

export interface ResolvedRef {
  input: string;
  requirement: Requirement | null;
  confidence: RefConfidence;
  /** Other readings when ambiguous; near references when nothing matched; title matches when the cited title did not match. */
  candidates: Requirement[];
  citedTitle: string | null;
  titleMatches: boolean | null;
}

const MAX_TITLE_SUGGESTIONS = 5;

/**
 * References as people write them to requirements: parse each with every framework's grammar (carried
 * on the frameworks), look every candidate up in one batch, then judge each reading, tier by tier.
 */
export async function resolveRefs(
  store: GraphStore,
  refs: readonly string[],
  framework: string | null,
  /** Whether one more "did you mean" search may run: a request has a budget of them, however many fields ask. */
  takeSuggestion: () => boolean = () => true,
): Promise<ResolvedRef[]> {
  const grammars = compiledGrammars(await store.allNodes('Framework'));
  const parsed = refs.map((r) => parseRef(r, grammars, framework));
  const found = await store.nodes('Requirement', [...new Set(parsed.flatMap(candidateIds))]);
  const byId = new Map(found.filter((r): r is Requirement => r !== null).map((r) => [r.id, r]));
  const catalogs = new Catalogs(store);
  return Promise.all(parsed.map((p) => judge(p, byId, catalogs, framework, takeSuggestion)));
}

async function judge(p: ParsedRef, byId: Map<string, Requirement>, catalogs: Catalogs, framework: string | null, takeSuggestion: () => boolean): Promise<ResolvedRef> {
  const result = (requirement: Requirement | null, confidence: RefConfidence, candidates: Requirement[]): ResolvedRef => ({
    input: p.input,
    requirement,
    confidence,
    candidates,
    citedTitle: p.citedTitle,
    titleMatches: requirement && p.citedTitle ? titleMatches(p.citedTitle, requirement.title) : null,
  });
  const hits = p.tiers.map((tier) => tier.map((id) => byId.get(id)).filter((r): r is Requirement => !!r)).find((tier) => tier.length > 0) ?? [];
  if (hits.length === 1) {
    const only = hits[0]!;
    const mismatch = p.citedTitle !== null && !titleMatches(p.citedTitle, only.title);
    // Taken before any await, so the first references in input order get the request's suggestions.
    return result(only, 'EXACT', mismatch && takeSuggestion() ? await catalogs.titled(p.citedTitle!, [only.frameworkId], only.id) : []);
  }
  if (hits.length > 1) {
    // The cited title settles it when one reading's title matches it better than every other's.
    const scores = hits.map((h) => (p.citedTitle ? titleScore(p.citedTitle, h.title) : 0));
    const best = Math.max(...scores);
    const winners = hits.filter((_h, i) => scores[i] === best);
    return best > 0 && winners.length === 1 ? result(winners[0]!, 'LIKELY', hits.filter((h) => h !== winners[0])) : result(null, 'AMBIGUOUS', hits);
  }
  if (!takeSuggestion()) return result(null, 'NOT_FOUND', []);
  return result(null, 'NOT_FOUND', await suggestionsFor(p, catalogs, framework));
}

/** Near references in the candidate frameworks, then requirements whose titles match the cited text. */
async function suggestionsFor(p: ParsedRef, catalogs: Catalogs, framework: string | null): Promise<Requirement[]> {
  const ids = candidateIds(p);
  const frameworks = [...new Set(ids.map(frameworkIdOf))];
  if (frameworks.length > 0) {
    const items = await catalogs.of(frameworks);
    const near = new Set(ids.flatMap((id) => suggestIds(id, items.map((r) => r.id), 3)));
    const nearby = items.filter((r) => near.has(r.id));
    if (nearby.length > 0 || !p.citedTitle) return nearby;
  }
  if (!p.citedTitle) return [];
  return catalogs.titled(p.citedTitle, framework ? [framework] : frameworks.length > 0 ? frameworks : null, null);
}

/** The catalogs a request's judgements read, fetched once per set of frameworks. */
class Catalogs {
  private readonly cache = new Map<string, Promise<Requirement[]>>();
  constructor(private readonly store: GraphStore) {}

  /** Every requirement of these frameworks (null: of every framework), in catalog order. */
  of(frameworkIds: readonly string[] | null): Promise<Requirement[]> {
    const key = frameworkIds ? [...frameworkIds].sort().join(',') : '*';
    let items = this.cache.get(key);
    if (!items) {
      const filter = frameworkIds ? { frameworkIds } : {};
      items = this.store.findRequirements([{ filter, page: firstRows(100_000) }]).then(([page]) => page!.items);
      this.cache.set(key, items);
    }
    return items;
  }

  /** Requirements whose titles the cited title matches, the excluded one left out. */
  async titled(citedTitle: string, frameworkIds: readonly string[] | null, exclude: string | null): Promise<Requirement[]> {
    const items = await this.of(frameworkIds);
    return items
      .map((r) => ({ r, score: r.id === exclude ? 0 : titleScore(citedTitle, r.title) }))
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_TITLE_SUGGESTIONS)
      .map((s) => s.r);
  }
}

const compiled = new Map<string, CompiledGrammar>();

/** Grammars compiled once per distinct grammar (frameworks from Neo4j arrive as new objects each time). */
function compiledGrammars(frameworks: ReadonlyArray<{ id: string; citations: CitationGrammar | null }>): CompiledGrammar[] {
  return frameworks
    .filter((f) => f.citations)
    .map((f) => {
      const key = `${f.id}\n${JSON.stringify(f.citations)}`;
      let grammar = compiled.get(key);
      if (!grammar) {
        // Bounded: a grammar that changed leaves its old compilation behind; a few hundred frameworks at most.
        if (compiled.size > 1000) compiled.clear();
        grammar = compileGrammar(f.id, f.citations!);
        compiled.set(key, grammar);
      }
      return grammar;
    });
}
