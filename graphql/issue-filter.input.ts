import { Field, InputType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { IssueStatus, Sector, Severity } from '../domain/vocabulary';
import { OrderDirection } from './pagination';
import { IssueStatusEnum, SectorEnum, SeverityEnum } from './vocabulary.type';

export enum IssueOrderField {
  LAST_REPORT_AT = 'LAST_REPORT_AT',
  FIRST_REPORT_AT = 'FIRST_REPORT_AT',
  SEVERITY = 'SEVERITY',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(IssueOrderField, {
  name: 'IssueOrderField',
  description: 'What issues are sorted by',
  valuesConfig: {
    LAST_REPORT_AT: { description: 'Time of the latest report' },
    FIRST_REPORT_AT: { description: 'Time of the first report' },
    SEVERITY: { description: 'Severity rank (NORMAL < PROMINENT < PRESSING < HOTSPOT), then the latest report' },
    UPDATED_AT: { description: 'Time of the latest change' },
  },
});

@InputType({ description: 'Khoảng thời gian: from (inclusive) to (exclusive)' })
export class IssuePeriodInput {
  @Field(() => DateTimeResolver)
  from!: Date;

  @Field(() => DateTimeResolver)
  to!: Date;
}

@InputType({ description: 'Which issues to list; every condition given must hold. An empty list means no condition.' })
export class IssueFilter {
  @Field(() => [IssueStatusEnum], { nullable: true, description: 'Any of these statuses' })
  status?: IssueStatus[] | null;

  @Field(() => [SeverityEnum], { nullable: true, description: 'Any of these severities' })
  severity?: Severity[] | null;

  @Field(() => [SectorEnum], { nullable: true, description: 'Issues in any of these sectors' })
  sector?: Sector[] | null;

  @Field(() => String, { nullable: true, description: 'Issues located in this commune (5 digits); FORBIDDEN outside your scope' })
  communeCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Issues located in this province (2 digits), at province or commune level; FORBIDDEN for another province' })
  provinceCode?: string | null;

  @Field(() => IssuePeriodInput, { nullable: true, description: 'Issues reported during the period: their first-to-last report span overlaps it' })
  period?: IssuePeriodInput | null;

  @Field(() => String, {
    nullable: true,
    description: "Words in the reports' titles and summaries, ignoring case and diacritics ('boi thuong' finds 'bồi thường'); every word must occur",
  })
  text?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: only issues with an open referral past its deadline; false: only those without' })
  overdue?: boolean | null;
}

@InputType()
export class IssueOrder {
  @Field(() => IssueOrderField)
  field!: IssueOrderField;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  direction!: OrderDirection;
}
