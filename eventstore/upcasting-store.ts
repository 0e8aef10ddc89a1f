import type { Upcaster } from '../domain/upcasting';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent, SubscribeOptions, Subscription } from './port';

/**
 * An EventStore that hands every reader the current version of each event: stored events are never rewritten, they
 * are upcast as they are read (readStream, readAll and subscribeToAll alike), so deciders, projections, history and
 * the feed see one shape per type.
 *
 * An upcast event carries `metadata.schemaVersion` = the version it now has, and `metadata.storedSchemaVersion` = the
 * version it was stored with, so auditors can tell. Appends and everything else pass through unchanged; `raw` is the
 * undecorated store for whoever must see the stored bytes (e.g. integrity checks that hash them).
 */
export class UpcastingEventStore implements EventStore {
  constructor(
    readonly raw: EventStore,
    private readonly upcaster: Upcaster,
  ) {}

  get name(): string {
    return this.raw.name;
  }

  append(streamId: string, events: NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.raw.append(streamId, events, expected);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return (await this.raw.readStream(streamId, options)).map((event) => this.upcast(event));
  }

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return (await this.raw.readAll(options)).map((event) => this.upcast(event));
  }

  headPosition(): Promise<bigint> {
    return this.raw.headPosition();
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    return this.raw.subscribeToAll({ ...options, onEvents: (events, through) => options.onEvents(events.map((event) => this.upcast(event)), through) });
  }

  close(): Promise<void> {
    return this.raw.close();
  }

  /** The event at the latest version of its type; the same object when it already is. */
  upcast(event: RecordedEvent): RecordedEvent {
    const stored = storedVersion(event.metadata.schemaVersion);
    const latest = this.upcaster.latestVersion(event.type);
    if (stored >= latest) return event;
    return {
      ...event,
      data: this.upcaster.upcast(event.type, stored, event.data),
      metadata: { ...event.metadata, schemaVersion: latest, storedSchemaVersion: stored },
    };
  }
}

/** metadata.schemaVersion, or 1 for events stored before versions were stamped. */
function storedVersion(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? value : 1;
}
