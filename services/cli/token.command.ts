import { Command } from 'commander';
import type { Config } from '../config';
import { mintToken, validateRole } from '../../graphql/auth/tokens';
import { ValidationError } from '../../domain/errors';

export function registerToken(program: Command, config: () => Config): void {
  program
    .command('token')
    .description('mint a development bearer token (signed with JWT_SECRET)')
    .requiredOption('--role <role>', 'COLLABORATOR, OFFICER, AGENCY, LEADER, AUDITOR or INTEGRATION')
    .requiredOption('--province <code>', 'province code of the scope, e.g. 68')
    .option('--communes <codes>', 'comma-separated commune codes: limits the scope to these communes')
    .option('--agency <id>', 'agency id (required for AGENCY)')
    .option('--sub <id>', 'user id (default: <role>-dev)')
    .option('--expires <duration>', 'lifetime, e.g. 12h or 30d', '12h')
    .action(async (opts: { role: string; province: string; communes?: string; agency?: string; sub?: string; expires: string }) => {
      const role = validateRole(opts.role.toUpperCase());
      if (!/^\d{2}$/.test(opts.province)) throw ValidationError.field('province', 'must be a 2-digit province code');
      const communes = opts.communes ? opts.communes.split(',').map((c) => c.trim()) : null;
      if (communes && !communes.every((c) => /^\d{5}$/.test(c))) throw ValidationError.field('communes', 'must be 5-digit commune codes');
      if (role === 'AGENCY' && !opts.agency) throw ValidationError.field('agency', 'is required for role AGENCY');
      const token = await mintToken(
        config().jwt,
        { id: opts.sub ?? `${role.toLowerCase()}-dev`, role, provinceCode: opts.province, communeCodes: communes, agencyId: opts.agency ?? null },
        opts.expires,
      );
      console.log(token);
    });
}
