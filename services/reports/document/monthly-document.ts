import type { MonthlySynthesis, SynthesisFigure, SynthesisIssue } from '../monthly-synthesis';
import { formatNumber, formatPercent, KPI_SEVERITY_LABELS } from '../monthly-synthesis';
import { dailyTrendChart, sectorChart } from './charts';
import type { Block, Inline, ReportDocument, TableColumn } from './model';

/**
 * The monthly synthesis as an official report (báo cáo) of the Board, in the shape of the Party's documents: the
 * heading block (issuing body and number on the left, "ĐẢNG CỘNG SẢN VIỆT NAM" and place and date on the right),
 * the title, numbered sections (I, II… with 1., 2.…), tables, two charts, the recipients and the signing block.
 * This is the only place the document's wording lives; markdown, docx and pdf render it as it is.
 */

export interface MonthlyDocumentOptions {
  /** The document number ("12" gives "Số 12-BC/BTGDVTU"); left blank for the clerk when absent. */
  number?: string | null;
  /** The date written on the report; default: when the synthesis was generated. */
  issuedAt?: Date;
}

const VN_OFFSET_MS = 7 * 3_600_000;
const vn = (at: Date) => new Date(at.getTime() + VN_OFFSET_MS);
/** 05/11/2026 */
const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
/** 05/11/2026 14:30 (Vietnamese time) */
const dmyTime = (at: Date) => {
  const iso = vn(at).toISOString();
  return `${dmy(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
};
const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "tăng 12,5%", "giảm 3 (−20,0%)", "không đổi" — the change of a count in words. */
function changeWords(absolute: number, percent: number | null): string {
  if (absolute === 0) return 'không đổi';
  const verb = absolute > 0 ? 'tăng' : 'giảm';
  return percent === null ? `${verb} ${formatNumber(Math.abs(absolute))}` : `${verb} ${formatNumber(Math.abs(percent), 1)}%`;
}

/** The change column of a table: "+12 (+12,5%)", "−3 (−20,0%)", "0". */
function changeCell(absolute: number | null, percent: number | null, rate = false): string {
  if (absolute === null) return '—';
  if (rate) return absolute === 0 ? '0' : `${absolute > 0 ? '+' : '−'}${formatNumber(Math.abs(absolute) * 100, 1)} điểm %`;
  if (absolute === 0) return '0';
  const sign = absolute > 0 ? '+' : '−';
  return `${sign}${formatNumber(Math.abs(absolute))}${percent === null ? '' : ` (${sign}${formatNumber(Math.abs(percent), 1)}%)`}`;
}

const figureValue = (f: SynthesisFigure, v: number | null) => (v === null ? '—' : f.kind === 'RATE' ? formatPercent(v) : formatNumber(v));
const figure = (s: MonthlySynthesis, code: SynthesisFigure['code']) => s.headline.find((f) => f.code === code)!;
const sectorsOf = (issue: SynthesisIssue) => issue.sectors.map((x) => x.label).join('; ');

function table(columns: [string, number, TableColumn['align']?][], rows: string[][], extra: { caption?: string; lastRowIsTotal?: boolean } = {}): Block {
  return { kind: 'table', columns: columns.map(([title, width, align]) => ({ title, width, align })), rows, ...extra };
}
const h1 = (text: string): Block => ({ kind: 'heading', level: 1, text });
const h2 = (text: string): Block => ({ kind: 'heading', level: 2, text });
const p = (...content: Inline[]): Block => ({ kind: 'paragraph', content, indent: true, align: 'justify' });

/** The report of a monthly synthesis, with its charts drawn. */
export function buildMonthlyDocument(s: MonthlySynthesis, options: MonthlyDocumentOptions = {}): ReportDocument {
  const issuedAt = options.issuedAt ?? s.generatedAt;
  const today = vn(issuedAt);
  const provinceName = s.province.name;
  const isCity = s.province.type === 'THANH_PHO';
  const committee = isCity ? 'Thành ủy' : 'Tỉnh ủy';
  const board = `Ban Tuyên giáo và Dân vận ${committee}`;
  const monthTitle = `tháng ${Number(s.month.slice(5))}/${s.month.slice(0, 4)}`;
  const blocks: Block[] = [];

  const reports = figure(s, 'REPORTS');
  const newIssues = figure(s, 'NEW_ISSUES');
  const negative = figure(s, 'NEGATIVE');
  const negativeShare = figure(s, 'NEGATIVE_SHARE');
  const high = figure(s, 'HIGH_INTENSITY');

  blocks.push(
    p(
      `Trên cơ sở thông tin do đội ngũ cộng tác viên dư luận xã hội, các cơ quan, đơn vị, địa phương phản ánh và kết quả thẩm định, xử lý trên Hệ thống quản lý thông tin dư luận xã hội (DLXH), ${board} báo cáo tình hình dư luận xã hội trên địa bàn ${isCity ? 'thành phố' : 'tỉnh'} ${monthTitle} (từ ngày ${dmy(s.periodStart)} đến ngày ${dmy(s.periodEnd)}) như sau:`,
    ),
  );
  if (!s.complete) {
    blocks.push({ kind: 'paragraph', content: [{ text: `Lưu ý: ${monthTitle} chưa kết thúc; số liệu tính đến ${dmyTime(s.generatedAt)}.`, italic: true }], indent: true });
  }

  // I. Tình hình dư luận xã hội
  blocks.push(h1('I. TÌNH HÌNH DƯ LUẬN XÃ HỘI TRONG THÁNG'));
  blocks.push(h2('1. Số liệu chung'));
  blocks.push(
    p(
      `Trong tháng, Hệ thống tiếp nhận `,
      { text: `${formatNumber(reports.value!)} báo cáo, phản ánh`, bold: true },
      ` dư luận xã hội (${changeWords(reports.absoluteChange!, reports.percentChange)} so với ${s.previousMonthLabel}), hình thành ${formatNumber(newIssues.value!)} vụ việc mới; `,
      `${formatNumber(negative.value!)} báo cáo có xu hướng tiêu cực (chiếm ${formatPercent(negativeShare.value)}), ${formatNumber(high.value!)} báo cáo có cường độ cao. `,
      `Dư luận phát sinh tại ${formatNumber(s.localitiesWithReports)} địa bàn, liên quan ${formatNumber(s.issuesWithReports)} vụ việc.`,
    ),
  );
  blocks.push(
    table(
      [
        ['Chỉ tiêu', 42],
        [capitalize(s.monthLabel), 16, 'right'],
        [capitalize(s.previousMonthLabel), 16, 'right'],
        ['Tăng (+), giảm (−)', 26, 'right'],
      ],
      s.headline.map((f) => [f.label, figureValue(f, f.value), figureValue(f, f.previous), changeCell(f.absoluteChange, f.percentChange, f.kind === 'RATE')]),
      { caption: `Số liệu chung ${monthTitle} so với ${s.previousMonthLabel}` },
    ),
  );
  const trend = dailyTrendChart({
    title: `Số báo cáo dư luận theo ngày: ${s.monthLabel} so với ${s.previousMonthLabel}`,
    label: capitalize(s.monthLabel),
    previousLabel: capitalize(s.previousMonthLabel),
    current: s.daily.map((d) => d.reports),
    previous: s.previousDaily.map((d) => d.reports),
  });
  blocks.push({ kind: 'image', ...trend, name: 'bieu-do-1-theo-ngay', caption: `Số báo cáo dư luận theo ngày, ${s.monthLabel} so với ${s.previousMonthLabel}` });

  blocks.push(h2('2. Dư luận theo lĩnh vực'));
  if (s.sectors.length === 0) blocks.push(p('Trong tháng không có báo cáo dư luận nào.'));
  else {
    const top = s.sectors.slice(0, 3).map((x) => `${lower(x.sector.label)} (${formatNumber(x.reports)} báo cáo, ${changeWords(x.change.absolute, x.change.percent)})`);
    blocks.push(p(`Dư luận tập trung vào các lĩnh vực: ${top.join('; ')}. Một báo cáo có thể liên quan nhiều lĩnh vực nên tổng theo lĩnh vực có thể lớn hơn tổng số báo cáo.`));
    blocks.push(
      table(
        [
          ['TT', 6, 'center'],
          ['Lĩnh vực', 30],
          ['Báo cáo', 10, 'right'],
          ['Tiêu cực', 10, 'right'],
          ['Cường độ cao', 11, 'right'],
          ['Vụ việc mới', 11, 'right'],
          ['So với tháng trước', 22, 'right'],
        ],
        s.sectors.map((x, i) => [
          String(i + 1),
          x.sector.label,
          formatNumber(x.reports),
          formatNumber(x.negative),
          formatNumber(x.highIntensity),
          formatNumber(x.newIssues),
          changeCell(x.change.absolute, x.change.percent),
        ]),
        { caption: `Báo cáo dư luận theo lĩnh vực, ${s.monthLabel}` },
      ),
    );
    const chart = sectorChart({
      title: `Số báo cáo theo lĩnh vực: ${s.monthLabel} so với ${s.previousMonthLabel}`,
      label: capitalize(s.monthLabel),
      previousLabel: capitalize(s.previousMonthLabel),
      sectors: s.sectors.slice(0, 10).map((x) => ({ label: x.sector.label, current: x.reports, previous: x.previousReports })),
    });
    blocks.push({ kind: 'image', ...chart, name: 'bieu-do-2-theo-linh-vuc', caption: `Số báo cáo theo lĩnh vực (10 lĩnh vực nhiều nhất), ${s.monthLabel} so với ${s.previousMonthLabel}` });
    blocks.push(p('Một số vấn đề đáng chú ý theo lĩnh vực:'));
    blocks.push({
      kind: 'bullets',
      items: s.sectors
        .filter((x) => x.issues.length > 0)
        .slice(0, 6)
        .map((x) => [
          { text: `${x.sector.label}: `, bold: true },
          x.issues.map((i) => `${i.title} (${i.locality.fullName}; ${lower(i.severity.label)}; ${formatNumber(i.reportsInMonth)} báo cáo)`).join('; ') + '.',
        ]),
    });
  }

  blocks.push(h2('3. Dư luận theo địa bàn'));
  if (s.localities.length === 0) blocks.push(p('Không có địa bàn nào có báo cáo trong tháng.'));
  else {
    blocks.push(
      p(
        `Có ${formatNumber(s.localitiesWithReports)} địa bàn có báo cáo dư luận trong tháng. Các địa bàn có nhiều báo cáo nhất: ${s.localities
          .slice(0, 3)
          .map((l) => `${l.locality.fullName} (${formatNumber(l.reports)} báo cáo)`)
          .join('; ')}.`,
      ),
    );
    blocks.push(
      table(
        [
          ['TT', 6, 'center'],
          ['Địa bàn', 24],
          ['Báo cáo', 10, 'right'],
          ['Tiêu cực', 10, 'right'],
          ['Cường độ cao', 10, 'right'],
          ['Vấn đề nổi bật', 40],
        ],
        s.localities.map((l, i) => [
          String(i + 1),
          l.locality.fullName,
          formatNumber(l.reports),
          formatNumber(l.negative),
          formatNumber(l.highIntensity),
          l.issues.map((x) => x.title).join('; ') || '—',
        ]),
        { caption: `${s.localities.length} địa bàn có nhiều báo cáo nhất, ${s.monthLabel}` },
      ),
    );
  }

  blocks.push(h2('4. Những vụ việc nổi cộm, đáng chú ý'));
  if (s.notableIssues.length === 0) blocks.push(p('Không có vụ việc nào trong tháng.'));
  else {
    blocks.push(p('Các vụ việc được sắp xếp theo mức độ (điểm nóng, bức xúc, nổi cộm), sau đó theo số báo cáo trong tháng:'));
    blocks.push(
      table(
        [
          ['TT', 5, 'center'],
          ['Vụ việc', 31],
          ['Lĩnh vực', 17],
          ['Địa bàn', 15],
          ['Mức độ', 10],
          ['Báo cáo', 8, 'right'],
          ['Tình trạng', 16],
        ],
        s.notableIssues.map((i, n) => [
          String(n + 1),
          i.newInMonth ? `${i.title} (mới)` : i.title,
          sectorsOf(i),
          i.locality.fullName,
          i.severity.label,
          formatNumber(i.reportsInMonth),
          i.status.label,
        ]),
        { caption: `Vụ việc đáng chú ý, ${s.monthLabel}` },
      ),
    );
  }

  // II. Thẩm định, xử lý, phản hồi
  const v = s.verification;
  const r = s.response;
  blocks.push(h1('II. CÔNG TÁC THẨM ĐỊNH, XỬ LÝ VÀ PHẢN HỒI THÔNG TIN'));
  blocks.push(h2('1. Thẩm định, kiểm chứng thông tin'));
  const outcome = (code: string) => v.outcomes.find((o) => o.outcome.code === code)!;
  blocks.push(
    p(
      `Trong tháng đã thẩm định, kiểm chứng ${formatNumber(v.verified)} báo cáo (${s.previousMonthLabel}: ${formatNumber(v.previousVerified)}); `,
      `trong đó ${formatNumber(outcome('CONFIRMED').reports + outcome('PARTLY_CONFIRMED').reports)} báo cáo đúng hoặc đúng một phần, `,
      { text: `${formatNumber(outcome('UNFOUNDED').reports)} báo cáo sai sự thật, xuyên tạc`, bold: true },
      `, ${formatNumber(outcome('UNVERIFIABLE').reports)} báo cáo không thể kiểm chứng. `,
      `Thông tin từ báo chí, mạng xã hội được thẩm định: ${formatNumber(v.pressAndSocialVerified)}, trong đó sai sự thật: ${formatNumber(v.pressAndSocialUnfounded)}. `,
      `Còn ${formatNumber(v.unverifiedReports)} báo cáo trong tháng chưa được thẩm định.`,
    ),
  );
  blocks.push(
    table(
      [
        ['Kết quả thẩm định', 46],
        [capitalize(s.monthLabel), 18, 'right'],
        ['Tỷ lệ', 16, 'right'],
        [capitalize(s.previousMonthLabel), 20, 'right'],
      ],
      [
        ...v.outcomes.map((o) => [o.outcome.label, formatNumber(o.reports), formatPercent(o.share), formatNumber(o.previous)]),
        ['Tổng số', formatNumber(v.verified), v.verified > 0 ? '100%' : '—', formatNumber(v.previousVerified)],
      ],
      { caption: 'Kết quả thẩm định, kiểm chứng thông tin', lastRowIsTotal: true },
    ),
  );

  blocks.push(h2('2. Chuyển cơ quan có thẩm quyền xử lý, trả lời'));
  blocks.push(
    p(
      `Trong tháng đã chuyển ${formatNumber(r.referralsMade)} lượt vụ việc đến cơ quan có thẩm quyền (${s.previousMonthLabel}: ${formatNumber(r.previousReferralsMade)}); `,
      `các cơ quan đã báo cáo kết quả giải quyết ${formatNumber(r.responded)} lượt, từ chối do không thuộc thẩm quyền ${formatNumber(r.declined)} lượt. `,
      `Đối với ${formatNumber(r.total.due)} lượt chuyển xử lý đến hạn trong tháng, tỷ lệ trả lời đúng hạn các vụ việc ${KPI_SEVERITY_LABELS.join(', ')} đạt `,
      { text: formatPercent(r.totalProminentAndAbove.onTimeRate), bold: true },
      ` (chỉ tiêu: trên ${formatPercent(r.target, 0)}; ${r.meetsTarget === null ? 'chưa đủ số liệu để đánh giá' : r.meetsTarget ? 'đạt chỉ tiêu' : 'chưa đạt chỉ tiêu'}); `,
      `${formatNumber(r.agenciesBelowTarget)} cơ quan chưa đạt chỉ tiêu.`,
    ),
  );
  if (r.agencies.length > 0) {
    const shown = r.agencies.slice(0, 15);
    blocks.push(
      table(
        [
          ['TT', 5, 'center'],
          ['Cơ quan', 27],
          ['Đến hạn', 8, 'right'],
          ['Đúng hạn', 8, 'right'],
          ['Trễ hạn', 8, 'right'],
          ['Quá hạn', 8, 'right'],
          ['Từ chối', 8, 'right'],
          ['Tỷ lệ đúng hạn (nổi cộm trở lên)', 14, 'right'],
          ['Đạt > 90%', 14, 'center'],
        ],
        [
          ...shown.map((a, i) => [
            String(i + 1),
            a.agency.name ?? a.agency.id,
            formatNumber(a.all.due),
            formatNumber(a.all.answeredOnTime),
            formatNumber(a.all.answeredLate),
            formatNumber(a.all.overdue),
            formatNumber(a.all.declined),
            formatPercent(a.prominentAndAbove.onTimeRate),
            a.meetsTarget === null ? '—' : a.meetsTarget ? 'Đạt' : 'Chưa đạt',
          ]),
          [
            '',
            'Toàn tỉnh',
            formatNumber(r.total.due),
            formatNumber(r.total.answeredOnTime),
            formatNumber(r.total.answeredLate),
            formatNumber(r.total.overdue),
            formatNumber(r.total.declined),
            formatPercent(r.totalProminentAndAbove.onTimeRate),
            r.meetsTarget === null ? '—' : r.meetsTarget ? 'Đạt' : 'Chưa đạt',
          ],
        ],
        {
          caption: `Kết quả trả lời của các cơ quan đối với vụ việc đến hạn trong tháng${r.agencies.length > shown.length ? ` (${shown.length}/${r.agencies.length} cơ quan, ưu tiên cơ quan chưa đạt)` : ''}`,
          lastRowIsTotal: true,
        },
      ),
    );
  }

  blocks.push(h2('3. Vụ việc chuyển xử lý quá hạn'));
  if (r.overdueTotal === 0) blocks.push(p(`Đến ${dmyTime(s.generatedAt)}, không có vụ việc chuyển xử lý nào quá hạn.`));
  else {
    blocks.push(p(`Đến ${dmyTime(s.generatedAt)}, còn ${formatNumber(r.overdueTotal)} lượt chuyển xử lý đã quá hạn nhưng chưa có kết quả${r.overdueTotal > r.overdue.length ? `; dưới đây là ${r.overdue.length} lượt quá hạn lâu nhất` : ''}:`));
    blocks.push(
      table(
        [
          ['TT', 5, 'center'],
          ['Vụ việc', 34],
          ['Cơ quan', 24],
          ['Mức độ', 12],
          ['Hạn xử lý', 14, 'center'],
          ['Số ngày quá hạn', 11, 'right'],
        ],
        r.overdue.map((o, i) => [
          String(i + 1),
          o.issueTitle ?? o.issueId,
          o.agency.name ?? o.agency.id,
          o.issueSeverity.label,
          dmy(vn(o.deadline).toISOString().slice(0, 10)),
          formatNumber(Math.floor(o.daysOverdue)),
        ]),
        { caption: 'Vụ việc chuyển xử lý quá hạn' },
      ),
    );
  }

  // III. Điểm nóng, cảnh báo sớm
  const hs = s.hotspots;
  blocks.push(h1('III. ĐIỂM NÓNG VÀ CẢNH BÁO SỚM'));
  blocks.push(h2('1. Cảnh báo sớm'));
  if (!hs.warningsAvailable) {
    blocks.push(p({ text: 'Chưa có dữ liệu cảnh báo sớm: chức năng cảnh báo sớm chưa được kết nối với báo cáo này.', italic: true }));
  } else if (hs.warnings.length === 0) {
    blocks.push(p(`Trong tháng (đến ${dmyTime(hs.asOf)}), hệ thống cảnh báo sớm không ghi nhận địa bàn, lĩnh vực nào có số phản ánh tăng bất thường.`));
  } else {
    blocks.push(p(`Trong tháng (đến ${dmyTime(hs.asOf)}), hệ thống cảnh báo sớm ghi nhận ${formatNumber(hs.warnings.length)} địa bàn, lĩnh vực có số phản ánh tiêu cực, cường độ cao tăng so với mức nền của chính địa bàn đó:`));
    blocks.push(
      table(
        [
          ['TT', 5, 'center'],
          ['Địa bàn', 20],
          ['Lĩnh vực', 18],
          ['Phản ánh gần đây', 10, 'right'],
          ['Mức nền', 9, 'right'],
          ['Điểm cảnh báo', 9, 'right'],
          ['Vụ việc chính', 29],
        ],
        hs.warnings.map((w, i) => [
          String(i + 1),
          w.locality.fullName,
          w.sector.label,
          formatNumber(w.recentCount),
          formatNumber(w.baseline, 1),
          formatNumber(w.score, 1),
          w.topIssues.map((t) => `${t.title} (${formatNumber(t.reports)})`).join('; ') || '—',
        ]),
        { caption: 'Cảnh báo sớm nguy cơ phát sinh điểm nóng' },
      ),
    );
  }
  blocks.push(h2('2. Vụ việc được xác định là điểm nóng'));
  if (hs.issueCount === 0) blocks.push(p('Trong tháng không có vụ việc nào được xác định là điểm nóng.'));
  else {
    const listed = hs.issues.slice(0, 10);
    blocks.push(
      p(
        `Trong tháng có ${formatNumber(hs.issueCount)} vụ việc được xác định là điểm nóng có phát sinh báo cáo` +
          (hs.issueCount > listed.length ? `; ${listed.length} vụ việc có nhiều báo cáo nhất:` : ':'),
      ),
    );
    blocks.push({
      kind: 'bullets',
      items: listed.map((i) => [
        { text: i.title, bold: true },
        ` (${i.locality.fullName}; ${sectorsOf(i)}): ${formatNumber(i.reportsInMonth)} báo cáo trong tháng; ${lower(i.status.label)}${i.openReferrals > 0 ? `; ${formatNumber(i.openReferrals)} lượt chuyển xử lý chưa có kết quả` : ''}.`,
      ]),
    });
  }

  // IV. Điều tra, khảo sát
  blocks.push(h1('IV. KẾT QUẢ ĐIỀU TRA, KHẢO SÁT DƯ LUẬN XÃ HỘI'));
  if (s.surveys.length === 0) blocks.push(p('Trong tháng không có cuộc điều tra, khảo sát dư luận xã hội nào.'));
  s.surveys.forEach((survey, n) => {
    blocks.push(h2(`${n + 1}. ${survey.title}`));
    blocks.push(
      p(
        `Mở ngày ${dmy(vn(survey.openedAt).toISOString().slice(0, 10))}${survey.closedAt ? `, kết thúc ngày ${dmy(vn(survey.closedAt).toISOString().slice(0, 10))}` : ', đang tiếp tục thu thập'}; `,
        `${formatNumber(survey.responseCount)} phiếu trả lời (${lower(survey.status.label)}). Biên độ sai số tính theo mẫu ngẫu nhiên đơn giản, độ tin cậy 95%.`,
      ),
    );
    const rows: string[][] = [];
    for (const q of survey.results) {
      if (q.question.kind === 'FREE_TEXT') {
        rows.push([q.question.text, 'Câu hỏi mở', formatNumber(q.overall.respondents), '']);
      } else if (q.question.kind === 'SCALE') {
        rows.push([
          q.question.text,
          `Điểm trung bình (${q.question.scaleMin}–${q.question.scaleMax})`,
          formatNumber(q.overall.respondents),
          q.overall.mean === null ? '—' : `${formatNumber(q.overall.mean, 2)}${q.overall.meanMarginOfError === null ? '' : ` ± ${formatNumber(q.overall.meanMarginOfError, 2)}`}`,
        ]);
      } else {
        const shares = [...q.overall.shares].sort((a, b) => b.count - a.count).slice(0, 4);
        shares.forEach((x, i) =>
          rows.push([
            i === 0 ? q.question.text : '',
            x.label,
            i === 0 ? formatNumber(q.overall.respondents) : '',
            x.share === null ? '—' : `${formatPercent(x.share)}${x.marginOfError === null ? '' : ` ± ${formatNumber(x.marginOfError * 100, 1)}`}`,
          ]),
        );
      }
    }
    if (rows.length > 0) {
      blocks.push(
        table(
          [
            ['Câu hỏi', 40],
            ['Phương án trả lời', 28],
            ['Số người trả lời', 12, 'right'],
            ['Tỷ lệ (± sai số)', 20, 'right'],
          ],
          rows,
          { caption: `Kết quả khảo sát "${survey.title}"` },
        ),
      );
    }
  });

  // V. Cộng tác viên
  const c = s.collaborators;
  blocks.push(h1('V. HOẠT ĐỘNG CỦA ĐỘI NGŨ CỘNG TÁC VIÊN'));
  blocks.push(
    p(
      `Cuối tháng, đội ngũ cộng tác viên dư luận xã hội có ${formatNumber(c.active)} người (kết nạp mới ${formatNumber(c.enrolled)}, thôi tham gia ${formatNumber(c.deactivated)}); `,
      `${formatNumber(c.reporting)} cộng tác viên có báo cáo trong tháng (${s.previousMonthLabel}: ${formatNumber(c.previousReporting)}) với ${formatNumber(c.reports)} báo cáo gửi trong tháng (${s.previousMonthLabel}: ${formatNumber(c.previousReports)}; tính theo ngày gửi nên có thể khác số báo cáo tính theo ngày ghi nhận ở mục I); `,
      `${formatPercent(c.timelyRate)} báo cáo được gửi trong vòng 48 giờ; trong số báo cáo đã thẩm định, ${formatPercent(c.confirmedShare)} được xác nhận đúng.`,
    ),
  );
  blocks.push(
    table(
      [
        ['Cấp', 28],
        ['Cộng tác viên', 18, 'right'],
        ['Có báo cáo', 18, 'right'],
        ['Số báo cáo', 18, 'right'],
        ['Báo cáo kịp thời', 18, 'right'],
      ],
      [
        ...c.byLevel.map((l) => [l.level.label, formatNumber(l.active), formatNumber(l.reporting), formatNumber(l.reports), formatPercent(l.timelyRate)]),
        ['Tổng cộng', formatNumber(c.active), formatNumber(c.reporting), formatNumber(c.reports), formatPercent(c.timelyRate)],
      ],
      { caption: 'Hoạt động của cộng tác viên theo cấp', lastRowIsTotal: true },
    ),
  );

  // VI. Dự báo, kiến nghị
  blocks.push(h1('VI. DỰ BÁO VÀ KIẾN NGHỊ'));
  const forecasts = s.outlook.filter((o) => o.kind === 'FORECAST');
  const recommendations = s.outlook.filter((o) => o.kind === 'RECOMMENDATION');
  blocks.push(h2('1. Dự báo'));
  blocks.push(
    forecasts.length
      ? { kind: 'bullets', items: forecasts.map((o) => [o.text]) }
      : p('Trong thời gian tới, dư luận tiếp tục quan tâm đến các vấn đề đã nêu; cần theo dõi chặt chẽ, kịp thời định hướng thông tin.'),
  );
  blocks.push(h2('2. Kiến nghị'));
  blocks.push(
    recommendations.length
      ? { kind: 'bullets', items: recommendations.map((o) => [o.text]) }
      : p('Đề nghị các cơ quan, đơn vị tiếp tục duy trì việc tiếp nhận, xử lý, phản hồi thông tin dư luận kịp thời.'),
  );

  // Tables and charts are numbered in the order they appear.
  let tables = 0;
  let charts = 0;
  for (const block of blocks) {
    if (block.kind === 'table' && block.caption) block.caption = `Bảng ${++tables}. ${block.caption}`;
    if (block.kind === 'image') block.caption = `Biểu đồ ${++charts}. ${block.caption}`;
  }

  const numberText = options.number ? `Số ${options.number}-BC/BTGDVTU` : 'Số        -BC/BTGDVTU';
  return {
    metaTitle: `Báo cáo tổng hợp tình hình dư luận xã hội ${monthTitle} - ${s.province.fullName}`,
    masthead: {
      parent: `${committee.toUpperCase()} ${provinceName.toUpperCase()}`,
      issuer: 'BAN TUYÊN GIÁO VÀ DÂN VẬN',
      number: numberText,
      nation: 'ĐẢNG CỘNG SẢN VIỆT NAM',
      placeDate: `${provinceName}, ngày ${today.getUTCDate()} tháng ${today.getUTCMonth() + 1} năm ${today.getUTCFullYear()}`,
    },
    kind: 'BÁO CÁO',
    title: `Tổng hợp tình hình dư luận xã hội ${monthTitle}`,
    blocks,
    recipients: [`Thường trực ${committee} (báo cáo),`, `Các đồng chí Ủy viên Ban Thường vụ ${committee},`, 'Lãnh đạo Ban,', 'Lưu VT.'],
    signature: [`T/M BAN TUYÊN GIÁO VÀ DÂN VẬN`, 'TRƯỞNG BAN'],
    footnote: `Báo cáo được lập từ Hệ thống DLXH lúc ${dmyTime(s.generatedAt)} (giờ Việt Nam), hạn gửi ngày ${dmy(s.dueDate)}. Số liệu chuyển xử lý quá hạn và kết quả khảo sát tính đến thời điểm lập báo cáo.`,
  };
}
