import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ROLES, isOneOf } from '../../domain/vocabulary';
import { UnauthenticatedError, ValidationError } from '../../domain/errors';
import type { AuthUser } from './auth-user';

export interface TokenConfig {
  secret: string;
  issuer: string;
  audience: string;
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** Mints a bearer token (HS256) for a user; `dlxh token` uses it to make development tokens. */
export async function mintToken(config: TokenConfig, user: AuthUser, expiresIn = '12h'): Promise<string> {
  return new SignJWT({ role: user.role, province: user.provinceCode, communes: user.communeCodes ?? undefined, agency: user.agencyId ?? undefined })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user.id)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(config.secret));
}

/** Verifies a bearer token and reads its user; any problem is UNAUTHENTICATED with a short reason. */
export async function verifyToken(config: TokenConfig, token: string): Promise<AuthUser> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(config.secret), { issuer: config.issuer, audience: config.audience, algorithms: ['HS256'] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('the token has expired');
    throw new UnauthenticatedError('the token is not valid');
  }
  const { sub, role, province, communes, agency } = payload as Record<string, unknown>;
  if (typeof sub !== 'string' || !isOneOf(ROLES, role) || typeof province !== 'string' || !/^\d{2}$/.test(province)) {
    throw new UnauthenticatedError('the token lacks a subject, a role or a province');
  }
  if (communes !== undefined && (!Array.isArray(communes) || !communes.every((c) => typeof c === 'string' && /^\d{5}$/.test(c)))) {
    throw new UnauthenticatedError('the token has a malformed commune scope');
  }
  if (role === 'AGENCY' && typeof agency !== 'string') throw new UnauthenticatedError('an AGENCY token must name its agency');
  return { id: sub, role, provinceCode: province, communeCodes: (communes as string[] | undefined) ?? null, agencyId: typeof agency === 'string' ? agency : null };
}

/** Reads `Authorization: Bearer <token>`; no header means an anonymous request. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"');
  return match[1];
}

export function validateRole(value: unknown): (typeof ROLES)[number] {
  if (!isOneOf(ROLES, value)) throw ValidationError.field('role', `must be one of ${ROLES.join(', ')}`);
  return value;
}
