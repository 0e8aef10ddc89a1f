/** The `data` of each collaborator event, as JSON Schema: the published form of events.ts. */
import { COLLABORATOR_LEVELS } from '../vocabulary';
import { arrayOf, EventDataSchema, id, instant, nullable, object, oneOf, ref, string } from '../json-schema';
import type { CollaboratorEventType, CollaboratorProfile } from './events';

const PROFILE_FIELDS = ['fullName', 'level', 'localityCode', 'provinceCode', 'unit', 'phone', 'email'] as const satisfies readonly (keyof CollaboratorProfile)[];

const profile = object(
  {
    fullName: string({ minLength: 1 }),
    level: oneOf(COLLABORATOR_LEVELS),
    localityCode: string({ pattern: '^\\d{2}(\\d{3})?$', description: 'A province code for PROVINCE level, a commune code for COMMUNE level' }),
    provinceCode: string({ pattern: '^\\d{2}$' }),
    unit: nullable(string()),
    phone: nullable(string({ description: 'Personal data: redacted for integrations' })),
    email: nullable(string({ description: 'Personal data: redacted for integrations' })),
  },
  'Hồ sơ cộng tác viên dư luận xã hội',
);

export const COLLABORATOR_EVENT_SCHEMAS: readonly EventDataSchema<CollaboratorEventType>[] = [
  {
    type: 'CollaboratorEnrolled',
    version: 1,
    description: 'A public-opinion collaborator (CTV) was enrolled with their profile',
    data: object({ collaboratorId: id(), profile: ref('CollaboratorProfile'), enrolledAt: instant() }),
    $defs: { CollaboratorProfile: profile },
  },
  {
    type: 'CollaboratorUpdated',
    version: 1,
    description: 'The collaborator’s whole profile after the change; changedFields names what changed',
    data: object({
      collaboratorId: id(),
      profile: ref('CollaboratorProfile'),
      changedFields: arrayOf(oneOf(PROFILE_FIELDS), { minItems: 1, uniqueItems: true }),
      updatedAt: instant(),
    }),
    $defs: { CollaboratorProfile: profile },
  },
  {
    type: 'CollaboratorDeactivated',
    version: 1,
    description: 'The collaborator was deactivated',
    data: object({ collaboratorId: id(), reason: string({ minLength: 1 }), deactivatedAt: instant() }),
  },
];
