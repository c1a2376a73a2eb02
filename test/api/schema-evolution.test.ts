import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadTypeDefs } from '../../src/graphql/schema.js';

/**
 * How the public schema may change (README, "Deprecation policy"):
 * - every type, field, argument, input field and enum value is described;
 * - custom scalars say what specifies them (@specifiedBy);
 * - every deprecation names its replacement and the earliest date of removal;
 * - against the last published schema (schema.published.graphql), every breaking change is either the
 *   removal of something deprecated whose date has passed, or announced in schema.breaking-changes.json.
 * On release: `UPDATE_PUBLISHED=1 npx vitest run test/api/schema-evolution.test.ts` makes the
 * current schema the published one, and the announcements are emptied.
 */

const PUBLISHED = new URL('./schema.published.graphql', import.meta.url);
const ANNOUNCED = new URL('./schema.breaking-changes.json', import.meta.url);
const current = buildSchema(loadTypeDefs().join('\n'));

/**
 * The inspector runs outside vite and so loads graphql's CommonJS build, while this file gets its ES
 * module build: schemas handed to it are built by the copy it uses, or its instanceof checks fail.
 */
const inspectorGraphql = createRequire(import.meta.url)('graphql') as typeof import('graphql');
const forInspector = (sdl: string) => inspectorGraphql.buildSchema(sdl);

interface Announcement {
  type: string;
  path: string;
  /** Why, and what clients do about it. */
  why: string;
}

/** Every element of the schema a client can see, with its description and deprecation. */
function elements(schema: GraphQLSchema): Array<{ path: string; description: string | null | undefined; deprecation?: string | null }> {
  const out: Array<{ path: string; description: string | null | undefined; deprecation?: string | null }> = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    out.push({ path: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        out.push({ path: `${type.name}.${field.name}`, description: field.description, deprecation: field.deprecationReason });
        for (const arg of field.args) out.push({ path: `${type.name}.${field.name}(${arg.name})`, description: arg.description, deprecation: arg.deprecationReason });
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) out.push({ path: `${type.name}.${field.name}`, description: field.description, deprecation: field.deprecationReason });
    }
    if (isEnumType(type)) for (const value of type.getValues()) out.push({ path: `${type.name}.${value.name}`, description: value.description, deprecation: value.deprecationReason });
  }
  return out;
}

const REMOVAL = /Removed no earlier than (\d{4}-\d{2}-\d{2})\./;

describe('schema documentation', () => {
  it('describes every type, field, argument, input field and enum value', () => {
    expect(elements(current).filter((e) => !e.description?.trim()).map((e) => e.path)).toEqual([]);
  });

  it('says what specifies each custom scalar', () => {
    const scalars = Object.values(current.getTypeMap()).filter((t) => isScalarType(t) && !isSpecifiedScalarType(t));
    expect(scalars.length).toBeGreaterThan(0);
    for (const scalar of scalars) expect((scalar as { specifiedByURL?: string | null }).specifiedByURL, scalar.name).toMatch(/^https:\/\//);
  });

  it('gives every deprecation a replacement and an earliest removal date', () => {
    const deprecated = elements(current).filter((e) => e.deprecation);
    expect(deprecated.length).toBeGreaterThan(0);
    for (const { path, deprecation } of deprecated) {
      expect(deprecation, path).toMatch(/Use `[^`]+`/);
      expect(deprecation, path).toMatch(REMOVAL);
    }
  });
});

describe('breaking changes', () => {
  it('are none but announced ones, or removals of deprecated elements past their date', async () => {
    if (process.env.UPDATE_PUBLISHED === '1') {
      writeFileSync(PUBLISHED, readFileSync(new URL('./schema.printed.graphql', import.meta.url)));
      writeFileSync(ANNOUNCED, '[]\n');
    }
    const published = buildSchema(readFileSync(PUBLISHED, 'utf8'));
    const announced = JSON.parse(readFileSync(ANNOUNCED, 'utf8')) as Announcement[];
    const breaking = (await diff(forInspector(readFileSync(PUBLISHED, 'utf8')), forInspector(loadTypeDefs().join('\n')))).filter((c) => c.criticality.level === CriticalityLevel.Breaking);
    const today = new Date().toISOString().slice(0, 10);
    const dueRemoval = (change: Change) => {
      if (!/_REMOVED$/.test(change.type) || !change.path) return false;
      const was = elements(published).find((e) => e.path === change.path || `${e.path}`.replace(/\((\w+)\)$/, '.$1') === change.path);
      const date = was?.deprecation?.match(REMOVAL)?.[1];
      return date !== undefined && date <= today;
    };
    const isAnnounced = (change: Change) => announced.some((a) => a.type === change.type && a.path === change.path);
    const unannounced = breaking.filter((c) => !isAnnounced(c) && !dueRemoval(c)).map((c) => `${c.type} ${c.path}: ${c.message}`);
    expect(unannounced, 'announce each in test/api/schema.breaking-changes.json, or deprecate first (README, "Deprecation policy")').toEqual([]);
    // An announcement that matches no change is stale: it documents something that did not happen.
    const stale = announced.filter((a) => !breaking.some((c) => c.type === a.type && c.path === a.path));
    expect(stale).toEqual([]);
    for (const a of announced) expect(a.why.length, a.path).toBeGreaterThan(20);
  });

  it('are caught: a removed field, a field made non-null-breaking and a removed enum value fail the check', async () => {
    const published = forInspector('type Query { a: String! b(x: Int): Int c: E @deprecated(reason: "Use `a`. Removed no earlier than 2000-01-01.") } enum E { X Y }');
    const changed = forInspector('type Query { a: String b: Int } enum E { X }');
    const types = (await diff(published, changed)).filter((c) => c.criticality.level === CriticalityLevel.Breaking).map((c) => `${c.type} ${c.path}`);
    expect(types).toEqual(expect.arrayContaining(['FIELD_TYPE_CHANGED Query.a', 'FIELD_ARGUMENT_REMOVED Query.b.x', 'FIELD_REMOVED Query.c', 'ENUM_VALUE_REMOVED E.Y']));
  });
});
