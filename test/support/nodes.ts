/**
 * Gateway nodes as real processes: the built server (`npm start`'s entry, compiled once into a
 * folder of its own under dist/ so a parallel build elsewhere cannot rewrite it under us), started
 * with its own port on a database the test names.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { TEST_SECRET } from './gateway';

const ROOT = join(__dirname, '..', '..');
const OUT = 'dist/.nodes-test';

let built = false;
/** Compiles src/ and seeds/ into dist/.nodes-test (once per test file). */
export function buildServer(): void {
  if (built) return;
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', OUT],
    { cwd: ROOT, stdio: 'ignore' },
  );
  built = true;
}

export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface Node {
  url: string;
  child: ChildProcess;
  /** what the process wrote on stderr */
  stderr(): string;
  kill(): Promise<void>;
}

/** Starts `node dist/.nodes-test/src/main.js` on `databaseUrl`; resolves once it serves. */
export async function startNode(databaseUrl: string, env: Record<string, string> = {}): Promise<Node> {
  const port = await freePort();
  const child = spawn(process.execPath, [`${OUT}/src/main.js`], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      GATEWAY_JWT_SECRET: TEST_SECRET,
      LOG_LEVEL: 'silent',
      REDIS_URL: '',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (b: Buffer) => {
    err += b.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', () => {
      if (err.includes('gateway: http')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`node exited ${code} before serving: ${err.slice(-2000)}`)),
    );
  });
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    child,
    stderr: () => err,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** POSTs one GraphQL document to a node. */
export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<{
  status: number;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] };
}> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: r.status, body: JSON.parse(await r.text()) };
}
