import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, d } from '../../src/law/date';
import {
  ageOn,
  citizenIdCheckCharacter,
  composeCitizenId,
  maskCitizenId,
  parseCitizenId,
} from '../../src/law/citizen-id';

const TODAY = d('2026-11-28');

describe('parseCitizenId: valid numbers', () => {
  it.each([
    // input,                      value,                birthDate,    sex,      region
    ['11010519491231002X', '11010519491231002X', '1949-12-31', 'FEMALE', '110105'],
    ['11010519491231002x', '11010519491231002X', '1949-12-31', 'FEMALE', '110105'],
    ['  11010519491231002X\t\n', '11010519491231002X', '1949-12-31', 'FEMALE', '110105'],
    ['410302199001011235', '410302199001011235', '1990-01-01', 'MALE', '410302'],
    ['410302202611280015', '410302202611280015', '2026-11-28', 'MALE', '410302'],
    ['\v\f11010519491231002X\v', '11010519491231002X', '1949-12-31', 'FEMALE', '110105'],
    ['110105190001010028', '110105190001010028', '1900-01-01', 'FEMALE', '110105'],
  ])('%j is valid', (input, value, birthDate, sex, regionCode) => {
    const r = parseCitizenId(input, TODAY);
    expect(r).toEqual({ ok: true, value, birthDate, sex, regionCode });
  });
});

describe('parseCitizenId: refusals', () => {
  it.each([
    // input,                         problem,                  why
    ['110105194912310021', 'CHECK_CHARACTER', 'wrong check character'],
    ['11010519491231002Y', 'CHARACTERS', 'Y is not a check character'],
    ['110105194912310', 'FIFTEEN_DIGIT', 'first-generation 15-digit number'],
    ['1101051949123100', 'LENGTH', '16 digits'],
    ['11010519491231002X1', 'LENGTH', '19 characters'],
    ['', 'LENGTH', 'empty'],
    ['11010519491231002X\u3000', 'LENGTH', 'only ASCII white space is trimmed'],
    ['1101051949123100AX', 'CHARACTERS', 'a letter among the digits'],
    ['X1010519491231002X', 'CHARACTERS', 'X only in last place'],
    ['１１０１０５１９４９１２３１００２Ｘ', 'CHARACTERS', 'full-width digits'],
    ['110105 19491231 02', 'CHARACTERS', 'internal space'],
    [withCheck('11010520260230002'), 'BIRTH_DATE', '2026-02-30 is not a date'],
    [withCheck('11010520251301002'), 'BIRTH_DATE', 'month 13'],
    [withCheck('11010518991231002'), 'BIRTH_DATE', 'before 1900'],
    [withCheck('11010520261129002'), 'BIRTH_DATE_IN_FUTURE', 'born the day after today'],
    [withCheck('00010519491231002'), 'REGION', 'region 000105'],
    [withCheck('99010519491231002'), 'REGION', 'region 990105'],
  ])('%j is refused with %s (%s)', (input, problem) => {
    const r = parseCitizenId(input, TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('CITIZEN_ID_INVALID');
    expect(r.error.problem).toBe(problem);
    expect(r.error.messageEn.length).toBeGreaterThan(0);
    expect(r.error.messageZh.length).toBeGreaterThan(0);
    // never echo the number
    expect(r.error.messageEn).not.toContain(input.trim() || '\u0000');
    expect(r.error.messageZh).not.toContain(input.trim() || '\u0000');
  });

  it('the 15-digit message says 18 digits are needed', () => {
    const r = parseCitizenId('110105491231002', TODAY);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.messageEn).toMatch(/15-digit/);
    expect(r.error.messageEn).toMatch(/18-digit/);
    expect(r.error.messageZh).toMatch(/15位/);
    expect(r.error.messageZh).toMatch(/18位/);
  });

  it('born today is accepted; the answer depends on the given today, not the clock', () => {
    const id = withCheck('41030220261128001');
    expect(parseCitizenId(id, d('2026-11-28')).ok).toBe(true);
    const r = parseCitizenId(id, d('2026-11-27'));
    expect(r.ok === false && r.error.problem).toBe('BIRTH_DATE_IN_FUTURE');
  });
});

describe('maskCitizenId', () => {
  it.each([
    ['11010519491231002X', '110105********002X'],
    ['11010519491231002x', '110105********002X'],
    ['410302199001011235', '410302********1235'],
    ['12345', '*****'],
    ['', ''],
    ['4103021990', '**********'],
    ['41030219901', '410302*9901'],
    ['  410302199001011235 ', '410302********1235'],
    ['x1010519491231002x', 'x10105********002X'],
  ])(
    '%j → %j (the first 6 and last 4 stay visible; 10 characters or fewer are masked entirely)',
    (id, masked) => {
      expect(maskCitizenId(id)).toBe(masked);
    },
  );
});

describe('citizenIdCheckCharacter: ISO 7064 MOD 11-2 over exactly 17 ASCII digits', () => {
  it.each([
    // first 17,             check
    ['11010519491231002', 'X'],
    ['41030219900101123', '5'],
  ])('%s → %s', (first17, check) => {
    expect(citizenIdCheckCharacter(first17)).toBe(check);
  });

  it.each([
    // input,                 why
    ['1101051949123100', '16 digits'],
    ['110105194912310021', '18 digits'],
    ['1101051949123100X', 'a letter'],
    ['X11010519491231002', 'a letter in front of 17 digits'],
    ['11010519491231002X', '17 digits and a letter behind'],
  ])('refuses %j (%s)', (input) => {
    expect(() => citizenIdCheckCharacter(input)).toThrow(new RangeError('expected 17 ASCII digits'));
  });
});

describe('composeCitizenId: region code, birth date, sequence, check character (GB 11643)', () => {
  it.each([
    // region,   birth,         sequence, number
    ['110105', '1949-12-31', 2, '11010519491231002X'],
    ['110105', '19491231', '002', '11010519491231002X'],
    ['410302', '1990-01-01', 123, '410302199001011235'],
    ['410302', '2026-11-28', 1, '410302202611280015'],
  ] as [string, string, number | string, string][])(
    '%s, born %s, sequence %j → %s',
    (region, birth, seq, id) => {
      expect(composeCitizenId(region, birth, seq)).toBe(id);
      expect(parseCitizenId(id, TODAY).ok).toBe(true);
    },
  );
});

describe('ageOn (Civil Code anniversaries)', () => {
  it.each([
    ['2008-02-29', '2026-02-27', 17],
    ['2008-02-29', '2026-02-28', 18],
    ['2008-02-29', '2028-02-28', 19],
    ['2008-02-29', '2028-02-29', 20],
    ['2008-11-28', '2026-11-27', 17],
    ['2008-11-28', '2026-11-28', 18],
    ['2026-11-28', '2026-11-28', 0],
    ['2026-11-29', '2026-11-28', -1],
  ])('born %s, on %s: %i', (birth, day, age) => {
    expect(ageOn(d(birth), d(day))).toBe(age);
  });
});

describe('property: MOD 11-2', () => {
  const validId = fc
    .record({
      province: fc.constantFrom('11', '31', '41', '44', '65', '71', '81', '82'),
      rest: fc.integer({ min: 0, max: 9999 }),
      date: fc.integer({ min: 0, max: 46_000 }), // days after 1900-01-01, up to ~2025
      seq: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ province, rest, date, seq }) => {
      const born = addDaysFrom1900(date);
      const first17 =
        province + String(rest).padStart(4, '0') + born.replace(/-/g, '') + String(seq).padStart(3, '0');
      return { id: first17 + citizenIdCheckCharacter(first17), born, seq };
    });

  it('a number with its computed check character validates', () => {
    fc.assert(
      fc.property(validId, ({ id, born, seq }) => {
        const r = parseCitizenId(id, TODAY);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value).toBe(id);
        expect(r.birthDate).toBe(born);
        expect(r.sex).toBe(seq % 2 === 1 ? 'MALE' : 'FEMALE');
      }),
    );
  });

  it('changing any one digit makes it fail', () => {
    fc.assert(
      fc.property(
        validId,
        fc.integer({ min: 0, max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        ({ id }, pos, delta) => {
          const ch = id[pos];
          let replacement: string;
          if (ch === 'X') replacement = String(delta);
          else replacement = String((+ch + delta) % 10);
          const changed = id.slice(0, pos) + replacement + id.slice(pos + 1);
          expect(changed).not.toBe(id);
          const r = parseCitizenId(changed, TODAY);
          expect(r.ok).toBe(false);
          if (r.ok) return;
          expect(r.error.problem).toBe('CHECK_CHARACTER');
        },
      ),
    );
  });
});

function withCheck(first17: string): string {
  return first17 + citizenIdCheckCharacter(first17);
}

function addDaysFrom1900(n: number): string {
  return addDays(d('1900-01-01'), n);
}
