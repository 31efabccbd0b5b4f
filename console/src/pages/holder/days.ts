/** Days from today (China Standard Time) to a date the gateway stated; the dates themselves are the API's. */
import { daysBetween, parseLocalDate, isDateError } from '../../../../src/law/date';
import { todayCst } from '../../fields';

export function daysFromToday(date: string): number | null {
  const d = parseLocalDate(date);
  return isDateError(d) ? null : daysBetween(todayCst(), d);
}
