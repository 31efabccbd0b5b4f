/**
 * Articles 8 and 9: residence registration, the start of Art. 2's six months.
 *
 * 第八条 非本地户籍人员拟办理居住证的，应当到入住地县级公安机关或者受托机构办理居住登记，作为申办居住证的计时起点证明。
 * 第九条 居住登记应当由本人提交合法有效身份证件、居住或者就业、就读证明材料，并接受当场人像采集。
 *
 * The ID number is parsed before this (citizen-id.ts); that the office's region covers the
 * residence region is a question of who may act (roles.ts), answered before the rules are asked.
 * Anyone living in Luoyang can be registered: the non-local test belongs to the application (Art. 2).
 */
import { cite } from '../articles';
import type { LocalDate } from '../date';
import { fail, ok, violation, type Result } from '../decision';
import { isLawInForce } from '../in-force';
import { eligibleToApplyOn } from '../periods';

export type ResidenceBasis = 'STABLE_EMPLOYMENT' | 'STABLE_RESIDENCE' | 'CONTINUOUS_STUDY';

export interface RegistrationInput {
  readonly registeredOn: LocalDate;
  readonly basis: readonly ResidenceBasis[];
  readonly proofKind: string;
  readonly proofReference: string;
  readonly portraitCaptured: boolean;
}

export function decideRegistration(input: RegistrationInput): Result<{ eligibleToApplyOn: LocalDate }> {
  if (!isLawInForce(input.registeredOn)) {
    return fail(
      violation(
        'LAW_IN_FORCE',
        cite('24'),
        '本办法自2016年2月15日起施行，此前不能办理居住登记',
        'The Measures apply from 2016-02-15; no registration before then',
      ),
    );
  }
  if (!input.portraitCaptured) {
    return fail(
      violation(
        'PORTRAIT_REQUIRED',
        cite('9'),
        '居住登记应当接受当场人像采集',
        'Registration needs an on-site portrait',
      ),
    );
  }
  if (input.basis.length === 0 || input.proofKind.trim() === '' || input.proofReference.trim() === '') {
    return fail(
      violation(
        'PROOF_REQUIRED',
        cite('9'),
        '居住登记应当提交居住或者就业、就读证明材料',
        'Registration needs proof of residence, employment or study (its kind and reference)',
      ),
    );
  }
  return ok({ eligibleToApplyOn: eligibleToApplyOn(input.registeredOn) });
}
