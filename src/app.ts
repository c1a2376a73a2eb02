import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { createApolloServer } from './graphql/apollo.js';
import { createRequestContext } from './graphql/context.js';
import { httpErrorHandler, notFoundHandler } from './http-errors.js';
import type { GraphStore } from './store/port.js';

export interface AppOptions {
  introspection?: boolean;
}

export interface App {
  app: Express;
  stop(): Promise<void>;
}

/** The HTTP application: GraphQL at /graphql, health at /healthz and readiness at /readyz. */
export async function createApp(store: GraphStore, options: AppOptions = {}): Promise<App> {
  const apollo = createApolloServer({ introspection: options.introspection ?? true });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    try {
      const info = await store.datasetInfo();
      res.json({ status: 'ready', datasetVersion: info.version });
    } catch (error) {
      // The cause goes to the log, not to whoever probes readiness.
      console.error(JSON.stringify({ level: 'warn', message: 'not ready', error: (error as Error).message }));
      res.status(503).json({ status: 'unavailable' });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createRequestContext(store, req.headers['x-crosswalk-trace'] === '1'),
    }),
  );
  app.use(notFoundHandler);
  app.use(httpErrorHandler);
  return { app, stop: () => apollo.stop() };
}
