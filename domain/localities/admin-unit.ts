/**
 * Administrative units after the 1 July 2025 reorganisation: two levels of local government,
 * 34 provinces and centrally-run cities, and 3,321 commune-level units (xã, phường, đặc khu).
 * There are no districts any more.
 */

/** The unit's type, as in vn-admin-units.json. */
export const ADMIN_UNIT_TYPES = ['tinh', 'thanh-pho', 'xa', 'phuong', 'dac-khu'] as const;
export type AdminUnitType = (typeof ADMIN_UNIT_TYPES)[number];

/** The Vietnamese prefix of the full name: 'Phường' + 'Xuân Hương - Đà Lạt'. */
export const ADMIN_UNIT_TYPE_LABELS: Readonly<Record<AdminUnitType, string>> = {
  tinh: 'Tỉnh',
  'thanh-pho': 'Thành phố',
  xa: 'Xã',
  phuong: 'Phường',
  'dac-khu': 'Đặc khu',
};

export const PROVINCE_TYPES: readonly AdminUnitType[] = ['tinh', 'thanh-pho'];
export const COMMUNE_TYPES: readonly AdminUnitType[] = ['xa', 'phuong', 'dac-khu'];

/** One unit, shaped like a record of vn-admin-units.json. */
export interface AdminUnit {
  /** GSO code: 2 digits for a province, 5 for a commune. A string: leading zeros matter. */
  code: string;
  /** Short Vietnamese name, without the type prefix. */
  name: string;
  nameEn: string;
  type: AdminUnitType;
  /** The parent province's code; null for a province. */
  provinceCode: string | null;
}

export const PROVINCE_CODE_PATTERN = /^\d{2}$/;
export const COMMUNE_CODE_PATTERN = /^\d{5}$/;

/** True when `code` has the format of a locality code (a province's 2 digits or a commune's 5). */
export function isLocalityCodeFormat(code: unknown): code is string {
  return typeof code === 'string' && (PROVINCE_CODE_PATTERN.test(code) || COMMUNE_CODE_PATTERN.test(code));
}
