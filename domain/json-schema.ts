/**
 * A few builders for the JSON Schemas (draft 2020-12) that publish the event contract. Only the keywords used here
 * appear in the published schemas: type, properties, required, additionalProperties, enum, pattern, format,
 * minLength, maxLength, minimum, items, minItems, uniqueItems, anyOf, $defs/$ref, const, title, description.
 * Enumerations come from the vocabulary, so a schema can never list other values than the domain accepts.
 */

export type JsonSchema = { readonly [keyword: string]: unknown };

export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

export const string = (options: { description?: string; minLength?: number; maxLength?: number; pattern?: string } = {}): JsonSchema => ({
  type: 'string',
  ...options,
});

/** An id as the domain accepts it (letters, digits, . _ : -; at most 128 characters). */
export const id = (description?: string): JsonSchema => ({
  type: 'string',
  pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$',
  ...(description === undefined ? {} : { description }),
});

/** An ISO-8601 instant with a time zone, as the domain normalises it. */
export const instant = (description?: string): JsonSchema => ({ type: 'string', format: 'date-time', ...(description === undefined ? {} : { description }) });

export const boolean = (description?: string): JsonSchema => ({ type: 'boolean', ...(description === undefined ? {} : { description }) });

export const integer = (options: { minimum?: number; description?: string } = {}): JsonSchema => ({ type: 'integer', ...options });

export const oneOf = (values: readonly string[], description?: string): JsonSchema => ({
  type: 'string',
  enum: [...values],
  ...(description === undefined ? {} : { description }),
});

export const arrayOf = (items: JsonSchema, options: { minItems?: number; uniqueItems?: boolean; description?: string } = {}): JsonSchema => ({
  type: 'array',
  items,
  ...options,
});

/** The value or null (absent optional values are null in events, never missing). */
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] });

export const ref = (name: string): JsonSchema => ({ $ref: `#/$defs/${name}` });

/** An object with exactly these properties, all required (events never omit a field: absent values are null). */
export const object = (properties: Record<string, JsonSchema>, description?: string): JsonSchema => ({
  type: 'object',
  ...(description === undefined ? {} : { description }),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

/** The schema of one version of one event type's `data`, before it is published with `eventSchema`. */
export interface EventDataSchema<T extends string = string> {
  type: T;
  version: number;
  description: string;
  data: JsonSchema;
  /** Definitions `data` refers to with `ref(name)`. */
  $defs?: Record<string, JsonSchema>;
}

/** A published schema: the dialect, a stable $id, a title, the data's shape, and the definitions it refers to. */
export function eventSchema(options: {
  $id: string;
  title: string;
  description: string;
  data: JsonSchema;
  $defs?: Record<string, JsonSchema>;
}): JsonSchema {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: options.$id,
    title: options.title,
    description: options.description,
    ...options.data,
    ...(options.$defs === undefined ? {} : { $defs: options.$defs }),
  };
}
