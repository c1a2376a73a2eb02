// The route table: one entry per view. Add a view here (and see README.md for the rest: its
// title, ready flag, screenshot and accessibility entries).
import type { ComponentType } from 'react';
import type { Place } from './router.js';
import { CoverageView } from './views/coverage.js';
import { MatrixView } from './views/matrix.js';
import { RequirementView } from './views/requirement.js';
import { ReviewView } from './views/review.js';
import { SearchView } from './views/search.js';
import { NotFoundView } from './views/not-found.js';
import { GapsView } from './views/gaps.js';
import { EvidencePlanView } from './views/evidence-plan.js';
import { RoadmapView } from './views/roadmap.js';
import { CompareView } from './views/compare.js';
import { ExplainView } from './views/explain.js';
import { DisciplinesView, EvidenceView, RisksView } from './views/catalog-pages.js';
import './print.css';

export interface ViewProps {
  place: Place;
}

export interface RouteDef {
  /** The first segment of the hash: `#/<name>/<arg>?<params>`. */
  name: string;
  /** The header link's words; no link when absent (a page reached from another view). */
  nav?: string;
  view: ComponentType<ViewProps>;
}

export const ROUTES: RouteDef[] = [
  { name: 'coverage', nav: 'Coverage', view: CoverageView },
  { name: 'matrix', nav: 'Overlap matrix', view: MatrixView },
  { name: 'search', nav: 'Search', view: SearchView },
  { name: 'review', nav: 'Review', view: ReviewView },
  { name: 'requirement', view: RequirementView },
  { name: 'gaps', nav: 'Gaps', view: GapsView },
  { name: 'roadmap', nav: 'Roadmap', view: RoadmapView },
  { name: 'evidence-plan', nav: 'Evidence plan', view: EvidencePlanView },
  { name: 'compare', nav: 'Compare', view: CompareView },
  { name: 'explain', nav: 'Explain', view: ExplainView },
  { name: 'disciplines', nav: 'Catalogue', view: DisciplinesView },
  { name: 'risks', view: RisksView },
  { name: 'evidence', view: EvidenceView },
];

const NOT_FOUND: RouteDef = { name: 'not-found', view: NotFoundView };

export function routeFor(name: string): RouteDef {
  return ROUTES.find((r) => r.name === name) ?? NOT_FOUND;
}
