import { obligationClock, type Frequency, type ObligationClock } from '@common/worksystem';
import type { DbOrTx } from '@server/db/client';
import { loadWorkCalendar, todayInChina } from '@server/lib/workdays';
import * as repo from './worksystem.repo';

export interface ObligationWithClock {
  row: repo.ObligationRow;
  clock: ObligationClock;
  total: number;
  last: string | null;
}

/**
 * Every obligation of the organization with its clock: two statements (obligations; the fulfilments of the
 * previous and current year plus each obligation's latest), whatever the number of obligations.
 */
export async function obligationsWithClocks(db: DbOrTx, orgId: number): Promise<ObligationWithClock[]> {
  const today = todayInChina();
  const since = `${Number(today.slice(0, 4)) - 1}-01-01`;
  const [rows, fs, cal] = await Promise.all([repo.listObligations(db, orgId), repo.clockFulfilments(db, orgId, since), loadWorkCalendar(db)]);
  return rows.map((row) => {
    const mine = fs.filter((f) => Number(f.obligation_id) === row.id);
    const last = mine.reduce<string | null>((m, f) => (m == null || f.on > m ? f.on : m), null);
    return {
      row,
      clock: obligationClock({ ...row, frequency: row.frequency as Frequency }, mine.map((f) => ({ on: f.on, leaders: f.leaders })), today, cal),
      total: mine.length ? Number(mine[0].total) : 0,
      last,
    };
  });
}

/** Overdue for the dashboard: past its due day, or a yearly obligation whose previous year ended incomplete and is still open. */
export const isFlagged = (c: ObligationClock) => c.state === 'overdue' || (c.previousMissed && c.state !== 'fulfilled');
