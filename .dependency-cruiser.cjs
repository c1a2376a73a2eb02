/**
 * The direction of dependencies between the layers (docs/ARCHITECTURE.md), checked by
 * `npm run lint:deps` inside `npm test`. Paths are matched relative to where depcruise runs, so
 * test/layers.test.ts can run these same rules over a small tree of planted violations.
 */

/** A package inside node_modules, wherever the node_modules folder is. */
const packageIn = (name) => `(^|/)node_modules/${name}/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain/ holds the types, the GraphStore port and the pure rules: it imports nothing outside itself, not even node builtins.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'analysis-uses-only-domain',
      comment: 'src/analysis/ holds the use cases that read through the GraphStore port: it imports the domain and itself, nothing else.',
      severity: 'error',
      from: { path: '^src/analysis/' },
      to: { pathNot: '^src/(domain|analysis)/' },
    },
    {
      name: 'store-uses-only-domain',
      comment: 'A store implements the port: it imports the domain, its own folder and node builtins (the Neo4j adapter also its driver, the read cache its LRU).',
      severity: 'error',
      from: { path: '^src/store/' },
      to: { pathNot: [`^src/(domain|store)/`, packageIn('neo4j-driver'), packageIn('lru-cache')], dependencyTypesNot: ['core'] },
    },
    {
      name: 'store-adapters-stand-alone',
      comment: 'Each adapter folder (memory/, neo4j/) imports no other adapter: both stand on the port alone.',
      severity: 'error',
      from: { path: '^src/store/([^/]+)/' },
      to: { path: '^src/store/[^/]+/', pathNot: '^src/store/$1/' },
    },
    {
      name: 'workspace-uses-domain-and-seed',
      comment: 'src/workspace/ is the embedded data directory (keys, workspace files in the seed format, the audit journal, the lock): it imports the domain, the seed schemas, itself, node builtins and its file-format libraries (yaml, zod), nothing of the API.',
      severity: 'error',
      from: { path: '^src/workspace/' },
      to: { pathNot: [`^src/(domain|seed|workspace)/`, packageIn('yaml'), packageIn('zod')], dependencyTypesNot: ['core'] },
    },
    {
      name: 'only-neo4j-adapter-imports-neo4j-driver',
      comment: 'neo4j-driver stays behind the port: only src/store/neo4j/ imports it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/store/neo4j/' },
      to: { path: packageIn('neo4j-driver') },
    },
    {
      name: 'only-graphql-imports-apollo',
      comment: 'Apollo is the GraphQL layer\'s business: only src/graphql/ (and the wiring in src/server.ts) imports @apollo/*.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(graphql/|server\\.ts$)' },
      to: { path: packageIn('@apollo') },
    },
    {
      name: 'explorer-app-runs-in-the-browser',
      comment: 'src/explorer/app/ is bundled for the browser (src/explorer/bundle.ts): it imports itself, the glossary (src/exports/glossary.ts), React, cytoscape and the virtual operations module, nothing of the server and no node builtin.',
      severity: 'error',
      from: { path: '^src/explorer/app/' },
      to: { pathNot: ['^src/explorer/app/', '^src/exports/glossary\\.ts$', packageIn('react'), packageIn('react-dom'), packageIn('cytoscape'), '^virtual:operations$'] },
    },
    {
      name: 'glossary-is-pure',
      comment: 'The explorer bundle imports src/exports/glossary.ts: it stays free of imports (no node builtins, no workbook library).',
      severity: 'error',
      from: { path: '^src/exports/glossary\\.ts$' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a layer that names another's types depends on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: 'src/graphql/generated/' },
  },
};
