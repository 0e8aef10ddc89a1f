import { Field, ID, InputType } from 'type-graphql';
import type { IssueStatus } from '../domain/vocabulary';
import { IssueStatusEnum } from './vocabulary.type';

@InputType({ description: 'Which issue changes to receive; every condition given must hold' })
export class IssueChangedFilter {
  @Field(() => [ID], { nullable: true, description: 'Only these issues (at most 100)' })
  issueIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Your province (2 digits); FORBIDDEN for another' })
  provinceCode?: string | null;

  @Field(() => [String], { nullable: true, description: 'Issues located in any of these communes; FORBIDDEN outside your scope' })
  communeCodes?: string[] | null;

  @Field(() => [IssueStatusEnum], { nullable: true, description: 'Issues whose status after the change is any of these' })
  statuses?: IssueStatus[] | null;
}
