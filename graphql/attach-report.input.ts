import { Field, ID, InputType } from 'type-graphql';
import { ReportInput } from './report.input';

@InputType({ description: 'A further report on an existing issue' })
export class AttachReportInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => ReportInput)
  report!: ReportInput;
}
