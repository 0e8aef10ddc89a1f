import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import { encodeEventCursor } from './event-cursor';
import type { FeedEvent } from './changefeed';
import { redactEvent } from './event-redaction';
import type { ReporterViewer } from './reporter-identity';

/** Every event type of the log and the stream categories (the part of a stream id before its first '-'). */
export { EVENT_CATEGORIES, EVENT_TYPES } from '../domain/event-catalogue';

@ObjectType({ description: 'Sự kiện: an event as appended to the global log, with the people it names shown as your role allows' })
export class AppendedEvent {
  @Field(() => String, { description: 'Global log position (a bigint, as text); positions only grow' })
  position!: string;

  @Field(() => String, { description: 'Opaque cursor of this event: pass it as `after` to `events` or `eventAppended` to go on from here' })
  cursor!: string;

  @Field(() => ID)
  eventId!: string;

  @Field(() => String, {
    nullable: true,
    description: "e.g. 'issue-<id>'; a stream named after a person (a collaborator) shows their pseudonym, or null when your role may not know them",
  })
  streamId!: string | null;

  @Field(() => String, { description: "The stream's category: 'issue', 'collaborator', 'survey'" })
  category!: string;

  @Field(() => String, { description: 'Revision within its stream, from 0 (a bigint, as text)' })
  revision!: string;

  @Field(() => String, { description: "PascalCase, past tense, e.g. 'ReportSubmitted'" })
  type!: string;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it happened (from the metadata)' })
  occurredAt!: Date | null;

  @Field(() => DateTimeResolver, { description: 'When the log stored it' })
  recordedAt!: Date;

  @Field(() => JSONObjectResolver, {
    description: 'actorId (null unless your role may know who acted), actorPseudonym (auditors), actorRole, correlationId, causationId, schemaVersion, occurredAt…',
  })
  metadata!: Record<string, unknown>;

  @Field(() => JSONObjectResolver, {
    description: "The event's own fields, in their stored shape; reporter, recipient, verifier and collaborator ids (and a collaborator's name and contacts) are null where your role may not know them, with pseudonyms added for auditors",
  })
  data!: Record<string, unknown>;
}

export function toAppendedEvent({ event, category }: FeedEvent, viewer: ReporterViewer): AppendedEvent {
  const { streamId, data, metadata } = redactEvent(viewer, event);
  const occurredAt = typeof event.metadata.occurredAt === 'string' ? new Date(event.metadata.occurredAt) : null;
  return {
    position: event.position.toString(),
    cursor: encodeEventCursor(event.position),
    eventId: event.eventId,
    streamId,
    category,
    revision: event.revision.toString(),
    type: event.type,
    occurredAt: occurredAt !== null && !Number.isNaN(occurredAt.getTime()) ? occurredAt : null,
    recordedAt: event.recordedAt,
    metadata,
    data,
  };
}
