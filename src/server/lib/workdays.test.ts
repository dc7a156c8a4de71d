import { describe, expect, it } from 'vitest';
import { WorkCalendar, daysInMonth, formatDay, isValidDay, packageYears, parseDay } from './workdays';

const cal = new WorkCalendar();

describe('day numbers', () => {
  it('parses and formats ISO dates, refusing impossible ones', () => {
    expect(formatDay(parseDay('2026-02-10')!)).toBe('2026-02-10');
    expect(parseDay('1970-01-01')).toBe(0);
    expect(isValidDay('2026-02-29')).toBe(false);
    expect(isValidDay('2028-02-29')).toBe(true);
    expect(isValidDay('2026-13-01')).toBe(false);
    expect(isValidDay('2026-1-01')).toBe(false);
    expect(isValidDay('')).toBe(false);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
  });
  it('throws on invalid input to the calendar', () => {
    expect(() => cal.day('2026-02-30')).toThrow(RangeError);
  });
  it('knows the package years', () => {
    const years = packageYears();
    expect(years).toContain(2025);
    expect(years).toContain(2026);
    expect(years).not.toContain(2027);
  });
});

describe('2026 Spring Festival', () => {
  it('2/15–2/23 are off, named 春节', () => {
    for (let d = 15; d <= 23; d++) {
      const info = cal.day(`2026-02-${d}`);
      expect(info.workday, info.date).toBe(false);
      expect(info.kind).toBe('holiday');
      expect(info.name).toBe('春节');
      expect(info.nameEn).toBe('Spring Festival');
      expect(info.source).toBe('package');
      expect(info.provisional).toBe(false);
    }
  });
  it('2/14 and 2/28 (Saturdays) are adjusted working days', () => {
    for (const date of ['2026-02-14', '2026-02-28']) {
      const info = cal.day(date);
      expect(info).toMatchObject({ workday: true, kind: 'adjusted_workday', name: '春节', source: 'package' });
    }
  });
  it('ordinary days follow the weekday rule', () => {
    expect(cal.day('2026-03-07')).toMatchObject({ workday: false, kind: 'weekend', source: 'rule', name: '' });
    expect(cal.day('2026-03-09')).toMatchObject({ workday: true, kind: 'workday', source: 'rule' });
  });
  it('+10 working days from 2026-02-10 is 2026-03-02', () => {
    expect(cal.addWorkdays('2026-02-10', 10)).toEqual({ date: '2026-03-02', provisional: false });
    expect(cal.compute('2026-02-10', 10, 'workdays')).toEqual({ date: '2026-03-02', provisional: false });
  });
  it('counts backwards and handles zero', () => {
    expect(cal.addWorkdays('2026-03-02', -10).date).toBe('2026-02-10');
    expect(cal.addWorkdays('2026-02-10', 0).date).toBe('2026-02-10');
    expect(cal.addWorkdays('2026-02-15', 0).date).toBe('2026-02-24');
  });
});

describe('National Day 2026', () => {
  it('10/1–10/7 are off; 9/20 (Sun) and 10/10 (Sat) are working days', () => {
    for (let d = 1; d <= 7; d++) expect(cal.day(`2026-10-0${d}`)).toMatchObject({ workday: false, kind: 'holiday', name: '国庆节' });
    expect(cal.day('2026-09-20')).toMatchObject({ workday: true, kind: 'adjusted_workday' });
    expect(cal.day('2026-10-10')).toMatchObject({ workday: true, kind: 'adjusted_workday' });
    expect(cal.isWorkday('2026-10-08')).toBe(true);
  });
  it('+1 working day from 2026-09-30 is 2026-10-08', () => {
    expect(cal.addWorkdays('2026-09-30', 1).date).toBe('2026-10-08');
  });
});

describe('calendar days and months', () => {
  it('adds days', () => {
    expect(cal.addDays('2026-02-10', 30)).toEqual({ date: '2026-03-12', provisional: false });
    expect(cal.addDays('2026-01-01', -1).date).toBe('2025-12-31');
  });
  it('clamps months to the month end', () => {
    expect(cal.addMonths('2026-01-31', 1)).toEqual({ date: '2026-02-28', provisional: false });
    expect(cal.addMonths('2028-01-31', 1).date).toBe('2028-02-29');
    expect(cal.addMonths('2026-03-15', 3).date).toBe('2026-06-15');
    expect(cal.addMonths('2026-11-30', 3).date).toBe('2027-02-28');
    expect(cal.addMonths('2026-03-31', -1).date).toBe('2026-02-28');
    expect(cal.addMonths('2026-01-15', -13).date).toBe('2024-12-15');
    expect(cal.compute('2026-08-31', 6, 'months').date).toBe('2027-02-28');
  });
});

describe('countdowns', () => {
  it('counts working days left, zero today, negative when overdue', () => {
    expect(cal.workdaysBetween('2026-02-10', '2026-03-02')).toEqual({ count: 10, provisional: false });
    expect(cal.workdaysBetween('2026-03-02', '2026-03-02').count).toBe(0);
    expect(cal.workdaysBetween('2026-03-05', '2026-03-02')).toEqual({ count: -3, provisional: false });
    expect(cal.workdaysBetween('2026-03-02', '2026-02-10').count).toBe(-10);
    // Overdue across a weekend: Monday after a Friday deadline is one working day late.
    expect(cal.workdaysBetween('2026-03-09', '2026-03-06').count).toBe(-1);
  });
  it('counts over years exactly as a day-by-day walk does (the inbox counts one per row)', () => {
    const c = new WorkCalendar([
      { day: '2024-03-04', kind: 'holiday', name: '临时放假' },
      { day: '2025-10-11', kind: 'workday', name: '' },
    ]);
    const walk = (from: string, to: string) => {
      let n = 0;
      let d = from;
      while (d < to) {
        d = formatDay(parseDay(d)! + 1);
        if (c.day(d).workday) n++;
      }
      return n;
    };
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    const base = parseDay('2017-01-01')!;
    for (let i = 0; i < 60; i++) {
      const a = formatDay(base + rnd(3600));
      const b = formatDay(parseDay(a)! + rnd(900));
      expect(c.workdaysBetween(a, b).count, `${a} → ${b}`).toBe(walk(a, b));
      expect(c.workdaysBetween(b, a).count, `${b} → ${a}`).toBe(-walk(a, b));
    }
    expect(c.workdaysBetween('2023-12-31', '2024-01-02').count).toBe(1); // across the year end; 1 January is 元旦
    expect(c.workdaysBetween('2024-03-01', '2024-03-05').count).toBe(1); // Monday off by override, Tuesday counts
  });
  it('flags a countdown reaching into an uncovered year', () => {
    expect(cal.workdaysBetween('2026-12-01', '2027-01-15').provisional).toBe(true);
  });
});

describe('provisional years', () => {
  it('2027-01-01 is provisional and never silently weekday-only', () => {
    const info = cal.day('2027-01-01');
    expect(info.provisional).toBe(true);
    expect(info.source).toBe('rule');
    expect(cal.addWorkdays('2026-12-30', 3).provisional).toBe(true);
    expect(cal.addWorkdays('2026-12-01', 3).provisional).toBe(false);
    expect(cal.yearDays(2027)).toEqual({ year: 2027, provisional: true, days: [] });
    expect(cal.workdaysBetween('2027-01-04', '2027-01-04').provisional).toBe(false);
  });
  it('years before the package are provisional too', () => {
    expect(cal.day('2003-05-01').provisional).toBe(true);
    expect(cal.isCoveredYear(2004)).toBe(true);
  });
  it('an official year with its holidays as overrides is no longer provisional', () => {
    const c = new WorkCalendar(
      [
        { day: '2027-01-01', kind: 'holiday', name: '元旦' },
        { day: '2027-01-02', kind: 'holiday', name: '元旦' },
        { day: '2027-01-03', kind: 'holiday', name: '元旦' },
        { day: '2027-01-09', kind: 'workday', name: '元旦调休' },
      ],
      [{ year: 2027, official: true }],
    );
    expect(c.day('2027-01-01')).toMatchObject({ workday: false, kind: 'holiday', name: '元旦', source: 'override', provisional: false });
    expect(c.day('2027-01-09')).toMatchObject({ workday: true, kind: 'adjusted_workday', source: 'override' });
    expect(c.addWorkdays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: false });
    const y = c.yearDays(2027);
    expect(y.provisional).toBe(false);
    expect(y.days.map((d) => d.date)).toEqual(['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-09']);
    // A year an admin marked not official stays provisional.
    expect(new WorkCalendar([], [{ year: 2027, official: false }]).isCoveredYear(2027)).toBe(false);
  });
});

describe('overrides win over the package', () => {
  it('a holiday on 2026-03-02 moves +10 working days to 2026-03-03', () => {
    const c = new WorkCalendar([{ day: '2026-03-02', kind: 'holiday', name: '临时放假' }]);
    expect(c.day('2026-03-02')).toMatchObject({ workday: false, kind: 'holiday', name: '临时放假', source: 'override' });
    expect(c.addWorkdays('2026-02-10', 10).date).toBe('2026-03-03');
  });
  it('a working-day override can cancel a package holiday, keeping its name when none is typed', () => {
    const c = new WorkCalendar([
      { day: '2026-02-16', kind: 'workday', name: '' },
      { day: '2026-02-14', kind: 'holiday', name: '' },
    ]);
    expect(c.day('2026-02-16')).toMatchObject({ workday: true, kind: 'workday', source: 'override' });
    expect(c.day('2026-02-14')).toMatchObject({ workday: false, kind: 'holiday', source: 'override', name: '' });
    expect(c.yearDays(2026).days.find((d) => d.date === '2026-02-16')?.source).toBe('override');
  });
  it('lists the year’s non-ordinary days', () => {
    const y = cal.yearDays(2026);
    expect(y.provisional).toBe(false);
    expect(y.days.some((d) => d.date === '2026-02-14' && d.kind === 'adjusted_workday')).toBe(true);
    expect(y.days.every((d) => d.source === 'package')).toBe(true);
    expect(y.days.some((d) => d.kind === 'weekend' && d.source === 'rule')).toBe(false);
  });
});
