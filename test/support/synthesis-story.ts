import type { Sector } from '../../domain/vocabulary';
import { SurveyCommands } from '../../services/commands/survey-commands';
import { loadConfig } from '../../services/config';
import { loadLocalityCatalogue } from '../../services/localities';
import { schemaVersionOf } from '../../domain/event-catalogue';
import { PROJECTIONS } from '../../projections';
import { applyInBatches, type Harness } from './projection-harness';

/**
 * A small province-68 story over September and October 2026 for the monthly synthesis: reports (with Vietnamese-day
 * edges), verifications, referrals to three agencies (one meets the >90% KPI, one does not, one only declined), a hot
 * spot, collaborators joining and leaving, and surveys in and out of October. The figures it must give are worked
 * out in test/integration/monthly-synthesis.test.ts.
 */

export const SYNTH_A = '24781'; // Phường Xuân Hương - Đà Lạt
export const SYNTH_B = '22918'; // Phường Mũi Né
/** When the synthesis of October is read in the tests: 10:00 on 10 November 2026, Vietnamese time. */
export const SYNTH_NOW = new Date('2026-11-10T03:00:00Z');

/** An instant given in Vietnamese local time, e.g. vnAt('2026-10-01 00:30'). */
export const vnAt = (local: string) => new Date(`${local.replace(' ', 'T')}:00+07:00`).toISOString();

export const STORY_IDS = {
  s1: 'syn-s1', // September, PLANNING_LAND, A; PROMINENT; referral late (responded 2 October)
  s2: 'syn-s2', // September, HEALTH, B
  i1: 'syn-i1', // October, PLANNING_LAND + COMPENSATION, A; PROMINENT; 3 October reports
  i2: 'syn-i2', // October, HEALTH, B; HOTSPOT
  i3: 'syn-i3', // October, EDUCATION, province level; unfounded (press)
  i4: 'syn-i4', // October 31 23:30, ENVIRONMENT, A
  i5: 'syn-i5', // 1 November 00:10: November, not October
  ctvA: 'syn-ctv-a',
  ctvB: 'syn-ctv-b',
  ctvP: 'syn-ctv-p',
  ctvIdle: 'syn-ctv-idle',
  ctvLate: 'syn-ctv-late',
  ctvGone: 'syn-ctv-gone',
  surveyOctober: 'syn-survey-oct',
  surveyNovember: 'syn-survey-nov',
  surveySeptember: 'syn-survey-sep',
};

const officer = (now: string) => ({ actorId: 'officer-1', actorRole: 'OFFICER', now });
const asAgency = (agencyId: string, now: string) => ({ actorId: `${agencyId}-user`, actorRole: 'AGENCY', now });

export async function synthesisStory(h: Harness): Promise<void> {
  const ids = STORY_IDS;
  const catalogue = loadLocalityCatalogue(loadConfig());
  const surveys = new SurveyCommands(h.commands, catalogue, { schemaVersion: schemaVersionOf });

  const enroll = (collaboratorId: string, level: 'COMMUNE' | 'PROVINCE', localityCode: string, at: string) =>
    h.collaborators.execute({ type: 'EnrollCollaborator', collaboratorId, fullName: `CTV ${collaboratorId}`, level, localityCode } as never, officer(at));
  await enroll(ids.ctvA, 'COMMUNE', SYNTH_A, vnAt('2026-09-01 08:00'));
  await enroll(ids.ctvB, 'COMMUNE', SYNTH_B, vnAt('2026-09-01 08:00'));
  await enroll(ids.ctvP, 'PROVINCE', '68', vnAt('2026-09-01 08:00'));
  await enroll(ids.ctvIdle, 'COMMUNE', SYNTH_A, vnAt('2026-09-01 08:00'));
  await enroll(ids.ctvGone, 'COMMUNE', SYNTH_B, vnAt('2026-09-01 08:00'));
  await enroll(ids.ctvLate, 'COMMUNE', SYNTH_B, vnAt('2026-10-15 08:00'));
  await h.collaborators.execute({ type: 'DeactivateCollaborator', collaboratorId: ids.ctvGone, reason: 'Chuyển công tác' }, officer(vnAt('2026-10-20 08:00')));

  interface R {
    id: string;
    reporter: string;
    locality: string;
    sectors: Sector[];
    tendency: 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE' | 'MIXED';
    intensity: 'LOW' | 'MEDIUM' | 'HIGH';
    observedAt: string;
    channel?: string;
    title?: string;
  }
  const report = (r: R) => ({
    reportId: r.id,
    kind: 'QUICK' as const,
    channel: (r.channel ?? 'ZALO_GROUP') as 'ZALO_GROUP',
    localityCode: r.locality,
    sectors: r.sectors,
    title: r.title ?? `Phản ánh ${r.id}`,
    summary: 'Người dân phản ánh, đề nghị xem xét giải quyết.',
    tendency: r.tendency,
    intensity: r.intensity,
    sensitive: false,
    observedAt: r.observedAt,
    reporterId: r.reporter,
    reporterRole: 'COLLABORATOR' as const,
  });
  const submit = (issueId: string, r: R, at = r.observedAt) =>
    h.issues.execute({ type: 'SubmitReport', issueId, ...report(r) }, { actorId: r.reporter, actorRole: 'COLLABORATOR', now: at });
  const attach = (issueId: string, r: R, at = r.observedAt) => h.issues.execute({ type: 'AttachReport', issueId, report: report(r) }, officer(at));
  const verify = (issueId: string, reportId: string, outcome: string, at: string) =>
    h.issues.execute({ type: 'VerifyReport', issueId, reportId, outcome, method: 'Kiểm tra thực tế', evidence: 'Biên bản', verifierId: 'officer-1' } as never, officer(at));
  const classify = (issueId: string, severity: string, at: string) => h.issues.execute({ type: 'ClassifyIssue', issueId, severity } as never, officer(at));
  const refer = (issueId: string, referralId: string, agencyId: string, agencyName: string, deadline: string, at: string) =>
    h.issues.execute({ type: 'ReferIssue', issueId, referralId, agencyId, agencyName, deadline }, officer(at));
  const ack = (issueId: string, referralId: string, agencyId: string, at: string) => h.issues.execute({ type: 'AcknowledgeReferral', issueId, referralId }, asAgency(agencyId, at));
  const respond = (issueId: string, referralId: string, agencyId: string, at: string) =>
    h.issues.execute({ type: 'RespondToReferral', issueId, referralId, result: 'Đã giải quyết' } as never, asAgency(agencyId, at));

  // September (the previous month)
  await submit(ids.s1, { id: 's1', reporter: ids.ctvA, locality: SYNTH_A, sectors: ['PLANNING_LAND'], tendency: 'NEGATIVE', intensity: 'HIGH', observedAt: vnAt('2026-09-10 09:00'), title: 'Tranh chấp đất rẫy tại phường Xuân Hương' });
  await submit(ids.s2, { id: 's2', reporter: ids.ctvB, locality: SYNTH_B, sectors: ['HEALTH'], tendency: 'NEUTRAL', intensity: 'LOW', observedAt: vnAt('2026-09-12 09:00') });
  await verify(ids.s1, 's1', 'CONFIRMED', vnAt('2026-09-15 09:00'));
  await classify(ids.s1, 'PROMINENT', vnAt('2026-09-16 08:00'));
  await refer(ids.s1, 'ref-s1-x', 'agency-x', 'Sở Xây dựng', vnAt('2026-09-30 17:00'), vnAt('2026-09-16 09:00'));
  await ack(ids.s1, 'ref-s1-x', 'agency-x', vnAt('2026-09-17 09:00'));

  // October: 1 October 00:30 (still 30 September in UTC) is October
  await submit(ids.i1, { id: 'o1', reporter: ids.ctvA, locality: SYNTH_A, sectors: ['PLANNING_LAND', 'COMPENSATION_SITE_CLEARANCE'], tendency: 'NEGATIVE', intensity: 'HIGH', observedAt: vnAt('2026-10-01 00:30'), title: 'Chậm chi trả bồi thường dự án đường vành đai' });
  await respond(ids.s1, 'ref-s1-x', 'agency-x', vnAt('2026-10-02 09:00')); // late (deadline 30 September)
  await verify(ids.i1, 'o1', 'CONFIRMED', vnAt('2026-10-02 10:00'));
  await classify(ids.i1, 'PROMINENT', vnAt('2026-10-02 11:00'));
  await refer(ids.i1, 'ref-i1-x', 'agency-x', 'Sở Xây dựng', vnAt('2026-10-10 17:00'), vnAt('2026-10-03 09:00'));
  await refer(ids.i1, 'ref-i1-y', 'agency-y', 'UBND phường Xuân Hương - Đà Lạt', vnAt('2026-10-15 17:00'), vnAt('2026-10-03 09:00'));
  await ack(ids.i1, 'ref-i1-x', 'agency-x', vnAt('2026-10-04 09:00'));
  await ack(ids.i1, 'ref-i1-y', 'agency-y', vnAt('2026-10-04 09:00'));
  await attach(ids.i1, { id: 'o2', reporter: ids.ctvB, locality: SYNTH_A, sectors: ['PLANNING_LAND'], tendency: 'NEGATIVE', intensity: 'MEDIUM', observedAt: vnAt('2026-10-05 09:00') });
  // observed 6 October, reaches the system on the 10th: not timely
  await attach(ids.i1, { id: 'o7', reporter: ids.ctvA, locality: SYNTH_A, sectors: ['PLANNING_LAND'], tendency: 'NEUTRAL', intensity: 'LOW', observedAt: vnAt('2026-10-06 09:00') }, vnAt('2026-10-10 09:00'));
  await respond(ids.i1, 'ref-i1-x', 'agency-x', vnAt('2026-10-09 09:00')); // on time
  await submit(ids.i2, { id: 'o3', reporter: ids.ctvB, locality: SYNTH_B, sectors: ['HEALTH'], tendency: 'NEGATIVE', intensity: 'HIGH', observedAt: vnAt('2026-10-08 09:00'), title: 'Sốt xuất huyết gia tăng tại phường Mũi Né' });
  await verify(ids.i2, 'o3', 'PARTLY_CONFIRMED', vnAt('2026-10-09 09:00'));
  await classify(ids.i2, 'HOTSPOT', vnAt('2026-10-09 10:00'));
  await refer(ids.i2, 'ref-i2-y', 'agency-y', 'UBND phường Xuân Hương - Đà Lạt', vnAt('2026-10-25 17:00'), vnAt('2026-10-10 09:00')); // never answered
  await refer(ids.i2, 'ref-i2-x', 'agency-x', 'Sở Xây dựng', vnAt('2026-10-28 17:00'), vnAt('2026-10-10 09:00'));
  await ack(ids.i2, 'ref-i2-x', 'agency-x', vnAt('2026-10-11 09:00'));
  await refer(ids.i2, 'ref-i2-z', 'agency-z', 'Sở Y tế', vnAt('2026-10-30 17:00'), vnAt('2026-10-12 09:00'));
  await h.issues.execute({ type: 'DeclineReferral', issueId: ids.i2, referralId: 'ref-i2-z', reason: 'Không thuộc thẩm quyền' }, asAgency('agency-z', vnAt('2026-10-13 09:00')));
  await attach(ids.s1, { id: 'o6', reporter: ids.ctvA, locality: SYNTH_A, sectors: ['PLANNING_LAND'], tendency: 'NEGATIVE', intensity: 'HIGH', observedAt: vnAt('2026-10-12 09:00') });
  await submit(ids.i3, { id: 'o4', reporter: ids.ctvP, locality: '68', sectors: ['EDUCATION'], tendency: 'POSITIVE', intensity: 'LOW', observedAt: vnAt('2026-10-20 09:00'), channel: 'PRESS' });
  await respond(ids.i1, 'ref-i1-y', 'agency-y', vnAt('2026-10-20 10:00')); // late (deadline 15 October)
  await verify(ids.i3, 'o4', 'UNFOUNDED', vnAt('2026-10-21 09:00'));
  await respond(ids.i2, 'ref-i2-x', 'agency-x', vnAt('2026-10-27 09:00')); // on time
  await refer(ids.i1, 'ref-i1-x2', 'agency-x', 'Sở Xây dựng', vnAt('2026-11-20 17:00'), vnAt('2026-10-30 09:00')); // due in November
  // 31 October 23:30 is still October; 1 November 00:10 (still 31 October in UTC) is November
  await submit(ids.i4, { id: 'o5', reporter: ids.ctvA, locality: SYNTH_A, sectors: ['ENVIRONMENT'], tendency: 'MIXED', intensity: 'MEDIUM', observedAt: vnAt('2026-10-31 23:30') });
  await submit(ids.i5, { id: 'n1', reporter: ids.ctvA, locality: SYNTH_A, sectors: ['PLANNING_LAND'], tendency: 'NEGATIVE', intensity: 'HIGH', observedAt: vnAt('2026-11-01 00:10') });
  await verify(ids.i4, 'o5', 'UNVERIFIABLE', vnAt('2026-11-01 10:00'));

  // Surveys: one open in October (from September to 5 October), one only in November, one only in August–September
  const question = { questionId: 'q1', text: 'Ông/bà có đồng tình với phương án bồi thường?', kind: 'SINGLE_CHOICE' as const, required: true, options: [{ value: 'yes', label: 'Đồng tình' }, { value: 'no', label: 'Không đồng tình' }] };
  const open = (surveyId: string, title: string, at: string) =>
    surveys.execute({ type: 'OpenSurvey', surveyId, title, description: 'Lấy ý kiến người dân', targetLocalityCodes: [SYNTH_A, SYNTH_B], questions: [question] } as never, officer(at));
  await open(ids.surveySeptember, 'Khảo sát tháng 8', vnAt('2026-08-01 08:00'));
  await surveys.execute({ type: 'CloseSurvey', surveyId: ids.surveySeptember, reason: 'Hết hạn' } as never, officer(vnAt('2026-09-30 23:00')));
  await open(ids.surveyOctober, 'Khảo sát về phương án bồi thường đường vành đai', vnAt('2026-09-20 08:00'));
  await surveys.execute(
    {
      type: 'RecordResponses',
      surveyId: ids.surveyOctober,
      responses: [
        { responseId: 'r1', localityCode: SYNTH_A, answers: [{ questionId: 'q1', choice: 'yes' }] },
        { responseId: 'r2', localityCode: SYNTH_A, answers: [{ questionId: 'q1', choice: 'yes' }] },
        { responseId: 'r3', localityCode: SYNTH_B, answers: [{ questionId: 'q1', choice: 'no' }] },
      ],
    } as never,
    officer(vnAt('2026-09-25 08:00')),
  );
  await surveys.execute({ type: 'CloseSurvey', surveyId: ids.surveyOctober, reason: 'Đủ số phiếu' } as never, officer(vnAt('2026-10-05 08:00')));
  await open(ids.surveyNovember, 'Khảo sát tháng 11', vnAt('2026-11-02 08:00'));

  const events = await h.events();
  for (const p of PROJECTIONS) await applyInBatches(h.db.knex, p, events);
}
