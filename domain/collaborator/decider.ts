/**
 * The collaborator aggregate: enrolment, profile changes and deactivation of a public-opinion collaborator.
 * Checks run in this order: the stream's existence and activity (NotFoundError, COLLABORATOR_ALREADY_ENROLLED,
 * COLLABORATOR_DEACTIVATED), then fields (ValidationError with a field path), then COLLABORATOR_UNCHANGED.
 * Whether the locality exists is the service's check, with the catalogue.
 */
import type { CommandContext, Decider } from '../decider';
import { IllegalStateError, NotFoundError, ValidationError } from '../errors';
import { COMMUNE_CODE_PATTERN, PROVINCE_CODE_PATTERN } from '../localities/admin-unit';
import {
  contextInstant,
  FieldPath,
  optionalText,
  requireId,
  requireLocality,
  requireObject,
  requireOneOf,
  requireText,
} from '../validation';
import { COLLABORATOR_LEVELS } from '../vocabulary';
import {
  COLLABORATOR_COMMAND_TYPES,
  CollaboratorCommand,
  DeactivateCollaborator,
  EnrollCollaborator,
  UpdateCollaborator,
} from './commands';
import type { CollaboratorEvent, CollaboratorProfile } from './events';

export const COLLABORATOR_RULES = [
  {
    rule: 'COLLABORATOR_ALREADY_ENROLLED',
    description: 'A collaborator is enrolled once: EnrollCollaborator needs a stream that does not exist.',
  },
  {
    rule: 'COLLABORATOR_DEACTIVATED',
    description: 'A deactivated collaborator can be neither updated nor deactivated again.',
  },
  { rule: 'COLLABORATOR_UNCHANGED', description: 'An update must change at least one field.' },
] as const;
export type CollaboratorRule = (typeof COLLABORATOR_RULES)[number]['rule'];

export interface CollaboratorState {
  /** Null until enrolled: the stream does not exist. */
  collaboratorId: string | null;
  profile: CollaboratorProfile | null;
  active: boolean;
  enrolledAt: string | null;
  updatedAt: string | null;
  deactivatedAt: string | null;
  deactivationReason: string | null;
  /** How many events were folded: 0 means the stream does not exist. */
  eventCount: number;
}

export const initialCollaboratorState: CollaboratorState = {
  collaboratorId: null,
  profile: null,
  active: false,
  enrolledAt: null,
  updatedAt: null,
  deactivatedAt: null,
  deactivationReason: null,
  eventCount: 0,
};

const NAME_MAX = 200;
const UNIT_MAX = 300;
const REASON_MAX = 2_000;
const EMAIL_MAX = 254;
const PROFILE_FIELDS = ['fullName', 'level', 'localityCode', 'provinceCode', 'unit', 'phone', 'email'] as const;
/** What an update may give on its own: the province only comes with a new locality. */
const UPDATE_FIELDS = PROFILE_FIELDS.filter((field) => field !== 'provinceCode');

function violated(rule: CollaboratorRule, message: string): IllegalStateError {
  return new IllegalStateError(rule, message);
}

function optionalPhone(value: unknown, path: FieldPath): string | null {
  const phone = optionalText(value, path, 30);
  if (phone === null) return null;
  const digits = phone.replace(/\D/g, '').length;
  if (!/^\+?[\d .-]+$/.test(phone) || digits < 8 || digits > 15) {
    throw ValidationError.field(path, 'must be a phone number of 8 to 15 digits, e.g. 0912 345 678 or +84 912 345 678');
  }
  return phone;
}

function optionalEmail(value: unknown, path: FieldPath): string | null {
  const email = optionalText(value, path, EMAIL_MAX);
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw ValidationError.field(path, 'must be an e-mail address');
  }
  return email;
}

/** A province-level collaborator works for a province, a commune-level one for a commune. */
function checkLevelMatchesLocality(profile: CollaboratorProfile): void {
  const pattern = profile.level === 'PROVINCE' ? PROVINCE_CODE_PATTERN : COMMUNE_CODE_PATTERN;
  if (!pattern.test(profile.localityCode)) {
    const expected = profile.level === 'PROVINCE' ? 'a province code (2 digits)' : 'a commune code (5 digits)';
    throw ValidationError.field(['localityCode'], `must be ${expected} for level ${profile.level}`);
  }
}

function requireActive(command: CollaboratorCommand, state: CollaboratorState): CollaboratorProfile {
  if (state.eventCount === 0 || state.profile === null) {
    throw new NotFoundError(`collaborator ${command.collaboratorId} not found`);
  }
  if (state.collaboratorId !== command.collaboratorId) {
    // The service loaded the wrong stream: a programming error, not a user's.
    throw new Error(`command for collaborator ${command.collaboratorId} decided on the state of ${state.collaboratorId}`);
  }
  if (!state.active) throw violated('COLLABORATOR_DEACTIVATED', `collaborator ${command.collaboratorId} is deactivated`);
  return state.profile;
}

function enroll(command: EnrollCollaborator, state: CollaboratorState, at: string): CollaboratorEvent[] {
  if (state.eventCount > 0) {
    throw violated('COLLABORATOR_ALREADY_ENROLLED', `collaborator ${command.collaboratorId} is already enrolled`);
  }
  const profile: CollaboratorProfile = {
    fullName: requireText(command.fullName, ['fullName'], NAME_MAX),
    level: requireOneOf(COLLABORATOR_LEVELS, command.level, ['level']),
    ...requireLocality(command.localityCode, command.provinceCode, ['localityCode']),
    unit: optionalText(command.unit, ['unit'], UNIT_MAX),
    phone: optionalPhone(command.phone, ['phone']),
    email: optionalEmail(command.email, ['email']),
  };
  checkLevelMatchesLocality(profile);
  return [{ type: 'CollaboratorEnrolled', data: { collaboratorId: command.collaboratorId, profile, enrolledAt: at } }];
}

function update(command: UpdateCollaborator, state: CollaboratorState, at: string): CollaboratorEvent[] {
  const current = requireActive(command, state);
  // The province travels with its locality: it is given with a new locality and never alone.
  if (command.localityCode === undefined && command.provinceCode !== undefined) {
    throw ValidationError.field(['provinceCode'], 'may be given only with localityCode');
  }
  if (UPDATE_FIELDS.every((field) => command[field] === undefined)) {
    const message = `give at least one of ${UPDATE_FIELDS.join(', ')}`;
    throw new ValidationError(message, [{ path: [], message }]);
  }
  const locality =
    command.localityCode === undefined
      ? { localityCode: current.localityCode, provinceCode: current.provinceCode }
      : requireLocality(command.localityCode, command.provinceCode, ['localityCode']);
  const profile: CollaboratorProfile = {
    fullName: command.fullName === undefined ? current.fullName : requireText(command.fullName, ['fullName'], NAME_MAX),
    level: command.level === undefined ? current.level : requireOneOf(COLLABORATOR_LEVELS, command.level, ['level']),
    ...locality,
    unit: command.unit === undefined ? current.unit : optionalText(command.unit, ['unit'], UNIT_MAX),
    phone: command.phone === undefined ? current.phone : optionalPhone(command.phone, ['phone']),
    email: command.email === undefined ? current.email : optionalEmail(command.email, ['email']),
  };
  checkLevelMatchesLocality(profile);
  const changedFields = PROFILE_FIELDS.filter((field) => profile[field] !== current[field]);
  if (changedFields.length === 0) throw violated('COLLABORATOR_UNCHANGED', 'the update changes nothing');
  return [
    { type: 'CollaboratorUpdated', data: { collaboratorId: command.collaboratorId, profile, changedFields, updatedAt: at } },
  ];
}

function deactivate(command: DeactivateCollaborator, state: CollaboratorState, at: string): CollaboratorEvent[] {
  requireActive(command, state);
  const reason = requireText(command.reason, ['reason'], REASON_MAX);
  return [{ type: 'CollaboratorDeactivated', data: { collaboratorId: command.collaboratorId, reason, deactivatedAt: at } }];
}

function unknownCommand(command: never): never {
  throw ValidationError.field(['type'], `unknown command type ${String((command as { type?: unknown }).type)}`);
}

function decideCollaborator(
  command: CollaboratorCommand,
  state: CollaboratorState,
  context: CommandContext,
): CollaboratorEvent[] {
  requireObject(command, ['command']);
  if (!(COLLABORATOR_COMMAND_TYPES as readonly unknown[]).includes(command.type)) unknownCommand(command as never);
  requireId(command.collaboratorId, ['collaboratorId']);
  const at = contextInstant(context.now);
  switch (command.type) {
    case 'EnrollCollaborator':
      return enroll(command, state, at);
    case 'UpdateCollaborator':
      return update(command, state, at);
    case 'DeactivateCollaborator':
      return deactivate(command, state, at);
    default:
      return unknownCommand(command);
  }
}

/** An unknown event type (e.g. from a newer version) leaves the state as it is; `never` keeps the switch exhaustive. */
function ignoreUnknownEvent(_event: never, state: CollaboratorState): CollaboratorState {
  return state;
}

function applyFacts(state: CollaboratorState, event: CollaboratorEvent): CollaboratorState {
  switch (event.type) {
    case 'CollaboratorEnrolled': {
      const { collaboratorId, profile, enrolledAt } = event.data;
      return { ...state, collaboratorId, profile, active: true, enrolledAt, updatedAt: enrolledAt };
    }
    case 'CollaboratorUpdated': {
      const { profile, updatedAt } = event.data;
      return { ...state, profile, updatedAt };
    }
    case 'CollaboratorDeactivated': {
      const { reason, deactivatedAt } = event.data;
      return { ...state, active: false, deactivatedAt, deactivationReason: reason, updatedAt: deactivatedAt };
    }
    default:
      return ignoreUnknownEvent(event, state);
  }
}

/** Total and deterministic: never throws, and the same events always fold to the same state. */
export function evolveCollaborator(state: CollaboratorState, event: CollaboratorEvent): CollaboratorState {
  return { ...applyFacts(state, event), eventCount: state.eventCount + 1 };
}

export const collaboratorDecider: Decider<CollaboratorCommand, CollaboratorEvent, CollaboratorState> = {
  decide: decideCollaborator,
  evolve: evolveCollaborator,
  initialState: initialCollaboratorState,
  isInitial: (state) => state.eventCount === 0,
};
