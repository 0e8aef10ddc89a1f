/**
 * A small JSON Schema (draft 2020-12) validator for exactly the keywords domain/json-schema.ts publishes. Any other
 * keyword is an error, never silently ignored, so a schema cannot claim a constraint this validator does not check.
 * (No JSON Schema library is installed; ajv would do the same job.)
 */

type Schema = Record<string, unknown>;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', '$defs']);
const ASSERTIONS = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'enum',
  'const',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'items',
  'minItems',
  'uniqueItems',
  'anyOf',
  '$ref',
]);

/** RFC 3339 date-time (the `format: date-time` of JSON Schema). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const typeMatches = (value: unknown, type: string) => typeOf(value) === type || (type === 'number' && typeOf(value) === 'integer');

/** Every problem of `value` against `schema`, as `path: message`; empty when valid. */
export function validate(root: Schema, value: unknown): string[] {
  const problems: string[] = [];
  const check = (schema: Schema, v: unknown, path: string, sink: string[] = problems): void => {
    for (const keyword of Object.keys(schema)) {
      if (!ANNOTATIONS.has(keyword) && !ASSERTIONS.has(keyword)) throw new Error(`unsupported keyword ${keyword} at ${path}`);
    }
    const fail = (message: string) => sink.push(`${path || '/'}: ${message}`);
    if (typeof schema.$ref === 'string') {
      const name = /^#\/\$defs\/(.+)$/.exec(schema.$ref)?.[1];
      const target = name === undefined ? undefined : (root.$defs as Record<string, Schema> | undefined)?.[name];
      if (target === undefined) throw new Error(`unresolvable $ref ${schema.$ref}`);
      check(target, v, path, sink);
    }
    if (schema.type !== undefined) {
      const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
      if (!types.some((t) => typeMatches(v, t))) return void fail(`must be ${types.join(' or ')}, is ${typeOf(v)}`);
    }
    if (schema.enum !== undefined && !(schema.enum as unknown[]).includes(v)) fail(`must be one of ${(schema.enum as unknown[]).join(', ')}`);
    if (schema.const !== undefined && v !== schema.const) fail(`must be ${String(schema.const)}`);
    if (Array.isArray(schema.anyOf)) {
      const branches = (schema.anyOf as Schema[]).map((branch) => {
        const branchProblems: string[] = [];
        check(branch, v, path, branchProblems);
        return branchProblems;
      });
      if (!branches.some((b) => b.length === 0)) fail(`matches none of anyOf: ${branches.map((b) => b.join('; ')).join(' | ')}`);
    }
    if (typeof v === 'string') {
      if (typeof schema.minLength === 'number' && [...v].length < schema.minLength) fail(`shorter than ${schema.minLength}`);
      if (typeof schema.maxLength === 'number' && [...v].length > schema.maxLength) fail(`longer than ${schema.maxLength}`);
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) fail(`does not match ${schema.pattern}`);
      if (schema.format === 'date-time' && (!DATE_TIME.test(v) || Number.isNaN(Date.parse(v)))) fail('is not a date-time');
    }
    if (typeof v === 'number' && typeof schema.minimum === 'number' && v < schema.minimum) fail(`less than ${schema.minimum}`);
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems) fail(`fewer than ${schema.minItems} items`);
      if (schema.uniqueItems === true && new Set(v.map((item) => JSON.stringify(item))).size !== v.length) fail('has duplicate items');
      if (schema.items !== undefined) v.forEach((item, i) => check(schema.items as Schema, item, `${path}/${i}`, sink));
    }
    if (typeOf(v) === 'object') {
      const object = v as Record<string, unknown>;
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      for (const name of (schema.required ?? []) as string[]) if (!Object.hasOwn(object, name)) fail(`misses required ${name}`);
      for (const [name, item] of Object.entries(object)) {
        if (Object.hasOwn(properties, name)) check(properties[name], item, `${path}/${name}`, sink);
        else if (schema.additionalProperties === false) fail(`has unexpected property ${name}`);
      }
    }
  };
  check(root, value, '');
  return problems;
}
