import { sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import { indexActivities, indexAllActivities, refreshActivities } from './sources/activities';
import { indexCoopItems, indexAllCoopItems, refreshCoopItems } from './sources/coop-items';
import { indexAllInfoReports, indexInfoReports, refreshInfoReports } from './sources/info-reports';
import { indexAllOutcomes, indexOutcomes, refreshOutcomes } from './sources/outcomes';
import { indexAllProblemIssues, indexProblemIssues, refreshProblemIssues } from './sources/problem-issues';
import { indexProposals, refreshProposals } from './sources/proposals';

/**
 * The search index's hooks for the commands: call them in the transaction of the change, after the change,
 * so the index row commits or rolls back with it (no lost updates, whichever instance served the request).
 */
export async function proposalsChanged(tx: DbOrTx, ids: number[]): Promise<void> {
  await indexProposals(tx, ids);
}

/** An activity's own fields changed (topic, agenda, minutes, status …). */
export async function activitiesChanged(tx: DbOrTx, ids: number[]): Promise<void> {
  await indexActivities(tx, ids);
}

/** An outcome (成果) was created or edited, or a leader's instruction added to it. */
export async function outcomesChanged(tx: DbOrTx, ids: number[]): Promise<void> {
  await indexOutcomes(tx, ids);
}

/** A problem-list issue was created or took a step (answer, progress, settling, closing). */
export async function problemIssuesChanged(tx: DbOrTx, ids: number[]): Promise<void> {
  await indexProblemIssues(tx, ids);
}

/** A cooperation item, its parties, points or progress changed. */
export async function coopItemsChanged(tx: DbOrTx, ids: number[]): Promise<void> {
  await indexCoopItems(tx, ids);
}

/** A 社情民意 report was created, edited or took a step. */
export async function infoReportsChanged(tx: DbOrTx, ids: number[]): Promise<void> {
  await indexInfoReports(tx, ids);
}

/** Indexes every proposal inside the caller's transaction (demo data, imports); returns how many. */
export async function indexAllProposals(tx: DbOrTx): Promise<number> {
  const res = (await tx.execute(sql`select id from proposals order by id`)) as unknown as { rows: Array<{ id: number | string }> };
  return indexProposals(
    tx,
    res.rows.map((r) => Number(r.id)),
  );
}

/** Indexes every record of every kind inside the caller's transaction (the demo loader); returns how many. */
export async function indexAllRecords(tx: DbOrTx): Promise<number> {
  let n = await indexAllProposals(tx);
  for (const f of [indexAllActivities, indexAllOutcomes, indexAllProblemIssues, indexAllCoopItems, indexAllInfoReports]) n += await f(tx);
  return n;
}

/**
 * The catch-up over every kind (`npm run cli -- reindex [--all]`, the worker); returns how many rows it wrote.
 * `maxPerKind` bounds a pass of the kinds other than proposals (the worker's: records loaded behind the
 * commands in bulk are indexed by the CLI, not in the background of a serving instance).
 */
export async function refreshAll(database: Database, opts: { all?: boolean; orgId?: number; maxPerKind?: number } = {}): Promise<number> {
  const { maxPerKind, ...rest } = opts;
  // Proposals: every missing or stale one (the commands index them in their own transaction, so there are few);
  // the rows of deleted records are looked for only by a full pass (the CLI), not by the worker's.
  let n = await refreshProposals(database, { ...rest, prune: maxPerKind === undefined });
  for (const f of [refreshActivities, refreshOutcomes, refreshProblemIssues, refreshCoopItems, refreshInfoReports])
    n += await f(database, { ...rest, max: maxPerKind });
  return n;
}
