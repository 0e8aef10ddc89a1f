import { Field, ID, InputType } from 'type-graphql';
import type { VerificationOutcome } from '../domain/vocabulary';
import { VerificationOutcomeEnum } from './vocabulary.type';

@InputType({ description: 'Thẩm định, kiểm chứng a report; you are recorded as the verifier' })
export class VerifyReportInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => ID)
  reportId!: string;

  @Field(() => VerificationOutcomeEnum)
  outcome!: VerificationOutcome;

  @Field(() => String, { description: "How it was verified, e.g. 'Làm việc với UBND xã, đối chiếu hồ sơ'" })
  method!: string;

  @Field(() => String)
  evidence!: string;
}
