import type { Knex } from 'knex';
import { ValidationError } from '../domain/errors';
import type { RecordedEvent } from '../eventstore/port';
import { type AuthUser, inScope } from './auth/auth-user';
import { streamCategory, streamEntityId } from './event-redaction';

/**
 * Where an event belongs, and which events a reader asked for: shared by the `events` feed query, the `eventAppended`
 * subscription and its resume, so all three deliver exactly the same events to the same person.
 */
export interface EventLocality {
  provinceCode: string;
  communeCode: string | null;
}

/** An event with its category and its stream's locality (null: it can never be placed, so nobody receives it). */
export interface FeedEvent {
  event: RecordedEvent;
  category: string;
  locality: EventLocality | null;
}

export const localityOf = (provinceCode: string, localityCode: string): EventLocality => ({
  provinceCode,
  communeCode: localityCode.length === 5 ? localityCode : null,
});

/** The locality an event itself states for its stream: a new issue's or a reclassification's, a profile's, a survey's. */
export function statedLocality(event: RecordedEvent): EventLocality | undefined {
  const data = event.data as {
    classification?: { provinceCode?: unknown; localityCode?: unknown };
    profile?: { provinceCode?: unknown; localityCode?: unknown };
  };
  const stated = data?.classification ?? data?.profile;
  if (typeof stated?.provinceCode !== 'string' || typeof stated.localityCode !== 'string') return undefined;
  return localityOf(stated.provinceCode, stated.localityCode);
}

/** Where to look up a stream's locality in the read models, per stream category. */
const READ_MODEL_LOCALITIES: Record<string, (knex: Knex, ids: string[]) => Promise<[string, EventLocality][]>> = {
  issue: async (knex, ids) =>
    (await knex('issues').select('issue_id', 'province_code', 'commune_code').whereIn('issue_id', ids)).map((r) => [
      r.issue_id,
      { provinceCode: r.province_code, communeCode: r.commune_code },
    ]),
  collaborator: async (knex, ids) =>
    (await knex('collaborators').select('collaborator_id', 'province_code', 'locality_code').whereIn('collaborator_id', ids)).map((r) => [
      r.collaborator_id,
      localityOf(r.province_code, r.locality_code),
    ]),
};

/** Whether the read models can place streams of this category. */
export const hasReadModelLocality = (streamId: string): boolean => Object.hasOwn(READ_MODEL_LOCALITIES, streamCategory(streamId));

/** Looks the streams up in the read models and records each one found in `into` (stream id → locality). */
export async function lookUpLocalities(knex: Knex, streamIds: readonly string[], into: (streamId: string, locality: EventLocality) => void): Promise<void> {
  const byCategory = new Map<string, string[]>();
  for (const streamId of streamIds) {
    const category = streamCategory(streamId);
    if (Object.hasOwn(READ_MODEL_LOCALITIES, category)) byCategory.set(category, [...(byCategory.get(category) ?? []), streamEntityId(streamId)]);
  }
  for (const [category, ids] of byCategory) {
    for (const [id, locality] of await READ_MODEL_LOCALITIES[category](knex, ids)) into(`${category}-${id}`, locality);
  }
}

const MAX_FILTER_ITEMS = 100;

/** A filter list as the set of allowed values; null when absent. Empty, too long or unknown values are BAD_USER_INPUT. */
export function allowedValues(values: readonly string[] | null | undefined, path: string[], known?: readonly string[]): Set<string> | null {
  if (values == null) return null;
  if (values.length === 0 || values.length > MAX_FILTER_ITEMS) throw ValidationError.field(path, `must list 1 to ${MAX_FILTER_ITEMS} values`);
  values.forEach((value, i) => {
    if (known && !known.includes(value)) throw ValidationError.field([...path, i], `is not one of ${known.join(', ')}`);
  });
  return new Set(values);
}

/** What one reader of the log asked for: their scope, and optionally some event types and stream categories. */
export interface FeedCriteria {
  user: AuthUser;
  types: Set<string> | null;
  categories: Set<string> | null;
}

export const matchesFeed = ({ user, types, categories }: FeedCriteria, item: FeedEvent): boolean =>
  item.locality !== null &&
  inScope(user, item.locality.provinceCode, item.locality.communeCode) &&
  (types === null || types.has(item.event.type)) &&
  (categories === null || categories.has(item.category));
