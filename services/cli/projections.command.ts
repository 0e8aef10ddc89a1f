import { Command } from 'commander';
import type { Config } from '../config';
import { openRuntime } from '../runtime';
import { projectionStatus } from '../projector';
import { projectionsByName } from '../../projections';
import { rebuild } from '../../projections/rebuild';
import { progressBar } from './progress';

export function registerProjections(program: Command, config: () => Config): void {
  const projections = program.command('projections').description('read models: status and rebuild');

  projections
    .command('status')
    .description("each projection's checkpoint position and lag behind the head of the log")
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const runtime = await openRuntime(config(), { migrate: true, applicationName: 'dlxh-cli' });
      try {
        const rows = await projectionStatus(runtime.db.knex, runtime.store);
        const printable = rows.map((r) => ({ projection: r.name, position: r.position.toString(), head: r.head.toString(), lag: r.lag.toString(), status: r.status, error: r.lastError ?? '' }));
        if (opts.json) console.log(JSON.stringify(printable, null, 2));
        else console.table(printable);
      } finally {
        await runtime.close();
      }
    });

  projections
    .command('rebuild')
    .description('rebuild read models from the whole log into shadow tables, then swap them in atomically')
    .argument('[names...]', 'projections to rebuild (default: all)')
    .option('--batch-size <n>', 'events per transaction', '5000')
    .action(async (names: string[], opts: { batchSize: string }) => {
      const selected = projectionsByName(names);
      const runtime = await openRuntime(config(), { migrate: true, applicationName: 'dlxh-rebuild' });
      const bar = progressBar(`rebuild ${selected.map((p) => p.name).join(', ')}`, 'events');
      try {
        const head = await runtime.store.headPosition();
        bar.start(Number(head));
        const result = await rebuild({
          store: runtime.store,
          knex: runtime.db.knex,
          projections: selected,
          batchSize: Number(opts.batchSize),
          onProgress: (p) => bar.update(p.events, Number(p.head > 0n ? p.head : 1n)),
        });
        bar.stop();
        console.log(`rebuilt ${selected.length} projection(s) from ${result.events} events in ${result.seconds.toFixed(1)} s (${Math.round(result.events / Math.max(result.seconds, 1e-3))} events/s); checkpoint ${result.position}`);
      } finally {
        bar.stop();
        await runtime.close();
      }
    });
}
