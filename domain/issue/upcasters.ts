/**
 * Earlier versions of issue events, and the upcasters that read them as the current version (see ../upcasting.ts).
 *
 * ReportSubmitted
 * - v1: the report and the classification named only a locality (`localityCode`).
 * - v2 (current): both also carry `provinceCode`, the locality's province, so that scope checks, trends and the event
 *   feed can group by province without the catalogue. The upcaster fills it in from the catalogue.
 */
import { UpcastError, type UpcasterDefinition, type UpcastDependencies } from '../upcasting';
import type { Classification, Report, ReportSubmitted } from './events';

export type ReportV1 = Omit<Report, 'provinceCode'>;
export type ClassificationV1 = Omit<Classification, 'provinceCode'>;

export type ReportSubmittedV1 = {
  type: 'ReportSubmitted';
  data: Omit<ReportSubmitted['data'], 'report' | 'classification'> & { report: ReportV1; classification: ClassificationV1 };
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The province of a v1 locality. A province code is its own province; a commune needs the catalogue. A province
 * already present (a writer that did not stamp v2 yet) is kept. An unknown locality fails loudly: guessing would
 * move the issue out of (or into) someone's scope.
 */
function withProvince(value: unknown, field: string, deps: UpcastDependencies): Record<string, unknown> {
  if (!isObject(value)) throw new UpcastError('ReportSubmitted', 1, `${field} is not an object`);
  if (typeof value.provinceCode === 'string' && value.provinceCode !== '') return value;
  const { localityCode } = value;
  if (typeof localityCode !== 'string') throw new UpcastError('ReportSubmitted', 1, `${field}.localityCode is not a string`);
  const provinceCode = deps.provinceOf(localityCode) ?? (/^\d{2}$/.test(localityCode) ? localityCode : undefined);
  if (provinceCode === undefined) throw new UpcastError('ReportSubmitted', 1, `${field}.localityCode ${localityCode} is not in the locality catalogue`);
  return { ...value, provinceCode };
}

export const reportSubmittedV1ToV2: UpcasterDefinition = {
  type: 'ReportSubmitted',
  fromVersion: 1,
  change: 'report.provinceCode and classification.provinceCode added (the province of the locality, from the catalogue)',
  upcast(data, deps) {
    if (!isObject(data)) throw new UpcastError('ReportSubmitted', 1, 'data is not an object');
    return { ...data, report: withProvince(data.report, 'report', deps), classification: withProvince(data.classification, 'classification', deps) };
  },
};

export const ISSUE_UPCASTERS: readonly UpcasterDefinition[] = [reportSubmittedV1ToV2];
