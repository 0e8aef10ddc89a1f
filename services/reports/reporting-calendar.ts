import { ValidationError } from '../../domain/errors';

/**
 * The reporting calendar of the monthly synthesis (báo cáo tổng hợp tình hình dư luận xã hội): the Board sends the
 * synthesis of a month to the Standing Committee by the 20th of the following month ("chậm nhất ngày 20 hằng tháng",
 * Chỉ thị 53-CT/TU). Every day and month here is a Vietnamese calendar day (UTC+7 all year, no daylight saving), so
 * the answer does not depend on the server's time zone.
 *
 * The system does not record when a synthesis is sent, so a month whose due date has passed is OVERDUE by the
 * calendar alone: the status says where the deadline stands, not whether the document went out.
 */

/** The day of the following month by which a month's synthesis is due. */
export const SYNTHESIS_DUE_DAY = 20;
/** From this many days before the due date (and on it) a synthesis is DUE_SOON. */
export const DUE_SOON_DAYS = 5;
/** The most months one calendar request may list. */
export const MAX_CALENDAR_MONTHS = 24;

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;
const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type ReportingStatus = 'IN_PROGRESS' | 'DUE' | 'DUE_SOON' | 'OVERDUE';
export const REPORTING_STATUS_LABELS: Readonly<Record<ReportingStatus, string>> = {
  IN_PROGRESS: 'Tháng đang diễn ra, chưa đến kỳ lập báo cáo',
  DUE: 'Đến kỳ lập báo cáo tổng hợp',
  DUE_SOON: 'Sắp đến hạn gửi báo cáo tổng hợp',
  OVERDUE: 'Đã quá hạn gửi báo cáo tổng hợp',
};

/** A month as 'YYYY-MM', checked; BAD_USER_INPUT at `path` otherwise. */
export function parseMonth(month: string, path: (string | number)[] = ['month']): string {
  if (typeof month !== 'string' || !MONTH_PATTERN.test(month)) throw ValidationError.field(path, 'must be a month as YYYY-MM');
  return month;
}

/** The month `n` months after `month` (YYYY-MM). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

export const previousMonth = (month: string) => addMonths(month, -1);

/** The first and last Vietnamese day of a month, YYYY-MM-DD. */
export function monthDays(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  return { from: `${month}-01`, to: new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10) };
}

/** How many days the month has. */
export const daysInMonth = (month: string) => Number(monthDays(month).to.slice(8));

/** The instant a Vietnamese day starts. */
export const vnDayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);

/** The instants a month covers: [start, end). */
export function monthInstants(month: string): { start: Date; end: Date } {
  return { start: vnDayStart(`${month}-01`), end: vnDayStart(`${addMonths(month, 1)}-01`) };
}

/** The Vietnamese calendar day of an instant, YYYY-MM-DD. */
export const vnDate = (at: Date) => new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
/** The Vietnamese month of an instant, YYYY-MM. */
export const vnMonthOf = (at: Date) => vnDate(at).slice(0, 7);

/** 'tháng 10/2026' */
export const monthLabel = (month: string) => `tháng ${Number(month.slice(5))}/${month.slice(0, 4)}`;

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The day a month's synthesis is due: the 20th of the following month. */
export function synthesisDueDate(month: string): string {
  return `${addMonths(month, 1)}-${String(SYNTHESIS_DUE_DAY).padStart(2, '0')}`;
}

export interface ReportingPeriod {
  /** The month the synthesis covers, YYYY-MM. */
  month: string;
  /** 'tháng 10/2026' */
  label: string;
  periodStart: string;
  periodEnd: string;
  /** The last day the synthesis may be sent (the 20th of the following month). */
  dueDate: string;
  /** The instant the deadline passes: the end of the due date, Vietnamese time. */
  dueAt: Date;
  status: ReportingStatus;
  statusLabel: string;
  /** Whole days from today (Vietnamese) to the due date: 0 on the due date, negative once it has passed. */
  daysLeft: number;
  /** The month is over, so its synthesis can be written. */
  monthEnded: boolean;
  dueSoon: boolean;
  overdue: boolean;
}

/** Where a month's synthesis stands at `now`. */
export function reportingPeriod(month: string, now: Date): ReportingPeriod {
  const { from, to } = monthDays(month);
  const today = vnDate(now);
  const dueDate = synthesisDueDate(month);
  const daysLeft = daysBetween(today, dueDate);
  const monthEnded = today > to;
  const status: ReportingStatus = !monthEnded ? 'IN_PROGRESS' : daysLeft < 0 ? 'OVERDUE' : daysLeft <= DUE_SOON_DAYS ? 'DUE_SOON' : 'DUE';
  return {
    month,
    label: monthLabel(month),
    periodStart: from,
    periodEnd: to,
    dueDate,
    dueAt: vnDayStart(nextDay(dueDate)),
    status,
    statusLabel: REPORTING_STATUS_LABELS[status],
    daysLeft,
    monthEnded,
    dueSoon: status === 'DUE_SOON',
    overdue: status === 'OVERDUE',
  };
}


/** The synthesis due next at `now`: last month's until its due date has passed, then this month's. */
export function currentReportingMonth(now: Date): string {
  const today = vnDate(now);
  const thisMonth = today.slice(0, 7);
  return today <= synthesisDueDate(previousMonth(thisMonth)) ? previousMonth(thisMonth) : thisMonth;
}

export interface ReportingCalendar {
  /** Today, Vietnamese time. */
  today: string;
  dueDay: number;
  /** The synthesis due next. */
  current: ReportingPeriod;
  /** The months asked for, oldest first. */
  periods: ReportingPeriod[];
}

/**
 * The calendar from `from` (YYYY-MM; default last month) for `months` months (default 3, at most 24).
 * Bad arguments are BAD_USER_INPUT naming the argument.
 */
export function reportingCalendar(now: Date, options: { from?: string | null; months?: number | null } = {}): ReportingCalendar {
  const from = options.from == null ? previousMonth(vnMonthOf(now)) : parseMonth(options.from, ['from']);
  const months = options.months ?? 3;
  if (!Number.isInteger(months) || months < 1 || months > MAX_CALENDAR_MONTHS) throw ValidationError.field(['months'], `must be a whole number from 1 to ${MAX_CALENDAR_MONTHS}`);
  return {
    today: vnDate(now),
    dueDay: SYNTHESIS_DUE_DAY,
    current: reportingPeriod(currentReportingMonth(now), now),
    periods: Array.from({ length: months }, (_, i) => reportingPeriod(addMonths(from, i), now)),
  };
}
