import { Field, InputType } from 'type-graphql';

@InputType({ description: 'Which appended events to receive; every condition given must hold' })
export class EventAppendedFilter {
  @Field(() => [String], { nullable: true, description: "Any of these event types, e.g. ['ReportSubmitted', 'IssueClosed']" })
  types?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Events of streams in any of these categories: 'issue', 'collaborator', 'survey'" })
  categories?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Your province (2 digits); FORBIDDEN for another. Events outside your scope never arrive.' })
  provinceCode?: string | null;
}
