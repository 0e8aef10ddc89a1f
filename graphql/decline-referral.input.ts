import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Từ chối: the matter is outside the agency’s authority' })
export class DeclineReferralInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => ID)
  referralId!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => ID, { nullable: true, description: 'Where the issue should go instead' })
  suggestedAgencyId?: string | null;
}
