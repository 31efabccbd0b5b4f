/**
 * `npm start`: serves the gateway on DATABASE_URL (default: an SQLite file under data/, created,
 * migrated and seeded with the demo set on first start). In development it prints a ready demo
 * token for each kind of caller; with NODE_ENV=production, a way to verify tokens is required (the
 * HS256 GATEWAY_JWT_SECRET, an OIDC issuer GATEWAY_OIDC_ISSUER or a GATEWAY_JWKS_URL) and demo tokens
 * are neither printed nor accepted.
 */
import 'reflect-metadata';
import { createGateway, shutdownOptionsFrom, type Gateway } from './server';
import { signToken } from './app/auth';
import { DEMO_CALLERS, demoHolderClaims, demoToken } from './app/demo-callers';
import { demoPeople } from '../seeds/demo';

async function main() {
  const production = process.env.NODE_ENV === 'production';
  const shutdown = shutdownOptionsFrom(process.env); // a bad SHUTDOWN_* value stops the start, not the shutdown
  const out = (s: string) => process.stderr.write(`${s}\n`);
  // A signal during the start (migrations, the first seeding: seconds) is kept until the start is
  // done, then handled as any other: the database is never left half-migrated or half-seeded by a
  // stop that came too early, and the exit code says the stop was clean.
  const early = startSignals(out);
  out('Luoyang residence-permit gateway: starting (the first start migrates and seeds the database)');
  const gateway = await createGateway({
    databaseUrl: process.env.DATABASE_URL,
    port: Number(process.env.PORT ?? 4000),
    host: process.env.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    seed: production || process.env.SEED === 'reference' ? 'reference' : 'demo',
  });
  const onSignal = installSignalHandlers(gateway, shutdown, out);
  const pending = early.done();
  if (pending) return onSignal(pending);
  out(`Luoyang residence-permit gateway: ${gateway.url}`);
  out(
    `Receipt key set: ${gateway.url.replace(/\/graphql$/, '/.well-known/jwks.json')} (kid ${gateway.receipts.kid})`,
  );
  if (!production) {
    out(`Console: ${gateway.url.replace(/\/graphql$/, '/console/')}`);
    out('Demo tokens (development only; valid 12 h):');
    for (const caller of DEMO_CALLERS) {
      out(`  ${caller.labelEn}:\n    ${await demoToken(gateway.auth, caller)}`);
    }
    const people = demoPeople();
    const [a] = people;
    out(`Demo holder: ${a.name} ${a.citizenIdNumber} (see README for more)`);
    // the holder as a caller (their own file, share codes, the checks made about them): 郭伟, valid
    // permit in 涧西区 with a school-age child, so the Jianxi school above can check them by code
    const guo = people.find((p) => p.name === '郭伟' && p.state === 'WITH_CHILDREN')!;
    const holder = demoHolderClaims(guo.citizenIdNumber);
    out(
      `Demo holder token (HOLDER ${guo.name}: me, myVerifications, createShareCode; development only):\n    ${await signToken(gateway.auth, holder)}`,
    );
  }
}

/**
 * The one owner of SIGTERM and SIGINT (Apollo's own handlers are off). The first signal drains
 * (src/ops/drain.ts) and exits 0 when everything in flight was answered within the grace period,
 * 1 when what was left had to be cut; a second signal exits at once (130 for SIGINT, 143 for
 * SIGTERM, as a shell reports them).
 */
function installSignalHandlers(
  gateway: Gateway,
  o: { delayMs: number; graceMs: number },
  out: (s: string) => void,
): (signal: NodeJS.Signals) => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      out(`${signal} again: exiting now`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    out(`${signal}: draining (delay ${o.delayMs} ms, grace ${o.graceMs} ms)`);
    // a last resort if closing the database itself hangs
    setTimeout(() => process.exit(1), o.delayMs + o.graceMs + 5_000).unref();
    gateway.shutdown(o).then(
      (answered) => process.exit(answered ? 0 : 1),
      (e: unknown) => {
        out(`shutdown failed: ${(e as Error).message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return onSignal;
}

/**
 * Signals that arrive while the gateway starts: the first is remembered (and said); `done()`
 * removes this handler and returns it, to be handled as any stop once the gateway serves.
 */
function startSignals(out: (s: string) => void): { done(): NodeJS.Signals | null } {
  let pending: NodeJS.Signals | null = null;
  const onEarly = (signal: NodeJS.Signals) => {
    pending ??= signal;
    out(`${signal} during the start: stopping as soon as the start is done`);
  };
  process.on('SIGINT', onEarly);
  process.on('SIGTERM', onEarly);
  return {
    done() {
      process.off('SIGINT', onEarly);
      process.off('SIGTERM', onEarly);
      return pending;
    },
  };
}

main().catch((e: unknown) => {
  process.stderr.write(`failed to start: ${(e as Error).message}\n`);
  process.exit(1);
});
