import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SEED_DIR } from '../src/seed/load-seed.js';

/**
 * Writes a synthetic seed the size of the biggest real metaframeworks: `frameworks` frameworks of
 * `requirements` requirements each, and `mappings` mappings spread over sets between neighbouring
 * frameworks. The real disciplines, risks and sources are reused; the real five frameworks are kept,
 * so the headline queries still run on real data inside the bigger graph.
 */
export interface SyntheticSize {
  frameworks: number;
  requirements: number;
  mappings: number;
}

const RELATIONSHIPS = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH', 'INTERSECTS_WITH', 'INTERSECTS_WITH'];
const DISCIPLINES = ['risk-management', 'access-control', 'incident-response', 'documented-information', 'supplier-management', 'monitoring-and-logging', 'change-management', 'human-oversight', 'data-quality-and-provenance', 'bias-and-fairness'];

/** A small deterministic generator, so every run builds the same graph. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function writeSyntheticSeed(dir: string, size: SyntheticSize, base: string = DEFAULT_SEED_DIR): void {
  mkdirSync(path.join(dir, 'frameworks'), { recursive: true });
  mkdirSync(path.join(dir, 'mappings'), { recursive: true });
  cpSync(base, dir, { recursive: true });
  const rand = random(42);
  const perGroup = 10;
  for (let f = 0; f < size.frameworks; f++) {
    const lines = [
      `id: syn${f}`,
      `name: "Synthetic framework ${f}"`,
      `shortName: "SYN${f}"`,
      'edition: "1"',
      'kind: GUIDANCE',
      'issuer: "Bench"',
      'assessedBy: "Nobody"',
      'output: "None"',
      'validity: "n/a"',
      'market: "Global"',
      'aiSpecific: false',
      'summary: "A synthetic framework generated for scale benchmarks."',
      'requirements:',
    ];
    for (let r = 0; r < size.requirements; r++) {
      if (r % perGroup === 0) lines.push(`  - {ref: "G${r / perGroup}", title: "Group ${r / perGroup}", kind: GROUP, summary: "Synthetic group."}`);
      const discipline = DISCIPLINES[Math.floor(rand() * DISCIPLINES.length)];
      lines.push(`  - {ref: "R${r}", title: "Requirement ${r} of ${f}", kind: CONTROL, parent: "G${Math.floor(r / perGroup)}", summary: "Synthetic requirement ${r} about ${discipline}.", disciplines: [${discipline}], risks: []}`);
    }
    writeFileSync(path.join(dir, 'frameworks', `syn${f}.yaml`), `${lines.join('\n')}\n`);
  }
  // Each framework maps to its next few neighbours: sets of equal size summing to `mappings`.
  const neighbours = Math.max(1, Math.min(size.frameworks - 1, Math.round(size.mappings / (size.frameworks * size.requirements))));
  const perSet = Math.floor(size.mappings / (size.frameworks * neighbours));
  for (let f = 0; f < size.frameworks; f++) {
    for (let n = 1; n <= neighbours; n++) {
      const to = (f + n) % size.frameworks;
      if (to === f) continue;
      const lines = [`id: "syn${f}--syn${to}"`, `name: "syn${f} to syn${to}"`, 'source: crosswalk-curated', `from: syn${f}`, `to: syn${to}`, 'comprehensive: [{side: to}]', 'description: "Synthetic mappings."', 'mappings:'];
      const seen = new Set<string>();
      for (let m = 0; m < perSet; m++) {
        const a = Math.floor(rand() * size.requirements);
        const b = Math.floor(rand() * size.requirements);
        if (seen.has(`${a}|${b}`)) continue;
        seen.add(`${a}|${b}`);
        const relationship = RELATIONSHIPS[Math.floor(rand() * RELATIONSHIPS.length)];
        const strength = relationship === 'EQUAL' ? 10 : 1 + Math.floor(rand() * 9);
        lines.push(`  - {from: "R${a}", to: "R${b}", relationship: ${relationship}, strength: ${strength}, rationale: SEMANTIC, note: "Synthetic mapping for the scale benchmark."}`);
      }
      lines.push('noRelationship: []');
      writeFileSync(path.join(dir, 'mappings', `syn${f}--syn${to}.yaml`), `${lines.join('\n')}\n`);
    }
  }
}
