import { Field, ID, InputType, Int } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Channel, Intensity, ReportKind, Role, Sector, Tendency } from '../domain/vocabulary';
import { ChannelEnum, IntensityEnum, ReportKindEnum, RoleEnum, SectorEnum, TendencyEnum } from './vocabulary.type';

@InputType({ description: 'Nguồn: a URL or an outlet (a newspaper, a social-media page); at least one' })
export class ReportSourceInput {
  @Field(() => String, { nullable: true, description: 'http or https' })
  url?: string | null;

  @Field(() => String, { nullable: true })
  outlet?: string | null;
}

@InputType({ description: 'Báo cáo, phản ánh: what people are saying, where, about what' })
export class ReportInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the server when absent' })
  reportId?: string | null;

  @Field(() => ReportKindEnum)
  kind!: ReportKind;

  @Field(() => ChannelEnum)
  channel!: Channel;

  @Field(() => String, { description: 'A commune code (5 digits) or a province code (2 digits), in your scope' })
  localityCode!: string;

  @Field(() => [SectorEnum], { description: 'At least one, no duplicates' })
  sectors!: Sector[];

  @Field(() => String, { description: '1 to 300 characters' })
  title!: string;

  @Field(() => String, { description: '1 to 10,000 characters' })
  summary!: string;

  @Field(() => Int, { nullable: true, description: 'Số người liên quan, where known' })
  peopleConcerned?: number | null;

  @Field(() => TendencyEnum)
  tendency!: Tendency;

  @Field(() => IntensityEnum)
  intensity!: Intensity;

  @Field(() => [ReportSourceInput], { nullable: true, description: 'At most 20' })
  sources?: ReportSourceInput[] | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Nhạy cảm' })
  sensitive!: boolean;

  @Field(() => DateTimeResolver, { description: 'When the opinion was observed; not in the future' })
  observedAt!: Date;

  @Field(() => ID, { nullable: true, description: 'Officers only, reporting for someone else; everyone else reports as themself' })
  reporterId?: string | null;

  @Field(() => RoleEnum, { nullable: true, description: 'Officers only, with reporterId' })
  reporterRole?: Role | null;
}
