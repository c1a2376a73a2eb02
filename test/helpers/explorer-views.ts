/**
 * Every view of the explorer at one URL each: the accessibility test (test/e2e/accessibility.test.ts)
 * checks each with axe-core, and `npm run screenshots` (scripts/screenshots.ts) photographs each into
 * docs/screenshots/<name>.png. A new view appends its entries here (src/explorer/app/README.md).
 */
export interface ExplorerViewEntry {
  /** The screenshot's file name, without .png. */
  name: string;
  /** The hash after /explorer/. */
  hash: string;
  /** What body[data-ready] says once the view has drawn. */
  ready: string;
  /** Photograph only (not in the axe run), e.g. a second state of a view already checked. */
  screenshotOnly?: boolean;
}

export const EXPLORER_VIEWS: ExplorerViewEntry[] = [
  { name: 'coverage', hash: '#/coverage?target=iso42001&held=soc2&kind=CONTROL', ready: 'coverage' },
  { name: 'coverage-large', hash: '#/coverage?target=nist-800-53&held=iso27001&open=AC', ready: 'coverage' },
  { name: 'requirement', hash: '#/requirement/iso42001%3AA.6.2.6?held=soc2', ready: 'requirement' },
  { name: 'matrix', hash: '#/matrix', ready: 'matrix' },
  { name: 'search', hash: '#/search?q=impact%20assessment&framework=iso42001&held=soc2', ready: 'search' },
  { name: 'review', hash: '#/review', ready: 'review' },
  { name: 'graph-proposed', hash: '#/requirement/soc2%3ACC8.1', ready: 'requirement', screenshotOnly: true },
  { name: 'coverage-large-filtered', hash: '#/coverage?target=nist-800-53&held=iso27001&filter=audit', ready: 'coverage', screenshotOnly: true },
  { name: 'gaps', hash: '#/gaps?target=iso42001&held=soc2', ready: 'gaps' },
  { name: 'gaps-large', hash: '#/gaps?target=nist-800-53&held=iso27001', ready: 'gaps' },
  { name: 'roadmap', hash: '#/roadmap?held=soc2', ready: 'roadmap' },
  { name: 'evidence-plan', hash: '#/evidence-plan?frameworks=iso42001,soc2', ready: 'evidence-plan' },
  { name: 'compare', hash: '#/compare?frameworks=iso42001,soc2,eu-ai-act,nist-800-53', ready: 'compare' },
  { name: 'explain', hash: '#/explain?from=soc2%3ACC6.1&to=iso42001%3AA.6.2.6', ready: 'explain' },
  { name: 'disciplines', hash: '#/disciplines', ready: 'disciplines' },
  { name: 'discipline', hash: '#/disciplines/discipline%3Arisk-management', ready: 'disciplines-entry' },
  { name: 'risks', hash: '#/risks', ready: 'risks' },
  { name: 'risk', hash: '#/risks/risk%3Amodel-drift', ready: 'risks-entry' },
  { name: 'evidence', hash: '#/evidence', ready: 'evidence' },
  { name: 'evidence-artefact', hash: '#/evidence/evidence%3Arisk-register', ready: 'evidence-entry' },
];
