/** Commands on the collaborator aggregate. The caller chooses the collaborator's id. */
import type { CollaboratorLevel } from '../vocabulary';

/** Registers a collaborator. Only on a stream that does not exist yet. */
export interface EnrollCollaborator {
  type: 'EnrollCollaborator';
  collaboratorId: string;
  fullName: string;
  level: CollaboratorLevel;
  /** A province code (2 digits) for PROVINCE level, a commune code (5 digits) for COMMUNE level. */
  localityCode: string;
  /** The province the locality belongs to (equal to `localityCode` at PROVINCE level); the service fills it from the locality catalogue. */
  provinceCode: string;
  unit?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** Changes the given fields; `null` clears an optional one. At least one field must change. */
export interface UpdateCollaborator {
  type: 'UpdateCollaborator';
  collaboratorId: string;
  fullName?: string;
  level?: CollaboratorLevel;
  localityCode?: string;
  /** The province of `localityCode`: required with it, forbidden without it. */
  provinceCode?: string;
  unit?: string | null;
  phone?: string | null;
  email?: string | null;
}

export interface DeactivateCollaborator {
  type: 'DeactivateCollaborator';
  collaboratorId: string;
  reason: string;
}

export type CollaboratorCommand = EnrollCollaborator | UpdateCollaborator | DeactivateCollaborator;
export type CollaboratorCommandType = CollaboratorCommand['type'];

export const COLLABORATOR_COMMAND_TYPES = [
  'EnrollCollaborator',
  'UpdateCollaborator',
  'DeactivateCollaborator',
] as const satisfies readonly CollaboratorCommandType[];
