import { fold } from '../../domain/decider';
import { IllegalStateError, NotFoundError, ValidationError } from '../../domain/errors';
import type { CollaboratorCommand, EnrollCollaborator } from '../../domain/collaborator/commands';
import { COLLABORATOR_RULES, collaboratorDecider } from '../../domain/collaborator/decider';
import type { CollaboratorEvent, CollaboratorProfile } from '../../domain/collaborator/events';
import { COLLABORATOR_EVENT_TYPES } from '../../domain/collaborator/events';
import { given, rejectedRules } from './support/given-when-then';

const ID = 'ctv-17';
const NOW = '2026-07-10T01:00:00.000Z';
const EARLIER = '2026-07-01T01:00:00.000Z';
const collaborators = collaboratorDecider;

const enrollCommand: EnrollCollaborator = {
  type: 'EnrollCollaborator',
  collaboratorId: ID,
  fullName: '  Nguyễn Thị Hoà ',
  level: 'COMMUNE',
  localityCode: '24781',
  provinceCode: '68',
  unit: 'Ban Tuyên giáo và Dân vận Đảng ủy phường',
  phone: '0912 345 678',
  email: 'hoa.nt@lamdong.gov.vn',
};

const profile: CollaboratorProfile = {
  fullName: 'Nguyễn Thị Hoà',
  level: 'COMMUNE',
  localityCode: '24781',
  provinceCode: '68',
  unit: 'Ban Tuyên giáo và Dân vận Đảng ủy phường',
  phone: '0912 345 678',
  email: 'hoa.nt@lamdong.gov.vn',
};

const enrolled: CollaboratorEvent = { type: 'CollaboratorEnrolled', data: { collaboratorId: ID, profile, enrolledAt: EARLIER } };
const deactivated: CollaboratorEvent = {
  type: 'CollaboratorDeactivated',
  data: { collaboratorId: ID, reason: 'Nghỉ hưu', deactivatedAt: EARLIER },
};

const command = (fields: Record<string, unknown>) => fields as unknown as CollaboratorCommand;

describe('EnrollCollaborator', () => {
  test('enrols a collaborator with a trimmed profile', () => {
    const state = given(collaborators, [])
      .when(enrollCommand)
      .then([{ type: 'CollaboratorEnrolled', data: { collaboratorId: ID, profile, enrolledAt: NOW } }]);
    expect(state).toMatchObject({ collaboratorId: ID, active: true, profile, enrolledAt: NOW, eventCount: 1 });
  });

  test('a province-level collaborator with only the required fields', () => {
    given(collaborators, [])
      .when({
        type: 'EnrollCollaborator',
        collaboratorId: ID,
        fullName: 'Trần Văn Thủy',
        level: 'PROVINCE',
        localityCode: '68',
        provinceCode: '68',
      })
      .then([
        {
          type: 'CollaboratorEnrolled',
          data: {
            collaboratorId: ID,
            profile: {
              fullName: 'Trần Văn Thủy',
              level: 'PROVINCE',
              localityCode: '68',
              provinceCode: '68',
              unit: null,
              phone: null,
              email: null,
            },
            enrolledAt: NOW,
          },
        },
      ]);
  });

  test('rejects a collaborator already enrolled (COLLABORATOR_ALREADY_ENROLLED)', () => {
    given(collaborators, [enrolled]).when(enrollCommand).thenThrows(IllegalStateError, 'COLLABORATOR_ALREADY_ENROLLED');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['a malformed id', { collaboratorId: 'a b' }, 'collaboratorId'],
    ['no name', { fullName: ' ' }, 'fullName: must not be empty'],
    ['a name over 200 characters', { fullName: 'x'.repeat(201) }, 'fullName'],
    ['an unknown level', { level: 'DISTRICT' }, 'level: must be one of PROVINCE, COMMUNE'],
    ['a malformed locality', { localityCode: '6' }, 'localityCode'],
    ['no provinceCode', { provinceCode: undefined }, 'provinceCode: must be a province code (2 digits)'],
    ['a malformed provinceCode', { provinceCode: '6' }, 'provinceCode: must be a province code (2 digits)'],
    ['a commune code as provinceCode', { provinceCode: '24781' }, 'provinceCode: must be a province code (2 digits)'],
    [
      'a province locality with another provinceCode',
      { level: 'PROVINCE', localityCode: '68', provinceCode: '01' },
      'provinceCode: must equal localityCode when the locality is a province',
    ],
    ['a province code at commune level', { localityCode: '68' }, 'localityCode: must be a commune code (5 digits) for level COMMUNE'],
    ['a commune code at province level', { level: 'PROVINCE' }, 'localityCode: must be a province code (2 digits) for level PROVINCE'],
    ['a phone with letters', { phone: '0912-ABC-678' }, 'phone'],
    ['a phone too short', { phone: '12345' }, 'phone'],
    ['a malformed e-mail', { email: 'hoa.nt@' }, 'email: must be an e-mail address'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(collaborators, []).when(command({ ...enrollCommand, ...fields })).thenThrows(ValidationError, expected);
  });

  test('an unknown command type is a ValidationError', () => {
    given(collaborators, []).when(command({ type: 'PromoteCollaborator', collaboratorId: ID })).thenThrows(ValidationError, 'type');
  });
});

describe('UpdateCollaborator', () => {
  test('changes the given fields, clears those set to null, and carries the full new profile', () => {
    const state = given(collaborators, [enrolled])
      .when({
        type: 'UpdateCollaborator',
        collaboratorId: ID,
        level: 'PROVINCE',
        localityCode: '68',
        provinceCode: '68',
        unit: null,
        phone: '0912 345 678',
      })
      .then([
        {
          type: 'CollaboratorUpdated',
          data: {
            collaboratorId: ID,
            profile: { ...profile, level: 'PROVINCE', localityCode: '68', provinceCode: '68', unit: null },
            changedFields: ['level', 'localityCode', 'unit'],
            updatedAt: NOW,
          },
        },
      ]);
    expect(state.profile).toMatchObject({ level: 'PROVINCE', localityCode: '68', provinceCode: '68', unit: null });
    expect(state.updatedAt).toBe(NOW);
  });

  test('a move to a commune of another province changes the province too', () => {
    const state = given(collaborators, [enrolled])
      .when({ type: 'UpdateCollaborator', collaboratorId: ID, localityCode: '00004', provinceCode: '01' })
      .then([
        {
          type: 'CollaboratorUpdated',
          data: {
            collaboratorId: ID,
            profile: { ...profile, localityCode: '00004', provinceCode: '01' },
            changedFields: ['localityCode', 'provinceCode'],
            updatedAt: NOW,
          },
        },
      ]);
    expect(state.profile).toMatchObject({ localityCode: '00004', provinceCode: '01' });
  });

  test('rejects an unknown collaborator (NotFound)', () => {
    given(collaborators, []).when({ type: 'UpdateCollaborator', collaboratorId: ID, fullName: 'X' }).thenThrows(NotFoundError, `collaborator ${ID} not found`);
  });

  test('rejects a deactivated collaborator (COLLABORATOR_DEACTIVATED)', () => {
    given(collaborators, [enrolled, deactivated])
      .when({ type: 'UpdateCollaborator', collaboratorId: ID, fullName: 'Nguyễn Thị Hòa' })
      .thenThrows(IllegalStateError, 'COLLABORATOR_DEACTIVATED');
  });

  test('rejects an update that changes nothing (COLLABORATOR_UNCHANGED)', () => {
    given(collaborators, [enrolled])
      .when({ type: 'UpdateCollaborator', collaboratorId: ID, fullName: ' Nguyễn Thị Hoà ', email: 'hoa.nt@lamdong.gov.vn' })
      .thenThrows(IllegalStateError, 'COLLABORATOR_UNCHANGED');
  });

  test.each<[string, Record<string, unknown>, string]>([
    ['no field at all', {}, 'give at least one of fullName, level, localityCode, unit, phone, email'],
    ['a level that does not fit the locality', { level: 'PROVINCE' }, 'localityCode: must be a province code'],
    ['a blank name', { fullName: '' }, 'fullName'],
    ['a locality without provinceCode', { localityCode: '24778' }, 'provinceCode: must be a province code (2 digits)'],
    ['a locality with a malformed provinceCode', { localityCode: '24778', provinceCode: 'LD' }, 'provinceCode: must be a province code (2 digits)'],
    [
      'a province locality with another provinceCode',
      { level: 'PROVINCE', localityCode: '01', provinceCode: '68' },
      'provinceCode: must equal localityCode when the locality is a province',
    ],
    ['a provinceCode without a locality', { provinceCode: '01' }, 'provinceCode: may be given only with localityCode'],
    ['a malformed e-mail', { email: 'no-at-sign' }, 'email'],
  ])('rejects %s with a ValidationError', (_case, fields, expected) => {
    given(collaborators, [enrolled])
      .when(command({ type: 'UpdateCollaborator', collaboratorId: ID, ...fields }))
      .thenThrows(ValidationError, expected);
  });
});

describe('DeactivateCollaborator', () => {
  test('deactivates an active collaborator with a reason', () => {
    const state = given(collaborators, [enrolled])
      .when({ type: 'DeactivateCollaborator', collaboratorId: ID, reason: ' Nghỉ hưu ' })
      .then([{ type: 'CollaboratorDeactivated', data: { collaboratorId: ID, reason: 'Nghỉ hưu', deactivatedAt: NOW } }]);
    expect(state).toMatchObject({ active: false, deactivatedAt: NOW, deactivationReason: 'Nghỉ hưu', profile });
  });

  test('rejects an unknown collaborator (NotFound)', () => {
    given(collaborators, []).when({ type: 'DeactivateCollaborator', collaboratorId: ID, reason: 'Nghỉ hưu' }).thenThrows(NotFoundError, ID);
  });

  test('rejects a collaborator already deactivated (COLLABORATOR_DEACTIVATED)', () => {
    given(collaborators, [enrolled, deactivated])
      .when({ type: 'DeactivateCollaborator', collaboratorId: ID, reason: 'Nghỉ hưu' })
      .thenThrows(IllegalStateError, 'COLLABORATOR_DEACTIVATED');
  });

  test('rejects a missing reason', () => {
    given(collaborators, [enrolled]).when(command({ type: 'DeactivateCollaborator', collaboratorId: ID })).thenThrows(ValidationError, 'reason');
  });
});

describe('evolve', () => {
  test('folds enrolment, update and deactivation; isInitial only before enrolment', () => {
    const updated: CollaboratorEvent = {
      type: 'CollaboratorUpdated',
      data: { collaboratorId: ID, profile: { ...profile, phone: null }, changedFields: ['phone'], updatedAt: EARLIER },
    };
    const state = fold(collaborators, [enrolled, updated, deactivated]);
    expect(state).toEqual({
      collaboratorId: ID,
      profile: { ...profile, phone: null },
      active: false,
      enrolledAt: EARLIER,
      updatedAt: EARLIER,
      deactivatedAt: EARLIER,
      deactivationReason: 'Nghỉ hưu',
      eventCount: 3,
    });
    expect(collaborators.isInitial(collaborators.initialState)).toBe(true);
    expect(collaborators.isInitial(state)).toBe(false);
  });

  test('COLLABORATOR_EVENT_TYPES lists the DOMAIN.md event names', () => {
    expect(COLLABORATOR_EVENT_TYPES).toEqual(['CollaboratorEnrolled', 'CollaboratorUpdated', 'CollaboratorDeactivated']);
  });
});

// Runs last: every rule must have been rejected by a spec above.
test('every rule in COLLABORATOR_RULES has a rejecting spec', () => {
  expect(COLLABORATOR_RULES.map(({ rule }) => rule).filter((rule) => !rejectedRules().has(rule))).toEqual([]);
});
