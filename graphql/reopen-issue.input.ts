import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class ReopenIssueInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => String)
  reason!: string;
}
