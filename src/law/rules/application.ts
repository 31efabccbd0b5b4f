/**
 * Articles 2 and 10: whether an application is accepted. Art. 22(1): an application that the rules
 * pass cannot be refused, so acceptance is exactly "every reason passed".
 *
 * 第二条 公民离开户籍所在地，到本市城市区及所属县（市）连续居住六个月以上，符合有稳定就业、稳定住所、
 * 连续就读条件之一的，可以依照本办法的规定申领居住证。
 */
import { cite } from '../articles';
import type { LocalDate } from '../date';
import { decide, type Decision } from '../decision';
import { explain } from '../reason-texts';
import { isLawInForce } from '../in-force';
import { eligibleToApplyOn } from '../periods';
import { isLocalHukou } from '../regions';
import { issueDeadline } from './deadlines';
import type { ResidenceBasis } from './registration';
import type { DerivedDate, WorkingCalendar } from '../working-days';

export type ApplicationReasonCode =
  'LAW_IN_FORCE' | 'NON_LOCAL_HUKOU' | 'SIX_MONTHS_RESIDENCE' | 'RESIDENCE_BASIS';

export interface ApplicationFacts {
  readonly appliedOn: LocalDate;
  readonly hukouRegionCode: string;
  readonly registeredOn: LocalDate;
  /** after Art. 10 corrections */
  readonly basis: readonly ResidenceBasis[];
}

export interface ApplicationDecision extends Decision<ApplicationReasonCode> {
  /** Art. 11: set when accepted */
  readonly issueDeadline: DerivedDate | null;
}

export function decideApplication(cal: WorkingCalendar, f: ApplicationFacts): ApplicationDecision {
  if (!isLawInForce(f.appliedOn)) {
    const r = explain<ApplicationReasonCode>('LAW_IN_FORCE', false, cite('24'), 'notYet');
    return { ...decide([r]), issueDeadline: null };
  }
  const nonLocal = !isLocalHukou(f.hukouRegionCode);
  const qualifiesOn = eligibleToApplyOn(f.registeredOn);
  const sixMonths = f.appliedOn >= qualifiesOn;
  const hasBasis = f.basis.length > 0;
  const reasons = [
    explain<ApplicationReasonCode>('LAW_IN_FORCE', true, cite('24'), 'inForce'),
    explain<ApplicationReasonCode>('NON_LOCAL_HUKOU', nonLocal, cite('2.1'), nonLocal ? 'nonLocal' : 'local'),
    sixMonths
      ? explain<ApplicationReasonCode>('SIX_MONTHS_RESIDENCE', true, cite('2.1'), 'met', {
          registeredOn: f.registeredOn,
        })
      : explain<ApplicationReasonCode>('SIX_MONTHS_RESIDENCE', false, cite('2.1'), 'notYet', {
          registeredOn: f.registeredOn,
          qualifiesOn,
        }),
    explain<ApplicationReasonCode>('RESIDENCE_BASIS', hasBasis, cite('2.1'), hasBasis ? 'met' : 'none'),
  ];
  const decision = decide(reasons);
  return { ...decision, issueDeadline: decision.eligible ? issueDeadline(cal, f.appliedOn) : null };
}
