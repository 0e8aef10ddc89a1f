import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import {
  CHANNEL_LABELS,
  INTENSITY_LABELS,
  REPORT_KIND_LABELS,
  SECTOR_LABELS,
  TENDENCY_LABELS,
  VERIFICATION_OUTCOME_LABELS,
  type Channel,
  type Intensity,
  type ReportKind,
  type Tendency,
  type VerificationOutcome,
} from '../domain/vocabulary';
import { Locality, toLocality } from './locality.type';
import { ReporterIdentity, reporterIdentity, type ReporterColumns, type ReporterViewer } from './reporter-identity';
import { ChannelEnum, IntensityEnum, Labelled, labelledValue, ReportKindEnum, TendencyEnum, VerificationOutcomeEnum } from './vocabulary.type';

/** A row of the `reports` read model as knex returns it. `reporter_id` is protected: see reporter-identity.ts. */
export interface ReportRecord extends ReporterColumns {
  report_id: string;
  issue_id: string;
  kind: ReportKind;
  channel: Channel;
  tendency: Tendency;
  intensity: Intensity;
  locality_code: string;
  province_code: string;
  sectors: string[];
  title: string;
  summary: string;
  people_concerned: number | null;
  sensitive: boolean;
  observed_at: Date;
  submitted_at: Date;
  verification_outcome: VerificationOutcome | null;
  verified_at: Date | null;
  merged_from_issue_id: string | null;
}

@ObjectType({ description: 'Báo cáo, phản ánh: what a collaborator or an integration reported; the evidence an issue is built on' })
export class Report {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  issueId!: string;

  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Field(() => String)
  kindLabel!: string;

  @Field(() => ChannelEnum)
  channel!: Channel;

  @Field(() => String)
  channelLabel!: string;

  @Field(() => TendencyEnum)
  tendency!: Tendency;

  @Field(() => String)
  tendencyLabel!: string;

  @Field(() => IntensityEnum)
  intensity!: Intensity;

  @Field(() => String)
  intensityLabel!: string;

  @Field(() => Locality)
  locality!: Locality;

  @Field(() => [Labelled], { description: 'Lĩnh vực' })
  sectors!: Labelled[];

  @Field(() => String)
  title!: string;

  @Field(() => String)
  summary!: string;

  @Field(() => Int, { nullable: true, description: 'Số người liên quan, where known' })
  peopleConcerned!: number | null;

  @Field(() => Boolean)
  sensitive!: boolean;

  @Field(() => DateTimeResolver)
  observedAt!: Date;

  @Field(() => DateTimeResolver)
  submittedAt!: Date;

  @Field(() => VerificationOutcomeEnum, { nullable: true })
  verificationOutcome!: VerificationOutcome | null;

  @Field(() => String, { nullable: true })
  verificationOutcomeLabel!: string | null;

  @Field(() => DateTimeResolver, { nullable: true })
  verifiedAt!: Date | null;

  @Field(() => ID, { nullable: true, description: 'The issue this report was on before a merge moved it here' })
  mergedFromIssueId!: string | null;

  @Field(() => ReporterIdentity, { nullable: true, description: 'Null when the viewer may not know anything about the reporter' })
  reporter!: ReporterIdentity | null;
}

/** The report as `viewer` may see it; the reporter goes through reporter protection, never copied raw. */
export function toReport(row: ReportRecord, catalogue: LocalityCatalogue, viewer: ReporterViewer): Report {
  return {
    id: row.report_id,
    issueId: row.issue_id,
    kind: row.kind,
    kindLabel: REPORT_KIND_LABELS[row.kind] ?? row.kind,
    channel: row.channel,
    channelLabel: CHANNEL_LABELS[row.channel] ?? row.channel,
    tendency: row.tendency,
    tendencyLabel: TENDENCY_LABELS[row.tendency] ?? row.tendency,
    intensity: row.intensity,
    intensityLabel: INTENSITY_LABELS[row.intensity] ?? row.intensity,
    locality: toLocality(catalogue, row.locality_code),
    sectors: row.sectors.map((sector) => labelledValue(SECTOR_LABELS, sector)),
    title: row.title,
    summary: row.summary,
    peopleConcerned: row.people_concerned,
    sensitive: row.sensitive,
    observedAt: row.observed_at,
    submittedAt: row.submitted_at,
    verificationOutcome: row.verification_outcome,
    verificationOutcomeLabel: row.verification_outcome === null ? null : VERIFICATION_OUTCOME_LABELS[row.verification_outcome] ?? row.verification_outcome,
    verifiedAt: row.verified_at,
    mergedFromIssueId: row.merged_from_issue_id,
    reporter: reporterIdentity(viewer, row),
  };
}
