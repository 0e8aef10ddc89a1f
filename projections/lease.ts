import { Client } from 'pg';

/**
 * At most one active runner per projection across processes: the runner holds a Postgres session-level advisory lock
 * per projection on a connection of its own. When the process dies (even by SIGKILL) its connection closes and
 * Postgres releases the locks; a standby that retries every `retryMs` takes over.
 * The checkpoint row lock in every batch transaction keeps the read models exact even if two runners ever overlap.
 */
export class ProjectionLease {
  private client?: Client;
  private connecting?: Promise<Client>;
  private readonly held = new Set<string>();
  private lost: ((error: Error) => void)[] = [];

  constructor(
    private readonly connectionString: string,
    readonly retryMs = 1000,
  ) {}

  private connect(): Promise<Client> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      const client = new Client({ connectionString: this.connectionString, application_name: 'dlxh-projection-lease' });
      client.on('error', (error) => this.drop(error));
      client.on('end', () => this.drop(new Error('the projection lease connection closed')));
      await client.connect();
      this.client = client;
      return client;
    })().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private drop(error: Error): void {
    if (!this.client) return;
    this.client = undefined;
    this.held.clear();
    for (const notify of this.lost) notify(error);
  }

  /** Called when the lease connection is lost: every lock it held is gone. */
  onLost(listener: (error: Error) => void): void {
    this.lost.push(listener);
  }

  /** Takes the projection's lock if no other session holds it. */
  async tryAcquire(projection: string): Promise<boolean> {
    if (this.held.has(projection)) return true;
    const client = await this.connect();
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok`, [`dlxh-projection:${projection}`]);
    if (rows[0].ok) this.held.add(projection);
    return rows[0].ok;
  }

  isHeld(projection: string): boolean {
    return this.held.has(projection);
  }

  /** Releases every lock (closing the connection releases them too). */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.held.clear();
    if (client) await client.end().catch(() => {});
  }
}
