/**
 * `npm run bench:shield`: what graphql-shield costs on a 1000-query verifyEligibilityBatch. The
 * same batch is executed in-process against the bare schema and the shielded one (the gateway's),
 * on a demo-seeded SQLite file; medians of 7 runs each, after a warm-up.
 */
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execute, parse, type GraphQLSchema } from 'graphql';
import pino from 'pino';
import { createGateway } from '../src/server';
import { buildBareSchema, buildGatewaySchema } from '../src/graphql/schema';
import { createLoaders } from '../src/graphql/context';
import { OFFICIAL_CALENDAR } from '../src/calendar/official';
import { resolveRegionCode } from '../src/law';
import { demoPeople } from '../seeds/demo';

async function main() {
  const gw = await createGateway({
    databaseUrl: join(mkdtempSync(join(tmpdir(), 'gw-shield-')), 'b.sqlite'),
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
  const doc = parse(
    'query($qs: [EligibilityQuery!]!) { verifyEligibilityBatch(queries: $qs) { decisionId eligible entitlementCode asOf permit { maskedCitizenIdNumber status issuedOn validThrough endorsementWindow { from to provisional } region { code nameZh kind } } reasons { code passed citation { article paragraph clause textZh } messageZh messageEn } rulesVersion } }',
  );
  const caller = {
    sub: 'bench:housing',
    role: 'DEPARTMENT' as const,
    region: resolveRegionCode('410300')!,
    department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT' as const,
    scope: new Set(['PUBLIC_RENTAL_HOUSING']),
  };
  const once = async (schema: GraphQLSchema) => {
    const em = gw.orm.em.fork();
    const started = performance.now();
    const r = await execute({
      schema,
      document: doc,
      variableValues: { qs: queries },
      contextValue: {
        requestId: 'bench',
        caller,
        em,
        deps: { calendar: OFFICIAL_CALENDAR, clock: Date.now },
        loaders: createLoaders(em),
      },
    });
    if (r.errors) throw new Error(r.errors[0].message);
    return performance.now() - started;
  };
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const bare = await buildBareSchema();
  const shielded = await buildGatewaySchema();
  await once(bare);
  await once(shielded);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < 7; i += 1) {
    a.push(await once(bare));
    b.push(await once(shielded));
  }
  const report = {
    batch: 1000,
    bareMs: Math.round(median(a)),
    shieldedMs: Math.round(median(b)),
    shieldOverheadMs: Math.round(median(b) - median(a)),
    shieldOverheadPercent: Math.round(((median(b) - median(a)) / median(a)) * 1000) / 10,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  await gw.close();
}
void main();
