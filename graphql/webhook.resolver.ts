import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { NotFoundError } from '../domain/errors';
import { CommandService } from '../services/commands/command-service';
import { SecretBox } from '../services/integrations/webhooks/secret-box';
import { WebhookService } from '../services/integrations/webhooks/webhook-service';
import { findWebhook, listDeliveries, listWebhooks, pendingCounts, WebhookRecord, type DeliveryRecord } from '../services/integrations/webhooks/webhook-queries';
import { authorize } from './auth/policy';
import type { GraphQLContext } from './context';
import { pageSize } from './pagination';
import { IdempotencyKeyArg, newId, runCommand } from './run-command';
import { DeactivateWebhookInput, DeliveryStatus, RegisterWebhookInput, Webhook, WebhookDelivery, WebhookDeliveryConnection, WebhookPayload } from './webhook.type';

function toWebhook(row: WebhookRecord, pending: number | null): Webhook {
  return {
    id: row.webhook_id,
    ownerId: row.owner_id,
    url: row.url,
    filter: { types: row.event_types, categories: row.categories, provinceCode: row.province_code },
    active: row.active,
    secretFingerprint: row.secret_fingerprint,
    registeredAt: row.registered_at,
    deactivatedAt: row.deactivated_at,
    pendingDeliveries: pending,
  };
}

function toDelivery(row: DeliveryRecord): WebhookDelivery {
  const delivered = row.delivered_at !== null;
  return {
    id: String(row.delivery_id),
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    streamId: row.stream_id,
    position: String(row.position),
    status: delivered ? DeliveryStatus.DELIVERED : row.attempts > 0 ? DeliveryStatus.RETRYING : DeliveryStatus.PENDING,
    attempts: row.attempts,
    lastStatusCode: row.last_status,
    lastError: row.last_error,
    nextAttemptAt: delivered ? null : row.next_attempt_at,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

const service = (ctx: GraphQLContext) => new WebhookService(new CommandService(ctx.services.store), new SecretBox(ctx.services.pseudonymSecret));

/** The webhook as the read model shows it once it has reached `position`, or null if it has not in time. */
async function readBack(ctx: GraphQLContext, webhookId: string, position: bigint): Promise<Webhook | null> {
  if (!(await ctx.services.waitForProjections(position))) return null;
  const row = await findWebhook(ctx.services.knex, ctx.user!, webhookId);
  return row && toWebhook(row, (await pendingCounts(ctx.services.knex, [row.webhook_id])).get(row.webhook_id) ?? 0);
}

@Resolver()
export class WebhookResolver {
  @Query(() => [Webhook], { description: 'Webhooks: an integration sees its own, an officer every webhook of the province. Newest first.' })
  async webhooks(@Ctx() ctx: GraphQLContext): Promise<Webhook[]> {
    const user = authorize(ctx.user, 'webhooks');
    const rows = await listWebhooks(ctx.services.knex, user);
    const pending = rows.length ? await pendingCounts(ctx.services.knex, rows.map((r) => r.webhook_id)) : new Map<string, number>();
    return rows.map((row) => toWebhook(row, pending.get(row.webhook_id) ?? 0));
  }

  @Query(() => WebhookDeliveryConnection, { description: 'The delivery log of a webhook you can see, newest first (first: default 20, at most 100)' })
  async deliveries(
    @Ctx() ctx: GraphQLContext,
    @Arg('webhookId', () => ID) webhookId: string,
    @Arg('first', () => Int, { nullable: true }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page' }) after?: string | null,
  ): Promise<WebhookDeliveryConnection> {
    const user = authorize(ctx.user, 'deliveries');
    const size = pageSize(first);
    if ((await findWebhook(ctx.services.knex, user, webhookId)) === null) throw new NotFoundError(`webhook ${webhookId} not found`);
    const page = await listDeliveries(ctx.services.knex, webhookId, size, after);
    return {
      edges: page.rows.map((row) => ({ cursor: row.cursor, node: toDelivery(row) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.rows.at(-1)?.cursor ?? null },
    };
  }

  @Mutation(() => WebhookPayload, { description: 'Đăng ký webhook: your system receives the events matching the filter, redacted for integrations and signed. Role: INTEGRATION.' })
  async registerWebhook(
    @Arg('input', () => RegisterWebhookInput) input: RegisterWebhookInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<WebhookPayload> {
    const user = authorize(ctx.user, 'registerWebhook');
    const webhookId = newId(user, idempotencyKey, 'webhook');
    const result = await runCommand(ctx, user, idempotencyKey, (envelope) => service(ctx).register(user, { webhookId, url: input.url, filter: input.filter, secret: input.secret }, envelope));
    const d = result.registered;
    const webhook = (await readBack(ctx, webhookId, result.position)) ?? {
      id: d.webhookId,
      ownerId: d.ownerId,
      url: d.url,
      filter: d.filter,
      active: result.state.active,
      secretFingerprint: d.secretFingerprint,
      registeredAt: new Date(d.registeredAt),
      deactivatedAt: null,
      pendingDeliveries: null,
    };
    return { webhook, position: result.position.toString(), replayed: result.replayed };
  }

  @Mutation(() => WebhookPayload, { description: 'Stops a webhook: nothing more is sent to it. Roles: INTEGRATION (its own), OFFICER (any in the province).' })
  async deactivateWebhook(
    @Arg('input', () => DeactivateWebhookInput) input: DeactivateWebhookInput,
    @Ctx() ctx: GraphQLContext,
    @IdempotencyKeyArg() idempotencyKey?: string | null,
  ): Promise<WebhookPayload> {
    const user = authorize(ctx.user, 'deactivateWebhook');
    const result = await runCommand(ctx, user, idempotencyKey, (envelope) => service(ctx).deactivate(user, input.id, input.reason, envelope));
    const current = await ctx.services.waitForProjections(result.position);
    const row = await findWebhook(ctx.services.knex, user, input.id);
    if (row === null) throw new Error(`webhook ${input.id} is missing from the read model`);
    const deactivatedAt = (result.events.find((e) => e.type === 'WebhookDeactivated')?.data as { deactivatedAt: string } | undefined)?.deactivatedAt;
    const shown = current || deactivatedAt === undefined ? row : { ...row, active: false, deactivated_at: new Date(deactivatedAt) };
    const webhook = toWebhook(shown, (await pendingCounts(ctx.services.knex, [row.webhook_id])).get(row.webhook_id) ?? 0);
    return { webhook, position: result.position.toString(), replayed: result.replayed };
  }
}
