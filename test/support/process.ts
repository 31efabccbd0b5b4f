/**
 * The gateway as a real process: `node dist/src/main.js` (what `npm start` execs), built once per
 * test file, on a free loopback port, with its log lines (pino JSON on stdout) and its banner
 * (stderr) collected, so tests can send it real signals and watch it exit.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

let built = false;
/** `tsc -p tsconfig.build.json`, once per test file. */
export function buildServer(): void {
  if (built) return;
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
  built = true;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** http://127.0.0.1:port */
  readonly base: string;
  readonly url: string;
  /** pino lines (parsed) and banner lines, as they came */
  readonly logs: Record<string, unknown>[];
  readonly stderr: string[];
  /** resolves when the process has exited */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** resolves with the first log line for which `pred` holds (already seen ones count) */
  waitForLog(
    pred: (l: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** resolves when a banner line (stderr) containing `text` has been seen */
  waitForStderr(text: string, timeoutMs?: number): Promise<void>;
}

export async function spawnServer(
  env: Record<string, string>,
  o: { port?: number } = {},
): Promise<ServerProcess> {
  buildServer();
  const port = o.port ?? (await freePort());
  const child = spawn(process.execPath, ['dist/src/main.js'], {
    cwd: ROOT,
    // the development receipt key goes to a folder of the test's, never the repo's data/
    env: {
      PATH: process.env.PATH ?? '',
      LOG_LEVEL: 'debug',
      GATEWAY_DATA_DIR: mkdtempSync(join(tmpdir(), 'gw-proc-')),
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const waiters: {
    pred: (l: Record<string, unknown>) => boolean;
    resolve: (l: Record<string, unknown>) => void;
  }[] = [];
  let pending = '';
  child.stdout.on('data', (b: Buffer) => {
    pending += b.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines.filter(Boolean)) {
      let parsed: Record<string, unknown>;
      try {
        parsed = JSON.parse(line) as Record<string, unknown>;
      } catch {
        parsed = { msg: line };
      }
      logs.push(parsed);
      for (const w of [...waiters])
        if (w.pred(parsed)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(parsed);
        }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (b: Buffer) => {
      stderr.push(...b.toString().split('\n').filter(Boolean));
      if (b.toString().includes('gateway: http')) resolve();
    });
    void exited.then((e) =>
      reject(
        new Error(
          `the server exited (${e.code ?? e.signal}) before it listened: ${stderr.join(' | ').slice(0, 500)}`,
        ),
      ),
    );
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    child,
    pid: child.pid!,
    base,
    url: `${base}/graphql`,
    logs,
    stderr,
    exited,
    async waitForStderr(text, timeoutMs = 60_000) {
      const until = Date.now() + timeoutMs;
      while (!stderr.some((l) => l.includes(text))) {
        if (Date.now() > until) throw new Error(`"${text}" not seen on stderr`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    waitForLog(pred, timeoutMs = 60_000) {
      const seen = logs.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('log line not seen')), timeoutMs);
        waiters.push({
          pred,
          resolve: (l) => {
            clearTimeout(timer);
            resolve(l);
          },
        });
      });
    },
  };
}
