/**
 * `verifyEligibilityByShareCode` (SPEC 亮证): the holder's consent, by a one-time code, in place of
 * ID number and name. Order of checks: role and scope (the code is not looked at), the other
 * arguments, the caller's attempt limit, then the code. Unknown, expired, used, revoked and wrongly
 * bound codes all give one identical error, by one path (one look-up by hash that finds no live
 * row); a code that is there is then used up by a conditional UPDATE, so of two callers racing on
 * it exactly one wins (the other gets the same error).
 * A good code is used up by the decision it produces, in the same transaction, whatever the answer:
 * the decision is an ordinary one (verification.ts decides it), recorded with byShareCode, and
 * its audit entry says that consent was given by code.
 */
import { hasPower } from '../../law';
import { entitlementExists } from '../../db/entitlements';
import { citizenIdNumberOfHolder } from '../../db/holders';
import { claimShareCode, findUsableShareCode } from '../../db/share-codes';
import { officeRegion } from '../caller';
import { badInput, forbidden, notFound, RateLimitedError, type AppError } from '../errors';
import { asOfDate, audited, now, type Scope } from '../scope';
import {
  decideBatch,
  loadBatchFacts,
  recordDecisions,
  type DecisionView,
  type ParsedQuery,
} from '../verification';
import { citizenId } from '../workflow';
import { hashCode, normalizeCode } from './code';
import { newDecisionId } from '../decision-id';

export interface VerifyByShareCodeInput {
  code: string;
  entitlement: string;
  asOf?: string | null;
  dependentCitizenIdNumber?: string | null;
}

/** The one answer to every code that does not work: nothing is learned from a guess. */
export function shareCodeInvalid(): AppError {
  return badInput('The share code is not valid: ask the holder for a new one', {
    reason: 'SHARE_CODE_INVALID',
  });
}

const rateLimited = () => new RateLimitedError('Too many invalid share codes: try again in 10 minutes');

export async function verifyByShareCode(s: Scope, input: VerifyByShareCodeInput): Promise<DecisionView> {
  // 1. role and scope: the code is not looked at
  if (!hasPower(s.caller.role, 'VERIFY_BY_SHARE_CODE'))
    throw forbidden(`${s.caller.role} may not verify eligibility`);
  officeRegion(s.caller);
  if (s.caller.role === 'DEPARTMENT' && !s.caller.scope.has(input.entitlement))
    throw forbidden(`Entitlement ${input.entitlement.slice(0, 64)} is not in your scope`);
  // 2. the other arguments
  const asOf = asOfDate(s, input.asOf);
  const child =
    input.dependentCitizenIdNumber == null || input.dependentCitizenIdNumber === ''
      ? null
      : citizenId(s, input.dependentCitizenIdNumber, 'dependentCitizenIdNumber').value;
  if (!(await entitlementExists(s.em, input.entitlement)))
    throw notFound(`Entitlement ${input.entitlement.slice(0, 64)}`);
  // 3. the attempt limit
  const { attempts, key } = s.deps.shareCodes;
  if (await attempts.isBlocked(s.caller.sub)) {
    await audited(s, [{ action: 'VERIFY_BY_SHARE_CODE', subject: null, outcome: 'RATE_LIMITED' }]);
    throw rateLimited();
  }
  // 4. the code: used up by the decision, in one transaction (an error after the claim undoes it)
  const code = normalizeCode(input.code);
  const department = s.caller.role === 'DEPARTMENT' ? s.caller.department! : 'PUBLIC_SECURITY';
  const decisionId = newDecisionId();
  const wanted =
    code === null
      ? null
      : {
          codeHash: hashCode(key, code),
          entitlement: input.entitlement,
          department,
          now: now(s).toISOString(),
        };
  // every code that does not work ends here, after the same one statement
  const usable = wanted === null ? null : await findUsableShareCode(s.em, wanted);
  const decision =
    wanted === null || usable === null
      ? null
      : await s.em.transactional(async (tem) => {
          const claimed = await claimShareCode(tem, { ...wanted, decisionId });
          if (claimed === null) return null;
          const id = await citizenIdNumberOfHolder(tem, claimed.holderId);
          if (id === null) throw new Error('a share code whose holder is not in the register'); // holders are never deleted
          const parsed: ParsedQuery[] = [
            { id, nameKey: null, code: input.entitlement, asOf, child, decisionId },
          ];
          const decided = decideBatch(s, parsed, await loadBatchFacts(tem, parsed), { byShareCode: true });
          await recordDecisions(
            tem,
            s,
            decided,
            [
              {
                action: 'USE_SHARE_CODE',
                subject: `share-code:${claimed.id}`,
                outcome: `USED by decision ${decisionId}`,
              },
            ],
            'CONSENT_BY_SHARE_CODE',
          );
          return decided.decisions[0];
        });
  if (decision !== null) {
    s.deps.observer?.auditAppended(2); // the decision's entry and USE_SHARE_CODE
    s.deps.observer?.decided(decision.entitlementCode, decision.eligible);
    return decision;
  }
  const over = await attempts.recordInvalid(s.caller.sub);
  await audited(s, [
    { action: 'VERIFY_BY_SHARE_CODE', subject: null, outcome: over ? 'RATE_LIMITED' : 'SHARE_CODE_INVALID' },
  ]);
  throw over ? rateLimited() : shareCodeInvalid();
}
