/**
 * Field checks shared by the deciders. Commands reach the domain from GraphQL, the CLI and integrations,
 * so every field is checked at run time even though the command types describe it.
 * Each check throws a ValidationError naming the field's path, never echoing the value.
 */
import { ValidationError } from './errors';
import { isLocalityCodeFormat, PROVINCE_CODE_PATTERN } from './localities/admin-unit';
import { isOneOf } from './vocabulary';

export type FieldPath = (string | number)[];

/** Ids chosen by callers (UUIDs, prefixed keys): 1..128 characters, starting with a letter or digit. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** ISO-8601 date-time with seconds optional, a fraction optional, and an explicit offset. */
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function fail(path: FieldPath, message: string): never {
  throw ValidationError.field(path, message);
}

export function requireId(value: unknown, path: FieldPath): string {
  if (typeof value !== 'string' || !ID_PATTERN.test(value)) {
    fail(path, 'must be an id of 1 to 128 letters, digits or . _ : - starting with a letter or digit');
  }
  return value;
}

export function optionalId(value: unknown, path: FieldPath): string | null {
  return value === undefined || value === null ? null : requireId(value, path);
}

/** A required text of 1..max characters after trimming; returns it trimmed. */
export function requireText(value: unknown, path: FieldPath, max: number): string {
  if (typeof value !== 'string') fail(path, 'must be a text');
  const text = value.trim();
  if (text === '') fail(path, 'must not be empty');
  if (text.length > max) fail(path, `must be at most ${max} characters`);
  return text;
}

/** An optional text: absent, null or blank gives null; otherwise as `requireText`. */
export function optionalText(value: unknown, path: FieldPath, max: number): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && value.trim() === '') return null;
  return requireText(value, path, max);
}

export function requireOneOf<C extends string>(list: readonly C[], value: unknown, path: FieldPath): C {
  if (!isOneOf(list, value)) fail(path, `must be one of ${list.join(', ')}`);
  return value;
}

export function optionalOneOf<C extends string>(list: readonly C[], value: unknown, path: FieldPath): C | null {
  return value === undefined || value === null ? null : requireOneOf(list, value, path);
}

export function requireBoolean(value: unknown, path: FieldPath): boolean {
  if (typeof value !== 'boolean') fail(path, 'must be true or false');
  return value;
}

export function optionalNonNegativeInteger(value: unknown, path: FieldPath): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(path, 'must be a whole number, zero or more');
  }
  return value;
}

/** A province code (2 digits) or a commune code (5 digits). Whether it exists is checked with the catalogue. */
export function requireLocalityCode(value: unknown, path: FieldPath): string {
  if (!isLocalityCodeFormat(value)) fail(path, 'must be a province code (2 digits) or a commune code (5 digits)');
  return value;
}

/**
 * A locality and the province it belongs to. `path` is the locality code's path; the province code's path is its
 * sibling 'provinceCode'. A province's own locality code must equal its province code. Whether the pair exists
 * in the catalogue (and the commune lies in that province) is checked by the service.
 */
export function requireLocality(
  localityCode: unknown,
  provinceCode: unknown,
  path: FieldPath,
): { localityCode: string; provinceCode: string } {
  const locality = requireLocalityCode(localityCode, path);
  const provincePath = [...path.slice(0, -1), 'provinceCode'];
  if (typeof provinceCode !== 'string' || !PROVINCE_CODE_PATTERN.test(provinceCode)) {
    fail(provincePath, 'must be a province code (2 digits)');
  }
  if (PROVINCE_CODE_PATTERN.test(locality) && provinceCode !== locality) {
    fail(provincePath, 'must equal localityCode when the locality is a province');
  }
  return { localityCode: locality, provinceCode };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds since the epoch of an ISO-8601 instant, or NaN when it is not one (e.g. 30 February). */
export function parseInstant(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  const match = INSTANT_PATTERN.exec(value);
  if (match === null) return NaN;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NaN;
  if (hour > 23 || minute > 59 || second > 59) return NaN;
  return Date.parse(value);
}

/** Normalised to UTC with a 4-digit year, so that stored times compare and sort as text; undefined if out of range. */
function normalisedInstant(ms: number): string | undefined {
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

/** An ISO-8601 instant with an offset; returns it normalised to UTC (`toISOString`), so stored times sort as text. */
export function requireInstant(value: unknown, path: FieldPath): string {
  const iso = normalisedInstant(parseInstant(value));
  if (iso === undefined) fail(path, 'must be an ISO-8601 date-time with a time zone, e.g. 2026-07-01T08:00:00+07:00');
  return iso;
}

/** The command context's clock, normalised like `requireInstant`. A bad clock is a programming error. */
export function contextInstant(now: string): string {
  const iso = normalisedInstant(parseInstant(now));
  if (iso === undefined) throw new Error('CommandContext.now is not an ISO-8601 instant');
  return iso;
}

/** An http(s) URL of at most 2,000 characters. */
export function requireHttpUrl(value: unknown, path: FieldPath): string {
  const text = requireText(value, path, 2000);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    fail(path, 'must be an http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail(path, 'must be an http or https URL');
  return text;
}

/** Rejects values that are not plain objects (commands and nested inputs). */
export function requireObject(value: unknown, path: FieldPath): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object');
  return value as Record<string, unknown>;
}
