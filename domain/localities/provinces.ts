/**
 * The 34 provinces and centrally-run cities after the 1 July 2025 reorganisation, as listed in
 * vn-admin-units.json (GSO codes; source: thanglequoc/vietnamese-provinces-database v4.2.0, MIT, see
 * data/SOURCE.md). Đồng Nai is a thanh-pho since 30 April 2026. Names keep the source's tone-mark placement
 * ("Thanh Hoá", "Khánh Hoà"): match them with foldVietnamese, never by exact string.
 */
import type { AdminUnit } from './admin-unit';

export const PROVINCES: readonly AdminUnit[] = [
  { code: '01', name: 'Hà Nội', nameEn: 'Hanoi', type: 'thanh-pho', provinceCode: null },
  { code: '04', name: 'Cao Bằng', nameEn: 'Cao Bang', type: 'tinh', provinceCode: null },
  { code: '08', name: 'Tuyên Quang', nameEn: 'Tuyen Quang', type: 'tinh', provinceCode: null },
  { code: '11', name: 'Điện Biên', nameEn: 'Dien Bien', type: 'tinh', provinceCode: null },
  { code: '12', name: 'Lai Châu', nameEn: 'Lai Chau', type: 'tinh', provinceCode: null },
  { code: '14', name: 'Sơn La', nameEn: 'Son La', type: 'tinh', provinceCode: null },
  { code: '15', name: 'Lào Cai', nameEn: 'Lao Cai', type: 'tinh', provinceCode: null },
  { code: '19', name: 'Thái Nguyên', nameEn: 'Thai Nguyen', type: 'tinh', provinceCode: null },
  { code: '20', name: 'Lạng Sơn', nameEn: 'Lang Son', type: 'tinh', provinceCode: null },
  { code: '22', name: 'Quảng Ninh', nameEn: 'Quang Ninh', type: 'tinh', provinceCode: null },
  { code: '24', name: 'Bắc Ninh', nameEn: 'Bac Ninh', type: 'tinh', provinceCode: null },
  { code: '25', name: 'Phú Thọ', nameEn: 'Phu Tho', type: 'tinh', provinceCode: null },
  { code: '31', name: 'Hải Phòng', nameEn: 'Haiphong', type: 'thanh-pho', provinceCode: null },
  { code: '33', name: 'Hưng Yên', nameEn: 'Hung Yen', type: 'tinh', provinceCode: null },
  { code: '37', name: 'Ninh Bình', nameEn: 'Ninh Binh', type: 'tinh', provinceCode: null },
  { code: '38', name: 'Thanh Hoá', nameEn: 'Thanh Hoa', type: 'tinh', provinceCode: null },
  { code: '40', name: 'Nghệ An', nameEn: 'Nghe An', type: 'tinh', provinceCode: null },
  { code: '42', name: 'Hà Tĩnh', nameEn: 'Ha Tinh', type: 'tinh', provinceCode: null },
  { code: '44', name: 'Quảng Trị', nameEn: 'Quang Tri', type: 'tinh', provinceCode: null },
  { code: '46', name: 'Huế', nameEn: 'Hue', type: 'thanh-pho', provinceCode: null },
  { code: '48', name: 'Đà Nẵng', nameEn: 'Da Nang', type: 'thanh-pho', provinceCode: null },
  { code: '51', name: 'Quảng Ngãi', nameEn: 'Quang Ngai', type: 'tinh', provinceCode: null },
  { code: '52', name: 'Gia Lai', nameEn: 'Gia Lai', type: 'tinh', provinceCode: null },
  { code: '56', name: 'Khánh Hoà', nameEn: 'Khanh Hoa', type: 'tinh', provinceCode: null },
  { code: '66', name: 'Đắk Lắk', nameEn: 'Dak Lak', type: 'tinh', provinceCode: null },
  { code: '68', name: 'Lâm Đồng', nameEn: 'Lam Dong', type: 'tinh', provinceCode: null },
  { code: '75', name: 'Đồng Nai', nameEn: 'Dong Nai', type: 'thanh-pho', provinceCode: null },
  { code: '79', name: 'Hồ Chí Minh', nameEn: 'Ho Chi Minh', type: 'thanh-pho', provinceCode: null },
  { code: '80', name: 'Tây Ninh', nameEn: 'Tay Ninh', type: 'tinh', provinceCode: null },
  { code: '82', name: 'Đồng Tháp', nameEn: 'Dong Thap', type: 'tinh', provinceCode: null },
  { code: '86', name: 'Vĩnh Long', nameEn: 'Vinh Long', type: 'tinh', provinceCode: null },
  { code: '91', name: 'An Giang', nameEn: 'An Giang', type: 'tinh', provinceCode: null },
  { code: '92', name: 'Cần Thơ', nameEn: 'Can Tho', type: 'thanh-pho', provinceCode: null },
  { code: '96', name: 'Cà Mau', nameEn: 'Ca Mau', type: 'tinh', provinceCode: null },
];
