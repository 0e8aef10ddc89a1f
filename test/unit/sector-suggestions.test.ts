import { indexDictionary, suggestSectors } from '../../domain/analytics/suggest-sectors';
import { SECTOR_DICTIONARY } from '../../domain/analytics/sector-dictionary';
import { duplicateSearchText } from '../../domain/analytics/duplicate-text';
import { hasDiacritics, toneKey } from '../../domain/text/tone-key';
import { foldVietnamese } from '../../domain/text/fold-vietnamese';
import { SECTORS, type Sector } from '../../domain/vocabulary';

/** Sector suggestions from report text, as given (a text) / when (suggestSectors) / then (ranked sectors). */

const sectorsOf = (text: string) => suggestSectors(text).map((s) => s.sector);
const top = (text: string) => suggestSectors(text)[0];

describe('suggestSectors', () => {
  describe('given a report with diacritics', () => {
    it('when it is about site clearance, then COMPENSATION_SITE_CLEARANCE comes first, with the phrases that matched', () => {
      const suggestion = top('Nhiều hộ dân bức xúc vì chưa nhận tiền bồi thường giải phóng mặt bằng dự án đường vành đai sau 6 tháng.');
      expect(suggestion.sector).toBe('COMPENSATION_SITE_CLEARANCE');
      expect(suggestion.matchedPhrases).toContain('bồi thường giải phóng mặt bằng');
      expect(suggestion.score).toBeGreaterThanOrEqual(3);
    });

    it('when it is about a pig farm’s smell and waste water, then ENVIRONMENT comes first', () => {
      const suggestion = top('Dân phản ánh ô nhiễm mùi hôi từ trại heo, nước thải chảy ra suối.');
      expect(suggestion).toMatchObject({ sector: 'ENVIRONMENT', matchedPhrases: ['ô nhiễm', 'mùi hôi', 'trại heo', 'nước thải'] });
      expect(suggestion.score).toBe(3 + 3 + 2 + 3);
    });

    it('when it names several sectors, then they are ranked by score and their confidences add up to 1', () => {
      const suggestions = suggestSectors('Học sinh trường tiểu học bị ngộ độc thực phẩm sau bữa ăn bán trú, phải đưa đi cấp cứu tại bệnh viện.');
      expect(suggestions.map((s) => s.sector).slice(0, 2)).toEqual(['HEALTH', 'EDUCATION']);
      for (let i = 1; i < suggestions.length; i++) expect(suggestions[i - 1].score).toBeGreaterThanOrEqual(suggestions[i].score);
      expect(suggestions.reduce((sum, s) => sum + s.confidence, 0)).toBeCloseTo(1, 2);
    });
  });

  describe('given the same report typed without diacritics', () => {
    it('when suggested, then the sectors, scores and (dictionary-spelt) phrases are the same', () => {
      const marked = 'Dân phản ánh ô nhiễm mùi hôi từ trại heo, nước thải chảy ra suối.';
      const plain = 'dan phan anh o nhiem mui hoi tu trai heo, nuoc thai chay ra suoi.';
      expect(suggestSectors(plain)).toEqual(suggestSectors(marked));
      expect(top(plain).matchedPhrases).toContain('ô nhiễm');
    });

    it('when it is upper case, then it reads the same', () => {
      expect(suggestSectors('TRỘM CẮP TÀI SẢN GIA TĂNG')).toEqual(suggestSectors('trộm cắp tài sản gia tăng'));
      expect(top('TROM CAP TAI SAN').sector).toBe('SECURITY_ORDER');
    });
  });

  describe('given old-style and new-style tone placement', () => {
    it.each([
      ['Hoá đơn tiền điện tăng gấp đôi', 'Hóa đơn tiền điện tăng gấp đôi', 'ECONOMY_LIVELIHOOD'],
      ['Thuỷ điện xả lũ, nhiều hộ ngập', 'Thủy điện xả lũ, nhiều hộ ngập', 'ENVIRONMENT'],
      ['Bà con ủng hộ chủ trương xoá nhà tạm', 'Bà con ủng hộ chủ trương xóa nhà tạm', 'SOCIAL_WELFARE'],
    ])('when "%s" and "%s" are suggested, then both give %s first, identically', (oldStyle, newStyle, sector) => {
      expect(top(oldStyle).sector).toBe(sector);
      expect(suggestSectors(oldStyle)).toEqual(suggestSectors(newStyle));
    });
  });

  describe('given words that fold alike', () => {
    it('when typed with diacritics, then "chưa" is not "chùa", while "chùa" is', () => {
      expect(sectorsOf('Nhà chưa có sổ đỏ vì chưa nộp hồ sơ')).not.toContain('RELIGION_ETHNICITY');
      expect(sectorsOf('Nhà chùa tổ chức lễ lớn, thu tiền cúng dường')).toContain('RELIGION_ETHNICITY');
    });

    it('when typed without diacritics, then a word marked accented-only ("chua") is not guessed', () => {
      expect(sectorsOf('nha chua co so do')).not.toContain('RELIGION_ETHNICITY');
      expect(sectorsOf('nha chua co so do')).toContain('PLANNING_LAND');
    });

    it('when "phần đông" (the majority) is written, then it is not "phản động" (reactionary)', () => {
      expect(sectorsOf('Phần đông người dân đồng tình với chủ trương của tỉnh')).not.toContain('PARTY_BUILDING');
      expect(sectorsOf('Phát hiện tài liệu của tổ chức phản động được rải trong thôn')).toContain('PARTY_BUILDING');
    });
  });

  describe('given phrases and their boundaries', () => {
    it('when a phrase sits inside a longer one, then only the longer one counts ("quy hoạch cán bộ" is personnel)', () => {
      const suggestions = suggestSectors('Dư luận bàn tán về quy hoạch cán bộ nhiệm kỳ tới');
      expect(suggestions[0].sector).toBe('PERSONNEL');
      expect(suggestions.map((s) => s.sector)).not.toContain('PLANNING_LAND');
    });

    it('when words are split by punctuation, then no phrase spans the break ("nhiều việc, làm thêm" is not "việc làm")', () => {
      expect(sectorsOf('Cán bộ phải kiêm nhiều việc, làm thêm cả thứ bảy')).not.toContain('ECONOMY_LIVELIHOOD');
      expect(sectorsOf('Thanh niên trong xã thiếu việc làm')).toContain('ECONOMY_LIVELIHOOD');
    });

    it('when a phrase only appears inside other words, then it does not match (whole words only)', () => {
      const index = indexDictionary({ ...emptyDictionary(), SECURITY_ORDER: [['an ninh', 3]] });
      expect(suggestSectors('Ban Ninh Hoà họp dân', index)).toEqual([]);
      expect(suggestSectors('Bảo đảm an ninh thôn xóm', index)).toEqual([{ sector: 'SECURITY_ORDER', score: 3, confidence: 1, matchedPhrases: ['an ninh'] }]);
    });

    it('when a phrase is repeated, then it counts once', () => {
      expect(top('Trộm cắp, trộm cắp và trộm cắp').score).toBe(3);
    });
  });

  describe('given a text with no sector phrase', () => {
    it.each(['', '   ', 'Hôm nay trời đẹp', '!!! ???'])('when %j is suggested, then there is no suggestion (not OTHER)', (text) => {
      expect(suggestSectors(text)).toEqual([]);
    });
  });
});

function emptyDictionary(): Record<Sector, readonly []> {
  return Object.fromEntries(SECTORS.map((sector) => [sector, []])) as unknown as Record<Sector, readonly []>;
}

describe('the sector dictionary', () => {
  it('has phrases for every sector of the vocabulary, and only those', () => {
    expect(Object.keys(SECTOR_DICTIONARY).sort()).toEqual([...SECTORS].sort());
    for (const sector of SECTORS) expect(SECTOR_DICTIONARY[sector].length).toBeGreaterThanOrEqual(15);
  });

  it('lists each phrase once per sector, with a weight of 1 to 3, in NFC, matching its own text', () => {
    for (const sector of SECTORS) {
      const seen = new Set<string>();
      for (const [phrase, weight] of SECTOR_DICTIONARY[sector]) {
        expect([1, 2, 3]).toContain(weight);
        expect(phrase).toBe(phrase.normalize('NFC'));
        expect(phrase.trim()).toBe(phrase);
        const key = phrase.split(/\s+/).map(toneKey).join(' ');
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        const own = suggestSectors(phrase, indexDictionary({ ...emptyDictionary(), [sector]: [[phrase, weight]] }));
        expect(own[0]?.matchedPhrases).toEqual([phrase]);
      }
    }
  });
});

describe('toneKey and hasDiacritics', () => {
  it('treat the two tone placements alike and keep every other diacritic', () => {
    expect(toneKey('hoà')).toBe(toneKey('hòa'));
    expect(toneKey('Thuỷ')).toBe(toneKey('thủy'));
    expect(toneKey('khoẻ')).toBe(toneKey('khỏe'));
    expect(toneKey('hoa')).not.toBe(toneKey('hòa'));
    expect(toneKey('chưa')).not.toBe(toneKey('chùa'));
    expect(toneKey('đất')).not.toBe(toneKey('đạt'));
    expect(foldVietnamese('chưa')).toBe(foldVietnamese('chùa')); // what folding alone cannot tell apart
  });

  it('know a word typed without diacritics', () => {
    expect(hasDiacritics('chua')).toBe(false);
    expect(hasDiacritics('chưa')).toBe(true);
    expect(hasDiacritics('Đa')).toBe(true);
  });
});

describe('duplicateSearchText', () => {
  it('folds the text and drops the words every report uses, so only the matter is compared', () => {
    expect(duplicateSearchText('Người dân phản ánh ô nhiễm mùi hôi từ trại heo')).toBe('o nhiem mui hoi tu trai heo');
    expect(duplicateSearchText('dan phan anh o nhiem mui hoi trai heo')).toBe('o nhiem mui hoi trai heo');
    expect(duplicateSearchText('Bà con bức xúc, đề nghị xem xét')).toBe('');
  });
});
