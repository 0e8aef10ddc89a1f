import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import {
  ISSUE_STATUS_LABELS,
  SECTOR_LABELS,
  SEVERITY_LABELS,
  VERIFICATION_OUTCOME_LABELS,
  type IssueStatus,
  type Severity,
  type VerificationOutcome,
} from '../domain/vocabulary';
import type { IssueReferralState } from '../projections/issues.projection';
import { Locality, toLocality } from './locality.type';
import { PageInfo } from './pagination';
import { IssueStatusEnum, Labelled, labelledValue, SeverityEnum, VerificationOutcomeEnum } from './vocabulary.type';

/** A row of the `issues` read model as knex returns it. */
export interface IssueRecord {
  issue_id: string;
  status: IssueStatus;
  severity: Severity;
  sectors: string[];
  locality_code: string;
  commune_code: string | null;
  province_code: string;
  title: string;
  summary: string;
  sensitive: boolean;
  report_count: number;
  first_report_at: Date;
  last_report_at: Date;
  latest_verification: VerificationOutcome | null;
  latest_verified_at: Date | null;
  /** The latest referral to each agency, by agency id. */
  referrals: Record<string, IssueReferralState>;
  open_referral_count: number;
  next_deadline: Date | null;
  merged_into: string | null;
  resolution: string | null;
  closed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/**
 * An issue. `reports`, `referrals` and `reporterCount` are resolved per request through DataLoaders
 * (issue.resolver.ts), and filtered by the viewer's role.
 */
@ObjectType({ description: 'Vấn đề, vụ việc dư luận: the reports about one matter and its Receive – Process – Respond lifecycle' })
export class Issue {
  @Field(() => ID)
  id!: string;

  @Field(() => IssueStatusEnum)
  status!: IssueStatus;

  @Field(() => String)
  statusLabel!: string;

  @Field(() => SeverityEnum)
  severity!: Severity;

  @Field(() => String)
  severityLabel!: string;

  @Field(() => [Labelled], { description: 'Lĩnh vực' })
  sectors!: Labelled[];

  @Field(() => Locality)
  locality!: Locality;

  @Field(() => String, { description: 'Title of the first report' })
  title!: string;

  @Field(() => String, { description: 'Summary of the first report' })
  summary!: string;

  @Field(() => Boolean, { description: 'At least one report is flagged sensitive' })
  sensitive!: boolean;

  @Field(() => Int)
  reportCount!: number;

  @Field(() => DateTimeResolver)
  firstReportAt!: Date;

  @Field(() => DateTimeResolver)
  lastReportAt!: Date;

  @Field(() => VerificationOutcomeEnum, { nullable: true, description: 'Outcome of the latest verification (thẩm định)' })
  latestVerification!: VerificationOutcome | null;

  @Field(() => String, { nullable: true })
  latestVerificationLabel!: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  latestVerifiedAt!: Date | null;

  @Field(() => Int)
  openReferralCount!: number;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Earliest deadline of an open referral' })
  nextDeadline!: Date | null;

  @Field(() => Boolean, { description: 'Quá hạn: an open referral is past its deadline (computed at query time)' })
  overdue!: boolean;

  @Field(() => ID, { nullable: true, description: 'The issue this one was merged into' })
  mergedInto!: string | null;

  @Field(() => String, { nullable: true })
  resolution!: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  closedAt!: Date | null;

  @Field(() => DateTimeResolver)
  createdAt!: Date;

  @Field(() => DateTimeResolver)
  updatedAt!: Date;
}

export function toIssue(row: IssueRecord, catalogue: LocalityCatalogue, now: Date): Issue {
  return {
    id: row.issue_id,
    status: row.status,
    statusLabel: ISSUE_STATUS_LABELS[row.status] ?? row.status,
    severity: row.severity,
    severityLabel: SEVERITY_LABELS[row.severity] ?? row.severity,
    sectors: row.sectors.map((sector) => labelledValue(SECTOR_LABELS, sector)),
    locality: toLocality(catalogue, row.locality_code),
    title: row.title,
    summary: row.summary,
    sensitive: row.sensitive,
    reportCount: row.report_count,
    firstReportAt: row.first_report_at,
    lastReportAt: row.last_report_at,
    latestVerification: row.latest_verification,
    latestVerificationLabel: row.latest_verification === null ? null : VERIFICATION_OUTCOME_LABELS[row.latest_verification] ?? row.latest_verification,
    latestVerifiedAt: row.latest_verified_at,
    openReferralCount: row.open_referral_count,
    nextDeadline: row.next_deadline,
    overdue: row.next_deadline !== null && row.next_deadline.getTime() < now.getTime(),
    mergedInto: row.merged_into,
    resolution: row.resolution,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

@ObjectType()
export class IssueEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Issue)
  node!: Issue;
}

@ObjectType({ description: 'A page of issues, Relay-style' })
export class IssueConnection {
  /** Costed once per item of the page: the `first` of `issues` already multiplies it. */
  @Field(() => [IssueEdge], { complexity: ({ childComplexity }) => childComplexity })
  edges!: IssueEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counts every issue matching the filter; run only when `totalCount` is asked for. */
  countAll!: () => Promise<number>;
}
