import { collaboratorDecider } from '../../domain/collaborator/decider';
import type { CollaboratorCommand, EnrollCollaborator, UpdateCollaborator } from '../../domain/collaborator/commands';
import { LocalityCatalogue } from '../../domain/localities/catalogue';
import { CommandEnvelope, CommandService } from './command-service';
import { resolveLocality } from './locality-resolver';

export const collaboratorStream = (collaboratorId: string) => `collaborator-${collaboratorId}`;

type WithoutProvince<T> = Omit<T, 'provinceCode'> & { provinceCode?: string };
export type CollaboratorCommandInput =
  | WithoutProvince<EnrollCollaborator>
  | WithoutProvince<UpdateCollaborator>
  | Exclude<CollaboratorCommand, EnrollCollaborator | UpdateCollaborator>;

/** Collaborator commands: the locality is checked against the catalogue and its province filled in. */
export class CollaboratorCommands {
  constructor(
    private readonly commands: CommandService,
    private readonly catalogue: LocalityCatalogue,
  ) {}

  execute(input: CollaboratorCommandInput, envelope: CommandEnvelope) {
    let command = input as CollaboratorCommand;
    if ((input.type === 'EnrollCollaborator' || input.type === 'UpdateCollaborator') && input.localityCode !== undefined) {
      command = { ...input, ...resolveLocality(this.catalogue, input.localityCode, input.provinceCode, []) } as CollaboratorCommand;
    }
    return this.commands.execute(collaboratorDecider, collaboratorStream(command.collaboratorId), command, envelope);
  }
}
