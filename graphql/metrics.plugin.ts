import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../services/metrics';

/**
 * Apollo plugin: the latency of every GraphQL operation over HTTP, by operation name (bounded, see
 * Metrics.operationLabel), operation type and outcome ('ok', or 'error' when the response carries errors).
 * Requests that fail before an operation is resolved (parse or validation errors) count as type 'unknown'.
 */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let operation = 'anonymous';
      let type = 'unknown';
      return {
        async didResolveOperation({ operationName, operation: definition }) {
          operation = metrics.operationLabel(operationName);
          type = definition?.operation ?? 'unknown';
        },
        async willSendResponse({ response }) {
          const failed = response.body.kind === 'single' && (response.body.singleResult.errors?.length ?? 0) > 0;
          metrics.graphqlLatency.observe({ operation, type, outcome: failed ? 'error' : 'ok' }, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
