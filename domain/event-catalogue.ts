/**
 * The event contract in one place: every event type with its stream category, the versions it has had, the JSON
 * Schema of each version's data, and the upcasters between versions. Writers stamp `schemaVersionOf(type)`; readers
 * upcast to it (eventstore/upcasting-store.ts); /schemas publishes the schemas.
 */
import { COLLABORATOR_EVENT_TYPES } from './collaborator/events';
import { COLLABORATOR_EVENT_SCHEMAS } from './collaborator/event-schemas';
import { ISSUE_EVENT_TYPES } from './issue/events';
import { ISSUE_EVENT_SCHEMAS } from './issue/event-schemas';
import { ISSUE_UPCASTERS } from './issue/upcasters';
import { SURVEY_EVENT_TYPES } from './survey/events';
import { SURVEY_EVENT_SCHEMAS } from './survey/event-schemas';
import { EventDataSchema, eventSchema, JsonSchema } from './json-schema';
import { createUpcaster, latestSchemaVersion, Upcaster, UpcastDependencies, UpcasterDefinition } from './upcasting';

/** Stream categories: the part of a stream id before the first '-' (`issue-42` → `issue`). */
export const EVENT_CATEGORIES = ['issue', 'survey', 'collaborator'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];

export const EVENT_TYPES_BY_CATEGORY: Readonly<Record<EventCategory, readonly string[]>> = {
  issue: ISSUE_EVENT_TYPES,
  survey: SURVEY_EVENT_TYPES,
  collaborator: COLLABORATOR_EVENT_TYPES,
};

export const EVENT_TYPES: readonly string[] = EVENT_CATEGORIES.flatMap((category) => EVENT_TYPES_BY_CATEGORY[category]);

export const UPCASTERS: readonly UpcasterDefinition[] = [...ISSUE_UPCASTERS];

const DATA_SCHEMAS: readonly EventDataSchema[] = [...ISSUE_EVENT_SCHEMAS, ...SURVEY_EVENT_SCHEMAS, ...COLLABORATOR_EVENT_SCHEMAS];

/** The version a writer stamps on a new event of `type` (metadata.schemaVersion): 1 + its upcasters. */
export function schemaVersionOf(type: string): number {
  return latestSchemaVersion(UPCASTERS, type);
}

/** The upcaster of every event type, bound to what it needs to look up. */
export function eventUpcaster(deps: UpcastDependencies): Upcaster {
  return createUpcaster(UPCASTERS, deps);
}

export function categoryOfEventType(type: string): EventCategory | undefined {
  return EVENT_CATEGORIES.find((category) => EVENT_TYPES_BY_CATEGORY[category].includes(type));
}

export interface PublishedSchema {
  type: string;
  version: number;
  category: EventCategory;
  /** True for the version writers produce now and readers receive; earlier versions exist only in storage. */
  current: boolean;
  /** For an earlier version: what its upcaster changes to reach the next version. */
  upcastedBy: string | null;
  schema: JsonSchema;
}

export const schemaId = (type: string, version: number) => `urn:dlxh:event:${type}:v${version}`;

function publish(entry: EventDataSchema): PublishedSchema {
  const category = categoryOfEventType(entry.type);
  if (category === undefined) throw new Error(`a schema is published for unknown event type ${entry.type}`);
  const upcaster = UPCASTERS.find((u) => u.type === entry.type && u.fromVersion === entry.version);
  return {
    type: entry.type,
    version: entry.version,
    category,
    current: entry.version === schemaVersionOf(entry.type),
    upcastedBy: upcaster?.change ?? null,
    schema: eventSchema({ $id: schemaId(entry.type, entry.version), title: `${entry.type} v${entry.version}`, description: entry.description, data: entry.data, $defs: entry.$defs }),
  };
}

/** Every version of every event type, by type then version. Checked complete when this module loads. */
export const PUBLISHED_SCHEMAS: readonly PublishedSchema[] = DATA_SCHEMAS.map(publish).sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);

export function findSchema(type: string, version: number): PublishedSchema | undefined {
  return PUBLISHED_SCHEMAS.find((s) => s.type === type && s.version === version);
}

for (const type of EVENT_TYPES) {
  for (let version = 1; version <= schemaVersionOf(type); version++) {
    if (findSchema(type, version) === undefined) throw new Error(`event type ${type} has no JSON Schema for v${version}`);
  }
}
for (const s of PUBLISHED_SCHEMAS) {
  if (s.version > schemaVersionOf(s.type)) throw new Error(`${s.type} v${s.version} is published but no upcaster reaches it`);
  if (PUBLISHED_SCHEMAS.filter((other) => other.type === s.type && other.version === s.version).length > 1) throw new Error(`${s.type} v${s.version} is published twice`);
}
