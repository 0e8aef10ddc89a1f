import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ValidationError } from '../domain/errors';
import { requirePageSize } from './limits';

/** Relay-style cursor pagination: page sizes, opaque keyset cursors and PageInfo. */

export const DEFAULT_PAGE_SIZE = 20;

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection', description: 'Thứ tự sắp xếp' });

@ObjectType({ description: 'Where a page ends, Relay-style' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge: pass it as `after` for the next page' })
  endCursor!: string | null;
}

/** `first` as asked (1 to GRAPHQL_MAX_PAGE_SIZE, see limits.ts); DEFAULT_PAGE_SIZE when absent. */
export function pageSize(first: number | null | undefined): number {
  return first === null || first === undefined ? DEFAULT_PAGE_SIZE : requirePageSize(first);
}

/**
 * A position in an ordered list: the ordering it belongs to, the row's sort-key values (as text) and its id,
 * so the next page starts strictly after it (keyset pagination: stable under inserts, no OFFSET).
 */
export interface CursorPosition {
  ordering: string;
  keys: string[];
  id: string;
}

const MAX_CURSOR_LENGTH = 1024;

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.ordering, position.keys, position.id]), 'utf8').toString('base64url');
}

/**
 * Reads a cursor made by `encodeCursor` for `ordering`; each key must pass its validator (cursors come from
 * clients and are never trusted). Anything else is BAD_USER_INPUT on `after`.
 */
export function decodeCursor(cursor: string, ordering: string, keyValidators: readonly ((value: string) => boolean)[]): CursorPosition {
  const malformed = () => ValidationError.field(['after'], 'is not a cursor of this list');
  if (cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw malformed();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw malformed();
  const [cursorOrdering, keys, id] = parsed as unknown[];
  if (typeof cursorOrdering !== 'string' || typeof id !== 'string' || id === '' || !Array.isArray(keys)) throw malformed();
  if (cursorOrdering !== ordering) throw ValidationError.field(['after'], 'was made for another orderBy');
  if (keys.length !== keyValidators.length || !keys.every((key, i) => typeof key === 'string' && keyValidators[i](key))) throw malformed();
  return { ordering, keys: keys as string[], id };
}
