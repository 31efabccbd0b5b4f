/**
 * Guessing share codes: 2 000 random codes tried against 15 live ones, at the use-case level (the
 * attempt limit spread over 200 callers of 10 tries each, so the guesses reach the code), find
 * none — and every guess gets the one SHARE_CODE_INVALID answer. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICIAL_CALENDAR } from '../../src/calendar/official';
import { resolveRegionCode } from '../../src/law';
import type { Caller } from '../../src/app/caller';
import { AppError } from '../../src/app/errors';
import type { Scope } from '../../src/app/scope';
import { shareCodeAttempts } from '../../src/app/share-codes/attempts';
import { newCode, shareCodeKey } from '../../src/app/share-codes/code';
import { verifyByShareCode } from '../../src/app/share-codes/verify-by-share-code';
import {
  CALLERS,
  FIXED_NOW,
  TEST_SECRET,
  databases,
  startGateway,
  type TestGateway,
} from '../support/gateway';
import { APPLY, ISSUE, REGISTER, idNumber, registration } from '../support/people';

const DBS = await databases();
const GUESSES = 2000;
const PER_CALLER = 10;

describe.each(DBS)('2 000 random share codes on %s', (db) => {
  let g: TestGateway;
  const live: string[] = [];
  const holders: string[] = [];

  beforeAll(async () => {
    g = await startGateway(db);
    const ps = await g.token(CALLERS.psCity);
    for (let i = 0; i < 3; i += 1) {
      const id = idNumber('411302', `1982-0${i + 1}-0${i + 1}`, 640 + i);
      holders.push(id);
      await g.gql(REGISTER, { input: registration(id, '猜码测试', '410302', '2025-10-01') }, ps);
      const app = await g.gql(APPLY, { input: { citizenIdNumber: id, appliedOn: '2026-04-10' } }, ps);
      await g.gql(ISSUE, { id: app.body.data.applyForPermit.id, on: '2026-04-15' }, ps);
      const holder = await g.token({ sub: `idp:guess-${i}`, role: 'HOLDER', citizenIdNumber: id });
      for (let k = 0; k < 5; k += 1) {
        const r = await g.gql(
          'mutation { createShareCode(input: { ttlSeconds: 1800 }) { code } }',
          {},
          holder,
        );
        expect(r.body.errors).toBeUndefined();
        live.push(r.body.data.createShareCode.code);
      }
    }
  });
  afterAll(async () => {
    await g?.stop();
  });

  it('finds none of the live codes, and answers every guess the same', async () => {
    const deps = {
      calendar: OFFICIAL_CALENDAR,
      clock: () => FIXED_NOW,
      shareCodes: {
        key: shareCodeKey({ NODE_ENV: 'test', GATEWAY_JWT_SECRET: TEST_SECRET }),
        attempts: shareCodeAttempts(),
      },
    };
    const scopeFor = (i: number): Scope => {
      const caller: Caller = {
        sub: `test:guesser-${Math.floor(i / PER_CALLER)}`,
        role: 'DEPARTMENT',
        region: resolveRegionCode('410300')!,
        department: 'HOUSING_AND_URBAN_RURAL_DEVELOPMENT',
        scope: new Set(['PUBLIC_RENTAL_HOUSING']),
      };
      return { em: g.gateway.orm.em.fork(), caller, deps };
    };
    const known = new Set(live);
    const answers = new Map<string, number>();
    let tried = 0;
    // each caller's ten guesses in turn, four callers at a time
    const callerGuesses = async (c: number) => {
      for (let i = c * PER_CALLER; i < (c + 1) * PER_CALLER; i += 1) {
        const guess = newCode();
        if (known.has(guess)) continue; // 15 in 32^8: never in practice, and not a guess worth counting
        tried += 1;
        try {
          await verifyByShareCode(scopeFor(i), { code: guess, entitlement: 'PUBLIC_RENTAL_HOUSING' });
          answers.set('FOUND', (answers.get('FOUND') ?? 0) + 1);
        } catch (e) {
          const key = e instanceof AppError ? `${e.code} ${String(e.extra.reason)} ${e.message}` : String(e);
          answers.set(key, (answers.get(key) ?? 0) + 1);
        }
      }
    };
    for (let c = 0; c < GUESSES / PER_CALLER; c += 4)
      await Promise.all([c, c + 1, c + 2, c + 3].map(callerGuesses));
    expect(tried).toBe(GUESSES);
    expect([...answers.entries()]).toEqual([
      [expect.stringMatching(/^BAD_USER_INPUT SHARE_CODE_INVALID /), GUESSES],
    ]);
    // the live codes are untouched, and a real one works through the same use case and key
    for (const id of holders) {
      const holder = await g.token({ sub: 'idp:check', role: 'HOLDER', citizenIdNumber: id });
      expect((await g.gql('{ myShareCodes { id } }', {}, holder)).body.data.myShareCodes).toHaveLength(5);
    }
    const d = await verifyByShareCode(scopeFor(GUESSES + 1), {
      code: live[0],
      entitlement: 'PUBLIC_RENTAL_HOUSING',
    });
    expect(d.eligible).toBe(true);
  }, 300_000);
});
