import { IllegalStateError, NotFoundError } from '../../domain/errors';
import { issueDecider } from '../../domain/issue/decider';
import type { AttachReport, ClassifyIssue, IssueCommand, MergeIssues, ReportInput, SubmitReport } from '../../domain/issue/commands';
import type { IssueMerged } from '../../domain/issue/events';
import type { IssueState } from '../../domain/issue/state';
import { LocalityCatalogue } from '../../domain/localities/catalogue';
import { CommandEnvelope, CommandResult, CommandService } from './command-service';
import { resolveLocality } from './locality-resolver';

export const issueStream = (issueId: string) => `issue-${issueId}`;

type WithoutProvince<T> = T extends { provinceCode?: unknown } ? Omit<T, 'provinceCode'> & { provinceCode?: string } : T;
/** An issue command as callers send it: the province of a locality may be left out, the catalogue fills it in. */
export type IssueCommandInput =
  | WithoutProvince<SubmitReport>
  | (Omit<AttachReport, 'report'> & { report: WithoutProvince<ReportInput> & { submittedAt?: string } })
  | WithoutProvince<ClassifyIssue>
  | Exclude<IssueCommand, SubmitReport | AttachReport | ClassifyIssue>;

/**
 * Issue commands on top of the generic command service: localities are checked against the catalogue, and a
 * merge (which touches two streams) is driven to completion idempotently.
 */
export class IssueCommands {
  constructor(
    private readonly commands: CommandService,
    private readonly catalogue: LocalityCatalogue,
  ) {}

  async execute(input: IssueCommandInput, envelope: CommandEnvelope): Promise<CommandResult<IssueState>> {
    const command = this.withLocality(input);
    if (command.type === 'MergeIssues') return this.merge(command, envelope);
    return this.commands.execute(issueDecider, issueStream(command.issueId), command, envelope);
  }

  async load(issueId: string): Promise<IssueState> {
    return (await this.commands.load(issueDecider, issueStream(issueId))).state;
  }

  private withLocality(input: IssueCommandInput): IssueCommand {
    switch (input.type) {
      case 'SubmitReport':
        return { ...input, ...resolveLocality(this.catalogue, input.localityCode, input.provinceCode, []) } as IssueCommand;
      case 'AttachReport':
        if (!input.report || typeof input.report !== 'object') return input as IssueCommand; // the decider reports the missing field
        return { ...input, report: { ...input.report, ...resolveLocality(this.catalogue, input.report.localityCode, input.report.provinceCode, ['report']) } } as IssueCommand;
      case 'ClassifyIssue':
        if (input.localityCode === undefined) return input as IssueCommand;
        return { ...input, ...resolveLocality(this.catalogue, input.localityCode, input.provinceCode, []) } as IssueCommand;
      default:
        return input as IssueCommand;
    }
  }

  /**
   * Merge = IssueMerged on the source, then each of its reports attached to the target with a key derived from
   * the source and report ids, so a retry (or a second merge call) completes an interrupted merge without duplicates.
   * For a new merge the target is checked first: a closed or merged target would leave the source's reports nowhere
   * to go.
   */
  private async merge(command: MergeIssues, envelope: CommandEnvelope): Promise<CommandResult<IssueState>> {
    const source = await this.commands.load(issueDecider, issueStream(command.issueId));
    const merged = source.events.find((e) => e.type === 'IssueMerged');
    let result: CommandResult<IssueState>;
    if (merged && (merged.data as IssueMerged['data']).intoIssueId === command.intoIssueId) {
      // Already merged into this target (an interrupted or repeated merge): only finish the attachments, which are
      // idempotent, whatever has happened to the target since.
      result = { streamId: issueStream(command.issueId), events: [merged], position: merged.position, revision: merged.revision, state: source.state, replayed: true };
    } else {
      const target = await this.load(command.intoIssueId);
      if (target.eventCount === 0) throw new NotFoundError(`issue ${command.intoIssueId} does not exist`);
      if (target.status === 'CLOSED' || target.status === 'MERGED') {
        throw new IllegalStateError(target.status === 'CLOSED' ? 'ISSUE_CLOSED' : 'ISSUE_MERGED', `issue ${command.intoIssueId} cannot take reports (it is ${target.status.toLowerCase()})`);
      }
      result = await this.commands.execute(issueDecider, issueStream(command.issueId), command, envelope);
    }
    const data = result.events.find((e) => e.type === 'IssueMerged')!.data as IssueMerged['data'];
    let position = result.position;
    for (const report of data.reports) {
      const attached = await this.commands.execute(
        issueDecider,
        issueStream(command.intoIssueId),
        { type: 'AttachReport', issueId: command.intoIssueId, report, mergedFromIssueId: command.issueId },
        { ...envelope, idempotencyKey: `merge:${command.issueId}:${report.reportId}`, causationId: result.events[0]?.eventId },
      );
      if (attached.position > position) position = attached.position;
    }
    return { ...result, position };
  }
}
