import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import type { Logger } from '../logger.js';
import { explorerBundle, type ExplorerBundle } from './bundle.js';
import { examplesScript } from './operations.js';

/**
 * The explorer page and the GraphQL IDE, served from this process with their libraries from
 * node_modules: no CDN, so they work on offline networks. They talk to the API only through /graphql.
 * The explorer is one bundle (src/explorer/app/, see bundle.ts) built in memory on its first request.
 */
const here = path.dirname(new URL(import.meta.url).pathname);

/** A file inside an installed package, found the way Node finds packages (its "exports" map may not list it). */
function packageFile(name: string, file: string): string {
  for (let dir = here; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, file);
    if (existsSync(candidate)) return candidate;
    if (dir === path.dirname(dir)) throw new Error(`explorer: ${name}/${file} is not installed; run npm install`);
  }
}

/** Own files served, by name: nothing else in this folder (its sources, its operations) is. */
const ASSETS = new Map<string, string>(['graphiql.js'].map((f) => [f, path.join(here, f)]));

const VENDOR = new Map<string, string>(Object.entries({
  'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
}));

/**
 * Security headers for the pages: scripts and styles only from this host (styles may be inline:
 * the explorer's bars and GraphiQL set style attributes), no framing, no sniffing.
 */
const pageHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
});

/** `bundle` is the explorer's bundle, built on first use (a test passes one that fails). */
export function mountExplorer(app: Express, log: Pick<Logger, 'error'>, bundle: () => Promise<ExplorerBundle> = explorerBundle): void {
  // Built once, at start-up: a missing or unnamed operation fails the boot, not a page.
  const scripts = new Map<string, string>([['graphiql-examples.js', examplesScript()]]);
  app.get('/', (_req, res) => res.redirect('/explorer/'));
  app.use('/explorer', pageHeaders);
  app.get(['/explorer', '/explorer/', '/explorer/index.html'], (_req, res) => res.sendFile(path.join(here, 'app', 'index.html')));
  // The bundle: built once on first request; a failed build is a 500 on the asset, its message logged.
  app.get(['/explorer/app.js', '/explorer/app.css'], (req, res) => {
    bundle().then(
      (bundle) => {
        const js = req.path.endsWith('.js');
        res.type(js ? 'text/javascript' : 'text/css').set('cache-control', 'no-cache').send(js ? bundle.js : bundle.css);
      },
      (error: unknown) => {
        log.error({ err: error }, 'explorer: the bundle failed to build');
        res.status(500).type('text/plain').send('The explorer bundle failed to build; the server log has the message.');
      },
    );
  });
  app.get('/explorer/:file', (req, res, next) => {
    const script = scripts.get(req.params.file);
    if (script !== undefined) return void res.type('text/javascript').send(script);
    const asset = ASSETS.get(req.params.file);
    if (!asset) return next();
    res.sendFile(asset);
  });
  app.get('/explorer/vendor/:file', (req, res, next) => {
    const file = VENDOR.get(req.params.file);
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  app.get('/graphql', graphiqlForBrowsers);
}

/** A browser opening /graphql gets the IDE; GET requests carrying an operation go on to the API. */
const graphiqlForBrowsers: RequestHandler = (req, res, next) => {
  if (req.query.query !== undefined || req.query.extensions !== undefined || !req.accepts('html') || req.accepts(['json', 'html']) === 'json') return next();
  pageHeaders(req, res, () => res.sendFile(path.join(here, 'graphiql.html')));
};
