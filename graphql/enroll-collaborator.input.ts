import { Field, ID, InputType } from 'type-graphql';
import type { CollaboratorLevel } from '../domain/vocabulary';
import { CollaboratorLevelEnum } from './vocabulary.type';

@InputType({ description: 'Registers a cộng tác viên dư luận xã hội' })
export class EnrollCollaboratorInput {
  @Field(() => ID, { nullable: true, description: 'Chosen by the server when absent' })
  collaboratorId?: string | null;

  @Field(() => String)
  fullName!: string;

  @Field(() => CollaboratorLevelEnum)
  level!: CollaboratorLevel;

  @Field(() => String, { description: 'A province code for PROVINCE level, a commune code for COMMUNE level; in your scope' })
  localityCode!: string;

  @Field(() => String, { nullable: true })
  unit?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;
}
