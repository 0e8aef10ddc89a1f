import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Tiếp nhận: the agency takes the referral on' })
export class AcknowledgeReferralInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => ID)
  referralId!: string;
}
