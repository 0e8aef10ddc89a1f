/**
 * The survey vocabularies (điều tra, khảo sát dư luận xã hội): question kinds, statuses and the demographic fields of a
 * response, each with Vietnamese labels. Every demographic field is optional in a response; results show a missing
 * value as the group UNKNOWN (Không rõ).
 */

export const AGE_GROUPS = ['UNDER_18', 'AGE_18_29', 'AGE_30_44', 'AGE_45_59', 'AGE_60_PLUS'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const AGE_GROUP_LABELS: Readonly<Record<AgeGroup, string>> = {
  UNDER_18: 'Dưới 18 tuổi',
  AGE_18_29: 'Từ 18 đến 29 tuổi',
  AGE_30_44: 'Từ 30 đến 44 tuổi',
  AGE_45_59: 'Từ 45 đến 59 tuổi',
  AGE_60_PLUS: 'Từ 60 tuổi trở lên',
};

export const GENDERS = ['MALE', 'FEMALE', 'OTHER'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Readonly<Record<Gender, string>> = {
  MALE: 'Nam',
  FEMALE: 'Nữ',
  OTHER: 'Khác',
};

export const OCCUPATIONS = [
  'FARMER',
  'WORKER',
  'CIVIL_SERVANT',
  'BUSINESS',
  'FREELANCE',
  'STUDENT',
  'RETIRED',
  'ARMED_FORCES',
  'OTHER',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];
export const OCCUPATION_LABELS: Readonly<Record<Occupation, string>> = {
  FARMER: 'Nông dân',
  WORKER: 'Công nhân',
  CIVIL_SERVANT: 'Cán bộ, công chức, viên chức',
  BUSINESS: 'Kinh doanh, buôn bán',
  FREELANCE: 'Lao động tự do',
  STUDENT: 'Học sinh, sinh viên',
  RETIRED: 'Hưu trí',
  ARMED_FORCES: 'Lực lượng vũ trang',
  OTHER: 'Khác',
};

/** A response's demographics; null where the respondent did not say. */
export interface Demographics {
  ageGroup: AgeGroup | null;
  gender: Gender | null;
  occupation: Occupation | null;
}

/** The demographic fields, with the vocabulary of each. */
export const DEMOGRAPHIC_FIELDS = {
  ageGroup: { codes: AGE_GROUPS, labels: AGE_GROUP_LABELS },
  gender: { codes: GENDERS, labels: GENDER_LABELS },
  occupation: { codes: OCCUPATIONS, labels: OCCUPATION_LABELS },
} as const;
export type DemographicField = keyof typeof DEMOGRAPHIC_FIELDS;

/** The group of responses that did not give a demographic field. */
export const UNKNOWN_GROUP = 'UNKNOWN';
export const UNKNOWN_GROUP_LABEL = 'Không rõ';

export const QUESTION_KINDS = ['SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'SCALE', 'FREE_TEXT'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_KIND_LABELS: Readonly<Record<QuestionKind, string>> = {
  SINGLE_CHOICE: 'Chọn một phương án',
  MULTIPLE_CHOICE: 'Chọn nhiều phương án',
  SCALE: 'Thang điểm',
  FREE_TEXT: 'Trả lời tự do',
};

export const SURVEY_STATUSES = ['OPEN', 'CLOSED'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];
export const SURVEY_STATUS_LABELS: Readonly<Record<SurveyStatus, string>> = {
  OPEN: 'Đang khảo sát',
  CLOSED: 'Đã kết thúc',
};

/** The dimensions results are broken down by: a locality level or a demographic field. */
export const SURVEY_DIMENSIONS = ['PROVINCE', 'COMMUNE', 'AGE_GROUP', 'GENDER', 'OCCUPATION'] as const;
export type SurveyDimension = (typeof SURVEY_DIMENSIONS)[number];
export const SURVEY_DIMENSION_LABELS: Readonly<Record<SurveyDimension, string>> = {
  PROVINCE: 'Tỉnh',
  COMMUNE: 'Xã, phường, đặc khu',
  AGE_GROUP: 'Nhóm tuổi',
  GENDER: 'Giới tính',
  OCCUPATION: 'Nghề nghiệp',
};

/** The demographic field behind each demographic dimension. */
export const DEMOGRAPHIC_DIMENSIONS = { AGE_GROUP: 'ageGroup', GENDER: 'gender', OCCUPATION: 'occupation' } as const satisfies Record<
  Exclude<SurveyDimension, 'PROVINCE' | 'COMMUNE'>,
  DemographicField
>;

/** The group of one response in each dimension. */
export function responseGroups(provinceCode: string, communeCode: string, demographics: Demographics): [SurveyDimension, string][] {
  return [
    ['PROVINCE', provinceCode],
    ['COMMUNE', communeCode],
    ['AGE_GROUP', demographics.ageGroup ?? UNKNOWN_GROUP],
    ['GENDER', demographics.gender ?? UNKNOWN_GROUP],
    ['OCCUPATION', demographics.occupation ?? UNKNOWN_GROUP],
  ];
}
