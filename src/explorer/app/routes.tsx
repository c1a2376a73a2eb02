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
];

const NOT_FOUND: RouteDef = { name: 'not-found', view: NotFoundView };

export function routeFor(name: string): RouteDef {
  return ROUTES.find((r) => r.name === name) ?? NOT_FOUND;
}
