import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { OPEN_REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, type ReferralStatus } from '../domain/vocabulary';
import { ReferralStatusEnum } from './vocabulary.type';

/** A row of the `referrals` read model as knex returns it. */
export interface ReferralRecord {
  referral_id: string;
  issue_id: string;
  agency_id: string;
  agency_name: string | null;
  status: ReferralStatus;
  referred_at: Date;
  deadline: Date;
  acknowledged_at: Date | null;
  responded_at: Date | null;
  declined_at: Date | null;
  on_time: boolean | null;
}

@ObjectType({ description: 'Cơ quan có thẩm quyền a referral is addressed to' })
export class AgencyRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  name!: string | null;
}

@ObjectType({ description: 'Chuyển cơ quan có thẩm quyền: a referral of an issue to an agency, with its deadline (hạn xử lý)' })
export class Referral {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  issueId!: string;

  @Field(() => AgencyRef)
  agency!: AgencyRef;

  @Field(() => ReferralStatusEnum)
  status!: ReferralStatus;

  @Field(() => String)
  statusLabel!: string;

  @Field(() => DateTimeResolver, { description: 'Hạn xử lý' })
  deadline!: Date;

  @Field(() => DateTimeResolver)
  referredAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Tiếp nhận' })
  acknowledgedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Báo cáo kết quả giải quyết' })
  respondedAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Từ chối do không thuộc thẩm quyền' })
  declinedAt!: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Responded by the deadline; null until answered' })
  onTime!: boolean | null;

  @Field(() => Boolean, { description: 'Quá hạn: still open and its deadline has passed (computed at query time)' })
  overdue!: boolean;
}

export function toReferral(row: ReferralRecord, now: Date): Referral {
  return {
    id: row.referral_id,
    issueId: row.issue_id,
    agency: { id: row.agency_id, name: row.agency_name },
    status: row.status,
    statusLabel: REFERRAL_STATUS_LABELS[row.status] ?? row.status,
    deadline: row.deadline,
    referredAt: row.referred_at,
    acknowledgedAt: row.acknowledged_at,
    respondedAt: row.responded_at,
    declinedAt: row.declined_at,
    onTime: row.on_time,
    overdue: OPEN_REFERRAL_STATUSES.includes(row.status) && row.deadline.getTime() < now.getTime(),
  };
}
