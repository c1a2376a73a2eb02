import { z } from 'zod';
import {
  DISCIPLINE_SCOPES,
  FRAMEWORK_KINDS,
  MAPPING_SIDES,
  RATIONALES,
  RELATIONSHIPS,
  REQUIREMENT_KINDS,
  RISK_CATEGORIES,
} from '../domain/types.js';
import { valuesOf } from '../domain/scope.js';

/** Zod schemas for the files in seed/: the shape of each file, before cross-file checks. */

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase slug like "risk-management"');
const text = z.string().trim().min(1, 'must not be empty');
const ref = z.string().trim().min(1, 'must not be empty').max(40).regex(/^[^:\s][^:]*$/, 'must not contain ":"');

export const requirementEntry = z.strictObject({
  ref,
  title: text,
  kind: z.enum(REQUIREMENT_KINDS),
  parent: ref.optional(),
  tags: z.array(text).optional(),
  summary: text,
  disciplines: z.array(slug).optional(),
  risks: z.array(slug).optional(),
});

export const frameworkFile = z.strictObject({
  id: slug,
  name: text,
  shortName: text,
  edition: text,
  kind: z.enum(FRAMEWORK_KINDS),
  issuer: text,
  assessedBy: text,
  output: text,
  validity: text,
  market: text,
  aiSpecific: z.boolean(),
  observationPeriod: text.optional(),
  typicalTimeline: text.optional(),
  summary: text,
  requirements: z.array(requirementEntry).min(1),
});

export const disciplinesFile = z.array(
  z.strictObject({ id: slug, name: text, scope: z.enum(DISCIPLINE_SCOPES), definition: text }),
);

export const risksFile = z.array(
  z.strictObject({
    id: slug,
    name: text,
    category: z.enum(RISK_CATEGORIES),
    discipline: slug.optional(),
    description: text,
  }),
);

export const evidenceFile = z.array(
  z.strictObject({ id: slug, name: text, description: text, evidences: z.array(text).min(1) }),
);

export const sourcesFile = z.array(
  z.strictObject({
    id: slug,
    name: text,
    publisher: text,
    date: z.iso.date().nullable(),
    url: z.url().nullable(),
    licence: text,
    description: text,
  }),
);

/** Per scope dimension (domain/scope.ts), the values at least one of which the held scope must include. */
const conditionValues = <T extends string>(values: readonly T[]) => z.array(z.enum(values as [T, ...T[]])).min(1).optional();
export const mappingCondition = z
  .strictObject({
    categories: conditionValues(valuesOf('categories')),
    roles: conditionValues(valuesOf('roles')),
    riskClasses: conditionValues(valuesOf('riskClasses')),
  })
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'a condition names at least one of categories, roles, riskClasses');

export const mappingEntry = z.strictObject({
  from: ref,
  to: ref,
  relationship: z.enum(RELATIONSHIPS),
  strength: z.number().int().min(1).max(10).nullable(),
  rationale: z.enum(RATIONALES).nullable(),
  note: text.nullable(),
  condition: mappingCondition.optional(),
});

export const noRelationshipEntry = z.strictObject({
  side: z.enum(MAPPING_SIDES),
  ref,
  reason: text,
});

export const mappingSetFile = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+--[a-z0-9-]+$/, 'must be "<from>--<to>"'),
  name: text,
  source: slug,
  from: slug,
  to: slug,
  comprehensive: z.array(z.strictObject({ side: z.enum(MAPPING_SIDES), tag: text.optional() })),
  description: text,
  mappings: z.array(mappingEntry),
  noRelationship: z.array(noRelationshipEntry).default([]),
});

export const citationsFile = z.strictObject({
  framework: slug,
  names: z.array(text).min(1),
  forms: z
    .array(
      z.strictObject({
        pattern: text,
        ref: text,
        weight: z.number().int().min(1).max(9),
        map: z.record(z.string(), text).optional(),
      }),
    )
    .min(1),
  /** The corpus: citations as people write them and the ref each must read as (checked by test/data/citations.test.ts). */
  examples: z.array(z.strictObject({ cite: text, ref, title: text.optional() })).min(1),
});

export type FrameworkFile = z.infer<typeof frameworkFile>;
export type MappingSetFile = z.infer<typeof mappingSetFile>;
export type CitationsFile = z.infer<typeof citationsFile>;
