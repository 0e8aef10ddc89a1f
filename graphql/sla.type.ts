import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { REFERRAL_STATUS_LABELS, SEVERITY_LABELS } from '../domain/vocabulary';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import type { OverdueReferralRow } from '../projections/sla.read';
import { Labelled, labelledValue, SeverityEnum } from './vocabulary.type';
import { Locality, toLocality } from './locality.type';
import { AgencyRef } from './referral.type';

/** The KPI target the seeds name: more than 90% answered on time (kept with the sla read). */
export { ON_TIME_TARGET } from '../projections/sla.read';

@InputType({ description: 'Khoảng thời gian theo hạn xử lý: from and to are Vietnamese calendar days, both included' })
export class SlaPeriodInput {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;
}

@ObjectType({ description: 'Số liệu chuyển xử lý của những referral có hạn trong kỳ' })
export class SlaFigures {
  @Field(() => Int, { description: 'Đến hạn: referrals whose deadline falls in the month' })
  due!: number;

  @Field(() => Int, { description: 'Đã tiếp nhận' })
  acknowledged!: number;

  @Field(() => Int, { description: 'Trả lời đúng hạn' })
  answeredOnTime!: number;

  @Field(() => Int, { description: 'Trả lời trễ hạn' })
  answeredLate!: number;

  @Field(() => Int, { description: 'Chưa trả lời (acknowledged or not), overdue or not' })
  open!: number;

  @Field(() => Int, { description: 'Quá hạn: open with the deadline passed (now, at query time)' })
  overdue!: number;

  @Field(() => Int, { description: 'Từ chối (ngoài thẩm quyền): not counted in the rate' })
  declined!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Tỷ lệ đúng hạn = answeredOnTime / (answeredOnTime + answeredLate + overdue); open referrals not yet due are not judged; null when nothing can be judged',
  })
  onTimeRate!: number | null;
}

@ObjectType({ description: 'KPI chuyển xử lý của một cơ quan trong một tháng (tháng của hạn xử lý, giờ Việt Nam)' })
export class AgencySlaMonth {
  @Field(() => AgencyRef)
  agency!: AgencyRef;

  @Field(() => LocalDateResolver, { description: 'First day of the month' })
  month!: string;

  @Field(() => SlaFigures, { description: 'Every referral' })
  all!: SlaFigures;

  @Field(() => SlaFigures, { description: 'Referrals of PROMINENT, PRESSING and HOTSPOT issues (nổi cộm, bức xúc, điểm nóng): the KPI' })
  prominentAndAbove!: SlaFigures;

  @Field(() => Float, { description: 'The KPI target: more than this share on time (0.9)' })
  target!: number;

  @Field(() => Boolean, { nullable: true, description: 'prominentAndAbove.onTimeRate > target; null when the rate is null' })
  meetsTarget!: boolean | null;
}

@InputType({ description: 'Bộ lọc referral quá hạn; always narrowed to the caller’s scope' })
export class OverdueReferralFilterInput {
  @Field(() => ID, { nullable: true, description: 'Only this agency (an AGENCY user always sees only its own)' })
  agencyId?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only referrals of issues in these communes' })
  communeCodes?: string[] | null;

  @Field(() => [SeverityEnum], { nullable: true, description: 'Only issues of these severities' })
  severities?: string[] | null;
}

@ObjectType({ description: 'Referral quá hạn: open, its deadline passed' })
export class OverdueReferral {
  @Field(() => ID)
  referralId!: string;

  @Field(() => ID)
  issueId!: string;

  @Field(() => String, { nullable: true, description: 'Tiêu đề vấn đề (null while the issues read model catches up)' })
  issueTitle!: string | null;

  @Field(() => Labelled, { description: 'Mức độ of the issue' })
  issueSeverity!: Labelled;

  @Field(() => AgencyRef)
  agency!: AgencyRef;

  @Field(() => Labelled, { description: 'REFERRED or ACKNOWLEDGED' })
  status!: Labelled;

  @Field(() => Locality)
  locality!: Locality;

  @Field(() => DateTimeResolver)
  referredAt!: Date;

  @Field(() => DateTimeResolver, { description: 'Hạn xử lý' })
  deadline!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => Float, { description: 'Days past the deadline, at query time' })
  daysOverdue!: number;
}

/** The GraphQL shape of an overdue referral read by projections/sla.read.ts. */
export function toOverdueReferral(catalogue: LocalityCatalogue, row: OverdueReferralRow): OverdueReferral {
  return {
    referralId: row.referralId,
    issueId: row.issueId,
    issueTitle: row.issueTitle,
    issueSeverity: labelledValue(SEVERITY_LABELS, row.issueSeverity),
    agency: { id: row.agencyId, name: row.agencyName },
    status: labelledValue(REFERRAL_STATUS_LABELS, row.status),
    locality: toLocality(catalogue, row.localityCode),
    referredAt: row.referredAt,
    deadline: row.deadline,
    acknowledgedAt: row.acknowledgedAt,
    daysOverdue: row.daysOverdue,
  };
}
