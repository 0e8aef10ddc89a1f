import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { ValidationError } from '../domain/errors';
import { inScope } from './auth/auth-user';
import { allowedValues, type FeedCriteria, matchesFeed } from './event-locality';
import { decodeEventCursor } from './event-cursor';
import { readFeedPage } from './feed.resolver';
import type { ReporterViewer } from './reporter-identity';
import { authorize, localityScope } from './auth/policy';
import type { GraphQLContext } from './context';
import { AppendedEvent, EVENT_CATEGORIES, EVENT_TYPES, toAppendedEvent } from './event.type';
import { EventAppendedFilter } from './event-appended-filter.input';
import { IssueChangedFilter } from './issue-changed-filter.input';
import { Issue } from './issue.type';
import { visibleIssue } from './issue.resolver';
import { createLoaders } from './loaders';

/**
 * Live subscriptions (graphql-ws at /graphql), fed by the process's Changefeed: the log and the read models, so they
 * see every write whichever process made it. Authorization and scope are checked when subscribing (UNAUTHENTICATED,
 * FORBIDDEN, BAD_USER_INPUT) and on every item: nothing outside the subscriber's scope is ever sent.
 */

/** Events per page while a resumed subscription catches up, and the pause when the read models are behind. */
const CATCH_UP_PAGE = 100;
const CATCH_UP_RETRY_MS = 100;

type SubscribeData<F> = SubscribeResolverData<unknown, { filter?: F | null }, GraphQLContext>;

function eventAppendedFeed({ args, context: ctx }: SubscribeData<EventAppendedFilter> & { args: { after?: string | null } }): AsyncIterable<AppendedEvent> {
  const user = authorize(ctx.user, 'eventAppended');
  const filter = args.filter ?? {};
  localityScope(user, ctx.services.catalogue, { provinceCode: filter.provinceCode });
  const criteria: FeedCriteria = {
    user,
    types: allowedValues(filter.types, ['filter', 'types'], EVENT_TYPES),
    categories: allowedValues(filter.categories, ['filter', 'categories'], EVENT_CATEGORIES),
  };
  const viewer = { user, pseudonymSecret: ctx.services.pseudonymSecret };
  const after = args.after == null ? undefined : decodeEventCursor(args.after);
  // Registered before catching up, so nothing appended meanwhile is missed; items at or before `after` are dropped.
  const liveFrom = ctx.changefeed.head;
  const live = ctx.changefeed.events(
    (item) => matchesFeed(criteria, item) && (after === undefined || item.event.position > after),
    (item) => toAppendedEvent(item, viewer),
  );
  if (after === undefined || after >= liveFrom) return live;
  return resumed(ctx, after, liveFrom, criteria, viewer, live);
}

/**
 * A resumed subscription: the events after the client's cursor up to where the live tail began, read from the log
 * (exactly as the `events` query reads them), then the live ones. No gap and no duplicate across a reconnect.
 */
async function* resumed(
  ctx: GraphQLContext,
  after: bigint,
  liveFrom: bigint,
  criteria: FeedCriteria,
  viewer: ReporterViewer,
  live: AsyncIterableIterator<AppendedEvent>,
): AsyncGenerator<AppendedEvent> {
  try {
    for (let at = after; at < liveFrom; ) {
      const page = await readFeedPage(ctx, at, criteria, viewer, CATCH_UP_PAGE, liveFrom);
      for (const edge of page.edges) yield edge.node;
      if (page.readTo === at) await new Promise((r) => setTimeout(r, CATCH_UP_RETRY_MS)); // the read models are catching up
      at = page.readTo;
    }
    yield* live;
  } finally {
    await live.return?.();
  }
}

function issueChangedFeed({ args, context: ctx }: SubscribeData<IssueChangedFilter>): AsyncIterable<Issue> {
  const user = authorize(ctx.user, 'issueChanged');
  const filter = args.filter ?? {};
  const scope = localityScope(user, ctx.services.catalogue, { provinceCode: filter.provinceCode, communeCodes: filter.communeCodes });
  const issueIds = allowedValues(filter.issueIds, ['filter', 'issueIds']);
  const statuses = allowedValues(filter.statuses, ['filter', 'statuses']);
  return ctx.changefeed.issueChanges(
    ({ row }) =>
      row.province_code === scope.provinceCode &&
      (scope.communeCodes === null || (row.commune_code !== null && scope.communeCodes.includes(row.commune_code))) &&
      (issueIds === null || issueIds.has(row.issue_id)) &&
      (statuses === null || statuses.has(row.status)),
    async ({ row }) => {
      // Each change is read like a new request: fresh loaders (nothing stale, nothing kept), primed with the row.
      ctx.loaders = createLoaders(ctx.services.knex);
      ctx.loaders.issue.prime(row.issue_id, row);
      return (await visibleIssue(ctx, user, row.issue_id)) ?? undefined;
    },
  );
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => AppendedEvent, {
    description:
      'Every event appended to the log from now on (or after `after`), in log order, within your scope. Officers see the events as stored; for auditors and integrations the people they name are pseudonymised or removed.',
    subscribe: eventAppendedFeed,
  })
  eventAppended(
    @Root() event: AppendedEvent,
    // Declared for the schema; the filter and cursor are applied when subscribing (eventAppendedFeed).
    @Arg('filter', () => EventAppendedFilter, { nullable: true }) _filter?: EventAppendedFilter | null,
    @Arg('after', () => String, {
      nullable: true,
      description: 'Resume after this cursor (an event’s `cursor`, or the `events` query’s endCursor): the events since then come first, then live ones, with no gap and no duplicate',
    })
    _after?: string | null,
  ): AppendedEvent {
    return event;
  }

  @Subscription(() => Issue, {
    description:
      'An issue in your scope each time it changes, as the read model shows it once it has caught up (changes arriving together are sent once, in their latest state). The usual rules apply: agencies see only issues referred to them, reporters are shown as your role allows.',
    subscribe: issueChangedFeed,
  })
  issueChanged(
    @Root() issue: Issue,
    // Declared for the schema; the filter is applied when subscribing (issueChangedFeed).
    @Arg('filter', () => IssueChangedFilter, { nullable: true }) _filter?: IssueChangedFilter | null,
  ): Issue {
    return issue;
  }
}
