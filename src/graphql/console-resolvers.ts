/**
 * The reads and acts the console's pages need (issue 11, item 0) that are not lists of the
 * workflow: a government's local entitlements, whatever their dates, and ending one.
 */
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { endLocalEntitlement, localEntitlements } from '../app/entitlements/local-entitlements';
import { scopeOf, type GqlContext } from './context';
import { entitlement } from './resolvers';
import { DateScalar } from './scalars';
import { Entitlement } from './types';

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

export const CONSOLE_RESOLVERS = [LocalEntitlementsResolver] as const;
