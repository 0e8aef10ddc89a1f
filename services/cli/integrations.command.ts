import { Command } from 'commander';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { addIntegration, listIntegrations, revokeIntegration } from '../integrations/integration-registry';

/** `dlxh integrations add|list|revoke`: the systems that push reports in through Open311, and their API keys. */
export function registerIntegrations(program: Command, config: () => Config): void {
  const integrations = program.command('integrations').description('integrations (other provincial systems) and their Open311 API keys');

  integrations
    .command('add')
    .description('add an integration and print its API key (shown only this once; only its hash is stored)')
    .requiredOption('--name <name>', 'e.g. "Cổng PAKN Lâm Đồng"')
    .requiredOption('--province <code>', 'its province code, e.g. 68')
    .option('--channel <channel>', 'channel of its reports unless a request says otherwise', 'HOTLINE')
    .action(async (opts: { name: string; province: string; channel: string }) => {
      const db = await openDatabase(config(), { migrate: true, log: (m) => console.error(m) });
      try {
        const { integration, apiKey } = await addIntegration(db.knex, { name: opts.name, provinceCode: opts.province, defaultChannel: opts.channel.toUpperCase() });
        console.log(`integration: ${integration.id}`);
        console.log(`api_key:     ${apiKey}`);
        console.error('Keep the key now: it cannot be shown again. For webhooks, mint its GraphQL token with:');
        console.error(`  dlxh token --role INTEGRATION --province ${integration.provinceCode} --sub ${integration.id} --expires 365d`);
      } finally {
        await db.close();
      }
    });

  integrations
    .command('list')
    .description('list integrations (never their keys)')
    .action(async () => {
      const db = await openDatabase(config(), { migrate: true, log: (m) => console.error(m) });
      try {
        for (const i of await listIntegrations(db.knex)) {
          console.log([i.id, i.provinceCode, `${i.keyPrefix}…`, i.revokedAt ? `revoked ${i.revokedAt.toISOString()}` : 'active', i.name].join('\t'));
        }
      } finally {
        await db.close();
      }
    });

  integrations
    .command('revoke <id>')
    .description("revoke an integration's API key at once")
    .action(async (id: string) => {
      const db = await openDatabase(config(), { migrate: true, log: (m) => console.error(m) });
      try {
        console.log((await revokeIntegration(db.knex, id)) ? `revoked ${id}` : `no active integration ${id}`);
      } finally {
        await db.close();
      }
    });
}
