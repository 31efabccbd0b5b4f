/**
 * HOLIDAY_NOTICES_FILE (SPEC "Holiday notices"): State Council notices the operator adds on top of
 * the package's data, read once at start. JSON `{"notices": [{"year", "source", "offDays",
 * "workDays"}]}`; anything malformed, or a notice that disagrees with the package for a year the
 * package knows, stops the start with a message naming the field or the first date that differs.
 * The calendar's id (and so every decision's rulesVersion) carries a digest of the notices loaded.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  calendarFromSchedule,
  mergeNotices,
  type HolidayNotice,
  type HolidaySchedule,
  type WorkingCalendar,
} from '../law/working-days';
import { OFFICIAL_CALENDAR, PACKAGE_SCHEDULE } from './official';

export class HolidayNoticesError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`HOLIDAY_NOTICES_FILE: ${field}: ${message}`);
    this.name = 'HolidayNoticesError';
  }
}

const NOTICE_KEYS = ['year', 'source', 'offDays', 'workDays'] as const;

/** The notices in a parsed file, their shape checked (the dates themselves: mergeNotices). */
export function noticesFromJson(json: unknown): HolidayNotice[] {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new HolidayNoticesError('(file)', 'expected an object {"notices": [...]}');
  const extra = Object.keys(json).filter((k) => k !== 'notices');
  if (extra.length > 0)
    throw new HolidayNoticesError(extra[0].slice(0, 40), 'unknown field (expected only "notices")');
  const list = (json as { notices?: unknown }).notices;
  if (!Array.isArray(list)) throw new HolidayNoticesError('notices', 'expected an array of notices');
  return list.map((n: unknown, i) => {
    const at = `notices[${i}]`;
    if (typeof n !== 'object' || n === null || Array.isArray(n))
      throw new HolidayNoticesError(at, 'expected an object {"year", "source", "offDays", "workDays"}');
    const o = n as Record<string, unknown>;
    const unknown = Object.keys(o).find((k) => !(NOTICE_KEYS as readonly string[]).includes(k));
    if (unknown !== undefined)
      throw new HolidayNoticesError(
        `${at}.${unknown.slice(0, 40)}`,
        'unknown field (expected year, source, offDays, workDays)',
      );
    if (typeof o.year !== 'number' || !Number.isInteger(o.year))
      throw new HolidayNoticesError(`${at}.year`, 'expected a year, e.g. 2027');
    if (typeof o.source !== 'string')
      throw new HolidayNoticesError(
        `${at}.source`,
        'expected the notice\'s number, e.g. "国办发明电〔2025〕7号"',
      );
    for (const key of ['offDays', 'workDays'] as const) {
      const v = o[key];
      if (!Array.isArray(v))
        throw new HolidayNoticesError(`${at}.${key}`, 'expected an array of dates "YYYY-MM-DD"');
      const bad = v.findIndex((x) => typeof x !== 'string');
      if (bad >= 0) throw new HolidayNoticesError(`${at}.${key}[${bad}]`, 'expected a date "YYYY-MM-DD"');
    }
    return {
      year: o.year,
      source: o.source,
      offDays: o.offDays as string[],
      workDays: o.workDays as string[],
    };
  });
}

/** A stable digest of the notices: the same notices give the same id whatever their order in the file. */
function digest(notices: readonly HolidayNotice[]): string {
  const canonical = [...notices]
    .sort((a, b) => a.year - b.year)
    .map((n) => ({
      year: n.year,
      source: n.source,
      offDays: [...n.offDays].sort(),
      workDays: [...n.workDays].sort(),
    }));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

/** The package's schedule with the notices merged in, or the reason they cannot be. */
export function calendarWithNotices(
  notices: readonly HolidayNotice[],
  base: HolidaySchedule = PACKAGE_SCHEDULE,
): WorkingCalendar {
  if (notices.length === 0) return calendarFromSchedule(base);
  const years = notices
    .map((n) => n.year)
    .sort((a, b) => a - b)
    .join('.');
  const merged = mergeNotices(base, notices, `${base.id}+notices-${years}-${digest(notices)}`);
  if (!merged.ok) throw new HolidayNoticesError(merged.problem.field, merged.problem.message);
  return calendarFromSchedule(merged.schedule);
}

/** The calendar in force: the package's, plus HOLIDAY_NOTICES_FILE when the environment names one. */
export function calendarFromEnv(env: NodeJS.ProcessEnv): WorkingCalendar {
  const file = env.HOLIDAY_NOTICES_FILE;
  if (file === undefined || file === '') return OFFICIAL_CALENDAR;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new HolidayNoticesError(
      '(file)',
      `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new HolidayNoticesError('(file)', `not valid JSON (${(e as Error).message.slice(0, 120)})`);
  }
  return calendarWithNotices(noticesFromJson(json));
}
