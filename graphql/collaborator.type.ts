import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { Labelled } from './vocabulary.type';
import { Locality } from './locality.type';
import { PageInfo } from './pagination';

@InputType({ description: 'Bộ lọc danh sách cộng tác viên; always narrowed to the caller’s scope' })
export class CollaboratorFilterInput {
  @Field(() => String, { nullable: true, description: 'Mã tỉnh; defaults to (and must be) the caller’s province' })
  provinceCode?: string | null;

  @Field(() => String, { nullable: true, description: 'Only collaborators of this commune' })
  communeCode?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only active (true) or deactivated (false) collaborators' })
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Name, unit or phone, ignoring diacritics (officers only: it would reveal identities)' })
  text?: string | null;
}

@ObjectType({ description: 'Hoạt động của cộng tác viên trong một tháng (the month a report was submitted)' })
export class CollaboratorMonthActivity {
  @Field(() => LocalDateResolver, { description: 'First day of the month' })
  month!: string;

  @Field(() => Int, { description: 'Số báo cáo' })
  reports!: number;

  @Field(() => Int, { description: 'Báo cáo kịp thời: submitted within 48 hours of being observed' })
  timelyReports!: number;

  @Field(() => Float, { nullable: true, description: 'timelyReports / reports; null without reports' })
  timelyRate!: number | null;

  @Field(() => Int, { description: 'Báo cáo đã thẩm định' })
  verifiedReports!: number;

  @Field(() => Int, { description: 'Thẩm định đúng hoặc đúng một phần' })
  confirmedReports!: number;

  @Field(() => Float, { nullable: true, description: 'confirmedReports / verifiedReports; null when none was verified' })
  confirmedShare!: number | null;
}

/**
 * Cộng tác viên dư luận xã hội. Reporter protection: a collaborator's identity is the reporter identity, so only
 * OFFICERs see id, name, unit, phone and email; for LEADERs they are null (`identityRedacted`) and leaders get the
 * counts (level, locality, status, activity).
 */
@ObjectType({ description: 'Cộng tác viên dư luận xã hội; identity fields are null for leaders (reporter protection)' })
export class Collaborator {
  /** The collaborator id, kept for loaders even when the viewer may not see it. */
  internalId!: string;

  @Field(() => ID, { nullable: true, description: 'Mã cộng tác viên (officers only)' })
  id!: string | null;

  @Field(() => String, { nullable: true, description: 'Họ tên (officers only)' })
  fullName!: string | null;

  @Field(() => String, { nullable: true, description: 'Đơn vị công tác (officers only)' })
  unit!: string | null;

  @Field(() => String, { nullable: true, description: 'Điện thoại (officers only)' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Email (officers only)' })
  email!: string | null;

  @Field(() => Boolean, { description: 'True when identity fields are withheld from this viewer' })
  identityRedacted!: boolean;

  @Field(() => Labelled, { description: 'Cấp: tỉnh hoặc xã' })
  level!: Labelled;

  @Field(() => Locality)
  locality!: Locality;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => DateTimeResolver)
  enrolledAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  deactivatedAt!: Date | null;
}

@ObjectType()
export class CollaboratorEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Collaborator)
  node!: Collaborator;
}

@ObjectType({ description: 'A page of collaborators, Relay-style (officers: by name; leaders: by locality and enrolment)' })
export class CollaboratorConnection {
  @Field(() => Int)
  totalCount!: number;

  @Field(() => [CollaboratorEdge])
  edges!: CollaboratorEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
