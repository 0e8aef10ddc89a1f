import { DEMOGRAPHIC_DIMENSIONS, DEMOGRAPHIC_FIELDS, QUESTION_KIND_LABELS, SURVEY_DIMENSION_LABELS, SurveyDimension, UNKNOWN_GROUP, UNKNOWN_GROUP_LABEL } from '../domain/survey/vocabulary';
import type { SurveyCountRows, SurveyQuestionRow } from '../projections/surveys.read';
import type { SurveyBreakdown, SurveyGroupResult, SurveyQuestion, SurveyQuestionResult, SurveyShare } from './survey.type';

/**
 * Survey results from the counter tables of the surveys projection: shares per group with their 95% margins of error.
 * Pure: the resolver reads the rows, this turns them into results.
 */

const Z_95 = 1.96;

/**
 * The 95% margin of error of a share p among n respondents, 1.96·√(p(1−p)/n); null when n = 0. It holds for a simple
 * random sample; for an opt-in survey it understates the uncertainty.
 */
export function marginOfError(p: number, n: number): number | null {
  return n > 0 ? Z_95 * Math.sqrt((p * (1 - p)) / n) : null;
}

/** A question's read-model row and the counter rows of a survey, as projections/surveys.read.ts reads them. */
export type QuestionRow = SurveyQuestionRow;
export type CountRows = SurveyCountRows;

/** The counts of one group: its responses, and per question its respondents and answers per value. */
class GroupCounts {
  responses = 0;
  readonly respondents = new Map<string, number>();
  readonly answers = new Map<string, Map<string, number>>();

  addAnswers(questionId: string, value: string, n: number): void {
    const byValue = this.answers.get(questionId) ?? new Map<string, number>();
    byValue.set(value, (byValue.get(value) ?? 0) + n);
    this.answers.set(questionId, byValue);
  }

  addAll(other: GroupCounts): void {
    this.responses += other.responses;
    for (const [q, n] of other.respondents) this.respondents.set(q, (this.respondents.get(q) ?? 0) + n);
    for (const [q, byValue] of other.answers) for (const [value, n] of byValue) this.addAnswers(q, value, n);
  }
}

export function toQuestion(row: QuestionRow): SurveyQuestion {
  return {
    id: row.question_id,
    position: row.position,
    text: row.text,
    kind: row.kind,
    kindLabel: QUESTION_KIND_LABELS[row.kind],
    required: row.required,
    options: row.options,
    scaleMin: row.scale_min,
    scaleMax: row.scale_max,
  };
}

/** The values a question's shares list, in order: its options, or every point of its scale. */
function valuesOf(question: QuestionRow): { value: string; label: string }[] {
  if (question.kind === 'SCALE') {
    return Array.from({ length: question.scale_max! - question.scale_min! + 1 }, (_, i) => String(question.scale_min! + i)).map((v) => ({ value: v, label: v }));
  }
  return question.options;
}

function groupResult(question: QuestionRow, code: string, label: string, counts: GroupCounts): SurveyGroupResult {
  const n = counts.respondents.get(question.question_id) ?? 0;
  const byValue = counts.answers.get(question.question_id) ?? new Map<string, number>();
  const shares: SurveyShare[] =
    question.kind === 'FREE_TEXT'
      ? []
      : valuesOf(question).map(({ value, label: valueLabel }) => {
          const count = byValue.get(value) ?? 0;
          const share = n > 0 ? count / n : null;
          return { value, label: valueLabel, count, share, marginOfError: share === null ? null : marginOfError(share, n) };
        });
  let mean: number | null = null;
  let meanMarginOfError: number | null = null;
  if (question.kind === 'SCALE' && n > 0) {
    const points = [...byValue].map(([value, count]) => ({ x: Number(value), count }));
    mean = points.reduce((sum, p) => sum + p.x * p.count, 0) / n;
    if (n > 1) {
      const variance = points.reduce((sum, p) => sum + p.count * (p.x - mean!) ** 2, 0) / (n - 1);
      meanMarginOfError = Z_95 * Math.sqrt(variance / n);
    }
  }
  return { code, label, responses: counts.responses, respondents: n, shares, mean, meanMarginOfError };
}

/** Orders groups: communes and provinces by code; demographic groups in vocabulary order, UNKNOWN last. */
function groupOrder(dimension: SurveyDimension): (code: string) => number | string {
  if (dimension === 'COMMUNE' || dimension === 'PROVINCE') return (code) => code;
  const codes: readonly string[] = DEMOGRAPHIC_FIELDS[DEMOGRAPHIC_DIMENSIONS[dimension]].codes;
  return (code) => (code === UNKNOWN_GROUP ? codes.length : codes.indexOf(code));
}

/** The label of a demographic group; localities are labelled by the caller (from the catalogue). */
export function demographicLabel(dimension: Exclude<SurveyDimension, 'COMMUNE' | 'PROVINCE'>, code: string): string {
  if (code === UNKNOWN_GROUP) return UNKNOWN_GROUP_LABEL;
  const labels: Readonly<Record<string, string>> = DEMOGRAPHIC_FIELDS[DEMOGRAPHIC_DIMENSIONS[dimension]].labels;
  return labels[code] ?? code;
}

/**
 * Results per question: overall (the sum of the COMMUNE groups given, i.e. every response in the caller's scope) and
 * one breakdown per dimension of `by`. `rows` must hold the COMMUNE rows and the rows of every dimension of `by`.
 */
export function surveyResults(
  questions: readonly QuestionRow[],
  by: readonly SurveyDimension[],
  rows: CountRows,
  labelOf: (dimension: SurveyDimension, code: string) => string,
): { responses: number; questions: SurveyQuestionResult[] } {
  const groups = new Map<SurveyDimension, Map<string, GroupCounts>>();
  const group = (dimension: string, code: string) => {
    const dim = dimension as SurveyDimension;
    if (!groups.has(dim)) groups.set(dim, new Map());
    const byCode = groups.get(dim)!;
    if (!byCode.has(code)) byCode.set(code, new GroupCounts());
    return byCode.get(code)!;
  };
  for (const r of rows.responses) group(r.dimension, r.group_code).responses += r.responses;
  for (const r of rows.respondents) {
    const g = group(r.dimension, r.group_code);
    g.respondents.set(r.question_id, (g.respondents.get(r.question_id) ?? 0) + r.respondents);
  }
  for (const r of rows.answers) group(r.dimension, r.group_code).addAnswers(r.question_id, r.value, r.answers);

  const overall = new GroupCounts();
  for (const counts of groups.get('COMMUNE')?.values() ?? []) overall.addAll(counts);

  const ordered = (dimension: SurveyDimension) => {
    const order = groupOrder(dimension);
    return [...(groups.get(dimension) ?? new Map<string, GroupCounts>())].sort(([a], [b]) => {
      const x = order(a);
      const y = order(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
  };
  return {
    responses: overall.responses,
    questions: questions.map((question) => ({
      question: toQuestion(question),
      overall: groupResult(question, 'ALL', 'Tất cả', overall),
      breakdowns: by.map(
        (dimension): SurveyBreakdown => ({
          dimension,
          dimensionLabel: SURVEY_DIMENSION_LABELS[dimension],
          groups: ordered(dimension).map(([code, counts]) => groupResult(question, code, labelOf(dimension, code), counts)),
        }),
      ),
    })),
  };
}
