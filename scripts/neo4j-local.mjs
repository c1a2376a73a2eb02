#!/usr/bin/env node
// `npm run neo4j:local`: runs a local Neo4j Community server in the foreground until SIGTERM/SIGINT.
// Prints `neo4j ready at bolt://127.0.0.1:PORT` on stdout once Bolt answers; everything else on stderr.
// Environment: NEO4J_PORT, NEO4J_PASSWORD, NEO4J_DATA_DIR, NEO4J_FRESH=1, NEO4J_LINE=lts|latest,
// JAVA_HOME, NEO4J_JAVA_OPTS, NEO4J_START_TIMEOUT_MS (see neo4j/local/README.md).
import { startLocalNeo4j } from './neo4j-local-lib.mjs';

const env = process.env;
let server;
const aborter = new AbortController();
const onSignal = () => {
  // Forwarded to the JVM once it is up; before that, the start (Maven or the JVM) is cut short.
  if (server) server.stop();
  else aborter.abort();
};
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, onSignal);
// A parent that dies without passing a signal on (npm killed with SIGKILL, a shell in between that
// doesn't forward) leaves us reparented: stop then too, rather than run on unowned.
const parent = process.ppid;
setInterval(() => process.ppid !== parent && onSignal(), 1000).unref();

try {
  server = await startLocalNeo4j({
    port: env.NEO4J_PORT ? Number(env.NEO4J_PORT) : undefined,
    password: env.NEO4J_PASSWORD || undefined,
    dataDir: env.NEO4J_DATA_DIR || undefined,
    fresh: env.NEO4J_FRESH === '1',
    line: env.NEO4J_LINE || 'lts',
    timeoutMs: env.NEO4J_START_TIMEOUT_MS ? Number(env.NEO4J_START_TIMEOUT_MS) : undefined,
    onStderr: (line) => process.stderr.write(`${line}\n`),
    signal: aborter.signal,
  });
} catch (e) {
  if (aborter.signal.aborted) process.exit(0);
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}

process.stdout.write(`neo4j ready at ${server.uri}\n`);
process.stderr.write(
  `neo4j-local: pid ${server.pid}; for the API: NEO4J_URI=${server.uri} NEO4J_USER=neo4j NEO4J_PASSWORD=${server.password}\n`,
);
const { code, signal } = await server.exited;
process.exit(code ?? (signal ? 1 : 0));
