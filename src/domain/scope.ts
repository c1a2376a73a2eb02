import { frameworkIdOf } from './ids.js';

/**
 * Scoped holdings (docs/SEMANTICS.md, "Scoped holdings"): what a company holds is rarely a whole
 * framework. A SOC 2 report covers Security and some of the other Trust Services categories; the EU
 * AI Act binds a provider or a deployer, of a high-risk system or not. This module is the one place
 * that decides which held requirements are in scope and whether a mapping's condition is met; every
 * analysis (coverage, gaps, inference, roadmap, tables, exports, CLI, explorer) goes through it.
 */

/**
 * A scope dimension: which framework it belongs to, its values, and the requirement tag each value
 * matches. A requirement with no tag of a dimension is not restricted by it (AI Act Art.4 binds every
 * role, so it has no risk-class tag and stays in scope whatever the class).
 */
export interface ScopeDimension {
  frameworkId: string;
  /** value -> the requirement tag that marks a requirement as belonging to that value. */
  tags: Readonly<Record<string, string>>;
  /** Values every scope of the framework must include (SOC 2: Security, the common criteria). */
  required: readonly string[];
}

export const SCOPE_DIMENSIONS = {
  categories: {
    frameworkId: 'soc2',
    tags: { SECURITY: 'Security', AVAILABILITY: 'Availability', PROCESSING_INTEGRITY: 'Processing Integrity', CONFIDENTIALITY: 'Confidentiality', PRIVACY: 'Privacy' },
    required: ['SECURITY'],
  },
  roles: {
    frameworkId: 'eu-ai-act',
    tags: { PROVIDER: 'applies-to:provider', DEPLOYER: 'applies-to:deployer', IMPORTER: 'applies-to:importer', DISTRIBUTOR: 'applies-to:distributor', GPAI_PROVIDER: 'applies-to:gpai_provider' },
    required: [],
  },
  riskClasses: {
    frameworkId: 'eu-ai-act',
    tags: { HIGH_RISK: 'risk-class:high-risk', LIMITED_RISK: 'risk-class:limited-risk', MINIMAL_RISK: 'risk-class:minimal-risk' },
    required: [],
  },
} as const satisfies Record<string, ScopeDimension>;

export type ScopeDimensionName = keyof typeof SCOPE_DIMENSIONS;
export const SCOPE_DIMENSION_NAMES = Object.keys(SCOPE_DIMENSIONS) as ScopeDimensionName[];

/** Per dimension the chosen values; absent or null means "all of it". */
export type ScopeValues = Partial<Record<ScopeDimensionName, readonly string[] | null>>;

/** The scope of one held framework. */
export interface HeldScope extends ScopeValues {
  frameworkId: string;
}

/**
 * A condition under which a mapping holds, beyond what its requirements imply (Art.26 SUPERSET_OF
 * A.9.4 only for deployers of high-risk systems). Per dimension, the values at least one of which
 * the held scope must include; the dimension names its framework.
 */
export type MappingCondition = ScopeValues;

/** The held side of an analysis: frameworks, their scopes, and the tags that place requirements in them. */
export interface HeldSide {
  frameworkIds: ReadonlySet<string>;
  /** Only frameworks held with a scope; a plain id means the whole framework. */
  scopes: ReadonlyMap<string, HeldScope>;
  /** Tags of the requirements of scoped frameworks (loaded only when a scope is given). */
  tagsOf: ReadonlyMap<string, readonly string[]>;
}

export function plainHeldSide(frameworkIds: Iterable<string>): HeldSide {
  return { frameworkIds: new Set(frameworkIds), scopes: new Map(), tagsOf: new Map() };
}

/** The dimensions a framework can be scoped on (none for most). */
export function dimensionsOf(frameworkId: string): ScopeDimensionName[] {
  return SCOPE_DIMENSION_NAMES.filter((d) => SCOPE_DIMENSIONS[d].frameworkId === frameworkId);
}

/** Whether a requirement with these tags lies in the scope: on every chosen dimension it carries no tag, or a chosen one. */
export function tagsInScope(tags: readonly string[], scope: ScopeValues): boolean {
  for (const name of SCOPE_DIMENSION_NAMES) {
    const chosen = scope[name];
    if (!chosen) continue;
    const byValue: Readonly<Record<string, string>> = SCOPE_DIMENSIONS[name].tags;
    const carried = Object.entries(byValue).filter(([, tag]) => tags.includes(tag));
    if (carried.length > 0 && !carried.some(([value]) => chosen.includes(value))) return false;
  }
  return true;
}

/** Whether a requirement counts as held: its framework is held and, if the framework is scoped, it lies in the scope. */
export function isHeldRequirement(side: HeldSide, requirementId: string): boolean {
  const frameworkId = frameworkIdOf(requirementId);
  if (!side.frameworkIds.has(frameworkId)) return false;
  const scope = side.scopes.get(frameworkId);
  return scope === undefined || tagsInScope(side.tagsOf.get(requirementId) ?? [], scope);
}

/**
 * Whether a mapping's condition is met by the held side. A dimension's framework held plainly (the
 * whole framework) or not held at all (it is the target, whose scope is not asked about) meets it:
 * the whole framework applies, which is the answer before scopes existed.
 */
export function conditionMet(condition: MappingCondition | null, side: HeldSide): boolean {
  if (!condition) return true;
  for (const name of SCOPE_DIMENSION_NAMES) {
    const needed = condition[name];
    if (!needed || needed.length === 0) continue;
    const chosen = side.scopes.get(SCOPE_DIMENSIONS[name].frameworkId)?.[name];
    if (chosen && !chosen.some((v) => needed.includes(v))) return false;
  }
  return true;
}

const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

/** "roles: deployer; risk classes: high risk", for reasons and tables. */
export function describeScopeValues(values: ScopeValues): string {
  return SCOPE_DIMENSION_NAMES.filter((d) => values[d] && values[d]!.length > 0)
    .map((d) => `${words(d.replace(/([A-Z])/g, ' $1'))}: ${values[d]!.map(words).join(', ')}`)
    .join('; ');
}

/** The dimensions a value belongs to, for messages ("AVAILABILITY is a SOC 2 category"). */
export function valuesOf(name: ScopeDimensionName): string[] {
  return Object.keys(SCOPE_DIMENSIONS[name].tags);
}
