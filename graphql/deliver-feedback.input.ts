import { Field, ID, InputType } from 'type-graphql';
import type { Channel } from '../domain/vocabulary';
import { ChannelEnum } from './vocabulary.type';

@InputType({ description: 'Phản hồi: the result fed back to the reporting person or unit' })
export class DeliverFeedbackInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => ID, { nullable: true, description: 'Chosen by the server when absent' })
  feedbackId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The report whose reporter gets it; absent: every reporter on the issue' })
  reportId?: string | null;

  @Field(() => String)
  content!: string;

  @Field(() => ChannelEnum, { nullable: true })
  channel?: Channel | null;
}
