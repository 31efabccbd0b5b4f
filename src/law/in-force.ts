/** Art. 24: 本办法自2016年2月15日起施行. */
import { d, type LocalDate } from './date';

export const IN_FORCE_FROM: LocalDate = d('2016-02-15');

export function isLawInForce(day: LocalDate): boolean {
  return day >= IN_FORCE_FROM;
}
