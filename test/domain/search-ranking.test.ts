import { beforeAll, describe, expect, it } from 'vitest';
import { stemmer } from 'stemmer';
import {
  countByFramework,
  documentIndexer,
  holdsPhrase,
  markedParts,
  queryTerms,
  rankDocuments,
  rememberingStemmer,
  searchDocument,
  snippet,
  SNIPPET_LENGTH,
  tokenize,
  type SearchDocument,
} from '../../src/domain/search-ranking.js';
import type { Requirement } from '../../src/domain/types.js';
import { loadSeed } from '../../src/seed/load-seed.js';

/** The ranking rules read as a spec: tiers, stems, stop words, phrases, marks and snippets. */

const stem = rememberingStemmer(stemmer);

const req = (id: string, title: string, summary = '', position = 0): Requirement => ({
  id,
  frameworkId: id.split(':')[0]!,
  ref: id.split(':').slice(1).join(':'),
  title,
  summary,
  kind: 'CONTROL',
  parentId: null,
  tags: [],
  position,
});

const rank = (requirements: Requirement[], q: string, references: Requirement[] = []) =>
  rankDocuments(requirements.map((r) => searchDocument(r, stem)), queryTerms(q, stem), references).map((h) => `${h.reason}${h.phrase ? '' : '~'} ${h.requirement.id}`);

describe('words', () => {
  it('stems so that assessment, assessing and assessed meet, and drops stop words', () => {
    const terms = ['assessment', 'Assessing', 'assessed', 'assess', 'assessments'].map((w) => queryTerms(w, stem).distinct);
    expect(new Set(terms.flat())).toEqual(new Set(['assess']));
    expect(queryTerms('the impact of an assessment', stem).sequence).toEqual(['impact', 'assess']);
    expect(queryTerms('of the and', stem).distinct).toEqual([]);
  });

  it('cuts on anything but letters and digits, keeps each word\'s place in the text', () => {
    const text = 'AI-system: A.6.2.4, “impact”';
    const tokens = tokenize(text, stem);
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual(['AI', 'system', 'A', '6', '2', '4', 'impact']);
    // "A" is a stop word ("a"): it has no stem and matches nothing.
    expect(tokens[2]!.stem).toBeNull();
  });

  it('finds a phrase only in order and together', () => {
    expect(holdsPhrase(['ai', 'system', 'impact', 'assess'], ['impact', 'assess'])).toBe(true);
    expect(holdsPhrase(['assess', 'impact', 'ai'], ['impact', 'assess'])).toBe(false);
    expect(holdsPhrase(['impact', 'ai', 'assess'], ['impact', 'assess'])).toBe(false);
    expect(holdsPhrase(['impact'], [])).toBe(false);
  });
});

describe('tiers', () => {
  const catalog = [
    req('x:1', 'Planning', 'Heading for planning: AI risks, impact assessment and objectives.', 1),
    req('x:2', 'Assessing impacts of AI systems', 'How systems affect people.', 2),
    req('x:3', 'Fundamental rights impact assessment for high-risk AI systems', '', 3),
    req('x:4', 'AI system impact assessment', 'Assess consequences.', 4),
    req('x:5', 'Impact assessment', 'Assess the impact.', 5),
    req('x:6', 'Monitoring', 'Watch the impact and then run an assessment.', 6),
    req('x:7', 'Logging', 'Nothing relevant.', 7),
  ];

  it('ranks an exact title, then title phrases (shorter first), then scattered title words, then summaries (phrase first)', () => {
    expect(rank(catalog, 'impact assessment')).toEqual([
      'TITLE_EXACT x:5',
      'TITLE x:4',
      'TITLE x:3',
      'TITLE~ x:2',
      'SUMMARY x:1',
      'SUMMARY~ x:6',
    ]);
  });

  it('puts a reference first, and each requirement once at its best reason', () => {
    const hits = rank(catalog, 'impact assessment', [catalog[3]!, catalog[3]!, catalog[6]!]);
    expect(hits.slice(0, 2)).toEqual(['REFERENCE x:4', 'REFERENCE x:7']);
    expect(hits.filter((h) => h.endsWith(' x:4'))).toHaveLength(1);
    expect(new Set(hits).size).toBe(hits.length);
  });

  it('needs every word, keeps catalog order among equals, and finds nothing for stop words alone', () => {
    expect(rank(catalog, 'impact logging')).toEqual([]);
    expect(rank([req('y:2', 'Data quality', '', 2), req('y:1', 'Data quality', '', 1)], 'data quality')).toEqual(['TITLE_EXACT y:2', 'TITLE_EXACT y:1']);
    expect(rank(catalog, 'the of')).toEqual([]);
  });
});

describe('marked parts and snippets', () => {
  const terms = queryTerms('impact assessments', stem);

  it('marks the query\'s words by stem and gives the text back exactly', () => {
    const title = 'Assessing AI system impact on individuals';
    const parts = markedParts(title, tokenize(title, stem), terms);
    expect(parts.map((p) => p.text).join('')).toBe(title);
    expect(parts.filter((p) => p.matched).map((p) => p.text)).toEqual(['Assessing', 'impact']);
    expect(parts[0]).toEqual({ text: 'Assessing', matched: true });
  });

  it('never marks markup: a title with angle brackets stays text in its parts', () => {
    const title = '<b>impact</b>';
    const parts = markedParts(title, tokenize(title, stem), terms);
    expect(parts).toEqual([
      { text: '<b>', matched: false },
      { text: 'impact', matched: true },
      { text: '</b>', matched: false },
    ]);
  });

  it('cuts a long summary around its first match, at word boundaries, and says where it was clipped', () => {
    const summary = `${'Lorem ipsum dolor sit amet '.repeat(8)}then an impact assessment is run ${'and recorded carefully '.repeat(8)}end.`;
    const cut = snippet(summary, tokenize(summary, stem), terms);
    const text = cut.parts.map((p) => p.text).join('');
    expect(text.length).toBeLessThanOrEqual(SNIPPET_LENGTH);
    expect(summary).toContain(text);
    expect(cut.parts.filter((p) => p.matched).map((p) => p.text)).toEqual(['impact', 'assessment']);
    expect(cut.clippedStart).toBe(true);
    expect(cut.clippedEnd).toBe(true);
    // Word boundaries: the passage starts and ends on whole words.
    const start = summary.indexOf(text);
    expect(/[A-Za-z]/.test(summary[start - 1]!)).toBe(false);
    expect(/[A-Za-z]/.test(summary[start + text.length] ?? ' ')).toBe(false);
  });

  it('gives a short summary whole, and a summary without a match from its start', () => {
    const short = 'Impact assessed.';
    expect(snippet(short, tokenize(short, stem), terms)).toEqual({ parts: [{ text: 'Impact', matched: true }, { text: ' ', matched: false }, { text: 'assessed', matched: true }, { text: '.', matched: false }], clippedStart: false, clippedEnd: false });
    const long = 'word '.repeat(60);
    const cut = snippet(long, tokenize(long, stem), terms);
    expect(cut.clippedStart).toBe(false);
    expect(cut.clippedEnd).toBe(true);
  });
});

describe('facets and the indexer', () => {
  it('counts hits per framework in the order given, leaving out frameworks without one', () => {
    const hits = rankDocuments([req('b:1', 'Impact'), req('a:1', 'Impact'), req('b:2', 'Impact')].map((r) => searchDocument(r, stem)), queryTerms('impact', stem), []);
    expect(countByFramework(hits, ['a', 'c', 'b'])).toEqual([
      { frameworkId: 'a', count: 1 },
      { frameworkId: 'b', count: 2 },
    ]);
  });

  it('remembers a requirement\'s words by content: the same text once, an edited one afresh', () => {
    let calls = 0;
    const index = documentIndexer((w) => {
      calls++;
      return stemmer(w);
    });
    index(req('a:1', 'Impact assessment'));
    const once = calls;
    index(req('a:1', 'Impact assessment'));
    expect(calls).toBe(once);
    const edited = index(req('a:1', 'Impact monitoring'));
    expect(calls).toBeGreaterThan(once);
    expect(edited.titleStems).toEqual(['impact', 'monitor']);
  });
});

describe('the issue #22 cases on the seed', () => {
  let docs: SearchDocument[];
  beforeAll(async () => {
    const graph = await loadSeed();
    docs = graph.requirements.map((r) => searchDocument(r, stem));
  });
  const ranked = (q: string) => rankDocuments(docs, queryTerms(q, stem), []);
  const ids = (q: string) => ranked(q).map((h) => h.requirement.id);

  it('"impact assessment": the AI system impact assessment titles rank above "6 Planning"', () => {
    const list = ids('impact assessment');
    const planning = list.indexOf('iso42001:6');
    expect(planning).toBeGreaterThan(-1);
    for (const id of ['iso42001:6.1.4', 'iso42001:8.4', 'iso42001:A.5.2']) {
      expect(list.indexOf(id)).toBeGreaterThan(-1);
      expect(list.indexOf(id)).toBeLessThan(planning);
    }
    // The exact titles (two words more) before the longer ones.
    expect(list.indexOf('iso42001:6.1.4')).toBeLessThan(list.indexOf('eu-ai-act:Art.27'));
  });

  it('"assessment" finds the titles that say "Assessing"', () => {
    const list = ids('assessment');
    for (const id of ['iso42001:A.5', 'iso42001:A.5.4', 'iso42001:A.5.5']) expect(list).toContain(id);
    const hit = ranked('assessment').find((h) => h.requirement.id === 'iso42001:A.5.4')!;
    expect(hit.reason).toBe('TITLE');
  });

  it('repeats no requirement, whatever the query', () => {
    for (const q of ['impact assessment', 'assessment', 'access control', 'risk', 'AI system']) {
      const list = ids(q);
      expect(list.length).toBeGreaterThan(0);
      expect(new Set(list).size).toBe(list.length);
    }
  });

  it('an exact reference comes first, ahead of every word hit', () => {
    const target = docs.find((d) => d.requirement.id === 'iso42001:A.6.2.4')!.requirement;
    const hits = rankDocuments(docs, queryTerms('A.6.2.4', stem), [target]);
    expect(hits[0]).toMatchObject({ reason: 'REFERENCE', requirement: { id: 'iso42001:A.6.2.4' } });
    expect(hits.filter((h) => h.requirement.id === target.id)).toHaveLength(1);
  });
});
