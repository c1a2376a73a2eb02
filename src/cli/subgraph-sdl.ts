import { subgraphSdl } from '../graphql/federation.js';

/**
 * `npm run subgraph-sdl > crosswalk.graphql`: Crosswalk's Apollo Federation 2 subgraph SDL, for
 * composing a supergraph ahead of time (`rover supergraph compose`) without asking a running server,
 * whose `_service` is refused when introspection is off.
 */
process.stdout.write(`${subgraphSdl()}\n`);
