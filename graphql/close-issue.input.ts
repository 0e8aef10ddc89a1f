import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'Kết thúc: close the issue with its resolution' })
export class CloseIssueInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => String)
  resolution!: string;
}
