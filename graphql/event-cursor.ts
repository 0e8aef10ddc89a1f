import { ValidationError } from '../domain/errors';
import { decodeCursor, encodeCursor } from './pagination';

/**
 * The cursor of a place in the global log: opaque to clients, a global position inside. Every reader of the log hands
 * out and accepts the same cursor (the `events` query's edges and endCursor), so a client can stop anywhere and go
 * on from there. Clients must not build or parse them.
 */

const ORDERING = 'log';
const POSITION = /^(0|[1-9]\d{0,19})$/;

export function encodeEventCursor(position: bigint): string {
  return encodeCursor({ ordering: ORDERING, keys: [], id: position.toString() });
}

/** The position a cursor stands for; anything but a cursor made by `encodeEventCursor` is BAD_USER_INPUT on `path`. */
export function decodeEventCursor(cursor: string, path: (string | number)[] = ['after']): bigint {
  const malformed = () => ValidationError.field(path, 'is not a cursor of the event log');
  let id: string;
  try {
    id = decodeCursor(cursor, ORDERING, []).id;
  } catch {
    throw malformed();
  }
  if (!POSITION.test(id)) throw malformed();
  return BigInt(id);
}
