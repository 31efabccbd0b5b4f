/**
 * The reads and acts the console's pages need (issue 11, item 0) that are not lists of the
 * workflow: a holder's whole file (fields of PermitHolder and Permit, through the request's
 * loaders), a government's local entitlements whatever their dates, and ending one.
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { d, eligibleToApplyOn, resolveRegionCode, type ResidenceBasis } from '../law';
import type { HolderRow, ResidenceRecordRow } from '../db/entities';
import type { PermitBundle } from '../app/facts';
import { applicationView, type ApplicationView, type RegistrationView } from '../app/workflow';
import { endLocalEntitlement, localEntitlements } from '../app/entitlements/local-entitlements';
import { searchHolders } from '../app/holders/search-holders';
import { scopeOf, type GqlContext } from './context';
import { entitlement, region, violation } from './resolvers';
import { DateScalar } from './scalars';
import {
  Confiscation,
  Entitlement,
  Permit,
  PermitApplication,
  PermitHolder,
  ResidenceMove,
  ResidenceRecordEntry,
  ResidenceRegistration,
  Violation,
} from './types';

const basisOf = (r: ResidenceRecordRow) => (r.basis ? (r.basis.split(',') as ResidenceBasis[]) : []);

@Resolver()
export class HolderSearchResolver {
  @Query(() => [PermitHolder], {
    description:
      'PUBLIC_SECURITY: holders residing in its region whose name begins with `name` (I-7 normal form, at least 2 characters), in name order',
  })
  searchHolders(
    @Ctx() ctx: GqlContext,
    @Arg('name') name: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => ID, { nullable: true, description: 'the id of the last holder of the previous page' })
    after?: string,
  ): Promise<HolderRow[]> {
    return searchHolders(scopeOf(ctx), { name, first, after });
  }
}

/** The rest of a holder's file (PUBLIC_SECURITY and DELEGATED_AGENCY via permitHolder; the holder via me). */
@Resolver(() => PermitHolder)
export class HolderFileResolver {
  @FieldResolver(() => [ResidenceRegistration], {
    description: "Articles 8-9: the holder's residence registrations, oldest first",
  })
  async registrations(@Root() h: HolderRow, @Ctx() ctx: GqlContext): Promise<RegistrationView[]> {
    return (await ctx.loaders.residenceRecordsByHolder.load(h.id))
      .filter((r) => r.kind === 'REGISTRATION')
      .map((r) => ({
        id: r.id,
        holderId: r.holderId,
        registeredOn: d(r.effectiveOn),
        region: resolveRegionCode(r.regionCode)!,
        basis: basisOf(r),
        eligibleToApplyOn: eligibleToApplyOn(d(r.effectiveOn)),
      }));
  }

  @FieldResolver(() => [ResidenceRecordEntry], {
    description: 'every registration, Article 10 correction and move of the residence, oldest first',
  })
  async residenceHistory(@Root() h: HolderRow, @Ctx() ctx: GqlContext): Promise<ResidenceRecordEntry[]> {
    return (await ctx.loaders.residenceRecordsByHolder.load(h.id)).map((r) => ({
      id: String(r.id),
      kind: r.kind,
      effectiveOn: r.effectiveOn,
      region: region(resolveRegionCode(r.regionCode)!),
      address: r.address,
      basis: basisOf(r),
      proofKind: r.proofKind,
      proofReference: r.proofReference,
      officeRegionCode: r.officeRegionCode,
    }));
  }

  @FieldResolver(() => [PermitApplication], {
    description: "Articles 2, 10-11: the holder's applications, accepted and refused, oldest first",
  })
  async applications(@Root() h: HolderRow, @Ctx() ctx: GqlContext): Promise<ApplicationView[]> {
    return (await ctx.loaders.applicationsByHolder.load(h.id)).map((a) =>
      applicationView(ctx.deps.calendar, a, null),
    );
  }

  @FieldResolver(() => [Violation], {
    description: "Articles 20-21: penalties recorded on the holder's ID number, oldest first",
  })
  async violations(@Root() h: HolderRow, @Ctx() ctx: GqlContext): Promise<Violation[]> {
    return (await ctx.loaders.violationsByCitizenId.load(h.citizenIdNumber)).map(violation);
  }
}

@Resolver(() => Permit)
export class PermitFileResolver {
  @FieldResolver(() => [ResidenceMove], {
    description: 'Article 14 para 1: moves on this permit, oldest first',
  })
  moves(@Root() b: PermitBundle): ResidenceMove[] {
    return b.changes.map((c) => ({
      changedOn: c.changedOn,
      fromRegion: region(resolveRegionCode(c.fromRegionCode)!),
      toRegion: region(resolveRegionCode(c.toRegionCode)!),
      address: c.address,
      changeRegistration: c.changeRegistration,
    }));
  }

  @FieldResolver(() => Confiscation, {
    nullable: true,
    description: 'Article 21 para 2: the confiscation of this permit, if any',
  })
  confiscation(@Root() b: PermitBundle): Confiscation | null {
    return b.confiscation
      ? { confiscatedOn: b.confiscation.confiscatedOn, reason: b.confiscation.reason }
      : null;
  }
}

@Resolver()
export class LocalEntitlementsResolver {
  @Query(() => [Entitlement], {
    description:
      'ADMIN: the local items (Art. 18(12), 19(6)) of its region, past, in force and future, in code order',
  })
  async localEntitlements(
    @Ctx() ctx: GqlContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => ID, { nullable: true, description: 'the code of the last item of the previous page' })
    after?: string,
  ): Promise<Entitlement[]> {
    return (await localEntitlements(scopeOf(ctx), first, after)).map(entitlement);
  }

  @Mutation(() => Entitlement, {
    description:
      'ADMIN: Articles 18(12), 19(6): ends a local item of its region; in force through effectiveUntil (not before its start, not before today)',
  })
  async endLocalEntitlement(
    @Ctx() ctx: GqlContext,
    @Arg('code', () => ID) code: string,
    @Arg('effectiveUntil', () => DateScalar) effectiveUntil: string,
  ): Promise<Entitlement> {
    return entitlement(await endLocalEntitlement(scopeOf(ctx), { code, effectiveUntil }));
  }
}

export const CONSOLE_RESOLVERS = [
  LocalEntitlementsResolver,
  HolderSearchResolver,
  HolderFileResolver,
  PermitFileResolver,
] as const;
