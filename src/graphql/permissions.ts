/**
 * Who may call what (SPEC "Who uses the gateway"): graphql-shield with deny as the fallback. A rule
 * answers only "may this caller do this?" from the token (role, department scope); whether the
 * holder's residence is in the caller's region needs the record, so the use case checks it
 * (requireRegion). Shield never decides eligibility: a decision must cite its article.
 */
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { IMiddleware } from 'graphql-middleware';
import { and, deny, rule, shield, type IRules } from 'graphql-shield';
import { covers, hasPower, resolveRegionCode, type Power } from '../law';
import type { GqlContext } from './context';

const unauthenticated = () =>
  new GraphQLError('A bearer token is required', { extensions: { code: 'UNAUTHENTICATED' } });
const forbidden = (why: string) => new GraphQLError(why, { extensions: { code: 'FORBIDDEN' } });

/** One rule per power of src/law/roles.ts (made once: shield refuses two rules of one name). */
const mayRules = new Map<Power, ReturnType<ReturnType<typeof rule>>>();
const may = (power: Power) => {
  let r = mayRules.get(power);
  if (!r) {
    r = rule(`may:${power}`, { cache: 'contextual' })((_p, _a, ctx: GqlContext) => {
      if (!ctx.caller) return unauthenticated();
      return hasPower(ctx.caller.role, power)
        ? true
        : forbidden(`${ctx.caller.role} may not do this (${power})`);
    });
    mayRules.set(power, r);
  }
  return r;
};

const authenticated = rule('authenticated', { cache: 'contextual' })((_p, _a, ctx: GqlContext) =>
  ctx.caller ? true : unauthenticated(),
);

/** A DEPARTMENT may verify only the entitlements in its token's scope. */
const inScope = rule('inScope', { cache: 'no_cache' })((
  _p,
  args: { query?: { entitlement: string }; queries?: { entitlement: string }[]; entitlement?: string },
  ctx: GqlContext,
) => {
  if (!ctx.caller) return unauthenticated();
  if (ctx.caller.role !== 'DEPARTMENT') return true;
  const codes = args.query
    ? [args.query.entitlement]
    : typeof args.entitlement === 'string'
      ? [args.entitlement]
      : (args.queries ?? []).map((q) => q.entitlement);
  const outside = codes.find((c) => !ctx.caller!.scope.has(c));
  return outside === undefined ? true : forbidden(`Entitlement ${outside.slice(0, 64)} is not in your scope`);
});

/**
 * I-5, where the region is in the arguments: an office acts for residences in its region
 * (registerResidence; changeResidence: the new region; defineLocalEntitlement: its own region or
 * one inside it). Where the region is on the record (a permit id, an ID number), the use case
 * checks it after loading the record (src/app/scope.ts requireRegion).
 */
type RegionArgs = { input?: { residenceRegionCode?: unknown; regionCode?: unknown } };
const regionArgCovered = (pick: (args: RegionArgs) => unknown) =>
  rule({ cache: 'no_cache' })((_p, args: RegionArgs, ctx: GqlContext) => {
    if (!ctx.caller) return unauthenticated();
    const code = pick(args);
    const target = typeof code === 'string' ? resolveRegionCode(code) : undefined;
    if (!target) return true; // an unknown code is bad input, refused by the use case with BAD_USER_INPUT
    if (ctx.caller.role === 'HOLDER') return forbidden('A permit holder acts for no region');
    return covers(ctx.caller.region, target)
      ? true
      : forbidden(`Region ${target.code} is outside your region (${ctx.caller.region.code})`);
  });
const residenceInRegion = regionArgCovered((a) => a.input?.residenceRegionCode);
const entitlementRegionInRegion = regionArgCovered((a) => a.input?.regionCode);

export const ROOT_RULES = {
  Query: {
    entitlements: may('READ_CATALOGUE'),
    regions: authenticated,
    verifyEligibility: and(may('VERIFY'), inScope),
    verifyEligibilityBatch: and(may('VERIFY'), inScope),
    permitStatus: may('PERMIT_STATUS'),
    permitHolder: may('READ_PERSONAL_DATA'),
    overdueApplications: may('READ_PERSONAL_DATA'),
    openApplications: may('READ_PERSONAL_DATA'),
    searchHolders: may('SEARCH_HOLDERS'),
    endorsementsDue: may('READ_PERSONAL_DATA'),
    affectedDecisions: may('READ_AFFECTED_DECISIONS'),
    auditLog: may('AUDIT'),
    verifyAuditChain: may('AUDIT'),
    localEntitlements: may('DEFINE_LOCAL_ENTITLEMENT'),
    verifyReceipt: authenticated,
    decisionsMade: may('READ_DECISIONS_MADE'),
    decisionsToReview: may('REVIEW_DECISIONS'),
    me: may('READ_OWN_RECORDS'),
    myVerifications: may('READ_OWN_RECORDS'),
    myShareCodes: may('SHARE_OWN_PERMIT'),
    // role and scope before the code is looked at (SPEC 亮证)
    verifyEligibilityByShareCode: and(may('VERIFY_BY_SHARE_CODE'), inScope),
  },
  Mutation: {
    registerResidence: and(may('REGISTER_AND_ISSUE'), residenceInRegion),
    applyForPermit: may('REGISTER_AND_ISSUE'),
    issuePermit: may('REGISTER_AND_ISSUE'),
    endorsePermit: may('REGISTER_AND_ISSUE'),
    changeResidence: and(may('REGISTER_AND_ISSUE'), residenceInRegion),
    reportPermitLoss: may('REGISTER_AND_ISSUE'),
    issueReplacement: may('REGISTER_AND_ISSUE'),
    addDependent: may('REGISTER_AND_ISSUE'),
    recordViolation: may('PENALISE'),
    confiscatePermit: may('PENALISE'),
    defineLocalEntitlement: and(may('DEFINE_LOCAL_ENTITLEMENT'), entitlementRegionInRegion),
    // the item's region is on the record: the use case checks it (FORBIDDEN outside the region)
    endLocalEntitlement: may('DEFINE_LOCAL_ENTITLEMENT'),
    createShareCode: may('SHARE_OWN_PERMIT'),
    revokeShareCode: may('SHARE_OWN_PERMIT'),
  },
} as const;

/**
 * The shield middleware for the root fields. With deny as the fallback, a root field without a rule
 * is refused. Fields of result types are not wrapped: they are reachable only through a root
 * field whose rule passed, and wrapping each of them (allow) tripled the cost of a 1000-query
 * batch (npm run bench:shield).
 */
export function permissions(schema: GraphQLSchema, opts: { debug: boolean }): IMiddleware {
  const rules = { Query: ROOT_RULES.Query, Mutation: ROOT_RULES.Mutation } as unknown as IRules;
  const generated = shield(rules, {
    fallbackRule: deny,
    allowExternalErrors: true,
    debug: opts.debug,
    fallbackError: () => forbidden('Not allowed'),
  }).generate(schema) as Record<string, unknown>;
  return { Query: generated.Query, Mutation: generated.Mutation } as IMiddleware;
}
