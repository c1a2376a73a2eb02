import type { GraphData } from './types.js';

/** Node and edge counts of a graph, as `{ dataset { counts } }` reports them for every store. */
export function datasetCounts(graph: GraphData): Record<string, number> {
  return {
    frameworks: graph.frameworks.length,
    requirements: graph.requirements.length,
    disciplines: graph.disciplines.length,
    risks: graph.risks.length,
    evidence: graph.evidence.length,
    mappingSources: graph.sources.length,
    mappingSets: graph.mappingSets.length,
    mappings: graph.mappings.length,
    noRelationships: graph.noRelationships.length,
  };
}
