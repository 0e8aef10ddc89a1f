import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { HEADLINE_LABELS, type FigureKind, type HeadlineCode, type OutlookCode } from '../services/reports/monthly-synthesis';
import { enumOf, Labelled } from './vocabulary.type';
import { Locality } from './locality.type';
import { AgencyRef } from './referral.type';
import { OverdueReferral, SlaFigures } from './sla.type';
import { SurveyQuestionResult } from './survey.type';
import { TrendDelta } from './trend.type';

export const HeadlineCodeEnum = enumOf<HeadlineCode>(HEADLINE_LABELS, 'SynthesisHeadlineCode', 'Chỉ tiêu số liệu chung của báo cáo tổng hợp tháng');
export const FigureKindEnum = enumOf<FigureKind>({ COUNT: 'Số lượng', RATE: 'Tỷ lệ (0–1)' }, 'SynthesisFigureKind', 'Loại chỉ tiêu');
export const OutlookKindEnum = enumOf<'FORECAST' | 'RECOMMENDATION'>({ FORECAST: 'Dự báo', RECOMMENDATION: 'Kiến nghị' }, 'SynthesisOutlookKind', 'Dự báo hay kiến nghị');
export const OutlookCodeEnum = enumOf<OutlookCode>(
  {
    STABLE: 'Tình hình cơ bản ổn định',
    RISING_SECTOR: 'Lĩnh vực có dư luận tăng',
    HOTSPOT_WARNINGS: 'Cảnh báo sớm nguy cơ điểm nóng',
    HOTSPOT_ISSUES: 'Vụ việc điểm nóng cần giải quyết',
    KPI_BELOW_TARGET: 'Cơ quan chưa đạt chỉ tiêu trả lời đúng hạn',
    OVERDUE_REFERRALS: 'Chuyển xử lý quá hạn',
    UNVERIFIED: 'Thông tin chưa được thẩm định',
    COLLABORATORS: 'Hoạt động của cộng tác viên',
  },
  'SynthesisOutlookCode',
  'Chủ đề của một nhận định dự báo, kiến nghị',
);

@ObjectType({ description: 'Một chỉ tiêu số liệu chung: tháng này, tháng trước và mức thay đổi' })
export class SynthesisFigure {
  @Field(() => HeadlineCodeEnum)
  code!: HeadlineCode;

  @Field(() => String, { description: 'Nhãn tiếng Việt' })
  label!: string;

  @Field(() => FigureKindEnum)
  kind!: FigureKind;

  @Field(() => Float, { nullable: true, description: 'A count, or a share from 0 to 1 (RATE); null when a rate has nothing to be computed from' })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'The same figure for the previous month' })
  previous!: number | null;

  @Field(() => Float, { nullable: true, description: 'value − previous (a RATE in shares: 0.05 is 5 percentage points)' })
  absoluteChange!: number | null;

  @Field(() => Float, { nullable: true, description: 'Percent change of a COUNT (25 means +25%); null for a RATE or when the previous count was 0' })
  percentChange!: number | null;
}

@ObjectType({ description: 'Số báo cáo của một ngày (giờ Việt Nam)' })
export class SynthesisDailyCount {
  @Field(() => LocalDateResolver)
  date!: string;

  @Field(() => Int)
  reports!: number;

  @Field(() => Int)
  negative!: number;

  @Field(() => Int)
  highIntensity!: number;
}

@ObjectType({ description: 'Một vụ việc đáng chú ý trong tháng' })
export class SynthesisIssue {
  @Field(() => ID)
  issueId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Labelled, { description: 'Mức độ' })
  severity!: Labelled;

  @Field(() => Labelled, { description: 'Trạng thái' })
  status!: Labelled;

  @Field(() => [Labelled], { description: 'Lĩnh vực' })
  sectors!: Labelled[];

  @Field(() => Locality)
  locality!: Locality;

  @Field(() => Int, { description: 'Báo cáo trong tháng (including merged duplicates)' })
  reportsInMonth!: number;

  @Field(() => Int)
  negativeInMonth!: number;

  @Field(() => Int)
  highIntensityInMonth!: number;

  @Field(() => Int, { description: 'Báo cáo từ trước đến nay' })
  totalReports!: number;

  @Field(() => Boolean, { description: 'Phát sinh trong tháng: its first report was in the month' })
  newInMonth!: boolean;

  @Field(() => Labelled, { nullable: true, description: 'Kết quả thẩm định gần nhất' })
  latestVerification!: Labelled | null;

  @Field(() => Int, { description: 'Referrals still awaiting an answer' })
  openReferrals!: number;
}

@ObjectType({ description: 'Dư luận theo lĩnh vực trong tháng (a report in two sectors counts in each)' })
export class SynthesisSector {
  @Field(() => Labelled)
  sector!: Labelled;

  @Field(() => Int)
  reports!: number;

  @Field(() => Int)
  negative!: number;

  @Field(() => Int)
  highIntensity!: number;

  @Field(() => Int)
  newIssues!: number;

  @Field(() => Int)
  confirmed!: number;

  @Field(() => Int)
  unfounded!: number;

  @Field(() => Int)
  previousReports!: number;

  @Field(() => TrendDelta, { description: 'Reports against the previous month' })
  change!: TrendDelta;

  @Field(() => [SynthesisIssue], { description: 'The most notable issues of the sector (at most 3)' })
  issues!: SynthesisIssue[];
}

@ObjectType({ description: 'Dư luận theo địa bàn (xã/phường/đặc khu; the province for province-level reports)' })
export class SynthesisLocality {
  @Field(() => Locality)
  locality!: Locality;

  @Field(() => Int)
  reports!: number;

  @Field(() => Int)
  negative!: number;

  @Field(() => Int)
  highIntensity!: number;

  @Field(() => Int)
  newIssues!: number;

  @Field(() => Int)
  previousReports!: number;

  @Field(() => TrendDelta)
  change!: TrendDelta;

  @Field(() => [SynthesisIssue], { description: 'The most notable issues of the locality (at most 2)' })
  issues!: SynthesisIssue[];
}

@ObjectType({ description: 'Số báo cáo theo một kết quả thẩm định' })
export class SynthesisVerificationOutcome {
  @Field(() => Labelled)
  outcome!: Labelled;

  @Field(() => Int)
  reports!: number;

  @Field(() => Int)
  previous!: number;

  @Field(() => Float, { nullable: true, description: 'Share of the reports verified in the month' })
  share!: number | null;
}

@ObjectType({ description: 'Kết quả thẩm định, kiểm chứng thông tin: reports whose latest verification was made in the month' })
export class SynthesisVerification {
  @Field(() => Int)
  verified!: number;

  @Field(() => Int)
  previousVerified!: number;

  @Field(() => [SynthesisVerificationOutcome])
  outcomes!: SynthesisVerificationOutcome[];

  @Field(() => Int, { description: 'Of them, from the press or cyberspace (báo chí, mạng xã hội)' })
  pressAndSocialVerified!: number;

  @Field(() => Int, { description: 'Of those, found unfounded (sai sự thật, xuyên tạc)' })
  pressAndSocialUnfounded!: number;

  @Field(() => Int, { description: 'Reports observed in the month that no verification has reached yet' })
  unverifiedReports!: number;
}

@ObjectType({ description: 'KPI trả lời đúng hạn của một cơ quan, for referrals due in the month' })
export class SynthesisAgencyKpi {
  @Field(() => AgencyRef)
  agency!: AgencyRef;

  @Field(() => SlaFigures)
  all!: SlaFigures;

  @Field(() => SlaFigures, { description: 'PROMINENT, PRESSING and HOTSPOT issues: the KPI' })
  prominentAndAbove!: SlaFigures;

  @Field(() => Boolean, { nullable: true, description: 'prominentAndAbove.onTimeRate > target; null when nothing could be judged' })
  meetsTarget!: boolean | null;
}

@ObjectType({ description: 'Chuyển xử lý và trả lời của cơ quan có thẩm quyền' })
export class SynthesisResponse {
  @Field(() => Int, { description: 'Lượt chuyển trong tháng' })
  referralsMade!: number;

  @Field(() => Int)
  previousReferralsMade!: number;

  @Field(() => Int, { description: 'Lượt trả lời (báo cáo kết quả) trong tháng' })
  responded!: number;

  @Field(() => Int)
  previousResponded!: number;

  @Field(() => Int, { description: 'Lượt từ chối (ngoài thẩm quyền) trong tháng' })
  declined!: number;

  @Field(() => Float, { description: 'The KPI target: more than this share on time (0.9)' })
  target!: number;

  @Field(() => SlaFigures, { description: 'Every agency together, referrals due in the month' })
  total!: SlaFigures;

  @Field(() => SlaFigures)
  totalProminentAndAbove!: SlaFigures;

  @Field(() => Boolean, { nullable: true })
  meetsTarget!: boolean | null;

  @Field(() => [SynthesisAgencyKpi], { description: 'Per agency: below target first, then by referrals due' })
  agencies!: SynthesisAgencyKpi[];

  @Field(() => Int)
  agenciesBelowTarget!: number;

  @Field(() => Int, { description: 'Open referrals past their deadline at generatedAt, whenever due' })
  overdueTotal!: number;

  @Field(() => [OverdueReferral], { description: 'The oldest overdue referrals (at most 20)' })
  overdue!: OverdueReferral[];
}

@ObjectType({ description: 'Vấn đề phổ biến được nhắc đến trong một cảnh báo' })
export class SynthesisHotspotIssue {
  @Field(() => ID)
  issueId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Int)
  reports!: number;
}

@ObjectType({ description: 'Cảnh báo sớm: a sector heating up in a locality against its own baseline' })
export class SynthesisHotspotWarning {
  @Field(() => Locality)
  locality!: Locality;

  @Field(() => Labelled)
  sector!: Labelled;

  @Field(() => Int)
  recentCount!: number;

  @Field(() => Float)
  weightedCount!: number;

  @Field(() => Float)
  baseline!: number;

  @Field(() => Float)
  score!: number;

  @Field(() => DateTimeResolver)
  windowStart!: Date;

  @Field(() => DateTimeResolver)
  windowEnd!: Date;

  @Field(() => DateTimeResolver)
  raisedAt!: Date;

  @Field(() => [SynthesisHotspotIssue])
  topIssues!: SynthesisHotspotIssue[];
}

@ObjectType({ description: 'Điểm nóng và cảnh báo sớm' })
export class SynthesisHotspots {
  @Field(() => Boolean, { description: 'False when early warning is not available here: no data, which is not the same as no warnings' })
  warningsAvailable!: boolean;

  @Field(() => DateTimeResolver, { description: 'The instant the warnings stand at (the end of the month, or now for a month still running)' })
  asOf!: Date;

  @Field(() => [SynthesisHotspotWarning])
  warnings!: SynthesisHotspotWarning[];

  @Field(() => Int, { description: 'How many issues classified or escalated as HOTSPOT (điểm nóng) had reports in the month' })
  issueCount!: number;

  @Field(() => [SynthesisIssue], { description: 'The most reported of them (at most 20)' })
  issues!: SynthesisIssue[];
}

@ObjectType({ description: 'Một cuộc khảo sát diễn ra trong tháng, with its overall results so far' })
export class SynthesisSurvey {
  @Field(() => ID)
  surveyId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => Labelled)
  status!: Labelled;

  @Field(() => DateTimeResolver)
  openedAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  closedAt!: Date | null;

  @Field(() => Int)
  responseCount!: number;

  @Field(() => DateTimeResolver, { nullable: true })
  lastResponseAt!: Date | null;

  @Field(() => [SurveyQuestionResult], { description: 'Per question, the overall result (no breakdowns)' })
  results!: SurveyQuestionResult[];
}

@ObjectType({ description: 'Hoạt động cộng tác viên theo cấp' })
export class SynthesisCollaboratorLevel {
  @Field(() => Labelled)
  level!: Labelled;

  @Field(() => Int)
  active!: number;

  @Field(() => Int)
  reporting!: number;

  @Field(() => Int)
  reports!: number;

  @Field(() => Float, { nullable: true })
  timelyRate!: number | null;
}

@ObjectType({ description: 'Hoạt động của đội ngũ cộng tác viên (counts only: no identities)' })
export class SynthesisCollaborators {
  @Field(() => Int, { description: 'On the roster at the end of the month' })
  active!: number;

  @Field(() => Int)
  enrolled!: number;

  @Field(() => Int)
  deactivated!: number;

  @Field(() => Int, { description: 'With at least one report submitted in the month' })
  reporting!: number;

  @Field(() => Int)
  previousReporting!: number;

  @Field(() => Int)
  reports!: number;

  @Field(() => Int)
  previousReports!: number;

  @Field(() => Int)
  timelyReports!: number;

  @Field(() => Float, { nullable: true, description: 'Submitted within 48 hours of being observed' })
  timelyRate!: number | null;

  @Field(() => Int)
  verifiedReports!: number;

  @Field(() => Int)
  confirmedReports!: number;

  @Field(() => Float, { nullable: true })
  confirmedShare!: number | null;

  @Field(() => [SynthesisCollaboratorLevel])
  byLevel!: SynthesisCollaboratorLevel[];
}

@ObjectType({ description: 'Một nhận định dự báo hoặc kiến nghị, derived from the figures' })
export class SynthesisOutlookNote {
  @Field(() => OutlookCodeEnum)
  code!: OutlookCode;

  @Field(() => OutlookKindEnum)
  kind!: 'FORECAST' | 'RECOMMENDATION';

  @Field(() => String, { description: 'Tiếng Việt' })
  text!: string;
}

@ObjectType({ description: 'Báo cáo tổng hợp tình hình dư luận xã hội tháng: the structured content of the monthly synthesis' })
export class MonthlySynthesis {
  @Field(() => Locality)
  province!: Locality;

  @Field(() => String, { description: 'YYYY-MM' })
  month!: string;

  @Field(() => String, { description: '"tháng 10/2026"' })
  monthLabel!: string;

  @Field(() => LocalDateResolver)
  periodStart!: string;

  @Field(() => LocalDateResolver)
  periodEnd!: string;

  @Field(() => String)
  previousMonth!: string;

  @Field(() => String)
  previousMonthLabel!: string;

  @Field(() => DateTimeResolver, { description: 'When it was read; overdue referrals and survey results stand at this instant' })
  generatedAt!: Date;

  @Field(() => Boolean, { description: 'The month had ended at generatedAt' })
  complete!: boolean;

  @Field(() => LocalDateResolver, { description: 'Hạn gửi: the 20th of the following month' })
  dueDate!: string;

  @Field(() => [SynthesisFigure], { description: 'Số liệu chung, with the change against the previous month' })
  headline!: SynthesisFigure[];

  @Field(() => [SynthesisDailyCount], { description: 'Every day of the month' })
  daily!: SynthesisDailyCount[];

  @Field(() => [SynthesisDailyCount], { description: 'Every day of the previous month' })
  previousDaily!: SynthesisDailyCount[];

  @Field(() => [SynthesisSector], { description: 'Sectors with reports in the month, most reports first' })
  sectors!: SynthesisSector[];

  @Field(() => Int)
  localitiesWithReports!: number;

  @Field(() => [SynthesisLocality], { description: 'The localities with the most reports (at most 10)' })
  localities!: SynthesisLocality[];

  @Field(() => [SynthesisIssue], { description: 'Most severe first, then most reported in the month (at most 15)' })
  notableIssues!: SynthesisIssue[];

  @Field(() => Int)
  issuesWithReports!: number;

  @Field(() => SynthesisVerification)
  verification!: SynthesisVerification;

  @Field(() => SynthesisResponse)
  response!: SynthesisResponse;

  @Field(() => SynthesisHotspots)
  hotspots!: SynthesisHotspots;

  @Field(() => [SynthesisSurvey], { description: 'Surveys open at some time in the month (at most 10)' })
  surveys!: SynthesisSurvey[];

  @Field(() => SynthesisCollaborators)
  collaborators!: SynthesisCollaborators;

  @Field(() => [SynthesisOutlookNote], { description: 'Dự báo, kiến nghị' })
  outlook!: SynthesisOutlookNote[];
}
