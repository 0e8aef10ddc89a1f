import type { Knex } from 'knex';
import { ValidationError } from '../../../domain/errors';
import type { AuthUser } from '../../../graphql/auth/auth-user';

/** Reads of the webhook registry and the delivery log, within what the user may see (see `canManage`). */

export interface WebhookRecord {
  webhook_id: string;
  owner_id: string;
  province_code: string;
  url: string;
  event_types: string[];
  categories: string[];
  secret_fingerprint: string;
  active: boolean;
  registered_at: Date;
  deactivated_at: Date | null;
}

export interface DeliveryRecord {
  delivery_id: string;
  webhook_id: string;
  event_id: string;
  position: string;
  stream_id: string;
  event_type: string;
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  next_attempt_at: Date;
  delivered_at: Date | null;
  created_at: Date;
}

const WEBHOOK_COLUMNS = ['webhook_id', 'owner_id', 'province_code', 'url', 'event_types', 'categories', 'secret_fingerprint', 'active', 'registered_at', 'deactivated_at'];

function visible(query: Knex.QueryBuilder, user: AuthUser): Knex.QueryBuilder {
  query.where('province_code', user.provinceCode);
  if (user.role !== 'OFFICER') query.where('owner_id', user.id);
  return query;
}

export async function listWebhooks(knex: Knex, user: AuthUser): Promise<WebhookRecord[]> {
  return visible(knex('webhooks').select(WEBHOOK_COLUMNS), user).orderBy([{ column: 'registered_at', order: 'desc' }, { column: 'webhook_id', order: 'desc' }]);
}

export async function findWebhook(knex: Knex, user: AuthUser, webhookId: string): Promise<WebhookRecord | null> {
  return (await visible(knex('webhooks').select(WEBHOOK_COLUMNS), user).where('webhook_id', webhookId).first()) ?? null;
}

/** Deliveries not yet made, by webhook id. */
export async function pendingCounts(knex: Knex, webhookIds: readonly string[]): Promise<Map<string, number>> {
  const rows: { webhook_id: string; n: string }[] = await knex('webhook_deliveries')
    .select('webhook_id')
    .count({ n: '*' })
    .whereIn('webhook_id', webhookIds)
    .whereNull('delivered_at')
    .groupBy('webhook_id');
  return new Map(rows.map((r) => [r.webhook_id, Number(r.n)]));
}

const CURSOR = /^d(\d{1,19})$/;

/** The delivery log of one webhook, newest first (outbox order); `after` is the `cursor` of the last delivery seen. */
export async function listDeliveries(knex: Knex, webhookId: string, first: number, after?: string | null): Promise<{ rows: (DeliveryRecord & { cursor: string })[]; hasNextPage: boolean }> {
  const query = knex('webhook_deliveries')
    .select('delivery_id', 'webhook_id', 'event_id', 'position', 'stream_id', 'event_type', 'attempts', 'last_status', 'last_error', 'next_attempt_at', 'delivered_at', 'created_at')
    .where('webhook_id', webhookId)
    .orderBy('delivery_id', 'desc')
    .limit(first + 1);
  if (after !== null && after !== undefined) {
    const decoded = /^[A-Za-z0-9_-]{1,64}$/.test(after) ? CURSOR.exec(Buffer.from(after, 'base64url').toString('utf8')) : null;
    if (!decoded) throw ValidationError.field(['after'], 'is not a cursor of this list');
    query.where('delivery_id', '<', decoded[1]);
  }
  const rows: DeliveryRecord[] = await query;
  return {
    rows: rows.slice(0, first).map((row) => ({ ...row, cursor: Buffer.from(`d${row.delivery_id}`).toString('base64url') })),
    hasNextPage: rows.length > first,
  };
}
