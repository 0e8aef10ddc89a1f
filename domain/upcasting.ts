/**
 * Upcasting: stored events are immutable, so a change to an event type's data is a new schema version plus an
 * upcaster that turns the previous version's data into the next one. Readers only ever see the latest version.
 *
 * - An upcaster is keyed by (event type, fromVersion) and maps that version's data to version fromVersion + 1.
 * - The latest version of a type is 1 + the highest fromVersion registered for it (1 when none is): writers stamp it
 *   into `metadata.schemaVersion`, so stored versions and upcasters cannot drift apart.
 * - Upcasters are pure. What they need from outside (e.g. the locality catalogue) is injected as `UpcastDependencies`.
 *
 * To change an event type's data: put the new shape in the aggregate's events.ts, keep the old one in its
 * upcasters.ts as `…V<n>` with the upcaster from n, and publish both JSON Schemas: domain/event-catalogue.ts lists them.
 */

/** What upcasters may look up. Functions only, so the domain stays free of I/O. */
export interface UpcastDependencies {
  /** The province code of a locality (a province is its own province); undefined when the code is unknown. */
  provinceOf(localityCode: string): string | undefined;
}

export interface UpcasterDefinition {
  type: string;
  /** The version this upcaster reads; it returns version fromVersion + 1. */
  fromVersion: number;
  /** One line for the schema index and the docs: what changed in the next version. */
  change: string;
  upcast(data: unknown, deps: UpcastDependencies): unknown;
}

/** A stored event's data that no upcaster can turn into the current version (a bug or a corrupt record: never silent). */
export class UpcastError extends Error {
  constructor(
    readonly eventType: string,
    readonly fromVersion: number,
    message: string,
  ) {
    super(`cannot upcast ${eventType} v${fromVersion}: ${message}`);
    this.name = 'UpcastError';
  }
}

/** The version a writer stamps on a new event of `type` (metadata.schemaVersion). */
export function latestSchemaVersion(upcasters: readonly UpcasterDefinition[], type: string): number {
  return upcasters.reduce((latest, u) => (u.type === type ? Math.max(latest, u.fromVersion + 1) : latest), 1);
}

export interface Upcaster {
  latestVersion(type: string): number;
  /**
   * The data of the latest version of `type`, from data stored as `version`. Data already at the latest version
   * (or at a newer one, written by a newer release) is returned unchanged.
   * @throws UpcastError when an upcaster rejects the data.
   */
  upcast(type: string, version: number, data: unknown): unknown;
}

/** Checks the chain of every type (one upcaster per version, no gap from 1 up) and binds it to its dependencies. */
export function createUpcaster(upcasters: readonly UpcasterDefinition[], deps: UpcastDependencies): Upcaster {
  const byKey = new Map<string, UpcasterDefinition>();
  for (const u of upcasters) {
    if (!Number.isInteger(u.fromVersion) || u.fromVersion < 1) throw new Error(`upcaster ${u.type}: fromVersion must be an integer ≥ 1`);
    const key = `${u.type}@${u.fromVersion}`;
    if (byKey.has(key)) throw new Error(`two upcasters for ${u.type} v${u.fromVersion}`);
    byKey.set(key, u);
  }
  for (const u of upcasters) {
    for (let v = 1; v < u.fromVersion; v++) {
      if (!byKey.has(`${u.type}@${v}`)) throw new Error(`upcasters of ${u.type} skip v${v}: every version needs one up to the latest`);
    }
  }
  return {
    latestVersion: (type) => latestSchemaVersion(upcasters, type),
    upcast: (type, version, data) => {
      let current = data;
      for (let v = version; ; v++) {
        const step = byKey.get(`${type}@${v}`);
        if (step === undefined) return current;
        current = step.upcast(current, deps);
      }
    },
  };
}
