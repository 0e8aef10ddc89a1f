import { Field, ObjectType, registerEnumType } from 'type-graphql';
import {
  CHANNEL_LABELS,
  COLLABORATOR_LEVEL_LABELS,
  ESCALATION_LEVEL_LABELS,
  GUIDANCE_KIND_LABELS,
  INTENSITY_LABELS,
  ISSUE_STATUS_LABELS,
  REFERRAL_STATUS_LABELS,
  REPORT_KIND_LABELS,
  ROLE_LABELS,
  SECTOR_LABELS,
  SEVERITY_LABELS,
  TENDENCY_LABELS,
  VERIFICATION_OUTCOME_LABELS,
} from '../domain/vocabulary';

/** Every enumeration of the domain, as a GraphQL enum whose values carry their Vietnamese label as description. */
export function enumOf<T extends string>(labels: Readonly<Record<T, string>>, name: string, description: string): Record<T, T> {
  const values = Object.fromEntries(Object.keys(labels).map((k) => [k, k])) as Record<T, T>;
  registerEnumType(values, {
    name,
    description,
    valuesConfig: Object.fromEntries(Object.entries(labels).map(([k, label]) => [k, { description: label as string }])) as never,
  });
  return values;
}

export const SectorEnum = enumOf(SECTOR_LABELS, 'Sector', 'Lĩnh vực');
export const ReportKindEnum = enumOf(REPORT_KIND_LABELS, 'ReportKind', 'Loại báo cáo');
export const ChannelEnum = enumOf(CHANNEL_LABELS, 'Channel', 'Kênh tiếp nhận');
export const TendencyEnum = enumOf(TENDENCY_LABELS, 'Tendency', 'Xu hướng dư luận');
export const IntensityEnum = enumOf(INTENSITY_LABELS, 'Intensity', 'Cường độ');
export const SeverityEnum = enumOf(SEVERITY_LABELS, 'Severity', 'Mức độ');
export const VerificationOutcomeEnum = enumOf(VERIFICATION_OUTCOME_LABELS, 'VerificationOutcome', 'Kết quả thẩm định');
export const IssueStatusEnum = enumOf(ISSUE_STATUS_LABELS, 'IssueStatus', 'Trạng thái vụ việc');
export const ReferralStatusEnum = enumOf(REFERRAL_STATUS_LABELS, 'ReferralStatus', 'Trạng thái chuyển xử lý');
export const RoleEnum = enumOf(ROLE_LABELS, 'Role', 'Vai trò');
export const GuidanceKindEnum = enumOf(GUIDANCE_KIND_LABELS, 'GuidanceKind', 'Loại định hướng');
export const EscalationLevelEnum = enumOf(ESCALATION_LEVEL_LABELS, 'EscalationLevel', 'Mức báo cáo vượt cấp');
export const CollaboratorLevelEnum = enumOf(COLLABORATOR_LEVEL_LABELS, 'CollaboratorLevel', 'Cấp cộng tác viên');

/** A code with its Vietnamese label, returned next to every enumerated value. */
@ObjectType({ description: 'Một mã kèm nhãn tiếng Việt' })
export class Labelled {
  @Field(() => String)
  code!: string;

  @Field(() => String, { description: 'Nhãn tiếng Việt' })
  label!: string;
}

export function labelledValue(labels: Readonly<Record<string, string>>, code: string): Labelled {
  return { code, label: labels[code] ?? code };
}
