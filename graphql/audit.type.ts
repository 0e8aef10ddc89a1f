import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import type { IntegrityProblem as Problem, IntegrityProblemCode } from '../eventstore/hash-chain';
import type { StreamIntegrity } from '../services/audit/verify';

export enum IntegrityProblemCodeEnum {
  DATA_OR_METADATA_CHANGED = 'DATA_OR_METADATA_CHANGED',
  BROKEN_CHAIN = 'BROKEN_CHAIN',
  OUT_OF_ORDER = 'OUT_OF_ORDER',
  MISSING_HASH = 'MISSING_HASH',
  SEAL_MISMATCH = 'SEAL_MISMATCH',
}
registerEnumType(IntegrityProblemCodeEnum, {
  name: 'IntegrityProblemCode',
  description: 'What the tamper evidence found wrong with the stored log',
  valuesConfig: {
    DATA_OR_METADATA_CHANGED: { description: "The event's data, type, id or metadata no longer match its hash" },
    BROKEN_CHAIN: { description: 'The link to the previous event is broken: an event was deleted (revision gap) or the previous one rewritten' },
    OUT_OF_ORDER: { description: 'Two events were swapped or moved (otherPosition names the other one)' },
    MISSING_HASH: { description: 'The event carries no hash (written around the append function, or the hash was removed)' },
    SEAL_MISMATCH: { description: 'A day seal no longer matches the events of its position range (only from `dlxh audit verify`)' },
  },
});

@ObjectType({ description: 'One problem found by the integrity check, pinpointed by global position (and revision)' })
export class IntegrityProblem {
  @Field(() => IntegrityProblemCodeEnum)
  code!: IntegrityProblemCode;

  @Field(() => String, { description: 'Global log position of the (first) affected event (a bigint, as text)' })
  position!: string;

  @Field(() => String, { nullable: true, description: "The event's stream revision (a bigint, as text)" })
  revision!: string | null;

  @Field(() => String, { nullable: true, description: 'OUT_OF_ORDER: the position of the other event' })
  otherPosition!: string | null;

  @Field(() => String, { nullable: true, description: 'OUT_OF_ORDER: the revision of the other event' })
  otherRevision!: string | null;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: "Tamper evidence of one issue: its stream's hash chain, recomputed from the stored events" })
export class IssueIntegrity {
  @Field(() => ID)
  issueId!: string;

  @Field(() => String)
  streamId!: string;

  @Field(() => Boolean, { description: 'True when every event verifies and links to the previous one' })
  intact!: boolean;

  @Field(() => Int)
  eventCount!: number;

  @Field(() => String, { nullable: true, description: 'Position of the last event (a bigint, as text)' })
  lastPosition!: string | null;

  @Field(() => String, { nullable: true, description: 'metadata.hash of the last event: quote it to pin the issue as it stands' })
  lastHash!: string | null;

  @Field(() => IntegrityProblem, { nullable: true, description: 'Where the trouble starts (lowest position); null when intact' })
  firstProblem!: IntegrityProblem | null;

  @Field(() => [IntegrityProblem], { description: 'Every problem found (at most 100), by position' })
  problems!: IntegrityProblem[];

  @Field(() => LocalDateResolver, { nullable: true, description: 'The last day sealed in the daily checkpoints of the whole log (`dlxh audit verify` checks the seals)' })
  sealedThrough!: string | null;

  @Field(() => Int, { description: "How many of the issue's events lie in sealed days" })
  sealedEventCount!: number;

  @Field(() => DateTimeResolver)
  checkedAt!: Date;
}

export function toIntegrityProblem(p: Problem): IntegrityProblem {
  return {
    code: p.code,
    position: p.position.toString(),
    revision: p.revision?.toString() ?? null,
    otherPosition: p.otherPosition?.toString() ?? null,
    otherRevision: p.otherRevision?.toString() ?? null,
    message: p.message,
  };
}

export function toIssueIntegrity(issueId: string, report: StreamIntegrity, sealed: { day: string | null; events: number }, checkedAt: Date): IssueIntegrity {
  const problems = report.problems.map(toIntegrityProblem);
  return {
    issueId,
    streamId: report.streamId,
    intact: report.intact,
    eventCount: report.events,
    lastPosition: report.lastPosition?.toString() ?? null,
    lastHash: report.lastHash,
    firstProblem: problems[0] ?? null,
    problems,
    sealedThrough: sealed.day,
    sealedEventCount: sealed.events,
    checkedAt,
  };
}
