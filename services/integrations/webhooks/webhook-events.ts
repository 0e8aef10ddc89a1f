/**
 * Events of the webhook stream (`webhook-<id>`). A registration is immutable: to change the URL, filter or secret,
 * register a new webhook and deactivate the old one. The secret travels only sealed (secret-box.ts).
 */
export const webhookStream = (webhookId: string) => `webhook-${webhookId}`;

export interface WebhookFilter {
  /** Event types to deliver; empty: every type the integration may receive. */
  types: string[];
  /** Stream categories ('issue'); empty: every category the integration may receive. */
  categories: string[];
  /** Only events of issues located in this province (the owner's own). */
  provinceCode: string;
}

export type WebhookRegistered = {
  type: 'WebhookRegistered';
  data: {
    webhookId: string;
    /** The integration (token subject) that owns it. */
    ownerId: string;
    url: string;
    filter: WebhookFilter;
    /** AES-256-GCM of the shared secret, under a key derived from the server's secret. */
    secretSealed: string;
    /** A keyed fingerprint of the secret (SecretBox.fingerprint), to tell secrets apart without revealing them. */
    secretFingerprint: string;
    registeredAt: string;
  };
};

export type WebhookDeactivated = {
  type: 'WebhookDeactivated';
  data: { webhookId: string; reason: string | null; deactivatedAt: string };
};

export type WebhookEvent = WebhookRegistered | WebhookDeactivated;
export const WEBHOOK_EVENT_TYPES = ['WebhookRegistered', 'WebhookDeactivated'] as const satisfies readonly WebhookEvent['type'][];

export interface RegisterWebhook {
  type: 'RegisterWebhook';
  webhookId: string;
  ownerId: string;
  url: string;
  filter: WebhookFilter;
  secretSealed: string;
  secretFingerprint: string;
}

export interface DeactivateWebhook {
  type: 'DeactivateWebhook';
  webhookId: string;
  reason?: string | null;
}

export type WebhookCommand = RegisterWebhook | DeactivateWebhook;
