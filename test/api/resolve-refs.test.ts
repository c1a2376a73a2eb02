import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * resolveRefs judged as a careful auditor would, on citations as audit reports, policies and blog
 * posts write them, over HTTP on the real seed.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

interface Expected {
  confidence: 'EXACT' | 'LIKELY' | 'AMBIGUOUS' | 'NOT_FOUND';
  requirement?: string;
  titleMatches?: boolean | null;
  /** Ids the candidates must include. */
  candidates?: string[];
}

const CORPUS: Array<[string, Expected]> = [
  ['Annex A.9 (Use of AI systems)', { confidence: 'EXACT', requirement: 'iso42001:A.9', titleMatches: true }],
  ['ISO 42001 Annex A.10', { confidence: 'EXACT', requirement: 'iso42001:A.10', titleMatches: null }],
  ['SOC 2 CC6.1 logical access', { confidence: 'EXACT', requirement: 'soc2:CC6.1', titleMatches: true }],
  ['ISO 42001 Annex A Control A.6.2.6', { confidence: 'EXACT', requirement: 'iso42001:A.6.2.6', titleMatches: null }],
  ['A.6.2.4', { confidence: 'EXACT', requirement: 'iso42001:A.6.2.4' }],
  ['ISO/IEC 27001:2022 Annex A 8.13 Information backup', { confidence: 'EXACT', requirement: 'iso27001:A.8.13', titleMatches: true }],
  ['GV-1.1', { confidence: 'EXACT', requirement: 'nist-ai-rmf:GOVERN 1.1' }],
  ['Article 14(4) of the AI Act', { confidence: 'EXACT', requirement: 'eu-ai-act:Art.14' }],
  ['clause 6.1.2', { confidence: 'AMBIGUOUS', candidates: ['iso27001:6.1.2', 'iso42001:6.1.2'] }],
  ['clause 6.1.2 AI risk assessment', { confidence: 'LIKELY', requirement: 'iso42001:6.1.2', titleMatches: true, candidates: ['iso27001:6.1.2'] }],
  ['9.2 Internal audit', { confidence: 'AMBIGUOUS', candidates: ['iso27001:9.2', 'iso42001:9.2'] }],
  // The cited title names another control: the reference stands, the title's own matches are offered.
  ['ISO 27001 A.5.15 Information backup', { confidence: 'EXACT', requirement: 'iso27001:A.5.15', titleMatches: false, candidates: ['iso27001:A.8.13'] }],
  ['Art. 200', { confidence: 'NOT_FOUND' }],
  ['human oversight', { confidence: 'NOT_FOUND', candidates: ['eu-ai-act:Art.14'] }],
];

describe('resolveRefs on a corpus of citations', () => {
  it.each(CORPUS)('%s', async (input, expected) => {
    const response = await server.query(
      `query($refs: [String!]!) { resolveRefs(refs: $refs) { input confidence requirement { id } titleMatches candidates { id } } }`,
      { refs: [input] },
    );
    expect(response.errors).toBeUndefined();
    const [answer] = response.data!.resolveRefs;
    expect(answer.confidence).toBe(expected.confidence);
    expect(answer.requirement?.id ?? null).toBe(expected.requirement ?? null);
    if (expected.titleMatches !== undefined) expect(answer.titleMatches).toBe(expected.titleMatches);
    const candidates = answer.candidates.map((c: { id: string }) => c.id);
    for (const id of expected.candidates ?? []) expect(candidates).toContain(id);
  });

  it('answers a batch in order, one judgement per reference', async () => {
    const refs = CORPUS.map(([input]) => input);
    const response = await server.query(`query($refs: [String!]!) { resolveRefs(refs: $refs) { input confidence } }`, { refs });
    expect(response.data!.resolveRefs.map((r: { input: string }) => r.input)).toEqual(refs);
  });
});
