import DataLoader from 'dataloader';
import type { Knex } from 'knex';
import type { IssueRecord } from './issue.type';
import type { ReportRecord } from './report.type';
import type { ReferralRecord } from './referral.type';

/** Per-request batch loaders: every N+1 path of the schema goes through one of these. */
export interface Loaders {
  /** Rows of `issues` by issue id. */
  issue: DataLoader<string, IssueRecord | null>;
  /** Rows of `reports` by issue id. */
  reportsByIssue: DataLoader<string, ReportRecord[]>;
  /** Rows of `referrals` by issue id. */
  referralsByIssue: DataLoader<string, ReferralRecord[]>;
}

function byIssue<T extends { issue_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const key = row.issue_id;
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  }
  return map;
}

export function createLoaders(knex: Knex): Loaders {
  return {
    issue: new DataLoader(async (ids) => {
      const rows = await knex<IssueRecord>('issues').whereIn('issue_id', ids as string[]);
      const map = new Map(rows.map((r) => [r.issue_id, r as IssueRecord]));
      return ids.map((id) => map.get(id) ?? null);
    }),
    reportsByIssue: new DataLoader(async (ids) => {
      const map = byIssue(await knex<ReportRecord>('reports').whereIn('issue_id', ids as string[]).orderBy(['submitted_at', 'report_id']));
      return ids.map((id) => map.get(id) ?? []);
    }),
    referralsByIssue: new DataLoader(async (ids) => {
      const map = byIssue(await knex<ReferralRecord>('referrals').whereIn('issue_id', ids as string[]).orderBy(['referred_at', 'referral_id']));
      return ids.map((id) => map.get(id) ?? []);
    }),
  };
}

/** Drops what this request cached about an issue, so a mutation's payload reads the read model afresh. */
export function forgetIssue(loaders: Loaders, issueId: string): void {
  loaders.issue.clear(issueId);
  loaders.reportsByIssue.clear(issueId);
  loaders.referralsByIssue.clear(issueId);
}
