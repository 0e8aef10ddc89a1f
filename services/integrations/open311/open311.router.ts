import { randomUUID } from 'node:crypto';
import express, { NextFunction, Request, Response, Router } from 'express';
import type { Knex } from 'knex';
import { ConflictError, DomainError, ForbiddenError, ValidationError } from '../../../domain/errors';
import type { LocalityCatalogue } from '../../../domain/localities/catalogue';
import { SECTOR_LABELS, type Sector } from '../../../domain/vocabulary';
import { requireLocalityInScope } from '../../../graphql/issue-scope';
import { newId } from '../../../graphql/run-command';
import type { IssueCommands } from '../../commands/issue-commands';
import type { Logger } from '../../logger';
import { findByApiKey, Integration, integrationUser } from '../integration-registry';
import { Open311Error, OPEN311_FIELD_NAMES, Open311Fields, toSubmitReport } from './open311-request';
import { open311Services } from './open311-services';
import { open311Status } from './open311-status';

export interface Open311Deps {
  knex: Knex;
  catalogue: LocalityCatalogue;
  issues: IssueCommands;
  log: Pick<Logger, 'error'>;
  /** Read-your-writes: a request is readable with GET as soon as POST answers (when the read models keep up). */
  waitForProjections?: (position: bigint) => Promise<boolean>;
}

const MAX_MERGE_HOPS = 10;

/** Field problems of the domain, in GeoReport field names. */
function describe(error: ValidationError): string[] {
  if (error.problems.length === 0) return [error.message];
  return error.problems.map((p) => `${OPEN311_FIELD_NAMES[String(p.path[0])] ?? p.path.join('.')}: ${p.message}`);
}

function asOpen311Error(error: unknown): Open311Error | undefined {
  if (error instanceof Open311Error) return error;
  if (error instanceof ValidationError) return new Open311Error(400, describe(error));
  if (error instanceof ForbiddenError) return new Open311Error(403, [error.message]);
  if (error instanceof ConflictError) return new Open311Error(409, [error.message]);
  if (error instanceof DomainError) return new Open311Error(400, [error.message]);
  return undefined;
}

/** `api_key` from the body, the query string or the X-Api-Key header; 403 unless it is an active integration's. */
async function authenticate(deps: Open311Deps, req: Request): Promise<Integration> {
  const candidates = [(req.body as Open311Fields | undefined)?.api_key, req.query.api_key, req.headers['x-api-key']];
  const key = candidates.find((c): c is string => typeof c === 'string' && c !== '');
  const integration = key === undefined ? null : await findByApiKey(deps.knex, key);
  if (!integration) throw new Open311Error(403, ['api_key is missing or not valid']);
  return integration;
}

function checkJurisdiction(integration: Integration, value: unknown): void {
  if (value !== undefined && value !== '' && value !== integration.provinceCode) throw new Open311Error(404, ['jurisdiction_id not found: use your province code']);
}

/** Only JSON is served: `.xml` (or any other format) is refused in the GeoReport error format. */
function jsonOnly(req: Request): void {
  if (req.params.format !== 'json') throw new Open311Error(400, ['only the .json format is supported']);
}

interface TrackedRequest {
  report_id: string;
  issue_id: string;
  sectors: string[];
  summary: string;
  submitted_at: Date;
}

interface IssueRow {
  issue_id: string;
  status: string;
  latest_verification: string | null;
  referrals: Record<string, { status: string; agencyName: string | null; agencyId: string }>;
  next_deadline: Date | null;
  merged_into: string | null;
  updated_at: Date;
}

/** The issue a report now belongs to, following merges. */
async function currentIssue(knex: Knex, issueId: string): Promise<{ issue: IssueRow; merged: boolean } | null> {
  let merged = false;
  let id = issueId;
  for (let hop = 0; hop < MAX_MERGE_HOPS; hop++) {
    const issue: IssueRow | undefined = await knex('issues').where({ issue_id: id }).first();
    if (!issue) return null;
    if (issue.status !== 'MERGED' || !issue.merged_into) return { issue, merged };
    merged = true;
    id = issue.merged_into;
  }
  return null;
}

/**
 * Open311 GeoReport v2 at /open311/v2: the service list (one service per sector), report intake from integrations,
 * and the status of each request they made. A request becomes a SubmitReport command from the INTEGRATION role with
 * the integration as reporter; its `service_request_id` is the report's id. Errors use the GeoReport format and a
 * rejected request writes nothing.
 */
export function open311Router(deps: Open311Deps): Router {
  const router = Router();
  const wrap = (handler: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => handler(req, res).catch(next);

  router.get('/services.:format', (req, res) => {
    jsonOnly(req);
    res.json(open311Services());
  });

  router.post(
    '/requests.:format',
    express.urlencoded({ extended: false, limit: '64kb' }),
    express.json({ limit: '64kb' }),
    wrap(async (req, res) => {
      jsonOnly(req);
      const fields: Open311Fields = req.body && typeof req.body === 'object' ? req.body : {};
      const integration = await authenticate(deps, req);
      checkJurisdiction(integration, fields.jurisdiction_id);
      const header = req.headers['x-idempotency-key'];
      const idempotencyKey = (typeof fields.idempotency_key === 'string' && fields.idempotency_key !== '' ? fields.idempotency_key : undefined) ?? (typeof header === 'string' ? header : undefined);
      const user = integrationUser(integration);
      const issueId = newId(user, idempotencyKey, 'issue');
      const reportId = newId(user, idempotencyKey, `report:${issueId}`);
      // A retry (same idempotency key) without observed_at must be the same command as the first attempt.
      const earlier = idempotencyKey === undefined ? undefined : (await deps.issues.load(issueId)).reports.find((r) => r.reportId === reportId);
      const command = toSubmitReport(fields, integration, deps.catalogue, { issueId, reportId }, earlier?.observedAt ?? new Date().toISOString());
      requireLocalityInScope(deps.catalogue, user, command.localityCode);
      const result = await deps.issues.execute(command, {
        actorId: user.id,
        actorRole: user.role,
        idempotencyKey,
        correlationId: (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
      });
      await deps.waitForProjections?.(result.position);
      res.status(result.replayed ? 200 : 201).json([{ service_request_id: command.reportId, service_notice: 'Đã tiếp nhận phản ánh.', account_id: null }]);
    }),
  );

  router.get(
    '/requests/:id.:format',
    wrap(async (req, res) => {
      jsonOnly(req);
      const integration = await authenticate(deps, req);
      checkJurisdiction(integration, req.query.jurisdiction_id);
      const id = String(req.params.id);
      // Only the integration's own requests: anything else is "not found", so existence is never revealed.
      const report: TrackedRequest | undefined = await deps.knex('reports').select('report_id', 'issue_id', 'sectors', 'summary', 'submitted_at').where({ report_id: id, reporter_id: integration.id }).first();
      const current = report && (await currentIssue(deps.knex, report.issue_id));
      if (!report || !current) throw new Open311Error(404, ['service_request_id not found']);
      const { issue, merged } = current;
      const open = Object.values(issue.referrals).filter((r) => r.status === 'REFERRED' || r.status === 'ACKNOWLEDGED');
      const agencies = open.map((r) => r.agencyName ?? r.agencyId);
      const sector = report.sectors[0] as Sector;
      res.json([
        {
          service_request_id: report.report_id,
          ...open311Status({ status: issue.status as never, latestVerification: issue.latest_verification as never, openAgencies: agencies, nextDeadline: issue.next_deadline, merged }),
          service_name: SECTOR_LABELS[sector] ?? sector,
          service_code: sector,
          description: report.summary,
          agency_responsible: agencies.join(', ') || null,
          service_notice: null,
          requested_datetime: report.submitted_at,
          updated_datetime: issue.updated_at,
          expected_datetime: open.length ? issue.next_deadline : null,
          address: null,
          address_id: null,
          zipcode: null,
          lat: null,
          long: null,
          media_url: null,
        },
      ]);
    }),
  );

  router.use((_req: Request, _res: Response, next: NextFunction) => next(new Open311Error(404, ['not an Open311 GeoReport v2 resource'])));
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const known = asOpen311Error(error) ?? ((error as { type?: string }).type === 'entity.parse.failed' ? new Open311Error(400, ['the request body could not be parsed']) : undefined);
    if (known) {
      res.status(known.status).json(known.body());
      return;
    }
    const status = (error as { status?: number }).status;
    if (status === 413) {
      res.status(413).json([{ code: 413, description: 'the request body is too large' }]);
      return;
    }
    deps.log.error({ err: error }, 'open311 request failed');
    res.status(500).json([{ code: 500, description: 'lỗi máy chủ; đã ghi nhận' }]);
  });
  return router;
}
