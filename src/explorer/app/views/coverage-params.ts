// The coverage map's state, all of it in the URL: #/coverage?target=..&held=..&kind=..&inferred=1
// &categories=..&roles=..&riskClasses=..&implemented=..&status=..&rel=..&minStrength=..&source=..
// &open=..&filter=.. . `held` absent means the default (SOC 2); `held=` means nothing held.

export const DEFAULT_TARGET = 'iso42001';
export const DEFAULT_HELD = 'soc2';

/** Scopes a held framework can be narrowed to (the HeldScope input), one URL parameter per dimension. */
export const SCOPE_CHOICES = [
  { framework: 'soc2', dimension: 'categories', label: 'SOC 2 categories', values: ['SECURITY', 'AVAILABILITY', 'PROCESSING_INTEGRITY', 'CONFIDENTIALITY', 'PRIVACY'], required: ['SECURITY'] },
  { framework: 'eu-ai-act', dimension: 'roles', label: 'AI Act roles', values: ['PROVIDER', 'DEPLOYER', 'IMPORTER', 'DISTRIBUTOR', 'GPAI_PROVIDER'], required: [] as string[] },
  { framework: 'eu-ai-act', dimension: 'riskClasses', label: 'AI Act risk classes', values: ['HIGH_RISK', 'LIMITED_RISK', 'MINIMAL_RISK'], required: [] as string[] },
] as const;

export const list = (value: string | null): string[] => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);

export interface CoverageFilters {
  statuses: string[];
  relationship: string;
  minStrength: number;
  source: string;
}

export interface CoverageState {
  target: string;
  held: string[];
  kind: string;
  inferred: boolean;
  /** Readiness: null when off, else the held requirement ids in place. */
  implemented: string[] | null;
  scope: Array<Record<string, unknown>>;
  filters: CoverageFilters;
}

export function coverageState(params: URLSearchParams): CoverageState {
  const target = params.get('target') || DEFAULT_TARGET;
  const held = list(params.has('held') ? params.get('held') : DEFAULT_HELD).filter((f) => f !== target);
  const scopes = new Map<string, Record<string, unknown>>();
  for (const choice of SCOPE_CHOICES) {
    const chosen = list(params.get(choice.dimension)).filter((v) => (choice.values as readonly string[]).includes(v));
    if (!held.includes(choice.framework) || chosen.length === 0) continue;
    const scope = scopes.get(choice.framework) ?? { framework: choice.framework };
    scope[choice.dimension] = [...new Set([...choice.required, ...chosen])];
    scopes.set(choice.framework, scope);
  }
  return {
    target,
    held,
    kind: params.get('kind') || '',
    inferred: params.get('inferred') === '1',
    implemented: params.get('readiness') === '1' ? list(params.get('implemented')) : null,
    scope: [...scopes.values()],
    filters: {
      statuses: list(params.get('status')),
      relationship: params.get('rel') || '',
      minStrength: Number(params.get('minStrength')) || 0,
      source: params.get('source') || '',
    },
  };
}

/** The variables of CoverageGroups and CoverageItems. */
export function coverageVariables(s: CoverageState): Record<string, unknown> {
  return { target: s.target, held: s.held, scope: s.scope.length ? s.scope : null, kind: s.kind || null, inferred: s.inferred, implemented: s.implemented };
}

export interface CoverageLinkLite {
  relationship: string;
  strength: number | null;
  /** Asked for small frameworks only (CoverageSources), for the source filter. */
  sources?: Array<{ name: string }>;
}

export interface CoverageItemLite {
  requirement: { id: string; ref: string; title: string };
  group: { id: string };
  status: string;
  inferred: boolean;
  via: CoverageLinkLite[];
  outOfScope: Array<{ requirement: { id: string } }>;
}

export const filtersActive = (f: CoverageFilters): boolean => f.statuses.length > 0 || Boolean(f.relationship) || f.minStrength > 0 || Boolean(f.source);

/**
 * Whether a tile passes the filters: its status is one of those ticked; some link (best first) has
 * the relationship, at least the strength and the source asked for (all on the same link).
 */
export function passes(item: CoverageItemLite, f: CoverageFilters): boolean {
  if (f.statuses.length && !f.statuses.includes(item.status)) return false;
  if (!f.relationship && !f.minStrength && !f.source) return true;
  return item.via.some(
    (l) => (!f.relationship || l.relationship === f.relationship) && (!f.minStrength || (l.strength ?? 0) >= f.minStrength) && (!f.source || (l.sources ?? []).some((s) => s.name === f.source)),
  );
}
