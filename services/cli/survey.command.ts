import fs from 'node:fs';
import { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { NotFoundError, ValidationError } from '../../domain/errors';
import type { ResponseInput } from '../../domain/survey/commands';
import { MAX_RESPONSES_PER_COMMAND, RESERVED_COLUMNS } from '../../domain/survey/decider';
import type { SurveyState } from '../../domain/survey/state';
import { DEMOGRAPHIC_FIELDS, DemographicField } from '../../domain/survey/vocabulary';
import { foldVietnamese } from '../../domain/text/fold-vietnamese';
import type { CommandEnvelope } from '../commands/command-service';
import type { RecordResult, SurveyCommands } from '../commands/survey-commands';
import type { Config } from '../config';
import { openRuntime } from '../runtime';
import { progressBar } from './progress';

/**
 * `dlxh survey import <surveyId> <file.csv>`: bulk intake of responses from a CSV file (UTF-8, comma-separated, a
 * header row). Columns:
 * - `response_id`, `locality_code` (the respondent's commune): required;
 * - `age_group`, `gender`, `occupation`: optional, a code (FEMALE) or its Vietnamese label (Nữ), any diacritics;
 * - one column per question, named by its question id: an option's value or label; several for a multiple-choice
 *   question, separated by `|`; a whole number for a scale; any text for free text. An empty cell is no answer.
 *
 * Every row is checked before anything is written: with any bad row the whole file is rejected, each problem named
 * by line and column. A good file is appended in chunks (one append of up to 5,000 events each). Running the same
 * file again writes nothing new: a response already recorded with the same content is skipped, so an import that
 * stopped half-way completes when run again.
 */

const DEMOGRAPHIC_COLUMNS: Readonly<Record<string, DemographicField>> = { age_group: 'ageGroup', gender: 'gender', occupation: 'occupation' };
const MULTIPLE_SEPARATOR = '|';
const MAX_REPORTED_PROBLEMS = 20;

export interface CsvResponses {
  responses: ResponseInput[];
  /** The file line each response starts on (1 is the header). */
  lines: number[];
}

export interface SurveyImportResult extends RecordResult {
  rows: number;
  seconds: number;
}

function fileError(message: string, line: number, column: string | null = null): ValidationError {
  const where = column === null ? `line ${line}` : `line ${line}, column ${column}`;
  return new ValidationError(`${where}: ${message}`, [{ path: column === null ? [line] : [line, column], message }]);
}

/** Folded code or label → code, so a cell may give either, with or without diacritics. */
function lookup(entries: readonly { value: string; label: string }[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const { value, label } of entries) {
    map.set(foldVietnamese(label), value);
    map.set(foldVietnamese(value), value);
  }
  for (const { value } of entries) map.set(value, value); // exact codes first: no folding on the common path
  return map;
}

const coded = (lookupTable: Map<string, string>, cell: string) => lookupTable.get(cell) ?? lookupTable.get(foldVietnamese(cell)) ?? cell;

/** Reads the CSV into responses for the survey's questions; a malformed file or header is a ValidationError. */
export function parseSurveyCsv(text: string, survey: SurveyState): CsvResponses {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true }) as unknown as typeof rows;
  } catch (error) {
    const e = error as { message: string; lines?: number };
    throw fileError(`is not valid CSV (${e.message.replace(/^.*?: /, '')})`, e.lines ?? 1);
  }
  if (rows.length === 0) throw fileError('the file is empty: expected a header row', 1);
  const header = rows[0].record;
  const questions = [...survey.questions.values()].map((rule) => rule.question);
  const known = new Set<string>([...RESERVED_COLUMNS, ...questions.map((q) => q.questionId)]);
  header.forEach((column) => {
    if (!known.has(column)) throw fileError(`unknown column ${JSON.stringify(column.slice(0, 64))}: expected ${[...known].join(', ')}`, 1);
  });
  header.forEach((column, i) => {
    if (header.indexOf(column) !== i) throw fileError(`column ${column} appears twice`, 1);
  });
  for (const required of ['response_id', 'locality_code', ...questions.filter((q) => q.required).map((q) => q.questionId)]) {
    if (!header.includes(required)) throw fileError(`column ${required} is missing`, 1);
  }
  const column = (name: string) => header.indexOf(name);
  const idColumn = column('response_id');
  const localityColumn = column('locality_code');
  const demographicColumns = Object.entries(DEMOGRAPHIC_COLUMNS)
    .filter(([name]) => header.includes(name))
    .map(([name, field]) => ({ index: column(name), field, table: lookup(DEMOGRAPHIC_FIELDS[field].codes.map((code) => ({ value: code, label: DEMOGRAPHIC_FIELDS[field].labels[code as never] }))) }));
  const questionColumns = questions.filter((q) => header.includes(q.questionId)).map((q) => ({ index: column(q.questionId), question: q, table: lookup(q.options) }));

  const responses: ResponseInput[] = [];
  const lines: number[] = [];
  for (const { record, info } of rows.slice(1)) {
    const newlines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    lines.push(info.lines - newlines);
    const demographics: Record<string, string | null> = {};
    for (const { index, field, table } of demographicColumns) demographics[field] = record[index] === '' ? null : coded(table, record[index]);
    const answers: ResponseInput['answers'] = [];
    for (const { index, question, table } of questionColumns) {
      const cell = record[index];
      if (cell === '') continue;
      const questionId = question.questionId;
      switch (question.kind) {
        case 'SINGLE_CHOICE':
          answers.push({ questionId, choice: coded(table, cell) });
          break;
        case 'MULTIPLE_CHOICE':
          answers.push({ questionId, choices: cell.split(MULTIPLE_SEPARATOR).map((part) => coded(table, part.trim())) });
          break;
        case 'SCALE':
          answers.push({ questionId, scale: /^-?\d{1,6}$/.test(cell) ? Number(cell) : Number.NaN });
          break;
        case 'FREE_TEXT':
          answers.push({ questionId, text: cell });
          break;
      }
    }
    responses.push({ responseId: record[idColumn], localityCode: record[localityColumn], demographics, answers });
  }
  if (responses.length === 0) throw fileError('the file has a header but no rows', 1);
  return { responses, lines };
}

/** The CSV column a problem's path (`responses.<i>.<field>…`) points at, or null when the message names it. */
function columnOf(path: readonly (string | number)[], response: ResponseInput | undefined): string | null {
  const [, , field, sub] = path;
  if (field === 'responseId') return 'response_id';
  if (field === 'localityCode') return 'locality_code';
  if (field === 'demographics' && typeof sub === 'string') return Object.entries(DEMOGRAPHIC_COLUMNS).find(([, f]) => f === sub)?.[0] ?? null;
  if (field === 'answers' && typeof sub === 'number') return response?.answers[sub]?.questionId ?? null;
  return null;
}

/**
 * Checks every response of a parsed file against the survey and throws one ValidationError naming each bad row (by
 * line and column, up to MAX_REPORTED_PROBLEMS) when any is wrong. Writes nothing.
 */
export async function checkSurveyCsv(surveys: SurveyCommands, surveyId: string, parsed: CsvResponses, now: string): Promise<void> {
  const problems = await surveys.check(surveyId, parsed.responses, now, MAX_REPORTED_PROBLEMS + 1);
  if (problems.length === 0) return;
  const located = problems.slice(0, MAX_REPORTED_PROBLEMS).map(({ index, error }) => {
    const path = error instanceof ValidationError ? (error.problems[0]?.path ?? []) : [];
    const message = error instanceof ValidationError ? (error.problems[0]?.message ?? error.message) : error.message;
    const column = columnOf(path, parsed.responses[index]);
    return { line: parsed.lines[index], column, message };
  });
  const more = problems.length > MAX_REPORTED_PROBLEMS ? `\n  … and more` : '';
  const listed = located.map((p) => `  line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.message}`).join('\n');
  throw new ValidationError(`the file was not imported (nothing was written): ${problems.length > MAX_REPORTED_PROBLEMS ? 'more than ' : ''}${located.length} bad row(s)\n${listed}${more}`, located.map((p) => ({ path: p.column ? [p.line, p.column] : [p.line], message: p.message })));
}

/** Parses, checks every row, then records the responses in chunks. See the file comment. */
export async function importSurveyCsv(
  surveys: SurveyCommands,
  surveyId: string,
  text: string,
  envelope: CommandEnvelope,
  options: { chunkSize?: number; dryRun?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<SurveyImportResult> {
  const started = performance.now();
  const survey = await surveys.load(surveyId);
  if (survey.eventCount === 0) throw new NotFoundError(`survey ${surveyId} not found`);
  const parsed = parseSurveyCsv(text, survey);
  await checkSurveyCsv(surveys, surveyId, parsed, envelope.now ?? new Date().toISOString());
  const total = parsed.responses.length;
  const result: RecordResult = options.dryRun
    ? { recorded: 0, resubmitted: 0, responseCount: survey.responses.size, position: 0n }
    : await surveys.recordAll(surveyId, parsed.responses, envelope, { chunkSize: options.chunkSize, onProgress: (done) => options.onProgress?.(done, total) });
  return { ...result, rows: total, seconds: (performance.now() - started) / 1000 };
}

export function registerSurvey(program: Command, config: () => Config): void {
  const survey = program.command('survey').description('surveys (điều tra, khảo sát dư luận xã hội)');

  survey
    .command('import')
    .description('import survey responses from a CSV file: every row is checked first, then appended in chunks; re-running writes nothing new')
    .argument('<surveyId>', 'the survey')
    .argument('<file>', 'CSV file (UTF-8): response_id, locality_code, [age_group, gender, occupation], one column per question id')
    .option('--chunk-size <n>', 'responses per append', String(MAX_RESPONSES_PER_COMMAND))
    .option('--actor <id>', 'who imports (recorded in each event’s metadata)', 'dlxh-cli')
    .option('--dry-run', 'check the file only; write nothing')
    .action(async (surveyId: string, file: string, opts: { chunkSize: string; actor: string; dryRun?: boolean }) => {
      const chunkSize = Number(opts.chunkSize);
      if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > MAX_RESPONSES_PER_COMMAND) {
        throw ValidationError.field('chunkSize', `must be an integer from 1 to ${MAX_RESPONSES_PER_COMMAND}`);
      }
      const text = fs.readFileSync(file, 'utf8');
      const runtime = await openRuntime(config(), { migrate: true, applicationName: 'dlxh-survey-import' });
      const bar = progressBar(`import ${surveyId}`, 'responses');
      try {
        let started = false;
        const result = await importSurveyCsv(runtime.surveys, surveyId, text, { actorId: opts.actor, actorRole: 'OFFICER' }, {
          chunkSize,
          dryRun: opts.dryRun,
          onProgress: (done, total) => {
            if (!started) bar.start(total);
            started = true;
            bar.update(done);
          },
        });
        bar.stop();
        console.table({
          'rows in the file': result.rows,
          'responses recorded now': result.recorded,
          'already recorded (skipped)': result.resubmitted,
          'responses in the survey': result.responseCount,
          seconds: Number(result.seconds.toFixed(2)),
          'rows per second': Math.round(result.rows / Math.max(result.seconds, 1e-3)),
        });
        if (opts.dryRun) console.log('dry run: every row is valid; nothing was written');
      } finally {
        bar.stop();
        await runtime.close();
      }
    });
}
