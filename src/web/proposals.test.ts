import { describe, expect, it } from 'vitest';
import { formatDay, parseDay, WorkCalendar } from '@server/lib/workdays';
import { countWorkdays, type CalendarYearDays } from './proposals';

/** The web's countdown must say what the server says: same calendar data, same counting rule. */
describe('countWorkdays (web countdown)', () => {
  const cal = new WorkCalendar();
  const years = new Map<number, CalendarYearDays>([2025, 2026, 2027, 2028].map((y) => [y, cal.yearDays(y)]));

  it('matches the server calendar across holidays, make-up working days and year ends', () => {
    const starts = ['2026-01-30', '2026-02-13', '2026-09-30', '2026-11-27', '2026-12-31', '2027-02-05'];
    const mismatches: string[] = [];
    for (const today of starts) {
      const t = parseDay(today)!;
      for (let d = t - 120; d <= t + 400; d += 3) {
        const date = formatDay(d);
        const server = cal.workdaysBetween(today, date);
        const web = countWorkdays(today, date, years);
        if (!web || web.count !== server.count || web.provisional !== server.provisional)
          mismatches.push(`${today}→${date}: server ${JSON.stringify(server)} web ${JSON.stringify(web)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('counts the days after today up to the deadline; negative when overdue; 0 on the day', () => {
    // 2026-02-13 (Fri) → 2026-02-24 (Tue): the Spring Festival holiday 2-15..2-23 sits between (2-14 and 2-28 are make-up days).
    expect(countWorkdays('2026-02-13', '2026-02-24', years)?.count).toBe(cal.workdaysBetween('2026-02-13', '2026-02-24').count);
    expect(countWorkdays('2026-11-27', '2026-11-27', years)).toEqual({ count: 0, provisional: false });
    expect(countWorkdays('2026-11-27', '2026-11-20', years)?.count).toBe(-5);
  });

  it('is unknown until every year of the span is loaded, and provisional for a guessed year', () => {
    expect(countWorkdays('2026-11-27', '2029-01-05', years)).toBeNull();
    const guessed = new Map(years).set(2029, cal.yearDays(2029));
    expect(countWorkdays('2026-11-27', '2029-01-05', guessed)?.provisional).toBe(
      cal.workdaysBetween('2026-11-27', '2029-01-05').provisional,
    );
    expect(countWorkdays('2026-11-27', 'soon', years)).toBeNull();
  });
});
