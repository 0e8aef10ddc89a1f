import type { Knex } from 'knex';
import { ForbiddenError, ValidationError } from '../domain/errors';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import { PROVINCE_CODE_PATTERN } from '../domain/localities/admin-unit';
import { duplicateSearchText } from '../domain/analytics/duplicate-text';
import type { FieldPath } from '../domain/validation';
import type { AuthUser } from './auth/auth-user';
import { scopeIssues } from './issue-scope';
import type { IssueRecord } from './issue.type';

/**
 * Duplicate suggestions (gợi ý vụ việc trùng lặp): the SQL behind `similarIssues` and the `similarIssues` of a
 * submitted report. Suggestions only: nothing here writes.
 *
 * Text is compared folded (`foldVietnamese`: no diacritics, lower case), against `issues.search_text`, which the
 * issues projection folds the same way from every report's title and summary. The query side also drops the words
 * every report uses ("người dân phản ánh", "bức xúc": `duplicateSearchText`), which would otherwise make unrelated
 * reports look alike. The measure is pg_trgm's
 * `word_similarity(query, search_text)`: the best trigram similarity between the query and any stretch of the issue's
 * text, so an issue that grew by attached reports still matches one of them well, and a long unrelated text does not
 * (the stretch is penalised for trigrams the query lacks). Candidates come from the GIN trigram index on `search_text`
 * through the `%>` operator, whose cut-off (`pg_trgm.word_similarity_threshold`) is set for this query only
 * (`set_config(…, true)`, local to its transaction).
 *
 * Ranking: score = similarity + SAME_SECTOR_BOOST when the issue shares a sector with the text; then similarity, the
 * latest report and the id. Only open issues (not CLOSED, not MERGED) of the province, within the user's scope, count.
 */

/** Below this word similarity an issue is not suggested. Same-matter reports written differently score ~0.4–1, unrelated ones ≤ ~0.3. */
export const SIMILARITY_THRESHOLD = 0.35;
/** Added to the score of an issue sharing a sector: it outranks another sector's issue up to 0.1 more similar. */
export const SAME_SECTOR_BOOST = 0.1;
/** Longest query text; a submitted report's title and summary are cut to it (at a word) before comparing. */
export const MAX_SIMILARITY_TEXT = 1000;
export const DEFAULT_SIMILAR_ISSUES = 5;

const CLOSED_STATUSES = ['CLOSED', 'MERGED'];

export interface SimilarIssueRow {
  row: IssueRecord;
  similarity: number;
  sameSector: boolean;
  score: number;
}

export interface SimilarIssuesQuery {
  /** Folded text without reporting words (see `similarityText`); '' finds nothing. */
  folded: string;
  /** Sectors that earn the boost; empty for none. */
  sectors: readonly string[];
  provinceCode: string;
  /** Issues never to suggest, e.g. the one the report itself opened. */
  excludeIssueIds?: readonly string[];
  first: number;
}

/** The compared text of a query argument: BAD_USER_INPUT when blank (nothing but spaces or symbols) or too long. */
export function similarityText(text: string, path: FieldPath = ['text']): string {
  if (text.length > MAX_SIMILARITY_TEXT) throw ValidationError.field(path, `must be at most ${MAX_SIMILARITY_TEXT} characters`);
  if (!/[\p{L}\p{N}]/u.test(text)) throw ValidationError.field(path, 'must not be empty');
  return duplicateSearchText(text);
}

/** The compared text of a report's title and summary, cut at a word to the longest query. */
export function reportSimilarityText(title: string, summary: string): string {
  const folded = duplicateSearchText(`${title} ${summary}`);
  if (folded.length <= MAX_SIMILARITY_TEXT) return folded;
  const cut = folded.slice(0, MAX_SIMILARITY_TEXT);
  const space = cut.lastIndexOf(' ');
  return space > 0 ? cut.slice(0, space) : cut;
}

/** The province a query asks about: BAD_USER_INPUT when it is not a province code, FORBIDDEN outside the user's scope. */
export function requireProvinceInScope(catalogue: LocalityCatalogue, user: AuthUser, province: string, path: FieldPath = ['province']): string {
  if (!PROVINCE_CODE_PATTERN.test(province) || !catalogue.isProvince(province)) throw ValidationError.field(path, 'is not a province code');
  if (province !== user.provinceCode) throw new ForbiddenError(`province ${province} is outside your scope`);
  return province;
}

export async function findSimilarIssues(knex: Knex, user: AuthUser, query: SimilarIssuesQuery): Promise<SimilarIssueRow[]> {
  if (!/[\p{L}\p{N}]/u.test(query.folded)) return [];
  return knex.transaction(async (trx) => {
    await trx.raw(`SELECT set_config('pg_trgm.word_similarity_threshold', ?, true)`, [String(SIMILARITY_THRESHOLD)]);
    const similarity = trx.raw('word_similarity(?, issues.search_text)::float8', [query.folded]);
    const sameSector = trx.raw('(issues.sectors && ?::text[])', [[...query.sectors]]);
    const select = scopeIssues(trx('issues'), user)
      .select('issues.*')
      .select(trx.raw('? AS similarity', [similarity]))
      .select(trx.raw('? AS same_sector', [sameSector]))
      .select(trx.raw(`? + CASE WHEN ? THEN ${SAME_SECTOR_BOOST}::float8 ELSE 0 END AS score`, [similarity, sameSector]))
      .whereRaw('issues.search_text %> ?', [query.folded])
      .where('issues.province_code', query.provinceCode)
      .whereNotIn('issues.status', CLOSED_STATUSES)
      .orderByRaw('score DESC, similarity DESC, issues.last_report_at DESC, issues.issue_id')
      .limit(query.first);
    if (query.excludeIssueIds?.length) select.whereNotIn('issues.issue_id', query.excludeIssueIds);
    const rows: (IssueRecord & { similarity: number; same_sector: boolean; score: number })[] = await select;
    const round = (n: number) => Math.round(n * 1000) / 1000;
    return rows.map(({ similarity: s, same_sector, score, ...row }) => ({ row: row as IssueRecord, similarity: round(s), sameSector: same_sector, score: round(score) }));
  });
}
