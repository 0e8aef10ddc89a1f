import type { CommandContext, Decider } from '../../../domain/decider';
import { IllegalStateError, NotFoundError, ValidationError } from '../../../domain/errors';
import { PROVINCE_CODE_PATTERN } from '../../../domain/localities/admin-unit';
import { contextInstant, optionalText, requireHttpUrl, requireId, requireText } from '../../../domain/validation';
import { INTEGRATION_CATEGORIES, INTEGRATION_EVENT_TYPES } from '../redaction';
import type { RegisterWebhook, WebhookCommand, WebhookEvent, WebhookFilter } from './webhook-events';

/** The webhook aggregate: registered once, deactivated once. */
export interface WebhookState {
  webhookId: string | null;
  ownerId: string | null;
  provinceCode: string | null;
  active: boolean;
  eventCount: number;
}

export const initialWebhookState: WebhookState = { webhookId: null, ownerId: null, provinceCode: null, active: false, eventCount: 0 };

const MAX_FILTER_ITEMS = 50;

function list(value: unknown, path: (string | number)[], allowed: readonly string[]): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw ValidationError.field(path, 'must be a list');
  if (value.length > MAX_FILTER_ITEMS) throw ValidationError.field(path, `must have at most ${MAX_FILTER_ITEMS} items`);
  value.forEach((item, i) => {
    if (typeof item !== 'string' || !allowed.includes(item)) throw ValidationError.field([...path, i], `must be one of ${allowed.join(', ')}`);
  });
  return [...new Set(value as string[])];
}

/** Checks a filter's shape: known types and categories, a province code. */
export function checkFilter(filter: unknown): WebhookFilter {
  if (typeof filter !== 'object' || filter === null) throw ValidationError.field(['filter'], 'must be an object');
  const f = filter as Record<string, unknown>;
  const provinceCode = f.provinceCode;
  if (typeof provinceCode !== 'string' || !PROVINCE_CODE_PATTERN.test(provinceCode)) throw ValidationError.field(['filter', 'provinceCode'], 'must be a province code (2 digits)');
  return {
    types: list(f.types, ['filter', 'types'], INTEGRATION_EVENT_TYPES),
    categories: list(f.categories, ['filter', 'categories'], INTEGRATION_CATEGORIES),
    provinceCode,
  };
}

function register(command: RegisterWebhook, context: CommandContext): WebhookEvent[] {
  return [
    {
      type: 'WebhookRegistered',
      data: {
        webhookId: requireId(command.webhookId, ['webhookId']),
        ownerId: requireId(command.ownerId, ['ownerId']),
        url: requireHttpUrl(command.url, ['url']),
        filter: checkFilter(command.filter),
        secretSealed: requireText(command.secretSealed, ['secret'], 1000),
        secretFingerprint: requireText(command.secretFingerprint, ['secret'], 64),
        registeredAt: contextInstant(context.now),
      },
    },
  ];
}

export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  initialState: initialWebhookState,
  isInitial: (state) => state.eventCount === 0,
  decide(command, state, context) {
    switch (command.type) {
      case 'RegisterWebhook':
        if (state.eventCount > 0) throw new IllegalStateError('WEBHOOK_ALREADY_REGISTERED', `webhook ${command.webhookId} already exists`);
        return register(command, context);
      case 'DeactivateWebhook':
        if (state.eventCount === 0) throw new NotFoundError(`webhook ${command.webhookId} not found`);
        if (!state.active) throw new IllegalStateError('WEBHOOK_DEACTIVATED', `webhook ${command.webhookId} is already deactivated`);
        return [
          {
            type: 'WebhookDeactivated',
            data: { webhookId: state.webhookId!, reason: optionalText(command.reason, ['reason'], 500), deactivatedAt: contextInstant(context.now) },
          },
        ];
      default: {
        const unknown: never = command;
        throw new ValidationError(`unknown command ${(unknown as { type: string }).type}`);
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'WebhookRegistered':
        return { webhookId: event.data.webhookId, ownerId: event.data.ownerId, provinceCode: event.data.filter.provinceCode, active: true, eventCount: state.eventCount + 1 };
      case 'WebhookDeactivated':
        return { ...state, active: false, eventCount: state.eventCount + 1 };
      default:
        return state;
    }
  },
};
