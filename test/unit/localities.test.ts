import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ValidationError } from '../../domain/errors';
import { isLocalityCodeFormat } from '../../domain/localities/admin-unit';
import { LocalityCatalogue, parseAdminUnits } from '../../domain/localities/catalogue';
import { PROVINCES } from '../../domain/localities/provinces';
import { foldVietnamese } from '../../domain/text/fold-vietnamese';

/** The national catalogue lives outside the repository; DLXH_ADMIN_UNITS points elsewhere if needed. */
const ADMIN_UNITS_FILE = process.env.DLXH_ADMIN_UNITS ?? path.resolve(__dirname, '../../../shared/data/vn-admin-units.json');

describe('the full catalogue (vn-admin-units.json)', () => {
  const fileText = readFileSync(ADMIN_UNITS_FILE, 'utf8');
  const catalogue = LocalityCatalogue.fromJson(fileText);

  test('has 34 provinces and 3,321 communes', () => {
    expect(catalogue.provinces()).toHaveLength(34);
    expect(catalogue.size - 34).toBe(3321);
    const communes = catalogue.provinces().flatMap((province) => catalogue.communesOf(province.code));
    expect(communes).toHaveLength(3321);
    expect(catalogue.hasCommunes()).toBe(true);
  });

  test('Lâm Đồng (68), merged with Đắk Nông and Bình Thuận, has 124 units', () => {
    expect(catalogue.byCode('68')).toMatchObject({ name: 'Lâm Đồng', type: 'tinh', provinceCode: null });
    const units = catalogue.communesOf('68');
    expect(units).toHaveLength(124);
    const byType = (type: string) => units.filter((unit) => unit.type === type).length;
    expect([byType('xa'), byType('phuong'), byType('dac-khu')]).toEqual([103, 20, 1]);
    expect(catalogue.hasCommunes('68')).toBe(true);
  });

  test('the built-in provinces are exactly the provinces of the file', () => {
    expect(catalogue.provinces()).toEqual(PROVINCES);
  });

  test("search 'Xuan Huong' finds Phường Xuân Hương - Đà Lạt", () => {
    const [first] = catalogue.search('Xuan Huong');
    expect(first).toMatchObject({ code: '24781', name: 'Xuân Hương - Đà Lạt', type: 'phuong', provinceCode: '68' });
    expect(catalogue.fullName(first.code)).toBe('Phường Xuân Hương - Đà Lạt');
    expect(catalogue.search('xuan huong da lat')[0].code).toBe('24781');
    expect(catalogue.search('Phường Xuân Hương')[0].code).toBe('24781');
  });

  test("tone-mark placement does not matter: 'Hòa' finds names written 'Hoà', and the other way round", () => {
    const oldStyle = catalogue.search('Khánh Hòa');
    const newStyle = catalogue.search('Khánh Hoà');
    expect(oldStyle[0]).toMatchObject({ code: '56', name: 'Khánh Hoà' });
    expect(oldStyle).toEqual(newStyle);
    expect(catalogue.search('Thanh Hóa')[0].code).toBe('38');
    expect(catalogue.search('thuy', { limit: 500 })).toEqual(catalogue.search('Thủy', { limit: 500 }));
  });

  test('exact matches come first, then prefixes, then later words, then other substrings', () => {
    const key = (name: string) => foldVietnamese(name).replace(/[^a-z0-9]+/g, ' ').trim();
    const rank = (name: string) => {
      const k = key(name);
      if (k === 'hoa') return 0;
      if (k.startsWith('hoa')) return 1;
      return k.includes(' hoa') ? 2 : 3;
    };
    const ranks = catalogue.search('Hòa', { limit: 500 }).map((unit) => rank(unit.name));
    expect(new Set(ranks)).toEqual(new Set([1, 2, 3]));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  test('search can be limited to a province and to a number of results', () => {
    const all = catalogue.search('Tân', { limit: 500 });
    const inLamDong = catalogue.search('Tân', { provinceCode: '68', limit: 500 });
    expect(inLamDong.length).toBeGreaterThan(0);
    expect(inLamDong.length).toBeLessThan(all.length);
    expect(inLamDong.every((unit) => (unit.provinceCode ?? unit.code) === '68')).toBe(true);
    expect(catalogue.search('Tân', { limit: 3 })).toHaveLength(3);
    expect(catalogue.search('Tân')).toHaveLength(20);
    expect(() => catalogue.search('Tân', { limit: 0 })).toThrow(ValidationError);
    expect(catalogue.search('   ')).toEqual([]);
    expect(catalogue.search('zzzz')).toEqual([]);
  });

  test('typing only a type word does not list every unit of that type first', () => {
    expect(catalogue.search('Phường', { limit: 5 }).every((unit) => unit.name.startsWith('Phư'))).toBe(true);
  });

  test('lookups: byCode, provinceOf, isProvince, isCommune, fullName', () => {
    expect(catalogue.provinceOf('24781')?.code).toBe('68');
    expect(catalogue.provinceOf('68')?.code).toBe('68');
    expect(catalogue.provinceOf('99999')).toBeUndefined();
    expect(catalogue.isProvince('68')).toBe(true);
    expect(catalogue.isProvince('24781')).toBe(false);
    expect(catalogue.isCommune('24781')).toBe(true);
    expect(catalogue.isCommune('99999')).toBe(false);
    expect(catalogue.fullName('23272')).toBe('Đặc khu Phú Quý');
    expect(catalogue.fullName('68')).toBe('Tỉnh Lâm Đồng');
    expect(catalogue.fullName('79')).toBe('Thành phố Hồ Chí Minh');
    expect(catalogue.fullName('32248')).toBe('Xã Đất Mũi');
    expect(catalogue.fullName('00000')).toBeUndefined();
  });
});

describe('LocalityCatalogue.default()', () => {
  const catalogue = LocalityCatalogue.default();

  test('has the 34 provinces and no communes', () => {
    expect(catalogue.provinces()).toHaveLength(34);
    expect(catalogue.size).toBe(34);
    expect(catalogue.hasCommunes()).toBe(false);
    expect(catalogue.communesOf('68')).toEqual([]);
    expect(PROVINCES.filter((p) => p.type === 'thanh-pho').map((p) => p.name)).toEqual([
      'Hà Nội',
      'Hải Phòng',
      'Huế',
      'Đà Nẵng',
      'Đồng Nai',
      'Hồ Chí Minh',
      'Cần Thơ',
    ]);
  });

  test('finds provinces by Vietnamese or English name, with or without diacritics', () => {
    expect(catalogue.search('ha noi')[0].code).toBe('01');
    expect(catalogue.search('Hanoi')[0].code).toBe('01');
    expect(catalogue.search('Thành phố Huế')[0].code).toBe('46');
    expect(catalogue.search('Lam Dong')[0].code).toBe('68');
    expect(catalogue.fullName('46')).toBe('Thành phố Huế');
  });
});

describe('parseAdminUnits', () => {
  const province = { code: '68', name: 'Lâm Đồng', nameEn: 'Lam Dong', type: 'tinh', provinceCode: null };
  const commune = { code: '24781', name: 'Xuân Hương - Đà Lạt', nameEn: 'Xuan Huong - Da Lat', type: 'phuong', provinceCode: '68' };
  const parse = (records: unknown) => () => LocalityCatalogue.fromJson(JSON.stringify(records));

  test('accepts well-formed records', () => {
    expect(parseAdminUnits(JSON.stringify([province, commune]))).toEqual([province, commune]);
  });

  test.each<[string, () => unknown, string]>([
    ['text that is not JSON', () => parseAdminUnits('{ not json'), 'not valid JSON'],
    ['a JSON object instead of an array', parse({ units: [] }), 'expected a non-empty JSON array'],
    ['an empty array', parse([]), 'expected a non-empty JSON array'],
    ['a record that is not an object', parse([province, 'x']), 'record 1 is not an object'],
    ['a code without leading zeros', parse([{ ...province, code: 1 }]), 'record 0: code must be a string'],
    ['a code of 3 digits', parse([{ ...province, code: '680' }]), 'record 0: code'],
    ['a missing name', parse([{ ...province, name: '' }]), 'record 0: name must be a non-empty string'],
    ['a missing English name', parse([{ ...province, nameEn: undefined }]), 'record 0: nameEn'],
    ['an unknown type', parse([{ ...province, type: 'huyen' }]), 'record 0: type must be one of'],
    ['a province with a parent', parse([{ ...province, provinceCode: '01' }]), 'record 0: provinceCode of a province must be null'],
    ['a province with a 5-digit code', parse([{ ...province, code: '00068' }]), 'record 0: code of a province must have 2 digits'],
    ['a commune without a province', parse([province, { ...commune, provinceCode: null }]), 'record 1: provinceCode of a commune'],
    ['a commune with a 2-digit code', parse([province, { ...commune, code: '24' }]), 'record 1: code of a commune must have 5 digits'],
    ['a commune of an unknown province', parse([province, { ...commune, provinceCode: '01' }]), 'commune 24781 names unknown province 01'],
    ['a duplicate code', parse([province, commune, commune]), 'duplicate code 24781'],
  ])('rejects %s with a clear ValidationError', (_case, run, expected) => {
    expect(run).toThrow(ValidationError);
    expect(run).toThrow(expected);
  });
});

test('isLocalityCodeFormat accepts 2- and 5-digit codes only', () => {
  expect(['68', '24781', '00004'].every(isLocalityCodeFormat)).toBe(true);
  expect(['6', '680', '2478', '247810', 'ab', 68, null].some(isLocalityCodeFormat)).toBe(false);
});
