/**
 * The State Council holiday schedules, from the maintained `chinese-days` package (its data file,
 * not its functions, so that an unannounced year is recognisably unknown instead of silently
 * "all weekdays work"). Years the package lists are known; others fall back to weekends only,
 * provisional (SPEC "Facts").
 */
import { calendarFromSchedule, type WorkingCalendar } from '../law/working-days';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const data = require('chinese-days/dist/chinese-days.json') as {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const version = (require('chinese-days/package.json') as { version: string }).version;

function build(): WorkingCalendar {
  const knownYears = new Set(Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))));
  return calendarFromSchedule({
    id: `chinese-days@${version}:${Math.min(...knownYears)}-${Math.max(...knownYears)}`,
    knownYears,
    daysOff: new Set(Object.keys(data.holidays)),
    makeUpWorkdays: new Set(Object.keys(data.workdays)),
  });
}

export const OFFICIAL_CALENDAR: WorkingCalendar = build();
