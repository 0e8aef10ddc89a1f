import { Field, ObjectType } from 'type-graphql';
import { AppendedEvent } from './event.type';
import { PageInfo } from './pagination';

@ObjectType()
export class EventEdge {
  @Field(() => String, { description: 'Opaque cursor of this event in the log' })
  cursor!: string;

  @Field(() => AppendedEvent)
  node!: AppendedEvent;
}

@ObjectType({ description: 'A page of the event log, Relay-style' })
export class EventConnection {
  /** Costed once per item of the page: the `first` of `events` already multiplies it. */
  @Field(() => [EventEdge], { complexity: ({ childComplexity }) => childComplexity })
  edges!: EventEdge[];

  @Field(() => PageInfo, {
    description:
      'endCursor is never null: it marks how far the log was read for you (it may lie past the last edge, over events you do not receive). Store it and pass it as `after` to go on; hasNextPage false means you are at the head of the log for now.',
  })
  pageInfo!: PageInfo;
}
