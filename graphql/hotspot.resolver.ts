import { Arg, Ctx, Int, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ValidationError } from '../domain/errors';
import { readHotspots, type HotspotWarning as HotspotWarningRecord } from '../projections/hotspots.read';
import { type AuthUser, inScope } from './auth/auth-user';
import { authorize, localityScope, type LocalityScope } from './auth/policy';
import type { GraphQLContext } from './context';
import { HotspotWarning, toHotspotWarning } from './hotspot.type';
import { requirePageSize } from './limits';
import type { LocalityCatalogue } from '../domain/localities/catalogue';

/**
 * Early warning (cảnh báo sớm): the `hotspots` query ranks the warnings of the hotspots read model active at an
 * instant; the `hotspotRaised` subscription announces new ones as the read model raises them (fed by the process's
 * Changefeed from the log and the read models, so a warning raised by any process's write reaches every API process).
 */

/** The province asked for: a known province (BAD_USER_INPUT otherwise) within the user's scope (FORBIDDEN otherwise). */
function provinceScope(user: AuthUser, catalogue: LocalityCatalogue, province: string | null | undefined, path: string): LocalityScope {
  if (province != null && !catalogue.isProvince(province)) throw ValidationError.field([path], 'is not a province code');
  return localityScope(user, catalogue, { provinceCode: province });
}

/** A warning as the user may see it: in their communes when their scope lists some, with only the issues they may see. */
function visibleWarning(user: AuthUser, scope: LocalityScope, w: HotspotWarningRecord): HotspotWarningRecord | undefined {
  if (w.provinceCode !== scope.provinceCode) return undefined;
  if (scope.communeCodes !== null && !scope.communeCodes.includes(w.localityCode)) return undefined;
  return { ...w, topIssues: w.topIssues.filter((i) => inScope(user, i.provinceCode, i.communeCode)) };
}

function hotspotRaisedFeed({ args, context: ctx }: SubscribeResolverData<unknown, { province?: string | null }, GraphQLContext>): AsyncIterable<HotspotWarning> {
  const user = authorize(ctx.user, 'hotspotRaised');
  const scope = provinceScope(user, ctx.services.catalogue, args.province, 'province');
  return ctx.changefeed.hotspotsRaised(
    (w) => visibleWarning(user, scope, w) !== undefined,
    (w) => toHotspotWarning(ctx.services.catalogue, visibleWarning(user, scope, w)!),
  );
}

@Resolver()
export class HotspotResolver {
  @Query(() => [HotspotWarning], {
    description:
      'Điểm nóng: the early warnings active at `asOf` (default now) in a province, strongest first (score), each with its reasons: ' +
      'the recent weighted count against the commune × sector’s own baseline, the score, the window and the issues behind it. ' +
      'Roles: OFFICER, LEADER, AUDITOR; a commune-scoped user sees only their communes.',
  })
  async hotspots(
    @Ctx() ctx: GraphQLContext,
    @Arg('province', () => String, { description: 'Mã tỉnh, e.g. "68"' }) province: string,
    @Arg('asOf', () => DateTimeResolver, { nullable: true, description: 'The instant the warnings are active at; default now' }) asOf?: Date | null,
    @Arg('first', () => Int, { defaultValue: 20, description: 'At most this many (1–100)' }) first: number = 20,
  ): Promise<HotspotWarning[]> {
    const user = authorize(ctx.user, 'hotspots');
    const scope = provinceScope(user, ctx.services.catalogue, province, 'province');
    const limit = requirePageSize(first);
    const warnings = await readHotspots(ctx.services.knex, { provinceCode: scope.provinceCode, asOf: asOf ?? new Date(), limit, communeCodes: scope.communeCodes });
    return warnings.flatMap((w) => {
      const visible = visibleWarning(user, scope, w);
      return visible ? [toHotspotWarning(ctx.services.catalogue, visible)] : [];
    });
  }

  @Subscription(() => HotspotWarning, {
    description:
      'Each new hot-spot warning (cảnh báo điểm nóng) in your province (or your communes) as soon as the read model raises it; ' +
      'a cell that stays hot is not announced again. Roles: OFFICER, LEADER.',
    subscribe: hotspotRaisedFeed,
  })
  hotspotRaised(
    @Root() warning: HotspotWarning,
    // Declared for the schema; applied when subscribing (hotspotRaisedFeed).
    @Arg('province', () => String, { nullable: true, description: 'Mã tỉnh; defaults to (and must be) yours' }) _province?: string | null,
  ): HotspotWarning {
    return warning;
  }
}
