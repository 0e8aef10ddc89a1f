import { eventUpcaster } from '../domain/event-catalogue';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import type { EventStore } from '../eventstore/port';
import { UpcastingEventStore } from '../eventstore/upcasting-store';

/** The store every process reads through: stored events of earlier schema versions come out as the current version. */
export function upcastingStore(store: EventStore, catalogue: LocalityCatalogue): UpcastingEventStore {
  return new UpcastingEventStore(store, eventUpcaster({ provinceOf: (localityCode) => catalogue.provinceOf(localityCode)?.code }));
}
