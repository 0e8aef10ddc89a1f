import { Field, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { REPORTING_STATUS_LABELS, type ReportingStatus } from '../services/reports/reporting-calendar';
import { enumOf } from './vocabulary.type';
import { Locality } from './locality.type';

export const ReportingStatusEnum = enumOf<ReportingStatus>(REPORTING_STATUS_LABELS, 'ReportingStatus', 'Tình trạng kỳ báo cáo tổng hợp tháng');

@ObjectType({ description: 'Kỳ báo cáo tổng hợp tình hình dư luận xã hội của một tháng: due by the 20th of the following month (Vietnamese time)' })
export class ReportingPeriod {
  @Field(() => String, { description: 'The month the synthesis covers, YYYY-MM' })
  month!: string;

  @Field(() => String, { description: '"tháng 10/2026"' })
  label!: string;

  @Field(() => LocalDateResolver)
  periodStart!: string;

  @Field(() => LocalDateResolver)
  periodEnd!: string;

  @Field(() => LocalDateResolver, { description: 'Hạn gửi Thường trực Tỉnh ủy: the 20th of the following month' })
  dueDate!: string;

  @Field(() => DateTimeResolver, { description: 'The instant the deadline passes: the end of the due date, Vietnamese time' })
  dueAt!: Date;

  @Field(() => ReportingStatusEnum)
  status!: ReportingStatus;

  @Field(() => String)
  statusLabel!: string;

  @Field(() => Int, { description: 'Whole days from today (Vietnamese) to the due date: 0 on it, negative once past' })
  daysLeft!: number;

  @Field(() => Boolean, { description: 'The month is over, so its synthesis can be written' })
  monthEnded!: boolean;

  @Field(() => Boolean, { description: 'Due within 5 days (or today)' })
  dueSoon!: boolean;

  @Field(() => Boolean, { description: 'The due date has passed (the system does not record whether the synthesis was sent)' })
  overdue!: boolean;
}

@ObjectType({ description: 'Lịch báo cáo tổng hợp tháng: what is due, and when' })
export class ReportingCalendar {
  @Field(() => Locality)
  province!: Locality;

  @Field(() => LocalDateResolver, { description: 'Today, Vietnamese time' })
  today!: string;

  @Field(() => Int, { description: 'The day of the following month a synthesis is due by (20)' })
  dueDay!: number;

  @Field(() => ReportingPeriod, { description: 'The synthesis due next: last month’s until the 20th, then this month’s' })
  current!: ReportingPeriod;

  @Field(() => [ReportingPeriod], { description: 'The months asked for, oldest first' })
  periods!: ReportingPeriod[];
}
