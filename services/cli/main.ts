import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config';
import { DomainError } from '../../domain/errors';
import { registerMigrate } from './migrate.command';
import { registerStart } from './start.command';
import { registerDemo } from './demo.command';
import { registerProjections } from './projections.command';
import { registerToken } from './token.command';
import { registerIntegrations } from './integrations.command';
import { registerAudit } from './audit.command';
import { registerEvents } from './events.command';
import { registerSurvey } from './survey.command';
import { registerReport } from './report.command';

const program = new Command('dlxh')
  .description('DLXH: event-sourced backend for provincial public-opinion work (dư luận xã hội)')
  .showHelpAfterError()
  .exitOverride();

registerMigrate(program, loadConfig);
registerStart(program, loadConfig);
registerDemo(program, loadConfig);
registerProjections(program, loadConfig);
registerToken(program, loadConfig);
registerIntegrations(program, loadConfig);
registerAudit(program, loadConfig);
registerEvents(program, loadConfig);
registerSurvey(program, loadConfig);
registerReport(program, loadConfig);

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof DomainError) {
    console.error(`dlxh: ${error.message}`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
