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
  ) {
    return auditLog(scopeOf(ctx), after, first);
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
