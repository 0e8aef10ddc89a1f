import type { Knex } from 'knex';

/**
 * trends rolled up to the province: the same counters per day × sector × province, so province-wide trend queries
 * (the leadership's usual view) read a few thousand rows instead of every commune's.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE trends_province_daily (
      day            date    NOT NULL,
      sector         text    NOT NULL,
      province_code  text    NOT NULL,
      reports        integer NOT NULL DEFAULT 0,
      negative       integer NOT NULL DEFAULT 0,
      high_intensity integer NOT NULL DEFAULT 0,
      new_issues     integer NOT NULL DEFAULT 0,
      confirmed      integer NOT NULL DEFAULT 0,
      unfounded      integer NOT NULL DEFAULT 0,
      PRIMARY KEY (province_code, sector, day)
    );
    INSERT INTO trends_province_daily (day, sector, province_code, reports, negative, high_intensity, new_issues, confirmed, unfounded)
    SELECT day, sector, province_code, sum(reports), sum(negative), sum(high_intensity), sum(new_issues), sum(confirmed), sum(unfounded)
      FROM trends_daily GROUP BY day, sector, province_code;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS trends_province_daily');
}
