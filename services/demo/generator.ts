/**
 * `dlxh demo`: a deterministic, seeded province, appended through the command service.
 *
 * Everything is planned before anything runs: every command, its content, its simulated time and its idempotency
 * key come from the seed (and the options that shape the plan), never from the order in which commands finish.
 * Then the plan runs: collaborators first, then "clusters" (an issue together with the duplicates merged into it),
 * each cluster's commands one after another in simulated time, different clusters concurrently. So the same options
 * give the same events per stream at any concurrency, and running the plan again writes nothing new.
 */
import { ValidationError } from '../../domain/errors';
import type { ReportInput } from '../../domain/issue/commands';
import type { IssueMerged } from '../../domain/issue/events';
import type { AdminUnit } from '../../domain/localities/admin-unit';
import type { LocalityCatalogue } from '../../domain/localities/catalogue';
import {
  Channel,
  GuidanceKind,
  Intensity,
  maxSeverity,
  SECTOR_LABELS,
  Sector,
  SECTORS,
  Severity,
  severityRank,
  Tendency,
  VerificationOutcome,
} from '../../domain/vocabulary';
import type { CollaboratorCommandInput, CollaboratorCommands } from '../commands/collaborator-commands';
import type { CommandEnvelope, CommandResult } from '../commands/command-service';
import type { IssueCommandInput, IssueCommands } from '../commands/issue-commands';
import {
  Agency,
  communeAgency,
  communeCollaboratorUnit,
  contentSlots,
  DECLINE_REASONS,
  FEEDBACK_AFTER_RESPONSE,
  FEEDBACK_AFTER_VERIFICATION,
  fillTemplate,
  FOLLOW_UPS,
  HOTSPOT_REASONS,
  MERGE_REASONS,
  OFFICER_IDS,
  ORIENTATION_GUIDANCE,
  personName,
  Place,
  placePhrase,
  PRESS_OUTLETS,
  provinceCollaboratorUnit,
  PROVINCIAL_AGENCIES,
  QUICK_REPORT_REASONS,
  REBUTTAL_GUIDANCE,
  REFERRAL_NOTES,
  regionOf,
  REOPEN_REASONS,
  RESOLUTIONS_NOTED,
  RESOLUTIONS_RESOLVED,
  RESOLUTIONS_UNFOUNDED,
  RESOLUTIONS_UNVERIFIABLE,
  RESPONSES_RESOLVED,
  RESPONSES_UNRESOLVED,
  SECTOR_TOPICS,
  SOCIAL_OUTLETS,
  Topic,
  VERIFICATION_EVIDENCE,
  VERIFICATION_METHODS,
} from './content';
import { Random } from './random';

export interface DemoOptions {
  provinceCode: string;
  seed: number;
  /** How many months of history end at `until`. */
  months: number;
  /** The last simulated day (YYYY-MM-DD, Vietnam time): nothing happens after it ends. */
  until: string;
  /** How many reports: new issues, further reports attached by officers, and duplicates that get merged. */
  reports: number;
  /** How many collaborators in all; by default two per commune and 30 at province level. */
  collaborators?: number;
  /** How many clusters of issues run at the same time. Does not change what is written. */
  concurrency: number;
  /**
   * Planted surges (default 0): commune × sector × weeks with an abnormal burst of mostly negative reports, on top of
   * the ordinary province (which stays exactly as without them), to measure early warning (see `planSurges`).
   */
  surges?: number;
}

export const DEMO_DEFAULTS = {
  provinceCode: '68',
  seed: 20261,
  months: 6,
  until: '2026-10-31',
  reports: 10_000,
  concurrency: 8,
} as const satisfies Omit<DemoOptions, 'collaborators'>;

/** The services the demo writes through; a Runtime has them all. */
export interface DemoDeps {
  catalogue: LocalityCatalogue;
  issues: Pick<IssueCommands, 'execute' | 'load'>;
  collaborators: Pick<CollaboratorCommands, 'execute'>;
}

export interface DemoProgress {
  done: number;
  planned: number;
}

export interface DemoSummary {
  /** The simulated period, ISO-8601 in Vietnam time. */
  from: string;
  until: string;
  collaborators: number;
  reports: number;
  issues: number;
  commands: number;
  /** Commands whose events were already stored (an earlier run with the same options): nothing was written. */
  replayedCommands: number;
  /** Events this run appended, by type. */
  eventsByType: Record<string, number>;
  /** The state at `until`: issues neither closed nor merged, referrals still owed a response, and those past their deadline. */
  openIssues: number;
  /** The planted surges (empty unless `surges` was set); their reports and issues are included in `reports` and `issues`. */
  surges: PlantedSurge[];
  openReferrals: number;
  overdueReferrals: number;
  seconds: number;
}

/** A planted surge: one commune × sector × week with an abnormal burst of mostly negative reports. */
export interface PlantedSurge {
  provinceCode: string;
  communeCode: string;
  sector: Sector;
  /** First and last day of the surge's week (YYYY-MM-DD, Vietnam time); every planted report is observed in it. */
  from: string;
  to: string;
  /** Reports planted in the week. */
  reports: number;
  /** How many of them are NEGATIVE. */
  negative: number;
  /** The issues they were submitted as (the first report of each opens it; the others are attached by an officer). */
  issueIds: string[];
}

// ---------------------------------------------------------------------------------------------------------
// Simulated time: instants are epoch milliseconds; days and office hours are in Vietnam time (UTC+7).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const VIETNAM_OFFSET = 7 * HOUR;

const iso = (ms: number) => new Date(ms).toISOString();
/** ISO-8601 in Vietnam time, e.g. '2026-05-01T00:00:00.000+07:00'. */
const vietnamIso = (ms: number) => new Date(ms + VIETNAM_OFFSET).toISOString().replace('Z', '+07:00');
/** Vietnam midnight of the day that contains `ms`. */
const localMidnight = (ms: number) => Math.floor((ms + VIETNAM_OFFSET) / DAY) * DAY - VIETNAM_OFFSET;
const localMonth = (ms: number) => new Date(ms + VIETNAM_OFFSET).getUTCMonth() + 1;
const isWeekend = (ms: number) => [0, 6].includes(new Date(ms + VIETNAM_OFFSET).getUTCDay());

/** `ms` when it falls in office hours (Mon–Fri 7:30–17:00), otherwise a moment early on the next working morning. */
function officeTime(ms: number, rng: Random): number {
  let day = localMidnight(ms);
  const hour = (ms - day) / HOUR;
  if (!isWeekend(day) && hour >= 7.5 && hour <= 17) return ms;
  if (hour >= 7.5) day += DAY;
  while (isWeekend(day)) day += DAY;
  return day + (7.5 + rng.between(0, 2.5)) * HOUR;
}

/** An office moment some days (a real number between the bounds) after `previous`, and always after it. */
function after(previous: number, minDays: number, maxDays: number, rng: Random): number {
  return Math.max(officeTime(previous + rng.between(minDays, maxDays) * DAY, rng), previous + MINUTE);
}

/** Hạn xử lý: 17:00 on the working day `days` days after `ms`. */
function deadlineAfter(ms: number, days: number): number {
  let day = localMidnight(ms) + days * DAY;
  while (isWeekend(day)) day += DAY;
  return day + 17 * HOUR;
}

/** When a collaborator sends a report on `day`: mostly in working hours, some in the evening. */
function reportingTime(day: number, rng: Random): number {
  const [from, to] = rng.weighted<readonly [number, number]>([
    [[7, 11.5], 35],
    [[13, 17], 35],
    [[19, 22], 20],
    [[5.5, 7], 5],
    [[11.5, 13], 5],
  ]);
  return day + rng.between(from, to) * HOUR;
}

/** From the start of the first day to the last second of `until`, Vietnam time. */
function simulatedPeriod(until: string, months: number): { start: number; end: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(until);
  const next = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1)) : undefined;
  if (!match || !next || iso(next.getTime() - DAY).slice(0, 10) !== until) throw ValidationError.field(['until'], 'must be a date YYYY-MM-DD');
  const start = Date.UTC(next.getUTCFullYear(), next.getUTCMonth() - months, next.getUTCDate()) - VIETNAM_OFFSET;
  return { start, end: next.getTime() - VIETNAM_OFFSET - 1000 };
}

// ---------------------------------------------------------------------------------------------------------
// The shape of the province's opinion

interface SectorProfile {
  /** Relative share of reports in an ordinary month. */
  weight: number;
  /** Multipliers by month (1–12), for seasonal sectors. */
  season?: Readonly<Partial<Record<number, number>>>;
  /** Sectors a matter of this sector often also concerns. */
  related: readonly Sector[];
  /** Probability that a report is flagged sensitive. */
  sensitive: number;
  /** Probability that a negative or mixed report is of HIGH intensity. */
  high: number;
}

const RAINY_SEASON = { 1: 0.7, 2: 0.7, 3: 0.7, 4: 0.8, 5: 1.2, 6: 1.4, 7: 1.6, 8: 1.7, 9: 1.6, 10: 1.4, 11: 1.1, 12: 0.8 };

/** Land and site clearance are steady and high; schools peak at the start of the year, dengue in the rainy season, prices at harvest and Tết. */
const SECTOR_PROFILES: Readonly<Record<Sector, SectorProfile>> = {
  COMPENSATION_SITE_CLEARANCE: { weight: 13, related: ['PLANNING_LAND', 'PUBLIC_INVESTMENT'], sensitive: 0.1, high: 0.4 },
  PLANNING_LAND: { weight: 12, related: ['COMPENSATION_SITE_CLEARANCE', 'ADMINISTRATIVE_REFORM'], sensitive: 0.08, high: 0.3 },
  ENVIRONMENT: { weight: 8, season: RAINY_SEASON, related: ['HEALTH', 'PLANNING_LAND'], sensitive: 0.05, high: 0.3 },
  ADMINISTRATIVE_REFORM: { weight: 5, related: ['DIGITAL_TRANSFORMATION', 'LOCAL_GOVERNMENT_REFORM'], sensitive: 0.02, high: 0.12 },
  PUBLIC_INVESTMENT: { weight: 5, season: { 10: 1.3, 11: 1.4, 12: 1.5 }, related: ['COMPENSATION_SITE_CLEARANCE'], sensitive: 0.05, high: 0.2 },
  DIGITAL_TRANSFORMATION: { weight: 5, related: ['ADMINISTRATIVE_REFORM'], sensitive: 0.02, high: 0.1 },
  EDUCATION: { weight: 6, season: { 5: 1.2, 6: 1.4, 7: 0.8, 8: 2.2, 9: 2.4, 10: 1.3, 11: 1.1 }, related: ['PUBLIC_INVESTMENT'], sensitive: 0.03, high: 0.2 },
  HEALTH: { weight: 6, season: { 6: 1.4, 7: 1.7, 8: 1.9, 9: 1.8, 10: 1.5, 11: 1.2 }, related: ['SOCIAL_WELFARE', 'ENVIRONMENT'], sensitive: 0.04, high: 0.25 },
  PERSONNEL: { weight: 4, related: ['LOCAL_GOVERNMENT_REFORM', 'PARTY_BUILDING'], sensitive: 0.4, high: 0.2 },
  RELIGION_ETHNICITY: { weight: 3, related: ['SECURITY_ORDER', 'PLANNING_LAND'], sensitive: 0.65, high: 0.3 },
  SECURITY_ORDER: { weight: 7, season: { 12: 1.2, 1: 1.4, 2: 1.3 }, related: ['DIGITAL_TRANSFORMATION'], sensitive: 0.3, high: 0.3 },
  ECONOMY_LIVELIHOOD: { weight: 9, season: { 11: 1.4, 12: 1.6, 1: 1.8, 2: 1.5, 6: 1.2, 7: 1.3, 8: 1.2 }, related: ['SOCIAL_WELFARE'], sensitive: 0.03, high: 0.2 },
  SOCIAL_WELFARE: { weight: 4, season: { 1: 1.5, 2: 1.3, 9: 1.2, 10: 1.3, 11: 1.3 }, related: ['HEALTH', 'ECONOMY_LIVELIHOOD'], sensitive: 0.03, high: 0.2 },
  PARTY_BUILDING: { weight: 3, related: ['PERSONNEL'], sensitive: 0.45, high: 0.15 },
  LOCAL_GOVERNMENT_REFORM: { weight: 6, related: ['ADMINISTRATIVE_REFORM', 'PERSONNEL'], sensitive: 0.05, high: 0.15 },
  OTHER: { weight: 2, related: [], sensitive: 0.02, high: 0.15 },
};

const sectorWeight = (sector: Sector, month: number) => SECTOR_PROFILES[sector].weight * (SECTOR_PROFILES[sector].season?.[month] ?? 1);

const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['ZALO_GROUP', 22],
  ['SOCIAL_MEDIA', 14],
  ['PHONE', 12],
  ['MEETING', 10],
  ['CITIZEN_RECEPTION', 9],
  ['DIRECT_DIALOGUE', 8],
  ['PRESS', 6],
  ['PRIVATE_MESSAGE', 6],
  ['HOTLINE', 5],
  ['EMAIL', 4],
  ['ONLINE_SURVEY', 4],
];

const TENDENCY_BY_TONE: Readonly<Record<Tendency, readonly (readonly [Tendency, number])[]>> = {
  NEGATIVE: [['NEGATIVE', 85], ['MIXED', 12], ['NEUTRAL', 3]],
  MIXED: [['MIXED', 75], ['NEGATIVE', 15], ['NEUTRAL', 10]],
  POSITIVE: [['POSITIVE', 85], ['NEUTRAL', 10], ['MIXED', 5]],
  NEUTRAL: [['NEUTRAL', 80], ['POSITIVE', 10], ['MIXED', 10]],
};

/** The severity an officer gives a negative or mixed matter, by the intensity of its first report. */
const SEVERITY_BY_INTENSITY: Readonly<Record<Intensity, readonly (readonly [Severity, number])[]>> = {
  HIGH: [['NORMAL', 35], ['PROMINENT', 35], ['PRESSING', 22], ['HOTSPOT', 8]],
  MEDIUM: [['NORMAL', 72], ['PROMINENT', 20], ['PRESSING', 7], ['HOTSPOT', 1]],
  LOW: [['NORMAL', 92], ['PROMINENT', 7], ['PRESSING', 1]],
};

/** Information from cyberspace and the press is more often false; agreeable opinion is mostly just so. */
const OUTCOME_ODDS = {
  favourable: [['CONFIRMED', 70], ['PARTLY_CONFIRMED', 15], ['UNFOUNDED', 7], ['UNVERIFIABLE', 8]],
  cyberspace: [['CONFIRMED', 32], ['PARTLY_CONFIRMED', 22], ['UNFOUNDED', 33], ['UNVERIFIABLE', 13]],
  other: [['CONFIRMED', 50], ['PARTLY_CONFIRMED', 21], ['UNFOUNDED', 17], ['UNVERIFIABLE', 12]],
} as const satisfies Record<string, readonly (readonly [VerificationOutcome, number])[]>;

/** How strongly an issue draws further reports and duplicates. */
const ATTENTION: Readonly<Record<Severity, number>> = { NORMAL: 1, PROMINENT: 3, PRESSING: 5, HOTSPOT: 8 };

const PROVINCE_LEVEL_SHARE = 0.1;
const PROVINCE_COLLABORATORS = 30;
const COLLABORATORS_PER_COMMUNE = 2;
const DUPLICATE_SHARE = 0.02;

// ---------------------------------------------------------------------------------------------------------
// Plan

interface Actor {
  id: string;
  role: 'COLLABORATOR' | 'OFFICER' | 'AGENCY';
}

interface Collaborator extends Actor {
  localityCode: string;
}

interface PlannedCommand<C> {
  at: number;
  command: C;
  envelope: CommandEnvelope;
}
type PlannedIssueCommand = PlannedCommand<IssueCommandInput>;

type ReportDraft = Omit<ReportInput, 'provinceCode'>;

/** What an issue is about; every report on it shares this. */
interface Matter {
  sector: Sector;
  topic: Topic;
  slots: Record<string, string>;
  place: Place;
}

/** The commands of one issue stream, with their idempotency keys, and the spans of time the issue is open. */
class IssueStory {
  readonly commands: PlannedIssueCommand[] = [];
  /** From submission or reopening to closing; the last span stays open (`to` Infinity) unless closed. */
  readonly openSpans: { from: number; to: number }[] = [];
  latest = 0;
  private readonly steps = new Map<string, number>();

  constructor(
    readonly issueId: string,
    private readonly keyPrefix: string,
    private readonly correlationId: string,
  ) {}

  /** Adds a command at `at` and returns `at`; `step` names it in the idempotency key ('verify' → 'verify-2'). */
  add(at: number, step: string, actor: Actor, command: IssueCommandInput): number {
    const count = (this.steps.get(step) ?? 0) + 1;
    this.steps.set(step, count);
    this.commands.push({
      at,
      command,
      envelope: {
        actorId: actor.id,
        actorRole: actor.role,
        now: iso(at),
        idempotencyKey: `${this.keyPrefix}:${step}-${count}`,
        correlationId: this.correlationId,
      },
    });
    if (command.type === 'SubmitReport' || command.type === 'ReopenIssue') this.openSpans.push({ from: at, to: Infinity });
    if (command.type === 'CloseIssue') this.openSpans[this.openSpans.length - 1].to = at;
    this.latest = Math.max(this.latest, at);
    return at;
  }
}

interface IssueDraft {
  story: IssueStory;
  matter: Matter;
  firstReport: ReportDraft;
  officer: Actor;
  /** The current severity as the plan goes on (classification, escalation). */
  severity: Severity;
  outcome: VerificationOutcome;
  /** The merged duplicates whose commands run in this issue's cluster. */
  duplicates: IssueStory[];
}

/** Everything the planner draws from that does not change from issue to issue. */
interface World {
  key: string;
  seed: number;
  provinceCode: string;
  period: { start: number; end: number };
  days: number[];
  dayOdds: number[];
  communes: readonly AdminUnit[];
  /** Per sector: cumulative weights of the communes (wards and busy communes draw more, some communes run hot in a sector). */
  communeOdds: Readonly<Record<Sector, number[]>>;
  provinceCollaborators: Collaborator[];
  communeCollaborators: Map<string, Collaborator[]>;
}

interface DemoPlan {
  period: { start: number; end: number };
  enrolments: PlannedCommand<CollaboratorCommandInput>[];
  /** Clusters of issue commands, each in simulated-time order, up to the end of the period. */
  clusters: PlannedIssueCommand[][];
  reports: number;
  issues: number;
  surges: PlantedSurge[];
}

function cumulative(weights: readonly number[]): number[] {
  let sum = 0;
  return weights.map((weight) => (sum += weight));
}

/** The index drawn from cumulative weights (binary search). */
function pickIndex(rng: Random, odds: readonly number[]): number {
  const target = rng.next() * odds[odds.length - 1];
  let low = 0;
  let high = odds.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (odds[middle] > target) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Throws a ValidationError naming the first bad option; `generateDemo` checks too, this lets a caller check before opening anything. */
export function checkDemoOptions(options: DemoOptions): void {
  const integer = (name: keyof DemoOptions, value: number | undefined, min: number, max: number) => {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw ValidationError.field([name], `must be an integer from ${min} to ${max}`);
    }
  };
  integer('seed', options.seed, 0, 2 ** 31 - 1);
  integer('months', options.months, 1, 36);
  integer('reports', options.reports, 1, 10_000_000);
  integer('collaborators', options.collaborators, 1, 1_000_000);
  integer('concurrency', options.concurrency, 1, 256);
  integer('surges', options.surges, 0, 10_000);
  simulatedPeriod(options.until, options.months);
}

function buildWorld(catalogue: LocalityCatalogue, options: DemoOptions): { world: World; enrolments: PlannedCommand<CollaboratorCommandInput>[] } {
  const communes = catalogue.communesOf(options.provinceCode);
  if (!catalogue.isProvince(options.provinceCode) || communes.length === 0) {
    throw ValidationError.field(['provinceCode'], `has no communes in the locality catalogue (${options.provinceCode}); set DLXH_ADMIN_UNITS to a full vn-admin-units.json`);
  }
  const period = simulatedPeriod(options.until, options.months);
  const collaboratorCount = options.collaborators ?? COLLABORATORS_PER_COMMUNE * communes.length + PROVINCE_COLLABORATORS;
  // The plan's identity: the same options give the same ids (and so nothing new); other options give another province.
  const key = [options.provinceCode, options.seed, options.months, options.until, options.reports, collaboratorCount].join(':');
  const rng = Random.of(key, 'world');

  const days: number[] = [];
  for (let day = period.start; day < period.end; day += DAY) days.push(day);
  const dayOdds = cumulative(days.map((day) => (isWeekend(day) ? 0.45 : 1) * SECTORS.reduce((sum, sector) => sum + sectorWeight(sector, localMonth(day)), 0)));

  const typeWeight: Partial<Record<AdminUnit['type'], number>> = { phuong: 2.4, 'dac-khu': 1.2 };
  const activity = communes.map((commune) => (typeWeight[commune.type] ?? 1) * Math.exp(rng.normal(0, 0.45)));
  const communeOdds = Object.fromEntries(
    SECTORS.map((sector) => [sector, cumulative(activity.map((weight) => weight * Math.exp(rng.normal(0, 0.6))))]),
  ) as Record<Sector, number[]>;

  const enrolments: PlannedCommand<CollaboratorCommandInput>[] = [];
  const provinceCollaborators: Collaborator[] = [];
  const communeCollaborators = new Map<string, Collaborator[]>();
  const provinceLevel = Math.max(1, Math.round((collaboratorCount * PROVINCE_COLLABORATORS) / (COLLABORATORS_PER_COMMUNE * communes.length + PROVINCE_COLLABORATORS)));
  for (let index = 0; index < collaboratorCount; index++) {
    const commune = index < provinceLevel ? undefined : communes[(index - provinceLevel) % communes.length];
    const collaborator: Collaborator = { id: `ctv-${rng.uuid()}`, role: 'COLLABORATOR', localityCode: commune?.code ?? options.provinceCode };
    if (commune) communeCollaborators.set(commune.code, [...(communeCollaborators.get(commune.code) ?? []), collaborator]);
    else provinceCollaborators.push(collaborator);
    const at = officeTime(period.start - rng.between(7, 120) * DAY, rng);
    enrolments.push({
      at,
      command: {
        type: 'EnrollCollaborator',
        collaboratorId: collaborator.id,
        fullName: personName(rng),
        level: commune ? 'COMMUNE' : 'PROVINCE',
        localityCode: collaborator.localityCode,
        unit: commune ? communeCollaboratorUnit(rng, commune) : provinceCollaboratorUnit(rng),
      },
      envelope: { actorId: OFFICER_IDS[0], actorRole: 'OFFICER', now: iso(at), idempotencyKey: `demo:${options.seed}:enrol` },
    });
  }
  return {
    world: { key, seed: options.seed, provinceCode: options.provinceCode, period, days, dayOdds, communes, communeOdds, provinceCollaborators, communeCollaborators },
    enrolments,
  };
}

function pickPlace(world: World, rng: Random, sector: Sector): Place {
  if (rng.chance(PROVINCE_LEVEL_SHARE)) return { code: world.provinceCode, commune: null, region: rng.pick(['LAM_DONG', 'DAK_NONG', 'BINH_THUAN'] as const) };
  const commune = world.communes[pickIndex(rng, world.communeOdds[sector])];
  return { code: commune.code, commune, region: regionOf(commune.code) };
}

/** A collaborator of the commune (most often), or one at province level. */
function pickReporter(world: World, rng: Random, place: Place): Collaborator {
  const local = world.communeCollaborators.get(place.code) ?? [];
  return local.length > 0 && rng.chance(0.8) ? rng.pick(local) : rng.pick(world.provinceCollaborators);
}

function draftReport(rng: Random, matter: Matter, reporter: Collaborator, submittedAt: number, sectors: Sector[]): ReportDraft {
  const profile = SECTOR_PROFILES[matter.sector];
  const tendency = rng.weighted(TENDENCY_BY_TONE[matter.topic.tone]);
  const critical = tendency === 'NEGATIVE' || tendency === 'MIXED';
  const intensity = rng.weighted<Intensity>(
    critical ? [['HIGH', profile.high], ['MEDIUM', 0.5], ['LOW', Math.max(0.1, 0.5 - profile.high)]] : [['LOW', 0.5], ['MEDIUM', 0.4], ['HIGH', 0.1]],
  );
  const sensitive = rng.chance(profile.sensitive);
  const kind = (sensitive && rng.chance(0.5)) || (intensity === 'HIGH' && rng.chance(0.2)) ? 'AD_HOC' : rng.chance(0.45) ? 'QUICK' : 'PERIODIC';
  const channel = rng.weighted(CHANNEL_WEIGHTS);
  const observedAt = kind === 'PERIODIC' ? submittedAt - rng.between(1, 20) * DAY : submittedAt - rng.between(0.5, kind === 'QUICK' ? 12 : 6) * HOUR;
  const scale = { LOW: 15, MEDIUM: 40, HIGH: 120 }[intensity];
  return {
    reportId: rng.uuid(),
    kind,
    channel,
    localityCode: matter.place.code,
    sectors,
    title: fillTemplate(matter.topic.title, matter.slots),
    summary: fillTemplate(matter.topic.summary, matter.slots),
    peopleConcerned: rng.chance(0.7) ? Math.max(1, Math.round(Math.exp(rng.normal(Math.log(scale), 0.8)))) : null,
    tendency,
    intensity,
    sources: channel === 'PRESS' ? [{ outlet: rng.pick(PRESS_OUTLETS) }] : channel === 'SOCIAL_MEDIA' ? [{ outlet: rng.pick(SOCIAL_OUTLETS) }] : [],
    sensitive,
    observedAt: iso(observedAt),
    reporterId: reporter.id,
    reporterRole: 'COLLABORATOR',
  };
}

/** Slots of the lifecycle texts: the place, the sector and (for referrals) an agency. */
function lifecycleSlots(issue: IssueDraft, agency?: Agency): Record<string, string> {
  return { dia_ban: placePhrase(issue.matter.place), linh_vuc: SECTOR_LABELS[issue.matter.sector].toLowerCase(), co_quan: agency?.name ?? 'cơ quan có thẩm quyền' };
}

function text(rng: Random, templates: readonly string[], slots: Record<string, string>): string {
  return fillTemplate(rng.pick(templates), slots);
}

function draftIssue(world: World, index: number): IssueDraft {
  const rng = Random.of(world.key, 'issue', index);
  const issueId = rng.uuid();
  const story = new IssueStory(issueId, `demo:${world.seed}:${issueId}`, rng.uuid());
  const day = world.days[pickIndex(rng, world.dayOdds)];
  const month = localMonth(day);
  const sector = rng.weighted(SECTORS.map((s) => [s, sectorWeight(s, month)] as const));
  const place = pickPlace(world, rng, sector);
  const topic = rng.pick(SECTOR_TOPICS[sector].filter((t) => t.months === undefined || t.months.includes(month)));
  const matter: Matter = { sector, topic, slots: contentSlots(rng, place), place };
  const related = SECTOR_PROFILES[sector].related;
  const sectors = related.length > 0 && rng.chance(0.25) ? [sector, rng.pick(related)] : [sector];
  const reporter = pickReporter(world, rng, place);
  const submittedAt = reportingTime(day, rng);
  const firstReport = draftReport(rng, matter, reporter, submittedAt, sectors);
  story.add(submittedAt, 'submit', reporter, { type: 'SubmitReport', issueId, ...firstReport });
  const cyberspace = firstReport.channel === 'SOCIAL_MEDIA' || firstReport.channel === 'PRESS';
  const favourable = firstReport.tendency === 'POSITIVE' || firstReport.tendency === 'NEUTRAL';
  const issue: IssueDraft = {
    story,
    matter,
    firstReport,
    officer: { id: rng.pick(OFFICER_IDS), role: 'OFFICER' },
    severity: 'NORMAL',
    outcome: rng.weighted(favourable ? OUTCOME_ODDS.favourable : cyberspace ? OUTCOME_ODDS.cyberspace : OUTCOME_ODDS.other),
    duplicates: [],
  };
  planLifecycle(issue, rng);
  return issue;
}

/**
 * Classify, verify, escalate, rebut, refer (acknowledge, respond or decline), feed back, close and sometimes reopen:
 * each step after the steps it depends on, with office-hour delays. Steps past the end of the period are cut later.
 */
function planLifecycle(issue: IssueDraft, rng: Random): void {
  const { story, firstReport, officer } = issue;
  const { issueId } = story;
  const slots = lifecycleSlots(issue);

  const favourable = firstReport.tendency === 'POSITIVE' || firstReport.tendency === 'NEUTRAL';
  const severity = favourable ? 'NORMAL' : rng.weighted(SEVERITY_BY_INTENSITY[firstReport.intensity]);
  const related = SECTOR_PROFILES[issue.matter.sector].related.filter((sector) => !firstReport.sectors.includes(sector));
  const extraSector = related.length > 0 && rng.chance(0.2) ? rng.pick(related) : undefined;
  if (severity !== 'NORMAL' || extraSector) {
    story.add(after(story.latest, 0.05, 1.5, rng), 'classify', officer, {
      type: 'ClassifyIssue',
      issueId,
      ...(severity !== 'NORMAL' && { severity }),
      ...(extraSector && { sectors: [...firstReport.sectors, extraSector] }),
    });
    issue.severity = severity;
  }

  const urgent = severityRank(issue.severity) >= severityRank('PRESSING');
  const verifiedAt = story.add(after(story.latest, urgent ? 0.1 : 0.5, urgent ? 1.5 : 6, rng), 'verify', officer, verification(issue, rng, firstReport.reportId));
  const confirming = issue.outcome === 'CONFIRMED' || issue.outcome === 'PARTLY_CONFIRMED';

  if (confirming && (urgent || (issue.severity === 'PROMINENT' && rng.chance(0.2)))) {
    const level = issue.severity === 'PRESSING' && rng.chance(0.35) ? 'HOTSPOT' : 'QUICK_REPORT';
    const reason = text(rng, level === 'HOTSPOT' ? HOTSPOT_REASONS : QUICK_REPORT_REASONS, slots);
    story.add(after(verifiedAt, 0.02, 0.8, rng), 'escalate', officer, { type: 'EscalateIssue', issueId, level, reason });
    issue.severity = level === 'HOTSPOT' ? 'HOTSPOT' : maxSeverity(issue.severity, 'PRESSING');
  }
  const cyberspace = firstReport.channel === 'SOCIAL_MEDIA' || firstReport.channel === 'PRESS';
  if ((issue.outcome === 'UNFOUNDED' && rng.chance(cyberspace ? 0.85 : 0.55)) || (issue.outcome === 'PARTLY_CONFIRMED' && rng.chance(0.15))) {
    guidance(issue, rng, after(verifiedAt, 0.1, 2, rng), 'REBUTTAL');
  }

  let closedAt: number | undefined;
  let answeredBy: Agency | undefined;
  if (!confirming) {
    if (rng.chance(0.75)) feedback(issue, rng, FEEDBACK_AFTER_VERIFICATION, slots);
    const resolutions = issue.outcome === 'UNFOUNDED' ? RESOLUTIONS_UNFOUNDED : RESOLUTIONS_UNVERIFIABLE;
    if (rng.chance(0.9)) closedAt = close(issue, rng, 1, 7, resolutions);
  } else if (favourable) {
    if (rng.chance(0.9)) closedAt = close(issue, rng, 1, 10, RESOLUTIONS_NOTED);
  } else {
    const round = referralRound(issue, rng, chooseAgencies(issue, rng), true);
    answeredBy = round.answeredBy;
    if (rng.chance(round.resolved ? 0.9 : 0.5)) closedAt = close(issue, rng, 1, 10, RESOLUTIONS_RESOLVED);
  }

  if (closedAt !== undefined && rng.chance(0.05)) {
    story.add(after(closedAt, 3, 30, rng), 'reopen', officer, { type: 'ReopenIssue', issueId, reason: text(rng, REOPEN_REASONS, slots) });
    if (answeredBy) {
      const round = referralRound(issue, rng, [answeredBy], false);
      if (rng.chance(round.resolved ? 0.8 : 0.4)) close(issue, rng, 1, 10, RESOLUTIONS_RESOLVED);
    } else if (rng.chance(0.85)) {
      close(issue, rng, 2, 10, confirming ? RESOLUTIONS_NOTED : RESOLUTIONS_UNVERIFIABLE);
    }
  }
}

function verification(issue: IssueDraft, rng: Random, reportId: string): IssueCommandInput {
  const slots = lifecycleSlots(issue);
  return {
    type: 'VerifyReport',
    issueId: issue.story.issueId,
    reportId,
    outcome: issue.outcome,
    method: text(rng, VERIFICATION_METHODS, slots),
    evidence: text(rng, VERIFICATION_EVIDENCE[issue.outcome], slots),
    verifierId: issue.officer.id,
  };
}

function guidance(issue: IssueDraft, rng: Random, at: number, kind: GuidanceKind): void {
  const content = text(rng, kind === 'REBUTTAL' ? REBUTTAL_GUIDANCE : ORIENTATION_GUIDANCE, lifecycleSlots(issue));
  issue.story.add(at, 'guidance', issue.officer, { type: 'IssueGuidance', issueId: issue.story.issueId, guidanceId: rng.uuid(), kind, content });
}

function feedback(issue: IssueDraft, rng: Random, templates: readonly string[], slots: Record<string, string>): void {
  issue.story.add(after(issue.story.latest, 0.3, 4, rng), 'feedback', issue.officer, {
    type: 'DeliverFeedback',
    issueId: issue.story.issueId,
    feedbackId: rng.uuid(),
    content: text(rng, templates, slots),
    channel: rng.pick(['ZALO_GROUP', 'PHONE', 'MEETING', 'EMAIL'] as const),
  });
}

function close(issue: IssueDraft, rng: Random, minDays: number, maxDays: number, resolutions: readonly string[]): number {
  const { story } = issue;
  return story.add(after(story.latest, minDays, maxDays, rng), 'close', issue.officer, {
    type: 'CloseIssue',
    issueId: story.issueId,
    resolution: text(rng, resolutions, lifecycleSlots(issue)),
  });
}

const agenciesOf = (sector: Sector) => PROVINCIAL_AGENCIES.filter((agency) => agency.sectors.includes(sector));

/** The sector's lead department (or another one handling it), often with the commune's People's Committee. */
function chooseAgencies(issue: IssueDraft, rng: Random): Agency[] {
  const { sector, place } = issue.matter;
  const provincial = agenciesOf(sector);
  const lead = rng.weighted(provincial.map((agency) => [agency, agency.sectors[0] === sector ? 3 : 1] as const));
  const local = place.commune ? communeAgency(place.commune) : undefined;
  if (local && local.sectors.includes(sector)) {
    const draw = rng.next();
    if (draw < 0.3) return [local];
    if (draw < 0.65) return [lead, local];
    return [lead];
  }
  const second = provincial.filter((agency) => agency !== lead);
  return second.length > 0 && rng.chance(0.25) ? [lead, rng.pick(second)] : [lead];
}

/** Refers the issue to each agency at about the same time; then orientation, feedback. */
function referralRound(issue: IssueDraft, rng: Random, agencies: Agency[], declinable: boolean): { answeredBy: Agency; resolved: boolean } {
  const referredAt = after(issue.story.latest, 0.1, 2.5, rng);
  const involved = new Set(agencies.map((agency) => agency.id));
  const chains = agencies.map((agency, index) => referral(issue, rng, agency, referredAt + index * 5 * MINUTE, involved, declinable));
  if (severityRank(issue.severity) >= severityRank('PROMINENT') && rng.chance(0.45)) guidance(issue, rng, after(referredAt, 0.2, 3, rng), 'ORIENTATION');
  const answeredBy = chains[0].agency;
  if (rng.chance(0.85)) feedback(issue, rng, FEEDBACK_AFTER_RESPONSE, lifecycleSlots(issue, answeredBy));
  return { answeredBy, resolved: chains.every((chain) => chain.resolved) };
}

/**
 * One referral: acknowledged within days and answered, mostly by the deadline (more reliably for prominent matters);
 * or, sometimes, declined with a suggested agency, which the officer then refers to.
 */
function referral(issue: IssueDraft, rng: Random, agency: Agency, at: number, involved: Set<string>, declinable: boolean): { agency: Agency; resolved: boolean } {
  const { story, officer } = issue;
  const { issueId } = story;
  const agent: Actor = { id: agency.id, role: 'AGENCY' };
  const prominent = severityRank(issue.severity) >= severityRank('PROMINENT');
  const days = prominent ? (severityRank(issue.severity) >= severityRank('PRESSING') ? rng.int(7, 10) : rng.int(10, 15)) : rng.int(15, 30);
  const deadline = deadlineAfter(at, days);
  const referralId = rng.uuid();
  story.add(at, 'refer', officer, {
    type: 'ReferIssue',
    issueId,
    referralId,
    agencyId: agency.id,
    agencyName: agency.name,
    deadline: iso(deadline),
    note: text(rng, REFERRAL_NOTES, lifecycleSlots(issue, agency)),
  });

  const suggestions = [...agenciesOf(issue.matter.sector), ...(issue.matter.place.commune ? [communeAgency(issue.matter.place.commune)] : [])].filter(
    (candidate) => !involved.has(candidate.id),
  );
  if (declinable && suggestions.length > 0 && rng.chance(0.07)) {
    const suggested = rng.pick(suggestions);
    involved.add(suggested.id);
    const acknowledgedAt = rng.chance(0.35) ? story.add(after(at, 0.2, 2, rng), 'acknowledge', agent, { type: 'AcknowledgeReferral', issueId, referralId }) : at;
    const declinedAt = story.add(after(acknowledgedAt, 0.3, 3, rng), 'decline', agent, {
      type: 'DeclineReferral',
      issueId,
      referralId,
      reason: text(rng, DECLINE_REASONS, lifecycleSlots(issue, suggested)),
      suggestedAgencyId: suggested.id,
    });
    return referral(issue, rng, suggested, after(declinedAt, 0.2, 2, rng), involved, false);
  }

  const acknowledgedAt = story.add(after(at, 0.1, 3, rng), 'acknowledge', agent, { type: 'AcknowledgeReferral', issueId, referralId });
  const onTime = rng.chance(prominent ? 0.91 : 0.8);
  const earliest = acknowledgedAt + 0.3 * DAY;
  const respondedAt = onTime
    ? Math.min(officeTime(earliest + Math.min(0.98, Math.max(0.05, rng.normal(0.6, 0.25))) * (deadline - HOUR - earliest), rng), deadline - 30 * MINUTE)
    : after(deadline, 1, 20, rng);
  const resolved = rng.chance(0.85);
  story.add(Math.max(respondedAt, acknowledgedAt + MINUTE), 'respond', agent, {
    type: 'RespondToReferral',
    issueId,
    referralId,
    result: text(rng, resolved ? RESPONSES_RESOLVED : RESPONSES_UNRESOLVED, lifecycleSlots(issue, agency)),
    resolved,
  });
  return { agency, resolved };
}

/** The usable part of an issue's open spans for something arriving at least an hour after it opened, before `end`. */
function openWindow(story: IssueStory, end: number): { from: number; to: number }[] {
  return story.openSpans.map((span) => ({ from: span.from + HOUR, to: Math.min(span.to, end) })).filter((span) => span.to > span.from);
}

/** A moment in the windows, early ones more likely (a matter draws most reports while it is fresh). */
function momentIn(rng: Random, windows: { from: number; to: number }[]): { at: number; until: number } {
  const window = rng.chance(0.8) ? windows[0] : rng.pick(windows);
  const span = Math.min(window.to - window.from, 45 * DAY);
  return { at: window.from + span * rng.next() ** 2, until: window.to };
}

/** Further reports on open issues, attached by officers; hot issues draw more. Some get verified. */
function planAttachments(world: World, issues: IssueDraft[], count: number): void {
  const rng = Random.of(world.key, 'attachments');
  const candidates = issues.filter((issue) => openWindow(issue.story, world.period.end).length > 0);
  if (candidates.length === 0) return;
  const odds = cumulative(candidates.map((issue) => ATTENTION[issue.severity] * (issue.firstReport.tendency === 'NEGATIVE' ? 1.5 : 1)));
  for (let n = 0; n < count; n++) {
    const issue = candidates[pickIndex(rng, odds)];
    const { at, until } = momentIn(rng, openWindow(issue.story, world.period.end));
    const reporter = pickReporter(world, rng, issue.matter.place);
    const followUp = rng.pick(FOLLOW_UPS);
    const base = draftReport(rng, issue.matter, reporter, at, issue.firstReport.sectors);
    const report = { ...base, title: `${followUp.title}: ${base.title}`, summary: `${base.summary} ${followUp.note}` };
    issue.story.add(at, 'attach', issue.officer, { type: 'AttachReport', issueId: issue.story.issueId, report });
    const verifiedAt = after(at, 1, 4, rng);
    if (rng.chance(0.3) && verifiedAt < until) issue.story.add(verifiedAt, 'verify', issue.officer, verification(issue, rng, report.reportId));
  }
}

/** Duplicates: the same matter reported again as a new issue by another collaborator, merged into the first by an officer. */
function planDuplicates(world: World, issues: IssueDraft[], count: number): void {
  const rng = Random.of(world.key, 'duplicates');
  // The first span the issue is open, from an hour after its submission.
  const firstWindow = (issue: IssueDraft) => ({ from: issue.story.openSpans[0].from + HOUR, to: Math.min(issue.story.openSpans[0].to, world.period.end) });
  const candidates = issues.filter((issue) => firstWindow(issue).to - firstWindow(issue).from > 2 * DAY);
  if (candidates.length === 0) return;
  const odds = cumulative(candidates.map((issue) => ATTENTION[issue.severity]));
  for (let n = 0; n < count; n++) {
    const target = candidates[pickIndex(rng, odds)];
    const window = firstWindow(target);
    const submittedAt = window.from + rng.next() * (window.to - window.from) * 0.5;
    const mergedAt = Math.min(after(submittedAt, 0.3, 3, rng), (submittedAt + window.to) / 2);
    const issueId = rng.uuid();
    const story = new IssueStory(issueId, `demo:${world.seed}:${issueId}`, rng.uuid());
    const reporter = pickReporter(world, rng, target.matter.place);
    const report = draftReport(rng, target.matter, reporter, submittedAt, target.firstReport.sectors);
    story.add(submittedAt, 'submit', reporter, { type: 'SubmitReport', issueId, ...report });
    story.add(mergedAt, 'merge', target.officer, { type: 'MergeIssues', issueId, intoIssueId: target.story.issueId, reason: rng.pick(MERGE_REASONS) });
    target.duplicates.push(story);
  }
}

function planDemo(catalogue: LocalityCatalogue, options: DemoOptions): DemoPlan {
  checkDemoOptions(options);
  const { world, enrolments } = buildWorld(catalogue, options);
  const attachedShare = Random.of(world.key, 'shares').between(0.17, 0.22);
  const attached = Math.round(options.reports * attachedShare);
  const issueCount = options.reports - attached;
  const duplicates = issueCount >= 10 ? Math.max(1, Math.round(issueCount * DUPLICATE_SHARE)) : 0;

  const issues = Array.from({ length: issueCount - duplicates }, (_, index) => draftIssue(world, index));
  planDuplicates(world, issues, duplicates);
  planAttachments(world, issues, attached);
  // Planted after (and drawn apart from) the ordinary province, which therefore stays the same with or without them.
  const surges = planSurgeIssues(world, options.surges ?? 0);

  const clusters = [...issues, ...surges.issues]
    .map((issue) =>
      [issue.story, ...issue.duplicates]
        .flatMap((story) => story.commands)
        .filter((planned) => planned.at <= world.period.end)
        .sort((a, b) => a.at - b.at),
    )
    .sort((a, b) => a[0].at - b[0].at);
  return {
    period: world.period,
    enrolments,
    clusters,
    reports: options.reports + surges.planted.reduce((sum, surge) => sum + surge.reports, 0),
    issues: issueCount + surges.issues.length,
    surges: surges.planted,
  };
}

/**
 * The surges `generateDemo` plants with these options, without running anything: deterministic from the seed and
 * options (a bench scores early warning against them). Empty when `options.surges` is 0 or unset.
 */
export function planSurges(catalogue: LocalityCatalogue, options: DemoOptions): PlantedSurge[] {
  checkDemoOptions(options);
  if (!options.surges) return [];
  return planSurgeIssues(buildWorld(catalogue, options).world, options.surges).planted;
}

/** Surges last a week; they start once the province has 9 weeks of history (a baseline to rise above) when it can. */
const SURGE_DAYS = 7;
const SURGE_EARLIEST_DAY = 63;
const SURGE_TENDENCY: readonly (readonly [Tendency, number])[] = [['NEGATIVE', 80], ['MIXED', 15], ['NEUTRAL', 5]];
const SURGE_INTENSITY: readonly (readonly [Intensity, number])[] = [['HIGH', 40], ['MEDIUM', 45], ['LOW', 15]];

/**
 * Each surge: a commune (drawn as ordinary reports draw them, so busy places too) × a sector not already surging
 * there, a week, and 7–14 reports in it: mostly negative, often intense, quick or ad-hoc reports observed within
 * hours. They form one issue, sometimes two (the same kind of matter reported separately), whose further reports
 * officers attach; then the issues go through the usual lifecycle.
 */
function planSurgeIssues(world: World, count: number): { planted: PlantedSurge[]; issues: IssueDraft[] } {
  const planted: PlantedSurge[] = [];
  const issues: IssueDraft[] = [];
  const lastStart = world.days.length - SURGE_DAYS;
  if (count === 0 || lastStart < 0) return { planted, issues };
  const firstStart = Math.min(SURGE_EARLIEST_DAY, lastStart);
  const taken = new Set<string>();
  for (let n = 0; n < count; n++) {
    const rng = Random.of(world.key, 'surge', n);
    const start = world.days[rng.int(firstStart, lastStart)];
    const month = localMonth(start);
    let sector: Sector = 'OTHER';
    let commune: AdminUnit | undefined;
    for (let attempt = 0; attempt < 200 && commune === undefined; attempt++) {
      sector = rng.weighted(SECTORS.map((s) => [s, sectorWeight(s, month)] as const));
      const candidate = world.communes[pickIndex(rng, world.communeOdds[sector])];
      if (!taken.has(`${candidate.code}|${sector}`)) commune = candidate;
    }
    if (commune === undefined) break; // every commune × sector already surges
    taken.add(`${commune.code}|${sector}`);
    const place: Place = { code: commune.code, commune, region: regionOf(commune.code) };
    const topics = SECTOR_TOPICS[sector].filter((t) => t.months === undefined || t.months.includes(month));
    const negativeTopics = topics.filter((t) => t.tone === 'NEGATIVE');
    const matterOf = (): Matter => ({ sector, topic: rng.pick(negativeTopics.length > 0 ? negativeTopics : topics), slots: contentSlots(rng, place), place });

    const size = rng.int(7, 14);
    const times = Array.from({ length: size }, () => reportingTime(start + rng.int(0, SURGE_DAYS - 1) * DAY, rng)).sort((a, b) => a - b);
    const matters = rng.chance(0.4) ? [matterOf(), matterOf()] : [matterOf()];
    const drafts: IssueDraft[] = [];
    let negative = 0;
    times.forEach((at, index) => {
      // The first report opens the first issue; a second matter opens with a later report and draws about a third.
      const m = index === 0 || matters.length === 1 || (index !== 1 && rng.chance(0.67)) ? 0 : 1;
      const matter = matters[m];
      const reporter = pickReporter(world, rng, place);
      const tendency = rng.weighted(SURGE_TENDENCY);
      const kind = rng.chance(0.7) ? 'QUICK' : 'AD_HOC';
      const draft = {
        ...draftReport(rng, matter, reporter, at, [sector]),
        tendency,
        intensity: rng.weighted(SURGE_INTENSITY),
        kind,
        observedAt: iso(Math.max(start, at - rng.between(0.5, kind === 'QUICK' ? 12 : 6) * HOUR)),
      } satisfies ReportDraft;
      if (tendency === 'NEGATIVE') negative++;
      const issue = drafts[m];
      if (issue === undefined) {
        const issueId = rng.uuid();
        const story = new IssueStory(issueId, `demo:${world.seed}:${issueId}`, rng.uuid());
        story.add(at, 'submit', reporter, { type: 'SubmitReport', issueId, ...draft });
        drafts[m] = {
          story,
          matter,
          firstReport: draft,
          officer: { id: rng.pick(OFFICER_IDS), role: 'OFFICER' },
          severity: 'NORMAL',
          outcome: rng.weighted(OUTCOME_ODDS.other),
          duplicates: [],
        };
      } else {
        const followUp = rng.pick(FOLLOW_UPS);
        const report = { ...draft, title: `${followUp.title}: ${draft.title}`, summary: `${draft.summary} ${followUp.note}` };
        issue.story.add(Math.max(at, issue.story.latest + MINUTE), 'attach', issue.officer, { type: 'AttachReport', issueId: issue.story.issueId, report });
      }
    });
    for (const issue of drafts) planLifecycle(issue, rng);
    issues.push(...drafts);
    planted.push({
      provinceCode: world.provinceCode,
      communeCode: commune.code,
      sector,
      from: new Date(start + VIETNAM_OFFSET).toISOString().slice(0, 10),
      to: new Date(start + (SURGE_DAYS - 1) * DAY + VIETNAM_OFFSET).toISOString().slice(0, 10),
      reports: size,
      negative,
      issueIds: drafts.map((d) => d.story.issueId),
    });
  }
  return { planted, issues };
}

// ---------------------------------------------------------------------------------------------------------
// Run

class Tally {
  commands = 0;
  replayed = 0;
  readonly eventsByType: Record<string, number> = {};

  record(result: Pick<CommandResult<unknown>, 'events' | 'replayed'>): void {
    this.commands++;
    if (result.replayed) {
      this.replayed++;
      return;
    }
    for (const event of result.events) {
      this.count(event.type, 1);
      // A merge also attaches each report of the merged issue to the target.
      if (event.type === 'IssueMerged') this.count('ReportAttached', (event.data as IssueMerged['data']).reports.length);
    }
  }

  private count(type: string, n: number): void {
    this.eventsByType[type] = (this.eventsByType[type] ?? 0) + n;
  }
}

/** Runs the units with at most `concurrency` at a time, each unit's items in order; the first failure stops new units. */
async function runUnits<T>(units: readonly (readonly T[])[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < units.length) {
      const unit = units[next++];
      try {
        for (const item of unit) await run(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, units.length) }, worker));
  if (failure !== undefined) throw failure;
}

function failed(planned: PlannedCommand<IssueCommandInput | CollaboratorCommandInput>, error: unknown): Error {
  const subject = 'issueId' in planned.command ? `issue ${planned.command.issueId}` : `collaborator ${planned.command.collaboratorId}`;
  return new Error(`demo: ${planned.command.type} on ${subject} at ${planned.envelope.now} failed: ${(error as Error).message}`, { cause: error });
}

/** Plans the demo from the options, then runs it through the services; `onProgress` follows every command. */
export async function generateDemo(deps: DemoDeps, options: DemoOptions, onProgress?: (progress: DemoProgress) => void): Promise<DemoSummary> {
  const started = Date.now();
  const plan = planDemo(deps.catalogue, options);
  const planned = plan.enrolments.length + plan.clusters.reduce((sum, cluster) => sum + cluster.length, 0);
  const tally = new Tally();
  let done = 0;
  const progressed = () => onProgress?.({ done: ++done, planned });
  onProgress?.({ done, planned });

  await runUnits(
    plan.enrolments.map((enrolment) => [enrolment]),
    options.concurrency,
    async (enrolment) => {
      try {
        tally.record(await deps.collaborators.execute(enrolment.command, enrolment.envelope));
      } catch (error) {
        throw failed(enrolment, error);
      }
      progressed();
    },
  );
  await runUnits(plan.clusters, options.concurrency, async (step) => {
    try {
      tally.record(await deps.issues.execute(step.command, step.envelope));
    } catch (error) {
      throw failed(step, error);
    }
    progressed();
  });

  return {
    from: vietnamIso(plan.period.start),
    until: vietnamIso(plan.period.end),
    collaborators: plan.enrolments.length,
    reports: plan.reports,
    issues: plan.issues,
    commands: tally.commands,
    replayedCommands: tally.replayed,
    eventsByType: tally.eventsByType,
    ...endState(plan),
    surges: plan.surges,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Open issues and referrals once every planned command up to the end of the period has run. */
function endState(plan: DemoPlan): Pick<DemoSummary, 'openIssues' | 'openReferrals' | 'overdueReferrals'> {
  let openIssues = 0;
  let openReferrals = 0;
  let overdueReferrals = 0;
  for (const cluster of plan.clusters) {
    const open = new Map<string, boolean>();
    const deadlines = new Map<string, number>();
    for (const { command } of cluster) {
      switch (command.type) {
        case 'SubmitReport':
        case 'ReopenIssue':
          open.set(command.issueId, true);
          break;
        case 'CloseIssue':
        case 'MergeIssues':
          open.set(command.issueId, false);
          break;
        case 'ReferIssue':
          deadlines.set(command.referralId, Date.parse(command.deadline));
          break;
        case 'RespondToReferral':
        case 'DeclineReferral':
          deadlines.delete(command.referralId);
          break;
      }
    }
    openIssues += [...open.values()].filter(Boolean).length;
    openReferrals += deadlines.size;
    overdueReferrals += [...deadlines.values()].filter((deadline) => deadline < plan.period.end).length;
  }
  return { openIssues, openReferrals, overdueReferrals };
}
