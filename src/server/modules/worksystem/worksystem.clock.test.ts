import { describe, expect, it } from 'vitest';
import { obligationClock } from '@common/worksystem';
import { WorkCalendar } from '@server/lib/workdays';

const cal = new WorkCalendar();
const every2 = { frequency: 'months' as const, everyMonths: 2, startDate: '2025-01-01', leaders: [] };

describe('obligation clock', () => {
  it('every N months: due N months after the last fulfilment, moved to the next working day', () => {
    // 2025-08-01 + 2 months = 2025-10-01, the National Day holiday → the first working day after it.
    const c = obligationClock(every2, [{ on: '2025-08-01', leaders: [] }], '2025-09-15', cal);
    expect(c.state).toBe('fulfilled');
    expect(c.due).toBe('2025-10-09');
    expect(c.periodStart).toBe('2025-08-01');
  });

  it('every N months: overdue past the due day; a new fulfilment clears it', () => {
    const fs = [{ on: '2025-03-03', leaders: [] }];
    expect(obligationClock(every2, fs, '2025-06-10', cal).state).toBe('overdue');
    const after = obligationClock(every2, [...fs, { on: '2025-06-10', leaders: [] }], '2025-06-10', cal);
    expect(after.state).toBe('fulfilled');
    expect(after.due).toBe('2025-08-11'); // 08-10 is a Sunday
  });

  it('every N months: pending from the start date until the first fulfilment is due', () => {
    expect(obligationClock(every2, [], '2025-02-01', cal).state).toBe('pending');
    expect(obligationClock(every2, [], '2025-03-04', cal).state).toBe('overdue');
  });

  it('future-dated fulfilments do not stop the clock', () => {
    expect(obligationClock(every2, [{ on: '2025-12-01', leaders: [] }], '2025-06-01', cal).state).toBe('overdue');
  });

  it('yearly: fulfilled in the calendar year; due on its last working day; a missed previous year is flagged', () => {
    const y = { frequency: 'yearly' as const, everyMonths: null, startDate: '2024-01-01', leaders: [] };
    const c = obligationClock(y, [{ on: '2025-04-01', leaders: [] }], '2025-06-01', cal);
    expect(c).toMatchObject({ state: 'fulfilled', due: '2025-12-31', previousMissed: true, inPeriod: 1 });
    const p = obligationClock(y, [{ on: '2024-04-01', leaders: [] }], '2025-06-01', cal);
    expect(p).toMatchObject({ state: 'pending', previousMissed: false });
    // 2022-12-31 is a Saturday: due on Friday the 30th; the 31st is past it.
    expect(obligationClock({ ...y, startDate: '2022-01-01' }, [], '2022-12-31', cal)).toMatchObject({ state: 'overdue', due: '2022-12-30' });
  });

  it('per leader yearly: every listed leader must be named this year', () => {
    const o = { frequency: 'per_leader_yearly' as const, everyMonths: null, startDate: '2025-01-01', leaders: ['甲', '乙'] };
    const c = obligationClock(o, [{ on: '2025-03-01', leaders: ['甲'] }], '2025-05-01', cal);
    expect(c).toMatchObject({ state: 'pending', missingLeaders: ['乙'] });
    expect(obligationClock(o, [{ on: '2025-03-01', leaders: ['甲'] }, { on: '2025-04-01', leaders: ['乙', '丙'] }], '2025-05-01', cal).state).toBe('fulfilled');
    // the year before the start date is not held against it
    expect(obligationClock(o, [], '2025-05-01', cal).previousMissed).toBe(false);
  });
});
