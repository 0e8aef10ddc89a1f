import type { Knex } from 'knex';

/**
 * hotspots (early warning, cảnh báo sớm điểm nóng): per commune × sector, the daily counts it assesses, the province's
 * span of days (the baseline never reaches before its first day; windows after its latest day are not assessed yet),
 * and the warnings raised. Filled by the hotspots projection from the start of the log.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE hotspot_daily (
      locality_code    text        NOT NULL,
      sector           text        NOT NULL,
      day              date        NOT NULL,
      province_code    text        NOT NULL,
      reports          integer     NOT NULL DEFAULT 0,
      -- the reports' weights in points (100 = NEGATIVE and HIGH), integers so sums are exact in any batch order
      points           integer     NOT NULL DEFAULT 0,
      last_observed_at timestamptz NOT NULL,
      PRIMARY KEY (locality_code, sector, day)
    );

    CREATE TABLE hotspot_provinces (
      province_code text PRIMARY KEY,
      first_day     date NOT NULL,
      latest_day    date NOT NULL
    );

    CREATE TABLE hotspot_warnings (
      warning_id       text        PRIMARY KEY,
      locality_code    text        NOT NULL,
      province_code    text        NOT NULL,
      sector           text        NOT NULL,
      -- raised: when the crossing was known (the report's submission, or the window's latest observation), and the
      -- log position of the event that raised it (the subscription announces by position)
      raised_at        timestamptz NOT NULL,
      raised_day       date        NOT NULL,
      raised_position  bigint      NOT NULL,
      -- the episode: active from raised_at until active_until (a window after its last hot day)
      last_hot_day     date        NOT NULL,
      active_until     timestamptz NOT NULL,
      -- the assessment that raised it, and the latest hot one (by day) as the episode went on
      raised_assessment jsonb      NOT NULL,
      latest_assessment jsonb      NOT NULL,
      peak_score       double precision NOT NULL
    );
    CREATE INDEX hotspot_warnings_cell ON hotspot_warnings (locality_code, sector, active_until);
    CREATE INDEX hotspot_warnings_province_active ON hotspot_warnings (province_code, active_until, raised_at);
    CREATE INDEX hotspot_warnings_raised_position ON hotspot_warnings (raised_position);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS hotspot_warnings; DROP TABLE IF EXISTS hotspot_provinces; DROP TABLE IF EXISTS hotspot_daily;');
}
