import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors';
import { SURVEY_STATUS_LABELS, SurveyDimension, SurveyStatus } from '../domain/survey/vocabulary';
import { foldVietnamese } from '../domain/text/fold-vietnamese';
import { authorize, localityScope } from './auth/policy';
import type { AuthUser } from './auth/auth-user';
import type { GraphQLContext } from './context';
import { requirePageSize } from './limits';
import { toLocality } from './locality.type';
import { decodeCursor, encodeCursor } from './pagination';
import { canSeeSurvey, scopeSurveys } from './survey-access';
import { demographicLabel, QuestionRow, surveyResults, toQuestion } from './survey-results';
import { readSurveyCounts } from '../projections/surveys.read';
import { SurveyFilterInput } from './survey.input';
import { Survey, SurveyConnection, SurveyDimensionEnum, SurveyQuestion, SurveyResults, SurveyTextAnswerPage } from './survey.type';

const DEFAULT_PAGE = 20;
const ORDERING = 'surveys-by-opened';
const MAX_SEARCH_TEXT = 100;
const likeEscape = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

interface SurveyRow {
  survey_id: string;
  province_code: string;
  title: string;
  description: string | null;
  status: SurveyStatus;
  target_locality_codes: string[];
  opens_at: Date | null;
  closes_at: Date | null;
  opened_at: Date;
  closed_at: Date | null;
  close_reason: string | null;
  response_count: number;
  last_response_at: Date | null;
}

function toSurvey(ctx: GraphQLContext, row: SurveyRow): Survey {
  const now = Date.now();
  return {
    id: row.survey_id,
    title: row.title,
    description: row.description,
    status: row.status,
    statusLabel: SURVEY_STATUS_LABELS[row.status],
    acceptingResponses: row.status === 'OPEN' && (row.opens_at === null || row.opens_at.getTime() <= now) && (row.closes_at === null || row.closes_at.getTime() > now),
    province: toLocality(ctx.services.catalogue, row.province_code),
    targetLocalities: row.target_locality_codes.map((code) => toLocality(ctx.services.catalogue, code)),
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    closeReason: row.close_reason,
    responseCount: row.response_count,
    lastResponseAt: row.last_response_at,
  };
}

/** The survey's read-model row, if the user may see it; NOT_FOUND otherwise. */
export async function visibleSurveyRow(ctx: GraphQLContext, user: AuthUser, surveyId: string): Promise<SurveyRow> {
  const row: SurveyRow | undefined = await ctx.services.knex('surveys').where('survey_id', surveyId).first();
  if (!row || !canSeeSurvey(user, { provinceCode: row.province_code, targetLocalityCodes: row.target_locality_codes })) {
    throw new NotFoundError(`survey ${surveyId} not found`);
  }
  return row;
}

export async function visibleSurvey(ctx: GraphQLContext, user: AuthUser, surveyId: string): Promise<Survey> {
  return toSurvey(ctx, await visibleSurveyRow(ctx, user, surveyId));
}

/** Per request: the questions of many surveys in one query. */
const questionLoaders = new WeakMap<GraphQLContext, DataLoader<string, QuestionRow[]>>();

function questionLoader(ctx: GraphQLContext): DataLoader<string, QuestionRow[]> {
  let loader = questionLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const rows: (QuestionRow & { survey_id: string })[] = await ctx.services.knex('survey_questions').whereIn('survey_id', ids as string[]).orderBy(['survey_id', 'position']);
      return ids.map((id) => rows.filter((row) => row.survey_id === id));
    });
    questionLoaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => Survey)
export class SurveyResolver {
  @Query(() => Survey, { description: 'Một cuộc khảo sát; NOT_FOUND outside your scope' })
  async survey(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Survey> {
    const user = authorize(ctx.user, 'survey');
    return visibleSurvey(ctx, user, id);
  }

  @Query(() => SurveyConnection, { description: 'Surveys in your scope, newest first' })
  async surveys(
    @Ctx() ctx: GraphQLContext,
    @Arg('filter', () => SurveyFilterInput, { nullable: true }) filter?: SurveyFilterInput | null,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE, description: 'Page size' }) first: number = DEFAULT_PAGE,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page' }) after?: string | null,
  ): Promise<SurveyConnection> {
    const user = authorize(ctx.user, 'surveys');
    const limit = requirePageSize(first);
    const { knex } = ctx.services;
    const query = scopeSurveys(knex('surveys'), user);
    if (filter?.status != null) query.where('status', filter.status);
    if (filter?.communeCode != null) {
      const [commune] = localityScope(user, ctx.services.catalogue, { communeCodes: [filter.communeCode] }).communeCodes!;
      query.whereRaw('target_locality_codes && ?::text[]', [[user.provinceCode, commune]]);
    }
    const totalCount = Number((await query.clone().count({ n: '*' }).first())?.n ?? 0);
    if (after != null) {
      const cursor = decodeCursor(after, ORDERING, [(key) => !Number.isNaN(Date.parse(key))]);
      query.whereRaw('(opened_at, survey_id) < (?::timestamptz, ?)', [cursor.keys[0], cursor.id]);
    }
    const rows: SurveyRow[] = await query.orderBy([{ column: 'opened_at', order: 'desc' }, { column: 'survey_id', order: 'desc' }]).limit(limit + 1);
    const edges = rows.slice(0, limit).map((row) => ({
      cursor: encodeCursor({ ordering: ORDERING, keys: [row.opened_at.toISOString()], id: row.survey_id }),
      node: toSurvey(ctx, row),
    }));
    return { totalCount, edges, pageInfo: { hasNextPage: rows.length > limit, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @FieldResolver(() => [SurveyQuestion], { description: 'Các câu hỏi, in order' })
  async questions(@Root() survey: Survey, @Ctx() ctx: GraphQLContext): Promise<SurveyQuestion[]> {
    return (await questionLoader(ctx).load(survey.id)).map(toQuestion);
  }

  @Query(() => SurveyResults, {
    description:
      'Kết quả khảo sát: per question, the overall result and one breakdown per dimension of `by`, with counts, shares and 95% margins of error ' +
      '(simple-random-sample formula). Users with commune scope see their communes only, and only by COMMUNE.',
  })
  async surveyResults(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('by', () => [SurveyDimensionEnum], { defaultValue: ['COMMUNE'], description: 'Dimensions to break down by; each gives its own breakdown' })
    by: SurveyDimension[] = ['COMMUNE'],
    @Arg('questionId', () => ID, { nullable: true, description: 'Only this question' }) questionId?: string | null,
  ): Promise<SurveyResults> {
    const user = authorize(ctx.user, 'surveyResults');
    const row = await visibleSurveyRow(ctx, user, id);
    const dimensions = [...new Set(by)];
    const provinceWide = dimensions.filter((d) => d !== 'COMMUNE');
    if (user.communeCodes !== null && provinceWide.length > 0) {
      throw new ForbiddenError(`breakdowns by ${provinceWide.join(', ')} cover the whole province: they need province scope`);
    }
    const { knex, catalogue } = ctx.services;
    const { questions, counts } = await readSurveyCounts(knex, id, { dimensions, questionId, communeCodes: user.communeCodes });
    if (questionId != null && questions.length === 0) throw ValidationError.field(['questionId'], `is not a question of survey ${id}`);
    const labelOf = (dimension: SurveyDimension, code: string) =>
      dimension === 'COMMUNE' || dimension === 'PROVINCE' ? (catalogue.fullName(code) ?? code) : demographicLabel(dimension, code);
    const results = surveyResults(questions, dimensions, counts, labelOf);
    return { survey: toSurvey(ctx, row), ...results };
  }

  @Query(() => SurveyTextAnswerPage, { description: 'Tìm trong câu trả lời tự do, không phân biệt dấu (every word must appear), most similar first' })
  async searchSurveyAnswers(
    @Arg('id', () => ID) id: string,
    @Arg('questionId', () => ID) questionId: string,
    @Arg('text', () => String) text: string,
    @Ctx() ctx: GraphQLContext,
    @Arg('first', () => Int, { defaultValue: DEFAULT_PAGE }) first: number = DEFAULT_PAGE,
  ): Promise<SurveyTextAnswerPage> {
    const user = authorize(ctx.user, 'searchSurveyAnswers');
    const limit = requirePageSize(first);
    await visibleSurveyRow(ctx, user, id);
    const folded = foldVietnamese(text);
    if (folded.length === 0 || folded.length > MAX_SEARCH_TEXT) throw ValidationError.field(['text'], `must have 1 to ${MAX_SEARCH_TEXT} characters`);
    const { knex, catalogue } = ctx.services;
    const query = knex('survey_text_answers')
      .select('response_id', 'commune_code', 'text', knex.raw('count(*) OVER () AS total'))
      .where({ survey_id: id, question_id: questionId })
      .orderByRaw('similarity(folded_text, ?) DESC, response_id', [folded])
      .limit(limit);
    for (const word of folded.split(' ')) query.whereRaw(`folded_text LIKE ?`, [`%${likeEscape(word)}%`]);
    if (user.communeCodes !== null) query.whereIn('commune_code', user.communeCodes);
    const rows: { response_id: string; commune_code: string; text: string; total: string }[] = await query;
    return {
      totalCount: rows.length ? Number(rows[0].total) : 0,
      answers: rows.map((r) => ({ responseId: r.response_id, locality: toLocality(catalogue, r.commune_code), text: r.text })),
    };
  }
}
