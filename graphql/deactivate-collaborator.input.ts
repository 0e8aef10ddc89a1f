import { Field, ID, InputType } from 'type-graphql';

@InputType()
export class DeactivateCollaboratorInput {
  @Field(() => ID)
  collaboratorId!: string;

  @Field(() => String)
  reason!: string;
}
