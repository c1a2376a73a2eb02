// Starts and stops a local Neo4j Community server (neo4j/local/) for development, tests and CI.
//
//   import { startLocalNeo4j } from './scripts/neo4j-local-lib.mjs';
//   const neo4j = await startLocalNeo4j({ ephemeral: true });   // empty server in a temp dir
//   ... connect to neo4j.uri with user neo4j, password neo4j.password ...
//   await neo4j.stop();
//
// The Maven project is resolved once (the first time downloads Neo4j into ~/.m2); its classpath is
// cached under .neo4j-local/, keyed by the project's files, and later starts run java directly, with
// no Maven JVM in the way. See neo4j/local/README.md.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PROJECT_DIR = path.join(REPO_ROOT, 'neo4j', 'local');
export const STATE_DIR = path.join(REPO_ROOT, '.neo4j-local');
export const DEFAULT_DATA_DIR = path.join(STATE_DIR, 'data');
/** Same as docker-compose.neo4j.yml, so one NEO4J_PASSWORD serves either server. */
export const DEFAULT_PASSWORD = 'crosswalk-dev';

/** Neo4j lines: `lts` is 5.26 (Java 17+); `latest` is the newest calendar version (Java 21+). */
export const LINES = {
  lts: { profile: null, minJava: 17 },
  latest: { profile: 'latest', minJava: 21 },
};

const READY = /^neo4j ready at (bolt:\/\/\S+)$/;

/**
 * Starts one server and resolves once its Bolt connector answers.
 * @param {object} [options]
 * @param {number} [options.port] Bolt port on 127.0.0.1; default: a free port picked by the server.
 * @param {string} [options.password] password of user neo4j (8+ characters); default DEFAULT_PASSWORD.
 * @param {string} [options.dataDir] default `<repo>/.neo4j-local/data`.
 * @param {boolean} [options.fresh] wipe dataDir first, for an empty server.
 * @param {boolean} [options.ephemeral] use a new temp data dir and delete it after stop (ignores dataDir).
 * @param {'lts'|'latest'} [options.line] default 'lts'.
 * @param {string} [options.javaHome] JDK to run (and build with); default JAVA_HOME, else `java` on PATH.
 * @param {number} [options.timeoutMs] how long to wait for the ready line; default 180000.
 * @param {(line: string) => void} [options.onStderr] gets the server's stderr lines (a Maven run, needed
 *   only when neo4j/local changed or ~/.m2 lacks a jar, always shows its progress on process.stderr).
 * @param {AbortSignal} [options.signal] aborting before the server is ready stops Maven or the JVM and rejects.
 * @returns {Promise<{uri: string, port: number, password: string, dataDir: string, pid: number,
 *   exited: Promise<{code: number|null, signal: string|null}>,
 *   stop: (graceMs?: number) => Promise<{code: number|null, signal: string|null}>}>}
 */
export async function startLocalNeo4j(options = {}) {
  const line = options.line ?? 'lts';
  const password = options.password ?? DEFAULT_PASSWORD;
  if (password.length < 8) throw new Error('neo4j-local: the password must be at least 8 characters');
  const timeoutMs = options.timeoutMs ?? 180_000;
  const onStderr = options.onStderr ?? (() => {});

  const java = findJava(line, options.javaHome);
  const classpathArgs = await resolveClasspath({ line, javaHome: java.home, signal: options.signal });
  options.signal?.throwIfAborted();

  const dataDir = options.ephemeral
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-neo4j-'))
    : path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);

  // Only what the options say reaches the server: a NEO4J_PORT exported for the API must not make two
  // test servers fight over one port.
  const env = { ...process.env };
  for (const k of ['NEO4J_PORT', 'NEO4J_PASSWORD', 'NEO4J_DATA_DIR', 'NEO4J_FRESH', 'NEO4J_EXIT_ON_STDIN_EOF']) delete env[k];
  Object.assign(env, {
    NEO4J_PASSWORD: password,
    NEO4J_DATA_DIR: dataDir,
    NEO4J_FRESH: options.fresh ? '1' : '0',
    // The server stops when this process's end of its stdin closes, so a crashed or SIGKILLed parent
    // never leaves a JVM behind.
    NEO4J_EXIT_ON_STDIN_EOF: '1',
  });
  if (options.port) env.NEO4J_PORT = String(options.port);

  const extraOpts = (process.env.NEO4J_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(
    java.bin,
    [`@${path.join(PROJECT_DIR, 'jvm.options')}`, ...extraOpts, `@${classpathArgs}`, 'crosswalk.LocalNeo4j'],
    { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] },
  );

  const tail = [];
  // Settles once the JVM has exited and, for an ephemeral server, its data dir is gone.
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal }))).then((r) => {
    if (options.ephemeral) fs.rmSync(dataDir, { recursive: true, force: true });
    return r;
  });
  const spawnError = new Promise((_, reject) => child.once('error', reject));
  spawnError.catch(() => {});

  // Both pipes are read to their end, always: a full stderr pipe would block the server.
  eachLine(child.stderr, (l) => {
    tail.push(l);
    if (tail.length > 40) tail.shift();
    onStderr(l);
  });
  const ready = new Promise((resolve) => {
    eachLine(child.stdout, (l) => {
      const m = READY.exec(l);
      if (m) resolve(m[1]);
      else onStderr(l);
    });
  });

  let stopping;
  const stop = (graceMs = 30_000) => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        const result = await exited;
        clearTimeout(timer);
        return result;
      }
      return exited;
    })();
    return stopping;
  };

  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const abort = () => stop();
  options.signal?.addEventListener('abort', abort, { once: true });
  const first = await Promise.race([ready, exited.then((e) => ({ exited: e })), timeout, spawnError]).finally(() => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', abort);
  });
  if (typeof first !== 'string' || first === 'timeout') {
    options.signal?.throwIfAborted();
    const why =
      first === 'timeout'
        ? `did not print its ready line within ${timeoutMs / 1000} s`
        : `exited (${first.exited.signal ?? `code ${first.exited.code}`}) before it was ready`;
    await stop(5_000);
    await exited;
    throw new Error(
      `neo4j-local: the server ${why}. Last stderr lines:\n${tail.join('\n') || '(none)'}\n` +
        `Neo4j's own log: ${path.join(dataDir, 'logs', 'debug.log')}`,
    );
  }
  const uri = first;
  return { uri, port: Number(new URL(uri).port), password, dataDir, pid: child.pid, exited, stop };
}

/** Finds the java to run and checks it is new enough for the line. */
export function findJava(line = 'lts', javaHome = process.env.JAVA_HOME) {
  const spec = LINES[line];
  if (!spec) throw new Error(`neo4j-local: unknown Neo4j line '${line}' (use ${Object.keys(LINES).join(' or ')})`);
  const bin = javaHome ? path.join(javaHome, 'bin', 'java') : 'java';
  const r = spawnSync(bin, ['-version'], { encoding: 'utf8' });
  if (r.error) {
    throw new Error(
      `neo4j-local: '${bin}' not found. Install a JDK ${spec.minJava}+ (Debian: apt-get install openjdk-17-jdk-headless) ` +
        'or set JAVA_HOME to one.',
    );
  }
  const m = /version "(\d+)(?:\.(\d+))?/.exec(r.stderr);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0;
  if (major < spec.minJava) {
    throw new Error(
      `neo4j-local: Neo4j line '${line}' needs Java ${spec.minJava}+, but ${bin} is Java ${major || '(unknown)'}. ` +
        `Set JAVA_HOME to a newer JDK${suggestJdks(spec.minJava)}.`,
    );
  }
  return { bin, home: javaHome || null, major };
}

function suggestJdks(minJava) {
  try {
    const found = fs
      .readdirSync('/usr/lib/jvm')
      .map((d) => path.join('/usr/lib/jvm', d))
      .filter((d) => {
        const rel = fs.readFileSync(path.join(d, 'release'), 'utf8');
        const v = /JAVA_VERSION="(\d+)/.exec(rel);
        return v && Number(v[1]) >= minJava && fs.existsSync(path.join(d, 'bin', 'java'));
      });
    return found.length ? `, e.g. JAVA_HOME=${found[0]}` : '';
  } catch {
    return '';
  }
}

/**
 * Returns the path of a java @argfile holding `-cp <classes and jars>` for the line, building it with
 * Maven only when the Maven project changed or a cached jar went missing.
 */
export async function resolveClasspath({ line = 'lts', javaHome = process.env.JAVA_HOME, signal } = {}) {
  const spec = LINES[line];
  const hash = createHash('sha256');
  for (const f of projectFiles()) hash.update(f).update('\0').update(fs.readFileSync(path.join(PROJECT_DIR, f)));
  const key = hash.update(line).digest('hex').slice(0, 16);
  const argfile = path.join(STATE_DIR, `classpath-${line}-${key}.args`);
  if (classpathUsable(argfile)) return argfile;

  fs.mkdirSync(STATE_DIR, { recursive: true });
  // Parallel test workers may all find the cache cold: one runs Maven, the others wait for its result.
  const lock = path.join(STATE_DIR, `resolve-${line}.lock`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      if (classpathUsable(argfile)) return argfile;
      const age = Date.now() - fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 15 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else await sleep(500, undefined, { signal });
    }
  }
  try {
    if (classpathUsable(argfile)) return argfile;
    if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).error) {
      throw new Error('neo4j-local: Maven (mvn) not found; it is needed once to fetch Neo4j. Debian: apt-get install maven');
    }
    const out = path.join(STATE_DIR, `classpath-${line}.tmp`);
    const args = ['-B', '-Dstyle.color=never', '-f', path.join(PROJECT_DIR, 'pom.xml')];
    if (spec.profile) args.push(`-P${spec.profile}`);
    args.push('compile', 'dependency:build-classpath', `-Dmdep.outputFile=${out}`, '-Dmdep.includeScope=runtime');
    process.stderr.write(
      `neo4j-local: resolving Neo4j '${line}' with Maven (the first run downloads about 160 MB into ~/.m2; ` +
        'later runs reuse it and skip Maven)\n',
    );
    const env = { ...process.env };
    if (javaHome) env.JAVA_HOME = javaHome;
    const code = await new Promise((resolve, reject) => {
      const mvn = spawn('mvn', args, { cwd: PROJECT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'], signal });
      mvn.on('error', reject);
      // Maven's progress goes to our stderr (never stdout, which carries only the ready line).
      mvn.stdout.pipe(process.stderr, { end: false });
      mvn.stderr.pipe(process.stderr, { end: false });
      mvn.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`neo4j-local: Maven failed (exit ${code}): mvn ${args.join(' ')}`);
    const classes = path.join(PROJECT_DIR, 'target', line, 'classes');
    const cp = [classes, ...fs.readFileSync(out, 'utf8').trim().split(path.delimiter)].join(path.delimiter);
    fs.rmSync(out, { force: true });
    // Quoted for java's @argfile syntax, where backslash escapes.
    const quoted = `"${cp.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
    fs.writeFileSync(`${argfile}.tmp`, `-cp\n${quoted}\n`);
    fs.renameSync(`${argfile}.tmp`, argfile);
    for (const f of fs.readdirSync(STATE_DIR)) {
      if (f.startsWith(`classpath-${line}-`) && path.join(STATE_DIR, f) !== argfile) fs.rmSync(path.join(STATE_DIR, f));
    }
    return argfile;
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** The files whose change means Maven must run again, relative to neo4j/local. */
function projectFiles() {
  const files = ['pom.xml'];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(PROJECT_DIR, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else files.push(rel);
    }
  };
  walk('src');
  return files.sort();
}

function classpathUsable(argfile) {
  if (!fs.existsSync(argfile)) return false;
  const text = fs.readFileSync(argfile, 'utf8');
  const m = /^-cp\n"(.*)"\n$/s.exec(text);
  if (!m) return false;
  const entries = m[1].replaceAll(/\\(.)/g, '$1').split(path.delimiter);
  return entries.every((e) => fs.existsSync(e));
}

function eachLine(stream, fn) {
  let buf = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    buf += chunk;
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      fn(buf.slice(0, i).replace(/\r$/, ''));
      buf = buf.slice(i + 1);
    }
  });
  stream.on('end', () => buf && fn(buf));
}
