import { Command } from 'commander';
import type { Config } from '../config';
import { openRuntime } from '../runtime';
import { checkDemoOptions, DEMO_DEFAULTS, DemoOptions, DemoSummary, generateDemo } from '../demo/generator';
import { progressBar } from './progress';

interface DemoFlags {
  province: string;
  months: string;
  until: string;
  reports: string;
  seed: string;
  collaborators?: string;
  concurrency: string;
  surges: string;
}

function printSummary(summary: DemoSummary): void {
  console.log(`\nDemo province ${summary.from.slice(0, 10)} … ${summary.until.slice(0, 10)} in ${summary.seconds.toFixed(1)} s`);
  console.table({
    collaborators: summary.collaborators,
    reports: summary.reports,
    issues: summary.issues,
    commands: summary.commands,
    'commands already applied (replayed)': summary.replayedCommands,
    'open issues at the end': summary.openIssues,
    'open referrals at the end': summary.openReferrals,
    'overdue referrals at the end': summary.overdueReferrals,
    'commands per second': Math.round(summary.commands / Math.max(summary.seconds, 1e-3)),
  });
  const events = Object.entries(summary.eventsByType).sort(([, a], [, b]) => b - a);
  if (summary.surges.length > 0) {
    console.log(`\nPlanted surges (${summary.surges.length}):`);
    console.table(summary.surges.map((s) => ({ commune: s.communeCode, sector: s.sector, from: s.from, to: s.to, reports: s.reports, negative: s.negative })));
  }
  if (events.length === 0) console.log('No new events: this demo was already generated.');
  else console.table(Object.fromEntries(events.map(([type, count]) => [type, { appended: count }])));
}

export function registerDemo(program: Command, config: () => Config): void {
  program
    .command('demo')
    .description('generate a realistic province (collaborators, reports and issue lifecycles) through the command service; deterministic per seed')
    .option('--province <code>', 'province code', DEMO_DEFAULTS.provinceCode)
    .option('--months <n>', 'months of simulated history', String(DEMO_DEFAULTS.months))
    .option('--until <date>', 'last simulated day, YYYY-MM-DD', DEMO_DEFAULTS.until)
    .option('--reports <n>', 'number of reports', String(DEMO_DEFAULTS.reports))
    .option('--seed <n>', 'seed: the same seed and options give the same data, and a rerun writes nothing', String(DEMO_DEFAULTS.seed))
    .option('--collaborators <n>', 'number of collaborators (default: 2 per commune + 30 at province level)')
    .option('--concurrency <n>', 'issues processed at the same time (does not change the data)', String(DEMO_DEFAULTS.concurrency))
    .option('--surges <n>', 'plant this many surges (a commune × sector × week with a burst of mostly negative reports) for early-warning tests; the rest of the data is unchanged', '0')
    .action(async (flags: DemoFlags) => {
      const options: DemoOptions = {
        provinceCode: flags.province,
        seed: Number(flags.seed),
        months: Number(flags.months),
        until: flags.until,
        reports: Number(flags.reports),
        collaborators: flags.collaborators === undefined ? undefined : Number(flags.collaborators),
        concurrency: Number(flags.concurrency),
        surges: Number(flags.surges),
      };
      checkDemoOptions(options);
      const runtime = await openRuntime(config(), { migrate: true, applicationName: 'dlxh-demo' });
      const bar = progressBar('demo', 'commands');
      try {
        let started = false;
        const summary = await generateDemo(runtime, options, ({ done, planned }) => {
          if (!started) bar.start(planned);
          started = true;
          bar.update(done);
        });
        bar.stop();
        printSummary(summary);
      } finally {
        bar.stop();
        await runtime.close();
      }
    });
}
