import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema, NoDeprecatedCustomRule, parse, specifiedRules, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MANIFEST_FILE, manifestText } from '../../src/cli/trusted-documents.js';
import { defaultConfig } from '../../src/config.js';
import { exampleOperations, explorerOperations } from '../../src/explorer/operations.js';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { startTestServer, type TestServer } from '../helpers/http.js';

/**
 * The explorer's and the GraphQL IDE's operations are .graphql documents (src/explorer/operations/):
 * each is valid against the schema, the committed trusted-documents manifest lists every one of
 * them, and a deployment that runs registered operations only still serves the explorer.
 */

const schema = buildSchema(loadTypeDefs().join('\n'));
const explorer = explorerOperations();
const examples = exampleOperations();

/** Variables the explorer sends with each of its operations. */
const VARIABLES: Record<string, Record<string, unknown>> = {
  CoverageGroups: { target: 'iso42001', held: ['soc2'], kind: 'CONTROL', inferred: false },
  CoverageItems: { target: 'nist-800-53', held: ['iso27001'], group: 'nist-800-53:AC', first: 100 },
  Neighbourhood: { id: 'iso42001:A.6.2.4' },
  CoverageSources: { target: 'iso42001', held: ['soc2', 'nist-ai-rmf'], first: 150 },
  RequirementCoverage: { target: 'iso42001', held: ['soc2'], inferred: true, search: 'A.6.2.6' },
  Search: { refs: ['A.6.2.4'], q: 'impact assessment' },
  RankedSearch: { q: 'impact assessment', framework: ['iso42001'], held: ['soc2'] },
  ReviewQueue: { first: 10 },
  Gaps: { target: 'iso42001', held: ['soc2'], scope: [{ framework: 'soc2', categories: ['SECURITY'] }], inferred: true },
  EvidencePlan: { frameworks: ['iso42001', 'soc2'] },
  Roadmap: { held: ['soc2'] },
  Compare: { frameworks: ['iso42001', 'soc2', 'nist-800-53'] },
  Explain: { from: 'soc2:CC6.1', to: 'iso42001:A.6.2.6', maxHops: 3 },
  CatalogEntry: { id: 'discipline:risk-management', framework: 'iso42001', first: 200 },
  ReviewMappings: { input: { set: 'mapping-set:acme:controls--soc2', decisions: [{ id: 'mapping:acme:controls--soc2:acme:controls:ACME-01->soc2:CC7.2', decision: 'ACCEPT' }] } },
};

/** Mutations answer UNAUTHENTICATED without a key (test/api/explorer-review.test.ts runs them with one). */
const NEEDS_KEY = new Set(['ReviewMappings']);

describe('explorer and IDE operations', () => {
  it('are the ones the pages send: twenty for the explorer, seven example tabs', () => {
    expect(Object.keys(explorer).sort()).toEqual(['CatalogEntry', 'CatalogLists', 'Compare', 'CoverageGroups', 'CoverageItems', 'CoverageSources', 'EvidencePlan', 'Explain', 'Frameworks', 'Gaps', 'KeyWorkspace', 'Neighbourhood', 'OverlapMatrix', 'ProposedMappings', 'RankedSearch', 'RequirementCoverage', 'ReviewMappings', 'ReviewQueue', 'Roadmap', 'Search']);
    expect(examples).toHaveLength(7);
  });

  it.each([...Object.entries(explorer), ...examples.map((text, i) => [`example ${i + 1}`, text] as const)])('%s is valid against the schema', (_name, text) => {
    // Our own clients set the example: no deprecated field (README, "Deprecation policy").
    expect(validate(schema, parse(text), [...specifiedRules, NoDeprecatedCustomRule]).map((e) => e.message)).toEqual([]);
  });

  it('are all in the committed trusted-documents manifest (npm run trusted-documents refreshes it)', () => {
    expect(readFileSync(MANIFEST_FILE, 'utf8')).toBe(manifestText());
  });

  describe('on a deployment that runs registered operations only', () => {
    let server: TestServer;
    beforeAll(async () => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'explorer-trusted-')), 'manifest.json');
      writeFileSync(file, readFileSync(MANIFEST_FILE));
      server = await startTestServer(undefined, { config: defaultConfig({ trustedDocumentsFile: file, trustedDocumentsOnly: true }) });
    });
    afterAll(async () => {
      await server.close();
    });

    it.each([...Object.entries(explorer), ...examples.map((text, i) => [`example ${i + 1}`, text] as const)])('%s runs', async (name, text) => {
      const { status, errors, data } = await server.query(text, VARIABLES[name]);
      if (NEEDS_KEY.has(name)) {
        // Admitted as a trusted document, then refused for want of a key: not OPERATION_NOT_TRUSTED.
        expect(errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
        return;
      }
      expect(errors).toBeUndefined();
      expect(status).toBe(200);
      expect(data).toBeTruthy();
    });

    it("serves them to the browser inside the explorer's bundle, and the IDE's examples as a script", async () => {
      const response = await fetch(`${server.url}/explorer/app.js`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
      const bundle = await response.text();
      // The minifier may write a document as a JSON string or a template literal: either way, every byte of it.
      for (const text of Object.values(explorer)) expect(bundle.includes(JSON.stringify(text).slice(1, -1)) || bundle.includes(text), text.slice(0, 40)).toBe(true);
      const script = await (await fetch(`${server.url}/explorer/graphiql-examples.js`)).text();
      expect(script).toContain('window.CROSSWALK_EXAMPLES = ');
    });
  });
});
