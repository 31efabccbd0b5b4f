/**
 * SQLite's write-ahead log, copied back into the database off the event loop (issue 8).
 *
 * In WAL mode every commit appends the pages it changed to `<file>-wal`. By default the commit
 * that takes the log past 1000 pages also copies the log back into the database and syncs both
 * (a checkpoint): on the event loop, inside a request, about half of what a group commit cost.
 * Here a worker thread with a connection of its own runs a PASSIVE checkpoint every 100 ms — it
 * never waits for, nor blocks, the writer or a reader — and the server's own connection checkpoints
 * only past 10 000 pages (40 MiB at 4 KiB pages), should the worker fall behind or be gone.
 * Durability is unchanged: a commit is in the log before it is answered, and a log not yet copied
 * back is read, and then copied, by the next connection that opens the file (after a kill too).
 */
import { Worker } from 'node:worker_threads';

/** The server's connection checkpoints by itself only past this many pages in the log. */
export const BACKSTOP_PAGES = 10_000;
const EVERY_MS = 100;

/** Runs in the worker: opens the file, checkpoints every `everyMs`, closes on 'stop'. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { timeout: 0 });
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or gone: the next turn, or the backstop */ }
}, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* the next open copies the rest */ }
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker after one last checkpoint (the database stays whole either way). */
  stop(): Promise<void>;
}

/** Starts the worker for an SQLite file (none for `:memory:`, which has no log). */
export function startCheckpointer(file: string): Checkpointer {
  if (file === ':memory:') return { stop: async () => undefined };
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { file, module: require.resolve('better-sqlite3'), everyMs: EVERY_MS },
  });
  worker.unref(); // never what keeps the process alive
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', () => undefined); // a worker that failed leaves the backstop to checkpoint
  return {
    async stop() {
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
