import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { ValidationError } from '../../domain/errors';
import type { Config } from '../config';
import { openRuntime, type Runtime } from '../runtime';
import { createProjector } from '../projector';
import { buildMonthlySynthesis, formatNumber, formatPercent } from '../reports/monthly-synthesis';
import { parseReportFormat, renderMonthlyReport, reportBaseName } from '../reports/monthly-report';
import { currentReportingMonth, parseMonth, reportingPeriod } from '../reports/reporting-calendar';
import { synthesisDeps } from '../reports/synthesis-deps';

interface MonthlyFlags {
  province: string;
  month?: string;
  format: string;
  out?: string;
  number?: string;
  catchUp: boolean;
}

/** How long the command waits for the read models to reach the head of the log. */
const CATCH_UP_TIMEOUT_MS = 10 * 60_000;

/**
 * Brings every read model up to the head of the log (e.g. right after `dlxh demo`, with no projector running).
 * Safe next to a running projector: each batch commits with its checkpoint under a row lock, so none is applied twice.
 */
async function catchUp(runtime: Runtime): Promise<void> {
  const head = await runtime.store.headPosition();
  const runner = createProjector({ store: runtime.store, knex: runtime.db.knex, log: runtime.log });
  await runner.start();
  try {
    if (!(await runner.waitFor(head, CATCH_UP_TIMEOUT_MS))) {
      const failed = runner.projections.map((p) => runner.failure(p.name)?.message).filter(Boolean);
      throw new Error(`the read models did not reach position ${head}${failed.length ? `: ${failed.join('; ')}` : ' in time'}`);
    }
  } finally {
    await runner.stop();
  }
}

export function registerReport(program: Command, config: () => Config): void {
  const report = program.command('report').description('documents for the Standing Committee: the monthly synthesis');

  report
    .command('monthly')
    .description('writes the monthly synthesis (báo cáo tổng hợp tình hình dư luận xã hội tháng) of a province as DOCX, PDF or Markdown')
    .requiredOption('--province <code>', 'province code, e.g. 68')
    .option('--month <YYYY-MM>', 'the month covered (default: the synthesis due next: last month until the 20th, then this month)')
    .option('--format <format>', 'docx, pdf or md', 'docx')
    .option('--out <file>', 'output file (default: bao-cao-du-luan-<province>-<month>.<format>; "-" writes Markdown to stdout)')
    .option('--number <n>', 'the document number (Số <n>-BC/BTGDVTU); blank when not given')
    .option('--no-catch-up', 'do not bring the read models up to the head of the log first')
    .action(async (flags: MonthlyFlags) => {
      const format = parseReportFormat(flags.format);
      const month = flags.month === undefined ? currentReportingMonth(new Date()) : parseMonth(flags.month, ['month']);
      if (!/^\d{2}$/.test(flags.province)) throw ValidationError.field(['province'], 'must be a 2-digit province code');
      const out = flags.out ?? `${reportBaseName(flags.province, month)}.${format}`;
      if (out === '-' && format !== 'md') throw ValidationError.field(['out'], 'only Markdown can be written to stdout');
      const log = out === '-' ? console.error : console.log;

      const runtime = await openRuntime(config(), { migrate: true, applicationName: 'dlxh-report' });
      try {
        if (flags.catchUp) await catchUp(runtime);
        const synthesis = await buildMonthlySynthesis(synthesisDeps(runtime.db.knex, runtime.catalogue), { provinceCode: flags.province, month });
        const imageBase = out === '-' ? reportBaseName(flags.province, month) : path.basename(out).replace(/\.[^.]+$/, '');
        const rendered = await renderMonthlyReport(synthesis, format, { number: flags.number ?? null, imageBase });
        const dir = out === '-' ? process.cwd() : path.dirname(out);
        fs.mkdirSync(dir, { recursive: true }); // --out may name a folder that does not exist yet
        if (out === '-') process.stdout.write(rendered.body);
        else fs.writeFileSync(out, rendered.body);
        for (const a of rendered.attachments) fs.writeFileSync(path.join(dir, a.fileName), a.png);

        const f = (code: string) => synthesis.headline.find((h) => h.code === code)!;
        const period = reportingPeriod(month, new Date());
        log(`${out === '-' ? 'stdout' : out}: ${formatNumber(rendered.body.length)} bytes (${format})${rendered.attachments.length ? ` + ${rendered.attachments.map((a) => path.join(dir, a.fileName)).join(', ')}` : ''}`);
        log(
          `${synthesis.province.fullName}, ${synthesis.monthLabel}${synthesis.complete ? '' : ' (chưa kết thúc)'}: ${formatNumber(f('REPORTS').value!)} báo cáo, ` +
            `${formatNumber(f('NEW_ISSUES').value!)} vụ việc mới, tiêu cực ${formatPercent(f('NEGATIVE_SHARE').value)}, ` +
            `trả lời đúng hạn ${formatPercent(f('ON_TIME_RATE').value)} (chỉ tiêu > 90%), ${formatNumber(synthesis.response.overdueTotal)} chuyển xử lý quá hạn`,
        );
        log(`hạn gửi ${period.dueDate}: ${period.statusLabel.toLowerCase()}${period.monthEnded ? ` (${period.daysLeft >= 0 ? `còn ${period.daysLeft} ngày` : `quá ${-period.daysLeft} ngày`})` : ''}`);
      } finally {
        await runtime.close();
      }
    });
}
