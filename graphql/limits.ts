import type { RequestHandler } from 'express';
import {
  DocumentNode,
  ExecutionArgs,
  GraphQLError,
  GraphQLSchema,
  isListType,
  isNonNullType,
  Kind,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  ValidationContext,
  ValidationRule,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { SubscribePayload } from 'graphql-ws';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { ComplexityEstimator, ComplexityEstimatorArgs, fieldExtensionsEstimator, getComplexity } from 'graphql-query-complexity';
import { ValidationError } from '../domain/errors';

/**
 * Caps on what one request may ask of the API, enforced alike over HTTP (Apollo) and WebSocket (graphql-ws).
 * Each comes from an environment variable; the defaults are the values of DEFAULT_LIMITS.
 */
export interface GraphQLLimits {
  /** GRAPHQL_MAX_DEPTH: nesting of selections (introspection's `__schema` is not counted). */
  maxDepth: number;
  /** GRAPHQL_MAX_COST: estimated cost of one operation; see `operationCost`. */
  maxCost: number;
  /** GRAPHQL_MAX_ALIASES: aliases in one operation. */
  maxAliases: number;
  /** GRAPHQL_MAX_DIRECTIVES: directives in one operation. */
  maxDirectives: number;
  /** GRAPHQL_MAX_TOKENS: lexical tokens in one document (stops a huge document before it is parsed into a tree). */
  maxTokens: number;
  /** GRAPHQL_MAX_BATCH: operations in one HTTP POST (a JSON array); 1 turns batching off. */
  maxBatchSize: number;
  /** GRAPHQL_MAX_PAGE_SIZE: the largest `first` any field accepts. */
  maxPageSize: number;
  /** GRAPHQL_LIST_COST_FACTOR: how many items the cost assumes for a list field that takes no `first`. */
  listCostFactor: number;
}

export const DEFAULT_LIMITS: Readonly<GraphQLLimits> = {
  maxDepth: 10,
  maxCost: 10_000,
  maxAliases: 15,
  maxDirectives: 20,
  maxTokens: 3_000,
  maxBatchSize: 1,
  maxPageSize: 100,
  listCostFactor: 10,
};

const ENV_NAMES: Record<keyof GraphQLLimits, string> = {
  maxDepth: 'GRAPHQL_MAX_DEPTH',
  maxCost: 'GRAPHQL_MAX_COST',
  maxAliases: 'GRAPHQL_MAX_ALIASES',
  maxDirectives: 'GRAPHQL_MAX_DIRECTIVES',
  maxTokens: 'GRAPHQL_MAX_TOKENS',
  maxBatchSize: 'GRAPHQL_MAX_BATCH',
  maxPageSize: 'GRAPHQL_MAX_PAGE_SIZE',
  listCostFactor: 'GRAPHQL_LIST_COST_FACTOR',
};

/** Reads the limits from the environment; each variable must be a positive integer when set. */
export function loadGraphQLLimits(env: NodeJS.ProcessEnv = process.env): GraphQLLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(ENV_NAMES) as (keyof GraphQLLimits)[]) {
    const raw = env[ENV_NAMES[key]];
    if (raw === undefined || raw === '') continue;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 10_000_000) throw ValidationError.field(ENV_NAMES[key], 'must be an integer from 1 to 10000000');
    limits[key] = n;
  }
  return limits;
}

function rejection(message: string, code: 'GRAPHQL_VALIDATION_FAILED' | 'BAD_USER_INPUT'): GraphQLError {
  return new GraphQLError(message, { extensions: { code, http: { status: 400 } } });
}

/** graphql-armor rules report through the validation context (instead of throwing) with our own wording. */
function armorCallbacks(what: string) {
  return {
    propagateOnRejection: false,
    onReject: [
      (ctx: ValidationContext | null, error: GraphQLError) => {
        ctx?.reportError(new GraphQLError(`${what}: ${error.message.replace(/^Syntax Error: /, '')}`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
      },
    ],
  };
}

/**
 * Validation rules added to graphql-js's own: depth, aliases and directives (graphql-armor); in production also no
 * introspection (Apollo turns it off for HTTP; this covers WebSocket too).
 */
export function limitValidationRules(limits: GraphQLLimits, production: boolean): ValidationRule[] {
  const rules: ValidationRule[] = [
    maxDepthRule({ n: limits.maxDepth, ignoreIntrospection: true, ...armorCallbacks('query too deep') }),
    maxAliasesRule({ n: limits.maxAliases, ...armorCallbacks('too many aliases') }),
    maxDirectivesRule({ n: limits.maxDirectives, ...armorCallbacks('too many directives') }),
  ];
  if (production) rules.push(NoSchemaIntrospectionCustomRule);
  return rules;
}

/**
 * The cost model:
 * - introspection costs nothing (its depth and size are bounded by the schema);
 * - a field declaring `complexity` (type-graphql's option) uses it;
 * - a field with a `first` argument costs 1 + first × (its selection's cost), and `first` may not exceed the page size;
 * - any other list costs 1 + listCostFactor × (its selection's cost), except the edges and nodes of a `…Connection`
 *   (already counted by the `first` of the field that returns the connection);
 * - any other field costs 1 + its selection's cost.
 */
function estimators(limits: GraphQLLimits): ComplexityEstimator[] {
  const pageSizeAndIntrospection: ComplexityEstimator = ({ type, field, args }: ComplexityEstimatorArgs) => {
    if (type.name.startsWith('__') || field.name.startsWith('__')) return 0;
    for (const name of ['first', 'last'] as const) {
      const n = args[name];
      if (typeof n === 'number' && n > limits.maxPageSize) {
        throw rejection(`${field.name}: ${name} must be at most ${limits.maxPageSize}`, 'BAD_USER_INPUT');
      }
    }
    return undefined;
  };
  const listAware: ComplexityEstimator = ({ type, field, args, childComplexity }: ComplexityEstimatorArgs) => {
    const first = args.first ?? args.last;
    if (typeof first === 'number') return 1 + Math.max(first, 0) * childComplexity;
    const fieldType = isNonNullType(field.type) ? field.type.ofType : field.type;
    // A connection's edges/nodes are already priced by the `first` of the field returning the connection.
    if (isListType(fieldType) && !type.name.endsWith('Connection')) return 1 + limits.listCostFactor * childComplexity;
    return 1 + childComplexity;
  };
  return [pageSizeAndIntrospection, fieldExtensionsEstimator(), listAware];
}

/**
 * Checks the cost and page sizes of the operation to run (variables known). Returns the rejection, or null when the
 * operation is within limits. Unknown variables or fields are left to execution, which reports them properly.
 */
export function checkOperationLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  limits: GraphQLLimits,
): GraphQLError | null {
  // An operation name the document lacks is left for execution to report (the library would fail on it).
  const named = document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === operationName) ? (operationName as string) : undefined;
  let cost: number;
  try {
    cost = getComplexity({ schema, query: document, variables: variables ?? {}, operationName: named, estimators: estimators(limits) });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    if (error.extensions.code === 'BAD_USER_INPUT') return error; // a page size over the cap
    if (/maximum allowed number of nodes/.test(error.message)) return rejection(`query too large: ${error.message}`, 'GRAPHQL_VALIDATION_FAILED');
    return null; // e.g. bad variables: execution reports them with the usual codes
  }
  if (cost > limits.maxCost) return rejection(`query too costly: estimated cost ${cost} exceeds the limit of ${limits.maxCost}`, 'GRAPHQL_VALIDATION_FAILED');
  return null;
}

/** Apollo plugin: cost and page-size limits, once the operation is resolved (after validation, before execution). */
export function operationLimitsPlugin(schema: GraphQLSchema, limits: GraphQLLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, operationName }) {
          const error = checkOperationLimits(schema, document, request.variables, operationName ?? request.operationName, limits);
          if (error) throw error;
        },
      };
    },
  };
}

function isBatch(body: unknown): body is unknown[] {
  return Array.isArray(body);
}

/** Express middleware (after express.json, before Apollo): rejects a batch of more operations than the cap. */
export function batchSizeLimit(limits: GraphQLLimits): RequestHandler {
  return (req, res, next) => {
    if (isBatch(req.body) && limits.maxBatchSize > 1 && req.body.length > limits.maxBatchSize) {
      res.status(400).json({
        errors: [{ message: `too many operations in one batch: at most ${limits.maxBatchSize}`, extensions: { code: 'BAD_USER_INPUT' } }],
      });
      return;
    }
    next();
  };
}

/**
 * graphql-ws `onSubscribe`: parses (with the token cap), validates (graphql-js rules + limits) and checks cost and page
 * sizes, as Apollo does for HTTP. Returns the execution arguments, or the errors to send to the client.
 */
export function limitedOnSubscribe(schema: GraphQLSchema, limits: GraphQLLimits, production: boolean) {
  const rules = [...specifiedRules, ...limitValidationRules(limits, production)];
  return (_ctx: unknown, _id: string, payload: SubscribePayload): ExecutionArgs | readonly GraphQLError[] => {
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: limits.maxTokens });
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : 'the query could not be parsed';
      return [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })];
    }
    const errors = validate(schema, document, rules);
    if (errors.length) return errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
    const limitError = checkOperationLimits(schema, document, payload.variables, payload.operationName, limits);
    if (limitError) return [new GraphQLError(limitError.message, { extensions: { code: limitError.extensions.code } })];
    return { schema, document, variableValues: payload.variables, operationName: payload.operationName };
  };
}

let configuredPageSize: number | undefined;

/**
 * Resolver-side check of a `first` argument: an integer from 1 to GRAPHQL_MAX_PAGE_SIZE (BAD_USER_INPUT otherwise).
 * The server rejects larger pages before execution; this also covers direct execution and values below 1.
 */
export function requirePageSize(first: number, path: (string | number)[] = ['first']): number {
  configuredPageSize ??= loadGraphQLLimits().maxPageSize;
  if (!Number.isInteger(first) || first < 1 || first > configuredPageSize) throw ValidationError.field(path, `must be an integer from 1 to ${configuredPageSize}`);
  return first;
}
