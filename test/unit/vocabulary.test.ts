import { foldVietnamese } from '../../domain/text/fold-vietnamese';
import {
  isOneOf,
  labelled,
  maxSeverity,
  SECTOR_LABELS,
  SECTORS,
  SEVERITIES,
  severityRank,
  VOCABULARIES,
} from '../../domain/vocabulary';

describe('vocabularies', () => {
  test.each(Object.entries(VOCABULARIES))('%s: unique codes, each with a non-empty label and no stray labels', (_name, vocabulary) => {
    const codes: readonly string[] = vocabulary.codes;
    expect(new Set(codes).size).toBe(codes.length);
    expect(Object.keys(vocabulary.labels).sort()).toEqual([...codes].sort());
    for (const label of Object.values(vocabulary.labels) as string[]) {
      expect(label.trim()).toBe(label);
      expect(label.length).toBeGreaterThan(1);
      expect(label.normalize('NFC')).toBe(label);
    }
  });

  test('the 16 sectors of DOMAIN.md, with their Vietnamese names', () => {
    expect(SECTORS).toHaveLength(16);
    expect(SECTOR_LABELS.PLANNING_LAND).toBe('Quy hoạch, đất đai');
    expect(SECTOR_LABELS.COMPENSATION_SITE_CLEARANCE).toBe('Bồi thường, giải phóng mặt bằng');
    expect(SECTOR_LABELS.PERSONNEL).toBe('Công tác cán bộ');
    expect(SECTOR_LABELS.LOCAL_GOVERNMENT_REFORM).toBe('Chính quyền địa phương hai cấp');
    expect(SECTOR_LABELS.OTHER).toBe('Khác');
  });

  test('the other closed lists', () => {
    expect(VOCABULARIES.reportKind.codes).toEqual(['PERIODIC', 'QUICK', 'AD_HOC']);
    expect(VOCABULARIES.channel.codes).toHaveLength(11);
    expect(VOCABULARIES.tendency.codes).toEqual(['POSITIVE', 'NEUTRAL', 'NEGATIVE', 'MIXED']);
    expect(VOCABULARIES.intensity.codes).toEqual(['LOW', 'MEDIUM', 'HIGH']);
    expect(VOCABULARIES.verificationOutcome.codes).toEqual(['CONFIRMED', 'PARTLY_CONFIRMED', 'UNFOUNDED', 'UNVERIFIABLE']);
    expect(VOCABULARIES.role.codes).toEqual(['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR', 'INTEGRATION']);
    expect(VOCABULARIES.guidanceKind.codes).toEqual(['ORIENTATION', 'REBUTTAL']);
    expect(VOCABULARIES.escalationLevel.codes).toEqual(['QUICK_REPORT', 'HOTSPOT']);
    expect(VOCABULARIES.collaboratorLevel.codes).toEqual(['PROVINCE', 'COMMUNE']);
    expect(VOCABULARIES.severity.labels.HOTSPOT).toBe('Điểm nóng');
  });

  test('isOneOf accepts only listed codes, case-sensitively, and only strings', () => {
    expect(isOneOf(SECTORS, 'HEALTH')).toBe(true);
    expect(isOneOf(SECTORS, 'health')).toBe(false);
    expect(isOneOf(SECTORS, 'SPORTS')).toBe(false);
    expect(isOneOf(SECTORS, undefined)).toBe(false);
    expect(isOneOf(SECTORS, 3)).toBe(false);
  });

  test('labelled lists {code, label} in display order', () => {
    expect(labelled(VOCABULARIES.intensity)).toEqual([
      { code: 'LOW', label: 'Thấp' },
      { code: 'MEDIUM', label: 'Trung bình' },
      { code: 'HIGH', label: 'Cao' },
    ]);
    expect(labelled(VOCABULARIES.sector)).toHaveLength(16);
  });

  test('severities are ordered NORMAL < PROMINENT < PRESSING < HOTSPOT', () => {
    expect(SEVERITIES.map(severityRank)).toEqual([0, 1, 2, 3]);
    expect(severityRank('PRESSING')).toBeGreaterThan(severityRank('PROMINENT'));
    expect(maxSeverity('HOTSPOT', 'PRESSING')).toBe('HOTSPOT');
    expect(maxSeverity('NORMAL', 'PROMINENT')).toBe('PROMINENT');
  });
});

describe('foldVietnamese', () => {
  test.each([
    ['Hòa', 'Hoà'],
    ['Thủy', 'Thuỷ'],
    ['Thanh Hóa', 'Thanh Hoá'],
    ['Khánh Hòa', 'khanh hoa'],
    ['Đà Lạt', 'da lat'],
    ['ĐẮK LẮK', 'dak lak'],
    ['Xuân  Hương\t- Đà Lạt ', 'xuan huong - da lat'],
  ])('%s and %s fold alike', (a, b) => {
    expect(foldVietnamese(a)).toBe(foldVietnamese(b));
  });

  test('strips every diacritic, maps đ to d, lowercases and collapses whitespace', () => {
    expect(foldVietnamese('  Bồi thường,   giải phóng MẶT BẰNG ')).toBe('boi thuong, giai phong mat bang');
    expect(foldVietnamese('Đồng Nai')).toBe('dong nai');
    expect(foldVietnamese('Ðắk Nông')).toBe('dak nong'); // the eth look-alike
  });

  test('gives the same key for precomposed (NFC) and decomposed (NFD) input', () => {
    const name = 'Phường Xuân Hương - Đà Lạt';
    expect(foldVietnamese(name.normalize('NFD'))).toBe(foldVietnamese(name.normalize('NFC')));
  });

  test('leaves plain ASCII alone apart from case and spacing', () => {
    expect(foldVietnamese('Ho Chi Minh 1')).toBe('ho chi minh 1');
    expect(foldVietnamese('')).toBe('');
  });
});
