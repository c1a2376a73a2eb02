import { DataDirectory } from '../../src/workspace/data-directory.js';
import { DirectoryLockedError } from '../../src/workspace/directory-lock.js';

/**
 * A separate process using a data directory, for the lock and kill -9 tests:
 *   hold <dir>                        open it, print "opened <pid>", keep it until SIGTERM
 *   open-once <dir>                   open it and close it; exit 3 with the message if it is locked
 *   append <dir> <workspace> <count>  append <count> journal entries, 8 at a time, printing
 *                                     "ack <revision> <n>" for each only once its append resolved
 *                                     (after fsync): what the parent sees was acknowledged
 */
const [mode, dir, workspace, count] = process.argv.slice(2);
const log = (message: string) => process.stderr.write(`log: ${message}\n`);

try {
  const data = await DataDirectory.open(dir!, { log });
  if (mode === 'hold') {
    process.stdout.write(`opened ${process.pid}\n`);
    process.on('SIGTERM', () => void data.close().then(() => process.exit(0)));
    setInterval(() => undefined, 1 << 30);
  } else if (mode === 'open-once') {
    process.stdout.write(`opened ${process.pid}\n`);
    await data.close();
  } else if (mode === 'append') {
    const journal = (await data.workspace(workspace!)).journal;
    const total = Number(count);
    let next = 0;
    const worker = async () => {
      while (next < total) {
        const n = next++;
        const entry = await journal.append({ who: 'k-test', operation: 'proposeMappings', before: null, after: { n, note: `entry ${n} `.padEnd(300, '.') } });
        process.stdout.write(`ack ${entry.revision} ${n}\n`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    process.stdout.write('done\n');
    await data.close();
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof DirectoryLockedError ? 3 : 1);
}
