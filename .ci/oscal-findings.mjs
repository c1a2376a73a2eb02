#!/usr/bin/env node
// Reads the SARIF report of `metaschema-cli validate-content` on a mapping-collection and says whether
// the OSCAL model's constraints found anything wrong. One kind of error is the tool's, not the file's:
// liboscal-java 5.2.0's has-oscal-namespace() accepts assemblies only, and the mapping model applies it
// to the `relationship` field (the allowed-values of map relationships), so evaluating it fails on every
// map with MPTY0004. Those are counted and set aside (the relationship vocabulary is checked by the
// vitest suite against the model instead: test/helpers/oscal-rules.ts); any other error fails.
// Usage: node .ci/oscal-findings.mjs REPORT.sarif   (exit 0: nothing but warnings and that fault)
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = report.runs.flatMap((run) => run.results ?? []);
const where = (r) => r.locations?.[0]?.logicalLocations?.[0]?.decoratedName ?? '?';
const toolFault = (r) =>
  /\/relationship\[1\]$/.test(where(r)) && /has-oscal-namespace/.test(r.message?.text ?? '') && /MPTY0004/.test(r.message?.text ?? '');

const errors = results.filter((r) => r.level === 'error' || r.kind === 'fail');
const unexplained = errors.filter((r) => !toolFault(r));
const warnings = results.filter((r) => r.level === 'warning');
const byRule = new Map();
for (const w of warnings) byRule.set(w.ruleId ?? '?', (byRule.get(w.ruleId ?? '?') ?? 0) + 1);

console.log(
  `constraints: ${unexplained.length} error(s); ${errors.length - unexplained.length} relationship allowed-values not evaluated (liboscal-java has-oscal-namespace on a field)` +
    `; ${warnings.length} warning(s)${byRule.size ? ` (${[...byRule].map(([rule, n]) => `${rule} x${n}`).join(', ')})` : ''}`,
);
for (const r of unexplained.slice(0, 20)) console.log(`  ${r.level ?? r.kind} ${r.ruleId ?? ''} at ${where(r)}: ${r.message?.text ?? ''}`);
process.exit(unexplained.length === 0 ? 0 : 1);
