/**
 * bench/survey — bulk intake of 75,000 survey responses (the size of the seeds' online survey), end to end.
 *
 *   npm run bench:survey                    (DATABASE_URL's server, or embedded Postgres when unset)
 *   BENCH_RESPONSES=20000 npm run bench:survey
 *   BENCH_PROJECTIONS=surveys npm run bench:survey   (only these projections in the projector: the survey read model's own cost)
 *
 * A survey of 8 questions of every kind over Lâm Đồng's communes, and 75,000 seeded, realistic responses (communes
 * weighted by size, demographics, answers that lean by age and occupation, a quarter with free text). Two paths:
 * - command service: SurveyCommands.recordAll, RecordResponses of 5,000 responses per command and append;
 * - CSV import: the `dlxh survey import` path (parse, check every row, then append in chunks) on the same data as CSV.
 * For each: the time to append every event, and the time until the read models have caught up: every projection
 * runs in a child process, as the projector process runs them in production, and the parent polls their checkpoints.
 * Target: ≤ 10 s for 75,000.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import knexFactory from 'knex';
import { Pool } from 'pg';
import type { OpenSurvey, ResponseInput } from '../domain/survey/commands';
import { AGE_GROUPS, GENDERS, OCCUPATIONS } from '../domain/survey/vocabulary';
import { PostgresEventStore } from '../eventstore/postgres/postgres-event-store';
import { projectionsByName } from '../projections';
import { ProjectionRunner } from '../projections/runner';
import { importSurveyCsv } from '../services/cli/survey.command';
import { CommandService } from '../services/commands/command-service';
import { SurveyCommands } from '../services/commands/survey-commands';
import { loadConfig } from '../services/config';
import { Random } from '../services/demo/random';
import { loadLocalityCatalogue } from '../services/localities';
import { openBenchDatabase, printTable } from './support/bench-database';

const RESPONSES = Number(process.env.BENCH_RESPONSES || 75_000);
const TARGET_SECONDS = 10;
const PROVINCE = '68';
const ENVELOPE = { actorId: 'bench', actorRole: 'OFFICER' };
const PROJECTED = projectionsByName(process.env.BENCH_PROJECTIONS ? process.env.BENCH_PROJECTIONS.split(',') : undefined);

const QUESTIONS: OpenSurvey['questions'] = [
  { questionId: 'biet_chu_truong', text: 'Ông/bà có biết về việc tổ chức chính quyền địa phương hai cấp không?', kind: 'SINGLE_CHOICE', required: true, options: [
    { value: 'RO', label: 'Biết rõ' }, { value: 'SO_QUA', label: 'Biết sơ qua' }, { value: 'KHONG', label: 'Không biết' }] },
  { questionId: 'kenh_thong_tin', text: 'Ông/bà biết thông tin qua những kênh nào?', kind: 'MULTIPLE_CHOICE', required: false, options: [
    { value: 'TRUYEN_HINH', label: 'Truyền hình, báo chí' }, { value: 'MXH', label: 'Mạng xã hội (Facebook, Zalo)' }, { value: 'LOA', label: 'Loa phát thanh xã' },
    { value: 'HOP_DAN', label: 'Họp dân, tổ dân phố' }, { value: 'NGUOI_THAN', label: 'Người thân, bạn bè' }] },
  { questionId: 'hai_long_thu_tuc', text: 'Mức độ hài lòng với thủ tục hành chính tại xã (1: rất không hài lòng – 5: rất hài lòng)', kind: 'SCALE', required: true, scaleMin: 1, scaleMax: 5 },
  { questionId: 'thoi_gian_giai_quyet', text: 'Thời gian giải quyết hồ sơ so với trước', kind: 'SINGLE_CHOICE', required: true, options: [
    { value: 'NHANH_HON', label: 'Nhanh hơn' }, { value: 'NHU_CU', label: 'Như cũ' }, { value: 'CHAM_HON', label: 'Chậm hơn' }] },
  { questionId: 'dich_vu_cong', text: 'Ông/bà đã dùng dịch vụ công trực tuyến chưa?', kind: 'SINGLE_CHOICE', required: true, options: [
    { value: 'THUONG_XUYEN', label: 'Thường xuyên' }, { value: 'THINH_THOANG', label: 'Thỉnh thoảng' }, { value: 'CHUA', label: 'Chưa' }] },
  { questionId: 'tin_tuong', text: 'Mức độ tin tưởng vào chính quyền xã (0–10)', kind: 'SCALE', required: false, scaleMin: 0, scaleMax: 10 },
  { questionId: 'van_de_quan_tam', text: 'Những vấn đề ông/bà quan tâm nhất', kind: 'MULTIPLE_CHOICE', required: true, options: [
    { value: 'DAT_DAI', label: 'Đất đai, quy hoạch' }, { value: 'VIEC_LAM', label: 'Việc làm, thu nhập' }, { value: 'Y_TE', label: 'Y tế' },
    { value: 'GIAO_DUC', label: 'Giáo dục' }, { value: 'MOI_TRUONG', label: 'Môi trường' }, { value: 'AN_NINH', label: 'An ninh, trật tự' }] },
  { questionId: 'y_kien_khac', text: 'Ý kiến, kiến nghị khác', kind: 'FREE_TEXT', required: false },
];

const OPINIONS = [
  'Đề nghị rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất',
  'Cán bộ một cửa nhiệt tình, hướng dẫn tận tình',
  'Trụ sở xã mới xa nhà, đi lại khó khăn cho người già',
  'Cần hướng dẫn người dân dùng dịch vụ công trực tuyến',
  'Giá nông sản bấp bênh, mong chính quyền hỗ trợ đầu ra cho cà phê',
  'Đường liên thôn xuống cấp, mùa mưa lầy lội',
  'Bồi thường giải phóng mặt bằng dự án cao tốc còn chậm',
  'Tình trạng khai thác cát trái phép gây sạt lở bờ sông',
  'Mong có thêm lớp học nghề cho thanh niên',
  'Trạm y tế thiếu bác sĩ, thuốc men',
];
const ASIDES = ['', '', ' ở thôn', ' của bà con', ', rất mong được quan tâm', ' trong thời gian tới'];

/** 75,000 seeded responses over the province's communes. */
function generate(communes: readonly string[], seed: string): ResponseInput[] {
  const rnd = Random.of('bench-survey', seed);
  const weighted = communes.map((code) => [code, 0.3 + rnd.next() * 2] as const);
  return Array.from({ length: RESPONSES }, (_, i) => {
    const age = rnd.weighted(AGE_GROUPS.map((a, k) => [a, [0.05, 0.3, 0.3, 0.22, 0.13][k]] as const));
    const occupation = rnd.weighted(OCCUPATIONS.map((o, k) => [o, [0.35, 0.12, 0.12, 0.12, 0.1, 0.07, 0.08, 0.02, 0.02][k]] as const));
    const young = age === 'UNDER_18' || age === 'AGE_18_29';
    const lean = (young ? 0.4 : 0) + (occupation === 'CIVIL_SERVANT' ? 0.6 : 0) - (occupation === 'FARMER' ? 0.3 : 0);
    const satisfaction = Math.max(1, Math.min(5, Math.round(rnd.normal(3.4 + lean, 1))));
    const answers: ResponseInput['answers'] = [
      { questionId: 'biet_chu_truong', choice: rnd.weighted([['RO', 0.45 + lean / 4], ['SO_QUA', 0.4], ['KHONG', 0.15]] as const) },
      ...(rnd.chance(0.9) ? [{ questionId: 'kenh_thong_tin', choices: rnd.sample(['TRUYEN_HINH', 'MXH', 'LOA', 'HOP_DAN', 'NGUOI_THAN'], rnd.int(1, 3)) }] : []),
      { questionId: 'hai_long_thu_tuc', scale: satisfaction },
      { questionId: 'thoi_gian_giai_quyet', choice: rnd.weighted([['NHANH_HON', 0.35 + lean / 5], ['NHU_CU', 0.45], ['CHAM_HON', 0.2]] as const) },
      { questionId: 'dich_vu_cong', choice: rnd.weighted([['THUONG_XUYEN', young ? 0.4 : 0.15], ['THINH_THOANG', 0.35], ['CHUA', young ? 0.25 : 0.5]] as const) },
      ...(rnd.chance(0.8) ? [{ questionId: 'tin_tuong', scale: Math.max(0, Math.min(10, Math.round(rnd.normal(6.5 + lean, 2)))) }] : []),
      { questionId: 'van_de_quan_tam', choices: rnd.sample(['DAT_DAI', 'VIEC_LAM', 'Y_TE', 'GIAO_DUC', 'MOI_TRUONG', 'AN_NINH'], rnd.int(1, 3)) },
      ...(rnd.chance(0.25) ? [{ questionId: 'y_kien_khac', text: `${rnd.pick(OPINIONS)}${rnd.pick(ASIDES)}.` }] : []),
    ];
    return {
      responseId: `${seed}-${String(i).padStart(6, '0')}`,
      localityCode: rnd.weighted(weighted),
      demographics: { ageGroup: rnd.chance(0.95) ? age : null, gender: rnd.weighted([['MALE', 0.49], ['FEMALE', 0.5], ['OTHER', 0.01]] as const), occupation: rnd.chance(0.9) ? occupation : null },
      answers,
    };
  });
}

const csvCell = (value: string) => (/[",\n|]/.test(value) && !/^[A-Z_|]+$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function toCsv(responses: readonly ResponseInput[]): string {
  const columns = ['response_id', 'locality_code', 'age_group', 'gender', 'occupation', ...QUESTIONS.map((q) => q.questionId)];
  const lines = [columns.join(',')];
  for (const r of responses) {
    const byQuestion = new Map(r.answers.map((a) => [a.questionId, a.choice ?? a.choices?.join('|') ?? (a.scale != null ? String(a.scale) : (a.text ?? ''))]));
    const d = r.demographics ?? {};
    lines.push([r.responseId, r.localityCode, d.ageGroup ?? '', d.gender ?? '', d.occupation ?? '', ...QUESTIONS.map((q) => byQuestion.get(q.questionId) ?? '')].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** The store with a stopwatch on append (serialising, hashing and the dlxh_append round trip). */
class TimedEventStore extends PostgresEventStore {
  appendSeconds = 0;
  override async append(...args: Parameters<PostgresEventStore['append']>) {
    const started = performance.now();
    try {
      return await super.append(...args);
    } finally {
      this.appendSeconds += (performance.now() - started) / 1000;
    }
  }
}

async function main() {
  const bench = await openBenchDatabase('dlxh_bench_survey');
  const pool = new Pool({ connectionString: bench.url, max: 20 });
  const knex = knexFactory({ client: 'pg', connection: bench.url, pool: { min: 0, max: 10 } });
  const store = new TimedEventStore({ pool, listenConnectionString: bench.url });
  const catalogue = loadLocalityCatalogue(loadConfig());
  const communes = catalogue.communesOf(PROVINCE).map((unit) => unit.code);
  if (communes.length === 0) throw new Error('the locality catalogue has no communes: set DLXH_ADMIN_UNITS');
  const surveys = new SurveyCommands(new CommandService(store), catalogue);
  const projector = spawn(process.execPath, [path.join(__dirname, '..', 'bin', 'run-ts.js'), __filename, 'projector', bench.url], { stdio: ['ignore', 'inherit', 'inherit'] });
  /** Resolves once every projection's checkpoint has reached `position`. */
  const caughtUp = async (position: bigint, timeoutMs: number) => {
    for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
      const { rows } = await pool.query<{ n: string; behind: string }>(
        'SELECT count(*) AS n, count(*) FILTER (WHERE position < $1) AS behind FROM projection_checkpoints WHERE name = ANY($2)',
        [position.toString(), PROJECTED.map((p) => p.name)],
      );
      if (Number(rows[0].n) === PROJECTED.length && rows[0].behind === '0') return true;
    }
    return false;
  };

  const rows: Record<string, string | number>[] = [];
  const scenario = async (name: string, surveyId: string, intake: () => Promise<{ recorded: number; position: bigint }>) => {
    await surveys.execute({ type: 'OpenSurvey', surveyId, title: 'Khảo sát dư luận về chính quyền địa phương hai cấp', targetLocalityCodes: [PROVINCE], questions: QUESTIONS }, ENVELOPE);
    if (!(await caughtUp(await store.headPosition(), 60_000))) throw new Error('the projector did not start');
    const started = performance.now();
    store.appendSeconds = 0;
    const { recorded, position } = await intake();
    const appended = (performance.now() - started) / 1000;
    if (!(await caughtUp(position, 120_000))) throw new Error(`projections did not catch up: ${name}`);
    const readModels = (performance.now() - started) / 1000;
    const row = await knex('surveys').where('survey_id', surveyId).first();
    rows.push({
      path: name,
      responses: recorded,
      'append all (s)': +appended.toFixed(2),
      'of it in store.append (s)': +store.appendSeconds.toFixed(2),
      'read models caught up (s)': +readModels.toFixed(2),
      'responses/s': Math.round(recorded / readModels),
      'in read model': row.response_count,
      [`≤ ${TARGET_SECONDS} s`]: readModels <= TARGET_SECONDS ? 'yes' : 'NO',
    });
  };

  const generated = performance.now();
  const responses = generate(communes, 'cmd');
  const csv = toCsv(generate(communes, 'csv'));
  console.log(`generated 2 × ${RESPONSES.toLocaleString('en')} responses in ${((performance.now() - generated) / 1000).toFixed(1)} s (CSV: ${(csv.length / 1e6).toFixed(1)} MB)`);

  await scenario('command service (RecordResponses × 5,000)', 'bench-cmd', () => surveys.recordAll('bench-cmd', responses, ENVELOPE));
  await scenario('CSV import (parse, check, append × 5,000)', 'bench-csv', () => importSurveyCsv(surveys, 'bench-csv', csv, ENVELOPE));
  const rerun = performance.now();
  const again = await importSurveyCsv(surveys, 'bench-csv', csv, ENVELOPE);
  rows.push({ path: 'CSV import again (nothing new)', responses: again.recorded, 'append all (s)': +((performance.now() - rerun) / 1000).toFixed(2), 'of it in store.append (s)': 0, 'read models caught up (s)': '-', 'responses/s': '-', 'in read model': again.responseCount, [`≤ ${TARGET_SECONDS} s`]: '-' });

  printTable(`bench/survey — ${RESPONSES.toLocaleString('en')} responses; ${PROJECTED.length === 1 ? `projection ${PROJECTED[0].name}` : `${PROJECTED.length} projections`} in a projector process; ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'embedded Postgres'}`, rows);
  projector.kill('SIGTERM');
  await store.close();
  await pool.end();
  await knex.destroy();
  await bench.close();
}

/** The child: every projection, tailing the log as the projector process does, until SIGTERM. */
async function runProjector(url: string) {
  const pool = new Pool({ connectionString: url, max: 10 });
  const knex = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 10 } });
  const store = new PostgresEventStore({ pool, listenConnectionString: url });
  const runner = new ProjectionRunner({ store, knex, projections: PROJECTED });
  await runner.start();
  process.once('SIGTERM', () => void runner.stop().then(() => Promise.all([store.close(), pool.end(), knex.destroy()])).then(() => process.exit(0)));
}

const run = process.argv[2] === 'projector' ? runProjector(process.argv[3]) : main();
run.catch((error) => {
  console.error(error);
  process.exit(1);
});
