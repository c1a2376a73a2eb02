import { useReady, useTitle } from '../hooks.js';
import type { ViewProps } from '../routes.js';
import { hrefFor } from '../router.js';

/** An unknown route: says so, with a way back. */
export function NotFoundView({ place }: ViewProps) {
  useTitle('Not found');
  useReady('not-found', true);
  return (
    <>
      <h1>No such view</h1>
      <div className="error" role="alert">
        <b className="error-code">NOT_FOUND</b>: the explorer has no view called "{place.name}". <a href={hrefFor('coverage')}>Go to the coverage map</a>.
      </div>
    </>
  );
}
