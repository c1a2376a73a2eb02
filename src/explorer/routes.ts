import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import { examplesScript, explorerOperationsModule } from './operations.js';

/**
 * The explorer page and the GraphQL IDE, served from this process with their libraries from
 * node_modules: no CDN, so they work on offline networks. They talk to the API only through /graphql.
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

const VENDOR: Record<string, string> = {
  'cytoscape.min.js': packageFile('cytoscape', 'dist/cytoscape.min.js'),
  'react.production.min.js': packageFile('react', 'umd/react.production.min.js'),
  'react-dom.production.min.js': packageFile('react-dom', 'umd/react-dom.production.min.js'),
  'graphiql.min.js': packageFile('graphiql', 'graphiql.min.js'),
  'graphiql.min.css': packageFile('graphiql', 'graphiql.min.css'),
};

export function mountExplorer(app: Express): void {
  // Built once, at start-up: a missing or unnamed operation fails the boot, not a page.
  const scripts: Record<string, string> = { 'operations.js': explorerOperationsModule(), 'graphiql-examples.js': examplesScript() };
  app.get('/', (_req, res) => res.redirect('/explorer/'));
  app.get('/explorer/:file', (req, res, next) => {
    const script = scripts[req.params.file];
    if (script === undefined) return next();
    res.setHeader('x-content-type-options', 'nosniff');
    res.type('text/javascript').send(script);
  });
  app.get('/explorer/vendor/:file', (req, res, next) => {
    const file = VENDOR[req.params.file];
    if (!file) return next();
    res.sendFile(file, { maxAge: '1d' });
  });
  app.use('/explorer', express.static(here, { index: 'index.html', extensions: ['html'], setHeaders: noTypeSniffing }));
  app.get('/graphql', graphiqlForBrowsers);
}

/** A browser opening /graphql gets the IDE; GET requests carrying an operation go on to the API. */
const graphiqlForBrowsers: RequestHandler = (req, res, next) => {
  if (req.query.query !== undefined || req.query.extensions !== undefined || !req.accepts('html') || req.accepts(['json', 'html']) === 'json') return next();
  res.sendFile(path.join(here, 'graphiql.html'));
};

function noTypeSniffing(res: { setHeader(name: string, value: string): void }): void {
  res.setHeader('x-content-type-options', 'nosniff');
}
