/**
 * The worker's share of the duty records: recomputes the years queued by a rule change on a large organization,
 * and keeps the current year fresh (every organization whose current year is older than DUTY_REFRESH_MS).
 * Each year is one transaction; frozen years are skipped (recomputeYear refuses them).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '@server/db/client';
import { todayInChina } from '@server/lib/workdays';
import { recomputeYear } from './commands/duty-commands';
import * as repo from './duty.repo';

export const DUTY_REFRESH_MS = 6 * 3_600_000;
const WORKER = { accountId: null, name: 'worker', requestId: 'duty-worker' };

export async function runDutyRecompute(database: Database, now = new Date(), maxYears = 3): Promise<number> {
  const year = Number(todayInChina(now).slice(0, 4));
  const queued = await repo.requestedYears(database, maxYears);
  const stale = await database.rows<{ org_id: number; year: number }>(
    sql`select o.id as org_id, ${year}::int as year from organizations o
        left join duty_years y on y.org_id = o.id and y.year = ${year}
        where (y.org_id is null or (not y.frozen and (y.computed_at is null or y.computed_at < ${new Date(now.getTime() - DUTY_REFRESH_MS).toISOString()})))
          and exists (select 1 from members m where m.org_id = o.id)
        order by y.computed_at nulls first, o.id limit ${maxYears}`,
  );
  let done = 0;
  for (const y of [...queued, ...stale].slice(0, maxYears)) {
    const r = await recomputeYear(database, WORKER, Number(y.org_id), Number(y.year)).catch(() => null);
    if (r) done++;
  }
  return done;
}
