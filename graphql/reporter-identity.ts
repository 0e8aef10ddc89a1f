import { createHmac } from 'node:crypto';
import { Field, ObjectType } from 'type-graphql';
import { ROLE_LABELS, type Role } from '../domain/vocabulary';
import type { AuthUser } from './auth/auth-user';
import { RoleEnum } from './vocabulary.type';

/**
 * Reporter protection (DOMAIN.md): the one place that decides what a viewer learns about who reported.
 * - OFFICER: the reporter's id and role;
 * - AUDITOR: a stable pseudonym (HMAC-SHA256 of the id with a server key) and the role;
 * - COLLABORATOR: only their own reports, with their own id;
 * - LEADER: counts only (`Issue.reporterCount`), no per-report identity;
 * - AGENCY, INTEGRATION: nothing.
 * Every path that reaches a report row goes through `visibleReports` and `reporterIdentity`.
 */

@ObjectType({ description: 'Người báo cáo, as far as the viewer may know: officers see the id, auditors a stable pseudonym, a collaborator their own id' })
export class ReporterIdentity {
  @Field(() => String, { nullable: true, description: 'Mã người báo cáo: for officers, and for a collaborator on their own reports' })
  id!: string | null;

  @Field(() => String, { nullable: true, description: 'Bí danh ổn định: the same for every report of one reporter; for auditors' })
  pseudonym!: string | null;

  @Field(() => RoleEnum, { nullable: true })
  role!: Role | null;

  @Field(() => String, { nullable: true })
  roleLabel!: string | null;
}

/** The rows' protected columns, as the `reports` read model stores them. */
export interface ReporterColumns {
  reporter_id: string;
  reporter_role: string | null;
}

/** A viewer of reports: the signed-in user and the server's pseudonym key. */
export interface ReporterViewer {
  user: AuthUser;
  pseudonymSecret: string;
}

const PSEUDONYM_PURPOSE = 'dlxh/reporter-pseudonym/v1';

/** The pseudonym key, derived from the JWT secret so that the secret itself is never used as an HMAC key twice. */
export function reporterPseudonymKey(jwtSecret: string): string {
  return createHmac('sha256', jwtSecret).update(PSEUDONYM_PURPOSE).digest('hex');
}

export function reporterPseudonym(secret: string, reporterId: string): string {
  return `anon-${createHmac('sha256', secret).update(reporterId).digest('base64url').slice(0, 22)}`;
}

function roleOf(column: string | null): Pick<ReporterIdentity, 'role' | 'roleLabel'> {
  const role = column !== null && Object.hasOwn(ROLE_LABELS, column) ? (column as Role) : null;
  return { role, roleLabel: role === null ? null : ROLE_LABELS[role] };
}

/** What `viewer` may know about the reporter of `row`; null when nothing. */
export function reporterIdentity(viewer: ReporterViewer, row: ReporterColumns): ReporterIdentity | null {
  const { user } = viewer;
  switch (user.role) {
    case 'OFFICER':
      return { id: row.reporter_id, pseudonym: null, ...roleOf(row.reporter_role) };
    case 'AUDITOR':
      return { id: null, pseudonym: reporterPseudonym(viewer.pseudonymSecret, row.reporter_id), ...roleOf(row.reporter_role) };
    case 'COLLABORATOR':
      return row.reporter_id === user.id ? { id: row.reporter_id, pseudonym: null, ...roleOf(row.reporter_role) } : null;
    case 'LEADER':
    case 'AGENCY':
    case 'INTEGRATION':
      return null;
    default: {
      const unknownRole: never = user.role;
      throw new Error(`no reporter-protection rule for role ${String(unknownRole)}`);
    }
  }
}

/** The reports of an issue that `user` may see: a collaborator sees only their own, everyone else all of them. */
export function visibleReports<R extends ReporterColumns>(user: AuthUser, rows: readonly R[]): R[] {
  return user.role === 'COLLABORATOR' ? rows.filter((row) => row.reporter_id === user.id) : [...rows];
}

/** How many different people reported on an issue: for officers, leaders and auditors; null for every other role. */
export function reporterCount(user: AuthUser, rows: readonly ReporterColumns[]): number | null {
  if (user.role !== 'OFFICER' && user.role !== 'LEADER' && user.role !== 'AUDITOR') return null;
  return new Set(rows.map((row) => row.reporter_id)).size;
}
