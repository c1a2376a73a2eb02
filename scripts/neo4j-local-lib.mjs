// Starts and stops a local Neo4j Community server (neo4j/local/) for development, tests and CI.
//
//   import { startLocalNeo4j } from './scripts/neo4j-local-lib.mjs';
//   const neo4j = await startLocalNeo4j({ ephemeral: true });   // an empty server in a temp dir
//   ... connect to neo4j.uri as user neo4j with neo4j.password ...
//   await neo4j.stop();
//
// The first start resolves the Maven project (downloading Neo4j into ~/.m2) and records a class-data
// sharing archive; both are cached under .neo4j-local/, keyed by what they depend on, so later starts
// run java directly, with no Maven JVM in the way. See neo4j/local/README.md.

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

/** Neo4j lines (Maven profiles of neo4j/local/pom.xml): 5.26 LTS on Java 17+, or the newest calendar version on Java 21+. */
export const LINES = {
  lts: { profile: null, minJava: 17 },
  latest: { profile: 'latest', minJava: 21 },
};

const READY = /^neo4j ready at (bolt:\/\/\S+)$/;
const JVM_OPTIONS = path.join(PROJECT_DIR, 'jvm.options');

/**
 * Starts one server and resolves once its Bolt connector answers.
 * @param {object} [options]
 * @param {number} [options.port] Bolt port on 127.0.0.1; default: a free port picked by the server.
 * @param {string} [options.password] password of user neo4j (8+ characters); default DEFAULT_PASSWORD.
 * @param {string} [options.dataDir] default `<repo>/.neo4j-local/data`.
 * @param {boolean} [options.fresh] wipe dataDir first, for an empty server.
 * @param {boolean} [options.ephemeral] use a new temp data dir, deleted once the server has exited (dataDir is ignored).
 * @param {'lts'|'latest'} [options.line] default 'lts'.
 * @param {string} [options.javaHome] JDK to run (and build with); default JAVA_HOME, else `java` on PATH.
 * @param {string[]} [options.javaOpts] extra JVM options, after neo4j/local/jvm.options (also NEO4J_JAVA_OPTS, space-separated).
 * @param {boolean} [options.cds] use (and on first use record) a class-data sharing archive; default true unless NEO4J_CDS=0.
 * @param {number} [options.timeoutMs] how long to wait for the ready line; default 180000.
 * @param {(line: string) => void} [options.onStderr] gets the server's stderr lines (a Maven run, needed only
 *   when neo4j/local changed or ~/.m2 lacks a jar, always shows its progress on process.stderr).
 * @param {AbortSignal} [options.signal] aborting before the server is ready stops Maven or the JVM and rejects.
 * @returns {Promise<LocalNeo4j>}
 *
 * @typedef {{code: number|null, signal: string|null}} ExitStatus
 * @typedef {object} LocalNeo4j
 * @property {string} uri `bolt://127.0.0.1:PORT` (a `neo4j://` URI on the same port works too).
 * @property {number} port
 * @property {string} password of user neo4j
 * @property {string} dataDir
 * @property {number} pid of the JVM
 * @property {Promise<ExitStatus>} exited settles when the JVM has exited (and an ephemeral data dir is gone).
 * @property {(graceMs?: number) => Promise<ExitStatus>} stop SIGTERM, then SIGKILL after graceMs (default 30000); idempotent.
 */
export async function startLocalNeo4j(options = {}) {
  const line = options.line ?? 'lts';
  const password = options.password ?? DEFAULT_PASSWORD;
  if (password.length < 8) throw new Error('neo4j-local: the password must be at least 8 characters');
  const { signal } = options;

  const java = findJava(line, options.javaHome);
  const classpath = await resolveClasspath({ line, javaHome: java.home, signal });
  const useCds = options.cds ?? process.env.NEO4J_CDS !== '0';
  const archive = useCds ? await ensureCdsArchive({ line, java, classpath, signal }) : null;

  const dataDir = options.ephemeral
    ? fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-neo4j-'))
    : path.resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  const javaOpts = [
    // The archive is an optimisation: the JVM goes on without it (or without parts of it) on its own, and
    // Java 25 reports at error level that the JDK's base archive was dumped without our --add-opens.
    ...(archive ? [`-XX:SharedArchiveFile=${archive}`, '-Xlog:cds=off'] : []),
    ...(process.env.NEO4J_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean),
    ...(options.javaOpts ?? []),
  ];
  return launch({
    java,
    classpath,
    javaOpts,
    dataDir,
    removeDataDir: Boolean(options.ephemeral),
    password,
    port: options.port,
    fresh: options.fresh,
    timeoutMs: options.timeoutMs ?? 180_000,
    onStderr: options.onStderr ?? (() => {}),
    signal,
  });
}

/** Spawns crosswalk.LocalNeo4j and waits for its ready line. */
async function launch({ java, classpath, javaOpts, dataDir, removeDataDir, password, port, fresh, timeoutMs, onStderr, signal }) {
  // Only what the options say reaches the server: a NEO4J_PORT exported for the API must not make two
  // test servers fight over one port.
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^NEO4J_(PORT|PASSWORD|DATA_DIR|FRESH|EXIT_ON_STDIN_EOF)$/.test(k)) delete env[k];
  Object.assign(env, {
    NEO4J_PASSWORD: password,
    NEO4J_DATA_DIR: dataDir,
    NEO4J_FRESH: fresh ? '1' : '0',
    // The server stops when this process's end of its stdin closes, so a crashed or SIGKILLed parent
    // never leaves a JVM behind.
    NEO4J_EXIT_ON_STDIN_EOF: '1',
  });
  if (port) env.NEO4J_PORT = String(port);

  const child = spawn(java.bin, [...jvmArgs(java), ...javaOpts, `@${classpath}`, 'crosswalk.LocalNeo4j'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const spawnError = new Promise((_, reject) => child.once('error', reject));
  spawnError.catch(() => {});
  // Settles once the JVM has exited and, for an ephemeral server, its data dir is gone.
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig }))).then((r) => {
    if (removeDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    return r;
  });

  // Both pipes are read to their end, always: a full stderr pipe would block the server.
  const tail = [];
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
        await exited;
        clearTimeout(timer);
      }
      return exited;
    })();
    return stopping;
  };

  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const abort = () => stop(5_000);
  signal?.addEventListener('abort', abort, { once: true });
  const first = await Promise.race([ready, exited.then((e) => ({ exited: e })), timeout, spawnError]).finally(() => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', abort);
  });
  if (typeof first !== 'string' || first === 'timeout') {
    await stop(5_000);
    signal?.throwIfAborted();
    const why =
      first === 'timeout'
        ? `did not print its ready line within ${timeoutMs / 1000} s`
        : `exited (${first.exited.signal ?? `code ${first.exited.code}`}) before it was ready`;
    throw new Error(
      `neo4j-local: the server ${why}. Last stderr lines:\n${tail.join('\n') || '(none)'}\n` +
        `Neo4j's own log: ${path.join(dataDir, 'logs', 'debug.log')}`,
    );
  }
  return { uri: first, port: Number(new URL(first).port), password, dataDir, pid: child.pid, exited, stop };
}

/** Options that depend on the JDK rather than on Neo4j, after neo4j/local/jvm.options. */
function jvmArgs(java) {
  const args = [`@${JVM_OPTIONS}`];
  // Java 24+ warns on every start that Neo4j's libraries use sun.misc.Unsafe; Java 17 rejects the flag.
  if (java.major >= 24) args.push('--sun-misc-unsafe-memory-access=allow');
  return args;
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
        `Set JAVA_HOME to a newer JDK${suggestJdk(spec.minJava)}.`,
    );
  }
  return { bin, home: javaHome || null, major, version: r.stderr };
}

/** Names a JDK in Debian's usual place that would do, for the error message. */
function suggestJdk(minJava) {
  const root = '/usr/lib/jvm';
  const entries = fs.existsSync(root) ? fs.readdirSync(root) : [];
  const found = entries.map((d) => path.join(root, d)).find((d) => {
    try {
      const v = /JAVA_VERSION="(\d+)/.exec(fs.readFileSync(path.join(d, 'release'), 'utf8'));
      return v && Number(v[1]) >= minJava && fs.existsSync(path.join(d, 'bin', 'java'));
    } catch {
      return false;
    }
  });
  return found ? `, e.g. JAVA_HOME=${found}` : '';
}

/**
 * Returns the path of a java @argfile holding `-cp <our jar and Neo4j's jars>` for the line, running
 * Maven only when neo4j/local changed or a cached jar went missing (e.g. a cleaned ~/.m2).
 */
export async function resolveClasspath({ line = 'lts', javaHome = process.env.JAVA_HOME, signal } = {}) {
  const spec = LINES[line];
  const hash = createHash('sha256');
  for (const f of projectFiles()) hash.update(f).update('\0').update(fs.readFileSync(path.join(PROJECT_DIR, f)));
  const argfile = path.join(STATE_DIR, `classpath-${line}-${hash.update(line).digest('hex').slice(0, 16)}.args`);
  if (classpathUsable(argfile)) return argfile;

  return withLock(`resolve-${line}`, signal, async () => {
    if (classpathUsable(argfile)) return argfile;
    if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).error) {
      throw new Error('neo4j-local: Maven (mvn) not found; it is needed once to fetch Neo4j. Debian: apt-get install maven');
    }
    const out = path.join(STATE_DIR, `classpath-${line}.tmp`);
    const args = ['-B', '-Dstyle.color=never', '-f', path.join(PROJECT_DIR, 'pom.xml')];
    if (spec.profile) args.push(`-P${spec.profile}`);
    args.push('compile', 'jar:jar', 'dependency:build-classpath', `-Dmdep.outputFile=${out}`, '-Dmdep.includeScope=runtime');
    process.stderr.write(
      `neo4j-local: resolving Neo4j '${line}' with Maven (the first run downloads about 160 MB into ~/.m2; ` +
        'later runs reuse it and skip Maven)\n',
    );
    const env = { ...process.env };
    if (javaHome) env.JAVA_HOME = javaHome;
    const code = await new Promise((resolve, reject) => {
      const mvn = spawn('mvn', args, { cwd: PROJECT_DIR, env, stdio: ['ignore', 'pipe', 'pipe'], signal });
      mvn.on('error', reject);
      // Maven's progress goes to our stderr, never stdout, which carries only the ready line.
      mvn.stdout.pipe(process.stderr, { end: false });
      mvn.stderr.pipe(process.stderr, { end: false });
      mvn.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`neo4j-local: Maven failed (exit ${code}): mvn ${args.join(' ')}`);
    const jar = path.join(PROJECT_DIR, 'target', line, 'neo4j-local.jar');
    const cp = [jar, ...fs.readFileSync(out, 'utf8').trim().split(path.delimiter)].join(path.delimiter);
    fs.rmSync(out, { force: true });
    // Quoted for java's @argfile syntax, where backslash escapes.
    writeAtomically(argfile, `-cp\n"${cp.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"\n`);
    removeOthers(`classpath-${line}-`, argfile);
    return argfile;
  });
}

/**
 * Class-data sharing: the JVM maps Neo4j's ~20,000 classes, already parsed and verified, from an
 * archive instead of loading them from 200 jars. Measured on the 2-core machine: start-up CPU about a
 * third lower. Java 17 can only record the archive when a JVM exits, so the first start records it in
 * a throwaway run on a temp dir; it is keyed by the classpath, the JDK and jvm.options.
 * Returns the archive's path, or null when recording failed (then starts go on without it).
 */
async function ensureCdsArchive({ line, java, classpath, signal }) {
  const key = createHash('sha256')
    .update(fs.readFileSync(classpath))
    .update(java.bin)
    .update(java.version)
    .update(fs.readFileSync(JVM_OPTIONS))
    .digest('hex')
    .slice(0, 16);
  const archive = path.join(STATE_DIR, `cds-${line}-${key}.jsa`);
  const failed = `${archive}.failed`;
  if (fs.existsSync(archive)) return archive;
  if (fs.existsSync(failed)) return null;

  return withLock(`cds-${line}`, signal, async () => {
    if (fs.existsSync(archive)) return archive;
    process.stderr.write(
      'neo4j-local: recording a class-data sharing archive for faster starts (once per Neo4j build and JDK): ' +
        'starting and stopping a throwaway server\n',
    );
    const tmp = `${archive}.tmp`;
    fs.rmSync(tmp, { force: true });
    const tail = [];
    let why;
    try {
      const server = await launch({
        java,
        classpath,
        javaOpts: [`-XX:ArchiveClassesAtExit=${tmp}`],
        dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'crosswalk-neo4j-cds-')),
        removeDataDir: true,
        password: DEFAULT_PASSWORD,
        timeoutMs: 600_000,
        onStderr: (l) => tail.push(l),
        signal,
      });
      // The JVM writes the archive while it exits; give it time.
      const { code } = await server.stop(600_000);
      if (code === 0 && fs.existsSync(tmp)) {
        fs.renameSync(tmp, archive);
        removeOthers(`cds-${line}-`, archive);
        return archive;
      }
      why = `exit code ${code}, archive ${fs.existsSync(tmp) ? 'written' : 'missing'}`;
    } catch (e) {
      signal?.throwIfAborted();
      why = e.message;
    }
    fs.rmSync(tmp, { force: true });
    fs.writeFileSync(failed, `${why}\n${tail.slice(-20).join('\n')}\n`);
    process.stderr.write(`neo4j-local: no class-data archive (${why}); going on without it, see ${failed}\n`);
    return null;
  });
}

/** Runs fn while holding a lock directory, so parallel test workers do the once-only work once. */
async function withLock(name, signal, fn) {
  fs.mkdirSync(STATE_DIR, { recursive: true });
  const lock = path.join(STATE_DIR, `${name}.lock`);
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const mtime = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      // A lock older than any first run can take was left by a killed process.
      if (Date.now() - mtime > 20 * 60_000) fs.rmSync(lock, { recursive: true, force: true });
      else await sleep(500, undefined, { signal });
    }
  }
  try {
    return await fn();
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
  const m = /^-cp\n"(.*)"\n$/s.exec(fs.existsSync(argfile) ? fs.readFileSync(argfile, 'utf8') : '');
  return Boolean(m) && m[1].replaceAll(/\\(.)/g, '$1').split(path.delimiter).every((e) => fs.existsSync(e));
}

function writeAtomically(file, text) {
  fs.writeFileSync(`${file}.tmp`, text);
  fs.renameSync(`${file}.tmp`, file);
}

/** Drops the cache files of earlier keys, so .neo4j-local/ doesn't fill up with stale archives. */
function removeOthers(prefix, keep) {
  for (const f of fs.readdirSync(STATE_DIR)) {
    const p = path.join(STATE_DIR, f);
    if (f.startsWith(prefix) && p !== keep && !p.startsWith(`${keep}.`)) fs.rmSync(p, { force: true });
  }
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
