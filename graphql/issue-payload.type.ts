import { Field, ID, ObjectType } from 'type-graphql';
import { Issue } from './issue.type';

@ObjectType({ description: 'What an issue mutation did, with the issue as the read model shows it afterwards (read-your-writes)' })
export class IssuePayload {
  @Field(() => ID)
  issueId!: string;

  @Field(() => Issue, {
    nullable: true,
    description: 'The issue as the read model shows it (current when readModelCurrent); null when your role may not read issues or the read model does not have it yet',
  })
  issue!: Issue | null;

  @Field(() => String, { description: 'Global log position of the last event written (a bigint, as text)' })
  position!: string;

  @Field(() => Boolean, { description: 'True when the idempotency key was seen before: nothing new was written' })
  replayed!: boolean;

  @Field(() => Boolean, { description: 'Whether the read models had reached `position` when the issue was read' })
  readModelCurrent!: boolean;
}

/** The report a payload's suggestions are about (not a GraphQL field: `suggestion.resolver.ts` reads it). */
export interface ReportSuggestionSource {
  title: string;
  summary: string;
  sectors: readonly string[];
  provinceCode: string;
  /** The issue the report is on: never suggested as its own duplicate. */
  issueId: string;
}

@ObjectType({ description: 'The report written, with suggestions for it (similarIssues, suggestedSectors): suggestions only, nothing is applied' })
export class SubmitReportPayload extends IssuePayload {
  @Field(() => ID)
  reportId!: string;

  suggestionSource!: ReportSuggestionSource;
}

@ObjectType()
export class ReferIssuePayload extends IssuePayload {
  @Field(() => ID)
  referralId!: string;
}
