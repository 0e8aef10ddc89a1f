import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { Knex } from 'knex';
import { ValidationError } from '../domain/errors';
import type { RecordedEvent } from '../eventstore/port';
import { type AuthUser, inScope } from './auth/auth-user';
import { authorize, localityScope } from './auth/policy';
import { allowedValues, type EventLocality, type FeedCriteria, type FeedEvent, hasReadModelLocality, lookUpLocalities, matchesFeed, statedLocality } from './event-locality';
import type { GraphQLContext } from './context';
import { decodeEventCursor, encodeEventCursor } from './event-cursor';
import { EventAppendedFilter } from './event-appended-filter.input';
import { streamCategory, streamEntityId } from './event-redaction';
import { EVENT_CATEGORIES, EVENT_TYPES, toAppendedEvent } from './event.type';
import { EventConnection } from './feed.type';
import { pageSize } from './pagination';
import type { ReporterViewer } from './reporter-identity';

/**
 * The event log as a query, for integrations that poll (and for catching up before `eventAppended`):
 * - in log order, strictly after the `after` cursor, at most `first` events (default 20, at most the page-size cap);
 * - only events within your scope: an event belongs to its stream's locality, as the event itself states it (a new
 *   issue's or a reclassification's, a collaborator's profile) or else as the read models show it now;
 * - redacted as `eventAppended` is (event-redaction.ts): officers see events as stored, auditors pseudonyms,
 *   integrations no person at all.
 * Never a gap: the read stops before an event whose locality the read models do not know yet (they lag the log by
 * moments) instead of skipping it, and `endCursor` always marks how far the log was read, including events you do not
 * receive, so the next page starts exactly there.
 */

/** Events read from the store per round trip, and at most per request (a narrow filter over a long log). */
const READ_CHUNK = 500;
const MAX_SCANNED = 5_000;
/**
 * Each event with its locality. null: it can never be known (a category without a read model, or a stream the read
 * models do not have although they have passed the event): nobody receives it, as with `eventAppended`. undefined:
 * the read models have not reached it yet, so the page must stop before it.
 */
async function locate(ctx: GraphQLContext, events: readonly RecordedEvent[]): Promise<(EventLocality | null | undefined)[]> {
  const stated = new Map<string, EventLocality>();
  const fromReadModels = new Map<string, EventLocality>();
  const localityAt = events.map((event) => {
    const own = statedLocality(event);
    if (own !== undefined) stated.set(event.streamId, own);
    return stated.get(event.streamId);
  });
  const missing = (): RecordedEvent[] =>
    events.filter((event, i) => localityAt[i] === undefined && !fromReadModels.has(event.streamId) && hasReadModelLocality(event.streamId));
  const record = (streamId: string, locality: EventLocality) => fromReadModels.set(streamId, locality);
  await lookUpLocalities(ctx.services.knex, [...new Set(missing().map((event) => event.streamId))], record);
  let lagging = missing();
  if (lagging.length > 0 && (await ctx.services.waitForProjections(lagging[lagging.length - 1].position))) {
    await lookUpLocalities(ctx.services.knex, [...new Set(lagging.map((event) => event.streamId))], record);
    lagging = [];
  }
  const waiting = new Set(lagging.map((event) => event.eventId));
  return events.map((event, i) => localityAt[i] ?? fromReadModels.get(event.streamId) ?? (waiting.has(event.eventId) ? undefined : null));
}

export interface FeedPage {
  edges: EventConnection['edges'];
  /** The last position read: the next page starts after it. */
  readTo: bigint;
  hasNextPage: boolean;
}

/**
 * One page of the feed after `start`: up to `limit` events the criteria select, read in log order and placed by
 * locality; it stops before an event the read models cannot place yet, and (when given) after position `until`.
 * The `events` query and the resume of `eventAppended` both read the log through this.
 */
export async function readFeedPage(ctx: GraphQLContext, start: bigint, criteria: FeedCriteria, viewer: ReporterViewer, limit: number, until?: bigint): Promise<FeedPage> {
  const edges: EventConnection['edges'] = [];
  let readTo = start;
  let scanned = 0;
  let hasNextPage = false;
  reading: for (;;) {
    const batch = (await ctx.services.store.readAll({ after: readTo, maxCount: READ_CHUNK })).filter((e) => until === undefined || e.position <= until);
    if (batch.length === 0) break;
    const localities = await locate(ctx, batch);
    for (const [i, event] of batch.entries()) {
      const locality = localities[i];
      if (locality === undefined) {
        hasNextPage = true; // not yet placeable: the next page starts with it
        break reading;
      }
      const item: FeedEvent = { event, category: streamCategory(event.streamId), locality };
      if (matchesFeed(criteria, item)) {
        if (edges.length === limit) {
          hasNextPage = true;
          break reading;
        }
        edges.push({ cursor: encodeEventCursor(event.position), node: toAppendedEvent(item, viewer) });
      }
      readTo = event.position;
      scanned++;
    }
    if (scanned >= MAX_SCANNED) {
      hasNextPage = true; // read enough for one request; the next page goes on from here
      break;
    }
  }
  return { edges, readTo, hasNextPage };
}

@Resolver()
export class FeedResolver {
  @Query(() => EventConnection, {
    description:
      'Dòng sự kiện: the event log in order, after the `after` cursor, within your scope. Officers see events as stored; for auditors and integrations the people they name are pseudonymised or removed. Pass pageInfo.endCursor as `after` to go on; it is never null. A malformed cursor is BAD_USER_INPUT.',
  })
  async events(
    @Ctx() ctx: GraphQLContext,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page (or an edge’s cursor); absent: from the start of the log' }) after?: string | null,
    @Arg('filter', () => EventAppendedFilter, { nullable: true }) filter?: EventAppendedFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'At most this many events (default 20, at most 100)' }) first?: number | null,
  ): Promise<EventConnection> {
    const user = authorize(ctx.user, 'events');
    const limit = pageSize(first);
    const start = after == null ? 0n : decodeEventCursor(after);
    localityScope(user, ctx.services.catalogue, { provinceCode: filter?.provinceCode });
    const criteria: FeedCriteria = {
      user,
      types: allowedValues(filter?.types, ['filter', 'types'], EVENT_TYPES),
      categories: allowedValues(filter?.categories, ['filter', 'categories'], EVENT_CATEGORIES),
    };
    const viewer = { user, pseudonymSecret: ctx.services.pseudonymSecret };
    const { edges, readTo, hasNextPage } = await readFeedPage(ctx, start, criteria, viewer, limit);
    return { edges, pageInfo: { hasNextPage, endCursor: encodeEventCursor(readTo) } };
  }
}
