/**
 * The closed vocabularies of the domain, each as a const array of codes (the order used in lists and APIs),
 * its TypeScript union type, and Vietnamese labels. Codes are stable identifiers stored in events; labels
 * are for people and may be reworded without a schema change.
 */

/** A vocabulary: its codes in display order and a Vietnamese label for each. */
export interface Vocabulary<C extends string> {
  readonly codes: readonly C[];
  readonly labels: Readonly<Record<C, string>>;
}

/** True when `value` is one of the codes in `list`; narrows `value` to the union type. */
export function isOneOf<C extends string>(list: readonly C[], value: unknown): value is C {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

/** The vocabulary as `[{ code, label }]` in display order, e.g. for a GraphQL `sectors` query. */
export function labelled<C extends string>(vocabulary: Vocabulary<C>): { code: C; label: string }[] {
  return vocabulary.codes.map((code) => ({ code, label: vocabulary.labels[code] }));
}

// Sectors (lĩnh vực): a starting list from the seeds; extend by adding a code and its label.
export const SECTORS = [
  'PLANNING_LAND',
  'COMPENSATION_SITE_CLEARANCE',
  'ENVIRONMENT',
  'ADMINISTRATIVE_REFORM',
  'PUBLIC_INVESTMENT',
  'DIGITAL_TRANSFORMATION',
  'EDUCATION',
  'HEALTH',
  'PERSONNEL',
  'RELIGION_ETHNICITY',
  'SECURITY_ORDER',
  'ECONOMY_LIVELIHOOD',
  'SOCIAL_WELFARE',
  'PARTY_BUILDING',
  'LOCAL_GOVERNMENT_REFORM',
  'OTHER',
] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Readonly<Record<Sector, string>> = {
  PLANNING_LAND: 'Quy hoạch, đất đai',
  COMPENSATION_SITE_CLEARANCE: 'Bồi thường, giải phóng mặt bằng',
  ENVIRONMENT: 'Môi trường',
  ADMINISTRATIVE_REFORM: 'Cải cách hành chính',
  PUBLIC_INVESTMENT: 'Đầu tư công',
  DIGITAL_TRANSFORMATION: 'Chuyển đổi số',
  EDUCATION: 'Giáo dục',
  HEALTH: 'Y tế',
  PERSONNEL: 'Công tác cán bộ',
  RELIGION_ETHNICITY: 'Tôn giáo, dân tộc',
  SECURITY_ORDER: 'An ninh, trật tự',
  ECONOMY_LIVELIHOOD: 'Kinh tế, đời sống',
  SOCIAL_WELFARE: 'An sinh xã hội',
  PARTY_BUILDING: 'Xây dựng Đảng, tư tưởng',
  LOCAL_GOVERNMENT_REFORM: 'Chính quyền địa phương hai cấp',
  OTHER: 'Khác',
};

// Report kinds: monthly (định kỳ), quick (báo cáo nhanh), ad hoc for complex or sensitive matters (đột xuất).
export const REPORT_KINDS = ['PERIODIC', 'QUICK', 'AD_HOC'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];
export const REPORT_KIND_LABELS: Readonly<Record<ReportKind, string>> = {
  PERIODIC: 'Báo cáo định kỳ',
  QUICK: 'Báo cáo nhanh',
  AD_HOC: 'Báo cáo đột xuất',
};

// Channels through which the opinion reached the reporter.
export const CHANNELS = [
  'PHONE',
  'ZALO_GROUP',
  'EMAIL',
  'PRIVATE_MESSAGE',
  'HOTLINE',
  'DIRECT_DIALOGUE',
  'CITIZEN_RECEPTION',
  'ONLINE_SURVEY',
  'SOCIAL_MEDIA',
  'PRESS',
  'MEETING',
] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Readonly<Record<Channel, string>> = {
  PHONE: 'Điện thoại',
  ZALO_GROUP: 'Nhóm Zalo',
  EMAIL: 'Thư điện tử',
  PRIVATE_MESSAGE: 'Tin nhắn riêng',
  HOTLINE: 'Đường dây nóng',
  DIRECT_DIALOGUE: 'Đối thoại trực tiếp',
  CITIZEN_RECEPTION: 'Tiếp công dân',
  ONLINE_SURVEY: 'Khảo sát trực tuyến',
  SOCIAL_MEDIA: 'Mạng xã hội, không gian mạng',
  PRESS: 'Báo chí',
  MEETING: 'Hội nghị giao ban',
};

// Tendency (xu hướng) of the opinion.
export const TENDENCIES = ['POSITIVE', 'NEUTRAL', 'NEGATIVE', 'MIXED'] as const;
export type Tendency = (typeof TENDENCIES)[number];
export const TENDENCY_LABELS: Readonly<Record<Tendency, string>> = {
  POSITIVE: 'Tích cực',
  NEUTRAL: 'Trung lập',
  NEGATIVE: 'Tiêu cực',
  MIXED: 'Trái chiều',
};

// Intensity (cường độ) of the opinion.
export const INTENSITIES = ['LOW', 'MEDIUM', 'HIGH'] as const;
export type Intensity = (typeof INTENSITIES)[number];
export const INTENSITY_LABELS: Readonly<Record<Intensity, string>> = {
  LOW: 'Thấp',
  MEDIUM: 'Trung bình',
  HIGH: 'Cao',
};

// Issue severity, from least to most severe: the array order is the rank.
export const SEVERITIES = ['NORMAL', 'PROMINENT', 'PRESSING', 'HOTSPOT'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  NORMAL: 'Bình thường',
  PROMINENT: 'Nổi cộm',
  PRESSING: 'Bức xúc',
  HOTSPOT: 'Điểm nóng',
};
/** 0 for NORMAL up to 3 for HOTSPOT: compare severities by rank, never by code. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}
/** The more severe of two severities. */
export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

// Outcome of a verification (thẩm định, kiểm chứng).
export const VERIFICATION_OUTCOMES = ['CONFIRMED', 'PARTLY_CONFIRMED', 'UNFOUNDED', 'UNVERIFIABLE'] as const;
export type VerificationOutcome = (typeof VERIFICATION_OUTCOMES)[number];
export const VERIFICATION_OUTCOME_LABELS: Readonly<Record<VerificationOutcome, string>> = {
  CONFIRMED: 'Đúng sự thật',
  PARTLY_CONFIRMED: 'Đúng một phần',
  UNFOUNDED: 'Sai sự thật, xuyên tạc',
  UNVERIFIABLE: 'Không thể kiểm chứng',
};

// Issue status: RECEIVED → VERIFIED → REFERRED → RESPONDED → CLOSED; MERGED is terminal.
export const ISSUE_STATUSES = ['RECEIVED', 'VERIFIED', 'REFERRED', 'RESPONDED', 'CLOSED', 'MERGED'] as const;
export type IssueStatus = (typeof ISSUE_STATUSES)[number];
export const ISSUE_STATUS_LABELS: Readonly<Record<IssueStatus, string>> = {
  RECEIVED: 'Đã tiếp nhận',
  VERIFIED: 'Đã thẩm định',
  REFERRED: 'Đã chuyển cơ quan có thẩm quyền',
  RESPONDED: 'Đã có kết quả giải quyết',
  CLOSED: 'Đã kết thúc',
  MERGED: 'Đã gộp vào vụ việc khác',
};

// Referral status: REFERRED → ACKNOWLEDGED → RESPONDED, or DECLINED from REFERRED or ACKNOWLEDGED.
export const REFERRAL_STATUSES = ['REFERRED', 'ACKNOWLEDGED', 'RESPONDED', 'DECLINED'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS: Readonly<Record<ReferralStatus, string>> = {
  REFERRED: 'Đã chuyển, chờ tiếp nhận',
  ACKNOWLEDGED: 'Đã tiếp nhận, đang xử lý',
  RESPONDED: 'Đã báo cáo kết quả giải quyết',
  DECLINED: 'Từ chối do không thuộc thẩm quyền',
};
/** A referral is open while the agency still owes a response. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['REFERRED', 'ACKNOWLEDGED'];

// Roles of users and systems.
export const ROLES = ['COLLABORATOR', 'OFFICER', 'AGENCY', 'LEADER', 'AUDITOR', 'INTEGRATION'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  COLLABORATOR: 'Cộng tác viên dư luận xã hội',
  OFFICER: 'Cán bộ Ban Tuyên giáo và Dân vận',
  AGENCY: 'Cơ quan chuyên môn',
  LEADER: 'Lãnh đạo Thường trực, Ban Thường vụ Tỉnh ủy',
  AUDITOR: 'Kiểm tra, giám sát',
  INTEGRATION: 'Hệ thống tích hợp',
};

// Guidance (định hướng thông tin, dư luận): official information to spread, or a rebuttal of false information.
export const GUIDANCE_KINDS = ['ORIENTATION', 'REBUTTAL'] as const;
export type GuidanceKind = (typeof GUIDANCE_KINDS)[number];
export const GUIDANCE_KIND_LABELS: Readonly<Record<GuidanceKind, string>> = {
  ORIENTATION: 'Định hướng thông tin',
  REBUTTAL: 'Phản bác thông tin sai sự thật',
};

// Escalation: a quick report to leadership, or marking the issue as a hot spot.
export const ESCALATION_LEVELS = ['QUICK_REPORT', 'HOTSPOT'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const ESCALATION_LEVEL_LABELS: Readonly<Record<EscalationLevel, string>> = {
  QUICK_REPORT: 'Báo cáo nhanh lãnh đạo',
  HOTSPOT: 'Xác định điểm nóng',
};

// The level a collaborator (CTV) works at.
export const COLLABORATOR_LEVELS = ['PROVINCE', 'COMMUNE'] as const;
export type CollaboratorLevel = (typeof COLLABORATOR_LEVELS)[number];
export const COLLABORATOR_LEVEL_LABELS: Readonly<Record<CollaboratorLevel, string>> = {
  PROVINCE: 'Cấp tỉnh',
  COMMUNE: 'Cấp xã',
};

/** Every vocabulary by name, e.g. `labelled(VOCABULARIES.sector)`. */
export const VOCABULARIES = {
  sector: { codes: SECTORS, labels: SECTOR_LABELS },
  reportKind: { codes: REPORT_KINDS, labels: REPORT_KIND_LABELS },
  channel: { codes: CHANNELS, labels: CHANNEL_LABELS },
  tendency: { codes: TENDENCIES, labels: TENDENCY_LABELS },
  intensity: { codes: INTENSITIES, labels: INTENSITY_LABELS },
  severity: { codes: SEVERITIES, labels: SEVERITY_LABELS },
  verificationOutcome: { codes: VERIFICATION_OUTCOMES, labels: VERIFICATION_OUTCOME_LABELS },
  issueStatus: { codes: ISSUE_STATUSES, labels: ISSUE_STATUS_LABELS },
  referralStatus: { codes: REFERRAL_STATUSES, labels: REFERRAL_STATUS_LABELS },
  role: { codes: ROLES, labels: ROLE_LABELS },
  guidanceKind: { codes: GUIDANCE_KINDS, labels: GUIDANCE_KIND_LABELS },
  escalationLevel: { codes: ESCALATION_LEVELS, labels: ESCALATION_LEVEL_LABELS },
  collaboratorLevel: { codes: COLLABORATOR_LEVELS, labels: COLLABORATOR_LEVEL_LABELS },
} as const satisfies Record<string, Vocabulary<string>>;
