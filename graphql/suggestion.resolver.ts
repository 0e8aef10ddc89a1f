import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { suggestSectors } from '../domain/analytics/suggest-sectors';
import { UnauthenticatedError, ValidationError } from '../domain/errors';
import type { Sector } from '../domain/vocabulary';
import type { AuthUser } from './auth/auth-user';
import { allows, authorize } from './auth/policy';
import type { GraphQLContext } from './context';
import { SubmitReportPayload } from './issue-payload.type';
import { toIssue } from './issue.type';
import { requirePageSize } from './limits';
import { SectorSuggestion, toSectorSuggestion } from './sector-suggestion.type';
import { SimilarIssue } from './similar-issue.type';
import {
  DEFAULT_SIMILAR_ISSUES,
  findSimilarIssues,
  reportSimilarityText,
  requireProvinceInScope,
  SimilarIssuesQuery,
  similarityText,
} from './similar-issues';
import { SectorEnum } from './vocabulary.type';

/**
 * Suggestions for whoever writes or files a report: open issues that may be the same matter (`similarIssues`) and the
 * sectors the text points to (`suggestSectors`), as queries and on the payload of submitReport / attachReport.
 * They never change anything: merging, attaching and classifying stay the officer's decisions.
 */

/** Longest text `suggestSectors` reads: a report's summary may be this long. */
const MAX_SECTOR_TEXT = 10_000;

async function similar(ctx: GraphQLContext, user: AuthUser, query: SimilarIssuesQuery): Promise<SimilarIssue[]> {
  const now = new Date();
  const found = await findSimilarIssues(ctx.services.knex, user, query);
  return found.map(({ row, similarity, sameSector, score }) => ({ issue: toIssue(row, ctx.services.catalogue, now), similarity, sameSector, score }));
}

@Resolver()
export class SuggestionResolver {
  @Query(() => [SimilarIssue], {
    description:
      'Gợi ý trùng lặp: open issues (not closed or merged) of the province whose reports read like `text`, compared without diacritics (pg_trgm word similarity ≥ 0.35), best first; an issue sharing `sector` scores 0.1 more. Within your scope. Suggestions only: nothing is merged.',
  })
  async similarIssues(
    @Arg('text', () => String, { description: 'A report’s title and/or summary, with or without diacritics (at most 1000 characters)' }) text: string,
    @Arg('province', () => String, { description: 'Province code, e.g. "68"; it must be yours' }) province: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('sector', () => SectorEnum, { nullable: true, description: 'Favour issues of this sector' }) sector?: Sector | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_SIMILAR_ISSUES, description: 'At most this many suggestions (1–100)' }) first: number = DEFAULT_SIMILAR_ISSUES,
  ): Promise<SimilarIssue[]> {
    const user = authorize(ctx.user, 'similarIssues');
    const folded = similarityText(text, ['text']);
    const provinceCode = requireProvinceInScope(ctx.services.catalogue, user, province, ['province']);
    return similar(ctx, user, { folded, sectors: sector ? [sector] : [], provinceCode, first: requirePageSize(first) });
  }

  @Query(() => [SectorSuggestion], {
    description:
      'Gợi ý lĩnh vực: the sectors a report’s text points to, best first, from a Vietnamese phrase dictionary (diacritics and tone-mark placement do not matter); [] when no phrase matches. Suggestions only.',
  })
  suggestSectors(@Arg('text', () => String, { description: 'A report’s title and summary (at most 10000 characters)' }) text: string, @Ctx() ctx: GraphQLContext): SectorSuggestion[] {
    authorize(ctx.user, 'suggestSectors');
    if (text.trim() === '') throw ValidationError.field(['text'], 'must not be empty');
    if (text.length > MAX_SECTOR_TEXT) throw ValidationError.field(['text'], `must be at most ${MAX_SECTOR_TEXT} characters`);
    return suggestSectors(text).map(toSectorSuggestion);
  }
}

@Resolver(() => SubmitReportPayload)
export class SubmitReportSuggestionsResolver {
  @FieldResolver(() => [SectorSuggestion], {
    description: 'Sectors the report’s title and summary point to (as suggestSectors): suggestions only, the report keeps the sectors it was given',
  })
  suggestedSectors(@Root() payload: SubmitReportPayload): SectorSuggestion[] {
    const { title, summary } = payload.suggestionSource;
    return suggestSectors(`${title}. ${summary}`).map(toSectorSuggestion);
  }

  @FieldResolver(() => [SimilarIssue], {
    nullable: true,
    description:
      'Other open issues of the province that may be the same matter as this report (as similarIssues, favouring the report’s sectors; the issue the report is on is left out). Suggestions only: nothing is merged or attached. Null when your role may not read issues.',
  })
  async similarIssues(
    @Root() payload: SubmitReportPayload,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: DEFAULT_SIMILAR_ISSUES, description: 'At most this many suggestions (1–100)' }) first: number = DEFAULT_SIMILAR_ISSUES,
  ): Promise<SimilarIssue[] | null> {
    if (!ctx.user) throw new UnauthenticatedError('sign in with a bearer token to use this API');
    if (!allows(ctx.user.role, 'similarIssues')) return null;
    const { title, summary, sectors, provinceCode, issueId } = payload.suggestionSource;
    return similar(ctx, ctx.user, { folded: reportSimilarityText(title, summary), sectors, provinceCode, excludeIssueIds: [issueId], first: requirePageSize(first) });
  }
}
