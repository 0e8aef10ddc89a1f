import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signatures: `X-DLXH-Signature: sha256=<hex>`, the HMAC-SHA256 with the webhook's secret of
 * `<X-DLXH-Timestamp>.<raw body>`, where the timestamp is Unix seconds. A receiver recomputes it over the raw bytes
 * it received, compares in constant time, and rejects timestamps too far from its clock (replays).
 */
export const SIGNATURE_HEADER = 'x-dlxh-signature';
export const TIMESTAMP_HEADER = 'x-dlxh-timestamp';
export const EVENT_ID_HEADER = 'x-dlxh-event-id';

export function signature(secret: string, timestamp: string, body: string | Buffer): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex')}`;
}

/** True when `header` signs `body` at `timestamp` with `secret`, and the timestamp is within `toleranceSeconds` of now. */
export function verifySignature(secret: string, header: string | undefined, timestamp: string | undefined, body: string | Buffer, toleranceSeconds = 300, now = Date.now()): boolean {
  if (!header || !timestamp || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signature(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
