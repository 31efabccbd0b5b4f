/**
 * Articles 18 and 19 with I-6: is this holder eligible for this entitlement on this day? The
 * gateway decides what the regulation decides — the permit is valid on the day (Art. 13, 21), it is
 * registered in the asking department's region (Art. 14, I-5), the entitlement is in force there
 * (Art. 18/19), and for 18(7) the child is the holder's dependent and under 18. Each department
 * still applies its own criteria for the service itself (not modelled here).
 *
 * Reasons are listed in SPEC's order; a condition that cannot be checked because an earlier one
 * failed (no permit found, law not in force) is left out.
 */
import { cite } from '../articles';
import { type LocalDate } from '../date';
import { decide, reason, type Decision, type Reason } from '../decision';
import { CHILD_EDUCATION, isInForceOn, type Entitlement } from '../catalogue';
import { ageOn } from '../citizen-id';
import { isLawInForce } from '../in-force';
import { covers, type Region } from '../regions';
import type { PermitState } from './timeline';

export type EligibilityReasonCode =
  'LAW_IN_FORCE' | 'PERMIT_FOUND' | 'PERMIT_VALID' | 'IN_REGION' | 'ENTITLEMENT_IN_FORCE' | 'DEPENDENT_CHILD';

export const ADULT_AGE = 18;

export interface EligibilityFacts {
  readonly asOf: LocalDate;
  readonly entitlement: Entitlement;
  /** the region of the asking office (I-5) */
  readonly askerRegion: Region;
  /** null when no permit matches both the ID number and the name (I-7: one answer for both) */
  readonly permit: { readonly state: PermitState; readonly region: Region } | null;
  /** the region the entitlement is defined for */
  readonly entitlementRegion: Region;
  /** 18(7) only: the named child, if the holder has a dependent with that ID number */
  readonly dependent: { readonly asked: boolean; readonly birthDate: LocalDate | null };
}

const STATUS_ZH = {
  NOT_YET_ISSUED: '尚未签发',
  VALID: '有效',
  LAPSED: '已失效（未按期签注）',
  CONFISCATED: '已被收缴',
} as const;
const STATUS_EN = {
  NOT_YET_ISSUED: 'not yet issued',
  VALID: 'valid',
  LAPSED: 'lapsed (not endorsed in time)',
  CONFISCATED: 'confiscated',
} as const;

export function decideEligibility(f: EligibilityFacts): Decision<EligibilityReasonCode> {
  const reasons: Reason<EligibilityReasonCode>[] = [];
  const inForce = isLawInForce(f.asOf);
  reasons.push(
    reason(
      'LAW_IN_FORCE',
      inForce,
      cite('24'),
      inForce ? '本办法已施行' : '查询日期早于本办法施行之日（2016年2月15日）',
      inForce
        ? 'The Measures are in force on that day'
        : 'The day asked is before the Measures came into force (2016-02-15)',
    ),
  );
  if (!inForce) return decide(reasons);

  const ent = f.entitlement;
  reasons.push(
    reason(
      'PERMIT_FOUND',
      f.permit !== null,
      ent.citation,
      f.permit ? '找到与身份号码和姓名相符的居住证' : '没有与身份号码和姓名相符的居住证',
      f.permit ? 'A permit matches the ID number and name' : 'No permit matches this ID number and name',
    ),
  );
  if (!f.permit) return decide(reasons);

  const { state, region } = f.permit;
  const valid = state.status === 'VALID';
  reasons.push(
    reason(
      'PERMIT_VALID',
      valid,
      state.status === 'CONFISCATED' ? cite('21.2') : cite('13'),
      `居住证状态：${STATUS_ZH[state.status]}`,
      `Permit status on ${f.asOf}: ${STATUS_EN[state.status]}`,
    ),
  );

  const inRegion = covers(f.askerRegion, region);
  reasons.push(
    reason(
      'IN_REGION',
      inRegion,
      cite('14.1'),
      inRegion
        ? `居住证登记在${region.nameZh}，属本机构辖区`
        : `居住证登记在${region.nameZh}，不属本机构辖区（${f.askerRegion.nameZh}）`,
      inRegion
        ? `The permit is registered in ${region.nameEn}, within the asking office's region`
        : `The permit is registered in ${region.nameEn}, outside the asking office's region (${f.askerRegion.nameEn})`,
    ),
  );

  const entInForce = isInForceOn(ent, f.asOf) && covers(f.entitlementRegion, region);
  reasons.push(
    reason(
      'ENTITLEMENT_IN_FORCE',
      entInForce,
      ent.citation,
      entInForce
        ? `${ent.nameZh}在当日于${region.nameZh}实施`
        : `${ent.nameZh}在当日于${region.nameZh}不实施`,
      entInForce
        ? `${ent.nameEn} is in force in ${region.nameEn} on that day`
        : `${ent.nameEn} is not in force in ${region.nameEn} on that day`,
    ),
  );

  if (ent.code === CHILD_EDUCATION) {
    const birth = f.dependent.birthDate;
    const child = birth !== null && ageOn(birth, f.asOf) < ADULT_AGE && birth <= f.asOf;
    const zh = !f.dependent.asked
      ? '未提供子女身份号码'
      : birth === null
        ? '所列子女不是持证人登记的随迁子女'
        : child
          ? '所列子女为持证人随迁子女且未满十八周岁'
          : '所列子女当日已满十八周岁或尚未出生';
    const en = !f.dependent.asked
      ? 'No child ID number was given'
      : birth === null
        ? 'The child named is not a dependent of the holder'
        : child
          ? 'The child is a dependent of the holder and under 18'
          : 'The child is 18 or over (or not yet born) on that day';
    reasons.push(reason('DEPENDENT_CHILD', child, cite('18.1.7'), zh, en));
  }
  return decide(reasons);
}
