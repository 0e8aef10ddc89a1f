import type { Knex } from 'knex';

/**
 * Read models. Every table here is disposable: `dlxh projections rebuild` recreates it from the log.
 * Nothing in a read model depends on the wall clock; time-dependent facts (overdue) are computed at query time
 * from stored deadlines, so a rebuild always gives identical tables.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE EXTENSION IF NOT EXISTS pg_trgm;

    -- issues: one row per issue
    CREATE TABLE issues (
      issue_id              text PRIMARY KEY,
      status                text        NOT NULL,
      severity              text        NOT NULL,
      sectors               text[]      NOT NULL,
      locality_code         text        NOT NULL,
      commune_code          text,
      province_code         text        NOT NULL,
      title                 text        NOT NULL,
      summary               text        NOT NULL,
      search_text           text        NOT NULL,            -- titles and summaries, folded: no diacritics, lower case
      sensitive             boolean     NOT NULL DEFAULT false,
      report_count          integer     NOT NULL,
      first_report_at       timestamptz NOT NULL,
      last_report_at        timestamptz NOT NULL,
      latest_verification   text,
      latest_verified_at    timestamptz,
      referrals             jsonb       NOT NULL DEFAULT '{}'::jsonb, -- per agency: referralId, status, deadline, times
      open_referral_count   integer     NOT NULL DEFAULT 0,
      next_deadline         timestamptz,                       -- earliest deadline of an open referral; overdue when past
      merged_into           text,
      resolution            text,
      closed_at             timestamptz,
      created_at            timestamptz NOT NULL,
      updated_at            timestamptz NOT NULL,
      last_position         bigint      NOT NULL
    );
    CREATE INDEX issues_province_last_report ON issues (province_code, last_report_at DESC, issue_id);
    CREATE INDEX issues_commune ON issues (commune_code);
    CREATE INDEX issues_status ON issues (status, severity);
    CREATE INDEX issues_sectors ON issues USING gin (sectors);
    CREATE INDEX issues_next_deadline ON issues (next_deadline) WHERE next_deadline IS NOT NULL;
    CREATE INDEX issues_search_trgm ON issues USING gin (search_text gin_trgm_ops);

    -- reports: one row per report
    CREATE TABLE reports (
      report_id             text PRIMARY KEY,
      issue_id              text        NOT NULL,
      kind                  text        NOT NULL,
      channel               text        NOT NULL,
      tendency              text        NOT NULL,
      intensity             text        NOT NULL,
      locality_code         text        NOT NULL,
      commune_code          text,
      province_code         text        NOT NULL,
      sectors               text[]      NOT NULL,
      title                 text        NOT NULL,
      summary               text        NOT NULL,
      people_concerned      integer,
      sensitive             boolean     NOT NULL,
      observed_at           timestamptz NOT NULL,
      submitted_at          timestamptz NOT NULL,
      reporter_id           text        NOT NULL,            -- PROTECTED: only officers may read it
      reporter_role         text,
      verification_outcome  text,
      verified_at           timestamptz,
      merged_from_issue_id  text,
      last_position         bigint      NOT NULL
    );
    COMMENT ON COLUMN reports.reporter_id IS 'Protected: visible to OFFICER only; redacted or pseudonymised for every other role';
    CREATE INDEX reports_issue ON reports (issue_id);
    CREATE INDEX reports_reporter ON reports (reporter_id, submitted_at);
    CREATE INDEX reports_province_observed ON reports (province_code, observed_at);

    -- trends: counts per day (Vietnam time) × sector × locality; sector 'ALL' holds exact totals across sectors
    CREATE TABLE trends_daily (
      day                   date    NOT NULL,
      sector                text    NOT NULL,
      locality_code         text    NOT NULL,
      province_code         text    NOT NULL,
      reports               integer NOT NULL DEFAULT 0,
      negative              integer NOT NULL DEFAULT 0,
      high_intensity        integer NOT NULL DEFAULT 0,
      new_issues            integer NOT NULL DEFAULT 0,
      confirmed             integer NOT NULL DEFAULT 0,
      unfounded             integer NOT NULL DEFAULT 0,
      PRIMARY KEY (day, sector, locality_code)
    );
    CREATE INDEX trends_daily_province ON trends_daily (province_code, sector, day);
    -- private lookup of the trends projection: where a report counts when it is verified later
    CREATE TABLE trends_report_index (
      report_id             text PRIMARY KEY,
      locality_code         text   NOT NULL,
      province_code         text   NOT NULL,
      sectors               text[] NOT NULL
    );

    -- sla: one row per referral
    CREATE TABLE referrals (
      referral_id           text PRIMARY KEY,
      issue_id              text        NOT NULL,
      agency_id             text        NOT NULL,
      agency_name           text,
      status                text        NOT NULL,
      issue_severity        text        NOT NULL,
      locality_code         text        NOT NULL,
      province_code         text        NOT NULL,
      referred_at           timestamptz NOT NULL,
      deadline              timestamptz NOT NULL,
      acknowledged_at       timestamptz,
      responded_at          timestamptz,
      declined_at           timestamptz,
      on_time               boolean,                          -- null until answered; responded by the deadline
      last_position         bigint      NOT NULL
    );
    CREATE INDEX referrals_agency_deadline ON referrals (agency_id, deadline);
    CREATE INDEX referrals_issue ON referrals (issue_id);
    CREATE INDEX referrals_open_deadline ON referrals (deadline) WHERE status IN ('REFERRED', 'ACKNOWLEDGED');
    -- private lookup of the sla projection: each issue's severity and locality
    CREATE TABLE sla_issue_index (
      issue_id              text PRIMARY KEY,
      severity              text NOT NULL,
      locality_code         text NOT NULL,
      province_code         text NOT NULL
    );

    -- collaborators: the roster and activity per month
    CREATE TABLE collaborators (
      collaborator_id       text PRIMARY KEY,
      full_name             text        NOT NULL,
      level                 text        NOT NULL,
      locality_code         text        NOT NULL,
      province_code         text        NOT NULL,
      unit                  text,
      phone                 text,
      email                 text,
      active                boolean     NOT NULL,
      enrolled_at           timestamptz NOT NULL,
      deactivated_at        timestamptz,
      deactivation_reason   text,
      last_position         bigint      NOT NULL
    );
    CREATE INDEX collaborators_province ON collaborators (province_code, full_name);
    CREATE TABLE collaborator_activity (
      collaborator_id       text    NOT NULL,
      month                 date    NOT NULL,
      reports               integer NOT NULL DEFAULT 0,
      timely_reports        integer NOT NULL DEFAULT 0,     -- submitted within 48 hours of being observed
      verified_reports      integer NOT NULL DEFAULT 0,
      confirmed_reports     integer NOT NULL DEFAULT 0,     -- CONFIRMED or PARTLY_CONFIRMED
      PRIMARY KEY (collaborator_id, month)
    );
    -- private lookup of the collaborators projection: who reported what, and in which month
    CREATE TABLE collaborator_report_index (
      report_id             text PRIMARY KEY,
      collaborator_id       text NOT NULL,
      month                 date NOT NULL,
      outcome               text
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`DROP TABLE IF EXISTS collaborator_report_index, collaborator_activity, collaborators, sla_issue_index, referrals,
    trends_report_index, trends_daily, reports, issues`);
}
