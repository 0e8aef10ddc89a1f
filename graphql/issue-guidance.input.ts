import { Field, ID, InputType } from 'type-graphql';
import type { GuidanceKind } from '../domain/vocabulary';
import { GuidanceKindEnum } from './vocabulary.type';

@InputType({ description: 'Định hướng thông tin: official information to spread, or a rebuttal of false information' })
export class IssueGuidanceInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => ID, { nullable: true, description: 'Chosen by the server when absent' })
  guidanceId?: string | null;

  @Field(() => GuidanceKindEnum)
  kind!: GuidanceKind;

  @Field(() => String)
  content!: string;
}
