import type { Role } from '../../domain/vocabulary';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../domain/errors';
import type { LocalityCatalogue } from '../../domain/localities/catalogue';
import type { AuthUser } from './auth-user';

/**
 * Who may run each operation: the one table every resolver checks and the authorization-matrix test walks.
 * Row-level scope (province, communes, agency) is enforced on top of this inside each resolver.
 */
export const OPERATION_ROLES = {
  // queries
  me: ['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR', 'INTEGRATION'],
  sectors: ['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR', 'INTEGRATION'],
  vocabularies: ['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR', 'INTEGRATION'],
  localities: ['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR', 'INTEGRATION'],
  issue: ['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR'],
  issues: ['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR'],
  trends: ['OFFICER', 'LEADER', 'AUDITOR'],
  // Early warning: the Board and the leadership (auditors read it as they read trends); the announcements are for those who act.
  hotspots: ['OFFICER', 'LEADER', 'AUDITOR'],
  slaSummary: ['OFFICER', 'AGENCY', 'LEADER', 'AUDITOR'],
  overdueReferrals: ['OFFICER', 'AGENCY', 'LEADER', 'AUDITOR'],
  collaborators: ['OFFICER', 'LEADER'],
  verifyIssueIntegrity: ['OFFICER', 'AUDITOR'],
  webhooks: ['OFFICER', 'INTEGRATION'],
  deliveries: ['OFFICER', 'INTEGRATION'],
  // History replays every event with its actor: for the Board and its auditors.
  issueHistory: ['OFFICER', 'AUDITOR'],
  // A past state only (no actors, reporters as the role allows): leaders also use it, e.g. for a month-end synthesis.
  issueAsOf: ['OFFICER', 'LEADER', 'AUDITOR'],
  events: ['OFFICER', 'AUDITOR', 'INTEGRATION'],
  // Surveys: the questionnaire is for whoever collects or sends responses; results and free text for the Board and leaders.
  survey: ['COLLABORATOR', 'OFFICER', 'LEADER', 'AUDITOR', 'INTEGRATION'],
  surveys: ['COLLABORATOR', 'OFFICER', 'LEADER', 'AUDITOR', 'INTEGRATION'],
  surveyResults: ['OFFICER', 'LEADER'],
  searchSurveyAnswers: ['OFFICER', 'LEADER'],
  // Suggestions: duplicates for whoever may read issues (scope applies); sectors for whoever writes or files reports.
  similarIssues: ['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR'],
  suggestSectors: ['COLLABORATOR', 'OFFICER', 'INTEGRATION'],
  // The monthly synthesis (báo cáo tổng hợp tháng): officers write it, the Standing Committee reads it; province scope.
  monthlySynthesis: ['OFFICER', 'LEADER'],
  reportingCalendar: ['OFFICER', 'LEADER'],
  // mutations
  submitReport: ['COLLABORATOR', 'OFFICER', 'INTEGRATION'],
  attachReport: ['OFFICER'],
  classifyIssue: ['OFFICER'],
  verifyReport: ['OFFICER'],
  referIssue: ['OFFICER'],
  acknowledgeReferral: ['AGENCY'],
  declineReferral: ['AGENCY'],
  respondToReferral: ['AGENCY'],
  deliverFeedback: ['OFFICER'],
  issueGuidance: ['OFFICER'],
  escalateIssue: ['OFFICER'],
  mergeIssues: ['OFFICER'],
  closeIssue: ['OFFICER'],
  reopenIssue: ['OFFICER'],
  enrollCollaborator: ['OFFICER'],
  updateCollaborator: ['OFFICER'],
  deactivateCollaborator: ['OFFICER'],
  registerWebhook: ['INTEGRATION'],
  deactivateWebhook: ['OFFICER', 'INTEGRATION'],
  openSurvey: ['OFFICER'],
  closeSurvey: ['OFFICER'],
  // Bulk intake: the Board's imports and online-survey portals. Single responses: also collaborators interviewing in the field.
  recordSurveyResponses: ['OFFICER', 'INTEGRATION'],
  recordSurveyResponse: ['COLLABORATOR', 'OFFICER', 'INTEGRATION'],
  // subscriptions
  issueChanged: ['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR'],
  eventAppended: ['OFFICER', 'AUDITOR', 'INTEGRATION'],
  hotspotRaised: ['OFFICER', 'LEADER'],
} as const satisfies Record<string, readonly Role[]>;

export type Operation = keyof typeof OPERATION_ROLES;

/** Whether a role may run `operation` (for answers that depend on it without failing, e.g. a mutation's payload). */
export function allows(role: Role, operation: Operation): boolean {
  return (OPERATION_ROLES[operation] as readonly Role[]).includes(role);
}

/** The signed-in user if their role may run `operation`; UNAUTHENTICATED without a user, FORBIDDEN otherwise. */
export function authorize(user: AuthUser | null, operation: Operation): AuthUser {
  if (!user) throw new UnauthenticatedError('sign in with a bearer token to use this API');
  if (!allows(user.role, operation)) {
    throw new ForbiddenError(`role ${user.role} may not use ${operation}`);
  }
  return user;
}

/** Where a read may look: one province, and either all of it (communeCodes null) or only some communes. */
export interface LocalityScope {
  provinceCode: string;
  /** null: the whole province, including province-level rows; otherwise only these communes. */
  communeCodes: string[] | null;
}

/**
 * Narrows a read to the user's scope. A requested province or commune outside it is FORBIDDEN; a commune that does not
 * belong to the province (when the catalogue knows the province's communes) is BAD_USER_INPUT. Without a request the
 * user's own scope applies: a commune-scoped user never sees province-level rows or other communes.
 */
export function localityScope(
  user: AuthUser,
  catalogue: LocalityCatalogue,
  requested: { provinceCode?: string | null; communeCodes?: readonly string[] | null },
  path: string[] = ['filter'],
): LocalityScope {
  if (requested.provinceCode != null && requested.provinceCode !== user.provinceCode) {
    throw new ForbiddenError(`province ${requested.provinceCode} is outside your scope`);
  }
  const provinceCode = user.provinceCode;
  if (requested.communeCodes == null) return { provinceCode, communeCodes: user.communeCodes };
  if (requested.communeCodes.length === 0) throw ValidationError.field([...path, 'communeCodes'], 'must not be empty');
  const knowsCommunes = catalogue.hasCommunes(provinceCode);
  requested.communeCodes.forEach((code, i) => {
    const belongs = knowsCommunes ? catalogue.isCommune(code) && catalogue.provinceOf(code)?.code === provinceCode : /^\d{5}$/.test(code);
    if (!belongs) throw ValidationError.field([...path, 'communeCodes', i], `is not a commune of province ${provinceCode}`);
    if (user.communeCodes !== null && !user.communeCodes.includes(code)) throw new ForbiddenError(`commune ${code} is outside your scope`);
  });
  return { provinceCode, communeCodes: [...new Set(requested.communeCodes)] };
}
