import { createHash } from 'node:crypto';

/**
 * A deterministic event id (UUID v5 layout over SHA-1) for the `index`-th event a command with an idempotency key
 * writes to a stream. The same key on the same stream always yields the same ids, so the event store recognises a
 * retry at any later time.
 */
export function eventIdFor(streamId: string, idempotencyKey: string, index: number): string {
  const bytes = createHash('sha1').update(`dlxh:${streamId}:${idempotencyKey}:${index}`).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
