import { Field, ID, InputType } from 'type-graphql';
import { ReportInput } from './report.input';

@InputType({ description: 'A new report, which opens a new issue' })
export class SubmitReportInput extends ReportInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the server when absent (derived from the idempotency key when one is given)' })
  issueId?: string | null;
}
