import { Field, ID, InputType } from 'type-graphql';
import type { Sector, Severity } from '../domain/vocabulary';
import { SectorEnum, SeverityEnum } from './vocabulary.type';

@InputType({ description: 'Phân loại: change any of sectors, locality and severity (at least one)' })
export class ClassifyIssueInput {
  @Field(() => ID)
  issueId!: string;

  @Field(() => [SectorEnum], { nullable: true })
  sectors?: Sector[] | null;

  @Field(() => String, { nullable: true, description: 'A commune or province code in your scope' })
  localityCode?: string | null;

  @Field(() => SeverityEnum, { nullable: true })
  severity?: Severity | null;
}
