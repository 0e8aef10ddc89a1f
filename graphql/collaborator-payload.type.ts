import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What a collaborator mutation did' })
export class CollaboratorPayload {
  @Field(() => ID)
  collaboratorId!: string;

  @Field(() => Boolean, { description: 'Whether the collaborator is active after the change' })
  active!: boolean;

  @Field(() => String, { description: 'Global log position of the last event written (a bigint, as text)' })
  position!: string;

  @Field(() => Boolean, { description: 'True when the idempotency key was seen before: nothing new was written' })
  replayed!: boolean;

  @Field(() => Boolean, { description: 'Whether the read models had reached `position` before the answer' })
  readModelCurrent!: boolean;
}
