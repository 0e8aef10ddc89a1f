import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { SECTOR_LABELS } from '../domain/vocabulary';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import type { HotspotWarning as HotspotWarningRecord } from '../projections/hotspots.read';
import { Labelled, labelledValue } from './vocabulary.type';
import { Locality, toLocality } from './locality.type';

@ObjectType({ description: 'Vụ việc đứng sau một cảnh báo: the issues with the most reports in the warning’s window' })
export class HotspotIssue {
  @Field(() => ID)
  issueId!: string;

  @Field(() => String, { description: 'Tiêu đề vụ việc' })
  title!: string;

  @Field(() => String, { description: 'Tóm tắt' })
  summary!: string;

  @Field(() => Int, { description: 'Reports on it observed in the window, in this commune and sector' })
  reports!: number;
}

@ObjectType({
  description:
    'Cảnh báo sớm điểm nóng: a sector heating up in a commune — the weighted count of reports in a 7-day window far above that ' +
    'commune × sector’s own baseline (the 8 weeks before). A NEGATIVE report of HIGH intensity weighs 1, others less.',
})
export class HotspotWarning {
  @Field(() => ID)
  id!: string;

  @Field(() => Locality, { description: 'Xã/phường/đặc khu' })
  locality!: Locality;

  @Field(() => Labelled, { description: 'Lĩnh vực' })
  sector!: Labelled;

  @Field(() => DateTimeResolver, { description: 'Thời điểm phát cảnh báo: when the crossing became known' })
  raisedAt!: Date;

  @Field(() => DateTimeResolver, { description: 'Active until: a window after the last day it was assessed hot' })
  activeUntil!: Date;

  @Field(() => DateTimeResolver, { description: 'Start of the window the reasons are about (00:00 Vietnam time)' })
  windowStart!: Date;

  @Field(() => DateTimeResolver, { description: 'End of that window (exclusive: 00:00 Vietnam time after its last day)' })
  windowEnd!: Date;

  @Field(() => Int, { description: 'Số phản ánh trong cửa sổ: reports observed in the window' })
  recentCount!: number;

  @Field(() => Float, { description: 'Số phản ánh có trọng số: NEGATIVE counts most, HIGH intensity more than MEDIUM or LOW' })
  weightedCount!: number;

  @Field(() => Float, { description: 'Mức nền (kỳ vọng): the weighted count expected in a window from the 8 weeks before it (at least 0.5)' })
  baseline!: number;

  @Field(() => Int, { description: 'Reports observed in the baseline period' })
  baselineCount!: number;

  @Field(() => Int, { description: 'Days of the baseline period (shorter while the province’s history is)' })
  baselineDays!: number;

  @Field(() => Float, { description: 'weightedCount / baseline' })
  ratio!: number;

  @Field(() => Float, { description: 'Điểm cảnh báo: −log10 of the Poisson probability of at least this weighted count given the baseline (3.5 ≈ p 0.0003)' })
  score!: number;

  @Field(() => Float, { description: 'The strongest score of this episode so far' })
  peakScore!: number;

  @Field(() => String, { description: 'Lý do, in Vietnamese: the recent count against the baseline' })
  reason!: string;

  @Field(() => [HotspotIssue], { description: 'Vụ việc chính: at most three issues with the most reports in the window' })
  topIssues!: HotspotIssue[];
}

const vn = (x: number, digits = 1) => x.toLocaleString('vi-VN', { maximumFractionDigits: digits });
const vnDate = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/');

export function toHotspotWarning(catalogue: LocalityCatalogue, w: HotspotWarningRecord): HotspotWarning {
  const lastDay = new Date(w.windowEnd.getTime() - 1);
  return {
    id: w.warningId,
    locality: toLocality(catalogue, w.localityCode),
    sector: labelledValue(SECTOR_LABELS, w.sector),
    raisedAt: w.raisedAt,
    activeUntil: w.activeUntil,
    windowStart: w.windowStart,
    windowEnd: w.windowEnd,
    recentCount: w.recentCount,
    weightedCount: w.weightedCount,
    baseline: w.baseline,
    baselineCount: w.baselineCount,
    baselineDays: w.baselineDays,
    ratio: w.ratio,
    score: w.score,
    peakScore: w.peakScore,
    reason:
      `${w.recentCount} phản ánh từ ${vnDate(w.windowStart)} đến ${vnDate(lastDay)} (có trọng số: ${vn(w.weightedCount, 2)}), ` +
      `gấp ${vn(w.ratio)} lần mức nền ${vn(w.baseline, 2)} của ${w.baselineDays} ngày trước đó; điểm cảnh báo ${vn(w.score, 2)}.`,
    topIssues: w.topIssues.map((i) => ({ issueId: i.issueId, title: i.title, summary: i.summary, reports: i.reports })),
  };
}
