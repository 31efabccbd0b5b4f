/**
 * Thin resolvers: unpack arguments, call one use case, map the result. No eligibility, no date
 * arithmetic, no queries in loops (nested fields go through the request's DataLoaders).
 */
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import {
  cite,
  d,
  endorsementWindow,
  isOverdue,
  resolveRegionCode,
  type CitationKey,
  type Region as LawRegion,
} from '../law';
import type { EntitlementRow, HolderRow, DependentRow, ViolationRow } from '../db/entities';
import * as workflow from '../app/workflow';
import * as queries from '../app/queries';
import * as verification from '../app/verification';
import { signReceipt } from '../app/receipts/sign';
import { verifyReceipt, type ReceiptCheckView } from '../app/receipts/verify-receipt';
import { cardVersionOn, endorsementsOf, permitRegionOn, stateOn, type PermitBundle } from '../app/facts';
import { overdueApplications } from '../app/lists/overdue-applications';
import { endorsementsDue } from '../app/lists/endorsements-due';
import { openApplications, type ListedApplicationView } from '../app/lists/open-applications';
import { asOfDate, today } from '../app/scope';
import { notFound } from '../app/errors';
import { scopeOf, type GqlContext } from './context';
import { ListsResolver } from './list-resolvers';
import { DateScalar } from './scalars';
import {
  AddDependentInput,
  ApplicationStatusEnum,
  ApplyForPermitInput,
  ChangeResidenceInput,
  DateRange,
  DefineLocalEntitlementInput,
  Dependent,
  EligibilityDecision,
  EligibilityQuery,
  Endorsement,
  Entitlement,
  LossKindEnum,
  Permit,
  PermitApplication,
  PermitHolder,
  PermitStatusEnum,
  PermitSummary,
  ReceiptCheck,
  RecordViolationInput,
  Region,
  RegisterResidenceInput,
  ReplacementRequest,
  ResidenceRegistration,
  Violation,
} from './types';

export const region = (r: LawRegion): Region => ({ code: r.code, nameZh: r.nameZh, kind: r.kind });

export function entitlement(r: EntitlementRow): Entitlement {
  return {
    code: r.code,
    kind: r.kind,
    citation: cite(`${r.article}.1.${r.clause}` as CitationKey),
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    department: r.department,
    region: region(resolveRegionCode(r.regionCode)!),
    effectiveFrom: r.effectiveFrom,
    effectiveUntil: r.effectiveUntil,
  };
}

export function violation(v: ViolationRow): Violation {
  return {
    id: String(v.id),
    citizenIdNumber: v.citizenIdNumber,
    citation: cite(`${v.article}.1.${v.clause}` as CitationKey),
    warning: v.warning,
    fineYuan: v.fineYuan,
    illegalGainsYuan: v.illegalGainsYuan,
    occurredOn: v.occurredOn,
  };
}

const dependent = (r: DependentRow): Dependent => ({
  citizenIdNumber: r.citizenIdNumber,
  name: r.name,
  birthDate: r.birthDate,
});

@Resolver()
export class QueryResolver {
  @Query(() => [Entitlement], {
    description: 'the Article 18 and 19 catalogue with local additions in force on asOf (default today)',
  })
  async entitlements(
    @Ctx() ctx: GqlContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<Entitlement[]> {
    return (await queries.entitlements(scopeOf(ctx), asOf)).map(entitlement);
  }

  @Query(() => [Region])
  regions(): Region[] {
    return queries.regions().map(region);
  }

  @Query(() => EligibilityDecision, {
    description: 'DEPARTMENT (own scope and region), PUBLIC_SECURITY, DELEGATED_AGENCY',
  })
  async verifyEligibility(
    @Ctx() ctx: GqlContext,
    @Arg('query', () => EligibilityQuery) query: EligibilityQuery,
  ): Promise<verification.DecisionView> {
    const [d] = await verification.verifyBatch(scopeOf(ctx), [query]);
    return d;
  }

  @Query(() => [EligibilityDecision], {
    description: 'the same, for up to 1000 queries at once, answers in the order asked',
  })
  verifyEligibilityBatch(
    @Ctx() ctx: GqlContext,
    @Arg('queries', () => [EligibilityQuery]) qs: EligibilityQuery[],
  ): Promise<verification.DecisionView[]> {
    return verification.verifyBatch(scopeOf(ctx), qs);
  }

  @Query(() => PermitSummary, {
    nullable: true,
    description: 'any authenticated caller but AUDITOR; null when no permit matches ID number and name',
  })
  permitStatus(
    @Ctx() ctx: GqlContext,
    @Arg('citizenIdNumber') citizenIdNumber: string,
    @Arg('holderName') holderName: string,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<verification.PermitSummaryView | null> {
    return verification.permitStatus(scopeOf(ctx), citizenIdNumber, holderName, asOf);
  }

  @Query(() => PermitHolder, {
    nullable: true,
    description: 'PUBLIC_SECURITY and DELEGATED_AGENCY, within their region',
  })
  permitHolder(
    @Ctx() ctx: GqlContext,
    @Arg('citizenIdNumber') citizenIdNumber: string,
  ): Promise<HolderRow | null> {
    return queries.permitHolder(scopeOf(ctx), citizenIdNumber);
  }

  @Query(() => [PermitApplication])
  overdueApplications(
    @Ctx() ctx: GqlContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ) {
    return overdueApplications(scopeOf(ctx), { asOf, first, after });
  }

  @Query(() => [PermitApplication], {
    description:
      'PUBLIC_SECURITY, DELEGATED_AGENCY: accepted applications not issued on asOf (default today), in their region, in deadline order (the overdue ones first)',
  })
  openApplications(
    @Ctx() ctx: GqlContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ) {
    return openApplications(scopeOf(ctx), { asOf, first, after });
  }

  @Query(() => [Permit], {
    description: 'permits whose endorsement window is open on some day in [from, to]',
  })
  endorsementsDue(
    @Ctx() ctx: GqlContext,
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ) {
    return endorsementsDue(scopeOf(ctx), { from, to, first, after });
  }

  @Query(() => ReceiptCheck, {
    description: 'any authenticated caller: checks a receipt and returns what it states',
  })
  verifyReceipt(@Ctx() ctx: GqlContext, @Arg('receipt') receipt: string): Promise<ReceiptCheckView> {
    return verifyReceipt(scopeOf(ctx), ctx.receipts, receipt);
  }
}

@Resolver()
export class MutationResolver {
  @Mutation(() => ResidenceRegistration, { description: 'PUBLIC_SECURITY, DELEGATED_AGENCY: Articles 8-9' })
  registerResidence(
    @Ctx() ctx: GqlContext,
    @Arg('input', () => RegisterResidenceInput) input: RegisterResidenceInput,
  ) {
    return workflow.registerResidence(scopeOf(ctx), input);
  }

  @Mutation(() => PermitApplication, {
    description: 'Articles 2, 10: ACCEPTED with a deadline, or REFUSED with the failed reasons',
  })
  applyForPermit(
    @Ctx() ctx: GqlContext,
    @Arg('input', () => ApplyForPermitInput) input: ApplyForPermitInput,
  ) {
    return workflow.applyForPermit(scopeOf(ctx), input);
  }

  @Mutation(() => Permit, { description: 'Articles 11-12: only an ACCEPTED application' })
  issuePermit(
    @Ctx() ctx: GqlContext,
    @Arg('applicationId', () => ID) applicationId: string,
    @Arg('issuedOn', () => DateScalar, { nullable: true }) issuedOn?: string,
  ) {
    return workflow.issuePermit(scopeOf(ctx), applicationId, issuedOn);
  }

  @Mutation(() => Permit, { description: 'Article 13' })
  endorsePermit(
    @Ctx() ctx: GqlContext,
    @Arg('permitId', () => ID) permitId: string,
    @Arg('endorsedOn', () => DateScalar, { nullable: true }) endorsedOn?: string,
  ) {
    return workflow.endorsePermit(scopeOf(ctx), permitId, endorsedOn);
  }

  @Mutation(() => Permit, { description: 'Article 14 para 1' })
  changeResidence(
    @Ctx() ctx: GqlContext,
    @Arg('input', () => ChangeResidenceInput) input: ChangeResidenceInput,
  ) {
    return workflow.changeResidence(scopeOf(ctx), input);
  }

  @Mutation(() => ReplacementRequest, { description: 'Article 14 para 2' })
  reportPermitLoss(
    @Ctx() ctx: GqlContext,
    @Arg('permitId', () => ID) permitId: string,
    @Arg('kind', () => LossKindEnum) kind: 'LOST' | 'DAMAGED',
    @Arg('reportedOn', () => DateScalar, { nullable: true }) reportedOn?: string,
  ) {
    return workflow.reportPermitLoss(scopeOf(ctx), permitId, kind, reportedOn);
  }

  @Mutation(() => Permit)
  issueReplacement(
    @Ctx() ctx: GqlContext,
    @Arg('requestId', () => ID) requestId: string,
    @Arg('issuedOn', () => DateScalar, { nullable: true }) issuedOn?: string,
  ) {
    return workflow.issueReplacement(scopeOf(ctx), requestId, issuedOn);
  }

  @Mutation(() => Dependent, { description: 'Article 18(7)' })
  async addDependent(
    @Ctx() ctx: GqlContext,
    @Arg('input', () => AddDependentInput) input: AddDependentInput,
  ) {
    return dependent(await workflow.addDependent(scopeOf(ctx), input));
  }

  @Mutation(() => Violation, { description: 'PUBLIC_SECURITY only: Articles 20-21' })
  async recordViolation(
    @Ctx() ctx: GqlContext,
    @Arg('input', () => RecordViolationInput) input: RecordViolationInput,
  ) {
    return violation(await workflow.recordViolation(scopeOf(ctx), input));
  }

  @Mutation(() => Permit)
  confiscatePermit(
    @Ctx() ctx: GqlContext,
    @Arg('permitId', () => ID) permitId: string,
    @Arg('reason') reason: string,
    @Arg('confiscatedOn', () => DateScalar, { nullable: true }) confiscatedOn?: string,
  ) {
    return workflow.confiscatePermit(scopeOf(ctx), permitId, reason, confiscatedOn);
  }

  @Mutation(() => Entitlement, { description: 'ADMIN: Articles 18(12), 19(6)' })
  async defineLocalEntitlement(
    @Ctx() ctx: GqlContext,
    @Arg('input', () => DefineLocalEntitlementInput) input: DefineLocalEntitlementInput,
  ) {
    return entitlement(await workflow.defineLocalEntitlement(scopeOf(ctx), input));
  }
}

/** Every decision, answered now or read from the register, signs its receipt only when asked for it. */
@Resolver(() => EligibilityDecision)
export class DecisionResolver {
  @FieldResolver(() => String, {
    description:
      'compact JWS (EdDSA, Ed25519) over what the decision states; public keys at GET /.well-known/jwks.json',
  })
  receipt(@Root() d: verification.DecisionView, @Ctx() ctx: GqlContext): Promise<string> {
    return signReceipt(ctx.receipts, d);
  }
}

@Resolver(() => Permit)
export class PermitResolver {
  @FieldResolver(() => ID) id(@Root() b: PermitBundle) {
    return String(b.permit.id);
  }
  @FieldResolver(() => DateScalar) issuedOn(@Root() b: PermitBundle) {
    return b.permit.issuedOn;
  }
  @FieldResolver() issuingAuthority(@Root() b: PermitBundle): string {
    return b.permit.issuingAuthority;
  }
  @FieldResolver(() => Int) cardVersion(@Root() b: PermitBundle, @Ctx() ctx: GqlContext) {
    return cardVersionOn(b, today(scopeOf(ctx)));
  }
  @FieldResolver(() => Region) region(@Root() b: PermitBundle, @Ctx() ctx: GqlContext) {
    return region(permitRegionOn(b, today(scopeOf(ctx))));
  }

  @FieldResolver(() => PermitHolder)
  async holder(@Root() b: PermitBundle, @Ctx() ctx: GqlContext) {
    const h = await ctx.loaders.holder.load(b.permit.holderId);
    if (!h) throw notFound('Holder');
    return h;
  }

  @FieldResolver(() => PermitStatusEnum)
  status(
    @Root() b: PermitBundle,
    @Ctx() ctx: GqlContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ) {
    const s = scopeOf(ctx);
    return stateOn(s.deps.calendar, b, asOfDate(s, asOf)).status;
  }

  @FieldResolver(() => DateScalar, { nullable: true })
  validThrough(
    @Root() b: PermitBundle,
    @Ctx() ctx: GqlContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ) {
    const s = scopeOf(ctx);
    return stateOn(s.deps.calendar, b, asOfDate(s, asOf)).validThrough;
  }

  @FieldResolver(() => DateRange, { nullable: true })
  endorsementWindow(
    @Root() b: PermitBundle,
    @Ctx() ctx: GqlContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): DateRange | null {
    const s = scopeOf(ctx);
    const w = stateOn(s.deps.calendar, b, asOfDate(s, asOf)).endorsementWindow;
    return w ? { from: w.from, to: w.to, provisional: w.provisional } : null;
  }

  @FieldResolver(() => [DateRange], {
    description:
      'Article 13: every endorsement window from year 1 through the first one not endorsed by asOf (the open or next one, the one that closed unendorsed, or the one running at confiscation), oldest first',
  })
  endorsementWindows(
    @Root() b: PermitBundle,
    @Ctx() ctx: GqlContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): DateRange[] {
    const s = scopeOf(ctx);
    const years = stateOn(s.deps.calendar, b, asOfDate(s, asOf)).endorsedYears + 1;
    return Array.from({ length: years }, (_, i) => {
      const w = endorsementWindow(s.deps.calendar, d(b.permit.issuedOn), i + 1);
      return { from: w.from, to: w.to, provisional: w.provisional };
    });
  }

  @FieldResolver(() => [Endorsement])
  endorsements(@Root() b: PermitBundle, @Ctx() ctx: GqlContext): Endorsement[] {
    return endorsementsOf(ctx.deps.calendar, b).map((e) => ({
      endorsedOn: e.endorsedOn,
      extendsValidityThrough: e.extendsValidityThrough,
    }));
  }

  @FieldResolver(() => [ReplacementRequest], {
    description:
      'Article 14 para 2: the loss and damage reports on this permit, oldest first, deadlines as the calendar in force counts them',
  })
  async replacementRequests(
    @Root() b: PermitBundle,
    @Ctx() ctx: GqlContext,
  ): Promise<workflow.ReplacementView[]> {
    return (await ctx.loaders.replacementsByPermit.load(b.permit.id)).map((r) =>
      workflow.replacementView(ctx.deps.calendar, r.request, r.issuedOn),
    );
  }
}

@Resolver(() => PermitHolder)
export class PermitHolderResolver {
  @FieldResolver(() => ID) id(@Root() h: HolderRow) {
    return String(h.id);
  }

  @FieldResolver(() => Region)
  async residenceRegion(@Root() h: HolderRow, @Ctx() ctx: GqlContext) {
    const r = await ctx.loaders.residence.load(h.id);
    return region(resolveRegionCode(r!.regionCode)!);
  }

  @FieldResolver()
  async residenceAddress(@Root() h: HolderRow, @Ctx() ctx: GqlContext): Promise<string> {
    return (await ctx.loaders.residence.load(h.id))!.address;
  }

  @FieldResolver(() => [Permit])
  permits(@Root() h: HolderRow, @Ctx() ctx: GqlContext) {
    return ctx.loaders.bundlesByHolder.load(h.id);
  }

  @FieldResolver(() => [Dependent])
  async dependents(@Root() h: HolderRow, @Ctx() ctx: GqlContext) {
    return (await ctx.loaders.dependents.load(h.id)).map(dependent);
  }
}

@Resolver(() => ResidenceRegistration)
export class RegistrationResolver {
  @FieldResolver(() => ID) id(@Root() r: workflow.RegistrationView) {
    return String(r.id);
  }
  @FieldResolver(() => Region) region(@Root() r: workflow.RegistrationView) {
    return region(r.region);
  }
  @FieldResolver(() => PermitHolder) holder(@Root() r: workflow.RegistrationView, @Ctx() ctx: GqlContext) {
    return ctx.loaders.holder.load(r.holderId);
  }
}

@Resolver(() => PermitApplication)
export class ApplicationResolver {
  @FieldResolver(() => ID) id(@Root() a: workflow.ApplicationView) {
    return String(a.id);
  }
  @FieldResolver(() => PermitHolder) holder(@Root() a: workflow.ApplicationView, @Ctx() ctx: GqlContext) {
    return ctx.loaders.holder.load(a.holderId);
  }

  @FieldResolver(() => Permit, { nullable: true })
  async permit(@Root() a: workflow.ApplicationView, @Ctx() ctx: GqlContext) {
    const p = await ctx.loaders.permitByApplication.load(a.id);
    return p ? ctx.loaders.bundle.load(p.id) : null;
  }

  @FieldResolver(() => ApplicationStatusEnum)
  async status(@Root() a: workflow.ApplicationView, @Ctx() ctx: GqlContext) {
    if (a.status !== 'ACCEPTED') return a.status;
    return (await ctx.loaders.permitByApplication.load(a.id)) ? 'ISSUED' : 'ACCEPTED';
  }

  @FieldResolver(() => Boolean, {
    description:
      "Article 11: accepted, not issued by asOf, and asOf is after the deadline; asOf defaults to the list's day (openApplications, overdueApplications), else today",
  })
  async overdue(
    @Root() a: workflow.ApplicationView & Partial<Pick<ListedApplicationView, 'listedOn'>>,
    @Ctx() ctx: GqlContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: string,
  ): Promise<boolean> {
    const s = scopeOf(ctx);
    const day = asOf != null ? asOfDate(s, asOf) : (a.listedOn ?? today(s));
    if (a.issueDeadline === null) return false;
    const p = await ctx.loaders.permitByApplication.load(a.id);
    return isOverdue(a.issueDeadline, day) && !(p !== null && p.issuedOn <= day);
  }
}

@Resolver(() => ReplacementRequest)
export class ReplacementResolver {
  @FieldResolver(() => ID) id(@Root() r: workflow.ReplacementView) {
    return String(r.id);
  }
  @FieldResolver(() => Permit) permit(@Root() r: workflow.ReplacementView, @Ctx() ctx: GqlContext) {
    return ctx.loaders.bundle.load(r.permitId);
  }
}

export const RESOLVERS = [
  QueryResolver,
  ListsResolver,
  MutationResolver,
  DecisionResolver,
  PermitResolver,
  PermitHolderResolver,
  RegistrationResolver,
  ApplicationResolver,
  ReplacementResolver,
] as const;
