import { Command } from 'commander';
import type { Config } from '../config';
import { openRuntime } from '../runtime';
import type { IntegrityProblem } from '../../eventstore/hash-chain';
import { sealCompleteDays } from '../audit/seal';
import { verifyLog, verifyStream } from '../audit/verify';
import { progressBar } from './progress';

/** Exit code of `dlxh audit verify` when the log is not intact (1 is a crash, 2 bad input). */
export const EXIT_NOT_INTACT = 3;

const printable = (p: IntegrityProblem) => ({
  code: p.code,
  position: p.position.toString(),
  ...(p.streamId !== undefined ? { streamId: p.streamId } : {}),
  ...(p.revision !== undefined ? { revision: p.revision.toString() } : {}),
  ...(p.otherPosition !== undefined ? { otherPosition: p.otherPosition.toString(), otherRevision: p.otherRevision?.toString() } : {}),
  ...(p.day !== undefined ? { day: p.day, lastPosition: p.lastPosition?.toString() } : {}),
  message: p.message,
});

function describe(p: IntegrityProblem): string {
  const where = p.day !== undefined ? `seal ${p.day}, position ${p.position}..${p.lastPosition}` : `position ${p.position}${p.streamId ? ` (${p.streamId} revision ${p.revision})` : ''}`;
  const other = p.otherPosition !== undefined ? ` ↔ position ${p.otherPosition} (revision ${p.otherRevision})` : '';
  return `${p.code} at ${where}${other}: ${p.message}`;
}

export function registerAudit(program: Command, config: () => Config): void {
  const audit = program.command('audit').description('tamper evidence: hash chains per stream and daily seals of the log');

  audit
    .command('seal')
    .description('seal every complete day (Vietnamese time) up to yesterday that is not sealed yet; idempotent')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const runtime = await openRuntime(config(), { migrate: true, applicationName: 'dlxh-audit' });
      try {
        const seals = await sealCompleteDays({ store: runtime.store, knex: runtime.db.knex });
        const rows = seals.map((s) => ({ day: s.day, first: s.firstPosition?.toString() ?? '', last: s.lastPosition.toString(), count: s.count.toString(), hash: s.hash }));
        if (opts.json) console.log(JSON.stringify(rows, null, 2));
        else if (rows.length === 0) console.log('nothing to seal: every complete day is sealed already');
        else {
          console.table(rows);
          console.log(`sealed ${rows.length} day(s) through ${rows[rows.length - 1].day}`);
        }
      } finally {
        await runtime.close();
      }
    });

  audit
    .command('verify')
    .description(`recompute the hash chains (and the day seals, for the whole log); exit code ${EXIT_NOT_INTACT} when anything was tampered with`)
    .option('--stream <id>', 'verify one stream only (e.g. issue-<id>)')
    .option('--no-seals', 'whole log: skip the day seals')
    .option('--json', 'print JSON')
    .action(async (opts: { stream?: string; seals: boolean; json?: boolean }) => {
      const runtime = await openRuntime(config(), { migrate: true, applicationName: 'dlxh-audit' });
      try {
        let problems: IntegrityProblem[];
        let summary: Record<string, string | number | null>;
        if (opts.stream !== undefined) {
          const r = await verifyStream(runtime.store, opts.stream, runtime.db.knex);
          problems = r.problems;
          summary = { stream: r.streamId, events: r.events, lastPosition: r.lastPosition?.toString() ?? null, lastHash: r.lastHash, sealedThrough: r.sealedThrough, sealedEvents: r.sealedEvents };
        } else {
          const bar = progressBar('verify', 'events');
          const head = await runtime.store.headPosition();
          bar.start(Number(head));
          try {
            const r = await verifyLog({ store: runtime.store, knex: opts.seals ? runtime.db.knex : undefined, onProgress: (_n, position) => bar.update(Number(position)) });
            problems = r.problems;
            summary = { events: r.events, streams: r.streams, seals: r.seals, sealedThrough: r.sealedThrough, headPosition: r.headPosition.toString() };
          } finally {
            bar.stop();
          }
        }
        const intact = problems.length === 0;
        if (opts.json) {
          console.log(JSON.stringify({ intact, ...summary, firstProblem: problems[0] ? printable(problems[0]) : null, problems: problems.map(printable) }, null, 2));
        } else {
          console.log(Object.entries(summary).map(([k, v]) => `${k}: ${v ?? '-'}`).join(', '));
          if (intact) console.log('OK: every hash verifies, every link holds' + (opts.stream === undefined && opts.seals ? ', every seal matches' : ''));
          else {
            console.log(`TAMPERED: ${problems.length} problem(s); the first is where the trouble starts`);
            for (const p of problems) console.log(`  ${describe(p)}`);
          }
        }
        if (!intact) process.exitCode = EXIT_NOT_INTACT;
      } finally {
        await runtime.close();
      }
    });
}
