import type { RecordedEvent } from '../../eventstore/port';

/** Vietnam's time zone (UTC+7, no daylight saving): days and months of the read models are Vietnamese days. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

/** The Vietnamese calendar day (YYYY-MM-DD) of an instant. */
export function vnDay(iso: string): string {
  return new Date(Date.parse(iso) + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first day (YYYY-MM-01) of the Vietnamese calendar month of an instant. */
export function vnMonth(iso: string): string {
  return `${vnDay(iso).slice(0, 7)}-01`;
}

/** When an event happened: its metadata's occurredAt (the command's time), else when it was recorded. */
export function occurredAt(event: RecordedEvent): string {
  const at = event.metadata.occurredAt;
  return typeof at === 'string' ? at : event.recordedAt.toISOString();
}

/** A timestamp read back from Postgres (Date) or from an event (ISO string), as ISO. */
export function iso(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value.toISOString() : String(value);
}
