/**
 * Calendar dates in China Standard Time (SPEC "Facts": dates are Asia/Shanghai calendar dates).
 *
 * A LocalDate is the string `YYYY-MM-DD`, branded so that only the parser and the arithmetic here
 * can make one. All arithmetic is on integers (days since 1970-01-01, proleptic Gregorian): no JS
 * `Date`, so no UTC drift. Strings of this form compare in calendar order with `<`.
 */

export type LocalDate = string & { readonly __brand: 'LocalDate' };

export type DateError = { kind: 'INVALID_DATE'; input: string; messageEn: string; messageZh: string };

const STRICT = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return (
    Number.isInteger(y) &&
    Number.isInteger(m) &&
    Number.isInteger(d) &&
    y >= 1 &&
    y <= 9999 &&
    m >= 1 &&
    m <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, m)
  );
}

export function ymd(y: number, m: number, d: number): LocalDate {
  if (!isValidYmd(y, m, d)) throw new RangeError(`not a calendar date: ${y}-${m}-${d}`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` as LocalDate;
}

/** Strict `YYYY-MM-DD`, a real date; anything else is refused (2026-2-3, 2026/02/03, 2026-02-30). */
export function parseLocalDate(input: string): LocalDate | DateError {
  const m = STRICT.exec(input);
  if (m && isValidYmd(+m[1], +m[2], +m[3])) return input as LocalDate;
  return {
    kind: 'INVALID_DATE',
    input,
    messageEn: `"${input.slice(0, 40)}" is not a calendar date in the form YYYY-MM-DD`,
    messageZh: `“${input.slice(0, 40)}”不是 YYYY-MM-DD 格式的有效日期`,
  };
}

export function isDateError(x: LocalDate | DateError): x is DateError {
  return typeof x !== 'string';
}

/** For literals in code and tests: throws on a malformed date. */
export function d(input: string): LocalDate {
  const r = parseLocalDate(input);
  if (isDateError(r)) throw new RangeError(r.messageEn);
  return r;
}

export function parts(date: LocalDate): { y: number; m: number; d: number } {
  return { y: +date.slice(0, 4), m: +date.slice(5, 7), d: +date.slice(8, 10) };
}

// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
export function toEpochDay(date: LocalDate): number {
  const { m, d: day } = parts(date);
  let { y } = parts(date);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromEpochDay(n: number): LocalDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return ymd(era * 400 + yoe + (m <= 2 ? 1 : 0), m, day);
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return fromEpochDay(toEpochDay(date) + n);
}

export function daysBetween(from: LocalDate, to: LocalDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** 0 = Monday ... 6 = Sunday (ISO). */
export function isoWeekday(date: LocalDate): number {
  return (((toEpochDay(date) + 3) % 7) + 7) % 7;
}

export function isWeekend(date: LocalDate): boolean {
  return isoWeekday(date) >= 5;
}

/**
 * The corresponding day `months` months later (Civil Code Art. 202): same day-of-month, or the
 * month's last day where it has none. Always counted from the origin, never chained.
 */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const { y, m, d: day } = parts(date);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  return ymd(ny, nm, Math.min(day, daysInMonth(ny, nm)));
}

export function addYears(date: LocalDate, years: number): LocalDate {
  return addMonths(date, years * 12);
}

export function minDate(a: LocalDate, b: LocalDate): LocalDate {
  return a < b ? a : b;
}

export function maxDate(a: LocalDate, b: LocalDate): LocalDate {
  return a > b ? a : b;
}

/** A clock gives the instant; "today" is that instant's date in Asia/Shanghai (UTC+8, no DST since 1991). */
export type Clock = () => number;

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

export function todayInShanghai(clock: Clock): LocalDate {
  return fromEpochDay(Math.floor((clock() + CST_OFFSET_MS) / 86_400_000));
}
