/**
 * The State Council holiday schedules, from the maintained `chinese-days` package (its data file,
 * not its functions, so that an unannounced year is recognisably unknown instead of silently
 * "all weekdays work"). Years the package lists are known; others fall back to weekends only,
 * provisional (SPEC "Facts"). The operator adds later notices with HOLIDAY_NOTICES_FILE
 * (./notices.ts).
 */
import { calendarFromSchedule, type HolidaySchedule, type WorkingCalendar } from '../law/working-days';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const data = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const version = (require('chinese-days/package.json') as { version: string }).version;

function build(): HolidaySchedule {
  const knownYears = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  return {
    id: `chinese-days@${version}:${Math.min(...knownYears)}-${Math.max(...knownYears)}`,
    knownYears,
    daysOff: new Set(Object.keys(data.holidays)),
    makeUpWorkdays: new Set(Object.keys(data.workdays)),
  };
}

/** The package's schedule as data (the notices in HOLIDAY_NOTICES_FILE are checked against it). */
export const PACKAGE_SCHEDULE: HolidaySchedule = build();

export const OFFICIAL_CALENDAR: WorkingCalendar = calendarFromSchedule(PACKAGE_SCHEDULE);
