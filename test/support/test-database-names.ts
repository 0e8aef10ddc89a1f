/**
 * Test databases carry the pid of the jest run that made them (DLXH_TEST_RUN, set by the global setup), so two runs on
 * one server never drop each other's databases: a run only cleans up leftovers of runs whose process is gone.
 */
export const TEST_DB_PREFIX = 'dlxh_t_';
export const runId = (): string => process.env.DLXH_TEST_RUN ?? String(process.pid);
export const templateDb = (): string => `dlxh_tmpl_${runId()}`;

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
