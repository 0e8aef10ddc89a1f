import type { Role } from '../../domain/vocabulary';

/**
 * The signed-in user: one role and one scope. Nobody sees outside their scope.
 * - province scope: the whole province (`provinceCode`), no commune list;
 * - commune scope: only `communeCodes` (all in `provinceCode`);
 * - agency scope (role AGENCY): the referrals addressed to `agencyId`, in `provinceCode`.
 */
export interface AuthUser {
  id: string;
  role: Role;
  provinceCode: string;
  communeCodes: string[] | null;
  agencyId: string | null;
}

/** Whether a locality (a commune, or the province itself) lies inside the user's scope. */
export function inScope(user: AuthUser, provinceCode: string, communeCode: string | null): boolean {
  if (provinceCode !== user.provinceCode) return false;
  if (user.communeCodes === null) return true;
  return communeCode !== null && user.communeCodes.includes(communeCode);
}
