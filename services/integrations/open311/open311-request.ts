import type { LocalityCatalogue } from '../../../domain/localities/catalogue';
import type { SubmitReport } from '../../../domain/issue/commands';
import { foldVietnamese } from '../../../domain/text/fold-vietnamese';
import { CHANNELS, INTENSITIES, REPORT_KINDS, SECTOR_LABELS, TENDENCIES, type Channel } from '../../../domain/vocabulary';
import type { Integration } from '../integration-registry';
import { sectorOfServiceCode } from './open311-services';

/** An error in the GeoReport v2 format: `[{"code": <status>, "description": "…"}]`, one entry per problem. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly descriptions: string[],
  ) {
    super(descriptions.join('; '));
  }
  body() {
    return this.descriptions.map((description) => ({ code: this.status, description }));
  }
}

/** A GeoReport v2 POST's fields (form-encoded or JSON), and our extensions. */
export type Open311Fields = Record<string, unknown>;

/** Domain field paths in GeoReport terms, for error messages. */
export const OPEN311_FIELD_NAMES: Readonly<Record<string, string>> = {
  summary: 'description',
  title: 'title',
  localityCode: 'locality_code',
  provinceCode: 'locality_code',
  observedAt: 'observed_at',
  peopleConcerned: 'people_concerned',
  sources: 'media_url',
  idempotencyKey: 'idempotency_key',
  channel: 'channel',
  kind: 'kind',
  tendency: 'tendency',
  intensity: 'intensity',
};

const TITLE_FROM_DESCRIPTION = 120;

function text(fields: Open311Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') throw new Open311Error(400, [`${name} must be a single text value`]);
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

function oneOf<C extends string>(fields: Open311Fields, name: string, list: readonly C[], fallback: C): C {
  const value = text(fields, name);
  if (value === undefined) return fallback;
  const upper = value.toUpperCase();
  if (!(list as readonly string[]).includes(upper)) throw new Open311Error(400, [`${name} must be one of ${list.join(', ')}`]);
  return upper as C;
}

function coordinate(fields: Open311Fields, name: 'lat' | 'long', limit: number): number | undefined {
  const value = text(fields, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw new Open311Error(400, [`${name} must be a number from -${limit} to ${limit}`]);
  return n;
}

/**
 * The commune an address names: the comma-separated parts of `address_string` are matched against the province's
 * communes (ignoring case, diacritics and tone-mark placement, with or without 'Xã'/'Phường'); exactly one must match.
 */
export function communeFromAddress(catalogue: LocalityCatalogue, provinceCode: string, address: string): string | undefined {
  const found = new Set<string>();
  for (const part of address.split(/[,;\n]/)) {
    const key = foldVietnamese(part).trim();
    if (key === '') continue;
    for (const unit of catalogue.search(part, { provinceCode, limit: 5 })) {
      if (unit.provinceCode === null) continue;
      if (foldVietnamese(unit.name) === key || foldVietnamese(catalogue.fullName(unit.code) ?? '') === key) found.add(unit.code);
    }
  }
  return found.size === 1 ? [...found][0] : undefined;
}

/**
 * Turns a GeoReport v2 request into a SubmitReport from the integration. Required: service_code (a sector), description,
 * a location (lat/long, address_string or address_id), and locality_code unless address_string names exactly one
 * commune. Personal data of the citizen (first_name, last_name, email, phone, device_id, account_id) is ignored: the
 * integration is the reporter. Field rules the domain checks (lengths, times) are reported by the command service.
 */
export function toSubmitReport(
  fields: Open311Fields,
  integration: Integration,
  catalogue: LocalityCatalogue,
  ids: { issueId: string; reportId: string },
  /** observed_at when the request gives none: now, or for a retry the time the first attempt recorded. */
  defaultObservedAt: string,
): Omit<SubmitReport, 'provinceCode'> {
  const problems: string[] = [];
  const serviceCode = text(fields, 'service_code');
  const sector = sectorOfServiceCode(serviceCode);
  if (serviceCode === undefined) problems.push('service_code is required');
  else if (sector === undefined) problems.push('service_code is not one of the codes of services.json');
  const description = text(fields, 'description');
  if (description === undefined) problems.push('description is required');
  const lat = coordinate(fields, 'lat', 90);
  const long = coordinate(fields, 'long', 180);
  const address = text(fields, 'address_string');
  const addressId = text(fields, 'address_id');
  if ((lat === undefined) !== (long === undefined)) problems.push('lat and long must be given together');
  if (lat === undefined && address === undefined && addressId === undefined) problems.push('a location is required: lat and long, address_string or address_id');
  let localityCode = text(fields, 'locality_code');
  if (localityCode === undefined && address !== undefined) localityCode = communeFromAddress(catalogue, integration.provinceCode, address);
  if (localityCode === undefined) problems.push('locality_code is required (address_string did not name exactly one commune of the province)');
  if (problems.length) throw new Open311Error(400, problems);

  const where = [address, addressId && `mã địa chỉ ${addressId}`, lat !== undefined && `toạ độ ${lat}, ${long}`].filter(Boolean).join('; ');
  const mediaUrl = text(fields, 'media_url');
  const people = text(fields, 'people_concerned');
  const sensitive = text(fields, 'sensitive');
  if (people !== undefined && !/^\d{1,9}$/.test(people)) throw new Open311Error(400, ['people_concerned must be a whole number']);
  if (sensitive !== undefined && !/^(true|false)$/i.test(sensitive)) throw new Open311Error(400, ['sensitive must be true or false']);
  return {
    type: 'SubmitReport',
    issueId: ids.issueId,
    reportId: ids.reportId,
    kind: oneOf(fields, 'kind', REPORT_KINDS, 'QUICK'),
    channel: oneOf<Channel>(fields, 'channel', CHANNELS, integration.defaultChannel),
    localityCode: localityCode!,
    sectors: [sector!],
    title: text(fields, 'title') ?? `${SECTOR_LABELS[sector!]}: ${description!.length > TITLE_FROM_DESCRIPTION ? `${description!.slice(0, TITLE_FROM_DESCRIPTION - 1)}…` : description}`,
    summary: where ? `${description}\n\nĐịa điểm: ${where}` : description!,
    peopleConcerned: people === undefined ? null : Number(people),
    tendency: oneOf(fields, 'tendency', TENDENCIES, 'NEGATIVE'),
    intensity: oneOf(fields, 'intensity', INTENSITIES, 'MEDIUM'),
    sources: [{ url: mediaUrl ?? null, outlet: integration.name }],
    sensitive: sensitive !== undefined && sensitive.toLowerCase() === 'true',
    observedAt: text(fields, 'observed_at') ?? defaultObservedAt,
    reporterId: integration.id,
    reporterRole: 'INTEGRATION',
  };
}
