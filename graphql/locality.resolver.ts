import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { ValidationError } from '../domain/errors';
import type { GraphQLContext } from './context';
import { authorize } from './auth/policy';
import { Locality, toLocality } from './locality.type';
import { requirePageSize } from './limits';

const DEFAULT_SEARCH_RESULTS = 20;

/**
 * The catalogue of localities (public reference data: every role may read all of it).
 * - no arguments: the provinces;
 * - `parentCode`: that province's communes (a commune has none);
 * - `search`: units whose name matches, ignoring diacritics and tone-mark placement, within `parentCode` if given.
 * `first` caps the list (search defaults to 20).
 */
@Resolver(() => Locality)
export class LocalityResolver {
  @Query(() => [Locality], { description: 'Đơn vị hành chính: the provinces, the communes of `parentCode`, or a search ignoring diacritics' })
  localities(
    @Ctx() ctx: GraphQLContext,
    @Arg('parentCode', () => String, { nullable: true, description: 'A province code: list (or search) its communes' }) parentCode?: string | null,
    @Arg('search', () => String, { nullable: true, description: 'Name to look for, e.g. "Xuan Huong", "Khánh Hòa", "Xã Tân Hoà"' }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many (1–100); search defaults to 20' }) first?: number | null,
  ): Locality[] {
    authorize(ctx.user, 'localities');
    const { catalogue } = ctx.services;
    const limit = first == null ? undefined : requirePageSize(first);
    if (parentCode != null && !catalogue.isProvince(parentCode)) {
      throw ValidationError.field(['parentCode'], catalogue.byCode(parentCode) ? 'must be a province (communes have no children)' : 'is not a known province code');
    }
    let units;
    if (search != null) {
      if (search.trim().length > 100) throw ValidationError.field(['search'], 'must be at most 100 characters');
      units = catalogue.search(search, { provinceCode: parentCode ?? undefined, limit: limit ?? DEFAULT_SEARCH_RESULTS });
    } else {
      units = parentCode != null ? [...catalogue.communesOf(parentCode)] : catalogue.provinces();
      if (limit !== undefined) units = units.slice(0, limit);
    }
    return units.map((unit) => toLocality(catalogue, unit.code));
  }

  @FieldResolver(() => [Locality], { description: 'Các xã/phường/đặc khu of a province; empty for a commune' })
  children(@Root() locality: Locality, @Ctx() ctx: GraphQLContext): Locality[] {
    if (!locality.isProvince) return [];
    return ctx.services.catalogue.communesOf(locality.code).map((unit) => toLocality(ctx.services.catalogue, unit.code));
  }

  @FieldResolver(() => Locality, { nullable: true, description: 'The province of a commune; null for a province' })
  province(@Root() locality: Locality, @Ctx() ctx: GraphQLContext): Locality | null {
    return locality.provinceCode ? toLocality(ctx.services.catalogue, locality.provinceCode) : null;
  }
}
