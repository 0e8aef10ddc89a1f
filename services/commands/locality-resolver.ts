import { ValidationError } from '../../domain/errors';
import { LocalityCatalogue } from '../../domain/localities/catalogue';
import { isLocalityCodeFormat } from '../../domain/localities/admin-unit';

/**
 * Resolves a command's locality against the catalogue: the code must exist, and the province is filled in from it.
 * When the catalogue was loaded without communes (no DLXH_ADMIN_UNITS file), a commune code cannot be checked; then
 * the caller must name the province, and only the province is checked.
 */
export function resolveLocality(
  catalogue: LocalityCatalogue,
  localityCode: unknown,
  givenProvince: unknown,
  path: (string | number)[],
): { localityCode: string; provinceCode: string } {
  if (!isLocalityCodeFormat(localityCode)) {
    throw ValidationError.field([...path, 'localityCode'], 'must be a province code (2 digits) or a commune code (5 digits)');
  }
  const known = catalogue.byCode(localityCode);
  if (known) {
    const provinceCode = known.provinceCode ?? known.code;
    if (givenProvince !== undefined && givenProvince !== null && givenProvince !== provinceCode) {
      throw ValidationError.field([...path, 'provinceCode'], `does not match the province of locality ${localityCode}`);
    }
    return { localityCode, provinceCode };
  }
  if (localityCode.length === 5 && !catalogue.hasCommunes() && typeof givenProvince === 'string' && catalogue.isProvince(givenProvince)) {
    return { localityCode, provinceCode: givenProvince };
  }
  throw ValidationError.field([...path, 'localityCode'], `is not a known province or commune (${localityCode})`);
}
