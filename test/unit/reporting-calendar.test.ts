import {
  currentReportingMonth,
  DUE_SOON_DAYS,
  monthDays,
  monthInstants,
  parseMonth,
  reportingCalendar,
  reportingPeriod,
  synthesisDueDate,
  vnDate,
} from '../../services/reports/reporting-calendar';

/** The monthly synthesis is due by the 20th of the following month, in Vietnamese time (UTC+7, no daylight saving). */
describe('reporting calendar of the monthly synthesis', () => {
  it('a month is due on the 20th of the next one, across the year end', () => {
    expect(synthesisDueDate('2026-10')).toBe('2026-11-20');
    expect(synthesisDueDate('2026-12')).toBe('2027-01-20');
    expect(synthesisDueDate('2027-01')).toBe('2027-02-20');
  });

  it('months are Vietnamese months: their first instant is 17:00 UTC the day before', () => {
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthInstants('2026-10')).toEqual({ start: new Date('2026-09-30T17:00:00Z'), end: new Date('2026-10-31T17:00:00Z') });
    expect(vnDate(new Date('2026-10-31T16:59:59.999Z'))).toBe('2026-10-31');
    expect(vnDate(new Date('2026-10-31T17:00:00Z'))).toBe('2026-11-01');
  });

  it('the deadline passes at the end of the 20th, Vietnamese time, not UTC', () => {
    const lastMoment = reportingPeriod('2026-10', new Date('2026-11-20T16:59:59Z')); // 23:59:59 on the 20th in Vietnam
    expect(lastMoment).toMatchObject({ status: 'DUE_SOON', daysLeft: 0, overdue: false, dueSoon: true, dueAt: new Date('2026-11-20T17:00:00Z') });
    const nextDay = reportingPeriod('2026-10', new Date('2026-11-20T17:00:00Z')); // 00:00 on the 21st in Vietnam, still the 20th in UTC
    expect(nextDay).toMatchObject({ status: 'OVERDUE', daysLeft: -1, overdue: true, dueSoon: false, statusLabel: 'Đã quá hạn gửi báo cáo tổng hợp' });
  });

  it('a month still running is IN_PROGRESS until its last Vietnamese day is over', () => {
    const lastEvening = reportingPeriod('2026-10', new Date('2026-10-31T16:30:00Z')); // 23:30 on 31 October
    expect(lastEvening).toMatchObject({ status: 'IN_PROGRESS', monthEnded: false, daysLeft: 20, overdue: false, dueSoon: false });
    const firstMorning = reportingPeriod('2026-10', new Date('2026-10-31T17:30:00Z')); // 00:30 on 1 November
    expect(firstMorning).toMatchObject({ status: 'DUE', monthEnded: true, daysLeft: 19, statusLabel: 'Đến kỳ lập báo cáo tổng hợp' });
  });

  it(`DUE_SOON from ${DUE_SOON_DAYS} days before the due date`, () => {
    expect(reportingPeriod('2026-10', new Date('2026-11-14T10:00:00Z')).status).toBe('DUE'); // 6 days left
    expect(reportingPeriod('2026-10', new Date('2026-11-15T10:00:00Z'))).toMatchObject({ status: 'DUE_SOON', daysLeft: 5 });
    // 15 November 02:00 in Vietnam is still the 14th in UTC: the Vietnamese day decides
    expect(reportingPeriod('2026-10', new Date('2026-11-14T19:00:00Z'))).toMatchObject({ status: 'DUE_SOON', daysLeft: 5 });
  });

  it('the synthesis due next: last month’s up to the 20th, then this month’s', () => {
    expect(currentReportingMonth(new Date('2026-11-20T16:59:00Z'))).toBe('2026-10');
    expect(currentReportingMonth(new Date('2026-11-20T17:01:00Z'))).toBe('2026-11');
    expect(currentReportingMonth(new Date('2026-12-31T17:30:00Z'))).toBe('2026-12'); // 1 January 2027 00:30: December's, due 20 January
    expect(currentReportingMonth(new Date('2027-01-05T00:00:00Z'))).toBe('2026-12');
  });

  it('the calendar: from last month, three months by default; arguments checked', () => {
    const now = new Date('2026-11-22T07:00:00Z');
    const c = reportingCalendar(now);
    expect(c.today).toBe('2026-11-22');
    expect(c.dueDay).toBe(20);
    expect(c.current).toMatchObject({ month: '2026-11', status: 'IN_PROGRESS', dueDate: '2026-12-20', daysLeft: 28 });
    expect(c.periods.map((p) => [p.month, p.status, p.daysLeft])).toEqual([
      ['2026-10', 'OVERDUE', -2],
      ['2026-11', 'IN_PROGRESS', 28],
      ['2026-12', 'IN_PROGRESS', 59],
    ]);
    expect(reportingCalendar(now, { from: '2025-12', months: 2 }).periods.map((p) => p.dueDate)).toEqual(['2026-01-20', '2026-02-20']);
    expect(() => reportingCalendar(now, { months: 0 })).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ path: ['months'] })] }));
    expect(() => reportingCalendar(now, { months: 25 })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ path: ['months'] })] }));
    expect(() => reportingCalendar(now, { from: '2026-13' })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ path: ['from'] })] }));
  });

  it('months are YYYY-MM', () => {
    expect(parseMonth('2026-10')).toBe('2026-10');
    for (const bad of ['2026-1', '2026-00', '2026-13', '26-10', '2026-10-01', '']) {
      expect(() => parseMonth(bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ path: ['month'] })] }));
    }
  });
});
