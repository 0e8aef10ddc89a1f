import { Field, ID, InputType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';

@InputType({ description: 'Chuyển cơ quan có thẩm quyền, with a deadline (hạn xử lý)' })
export class ReferIssueInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => ID, { nullable: true, description: 'Chosen by the server when absent' })
  referralId?: string | null;

  @Field(() => ID)
  agencyId!: string;

  @Field(() => String, { nullable: true })
  agencyName?: string | null;

  @Field(() => DateTimeResolver, { description: 'In the future' })
  deadline!: Date;

  @Field(() => String, { nullable: true })
  note?: string | null;
}
