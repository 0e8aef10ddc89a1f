import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Báo cáo kết quả giải quyết: the agency’s answer, after acknowledging' })
export class RespondToReferralInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => ID)
  referralId!: string;

  @Field(() => String)
  result!: string;

  @Field(() => Boolean, { nullable: true, description: 'Whether the matter was settled; true when absent' })
  resolved?: boolean | null;
}
