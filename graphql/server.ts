import { randomUUID } from 'node:crypto';
import type http from 'node:http';
import express, { Express } from 'express';
import { GraphQLError } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { WebSocketServer } from 'ws';
import { useServer } from 'graphql-ws/use/ws';
import { getSchema } from './schema';
import { graphqlMetricsPlugin } from './metrics.plugin';
import type { Metrics } from '../services/metrics';
import { ApiServices, createContext, GraphQLContext } from './context';
import { formatError } from './errors';
import { bearerToken, TokenConfig, verifyToken } from './auth/tokens';
import { DomainError } from '../domain/errors';
import { batchSizeLimit, GraphQLLimits, limitedOnSubscribe, limitValidationRules, loadGraphQLLimits, operationLimitsPlugin } from './limits';
import { mountGraphiQL } from './graphiql';
import { Changefeed } from './changefeed';

export interface GraphQLServerOptions {
  production: boolean;
  tokens: TokenConfig;
  /** Depth, cost, alias, batch and page-size caps; default: from the environment (graphql/limits.ts). */
  limits?: GraphQLLimits;
  /** Prometheus metrics: GraphQL operation latency is recorded when given. */
  metrics?: Metrics;
  /** Items a subscriber may have waiting before it is closed with SUBSCRIPTION_OVERFLOW (default: graphql/changefeed.ts). */
  subscriptionBuffer?: number;
}

export interface MountedGraphQL {
  /** Stops taking new operations, closes subscriptions with close code 1001 (going away) and stops the changefeed. */
  stop(): Promise<void>;
}

async function userFrom(tokens: TokenConfig, header: string | undefined) {
  const token = bearerToken(header);
  return token ? verifyToken(tokens, token) : null;
}

/**
 * Serves GraphQL at /graphql: queries and mutations over HTTP (Apollo Server 5 on express 5), subscriptions over
 * WebSocket (graphql-ws) on the same path and HTTP server.
 */
export async function mountGraphQL(app: Express, httpServer: http.Server, services: ApiServices, options: GraphQLServerOptions): Promise<MountedGraphQL> {
  const schema = getSchema();
  const limits = options.limits ?? loadGraphQLLimits();
  const logUnexpected = (err: unknown) => services.log.error({ err }, 'unexpected error in a GraphQL operation');
  // One tail of the log for every subscription of this process, from the head at start.
  const changefeed = new Changefeed({ ...services, bufferSize: options.subscriptionBuffer });
  await changefeed.start();
  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql' });
  const wsCleanup = useServer<Record<string, unknown>, { user: GraphQLContext['user'] }>(
    {
      schema,
      onSubscribe: limitedOnSubscribe(schema, limits, options.production),
      onConnect: async (ctx) => {
        const auth = ctx.connectionParams?.authorization ?? ctx.connectionParams?.Authorization;
        try {
          ctx.extra.user = await userFrom(options.tokens, typeof auth === 'string' ? auth : undefined);
          return true;
        } catch {
          return false; // closes with 4403 Forbidden
        }
      },
      context: (ctx) => createContext(services, changefeed, ctx.extra.user ?? null, randomUUID()),
      // The same error contract as over HTTP (errors.ts): codes, no echoed input, no internal detail.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, logUnexpected)) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map((e) => formatError(e.toJSON(), e, logUnexpected)),
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    introspection: !options.production,
    validationRules: limitValidationRules(limits, options.production),
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: limits.maxBatchSize > 1,
    stopOnTerminationSignals: false, // the process manages its own graceful shutdown (services/cli/start.command.ts)
    formatError: (formatted, error) => formatError(formatted, error, logUnexpected),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      operationLimitsPlugin(schema, limits),
      ...(options.metrics ? [graphqlMetricsPlugin(options.metrics)] : []),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  if (!options.production) mountGraphiQL(app); // the IDE and its assets, self-hosted; never in production
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    batchSizeLimit(limits),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
        try {
          return createContext(services, changefeed, await userFrom(options.tokens, req.headers.authorization), requestId);
        } catch (error) {
          if (error instanceof DomainError) throw new GraphQLError(error.message, { extensions: { code: error.code, http: { status: 401 } } });
          throw error;
        }
      },
    }),
  );

  return {
    stop: async () => {
      await apollo.stop();
      await changefeed.stop();
      wsServer.close();
    },
  };
}
