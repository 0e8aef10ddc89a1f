import { ForbiddenError, NotFoundError, ValidationError } from '../../../domain/errors';
import type { AuthUser } from '../../../graphql/auth/auth-user';
import type { CommandEnvelope, CommandResult, CommandService } from '../../commands/command-service';
import { checkFilter, WebhookState, webhookDecider } from './webhook-decider';
import { webhookStream, type WebhookRegistered } from './webhook-events';
import type { SecretBox } from './secret-box';

export const SECRET_MIN_LENGTH = 16;
export const SECRET_MAX_LENGTH = 200;

export interface RegisterWebhookRequest {
  webhookId: string;
  url: string;
  filter?: { types?: string[] | null; categories?: string[] | null; provinceCode?: string | null } | null;
  secret: string;
}

/**
 * Registering and deactivating webhooks (events on `webhook-<id>` streams), with who may do what:
 * - an INTEGRATION with a province-wide scope registers webhooks it owns, for its own province only;
 * - it deactivates its own; an OFFICER deactivates any webhook of the province. Others' webhooks are NOT_FOUND.
 * Every check runs before the command, so a rejected request writes nothing.
 */
export class WebhookService {
  constructor(
    private readonly commands: CommandService,
    private readonly secrets: SecretBox,
  ) {}

  async register(user: AuthUser, request: RegisterWebhookRequest, envelope: CommandEnvelope): Promise<CommandResult<WebhookState> & { registered: WebhookRegistered['data'] }> {
    if (user.communeCodes !== null) throw new ForbiddenError('webhooks need an integration with a province-wide scope');
    const provinceCode = request.filter?.provinceCode ?? user.provinceCode;
    if (provinceCode !== user.provinceCode) throw new ForbiddenError(`province ${provinceCode} is outside your scope`);
    const filter = checkFilter({ types: request.filter?.types ?? [], categories: request.filter?.categories ?? [], provinceCode });
    const secret = request.secret;
    if (typeof secret !== 'string' || secret.length < SECRET_MIN_LENGTH || secret.length > SECRET_MAX_LENGTH) {
      throw ValidationError.field(['secret'], `must be ${SECRET_MIN_LENGTH} to ${SECRET_MAX_LENGTH} characters`);
    }
    const result = await this.commands.execute(
      webhookDecider,
      webhookStream(request.webhookId),
      {
        type: 'RegisterWebhook',
        webhookId: request.webhookId,
        ownerId: user.id,
        url: request.url,
        filter,
        secretSealed: this.secrets.seal(secret, request.webhookId),
        secretFingerprint: this.secrets.fingerprint(secret),
      },
      envelope,
    );
    const registered = result.events.find((e) => e.type === 'WebhookRegistered')!.data as WebhookRegistered['data'];
    return { ...result, registered };
  }

  async deactivate(user: AuthUser, webhookId: string, reason: string | null | undefined, envelope: CommandEnvelope): Promise<CommandResult<WebhookState>> {
    const { state } = await this.commands.load(webhookDecider, webhookStream(webhookId));
    if (state.eventCount === 0 || !canManage(user, state)) throw new NotFoundError(`webhook ${webhookId} not found`);
    return this.commands.execute(webhookDecider, webhookStream(webhookId), { type: 'DeactivateWebhook', webhookId, reason }, envelope);
  }
}

/** An integration manages its own webhooks; an officer those of the province. */
export function canManage(user: AuthUser, webhook: { ownerId: string | null; provinceCode: string | null }): boolean {
  if (webhook.provinceCode !== user.provinceCode) return false;
  return user.role === 'OFFICER' || (user.role === 'INTEGRATION' && webhook.ownerId === user.id);
}
