import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Pool } from 'pg';
import { MemoryEventStore } from './memory-event-store';
import { CommandService } from '../../services/commands/command-service';
import { IssueCommands } from '../../services/commands/issue-commands';
import { CollaboratorCommands } from '../../services/commands/collaborator-commands';
import { loadLocalityCatalogue } from '../../services/localities';
import { loadConfig } from '../../services/config';
import { DEMO_DEFAULTS, generateDemo } from '../../services/demo/generator';

/** Generated logs are kept here, so every benchmark after the first loads the same events without deciding them again. */
const CACHE_DIR = path.resolve(__dirname, '..', '..', 'data', 'bench-cache');

type LoggedEvent = { streamId: string; revision: string; type: string; data: unknown; metadata: unknown; eventId: string; recordedAt: string };

/** The demo log decided against an in-memory store (the same command service and domain as production). */
async function generate(reports: number, seed: number, months: number): Promise<LoggedEvent[]> {
  const memory = new MemoryEventStore();
  const commands = new CommandService(memory);
  const catalogue = loadLocalityCatalogue(loadConfig());
  await generateDemo(
    { catalogue, issues: new IssueCommands(commands, catalogue), collaborators: new CollaboratorCommands(commands, catalogue) },
    { ...DEMO_DEFAULTS, seed, months, reports, concurrency: 16 },
  );
  return memory.log.map((e) => ({ streamId: e.streamId, revision: e.revision.toString(), type: e.type, data: e.data, metadata: e.metadata, eventId: e.eventId, recordedAt: e.recordedAt.toISOString() }));
}

async function* cachedLog(reports: number, seed: number, months: number): AsyncGenerator<LoggedEvent> {
  const file = path.join(CACHE_DIR, `demo-${reports}-${seed}-${months}.ndjson`);
  if (!fs.existsSync(file)) {
    const events = await generate(reports, seed, months);
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    const out = fs.createWriteStream(partial);
    for (const e of events) if (!out.write(`${JSON.stringify(e)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    fs.renameSync(partial, file);
    yield* events;
    return;
  }
  for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
    if (line) yield JSON.parse(line) as LoggedEvent;
  }
}

/**
 * Fills a benchmark database with the deterministic demo province, loaded into the events table in order, 5,000 rows
 * per INSERT. The log is generated once per (reports, seed, months) and cached under data/bench-cache. Returns the
 * number of events.
 */
export async function loadDemoLog(url: string, reports: number, seed: number = DEMO_DEFAULTS.seed, months = 12): Promise<number> {
  const pool = new Pool({ connectionString: url, max: 2 });
  let count = 0;
  let batch: LoggedEvent[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await pool.query(
      `INSERT INTO events (stream_id, revision, type, data, metadata, event_id, recorded_at)
       SELECT x->>'streamId', (x->>'revision')::bigint, x->>'type', x->'data', x->'metadata', (x->>'eventId')::uuid, (x->>'recordedAt')::timestamptz
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS a(x, n) ORDER BY n`,
      [JSON.stringify(batch)],
    );
    count += batch.length;
    batch = [];
  };
  try {
    for await (const event of cachedLog(reports, seed, months)) {
      batch.push(event);
      if (batch.length === 5000) await flush();
    }
    await flush();
  } finally {
    await pool.end();
  }
  return count;
}
