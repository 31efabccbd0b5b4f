/**
 * The lists that grow with the city and the audit chain check (SPEC "Lists that grow with the
 * city"): thin resolvers, one use case each; paging arguments are checked by src/app/paging.ts.
 */
import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { affectedDecisions } from '../app/decisions/affected-decisions';
import { decisionsMade } from '../app/decisions/decisions-made';
import { decisionsToReview } from '../app/decisions/decisions-to-review';
import { auditLog } from '../app/audit-log/read-log';
import { verifyAuditChain } from '../app/audit-log/verify-chain';
import { scopeOf, type GqlContext } from './context';
import { DateScalar } from './scalars';
import { AuditChainReport, AuditEntry, AuditHeadInput, EligibilityDecision } from './types';

@Resolver()
export class ListsResolver {
  @Query(() => [EligibilityDecision], {
    description: 'Article 21 para 2: positive decisions made on a confiscated permit',
  })
  affectedDecisions(
    @Ctx() ctx: GqlContext,
    @Arg('permitId', () => ID) permitId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ) {
    return affectedDecisions(scopeOf(ctx), permitId, first, after);
  }

  @Query(() => [EligibilityDecision], {
    description:
      "DEPARTMENT: the decisions its department made, newest first; PUBLIC_SECURITY, DELEGATED_AGENCY: their office's",
  })
  decisionsMade(
    @Ctx() ctx: GqlContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ) {
    return decisionsMade(scopeOf(ctx), first, after);
  }

  @Query(() => [EligibilityDecision], {
    description:
      'DEPARTMENT: its positive decisions on permits confiscated since (Art. 21 para 2), to review',
  })
  decisionsToReview(
    @Ctx() ctx: GqlContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ) {
    return decisionsToReview(scopeOf(ctx), first, after);
  }

  @Query(() => [AuditEntry], { description: 'AUDITOR' })
  auditLog(
    @Ctx() ctx: GqlContext,
    @Arg('after', () => Int, { nullable: true }) after?: number,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('action', () => String, {
      nullable: true,
      description: 'only entries of this action (READ_HOLDER…)',
    })
    action?: string,
    @Arg('role', () => String, {
      nullable: true,
      description: "only entries made by this role (a token's role)",
    })
    role?: string,
    @Arg('subject', () => String, {
      nullable: true,
      description: 'only entries about this subject, as entries show it (permit:12, a masked ID number)',
    })
    subject?: string,
    @Arg('from', () => DateScalar, {
      nullable: true,
      description: 'only entries made on or after this day (China Standard Time)',
    })
    from?: string,
    @Arg('to', () => DateScalar, {
      nullable: true,
      description: 'only entries made on or before this day (China Standard Time)',
    })
    to?: string,
  ) {
    return auditLog(scopeOf(ctx), after, first, { action, role, subject, from, to });
  }

  @Query(() => AuditChainReport, {
    description:
      'checks the whole log, or `limit` entries from `fromSequence`; see AuditChainReport.nextSequence',
  })
  verifyAuditChain(
    @Ctx() ctx: GqlContext,
    @Arg('fromSequence', () => Int, { nullable: true }) fromSequence?: number,
    @Arg('limit', () => Int, { nullable: true }) limit?: number,
    @Arg('expectHead', () => AuditHeadInput, { nullable: true }) expectHead?: AuditHeadInput,
  ) {
    return verifyAuditChain(scopeOf(ctx), { fromSequence, limit, expectHead });
  }
}
