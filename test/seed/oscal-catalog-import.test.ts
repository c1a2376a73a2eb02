import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/crosswalk.js';
import {
  importOscalCatalog,
  OscalCatalogError,
  parseOscalCatalog,
  parseOverlay,
  refFromOscalId,
  shortSummary,
  sortIdOfRef,
} from '../../src/seed/oscal-catalog.js';
import { importReferencePairs } from '../../src/seed/reference-pairs.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { fixtureGraph } from '../helpers/fixture-seed.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const at = (file: string) => path.join(ROOT, file);

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { stdout: (t) => (stdout += t.toString()), stderr: (t) => (stderr += t), store: new MemoryStore(fixtureGraph()) });
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'crosswalk-oscal-catalog-'));

/** A small valid catalog: a group with a control that has an enhancement, a plain control, a withdrawn one, and a nested group. */
function smallCatalog(): any {
  return {
    catalog: {
      uuid: '00000000-0000-4000-8000-000000000000',
      metadata: { title: 'Small catalog', version: '1.0', 'oscal-version': '1.1.2' },
      groups: [
        {
          id: 'xx',
          class: 'family',
          title: 'Example Family',
          controls: [
            {
              id: 'xx-2',
              class: 'SP800-53',
              title: 'Second',
              props: [{ name: 'sort-id', value: 'xx-02' }],
              params: [{ id: 'xx-2_prm_1', label: 'organization-defined frequency' }],
              parts: [{ id: 'xx-2_smt', name: 'statement', prose: 'Review the thing {{ insert: param, xx-2_prm_1 }}.' }],
              controls: [
                { id: 'xx-2.1', class: 'SP800-53-enhancement', title: 'Automated Second', props: [{ name: 'sort-id', value: 'xx-02.01' }], parts: [{ name: 'statement', prose: 'Automate the review of the thing.' }] },
              ],
            },
            { id: 'xx-1', class: 'SP800-53', title: 'First', props: [{ name: 'sort-id', value: 'xx-01' }], parts: [{ name: 'statement', prose: 'Do the first thing, always and well.' }] },
            { id: 'xx-3', class: 'SP800-53', title: 'Gone', props: [{ name: 'sort-id', value: 'xx-03' }, { name: 'status', value: 'withdrawn' }] },
          ],
        },
        {
          id: 'YY',
          class: 'function',
          title: 'A FUNCTION',
          parts: [{ name: 'overview', prose: 'Outcomes of the function, in one sentence.' }],
          controls: [
            {
              id: 'YY.AA',
              class: 'category',
              title: 'A category',
              parts: [{ name: 'statement', prose: 'What the category is about, in a sentence.' }],
              controls: [{ id: 'YY.AA-01', class: 'subcategory', title: 'YY.AA-01', parts: [{ name: 'statement', prose: 'The outcome of the subcategory is achieved.' }] }],
            },
          ],
        },
      ],
    },
  };
}

describe('OSCAL ids as the framework prints them', () => {
  it('maps SP 800-53 ids to the printed refs and keeps other ids', () => {
    expect(refFromOscalId('ac')).toBe('AC');
    expect(refFromOscalId('ac-2')).toBe('AC-2');
    expect(refFromOscalId('ac-2.1')).toBe('AC-2(1)');
    expect(refFromOscalId('si-4.24')).toBe('SI-4(24)');
    expect(refFromOscalId('GV.OC-01')).toBe('GV.OC-01');
    expect(refFromOscalId('GV')).toBe('GV');
  });

  it('derives NIST sort-ids for refs, so supplemented items sort among the catalog\'s', () => {
    expect(sortIdOfRef('AC-2(1)')).toBe('ac-02.01');
    expect(sortIdOfRef('PM')).toBe('pm');
    expect(sortIdOfRef('GV.OC-01')).toBeNull();
  });

  it('cuts a long statement at a word, short ones stay whole', () => {
    expect(shortSummary('Short  statement\nhere.')).toBe('Short statement here.');
    const long = shortSummary('word '.repeat(100));
    expect(long.length).toBeLessThanOrEqual(240);
    expect(long.endsWith('word…')).toBe(true);
  });
});

describe('importing an OSCAL catalog', () => {
  const imported = importOscalCatalog(parseOscalCatalog(smallCatalog()), { framework: 'small', inputs: ['small.json'] });
  const byRef = new Map(imported.framework.requirements.map((r) => [r.ref, r]));

  it('keeps catalog order by sort-id, leaves withdrawn items out and counts them', () => {
    expect(imported.framework.requirements.map((r) => r.ref)).toEqual(['XX', 'XX-1', 'XX-2', 'XX-2(1)', 'YY', 'YY.AA', 'YY.AA-01']);
    expect(imported.report.withdrawnLeftOut).toBe(1);
  });

  it('gives kinds: GROUP for containers, CONTROL for leaves and for a control its enhancements refine', () => {
    expect(byRef.get('XX')!.kind).toBe('GROUP');
    expect(byRef.get('XX-2')!.kind).toBe('CONTROL');
    expect(byRef.get('XX-2(1)')).toMatchObject({ kind: 'CONTROL', parent: 'XX-2', tags: ['enhancement'] });
    expect(byRef.get('YY.AA')).toMatchObject({ kind: 'GROUP', parent: 'YY', tags: ['category'] });
    expect(byRef.get('YY.AA-01')).toMatchObject({ kind: 'CONTROL', parent: 'YY.AA' });
  });

  it('writes statements as summaries, with parameters as NIST prints them', () => {
    expect(byRef.get('XX-2')!.summary).toBe('Review the thing [Assignment: organization-defined frequency].');
    expect(byRef.get('YY')!.summary).toBe('Outcomes of the function, in one sentence.');
    expect(byRef.get('XX')!.summary).toBe('Family XX, Example Family: 2 controls and 1 enhancements.');
  });

  it('takes titles the catalog lacks, baselines and missing live items from a supplement', () => {
    const withSupplement = importOscalCatalog(parseOscalCatalog(smallCatalog()), {
      framework: 'small',
      inputs: [],
      supplement: {
        items: [
          { id: 'XX-1', type: 'control', parent: 'XX', title: 'First', baselines: ['LOW', 'HIGH'] },
          { id: 'XX-1(1)', type: 'enhancement', parent: 'XX-1', title: 'Only in the reference', statement: 'Do it again.' },
          { id: 'XX-4', type: 'control', parent: 'XX', title: 'Withdrawn in the reference', withdrawn: true },
          { id: 'YY.AA-01', type: 'subcategory', parent: 'YY.AA', title: 'A paraphrased title' },
        ],
      },
    });
    const refs = withSupplement.framework.requirements.map((r) => r.ref);
    expect(refs).toEqual(['XX', 'XX-1', 'XX-1(1)', 'XX-2', 'XX-2(1)', 'YY', 'YY.AA', 'YY.AA-01']);
    const get = (ref: string) => withSupplement.framework.requirements.find((r) => r.ref === ref)!;
    expect(get('XX-1')).toMatchObject({ kind: 'CONTROL', tags: ['LOW', 'HIGH', 'control'] });
    expect(get('XX-1(1)')).toMatchObject({ parent: 'XX-1', kind: 'CONTROL', summary: 'Do it again.' });
    expect(get('YY.AA-01').title).toBe('A paraphrased title');
    expect(withSupplement.report).toMatchObject({ fromSupplement: 1, untitledFromSupplement: 1 });
  });

  it('puts overlay disciplines and risks on leaves, inherited from the nearest ancestor with an entry, never on groups', () => {
    const overlay = parseOverlay({
      framework: { name: 'Small', shortName: 'S', edition: '1', kind: 'GUIDANCE', issuer: 'i', assessedBy: 'a', output: 'o', validity: 'v', market: 'm', aiSpecific: false, summary: 's' },
      provenance: 'Made for a test.',
      requirements: { XX: { disciplines: ['access-control'] }, 'XX-2': { disciplines: ['risk-management'], risks: ['downtime'] } },
    });
    const withOverlay = importOscalCatalog(parseOscalCatalog(smallCatalog()), { framework: 'small', inputs: [], overlay });
    const get = (ref: string) => withOverlay.framework.requirements.find((r) => r.ref === ref)!;
    expect(get('XX').disciplines).toBeUndefined();
    expect(get('XX-1').disciplines).toEqual(['access-control']);
    expect(get('XX-2')).toMatchObject({ disciplines: ['risk-management'], risks: ['downtime'] });
    expect(get('XX-2(1)')).toMatchObject({ disciplines: ['risk-management'], risks: ['downtime'] });
    expect(withOverlay.header).toContain('# Made for a test.');
    const unknown = { ...overlay, requirements: { 'XX-9': { disciplines: ['access-control'] } } };
    expect(() => importOscalCatalog(parseOscalCatalog(smallCatalog()), { framework: 'small', inputs: [], overlay: unknown })).toThrow(/"XX-9" is not a requirement/);
  });

  it('refuses what is not a valid catalog, saying where', () => {
    const missingId = smallCatalog();
    delete missingId.catalog.groups[0].controls[1].id;
    expect(() => parseOscalCatalog(missingId)).toThrow(OscalCatalogError);
    expect(() => parseOscalCatalog(missingId)).toThrow(/catalog\.groups\[0\]\.controls\[1\]: missing id/);
    const badTitle = smallCatalog();
    badTitle.catalog.groups[1].controls[0].controls[0].title = 7;
    expect(() => parseOscalCatalog(badTitle)).toThrow(/catalog\.groups\[1\]\.controls\[0\]\.controls\[0\]\.title/);
    expect(() => parseOscalCatalog({ 'mapping-collection': {} })).toThrow(/no "catalog"/);
    const noMetadata = smallCatalog();
    delete noMetadata.catalog.metadata;
    expect(() => parseOscalCatalog(noMetadata)).toThrow(/catalog: missing metadata/);
  });
});

describe('crosswalk import-oscal-catalog', () => {
  it('answers a broken catalog with the located problem and exit code 2, writing nothing', async () => {
    const dir = tmp();
    const file = path.join(dir, 'broken.json');
    const broken = smallCatalog();
    delete broken.catalog.groups[0].controls[0].controls[0].id;
    (await import('node:fs')).writeFileSync(file, JSON.stringify(broken));
    const out = path.join(dir, 'out.yaml');
    const { code, stderr } = await cli('import-oscal-catalog', file, '--framework', 'small', '--out', out);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^crosswalk: not a valid OSCAL catalog: catalog\.groups\[0\]\.controls\[0\]\.controls\[0\]: missing id\n$/);
    expect((await import('node:fs')).existsSync(out)).toBe(false);
  });

  it('needs --framework as a slug and a readable file', async () => {
    expect((await cli('import-oscal-catalog', at('reference/oscal/NIST_CSF_v2.0_catalog-min.json'))).stderr).toMatch(/--framework is required/);
    expect(await cli('import-oscal-catalog', '/nonexistent.json', '--framework', 'x')).toMatchObject({ code: 2, stderr: 'crosswalk: cannot read /nonexistent.json: ENOENT\n' });
  });

  it.each([
    ['nist-csf', 'reference/oscal/NIST_CSF_v2.0_catalog-min.json', 'reference/nist-csf-2.0.json'],
    ['nist-800-53', 'reference/oscal/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json', 'reference/nist-sp-800-53-r5.json'],
  ])('reproduces the committed seed/frameworks/%s.yaml from NIST\'s OSCAL catalog, the reference list and the overlay', async (id, catalog, supplement) => {
    const out = path.join(tmp(), `${id}.yaml`);
    const { code, stderr } = await cli('import-oscal-catalog', at(catalog), '--framework', id, '--supplement', at(supplement), '--overlay', at(`seed/overlays/${id}.yaml`), '--out', out);
    expect(stderr).toMatch(new RegExp(`^${id}: \\d+ requirements`));
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(at(`seed/frameworks/${id}.yaml`), 'utf8'));
  });
});

describe('crosswalk import-reference-pairs', () => {
  it.each([
    ['nist-csf', 'reference/mappings/nist-csf-2.0_to_iso27001-2022.json', 'nist-csf-informative-references', 'NIST CSF 2.0 to ISO/IEC 27001:2022 (NIST informative references)', ['--comprehensive', 'from']],
    ['nist-800-53', 'reference/mappings/nist-sp-800-53-r5_to_iso27001-2022.json', 'nist-olir-800-53-iso27001', 'NIST SP 800-53 Rev. 5 to ISO/IEC 27001:2022 (NIST OLIR)', []],
  ])('reproduces the committed seed/mappings/%s--iso27001.yaml', async (from, file, source, name, extra) => {
    const out = path.join(tmp(), 'set.yaml');
    const { code } = await cli('import-reference-pairs', at(file), '--from', from, '--to', 'iso27001', '--source', source, '--name', name, ...extra, '--out', out);
    expect(code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(at(`seed/mappings/${from}--iso27001.yaml`), 'utf8'));
  });

  it('writes every pair RELATED with null strength and rationale whatever the list states, duplicates once', () => {
    const set = importReferencePairs(
      { source: 'a test list', pairs: [{ from: 'A', to: 'B', relationship: 'intersects_with' }, { from: 'A', to: 'B', relationship: 'intersects_with' }, { from: 'A', to: 'C', relationship: 'superset_of' }] },
      { from: 'x', to: 'y', source: 's' },
    );
    expect(set.body.mappings).toEqual([
      { from: 'A', to: 'B', relationship: 'RELATED', strength: null, rationale: null, note: null },
      { from: 'A', to: 'C', relationship: 'RELATED', strength: null, rationale: null, note: null },
    ]);
    expect(set.duplicatesDropped).toBe(1);
    expect(set.body.comprehensive).toEqual([]);
    expect(() => importReferencePairs({ source: 's', pairs: [{ from: 'A' }] }, { from: 'x', to: 'y', source: 's' })).toThrow(/pairs-file\.pairs\.0\.to/);
  });

  it('refuses a side that is neither from nor to', async () => {
    const { code, stderr } = await cli('import-reference-pairs', at('reference/mappings/nist-csf-2.0_to_iso27001-2022.json'), '--from', 'a', '--to', 'b', '--source', 's', '--comprehensive', 'left');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--comprehensive takes from, to or from,to; got "left"/);
  });
});
