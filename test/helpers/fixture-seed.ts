import { stringify } from 'yaml';
import { buildGraph } from '../../src/seed/load-seed.js';
import type { GraphData } from '../../src/domain/types.js';

/**
 * A small, hand-built seed: two frameworks ("alpha" held, "beta" target), a pivot ("gamma"),
 * and mapping sets between them. Tests mutate a copy to make one thing wrong at a time.
 */
export interface FixtureSeed {
  sources: unknown[];
  disciplines: unknown[];
  risks: unknown[];
  evidence: unknown[];
  frameworks: Record<string, Record<string, unknown>>;
  mappings: Record<string, Record<string, unknown>>;
  citations: Record<string, Record<string, unknown>>;
}

/** "alpha A1", "a1": each fixture framework cited by its letter and number, as the real ones are by theirs. */
const citations = (id: string) => {
  const letter = id[0]!;
  return {
    framework: id,
    names: [id],
    forms: [{ pattern: `${letter}\\s?(?<n>\\d{1,2})`, ref: `${letter.toUpperCase()}{n:int}`, weight: 3 }],
    examples: [{ cite: `${letter.toUpperCase()}1`, ref: `${letter.toUpperCase()}1` }],
  };
};

const framework = (id: string, requirements: unknown[]) => ({
  id,
  name: `Framework ${id}`,
  shortName: id.toUpperCase(),
  edition: '2024',
  kind: 'CERTIFICATION',
  issuer: 'Test body',
  assessedBy: 'Auditors',
  output: 'Certificate',
  validity: '3 years',
  market: 'Global',
  aiSpecific: false,
  summary: `The ${id} framework for tests.`,
  requirements,
});

const leaf = (ref: string, parent: string, disciplines: string[] = ['risk'], risks: string[] = []) => ({
  ref,
  title: `Requirement ${ref}`,
  kind: 'CONTROL',
  parent,
  summary: `What ${ref} asks for.`,
  disciplines,
  risks,
});
const group = (ref: string) => ({ ref, title: `Group ${ref}`, kind: 'GROUP', summary: `Heading ${ref}.` });

const mapping = (from: string, to: string, relationship: string, strength: number) => ({
  from,
  to,
  relationship,
  strength,
  rationale: 'SEMANTIC',
  note: `Both ${from} and ${to} ask for the same core practice in these tests.`,
});

export function fixtureSeed(): FixtureSeed {
  return {
    sources: [
      {
        id: 'curated',
        name: 'Curated',
        publisher: 'Tests',
        date: '2026-01-01',
        url: null,
        licence: 'test data',
        description: 'Fixture mappings.',
      },
    ],
    disciplines: [
      { id: 'risk', name: 'Risk', scope: 'SHARED', definition: 'Manage risk.' },
      { id: 'oversight', name: 'Oversight', scope: 'AI', definition: 'Humans in the loop.' },
    ],
    risks: [{ id: 'drift', name: 'Drift', category: 'AI', discipline: 'oversight', description: 'Models decay.' }],
    evidence: [{ id: 'register', name: 'Register', description: 'A register.', evidences: ['alpha:A1', 'beta:B1'] }],
    frameworks: {
      alpha: framework('alpha', [group('A'), leaf('A1', 'A'), leaf('A2', 'A'), leaf('A3', 'A', ['oversight'])]),
      beta: framework('beta', [
        group('B'),
        leaf('B1', 'B'),
        leaf('B2', 'B'),
        leaf('B3', 'B', ['oversight'], ['drift']),
        leaf('B4', 'B'),
        leaf('B5', 'B'),
      ]),
      gamma: framework('gamma', [group('G'), leaf('G1', 'G'), leaf('G2', 'G')]),
    },
    citations: { alpha: citations('alpha'), beta: citations('beta'), gamma: citations('gamma') },
    mappings: {
      'alpha--beta': {
        id: 'alpha--beta',
        name: 'alpha to beta',
        source: 'curated',
        from: 'alpha',
        to: 'beta',
        comprehensive: [{ side: 'to' }],
        description: 'Fixture set.',
        mappings: [mapping('A1', 'B1', 'SUPERSET_OF', 8), mapping('A2', 'B2', 'INTERSECTS_WITH', 5)],
        noRelationship: [{ side: 'to', ref: 'B3', reason: 'Nothing in alpha speaks to oversight.' }],
      },
      'alpha--gamma': {
        id: 'alpha--gamma',
        name: 'alpha to gamma',
        source: 'curated',
        from: 'alpha',
        to: 'gamma',
        comprehensive: [],
        description: 'Fixture set to the pivot.',
        mappings: [mapping('A3', 'G1', 'EQUAL', 10)],
        noRelationship: [],
      },
      'gamma--beta': {
        id: 'gamma--beta',
        name: 'gamma to beta',
        source: 'curated',
        from: 'gamma',
        to: 'beta',
        comprehensive: [],
        description: 'Fixture set from the pivot.',
        mappings: [mapping('G1', 'B4', 'SUPERSET_OF', 6)],
        noRelationship: [],
      },
    },
  };
}

/** The seed as the files loadSeed would read. */
export function fixtureFiles(seed: FixtureSeed = fixtureSeed()): Array<{ name: string; text: string }> {
  return [
    { name: 'sources.yaml', text: stringify(seed.sources) },
    { name: 'disciplines.yaml', text: stringify(seed.disciplines) },
    { name: 'risks.yaml', text: stringify(seed.risks) },
    { name: 'evidence.yaml', text: stringify(seed.evidence) },
    ...Object.entries(seed.frameworks).map(([id, f]) => ({ name: `frameworks/${id}.yaml`, text: stringify(f) })),
    ...Object.entries(seed.mappings).map(([id, m]) => ({ name: `mappings/${id}.yaml`, text: stringify(m) })),
    ...Object.entries(seed.citations).map(([id, c]) => ({ name: `citations/${id}.yaml`, text: stringify(c) })),
  ];
}

export function fixtureGraph(seed: FixtureSeed = fixtureSeed()): GraphData {
  return buildGraph(fixtureFiles(seed));
}
