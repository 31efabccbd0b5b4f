/**
 * Articles 2 and 10: whether an application is accepted. Art. 22(1): an application that the rules
 * pass cannot be refused, so acceptance is exactly "every reason passed".
 *
 * 第二条 公民离开户籍所在地，到本市城市区及所属县（市）连续居住六个月以上，符合有稳定就业、稳定住所、
 * 连续就读条件之一的，可以依照本办法的规定申领居住证。
 */
import { cite } from '../articles';
import type { LocalDate } from '../date';
import { decide, reason, type Decision } from '../decision';
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
    const r = reason<ApplicationReasonCode>(
      'LAW_IN_FORCE',
      false,
      cite('24'),
      '本办法自2016年2月15日起施行',
      'The Measures apply from 2016-02-15',
    );
    return { ...decide([r]), issueDeadline: null };
  }
  const nonLocal = !isLocalHukou(f.hukouRegionCode);
  const qualifiesOn = eligibleToApplyOn(f.registeredOn);
  const sixMonths = f.appliedOn >= qualifiesOn;
  const hasBasis = f.basis.length > 0;
  const reasons = [
    reason<ApplicationReasonCode>(
      'LAW_IN_FORCE',
      true,
      cite('24'),
      '本办法已施行',
      'The Measures are in force',
    ),
    reason<ApplicationReasonCode>(
      'NON_LOCAL_HUKOU',
      nonLocal,
      cite('2.1'),
      nonLocal ? '户籍不在本市' : '户籍在洛阳市，无需申领居住证',
      nonLocal
        ? 'Household registration is outside Luoyang'
        : 'Household registration is in Luoyang (I-1): no residence permit is needed',
    ),
    reason<ApplicationReasonCode>(
      'SIX_MONTHS_RESIDENCE',
      sixMonths,
      cite('2.1'),
      sixMonths
        ? `自${f.registeredOn}居住登记起已连续居住六个月以上`
        : `自${f.registeredOn}居住登记起未满六个月，${qualifiesOn}起可申领`,
      sixMonths
        ? `Six months of residence since registration on ${f.registeredOn}`
        : `Less than six months since registration on ${f.registeredOn}: may apply from ${qualifiesOn}`,
    ),
    reason<ApplicationReasonCode>(
      'RESIDENCE_BASIS',
      hasBasis,
      cite('2.1'),
      hasBasis ? '符合稳定就业、稳定住所、连续就读条件之一' : '不符合稳定就业、稳定住所、连续就读条件之一',
      hasBasis
        ? 'Stable employment, stable residence or continuous study'
        : 'None of stable employment, stable residence or continuous study',
    ),
  ];
  const decision = decide(reasons);
  return { ...decision, issueDeadline: decision.eligible ? issueDeadline(cal, f.appliedOn) : null };
}
