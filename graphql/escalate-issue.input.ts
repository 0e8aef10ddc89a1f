import { Field, ID, InputType } from 'type-graphql';
import type { EscalationLevel } from '../domain/vocabulary';
import { EscalationLevelEnum } from './vocabulary.type';

@InputType({ description: 'A quick report to leadership, or marking the issue a hot spot' })
export class EscalateIssueInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => EscalationLevelEnum)
  level!: EscalationLevel;

  @Field(() => String)
  reason!: string;
}
