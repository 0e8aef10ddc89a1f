import type { Knex } from 'knex';
import { ForbiddenError, ValidationError } from '../domain/errors';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import { COMMUNE_CODE_PATTERN, PROVINCE_CODE_PATTERN } from '../domain/localities/admin-unit';
import { foldVietnamese } from '../domain/text/fold-vietnamese';
import { SEVERITIES } from '../domain/vocabulary';
import type { AuthUser } from './auth/auth-user';
import { IssueFilter, IssueOrder, IssueOrderField } from './issue-filter.input';
import { requireLocalityInScope, scopeIssues } from './issue-scope';
import type { IssueRecord } from './issue.type';
import { decodeCursor, encodeCursor, OrderDirection } from './pagination';

/** The SQL behind `issues(filter, orderBy, first, after)`: scope, filter, keyset pagination and a lazy total count. */

/** One sort key: its SQL, how a cursor value is cast back, how it is read out as text, and how a cursor value is checked. */
interface SortKey {
  sql: string;
  cast: 'timestamptz' | 'integer';
  asText: string;
  valid(value: string): boolean;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/** Timestamps travel in cursors as Postgres' own ISO text (microseconds kept), so a page boundary is exact. */
const instantKey = (column: string): SortKey => ({
  sql: column,
  cast: 'timestamptz',
  asText: `to_json(${column}) #>> '{}'`,
  valid: (value) => ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value)),
});

const SEVERITY_RANK = `array_position(ARRAY[${SEVERITIES.map((s) => `'${s}'`).join(', ')}]::text[], issues.severity)`;

/** Every ordering ends with the issue id as a tie-breaker, in the same direction. */
const SORT_KEYS: Record<IssueOrderField, SortKey[]> = {
  [IssueOrderField.LAST_REPORT_AT]: [instantKey('issues.last_report_at')],
  [IssueOrderField.FIRST_REPORT_AT]: [instantKey('issues.first_report_at')],
  [IssueOrderField.UPDATED_AT]: [instantKey('issues.updated_at')],
  [IssueOrderField.SEVERITY]: [
    { sql: SEVERITY_RANK, cast: 'integer', asText: `(${SEVERITY_RANK})::text`, valid: (value) => /^\d{1,2}$/.test(value) },
    instantKey('issues.last_report_at'),
  ],
};

const DEFAULT_ORDER: IssueOrder = { field: IssueOrderField.LAST_REPORT_AT, direction: OrderDirection.DESC };
const MAX_TEXT_LENGTH = 200;
const MAX_TEXT_WORDS = 10;

const nonEmpty = <T>(list: readonly T[] | null | undefined): list is readonly T[] => Array.isArray(list) && list.length > 0;

/** Folded words of a text query, for `search_text LIKE` (served by the pg_trgm index); [] for a blank query. */
function searchWords(text: string): string[] {
  if (text.length > MAX_TEXT_LENGTH) throw ValidationError.field(['filter', 'text'], `must be at most ${MAX_TEXT_LENGTH} characters`);
  const words = foldVietnamese(text).split(' ').filter((word) => word !== '');
  if (words.length > MAX_TEXT_WORDS) throw ValidationError.field(['filter', 'text'], `must have at most ${MAX_TEXT_WORDS} words`);
  return words;
}

/** Conditions of the filter. A province or commune asked for outside the user's scope is FORBIDDEN (as for every read). */
function applyFilter(query: Knex.QueryBuilder, filter: IssueFilter | null | undefined, user: AuthUser, catalogue: LocalityCatalogue, now: Date): void {
  if (!filter) return;
  if (nonEmpty(filter.status)) query.whereIn('issues.status', filter.status);
  if (nonEmpty(filter.severity)) query.whereIn('issues.severity', filter.severity);
  if (nonEmpty(filter.sector)) query.whereRaw('issues.sectors && ?::text[]', [filter.sector]);
  if (filter.communeCode !== null && filter.communeCode !== undefined) {
    if (!COMMUNE_CODE_PATTERN.test(filter.communeCode)) throw ValidationError.field(['filter', 'communeCode'], 'must be a commune code of 5 digits');
    requireLocalityInScope(catalogue, user, filter.communeCode);
    query.where('issues.commune_code', filter.communeCode);
  }
  if (filter.provinceCode !== null && filter.provinceCode !== undefined) {
    if (!PROVINCE_CODE_PATTERN.test(filter.provinceCode)) throw ValidationError.field(['filter', 'provinceCode'], 'must be a province code of 2 digits');
    if (filter.provinceCode !== user.provinceCode) throw new ForbiddenError(`province ${filter.provinceCode} is outside your scope`);
    query.where('issues.province_code', filter.provinceCode);
  }
  if (filter.period) {
    const { from, to } = filter.period;
    if (!(from.getTime() < to.getTime())) throw ValidationError.field(['filter', 'period'], 'from must be before to');
    query.where('issues.first_report_at', '<', to).where('issues.last_report_at', '>=', from);
  }
  if (filter.text !== null && filter.text !== undefined) {
    for (const word of searchWords(filter.text)) query.where('issues.search_text', 'like', `%${word.replace(/[\\%_]/g, '\\$&')}%`);
  }
  if (filter.overdue === true) query.where('issues.next_deadline', '<', now);
  if (filter.overdue === false) query.where((q) => q.whereNull('issues.next_deadline').orWhere('issues.next_deadline', '>=', now));
}

export interface IssueSearch {
  filter?: IssueFilter | null;
  orderBy?: IssueOrder | null;
  /** Already checked with `pageSize`. */
  first: number;
  after?: string | null;
}

export interface IssuePage {
  rows: { row: IssueRecord; cursor: string }[];
  hasNextPage: boolean;
  /** Every issue the filter matches in the user's scope, ignoring pagination. */
  countAll(): Promise<number>;
}

export async function searchIssues(knex: Knex, catalogue: LocalityCatalogue, user: AuthUser, search: IssueSearch, now: Date): Promise<IssuePage> {
  const order = search.orderBy ?? DEFAULT_ORDER;
  const keys = SORT_KEYS[order.field];
  const direction = order.direction === OrderDirection.ASC ? 'ASC' : 'DESC';
  const ordering = `${order.field}:${direction}`;

  const base = scopeIssues(knex('issues'), user);
  applyFilter(base, search.filter, user, catalogue, now);

  const page = base.clone().select('issues.*');
  keys.forEach((key, i) => page.select(knex.raw(`${key.asText} AS ??`, [`sort_key_${i}`])));
  if (search.after !== null && search.after !== undefined) {
    const position = decodeCursor(search.after, ordering, keys.map((key) => key.valid));
    const columns = [...keys.map((key) => key.sql), 'issues.issue_id'].join(', ');
    const values = [...keys.map((key) => `?::${key.cast}`), '?'].join(', ');
    page.whereRaw(`(${columns}) ${direction === 'ASC' ? '>' : '<'} (${values})`, [...position.keys, position.id]);
  }
  page.orderByRaw([...keys.map((key) => `${key.sql} ${direction}`), `issues.issue_id ${direction}`].join(', ')).limit(search.first + 1);

  const found: (IssueRecord & Record<string, unknown>)[] = await page;
  const rows = found.slice(0, search.first).map((row) => ({
    row: row as IssueRecord,
    cursor: encodeCursor({ ordering, keys: keys.map((_, i) => String(row[`sort_key_${i}`])), id: row.issue_id }),
  }));
  let total: Promise<number> | undefined;
  return {
    rows,
    hasNextPage: found.length > search.first,
    countAll: () =>
      (total ??= base
        .clone()
        .count({ count: '*' })
        .then(([result]) => Number((result as { count: string | number }).count))),
  };
}
