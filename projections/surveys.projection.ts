import type { SurveyEvent } from '../domain/survey/events';
import { responseGroups } from '../domain/survey/vocabulary';
import { foldVietnamese } from '../domain/text/fold-vietnamese';
import type { RecordedEvent } from '../eventstore/port';
import type { Projection, ProjectionContext } from './projection';
import { addCounts, loadRows, Row, upsertRows } from './support/rows';
import { iso } from './support/time';

interface SurveyRow {
  survey_id: string;
  province_code: string;
  title: string;
  description: string | null;
  status: string;
  target_locality_codes: string[];
  opens_at: string | null;
  closes_at: string | null;
  opened_at: string;
  opened_by: string | null;
  closed_at: string | null;
  close_reason: string | null;
  response_count: number;
  last_response_at: string | null;
  last_position: string;
  [column: string]: unknown;
}

const EVENT_TYPES = ['SurveyOpened', 'SurveyResponseRecorded', 'SurveyClosed'] as const;

/**
 * Counter rows of one batch, by key: each key's row is created once and its counter incremented in memory. This runs
 * about a hundred times per survey response, so the caller gives the key in two parts it builds once and reuses (the
 * response's group, and the question and value, joined by NUL, which jsonb cannot hold) and no key is built from
 * the row.
 */
class Counters {
  private readonly rows = new Map<string, Map<string, Row>>();
  constructor(private readonly counter: string) {}

  add(group: string, rest: string, key: () => Row): void {
    let inner = this.rows.get(group);
    if (!inner) this.rows.set(group, (inner = new Map()));
    const row = inner.get(rest);
    if (row) (row[this.counter] as number)++;
    else inner.set(rest, { ...key(), [this.counter]: 1 });
  }

  *values(): Iterable<Row> {
    for (const inner of this.rows.values()) yield* inner.values();
  }
}

/**
 * surveys: each survey and its questions; per dimension group (commune, province, age group, gender, occupation) the
 * responses, the respondents of each question and the answers of each option or scale point; and the free-text
 * answers with their folded text for search. A batch folds its events in memory and writes each table once.
 */
export const surveysProjection: Projection = {
  name: 'surveys',
  tables: ['surveys', 'survey_questions', 'survey_response_counts', 'survey_question_counts', 'survey_answer_counts', 'survey_text_answers'],
  eventTypes: EVENT_TYPES,
  async apply(events: RecordedEvent[], ctx: ProjectionContext) {
    const surveyIds = new Set(events.map((e) => (e.data as { surveyId: string }).surveyId));
    const surveys = await loadRows<SurveyRow>(ctx, 'surveys', 'survey_id', surveyIds);
    const touched = new Set<string>();
    const questions: Row[] = [];
    const responses = new Counters('responses');
    const respondents = new Counters('respondents');
    const answers = new Counters('answers');
    const texts: Row[] = [];

    for (const recorded of events) {
      const event = { type: recorded.type, data: recorded.data } as SurveyEvent;
      const position = recorded.position.toString();
      const surveyId = event.data.surveyId;
      touched.add(surveyId);
      if (event.type === 'SurveyOpened') {
        const d = event.data;
        surveys.set(surveyId, {
          survey_id: surveyId,
          province_code: d.provinceCode,
          title: d.title,
          description: d.description,
          status: 'OPEN',
          target_locality_codes: d.targetLocalityCodes,
          opens_at: d.opensAt,
          closes_at: d.closesAt,
          opened_at: d.openedAt,
          opened_by: typeof recorded.metadata.actorId === 'string' ? recorded.metadata.actorId : null,
          closed_at: null,
          close_reason: null,
          response_count: 0,
          last_response_at: null,
          last_position: position,
        });
        d.questions.forEach((q, index) =>
          questions.push({
            survey_id: surveyId,
            question_id: q.questionId,
            position: index,
            text: q.text,
            kind: q.kind,
            required: q.required,
            options: q.options,
            scale_min: q.scaleMin,
            scale_max: q.scaleMax,
          }),
        );
        continue;
      }
      const survey = surveys.get(surveyId);
      if (!survey) throw new Error(`survey ${surveyId} has no row`);
      survey.last_position = position;
      if (event.type === 'SurveyClosed') {
        Object.assign(survey, { status: 'CLOSED', closed_at: event.data.closedAt, close_reason: event.data.reason });
        continue;
      }
      const { responseId, localityCode, demographics, recordedAt } = event.data;
      survey.response_count++;
      survey.last_response_at = recordedAt;
      const groups = responseGroups(survey.province_code, localityCode, demographics);
      const groupIds = groups.map(([dimension, group_code]) => `${surveyId}\u0000${dimension}\u0000${group_code}`);
      groups.forEach(([dimension, group_code], g) => responses.add(groupIds[g], '', () => ({ survey_id: surveyId, dimension, group_code })));
      for (const answer of event.data.answers) {
        const question_id = answer.questionId;
        groups.forEach(([dimension, group_code], g) => respondents.add(groupIds[g], question_id, () => ({ survey_id: surveyId, question_id, dimension, group_code })));
        if ('text' in answer) {
          texts.push({ survey_id: surveyId, question_id, response_id: responseId, commune_code: localityCode, text: answer.text, folded_text: foldVietnamese(answer.text), position });
          continue;
        }
        const values = 'choice' in answer ? [answer.choice] : 'choices' in answer ? answer.choices : [String(answer.scale)];
        for (const value of values) {
          const rest = `${question_id}\u0000${value}`;
          groups.forEach(([dimension, group_code], g) => answers.add(groupIds[g], rest, () => ({ survey_id: surveyId, question_id, dimension, group_code, value })));
        }
      }
    }

    await upsertRows(
      ctx,
      'surveys',
      ['survey_id'],
      [...touched].map((id) => {
        const r = surveys.get(id)!;
        return { ...r, opens_at: iso(r.opens_at), closes_at: iso(r.closes_at), opened_at: iso(r.opened_at), closed_at: iso(r.closed_at), last_response_at: iso(r.last_response_at) };
      }),
    );
    await upsertRows(ctx, 'survey_questions', ['survey_id', 'question_id'], questions);
    await addCounts(ctx, 'survey_response_counts', ['survey_id', 'dimension', 'group_code'], ['responses'], responses.values());
    await addCounts(ctx, 'survey_question_counts', ['survey_id', 'question_id', 'dimension', 'group_code'], ['respondents'], respondents.values());
    await addCounts(ctx, 'survey_answer_counts', ['survey_id', 'question_id', 'dimension', 'group_code', 'value'], ['answers'], answers.values());
    await upsertRows(ctx, 'survey_text_answers', ['survey_id', 'question_id', 'response_id'], texts);
  },
};
