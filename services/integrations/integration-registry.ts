import { createHash, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { ValidationError } from '../../domain/errors';
import { PROVINCE_CODE_PATTERN } from '../../domain/localities/admin-unit';
import { foldVietnamese } from '../../domain/text/fold-vietnamese';
import { CHANNELS, type Channel } from '../../domain/vocabulary';
import type { AuthUser } from '../../graphql/auth/auth-user';

/**
 * Integrations: other provincial systems (the PAKN portal, 1022 hotlines…) that push reports in through Open311.
 * Each has its own API key, shown once when it is added and stored only as a SHA-256 hash. The integration id is the
 * reporter of what it submits, and the subject of its GraphQL tokens (`dlxh token --role INTEGRATION --sub <id>`).
 */
export interface Integration {
  id: string;
  name: string;
  provinceCode: string;
  defaultChannel: Channel;
}

const KEY_PREFIX = 'dlxh_';

export const hashApiKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** The integration acting as a user of the system: role INTEGRATION, the whole of its province. */
export function integrationUser(integration: Integration): AuthUser {
  return { id: integration.id, role: 'INTEGRATION', provinceCode: integration.provinceCode, communeCodes: null, agencyId: null };
}

export async function addIntegration(knex: Knex, input: { name: string; provinceCode: string; defaultChannel?: string }): Promise<{ integration: Integration; apiKey: string }> {
  const name = input.name.trim();
  if (name === '' || name.length > 200) throw ValidationError.field('name', 'must be 1 to 200 characters');
  if (!PROVINCE_CODE_PATTERN.test(input.provinceCode)) throw ValidationError.field('province', 'must be a province code (2 digits)');
  const defaultChannel = input.defaultChannel ?? 'HOTLINE';
  if (!(CHANNELS as readonly string[]).includes(defaultChannel)) throw ValidationError.field('channel', `must be one of ${CHANNELS.join(', ')}`);
  const slug = foldVietnamese(name).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  const id = `int-${slug ? `${slug}-` : ''}${randomBytes(4).toString('hex')}`;
  const apiKey = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  await knex('integrations').insert({
    integration_id: id,
    name,
    province_code: input.provinceCode,
    api_key_hash: hashApiKey(apiKey),
    key_prefix: apiKey.slice(0, KEY_PREFIX.length + 6),
    default_channel: defaultChannel,
  });
  return { integration: { id, name, provinceCode: input.provinceCode, defaultChannel: defaultChannel as Channel }, apiKey };
}

/** The active integration holding `apiKey`, or null. */
export async function findByApiKey(knex: Knex, apiKey: string): Promise<Integration | null> {
  if (!apiKey.startsWith(KEY_PREFIX) || apiKey.length > 100) return null;
  const row = await knex('integrations').where({ api_key_hash: hashApiKey(apiKey) }).whereNull('revoked_at').first();
  return row ? { id: row.integration_id, name: row.name, provinceCode: row.province_code, defaultChannel: row.default_channel } : null;
}

export async function listIntegrations(knex: Knex): Promise<{ id: string; name: string; provinceCode: string; keyPrefix: string; createdAt: Date; revokedAt: Date | null }[]> {
  const rows = await knex('integrations').orderBy('created_at');
  return rows.map((r) => ({ id: r.integration_id, name: r.name, provinceCode: r.province_code, keyPrefix: r.key_prefix, createdAt: r.created_at, revokedAt: r.revoked_at }));
}

/** Revokes an integration's key at once: its Open311 requests are refused from now on. */
export async function revokeIntegration(knex: Knex, id: string): Promise<boolean> {
  return (await knex('integrations').where({ integration_id: id }).whereNull('revoked_at').update({ revoked_at: knex.fn.now() })) > 0;
}
