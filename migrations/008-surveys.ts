import type { Knex } from 'knex';

/**
 * Survey read models (projections/surveys.projection.ts). Disposable like every read model.
 *
 * Results are counters per dimension: each response adds to the group it belongs to in each dimension — its commune
 * (COMMUNE), the survey's province (PROVINCE), and its age group, gender and occupation (UNKNOWN when not given).
 * So a breakdown by one dimension is a plain read, and a 75,000-response batch touches a few thousand counter rows.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    CREATE TABLE surveys (
      survey_id               text PRIMARY KEY,
      province_code           text        NOT NULL,
      title                   text        NOT NULL,
      description             text,
      status                  text        NOT NULL,             -- OPEN, CLOSED
      target_locality_codes   text[]      NOT NULL,             -- the province code and/or communes of it
      opens_at                timestamptz,
      closes_at               timestamptz,
      opened_at               timestamptz NOT NULL,
      opened_by               text,
      closed_at               timestamptz,
      close_reason            text,
      response_count          integer     NOT NULL DEFAULT 0,
      last_response_at        timestamptz,
      last_position           bigint      NOT NULL
    );
    CREATE INDEX surveys_province_opened ON surveys (province_code, opened_at DESC, survey_id);
    CREATE INDEX surveys_targets ON surveys USING gin (target_locality_codes);

    CREATE TABLE survey_questions (
      survey_id               text    NOT NULL,
      question_id             text    NOT NULL,
      position                integer NOT NULL,
      text                    text    NOT NULL,
      kind                    text    NOT NULL,                 -- SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, FREE_TEXT
      required                boolean NOT NULL,
      options                 jsonb   NOT NULL,                 -- [{value, label}] for choice questions, else []
      scale_min               integer,
      scale_max               integer,
      PRIMARY KEY (survey_id, question_id)
    );

    -- responses per group: dimension COMMUNE, PROVINCE, AGE_GROUP, GENDER or OCCUPATION; group_code a code of it
    CREATE TABLE survey_response_counts (
      survey_id               text    NOT NULL,
      dimension               text    NOT NULL,
      group_code              text    NOT NULL,
      responses               integer NOT NULL DEFAULT 0,
      PRIMARY KEY (survey_id, dimension, group_code)
    );

    -- respondents per group who answered a question: the base (n) of its shares
    CREATE TABLE survey_question_counts (
      survey_id               text    NOT NULL,
      question_id             text    NOT NULL,
      dimension               text    NOT NULL,
      group_code              text    NOT NULL,
      respondents             integer NOT NULL DEFAULT 0,
      PRIMARY KEY (survey_id, question_id, dimension, group_code)
    );

    -- answers per group and value: an option's value, or a scale point as text
    CREATE TABLE survey_answer_counts (
      survey_id               text    NOT NULL,
      question_id             text    NOT NULL,
      dimension               text    NOT NULL,
      group_code              text    NOT NULL,
      value                   text    NOT NULL,
      answers                 integer NOT NULL DEFAULT 0,
      PRIMARY KEY (survey_id, question_id, dimension, group_code, value)
    );

    -- free-text answers, searchable without diacritics
    CREATE TABLE survey_text_answers (
      survey_id               text    NOT NULL,
      question_id             text    NOT NULL,
      response_id             text    NOT NULL,
      commune_code            text    NOT NULL,
      text                    text    NOT NULL,
      folded_text             text    NOT NULL,                 -- foldVietnamese(text): no diacritics, lower case
      position                bigint  NOT NULL,
      PRIMARY KEY (survey_id, question_id, response_id)
    );
    CREATE INDEX survey_text_answers_trgm ON survey_text_answers USING gin (folded_text gin_trgm_ops);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS survey_text_answers, survey_answer_counts, survey_question_counts, survey_response_counts,
    survey_questions, surveys`);
}
