/**
 * Events of the collaborator stream (`collaborator-<id>`): the register of public-opinion collaborators
 * (cộng tác viên dư luận xã hội, CTV). Each event carries the full profile a read model needs.
 * Absent optional values are `null`; the actor travels in the event metadata.
 */
import type { CollaboratorLevel } from '../vocabulary';

export interface CollaboratorProfile {
  fullName: string;
  level: CollaboratorLevel;
  /** A province code for PROVINCE level, a commune code for COMMUNE level. */
  localityCode: string;
  /** The province the locality belongs to (equal to `localityCode` for PROVINCE level). */
  provinceCode: string;
  /** e.g. 'Ban Tuyên giáo và Dân vận Đảng ủy xã'. */
  unit: string | null;
  phone: string | null;
  email: string | null;
}

export type CollaboratorEnrolled = {
  type: 'CollaboratorEnrolled';
  data: { collaboratorId: string; profile: CollaboratorProfile; enrolledAt: string };
};

/** `profile` is the whole profile after the change; `changedFields` names what changed. */
export type CollaboratorUpdated = {
  type: 'CollaboratorUpdated';
  data: {
    collaboratorId: string;
    profile: CollaboratorProfile;
    changedFields: (keyof CollaboratorProfile)[];
    updatedAt: string;
  };
};

export type CollaboratorDeactivated = {
  type: 'CollaboratorDeactivated';
  data: { collaboratorId: string; reason: string; deactivatedAt: string };
};

export type CollaboratorEvent = CollaboratorEnrolled | CollaboratorUpdated | CollaboratorDeactivated;
export type CollaboratorEventType = CollaboratorEvent['type'];

export const COLLABORATOR_EVENT_TYPES = [
  'CollaboratorEnrolled',
  'CollaboratorUpdated',
  'CollaboratorDeactivated',
] as const satisfies readonly CollaboratorEventType[];

/** Compile-time check that COLLABORATOR_EVENT_TYPES names every event type. */
type AllListed<Missing extends never> = Missing;
export type CollaboratorEventTypesComplete = AllListed<
  Exclude<CollaboratorEventType, (typeof COLLABORATOR_EVENT_TYPES)[number]>
>;
