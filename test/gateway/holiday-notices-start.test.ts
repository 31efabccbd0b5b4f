/**
 * SPEC "Holiday notices": HOLIDAY_NOTICES_FILE is read at start; a file that cannot be used stops
 * the start with a message naming the field or the first date that differs from the package, and
 * nothing listens. A good file starts the gateway and its digest is in every rulesVersion.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { createGateway } from '../../src/server';
import { CALLERS, TEST_ENV, startGateway } from '../support/gateway';

const dir = mkdtempSync(join(tmpdir(), 'gw-notices-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REAL_2026 = JSON.parse(readFileSync(join(__dirname, '../fixtures/holiday-notice-2026.json'), 'utf8'));
const notice2026 = REAL_2026.notices[0];

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const start = (path: string) =>
  createGateway({
    databaseUrl: join(dir, 'never-created.sqlite'),
    env: { ...TEST_ENV, HOLIDAY_NOTICES_FILE: path },
    logger: pino({ level: 'silent' }),
  });

describe('a start with a notices file that cannot be used fails, naming what is wrong', () => {
  it.each<[string, () => string, RegExp]>([
    [
      'no such file',
      () => join(dir, 'missing.json'),
      /^HOLIDAY_NOTICES_FILE: \(file\): cannot read .*missing\.json: ENOENT/,
    ],
    [
      'not JSON',
      () => file('not-json.json', '{"notices": [ {"year": 2027, '),
      /^HOLIDAY_NOTICES_FILE: \(file\): not valid JSON/,
    ],
    [
      'a field of the wrong kind',
      () =>
        file(
          'kind.json',
          JSON.stringify({ notices: [{ year: 2027, source: 's', offDays: '2027-01-01', workDays: [] }] }),
        ),
      /notices\[0\]\.offDays: expected an array/,
    ],
    [
      'a date that is not real',
      () =>
        file(
          'date.json',
          JSON.stringify({ notices: [{ year: 2027, source: 's', offDays: ['2027-02-29'], workDays: [] }] }),
        ),
      /notices\[0\]\.offDays\[0\]: "2027-02-29" is not a calendar date/,
    ],
    [
      'a date outside the year',
      () =>
        file(
          'year.json',
          JSON.stringify({ notices: [{ year: 2027, source: 's', offDays: ['2026-12-31'], workDays: [] }] }),
        ),
      /notices\[0\]\.offDays\[0\]: 2026-12-31 is not in the notice's year 2027/,
    ],
    [
      'a day in both lists',
      () =>
        file(
          'both.json',
          JSON.stringify({
            notices: [{ year: 2027, source: 's', offDays: ['2027-02-06'], workDays: ['2027-02-06'] }],
          }),
        ),
      /notices\[0\]\.workDays\[0\]: 2027-02-06 is both a day off and a make-up working day/,
    ],
    [
      '2026 missing 2026-10-07',
      () =>
        file(
          'd1.json',
          JSON.stringify({
            notices: [
              { ...notice2026, offDays: notice2026.offDays.filter((x: string) => x !== '2026-10-07') },
            ],
          }),
        ),
      /notices\[0\]\.offDays: 2026-10-07 is a day off in chinese-days.* but not in the notice for 2026/,
    ],
    [
      '2026 with 2026-10-08 off',
      () =>
        file(
          'd2.json',
          JSON.stringify({ notices: [{ ...notice2026, offDays: [...notice2026.offDays, '2026-10-08'] }] }),
        ),
      /notices\[0\]\.offDays: 2026-10-08 is in the notice for 2026 but not a day off/,
    ],
  ])('%s', async (_case, path, message) => {
    await expect(start(path())).rejects.toThrow(message);
    expect(existsSync(join(dir, 'never-created.sqlite'))).toBe(false); // refused before the register is opened
  });
});

describe('a start with a good notices file', () => {
  it('the real 2026 notice and a 2027 one: the gateway answers, and rulesVersion names the notices', async () => {
    const notices = {
      notices: [
        notice2026,
        { year: 2027, source: '（测试用，虚构）', offDays: ['2027-01-01'], workDays: [] },
      ],
    };
    const g = await startGateway('sqlite', {
      env: { ...TEST_ENV, HOLIDAY_NOTICES_FILE: file('good.json', JSON.stringify(notices)) },
    });
    try {
      const token = await g.token(CALLERS.housing);
      const r = await g.gql(
        `{ verifyEligibility(query: { citizenIdNumber: "410102197501011004", holderName: "王伟", entitlement: "PUBLIC_RENTAL_HOUSING" }) { rulesVersion } }`,
        {},
        token,
      );
      expect(r.body.errors).toBeUndefined();
      expect(r.body.data.verifyEligibility.rulesVersion).toMatch(
        /cal-chinese-days@[0-9.]+:2004-2026\+notices-2026\.2027-[0-9a-f]{16}$/,
      );
    } finally {
      await g.stop();
    }
  });
});
