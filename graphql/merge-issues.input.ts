import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Gộp: the issue becomes MERGED and its reports move to intoIssueId' })
export class MergeIssuesInput {
  @Field(() => ID, { description: 'The duplicate' })
  issueId!: string;

  @Field(() => ID, { description: 'The issue that stays' })
  intoIssueId!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}
