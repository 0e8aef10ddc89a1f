import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LocalDateResolver } from 'graphql-scalars';
import { Labelled, SectorEnum } from './vocabulary.type';
import { Locality } from './locality.type';

export enum TrendGroupBy {
  SECTOR = 'SECTOR',
  COMMUNE = 'COMMUNE',
  PROVINCE = 'PROVINCE',
  PERIOD = 'PERIOD',
}
registerEnumType(TrendGroupBy, {
  name: 'TrendGroupBy',
  description: 'Chiều phân nhóm của xu hướng',
  valuesConfig: {
    SECTOR: { description: 'Theo lĩnh vực' },
    COMMUNE: { description: 'Theo xã/phường/đặc khu (province-level reports form their own series)' },
    PROVINCE: { description: 'Theo tỉnh' },
    PERIOD: { description: 'Theo kỳ (see granularity)' },
  },
});

export enum TrendGranularity {
  DAY = 'DAY',
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(TrendGranularity, {
  name: 'TrendGranularity',
  description: 'Độ dài kỳ, theo lịch Việt Nam (weeks start on Monday)',
  valuesConfig: {
    DAY: { description: 'Ngày (range up to 366 days)' },
    WEEK: { description: 'Tuần (range up to 3 years)' },
    MONTH: { description: 'Tháng (range up to 10 years)' },
    QUARTER: { description: 'Quý (range up to 20 years)' },
    YEAR: { description: 'Năm (range up to 50 years)' },
  },
});

@InputType({ description: 'Bộ lọc xu hướng; everything is further narrowed to the caller’s scope' })
export class TrendFilterInput {
  @Field(() => String, { nullable: true, description: 'Mã tỉnh; defaults to (and must be) the caller’s province' })
  provinceCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only these communes (province-level reports are then left out)' })
  communeCodes?: string[] | null;

  @Field(() => [SectorEnum], { nullable: true, description: 'Only these sectors; several sectors need groupBy SECTOR, since a report may count in several' })
  sectors?: string[] | null;
}

@ObjectType({ description: 'Số đếm của một điểm xu hướng' })
export class TrendCounts {
  @Field(() => Int, { description: 'Số báo cáo (counted on the day observed)' })
  reports!: number;

  @Field(() => Int, { description: 'Báo cáo có xu hướng tiêu cực' })
  negative!: number;

  @Field(() => Int, { description: 'Báo cáo cường độ cao' })
  highIntensity!: number;

  @Field(() => Int, { description: 'Vấn đề mới' })
  newIssues!: number;

  @Field(() => Int, { description: 'Thẩm định: đúng hoặc đúng một phần (counted on the day verified)' })
  confirmed!: number;

  @Field(() => Int, { description: 'Thẩm định: không có cơ sở' })
  unfounded!: number;
}

@ObjectType({ description: 'Thay đổi so với kỳ trước' })
export class TrendDelta {
  @Field(() => Int, { description: 'This period minus the previous one' })
  absolute!: number;

  @Field(() => Float, { nullable: true, description: 'Percent change (25 means +25%); null when the previous count was 0' })
  percent!: number | null;
}

@ObjectType({ description: 'Thay đổi của từng số đếm so với kỳ liền trước của cùng chuỗi' })
export class TrendChange {
  @Field(() => TrendDelta)
  reports!: TrendDelta;

  @Field(() => TrendDelta)
  negative!: TrendDelta;

  @Field(() => TrendDelta)
  highIntensity!: TrendDelta;

  @Field(() => TrendDelta)
  newIssues!: TrendDelta;

  @Field(() => TrendDelta)
  confirmed!: TrendDelta;

  @Field(() => TrendDelta)
  unfounded!: TrendDelta;
}

@ObjectType({ description: 'Một điểm của chuỗi xu hướng: one period × the grouped sector and locality' })
export class TrendPoint {
  @Field(() => LocalDateResolver, { description: 'First day of the period (the range start when not grouping by PERIOD)' })
  period!: string;

  @Field(() => LocalDateResolver, { description: 'Last day of the period (the range end when not grouping by PERIOD)' })
  periodEnd!: string;

  @Field(() => Boolean, { description: 'The period is cut by the requested range, so it counts only some of its days' })
  partial!: boolean;

  @Field(() => Labelled, { nullable: true, description: 'Lĩnh vực, when grouping by SECTOR' })
  sector!: Labelled | null;

  @Field(() => Locality, { nullable: true, description: 'The commune (COMMUNE) or province (PROVINCE only), when grouping by locality' })
  locality!: Locality | null;

  @Field(() => TrendCounts)
  counts!: TrendCounts;

  @Field(() => TrendChange, {
    nullable: true,
    description: 'Change against the previous period of the same series (even one before `from`); null when that period had no counts or when not grouping by PERIOD',
  })
  change!: TrendChange | null;
}

@ObjectType({ description: 'Xu hướng dư luận: series of counts with period-over-period change' })
export class Trends {
  @Field(() => LocalDateResolver)
  from!: string;

  @Field(() => LocalDateResolver)
  to!: string;

  @Field(() => TrendGranularity)
  granularity!: TrendGranularity;

  @Field(() => [TrendGroupBy])
  groupBy!: TrendGroupBy[];

  @Field(() => [TrendPoint], { description: 'Ordered by series (sector, locality) then period; periods without any count are left out' })
  points!: TrendPoint[];
}
