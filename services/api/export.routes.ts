import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { DomainError, ValidationError } from '../../domain/errors';
import type { LocalityCatalogue } from '../../domain/localities/catalogue';
import { ISSUE_STATUSES, SECTORS, SEVERITIES } from '../../domain/vocabulary';
import type { AuthUser } from '../../graphql/auth/auth-user';
import { authorize } from '../../graphql/auth/policy';
import { bearerToken, TokenConfig, verifyToken } from '../../graphql/auth/tokens';
import type { GraphQLContext } from '../../graphql/context';
import { IssueFilter, IssueOrder, IssueOrderField } from '../../graphql/issue-filter.input';
import { searchIssues } from '../../graphql/issue-search';
import { toIssue, type Issue } from '../../graphql/issue.type';
import { OrderDirection } from '../../graphql/pagination';
import { toTrendPoints, trendQueryFor } from '../../graphql/trend.resolver';
import { readTrends } from '../../projections/trends.read';
import { TrendGranularity, TrendGroupBy, type TrendFilterInput, type TrendPoint } from '../../graphql/trend.type';
import type { Logger } from '../logger';

/**
 * CSV exports of what the GraphQL API serves, for Excel and other tools:
 * - GET /export/issues.csv: the `issues` list (same filters, scope and order, read through the same search code);
 * - GET /export/trends.csv: the `trends` series (same arguments, checks and SQL: the resolver itself is run).
 * Authorization: `Authorization: Bearer <token>`, the roles of the GraphQL fields. A filter or range that is not
 * allowed answers a JSON error (400 BAD_USER_INPUT, 401 UNAUTHENTICATED, 403 FORBIDDEN) before anything is streamed.
 * Rows stream from one consistent snapshot (a REPEATABLE READ, read-only transaction): issues in keyset pages, trends
 * through a server-side cursor, each written with backpressure, so memory stays flat whatever the range.
 * Format: UTF-8 with a BOM (Excel), CRLF, RFC 4180 quoting; codes next to Vietnamese labels; a text cell starting with
 * = + - @ is prefixed with ' so that a spreadsheet never runs it as a formula.
 */
export interface ExportDeps {
  knex: Knex;
  catalogue: LocalityCatalogue;
  tokens: TokenConfig;
  log: Pick<Logger, 'error'>;
  /** Rows per page or cursor fetch. */
  chunkSize?: number;
}

const DEFAULT_CHUNK = 1000;

// ---------------------------------------------------------------- CSV

type Cell = string | number | boolean | Date | null | undefined;

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'có' : 'không';
  let text = value instanceof Date ? value.toISOString() : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (cells: readonly Cell[]) => `${cells.map(cell).join(',')}\r\n`;

/** Resolves when the response can take more, or when the client has gone. */
function drained(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

/** Writes a chunk, waiting for the socket to drain; false when the client has gone. */
async function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) await drained(res);
  return !res.destroyed;
}

function startCsv(res: Response, name: string, header: readonly string[]): void {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
  res.status(200);
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', `attachment; filename="dlxh-${name}-${day}.csv"`);
  res.setHeader('cache-control', 'no-store');
  res.write(`\uFEFF${line(header)}`);
}

// ---------------------------------------------------------------- errors and auth

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

function sendError(res: Response, error: DomainError): void {
  const body: Record<string, unknown> = { code: error.code, message: error.message };
  if (error instanceof ValidationError) body.fieldErrors = error.problems.map((p) => ({ path: p.path, message: p.message }));
  res.status(STATUS[error.code] ?? 400).json({ error: body });
}

async function userOf(req: Request, tokens: TokenConfig): Promise<AuthUser | null> {
  const token = bearerToken(req.headers.authorization);
  return token ? verifyToken(tokens, token) : null;
}

// ---------------------------------------------------------------- query strings

type Query = Request['query'];

function checkKnown(query: Query, known: readonly string[]): void {
  for (const name of Object.keys(query)) if (!known.includes(name)) throw ValidationError.field([name], `is not a parameter of this export; known: ${known.join(', ')}`);
}

/** A parameter as a single text (undefined when absent). */
function single(query: Query, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw ValidationError.field([name], 'must be given once');
  return value;
}

/** A list: comma-separated and/or repeated (`?status=RECEIVED,VERIFIED` or `?status=RECEIVED&status=VERIFIED`). */
function list(query: Query, name: string): string[] | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [''])).map((v) => v.trim());
  if (parts.some((p) => p === '')) throw ValidationError.field([name], 'must be a comma-separated list without empty items');
  return parts;
}

function listOf<C extends string>(query: Query, name: string, allowed: readonly C[]): C[] | undefined {
  const values = list(query, name);
  values?.forEach((v, i) => {
    if (!(allowed as readonly string[]).includes(v)) throw ValidationError.field([name, i], `must be one of ${allowed.join(', ')}`);
  });
  return values as C[] | undefined;
}

function oneOf<C extends string>(query: Query, name: string, allowed: readonly C[], fallback: C): C {
  const value = single(query, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw ValidationError.field([name], `must be one of ${allowed.join(', ')}`);
  return value as C;
}

function instant(query: Query, name: string): Date | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value) ? Date.parse(value.length === 10 ? `${value}T00:00:00+07:00` : value) : NaN;
  if (Number.isNaN(ms)) throw ValidationError.field([name], 'must be a date (YYYY-MM-DD, Vietnam time) or an ISO-8601 date-time with a time zone');
  return new Date(ms);
}

function localDate(query: Query, name: string): string {
  const value = single(query, name);
  if (value === undefined) throw ValidationError.field([name], 'is required (YYYY-MM-DD)');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) throw ValidationError.field([name], 'must be a date YYYY-MM-DD');
  return value;
}

const ISSUE_PARAMS = ['status', 'severity', 'sector', 'communeCode', 'provinceCode', 'from', 'to', 'text', 'overdue', 'orderBy', 'direction'] as const;

/** The `issues(filter, orderBy)` arguments from a query string, with the GraphQL names. */
export function issueArguments(query: Query): { filter: IssueFilter; orderBy: IssueOrder } {
  checkKnown(query, ISSUE_PARAMS);
  const from = instant(query, 'from');
  const to = instant(query, 'to');
  if ((from === undefined) !== (to === undefined)) throw ValidationError.field([from === undefined ? 'from' : 'to'], 'from and to go together (the period: from inclusive, to exclusive)');
  const overdue = single(query, 'overdue');
  if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') throw ValidationError.field(['overdue'], 'must be true or false');
  const filter: IssueFilter = {
    status: listOf(query, 'status', ISSUE_STATUSES),
    severity: listOf(query, 'severity', SEVERITIES),
    sector: listOf(query, 'sector', SECTORS),
    communeCode: single(query, 'communeCode'),
    provinceCode: single(query, 'provinceCode'),
    period: from && to ? { from, to } : undefined,
    text: single(query, 'text'),
    overdue: overdue === undefined ? undefined : overdue === 'true',
  };
  const orderBy: IssueOrder = {
    field: oneOf(query, 'orderBy', Object.values(IssueOrderField), IssueOrderField.LAST_REPORT_AT),
    direction: oneOf(query, 'direction', Object.values(OrderDirection), OrderDirection.DESC),
  };
  return { filter, orderBy };
}

const TREND_PARAMS = ['from', 'to', 'groupBy', 'granularity', 'provinceCode', 'communeCodes', 'sectors'] as const;

interface TrendArguments {
  from: string;
  to: string;
  groupBy: TrendGroupBy[];
  granularity: TrendGranularity;
  filter: TrendFilterInput;
}

/** The `trends(from, to, groupBy, granularity, filter)` arguments from a query string, with the GraphQL names. */
export function trendArguments(query: Query): TrendArguments {
  checkKnown(query, TREND_PARAMS);
  return {
    from: localDate(query, 'from'),
    to: localDate(query, 'to'),
    groupBy: listOf(query, 'groupBy', Object.values(TrendGroupBy)) ?? [TrendGroupBy.PERIOD],
    granularity: oneOf(query, 'granularity', Object.values(TrendGranularity), TrendGranularity.MONTH),
    filter: { provinceCode: single(query, 'provinceCode'), communeCodes: list(query, 'communeCodes'), sectors: listOf(query, 'sectors', SECTORS) },
  };
}

// ---------------------------------------------------------------- rows

const ISSUE_HEADER = [
  'Mã vụ việc',
  'Trạng thái (mã)',
  'Trạng thái',
  'Mức độ (mã)',
  'Mức độ',
  'Lĩnh vực (mã)',
  'Lĩnh vực',
  'Địa bàn (mã)',
  'Địa bàn',
  'Tiêu đề',
  'Tóm tắt',
  'Nhạy cảm',
  'Số báo cáo',
  'Báo cáo đầu tiên',
  'Báo cáo gần nhất',
  'Thẩm định (mã)',
  'Thẩm định',
  'Thẩm định lúc',
  'Số chuyển xử lý đang mở',
  'Hạn xử lý gần nhất',
  'Quá hạn',
  'Gộp vào vụ việc',
  'Kết quả giải quyết',
  'Kết thúc lúc',
  'Tạo lúc',
  'Cập nhật lúc',
];

function issueLine(issue: Issue): string {
  return line([
    issue.id,
    issue.status,
    issue.statusLabel,
    issue.severity,
    issue.severityLabel,
    issue.sectors.map((s) => s.code).join(';'),
    issue.sectors.map((s) => s.label).join('; '),
    issue.locality.code,
    issue.locality.fullName,
    issue.title,
    issue.summary,
    issue.sensitive,
    issue.reportCount,
    issue.firstReportAt,
    issue.lastReportAt,
    issue.latestVerification,
    issue.latestVerificationLabel,
    issue.latestVerifiedAt,
    issue.openReferralCount,
    issue.nextDeadline,
    issue.overdue,
    issue.mergedInto,
    issue.resolution,
    issue.closedAt,
    issue.createdAt,
    issue.updatedAt,
  ]);
}

const COUNTS = [
  ['reports', 'Báo cáo'],
  ['negative', 'Tiêu cực'],
  ['highIntensity', 'Cường độ cao'],
  ['newIssues', 'Vấn đề mới'],
  ['confirmed', 'Thẩm định đúng'],
  ['unfounded', 'Không có cơ sở'],
] as const;

const TREND_HEADER = [
  'Từ ngày',
  'Đến ngày',
  'Kỳ không trọn',
  'Lĩnh vực (mã)',
  'Lĩnh vực',
  'Địa bàn (mã)',
  'Địa bàn',
  ...COUNTS.map(([, label]) => label),
  ...COUNTS.flatMap(([, label]) => [`${label}: thay đổi`, `${label}: thay đổi %`]),
];

function trendLine(point: TrendPoint): string {
  return line([
    point.period,
    point.periodEnd,
    point.partial,
    point.sector?.code,
    point.sector?.label,
    point.locality?.code,
    point.locality?.fullName,
    ...COUNTS.map(([key]) => point.counts[key]),
    ...COUNTS.flatMap(([key]) => (point.change ? [point.change[key].absolute, point.change[key].percent] : [null, null])),
  ]);
}

// ---------------------------------------------------------------- trends through the resolver

interface RawCall {
  sql: string;
  bindings: unknown[];
}

/**
 * The `trends` read for a CSV export: the resolver's own checks and query (trendQueryFor), then readTrends with a
 * stand-in for knex that answers its one query with `answer`. The first run records the SQL; each later run maps a
 * chunk of fetched rows to points with the resolver's own code. The mapping is per row (the previous period comes from
 * a window function), so chunk by chunk gives exactly the points of one run.
 */
async function runTrends(user: AuthUser, catalogue: LocalityCatalogue, args: TrendArguments, answer: (call: RawCall) => unknown[]): Promise<TrendPoint[]> {
  const knex = { raw: async (sql: string, bindings: unknown[]) => ({ rows: answer({ sql, bindings }) }) };
  const query = trendQueryFor({ user, services: { catalogue } as GraphQLContext['services'] }, args);
  return toTrendPoints(catalogue, await readTrends(knex as unknown as Pick<Knex, 'raw'>, query));
}

// ---------------------------------------------------------------- router

export function exportRouter(deps: ExportDeps): Router {
  const router = Router();
  const chunk = deps.chunkSize ?? DEFAULT_CHUNK;

  /** Runs `stream` in a read-only snapshot; DomainErrors thrown before the CSV starts become JSON errors. */
  const handle = (stream: (req: Request, res: Response, trx: Knex.Transaction) => Promise<void>) => async (req: Request, res: Response) => {
    let trx: Knex.Transaction | undefined;
    try {
      trx = await deps.knex.transaction({ isolationLevel: 'repeatable read', readOnly: true });
      await stream(req, res, trx);
      await trx.commit();
    } catch (error) {
      await trx?.rollback().catch(() => {});
      if (!res.headersSent && error instanceof DomainError) return sendError(res, error);
      deps.log.error({ err: error }, 'CSV export failed');
      if (!res.headersSent) res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'internal error; it has been logged' } });
      else res.destroy(); // a truncated file must not look complete
      return;
    }
    res.end();
  };

  router.get(
    '/issues.csv',
    handle(async (req, res, trx) => {
      const user = authorize(await userOf(req, deps.tokens), 'issues');
      const { filter, orderBy } = issueArguments(req.query);
      const now = new Date();
      let page = await searchIssues(trx, deps.catalogue, user, { filter, orderBy, first: chunk }, now);
      startCsv(res, 'issues', ISSUE_HEADER);
      for (;;) {
        if (!(await write(res, page.rows.map(({ row }) => issueLine(toIssue(row, deps.catalogue, now))).join('')))) return;
        if (!page.hasNextPage) return;
        page = await searchIssues(trx, deps.catalogue, user, { filter, orderBy, first: chunk, after: page.rows.at(-1)!.cursor }, now);
      }
    }),
  );

  router.get(
    '/trends.csv',
    handle(async (req, res, trx) => {
      const user = authorize(await userOf(req, deps.tokens), 'trends');
      const args = trendArguments(req.query);
      let query: RawCall | undefined;
      await runTrends(user, deps.catalogue, args, (call) => {
        query = call;
        return [];
      });
      if (!query) throw new Error('the trends resolver ran no query');
      await trx.raw(`DECLARE dlxh_trends_export NO SCROLL CURSOR FOR ${query.sql}`, query.bindings as never[]);
      startCsv(res, 'trends', TREND_HEADER);
      for (;;) {
        const { rows } = await trx.raw<{ rows: unknown[] }>(`FETCH ${chunk} FROM dlxh_trends_export`);
        if (rows.length === 0) return;
        const points = await runTrends(user, deps.catalogue, args, () => rows);
        if (!(await write(res, points.map(trendLine).join('')))) return;
      }
    }),
  );

  return router;
}
