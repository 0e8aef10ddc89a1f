import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { PageInfo } from './pagination';

@InputType({ description: 'Which events a webhook receives; every condition given must hold' })
export class WebhookFilterInput {
  @Field(() => [String], { nullable: true, description: 'Event types, e.g. ["ReportSubmitted", "IssueClosed"]; empty or absent: every issue event' })
  types?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Stream categories; integrations can receive "issue"; empty or absent: all of them' })
  categories?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Mã tỉnh; defaults to (and must be) your own province' })
  provinceCode?: string | null;
}

@InputType({ description: 'A webhook endpoint of your system' })
export class RegisterWebhookInput {
  @Field(() => String, { description: 'http or https URL that receives a POST per event' })
  url!: string;

  @Field(() => WebhookFilterInput, { nullable: true })
  filter?: WebhookFilterInput | null;

  @Field(() => String, { description: 'Shared secret of 16 to 200 characters: the key of the X-DLXH-Signature HMAC. Never shown again.' })
  secret!: string;
}

@InputType()
export class DeactivateWebhookInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  reason?: string | null;
}

@ObjectType({ description: 'The filter a webhook was registered with' })
export class WebhookFilter {
  @Field(() => [String], { description: 'Empty: every type' })
  types!: string[];

  @Field(() => [String], { description: 'Empty: every category' })
  categories!: string[];

  @Field(() => String)
  provinceCode!: string;
}

@ObjectType({ description: 'A webhook: events matching its filter, appended after its registration, are POSTed to its URL, signed' })
export class Webhook {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'The integration that registered it' })
  ownerId!: string;

  @Field(() => String)
  url!: string;

  @Field(() => WebhookFilter)
  filter!: WebhookFilter;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => String, { description: 'A keyed fingerprint of the secret, to tell secrets apart (the secret itself is never shown)' })
  secretFingerprint!: string;

  @Field(() => DateTimeResolver)
  registeredAt!: Date;

  @Field(() => DateTimeResolver, { nullable: true })
  deactivatedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Deliveries not made yet (pending or retrying); null before the read model has the webhook' })
  pendingDeliveries!: number | null;
}

@ObjectType()
export class WebhookPayload {
  @Field(() => Webhook)
  webhook!: Webhook;

  @Field(() => String, { description: 'Global log position of the event written (a bigint, as text)' })
  position!: string;

  @Field(() => Boolean, { description: 'True when the idempotency key was seen before: nothing new was written' })
  replayed!: boolean;
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  RETRYING = 'RETRYING',
  DELIVERED = 'DELIVERED',
}
registerEnumType(DeliveryStatus, {
  name: 'DeliveryStatus',
  description: 'Trạng thái gửi webhook',
  valuesConfig: {
    PENDING: { description: 'Chưa gửi: not attempted yet (or waiting for an earlier event of its stream)' },
    RETRYING: { description: 'Đang thử lại: attempted and failed, retried at nextAttemptAt' },
    DELIVERED: { description: 'Đã gửi: the endpoint answered 2xx' },
  },
});

@ObjectType({ description: 'One event for one webhook: its attempts so far' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  webhookId!: string;

  @Field(() => ID, { description: 'The event id, also sent as X-DLXH-Event-Id: a repeated delivery carries the same one' })
  eventId!: string;

  @Field(() => String)
  eventType!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => String, { description: 'Global log position of the event (a bigint, as text)' })
  position!: string;

  @Field(() => DeliveryStatus)
  status!: DeliveryStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Int, { nullable: true, description: 'HTTP status of the last attempt; null when it got no answer' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the last attempt failed (e.g. "HTTP 500", "ECONNREFUSED", "timeout after 10000 ms")' })
  lastError!: string | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When it is tried next; null once delivered' })
  nextAttemptAt!: Date | null;

  @Field(() => DateTimeResolver, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => DateTimeResolver)
  createdAt!: Date;
}

@ObjectType()
export class WebhookDeliveryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => WebhookDelivery)
  node!: WebhookDelivery;
}

@ObjectType({ description: 'A page of the delivery log, newest first' })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge], { complexity: ({ childComplexity }) => childComplexity })
  edges!: WebhookDeliveryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
