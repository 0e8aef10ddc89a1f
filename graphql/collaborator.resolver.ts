import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { ForbiddenError, ValidationError } from '../domain/errors';
import { COLLABORATOR_LEVEL_LABELS } from '../domain/vocabulary';
import { foldVietnamese } from '../domain/text/fold-vietnamese';
import { authorize, localityScope } from './auth/policy';
import type { GraphQLContext } from './context';
import { requirePageSize } from './limits';
import { toLocality } from './locality.type';
import { decodeCursor, encodeCursor } from './pagination';
import { Collaborator, CollaboratorConnection, CollaboratorFilterInput, CollaboratorMonthActivity } from './collaborator.type';
import { labelledValue } from './vocabulary.type';

const DEFAULT_PAGE = 20;
const MAX_ACTIVITY_RANGE_DAYS = 10 * 366;

/** The same folding as foldVietnamese, in SQL: no diacritics, đ→d, lower case, single spaces. */
const foldSql = (column: string) =>
  `lower(regexp_replace(translate(regexp_replace(normalize(coalesce(${column}, ''), NFD), '[\\u0300-\\u036f]', '', 'g'), 'đĐðÐ', 'dddd'), '\\s+', ' ', 'g'))`;
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Officers see the roster ordered by name; leaders, who may not see identities, by locality and enrolment. Either way
 * the cursor is an offset into the ordering, so it carries nothing about who is on the roster.
 */
const ORDERINGS = {
  officer: { name: 'collaborators-by-name', sql: 'full_name, collaborator_id' },
  leader: { name: 'collaborators-by-locality', sql: 'locality_code, enrolled_at, collaborator_id' },
};

interface CollaboratorRow {
  collaborator_id: string;
  full_name: string;
  level: string;
  locality_code: string;
  unit: string | null;
  phone: string | null;
  email: string | null;
  active: boolean;
  enrolled_at: Date;
  deactivated_at: Date | null;
  total: string;
}

type ActivityLoader = DataLoader<string, CollaboratorMonthActivity[]>;
/** Per request (keyed by its context) and per requested range: one query for all collaborators of a page. */
const activityLoaders = new WeakMap<GraphQLContext, Map<string, ActivityLoader>>();

function activityLoader(ctx: GraphQLContext, from: string | null, to: string | null): ActivityLoader {
  let byRange = activityLoaders.get(ctx);
  if (!byRange) activityLoaders.set(ctx, (byRange = new Map()));
  const key = `${from ?? ''}|${to ?? ''}`;
  let loader = byRange.get(key);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const query = ctx.services
        .knex('collaborator_activity')
        .select('collaborator_id', ctx.services.knex.raw(`to_char(month, 'YYYY-MM-DD') AS month`), 'reports', 'timely_reports', 'verified_reports', 'confirmed_reports')
        .whereIn('collaborator_id', ids as string[])
        .orderBy(['collaborator_id', 'month']);
      if (from) query.whereRaw(`month >= date_trunc('month', ?::date)`, [from]);
      if (to) query.where('month', '<=', to);
      const byCollaborator = new Map<string, CollaboratorMonthActivity[]>();
      for (const row of await query) {
        const list = byCollaborator.get(row.collaborator_id) ?? [];
        list.push({
          month: row.month,
          reports: row.reports,
          timelyReports: row.timely_reports,
          timelyRate: row.reports === 0 ? null : row.timely_reports / row.reports,
          verifiedReports: row.verified_reports,
          confirmedReports: row.confirmed_reports,
          confirmedShare: row.verified_reports === 0 ? null : row.confirmed_reports / row.verified_reports,
        });
        byCollaborator.set(row.collaborator_id, list);
      }
      return ids.map((id) => byCollaborator.get(id) ?? []);
    });
    byRange.set(key, loader);
  }
  return loader;
}

@Resolver(() => Collaborator)
export class CollaboratorResolver {
  @Query(() => CollaboratorConnection, {
    description:
      'Cộng tác viên in the caller’s scope, with monthly activity. OFFICER and LEADER only; leaders get no identities (reporter protection): ' +
      'id, name, unit, phone and email are null and the text filter is refused.',
  })
  async collaborators(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => CollaboratorFilterInput, { nullable: true }) filter?: CollaboratorFilterInput | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE, description: 'Page size (1–100)' }) first: number = DEFAULT_PAGE,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page' }) after?: string | null,
  ): Promise<CollaboratorConnection> {
    const user = authorize(ctx.user, 'collaborators');
    const limit = requirePageSize(first);
    const seesIdentity = user.role === 'OFFICER';
    if (!seesIdentity && filter?.text != null) throw new ForbiddenError('only officers may search collaborators by name, unit or phone');
    const scope = localityScope(user, ctx.services.catalogue, { provinceCode: filter?.provinceCode, communeCodes: filter?.communeCode != null ? [filter.communeCode] : null });
    const ordering = seesIdentity ? ORDERINGS.officer : ORDERINGS.leader;
    const offset = after == null ? 0 : Number(decodeCursor(after, ordering.name, [(key) => /^\d{1,9}$/.test(key)]).keys[0]) + 1;

    const { knex } = ctx.services;
    const query = knex('collaborators')
      .select('*', knex.raw('count(*) OVER () AS total'))
      .where('province_code', scope.provinceCode)
      .orderByRaw(ordering.sql)
      .limit(limit + 1)
      .offset(offset);
    if (scope.communeCodes) query.whereIn('locality_code', scope.communeCodes);
    if (filter?.active != null) query.where('active', filter.active);
    if (filter?.text != null) {
      const text = foldVietnamese(filter.text);
      if (text.length === 0 || text.length > 100) throw ValidationError.field(['filter', 'text'], 'must have 1 to 100 characters');
      const pattern = `%${likeEscape(text)}%`;
      query.where((q) =>
        q.whereRaw(`${foldSql('full_name')} LIKE ?`, [pattern]).orWhereRaw(`${foldSql('unit')} LIKE ?`, [pattern]).orWhereRaw(`phone LIKE ?`, [pattern]),
      );
    }
    const rows: CollaboratorRow[] = await query;
    // A page past the end has no rows to carry the total: count it apart (rare).
    const totalCount = rows.length ? Number(rows[0].total) : Number((await query.clone().clearSelect().clearOrder().offset(0).limit(1).count({ n: '*' }).first())?.n ?? 0);
    const page = rows.slice(0, limit);
    const catalogue = ctx.services.catalogue;
    const edges = page.map((row, i) => ({
      cursor: encodeCursor({ ordering: ordering.name, keys: [String(offset + i)], id: 'offset' }),
      node: {
        internalId: row.collaborator_id,
        id: seesIdentity ? row.collaborator_id : null,
        fullName: seesIdentity ? row.full_name : null,
        unit: seesIdentity ? row.unit : null,
        phone: seesIdentity ? row.phone : null,
        email: seesIdentity ? row.email : null,
        identityRedacted: !seesIdentity,
        level: labelledValue(COLLABORATOR_LEVEL_LABELS, row.level),
        locality: toLocality(catalogue, row.locality_code),
        active: row.active,
        enrolledAt: row.enrolled_at,
        deactivatedAt: row.deactivated_at,
      },
    }));
    return { totalCount, edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @FieldResolver(() => [CollaboratorMonthActivity], { description: 'Hoạt động theo tháng (months with activity only), oldest first' })
  async activity(
    @Root() collaborator: Collaborator,
    @Ctx() ctx: GraphQLContext,
    @Arg('from', () => LocalDateResolver, { nullable: true, description: 'From the month containing this day' }) from?: string | null,
    @Arg('to', () => LocalDateResolver, { nullable: true, description: 'Up to this day' }) to?: string | null,
  ): Promise<CollaboratorMonthActivity[]> {
    if (from && to) {
      if (from > to) throw ValidationError.field(['from'], 'must not be after `to`');
      if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > MAX_ACTIVITY_RANGE_DAYS) throw ValidationError.field(['to'], `the range may cover at most ${MAX_ACTIVITY_RANGE_DAYS} days`);
    }
    return activityLoader(ctx, from ?? null, to ?? null).load(collaborator.internalId);
  }
}
