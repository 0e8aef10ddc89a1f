import { Field, ID, InputType } from 'type-graphql';
import type { CollaboratorLevel } from '../domain/vocabulary';
import { CollaboratorLevelEnum } from './vocabulary.type';

@InputType({ description: 'Changes the fields given. unit, phone and email may be set to null to clear them; other nulls are ignored.' })
export class UpdateCollaboratorInput {
  @Field(() => ID)
  collaboratorId!: string;

  @Field(() => String, { nullable: true })
  fullName?: string | null;

  @Field(() => CollaboratorLevelEnum, { nullable: true })
  level?: CollaboratorLevel | null;

  @Field(() => String, { nullable: true, description: 'In your scope' })
  localityCode?: string | null;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}
