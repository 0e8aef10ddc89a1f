import { ValidationError } from '../errors';
import { foldVietnamese } from '../text/fold-vietnamese';
import {
  ADMIN_UNIT_TYPE_LABELS,
  ADMIN_UNIT_TYPES,
  AdminUnit,
  AdminUnitType,
  COMMUNE_CODE_PATTERN,
  COMMUNE_TYPES,
  PROVINCE_CODE_PATTERN,
  PROVINCE_TYPES,
} from './admin-unit';
import { PROVINCES } from './provinces';

export interface LocalitySearchOptions {
  /** Only units of this province (the province itself and its communes). */
  provinceCode?: string;
  /** At most this many results; 20 when absent. */
  limit?: number;
}

const DEFAULT_SEARCH_LIMIT = 20;
const MAX_SEARCH_LIMIT = 500;

/**
 * Parses the text of a file shaped like vn-admin-units.json (a JSON array of
 * `{code, name, nameEn, type, provinceCode}`) and checks every record's shape.
 * The caller reads the file; the domain does no I/O.
 * @throws ValidationError naming the first bad record and field.
 */
export function parseAdminUnits(jsonText: string): AdminUnit[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jsonText);
  } catch {
    throw new ValidationError('admin units file: not valid JSON', [{ path: [], message: 'not valid JSON' }]);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) {
    throw new ValidationError('admin units file: expected a non-empty JSON array of units', [
      { path: [], message: 'expected a non-empty array' },
    ]);
  }
  return parsed.map((record: unknown, index) => parseAdminUnit(record, index));
}

function parseAdminUnit(record: unknown, index: number): AdminUnit {
  const fail = (field: string, message: string): never => {
    throw new ValidationError(`admin units file: record ${index}: ${field} ${message}`, [
      { path: [index, field], message },
    ]);
  };
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new ValidationError(`admin units file: record ${index} is not an object`, [
      { path: [index], message: 'not an object' },
    ]);
  }
  const { code, name, nameEn, type, provinceCode } = record as Record<string, unknown>;
  if (typeof code !== 'string' || !(PROVINCE_CODE_PATTERN.test(code) || COMMUNE_CODE_PATTERN.test(code))) {
    fail('code', 'must be a string of 2 digits (province) or 5 digits (commune)');
  }
  if (typeof name !== 'string' || name.trim() === '') fail('name', 'must be a non-empty string');
  if (typeof nameEn !== 'string') fail('nameEn', 'must be a string');
  if (typeof type !== 'string' || !(ADMIN_UNIT_TYPES as readonly string[]).includes(type)) {
    fail('type', `must be one of ${ADMIN_UNIT_TYPES.join(', ')}`);
  }
  const unitType = type as AdminUnitType;
  const unitCode = code as string;
  if (PROVINCE_TYPES.includes(unitType)) {
    if (!PROVINCE_CODE_PATTERN.test(unitCode)) fail('code', 'of a province must have 2 digits');
    if (provinceCode !== null) fail('provinceCode', 'of a province must be null');
  } else {
    if (!COMMUNE_CODE_PATTERN.test(unitCode)) fail('code', 'of a commune must have 5 digits');
    if (typeof provinceCode !== 'string' || !PROVINCE_CODE_PATTERN.test(provinceCode)) {
      fail('provinceCode', 'of a commune must be a 2-digit province code');
    }
  }
  return {
    code: unitCode,
    name: name as string,
    nameEn: nameEn as string,
    type: unitType,
    provinceCode: provinceCode as string | null,
  };
}

/** Folded and with punctuation as spaces, so 'Xuân Hương - Đà Lạt' matches 'xuan huong da lat'. */
function searchKey(text: string): string {
  return foldVietnamese(text).replace(/[^a-z0-9]+/g, ' ').trim();
}

interface SearchEntry {
  unit: AdminUnit;
  /** Keys of the name and of the English name. */
  nameKeys: string[];
  /** Key of the type prefix ('phuong') and of the full name ('phuong xuan huong da lat'). */
  typeKey: string;
  fullNameKey: string;
}

/** How well a key matches: 0 exact, 1 prefix, 2 a word starts with the query, 3 substring; undefined if none. */
function matchRank(key: string, query: string): number | undefined {
  if (key === query) return 0;
  if (key.startsWith(query)) return 1;
  if (key.includes(` ${query}`)) return 2;
  if (key.includes(query)) return 3;
  return undefined;
}

/**
 * The catalogue of provinces and communes, with lookups and a search that ignores diacritics and
 * tone-mark placement. Immutable once built.
 */
export class LocalityCatalogue {
  private readonly units = new Map<string, AdminUnit>();
  private readonly communesByProvince = new Map<string, AdminUnit[]>();
  private readonly entries: SearchEntry[];

  /**
   * @param units records shaped like vn-admin-units.json, e.g. from `parseAdminUnits`.
   * @throws ValidationError on duplicate codes or a commune whose province is missing.
   */
  constructor(units: readonly AdminUnit[]) {
    for (const unit of units) {
      if (this.units.has(unit.code)) {
        throw new ValidationError(`admin units: duplicate code ${unit.code}`, [
          { path: ['code'], message: `duplicate code ${unit.code}` },
        ]);
      }
      this.units.set(unit.code, unit);
    }
    for (const unit of units) {
      if (unit.provinceCode === null) continue;
      const province = this.units.get(unit.provinceCode);
      if (province === undefined || province.provinceCode !== null) {
        throw new ValidationError(`admin units: commune ${unit.code} names unknown province ${unit.provinceCode}`, [
          { path: ['provinceCode'], message: `unknown province ${unit.provinceCode}` },
        ]);
      }
      const communes = this.communesByProvince.get(unit.provinceCode) ?? [];
      communes.push(unit);
      this.communesByProvince.set(unit.provinceCode, communes);
    }
    this.entries = units.map((unit) => ({
      unit,
      nameKeys: [searchKey(unit.name), searchKey(unit.nameEn)],
      typeKey: searchKey(ADMIN_UNIT_TYPE_LABELS[unit.type]),
      fullNameKey: searchKey(`${ADMIN_UNIT_TYPE_LABELS[unit.type]} ${unit.name}`),
    }));
  }

  /** The built-in catalogue: the 34 provinces, without communes. */
  static default(): LocalityCatalogue {
    return new LocalityCatalogue(PROVINCES);
  }

  /** Parses and builds a catalogue from the text of a vn-admin-units.json-shaped file. */
  static fromJson(jsonText: string): LocalityCatalogue {
    return new LocalityCatalogue(parseAdminUnits(jsonText));
  }

  get size(): number {
    return this.units.size;
  }

  /** The provinces, in code order. */
  provinces(): AdminUnit[] {
    return [...this.units.values()].filter((unit) => unit.provinceCode === null);
  }

  byCode(code: string): AdminUnit | undefined {
    return this.units.get(code);
  }

  /** The province a unit belongs to; a province is its own province. Undefined for an unknown code. */
  provinceOf(code: string): AdminUnit | undefined {
    const unit = this.units.get(code);
    if (unit === undefined) return undefined;
    return unit.provinceCode === null ? unit : this.units.get(unit.provinceCode);
  }

  /** The commune-level units of a province (empty for an unknown province or one loaded without communes). */
  communesOf(provinceCode: string): readonly AdminUnit[] {
    return this.communesByProvince.get(provinceCode) ?? [];
  }

  isProvince(code: string): boolean {
    const unit = this.units.get(code);
    return unit !== undefined && PROVINCE_TYPES.includes(unit.type);
  }

  isCommune(code: string): boolean {
    const unit = this.units.get(code);
    return unit !== undefined && COMMUNE_TYPES.includes(unit.type);
  }

  /**
   * Whether commune-level units are loaded: for one province when `provinceCode` is given, else at all.
   * `LocalityCatalogue.default()` has none, so a commune code cannot be checked against it.
   */
  hasCommunes(provinceCode?: string): boolean {
    return provinceCode === undefined ? this.communesByProvince.size > 0 : this.communesOf(provinceCode).length > 0;
  }

  /** The Vietnamese full name with its type prefix, e.g. 'Phường Xuân Hương - Đà Lạt', 'Tỉnh Lâm Đồng'. */
  fullName(code: string): string | undefined {
    const unit = this.units.get(code);
    return unit === undefined ? undefined : `${ADMIN_UNIT_TYPE_LABELS[unit.type]} ${unit.name}`;
  }

  /**
   * Units whose name matches `query`, ignoring case, diacritics, tone-mark placement and punctuation.
   * The query may include the type ('Xã Tân Hòa'). Exact matches come first, then prefix matches,
   * then matches at the start of a later word, then other substrings; ties keep the catalogue's order.
   */
  search(query: string, options: LocalitySearchOptions = {}): AdminUnit[] {
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      throw ValidationError.field(['limit'], `must be an integer from 1 to ${MAX_SEARCH_LIMIT}`);
    }
    const key = searchKey(query);
    if (key === '') return [];
    const matches: { unit: AdminUnit; rank: number; order: number }[] = [];
    this.entries.forEach((entry, order) => {
      const { unit } = entry;
      if (options.provinceCode !== undefined && (unit.provinceCode ?? unit.code) !== options.provinceCode) return;
      const ranks = entry.nameKeys.map((nameKey) => matchRank(nameKey, key));
      // A query that names the type ('phuong xuan huong') matches the full name; the type word alone does not.
      if (key.startsWith(`${entry.typeKey} `)) ranks.push(matchRank(entry.fullNameKey, key));
      const rank = Math.min(...ranks.filter((r): r is number => r !== undefined));
      if (Number.isFinite(rank)) matches.push({ unit, rank, order });
    });
    matches.sort((a, b) => a.rank - b.rank || a.order - b.order);
    return matches.slice(0, limit).map((match) => match.unit);
  }
}
