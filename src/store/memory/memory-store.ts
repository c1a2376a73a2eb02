import { datasetCounts } from '../../domain/dataset.js';
import { searchWords } from '../../domain/search.js';
import type { DatasetInfo, GraphData, Mapping, NoRelationship, Requirement } from '../../domain/types.js';
import type {
  GraphStore,
  NodeLabel,
  NodeTypes,
  Page,
  Relation,
  RequirementFilter,
  RequirementPage,
  RequirementQuery,
} from '../../domain/graph-store.js';
import { MultiMap } from './multi-map.js';

/**
 * The embedded store: the whole graph in memory with the indexes every port method needs,
 * built once at start-up. A real implementation of the port, not a mock: the tests' backbone.
 */
export class MemoryStore implements GraphStore {
  private readonly byLabel: { [L in NodeLabel]: Map<string, NodeTypes[L]> };
  private readonly relations: Record<Relation, MultiMap<string, string>>;
  private readonly mappingsByRequirement = new MultiMap<string, Mapping>();
  private readonly mappingsBySet = new MultiMap<string, Mapping>();
  private readonly noneByRequirement = new MultiMap<string, NoRelationship>();
  private readonly noneBySet = new MultiMap<string, NoRelationship>();
  private readonly requirementsByFramework = new MultiMap<string, Requirement>();
  /** Lowercased ref, title and summary per requirement, for search. */
  private readonly searchText = new Map<string, string>();
  /** Each requirement's position in the catalog, the order every list of requirements comes in. */
  private readonly order = new Map<string, number>();
  private readonly loadedAt = new Date().toISOString();

  constructor(private readonly data: GraphData) {
    const index = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));
    this.byLabel = {
      Framework: index(data.frameworks),
      Requirement: index(data.requirements),
      Discipline: index(data.disciplines),
      Risk: index(data.risks),
      Evidence: index(data.evidence),
      MappingSource: index(data.sources),
      MappingSet: index(data.mappingSets),
    };
    this.relations = {
      children: new MultiMap(),
      disciplinesOfRequirement: new MultiMap(),
      requirementsOfDiscipline: new MultiMap(),
      risksOfRequirement: new MultiMap(),
      requirementsOfRisk: new MultiMap(),
      evidenceOfRequirement: new MultiMap(),
      requirementsOfEvidence: new MultiMap(),
      risksOfDiscipline: new MultiMap(),
    };
    data.requirements.forEach((r, i) => this.order.set(r.id, i));
    for (const r of data.requirements) {
      this.relations.children.add(r.parentId ?? r.frameworkId, r.id);
      this.requirementsByFramework.add(r.frameworkId, r);
      this.searchText.set(r.id, `${r.ref}\n${r.title}\n${r.summary}`.toLowerCase());
    }
    for (const [requirement, discipline] of data.addresses) {
      this.relations.disciplinesOfRequirement.add(requirement, discipline);
      this.relations.requirementsOfDiscipline.add(discipline, requirement);
    }
    for (const [requirement, risk] of data.mitigates) {
      this.relations.risksOfRequirement.add(requirement, risk);
      this.relations.requirementsOfRisk.add(risk, requirement);
    }
    for (const [evidence, requirement] of data.evidences) {
      this.relations.evidenceOfRequirement.add(requirement, evidence);
      this.relations.requirementsOfEvidence.add(evidence, requirement);
    }
    for (const risk of data.risks) if (risk.disciplineId) this.relations.risksOfDiscipline.add(risk.disciplineId, risk.id);
    for (const m of data.mappings) {
      this.mappingsByRequirement.add(m.fromId, m);
      this.mappingsByRequirement.add(m.toId, m);
      this.mappingsBySet.add(m.setId, m);
    }
    for (const n of data.noRelationships) {
      this.noneByRequirement.add(n.requirementId, n);
      this.noneBySet.add(n.setId, n);
    }
    this.sortRelationsByCatalogOrder();
  }

  async nodes<L extends NodeLabel>(label: L, ids: readonly string[]): Promise<Array<NodeTypes[L] | null>> {
    const index = this.byLabel[label] as Map<string, NodeTypes[L]>;
    return ids.map((id) => index.get(id) ?? null);
  }

  async allNodes<L extends Exclude<NodeLabel, 'Requirement'>>(label: L): Promise<Array<NodeTypes[L]>> {
    return [...(this.byLabel[label] as Map<string, NodeTypes[L]>).values()];
  }

  async related(relation: Relation, ids: readonly string[]): Promise<string[][]> {
    return ids.map((id) => [...this.relations[relation].get(id)]);
  }

  async mappingsOf(requirementIds: readonly string[]): Promise<Mapping[][]> {
    return requirementIds.map((id) => [...this.mappingsByRequirement.get(id)]);
  }

  async noRelationshipsOf(requirementIds: readonly string[]): Promise<NoRelationship[][]> {
    return requirementIds.map((id) => [...this.noneByRequirement.get(id)]);
  }

  async mappingsInSet(setIds: readonly string[]): Promise<Mapping[][]> {
    return setIds.map((id) => [...this.mappingsBySet.get(id)]);
  }

  async noRelationshipsInSet(setIds: readonly string[]): Promise<NoRelationship[][]> {
    return setIds.map((id) => [...this.noneBySet.get(id)]);
  }

  async findRequirements(queries: readonly RequirementQuery[]): Promise<RequirementPage[]> {
    return queries.map((q) => this.findPage(q.filter, q.page));
  }

  private findPage(filter: RequirementFilter, page: Page): RequirementPage {
    // Catalog order across frameworks too (as the Neo4j store orders), whatever order they were asked in.
    const frameworks = filter.frameworkIds ? [...new Set(filter.frameworkIds)] : null;
    // One framework's list is in catalog order already (built in seed order): no sort, no copy.
    const pool: readonly Requirement[] =
      frameworks === null
        ? this.data.requirements
        : frameworks.length === 1
          ? this.requirementsByFramework.get(frameworks[0]!)
          : frameworks.flatMap((f) => this.requirementsByFramework.get(f)).sort((a, b) => this.order.get(a.id)! - this.order.get(b.id)!);
    const kinds = filter.kinds ? new Set(filter.kinds) : null;
    const words = searchWords(filter.search);
    const matches =
      !kinds && words.length === 0 ? pool : pool.filter((r) => (!kinds || kinds.has(r.kind)) && words.every((w) => this.searchText.get(r.id)!.includes(w)));
    if (page.after === null) return { items: matches.slice(0, page.limit), totalCount: matches.length, hasMore: matches.length > page.limit, anchorFound: true };
    // Keyset: seek past the anchor's current position in the order, wherever it now falls.
    const anchor = this.order.get(page.after);
    if (anchor === undefined) return { items: [], totalCount: matches.length, hasMore: false, anchorFound: false };
    const rest = matches.filter((r) => this.order.get(r.id)! > anchor);
    return { items: rest.slice(0, page.limit), totalCount: matches.length, hasMore: rest.length > page.limit, anchorFound: true };
  }

  async datasetInfo(): Promise<DatasetInfo> {
    return { version: this.data.version, loadedAt: this.loadedAt, counts: datasetCounts(this.data) };
  }

  async close(): Promise<void> {}

  /** Requirement lists come back in catalog order, whatever order the seed linked them in. */
  private sortRelationsByCatalogOrder(): void {
    const position = new Map(this.data.requirements.map((r, i) => [r.id, i]));
    for (const relation of ['children', 'requirementsOfDiscipline', 'requirementsOfRisk', 'requirementsOfEvidence'] as const) {
      this.relations[relation].sortEach((a, b) => position.get(a)! - position.get(b)!);
    }
  }
}
