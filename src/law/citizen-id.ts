/**
 * Citizen ID numbers (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence
 * (odd = male), and a check character by ISO 7064 MOD 11-2 (SPEC "Facts the rules need").
 *
 * Pure: no I/O, no imports outside src/law. Error messages never echo the number.
 */

import { addYears, isValidYmd, ymd, type LocalDate } from './date';
import { isValidHukouRegionCode } from './regions';

/** Always 18 characters: 17 ASCII digits and a check character 0-9 or upper-case X. */
export type CitizenIdNumber = string & { readonly __brand: 'CitizenIdNumber' };

export type CitizenIdProblem =
  | 'FIFTEEN_DIGIT'
  | 'LENGTH'
  | 'CHARACTERS'
  | 'CHECK_CHARACTER'
  | 'BIRTH_DATE'
  | 'BIRTH_DATE_IN_FUTURE'
  | 'REGION';

export type CitizenIdError = {
  kind: 'CITIZEN_ID_INVALID';
  problem: CitizenIdProblem;
  messageEn: string;
  messageZh: string;
};

export type CitizenIdParseResult =
  | { ok: true; value: CitizenIdNumber; birthDate: LocalDate; sex: 'MALE' | 'FEMALE'; regionCode: string }
  | { ok: false; error: CitizenIdError };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;
const EARLIEST_BIRTH = '1900-01-01';

/**
 * The ISO 7064 MOD 11-2 check character for the first 17 digits.
 * Throws RangeError unless given exactly 17 ASCII digits.
 */
export function citizenIdCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError('expected 17 ASCII digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Composes a valid number: region code (6), birth date (YYYY-MM-DD or YYYYMMDD), sequence (3), check character. */
export function composeCitizenId(regionCode: string, birth: string, seq: number | string): string {
  const first17 = `${regionCode}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + citizenIdCheckCharacter(first17);
}

const MESSAGES: Record<CitizenIdProblem, { en: string; zh: string }> = {
  FIFTEEN_DIGIT: {
    en: 'First-generation 15-digit ID numbers are not accepted; please give the 18-digit citizen ID number.',
    zh: '不接受第一代15位身份证号码，请填写18位公民身份号码。',
  },
  LENGTH: {
    en: 'A citizen ID number has exactly 18 characters.',
    zh: '公民身份号码应为18位。',
  },
  CHARACTERS: {
    en: 'A citizen ID number consists of 17 digits (0-9) followed by a digit or X.',
    zh: '公民身份号码应由17位数字（0-9）和1位数字或X组成。',
  },
  CHECK_CHARACTER: {
    en: 'The check character (last character) of the citizen ID number does not match; please check the number.',
    zh: '公民身份号码校验码（最后一位）不正确，请核对号码。',
  },
  BIRTH_DATE: {
    en: 'The birth date in the citizen ID number (characters 7 to 14) is not a valid date.',
    zh: '公民身份号码中的出生日期（第7至14位）不是有效日期。',
  },
  BIRTH_DATE_IN_FUTURE: {
    en: 'The birth date in the citizen ID number (characters 7 to 14) is after today.',
    zh: '公民身份号码中的出生日期（第7至14位）晚于今天。',
  },
  REGION: {
    en: 'The region code in the citizen ID number (characters 1 to 6) is not a valid administrative division code.',
    zh: '公民身份号码中的地址码（第1至6位）不是有效的行政区划代码。',
  },
};

function fail(problem: CitizenIdProblem): { ok: false; error: CitizenIdError } {
  const m = MESSAGES[problem];
  return { ok: false, error: { kind: 'CITIZEN_ID_INVALID', problem, messageEn: m.en, messageZh: m.zh } };
}

/**
 * Parse and validate an 18-character citizen ID number as of `today` (Asia/Shanghai date).
 * Surrounding ASCII white space is trimmed; a lower-case x is read as X; only ASCII digits count
 * as digits (full-width digits are refused as CHARACTERS).
 */
export function parseCitizenId(input: string, today: LocalDate): CitizenIdParseResult {
  const trimmed = String(input).replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, '');
  const codePoints = Array.from(trimmed);

  if (codePoints.length !== 18) {
    if (/^[0-9]{15}$/.test(trimmed)) return fail('FIFTEEN_DIGIT');
    return fail('LENGTH');
  }

  const upper = trimmed.slice(0, 17) + (trimmed[17] === 'x' ? 'X' : trimmed.slice(17));
  if (!/^[0-9]{17}[0-9X]$/.test(upper)) return fail('CHARACTERS');

  if (citizenIdCheckCharacter(upper.slice(0, 17)) !== upper[17]) return fail('CHECK_CHARACTER');

  const y = +upper.slice(6, 10);
  const m = +upper.slice(10, 12);
  const day = +upper.slice(12, 14);
  if (!isValidYmd(y, m, day)) return fail('BIRTH_DATE');
  const birthDate = ymd(y, m, day);
  if (birthDate < EARLIEST_BIRTH) return fail('BIRTH_DATE');
  if (birthDate > today) return fail('BIRTH_DATE_IN_FUTURE');

  const regionCode = upper.slice(0, 6);
  if (!isValidHukouRegionCode(regionCode)) return fail('REGION');

  const sex = Number(upper[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  return { ok: true, value: upper as CitizenIdNumber, birthDate, sex, regionCode };
}

/**
 * Mask an ID number for display outside public security (Art. 22(4)): the first 6 and last 4
 * characters stay visible, the ones between become '*' (110105********002X). A lower-case x is
 * shown as X. Strings shorter than 11 characters are masked entirely.
 */
export function maskCitizenId(id: string): string {
  const cps = Array.from(String(id).trim().replace(/x$/, 'X'));
  if (cps.length <= 10) return '*'.repeat(cps.length);
  return cps.slice(0, 6).join('') + '*'.repeat(cps.length - 10) + cps.slice(-4).join('');
}

/**
 * Age in full years on `day`.
 *
 * Civil Code reading (民法典 Art. 201–203, as for periods of years): a person completes year k on
 * the corresponding day k years after birth, or on that month's last day where it has none. So
 * someone born 2008-02-29 turns 18 on 2026-02-28 (and on 2028-02-29 turns 20). Each anniversary is
 * counted from the birth date, never chained. A `day` before the birth date gives a negative number
 * (e.g. -1 for a day in the year before birth), so "under 18" checks stay well-defined.
 */
export function ageOn(birthDate: LocalDate, day: LocalDate): number {
  let years = +day.slice(0, 4) - +birthDate.slice(0, 4);
  if (addYears(birthDate, years) > day) years -= 1;
  return years;
}
