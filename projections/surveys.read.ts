import type { Knex } from 'knex';
import type { QuestionKind } from '../domain/survey/vocabulary';

/**
 * Reads of the survey read model: a survey's questions and the counter rows its results are computed from
 * (graphql/survey-results.ts turns them into shares and margins). The one copy of this read: the `surveyResults`
 * GraphQL field and the monthly synthesis use it.
 */

export interface SurveyQuestionRow {
  question_id: string;
  position: number;
  text: string;
  kind: QuestionKind;
  required: boolean;
  options: { value: string; label: string }[];
  scale_min: number | null;
  scale_max: number | null;
}

export interface SurveyCountRows {
  responses: { dimension: string; group_code: string; responses: number }[];
  respondents: { question_id: string; dimension: string; group_code: string; respondents: number }[];
  answers: { question_id: string; dimension: string; group_code: string; value: string; answers: number }[];
}

/**
 * The questions of a survey (one, with `questionId`) and its counter rows: the COMMUNE rows (whose sum is the overall
 * result) and those of every dimension asked for, limited to some communes when `communeCodes` is given.
 */
export async function readSurveyCounts(
  knex: Knex,
  surveyId: string,
  options: { dimensions: readonly string[]; questionId?: string | null; communeCodes?: readonly string[] | null },
): Promise<{ questions: SurveyQuestionRow[]; counts: SurveyCountRows }> {
  const { questionId = null, communeCodes = null } = options;
  const questionQuery = knex('survey_questions').where('survey_id', surveyId).orderBy('position');
  if (questionId != null) questionQuery.where('question_id', questionId);
  const questions: SurveyQuestionRow[] = await questionQuery;

  const rowsOf = async <T>(table: string, withQuestion: boolean): Promise<T[]> => {
    const query = knex(table)
      .where('survey_id', surveyId)
      .whereIn('dimension', [...new Set<string>(['COMMUNE', ...options.dimensions])]);
    if (withQuestion && questionId != null) query.where('question_id', questionId);
    if (communeCodes !== null) query.whereIn('group_code', communeCodes as string[]);
    return query;
  };
  return {
    questions,
    counts: {
      responses: await rowsOf('survey_response_counts', false),
      respondents: await rowsOf('survey_question_counts', true),
      answers: await rowsOf('survey_answer_counts', true),
    },
  };
}
