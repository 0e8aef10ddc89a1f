import type { Knex } from 'knex';
import { ForbiddenError, NotFoundError } from '../domain/errors';
import { CommandService } from '../services/commands/command-service';
import { SurveyCommands } from '../services/commands/survey-commands';
import type { LocalityCatalogue } from '../domain/localities/catalogue';
import { type AuthUser, inScope } from './auth/auth-user';
import type { ApiServices } from './context';

/**
 * Who sees and manages which survey, and the survey command facade of the API.
 * - A survey belongs to one province. A user with province scope sees every survey of their province; a user with
 *   commune scope sees the surveys that take responses from one of their communes (province-wide ones included).
 *   What a user cannot see is NOT_FOUND.
 * - Managing a survey (opening, closing) needs every target in the user's scope; recording a response needs its
 *   commune in scope. Otherwise FORBIDDEN.
 * - Breakdowns by PROVINCE or by a demographic are province-wide counts: they need province scope.
 */

interface SurveyTargets {
  provinceCode: string | null;
  targetLocalityCodes: Iterable<string>;
}

export function canSeeSurvey(user: AuthUser, survey: SurveyTargets): boolean {
  if (survey.provinceCode !== user.provinceCode) return false;
  if (user.communeCodes === null) return true;
  return [...survey.targetLocalityCodes].some((code) => code === survey.provinceCode || user.communeCodes!.includes(code));
}

export function requireSurveyVisible(user: AuthUser, surveyId: string, survey: SurveyTargets): void {
  if (!canSeeSurvey(user, survey)) throw new NotFoundError(`survey ${surveyId} not found`);
}

/**
 * Every target in the user's scope (a commune-scoped user cannot manage a province-wide survey). An unknown code
 * passes here; the command service rejects it with a field error.
 */
export function requireTargetsInScope(user: AuthUser, catalogue: LocalityCatalogue, targets: Iterable<string>): void {
  for (const code of targets) {
    const province = catalogue.provinceOf(code);
    if (province !== undefined && !inScope(user, province.code, code === province.code ? null : code)) {
      throw new ForbiddenError(`locality ${code} is outside your scope`);
    }
  }
}

/** Narrows a query on `surveys` to those the user can see. */
export function scopeSurveys(query: Knex.QueryBuilder, user: AuthUser): Knex.QueryBuilder {
  query.where('surveys.province_code', user.provinceCode);
  if (user.communeCodes !== null) query.whereRaw('surveys.target_locality_codes && ?::text[]', [[user.provinceCode, ...user.communeCodes]]);
  return query;
}

const derived = new WeakMap<ApiServices, SurveyCommands>();

/**
 * The survey commands of the API: `services.surveys` when the process provides it (sharing the runtime's snapshot
 * cache), else one built once per services object on the same event store and catalogue.
 */
export function surveyCommands(services: ApiServices): SurveyCommands {
  const provided = (services as ApiServices & { surveys?: SurveyCommands }).surveys;
  if (provided) return provided;
  let facade = derived.get(services);
  if (!facade) derived.set(services, (facade = new SurveyCommands(new CommandService(services.store), services.catalogue)));
  return facade;
}
