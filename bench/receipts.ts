/**
 * `npm run bench:receipts`: what receipts cost. The same 1000-query verifyEligibilityBatch is
 * executed in-process against the gateway's schema with and without `receipt` selected, on a
 * demo-seeded SQLite file (or DATABASE_URL); medians of 7 runs each, after a warm-up. The cost is
 * paid only by callers who select the field.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, parse } from 'graphql';
import pino from 'pino';
import { createGateway } from '../src/server';
import { buildGatewaySchema } from '../src/graphql/schema';
import { createLoaders } from '../src/graphql/context';
import { OFFICIAL_CALENDAR } from '../src/calendar/official';
import { resolveRegionCode } from '../src/law';
import { demoPeople } from '../seeds/demo';

const FIELDS =
  'decisionId eligible entitlementCode asOf permit { maskedCitizenIdNumber status validThrough } reasons { code passed } rulesVersion';

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'gw-receipts-bench-'));
  const gw = await createGateway({
    databaseUrl: process.env.DATABASE_URL ?? join(dir, 'b.sqlite'),
    dataDir: dir,
    seed: 'demo',
    logger: pino({ level: 'silent' }),
    env: { NODE_ENV: 'test', GATEWAY_JWT_SECRET: 'x'.repeat(40) },
  });
  const people = demoPeople();
  const queries = Array.from({ length: 1000 }, (_, i) => ({
    citizenIdNumber: people[i % people.length].citizenIdNumber,
    holderName: people[i % people.length].name,
    entitlement: 'PUBLIC_RENTAL_HOUSING',
  }));
  const without = parse(
    `query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { ${FIELDS} } }`,
  );
  const withReceipt = parse(
    `query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { ${FIELDS} receipt } }`,
  );
  const caller = {
    sub: 'bench:housing',
    role: 'DEPARTMENT' as const,
    region: resolveRegionCode('410300')!,
    department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT' as const,
    scope: new Set(['PUBLIC_RENTAL_HOUSING']),
  };
  const schema = await buildGatewaySchema();
  const once = async (document: typeof without) => {
    const em = gw.orm.em.fork();
    const started = performance.now();
    const r = await execute({
      schema,
      document,
      variableValues: { qs: queries },
      contextValue: {
        requestId: 'bench',
        caller,
        em,
        deps: { calendar: OFFICIAL_CALENDAR, clock: Date.now },
        loaders: createLoaders(em),
        receipts: gw.receipts,
      },
    });
    if (r.errors) throw new Error(r.errors[0].message);
    return performance.now() - started;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  await once(without);
  await once(withReceipt);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    a.push(await once(without));
    b.push(await once(withReceipt));
  }
  const report = {
    batch: 1000,
    database: process.env.DATABASE_URL ? 'postgresql' : 'sqlite',
    withoutReceiptMs: Math.round(median(a)),
    withReceiptMs: Math.round(median(b)),
    receiptsMsPer1000: Math.round(median(b) - median(a)),
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await gw.close();
}
void main();
