/**
 * Thin resolvers for the holder as a caller and for share codes (SPEC "Holders, consent and
 * receipts"): unpack arguments, call one use case (src/app/holders, src/app/share-codes), map.
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { Region as LawRegion } from '../law';
import type { HolderRow } from '../db/entities';
import { me } from '../app/holders/me';
import { myVerifications } from '../app/holders/my-verifications';
import { createShareCode } from '../app/share-codes/create-share-code';
import { myShareCodes } from '../app/share-codes/my-share-codes';
import { revokeShareCode } from '../app/share-codes/revoke-share-code';
import { verifyByShareCode } from '../app/share-codes/verify-by-share-code';
import type { ShareCodeView } from '../app/share-codes/view';
import type { DecisionView } from '../app/verification';
import { scopeOf, type GqlContext } from './context';
import { CreateShareCodeInput, ShareCode, VerificationRecord } from './holder-types';
import { DateScalar } from './scalars';
import { EligibilityDecision, PermitHolder, type Region } from './types';

const region = (r: LawRegion): Region => ({ code: r.code, nameZh: r.nameZh, kind: r.kind });

@Resolver()
export class HolderQueryResolver {
  @Query(() => PermitHolder, { nullable: true, description: "HOLDER: the caller's own file" })
  me(@Ctx() ctx: GqlContext): Promise<HolderRow | null> {
    return me(scopeOf(ctx));
  }

  @Query(() => [VerificationRecord], {
    description: 'HOLDER: every eligibility check made about the caller, newest first',
  })
  async myVerifications(
    @Ctx() ctx: GqlContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<VerificationRecord[]> {
    return (await myVerifications(scopeOf(ctx), first, after)).map((v) => ({
      ...v,
      callerRegion: region(v.callerRegion),
    }));
  }

  @Query(() => [ShareCode], { description: "HOLDER: the caller's live share codes" })
  myShareCodes(@Ctx() ctx: GqlContext): Promise<ShareCodeView[]> {
    return myShareCodes(scopeOf(ctx));
  }

  @Query(() => EligibilityDecision, {
    description:
      "DEPARTMENT (own scope and region), PUBLIC_SECURITY, DELEGATED_AGENCY: the holder's consent in place of ID number and name",
  })
  verifyEligibilityByShareCode(
    @Ctx() ctx: GqlContext,
    @Arg('code') code: string,
    @Arg('entitlement', () => ID) entitlement: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('dependentCitizenIdNumber', () => String, { nullable: true }) dependentCitizenIdNumber?: string,
  ): Promise<DecisionView> {
    return verifyByShareCode(scopeOf(ctx), { code, entitlement, asOf, dependentCitizenIdNumber });
  }
}

@Resolver()
export class ShareCodeMutationResolver {
  @Mutation(() => ShareCode, { description: 'HOLDER' })
  createShareCode(
    @Ctx() ctx: GqlContext,
    @Arg('input', () => CreateShareCodeInput, { nullable: true }) input?: CreateShareCodeInput,
  ): Promise<ShareCodeView> {
    return createShareCode(scopeOf(ctx), input ?? {});
  }

  @Mutation(() => Boolean, {
    description: 'HOLDER: by the code or by its id (exactly one); true when it was live',
  })
  revokeShareCode(
    @Ctx() ctx: GqlContext,
    @Arg('code', () => String, { nullable: true }) code?: string,
    @Arg('id', () => ID, { nullable: true }) id?: string,
  ): Promise<boolean> {
    return revokeShareCode(scopeOf(ctx), { code, id });
  }
}

export const HOLDER_RESOLVERS = [HolderQueryResolver, ShareCodeMutationResolver] as const;
