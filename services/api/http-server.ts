import express, { Express, Request, RequestHandler } from 'express';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import type { Metrics } from '../metrics';
import { schemasRouter } from './schemas.route';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id: the caller's X-Request-Id when it is sensible, else a new UUID. */
    requestId: string;
    /** The process logger with this request's id bound. */
    log: Logger;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The route pattern of a request ('/graphql', '/graphiql/assets/:file'), never the raw path: bounded label values. */
function routeOf(req: Request): string {
  if (req.route?.path) return `${req.baseUrl}${String(req.route.path)}`;
  return req.baseUrl || 'unmatched';
}

/**
 * Request ids and access metrics: every request gets an id (kept from X-Request-Id, else new), echoed in the response
 * header, set on the request headers (so GraphQL uses it as the correlation id of the commands it sends), and bound to
 * a child logger; its latency is observed by method, route pattern and status.
 */
export function requestTracking(log: Logger, metrics: Metrics): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    req.headers['x-request-id'] = requestId;
    req.requestId = requestId;
    req.log = log.child({ requestId });
    res.setHeader('x-request-id', requestId);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(req);
      metrics.httpLatency.observe({ method: req.method, route, status: String(res.statusCode) }, seconds);
      req.log.debug({ method: req.method, route, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    });
    next();
  };
}

export interface HealthChecks {
  /** Readiness: migrations done, database reachable, projections caught up. Returns problems, empty when ready. */
  ready(): Promise<string[]>;
  /** Extra facts for /health (e.g. which projections this process runs). */
  details?(): Record<string, unknown>;
}

export function createApp(checks: HealthChecks, log: Logger, metrics: Metrics, beforeScrape?: () => Promise<void>): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestTracking(log, metrics));
  app.get('/metrics', async (req, res) => {
    try {
      await beforeScrape?.();
    } catch (error) {
      req.log.warn({ err: error }, 'refreshing metrics before a scrape failed');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use('/schemas', schemasRouter()); // the published JSON Schemas of the events (public: shapes, no data)
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', ...checks.details?.() });
  });
  app.get('/ready', async (req, res) => {
    try {
      const problems = await checks.ready();
      res.status(problems.length ? 503 : 200).json({ status: problems.length ? 'not_ready' : 'ready', problems });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'not_ready', problems: ['readiness check failed'] });
    }
  });
  return app;
}

/** Listens, and returns a close() that stops accepting connections and waits for requests in flight. */
export async function listen(server: http.Server, port: number, host: string): Promise<{ server: http.Server; port: number; close(): Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    server,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
