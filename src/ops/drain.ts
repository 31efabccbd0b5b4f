/**
 * Graceful shutdown of the HTTP front. On `drain()`: readiness turns false at once; after
 * `delayMs` (for load balancers that poll readiness) no new connection is accepted; requests in
 * flight finish and are answered with `connection: close`; idle keep-alive connections close.
 * Resolves `true` when every connection has ended within `graceMs` of closing the listener, or
 * `false` after cutting what was left at that point.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface Drain {
  /** false from the moment draining starts (readiness answers 503) */
  readonly accepting: boolean;
  /** call for each request; marks its response `connection: close` once draining */
  track(req: IncomingMessage, res: ServerResponse): void;
  /** requests being answered now */
  readonly inFlight: number;
  drain(o: { delayMs: number; graceMs: number }): Promise<boolean>;
}

export function drainController(http: Server): Drain {
  const open = new Set<ServerResponse>();
  let draining = false;
  let settle: (() => void) | null = null;
  const markClose = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  return {
    get accepting() {
      return !draining;
    },
    get inFlight() {
      return open.size;
    },
    track(_req, res) {
      open.add(res);
      if (draining) markClose(res);
      res.on('close', () => {
        open.delete(res);
        if (draining) {
          http.closeIdleConnections();
          if (open.size === 0) settle?.();
        }
      });
    },
    async drain({ delayMs, graceMs }) {
      draining = true;
      for (const res of open) markClose(res);
      if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      const answered =
        open.size === 0
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              settle = resolve;
            });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), graceMs);
      });
      const outcome = await Promise.race([
        Promise.all([answered, closed]).then(() => 'done' as const),
        timeout,
      ]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        http.closeAllConnections();
        await closed;
        return false;
      }
      return true;
    },
  };
}
