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
import { decide, type Decision, type Reason } from '../decision';
import { explain } from '../reason-texts';
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

export function decideEligibility(f: EligibilityFacts): Decision<EligibilityReasonCode> {
  const reasons: Reason<EligibilityReasonCode>[] = [];
  const inForce = isLawInForce(f.asOf);
  reasons.push(explain('LAW_IN_FORCE', inForce, cite('24'), inForce ? 'inForceOnDay' : 'dayBefore'));
  if (!inForce) return decide(reasons);

  const ent = f.entitlement;
  reasons.push(explain('PERMIT_FOUND', f.permit !== null, ent.citation, f.permit ? 'found' : 'notFound'));
  if (!f.permit) return decide(reasons);

  const { state, region } = f.permit;
  const valid = state.status === 'VALID';
  reasons.push(
    explain('PERMIT_VALID', valid, state.status === 'CONFISCATED' ? cite('21.2') : cite('13'), 'status', {
      status: state.status,
      asOf: f.asOf,
    }),
  );

  const inRegion = covers(f.askerRegion, region);
  reasons.push(
    inRegion
      ? explain('IN_REGION', true, cite('14.1'), 'within', { region })
      : explain('IN_REGION', false, cite('14.1'), 'outside', { region, asker: f.askerRegion }),
  );

  const entInForce = isInForceOn(ent, f.asOf) && covers(f.entitlementRegion, region);
  reasons.push(
    explain('ENTITLEMENT_IN_FORCE', entInForce, ent.citation, entInForce ? 'inForce' : 'notInForce', {
      entitlement: ent,
      region,
    }),
  );

  if (ent.code === CHILD_EDUCATION) {
    const birth = f.dependent.birthDate;
    const child = birth !== null && ageOn(birth, f.asOf) < ADULT_AGE && birth <= f.asOf;
    const variant = !f.dependent.asked
      ? 'noChildId'
      : birth === null
        ? 'notDependent'
        : child
          ? 'child'
          : 'adultOrUnborn';
    reasons.push(explain('DEPENDENT_CHILD', child, cite('18.1.7'), variant));
  }
  return decide(reasons);
}
