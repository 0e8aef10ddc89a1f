import { eventStoreContract } from './event-store.contract';
import { KurrentEventStore } from '../../eventstore/kurrent/kurrent-event-store';

/**
 * The same contract on KurrentDB/EventStoreDB. It runs only when EVENTSTORE_URL points at a server
 * (e.g. `docker compose up -d kurrentdb` then EVENTSTORE_URL=kurrentdb://localhost:2113?tls=false npm test).
 */
const url = process.env.EVENTSTORE_URL;

if (url) {
  eventStoreContract('kurrentdb', async () => {
    const store = new KurrentEventStore({ connectionString: url, timeoutMs: Number(process.env.EVENTSTORE_TIMEOUT_MS || 10_000) });
    return { store, detectsEventIdReuseAcrossStreams: false, cleanup: () => store.close() };
  });
} else {
  describe('EventStore contract: kurrentdb', () => {
    it('is skipped: EVENTSTORE_URL is not set, so there is no KurrentDB/EventStoreDB server to run against', () => {
      console.info('[contract:kurrentdb] SKIPPED — set EVENTSTORE_URL (e.g. kurrentdb://localhost:2113?tls=false) to run the KurrentDB contract suite');
      expect(process.env.EVENTSTORE_URL).toBeUndefined();
    });
  });
}
