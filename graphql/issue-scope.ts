import type { Knex } from 'knex';
import type { IssueState } from '../domain/issue/state';
import { ForbiddenError } from '../domain/errors';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import { type AuthUser, inScope } from './auth/auth-user';
import type { IssueRecord } from './issue.type';
import type { Loaders } from './loaders';

/**
 * Which issues a user can see, stated three times for the three places it is checked, and kept together so they agree:
 * - in SQL, for lists (`scopeIssues`);
 * - on a read-model row, for one issue (`canSeeIssueRow`);
 * - on the event-sourced state, before a mutation (`canSeeIssueState`).
 * The rule: the issue's locality is in the user's province (and communes, when the scope lists them); an AGENCY
 * also needs a referral addressed to its agency; a COLLABORATOR needs a report of their own on the issue.
 * What a user cannot see is NOT_FOUND, so existence is never revealed.
 */

const communeOf = (localityCode: string) => (localityCode.length === 5 ? localityCode : null);

export function scopeIssues(query: Knex.QueryBuilder, user: AuthUser): Knex.QueryBuilder {
  query.where('issues.province_code', user.provinceCode);
  if (user.communeCodes !== null) query.whereIn('issues.commune_code', user.communeCodes);
  if (user.role === 'AGENCY') query.whereRaw('(issues.referrals -> ?) IS NOT NULL', [user.agencyId]);
  if (user.role === 'COLLABORATOR') {
    query.whereExists((sub) => sub.select(sub.client.raw('1')).from('reports').whereRaw('reports.issue_id = issues.issue_id').where('reports.reporter_id', user.id));
  }
  return query;
}

export async function canSeeIssueRow(user: AuthUser, row: IssueRecord, loaders: Loaders): Promise<boolean> {
  if (!inScope(user, row.province_code, row.commune_code)) return false;
  if (user.role === 'AGENCY') return user.agencyId !== null && Object.hasOwn(row.referrals, user.agencyId);
  if (user.role === 'COLLABORATOR') return (await loaders.reportsByIssue.load(row.issue_id)).some((report) => report.reporter_id === user.id);
  return true;
}

export function canSeeIssueState(user: AuthUser, state: IssueState): boolean {
  if (!inScope(user, state.provinceCode, communeOf(state.localityCode))) return false;
  if (user.role === 'AGENCY') return Object.values(state.referrals).some((referral) => referral.agencyId === user.agencyId);
  if (user.role === 'COLLABORATOR') return state.reports.some((report) => report.reporterId === user.id);
  return true;
}

/**
 * A locality named in a command (a new report's, a reclassification's, a collaborator's) must lie in the user's
 * scope: FORBIDDEN otherwise. An unknown code passes here; the command service rejects it with a field error.
 */
export function requireLocalityInScope(catalogue: LocalityCatalogue, user: AuthUser, localityCode: string | null | undefined): void {
  if (typeof localityCode !== 'string') return;
  const province = catalogue.provinceOf(localityCode);
  if (province === undefined) return;
  if (!inScope(user, province.code, communeOf(localityCode))) throw new ForbiddenError(`locality ${localityCode} is outside your scope`);
}
