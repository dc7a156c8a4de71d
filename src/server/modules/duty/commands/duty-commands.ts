import { and, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import { dutyManualEntries, dutySettings, dutyYears } from '@server/db/schema/index';
import { writeAudit, type AuditActor } from '@server/lib/audit';
import { AppError, invalid, notFound, staleVersion } from '@server/lib/errors';
import { diff, updateVersioned } from '@server/lib/versioned';
import {
  checkDutyConfig,
  DUTY_YEAR_ACTION_LABELS,
  DUTY_YEAR_STATE_LABELS,
  DUTY_YEAR_TRANSITIONS,
  type DutyYearAction,
  type DutySettingsConfig,
} from '@common/duty';
import type { z } from 'zod';
import type { DutyManualBody, DutyManualUpdateBody } from '@common/duty';
import { rebuildLedger } from '../duty.ledger';
import * as repo from '../duty.repo';
import { changeConfig } from '@server/lib/config-cache';

/** Above this many members a rule change queues the recompute for the worker instead of running it in the request. */
export const SYNC_RECOMPUTE_MAX_MEMBERS = 5_000;

const refused = (frozen: boolean, action: DutyYearAction) => {
  const state = frozen ? 'frozen' : 'open';
  const allowed = DUTY_YEAR_TRANSITIONS.filter((t) => t.from === state).map((t) => DUTY_YEAR_ACTION_LABELS[t.action].zh);
  return new AppError(409, 'duty_transition_refused', {
    params: { state: DUTY_YEAR_STATE_LABELS[state].zh, action: DUTY_YEAR_ACTION_LABELS[action].zh, allowed: allowed.join('、') || '无' },
  });
};

/**
 * Recomputes one organization-year in ONE transaction (the previous ledger stays intact if anything fails).
 * A frozen year is refused with 409 and never changes. Writes an audit row with the counts.
 */
export async function recomputeYear(database: Database, actor: AuditActor, orgId: number, year: number, memberId: number | null = null) {
  const started = Date.now();
  return database.db.transaction(async (tx) => {
    const y = await repo.yearRow(tx, orgId, year, true);
    if (y.frozen) throw refused(true, 'recompute');
    const { config } = await repo.loadSettings(tx, orgId);
    const res = await rebuildLedger(database, tx, orgId, year, config, memberId);
    if (memberId == null) {
      await tx
        .update(dutyYears)
        .set({ computedAt: new Date(), rulesSnapshot: config, updatedAt: new Date() })
        .where(and(eq(dutyYears.orgId, orgId), eq(dutyYears.year, year)));
      await writeAudit(tx, actor, {
        orgId,
        entityType: 'duty_year',
        entityId: `${year}`,
        action: 'recompute',
        after: { year, members: res.members, entries: res.entries },
      });
    }
    return { year, members: res.members, entries: res.entries, ms: Date.now() - started };
  });
}

/** Freezes or unfreezes a year (version-checked); the policy of who may is in DUTY_YEAR_TRANSITIONS and the route's permission. */
export async function setFrozen(
  database: Database,
  actor: AuditActor,
  accountId: number | null,
  orgId: number,
  year: number,
  action: 'freeze' | 'unfreeze',
  version: number,
) {
  return database.db.transaction(async (tx) => {
    const y = await repo.yearRow(tx, orgId, year, true);
    if (version !== 0 && y.version !== version) throw staleVersion();
    const to = action === 'freeze';
    if (y.frozen === to) throw refused(y.frozen, action);
    // Freezing keeps the ledger as it stands; a year never computed is computed first, so the frozen year has its record.
    if (to && !y.computedAt) {
      const { config } = await repo.loadSettings(tx, orgId);
      await rebuildLedger(database, tx, orgId, year, config);
      await tx
        .update(dutyYears)
        .set({ computedAt: new Date(), rulesSnapshot: config })
        .where(and(eq(dutyYears.orgId, orgId), eq(dutyYears.year, year)));
    }
    await tx
      .update(dutyYears)
      .set({
        frozen: to,
        frozenAt: to ? new Date() : null,
        frozenByAccountId: to ? accountId : null,
        version: sql`${dutyYears.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(dutyYears.orgId, orgId), eq(dutyYears.year, year)));
    await writeAudit(tx, actor, {
      orgId,
      entityType: 'duty_year',
      entityId: `${year}`,
      action,
      before: { frozen: y.frozen },
      after: { frozen: to },
    });
  });
}

/**
 * Saves the rules (version 0 = first save) and recomputes every non-frozen year that has a ledger — in the request
 * for ordinary organizations, queued for the worker (requested_at) above SYNC_RECOMPUTE_MAX_MEMBERS members.
 */
export async function saveSettings(database: Database, actor: AuditActor, orgId: number, config: DutySettingsConfig, version: number) {
  const problem = checkDutyConfig(config);
  if (problem) throw invalid(problem.field, problem.reason, problem.params);
  const current = await repo.loadSettings(database.db, orgId);
  await changeConfig(database.db, async (tx) => {
    if (version === 0) {
      const inserted = await tx.insert(dutySettings).values({ orgId, config }).onConflictDoNothing().returning();
      if (!inserted.length) throw staleVersion();
    } else {
      const updated = await tx
        .update(dutySettings)
        .set({ config, version: sql`${dutySettings.version} + 1`, updatedAt: new Date() })
        .where(and(eq(dutySettings.orgId, orgId), eq(dutySettings.version, version)))
        .returning();
      if (!updated.length) throw staleVersion();
    }
    await writeAudit(tx, actor, {
      orgId,
      entityType: 'duty_settings',
      entityId: orgId,
      action: 'update',
      ...diff({ config: current.config }, { config }),
    });
    await tx
      .update(dutyYears)
      .set({ requestedAt: new Date() })
      .where(and(eq(dutyYears.orgId, orgId), eq(dutyYears.frozen, false)));
  });
  const years = (await repo.listYears(database, orgId)).filter((y) => !y.frozen).map((y) => y.year);
  if ((await repo.memberCount(database, orgId)) > SYNC_RECOMPUTE_MAX_MEMBERS) return { recomputed: [], queued: years };
  for (const y of years) await recomputeYear(database, actor, orgId, y);
  return { recomputed: years, queued: [] };
}

const yearOf = (day: string) => Number(day.slice(0, 4));

async function assertOpen(tx: DbOrTx, orgId: number, year: number) {
  const y = await repo.yearRow(tx, orgId, year, true);
  if (y.frozen) throw new AppError(409, 'duty_year_frozen', { params: { year } });
}

/** A manual entry (履职事项 done outside the system): audited; the member's year is rebuilt at once. */
export async function createManual(
  database: Database,
  actor: AuditActor,
  accountId: number,
  orgId: number,
  body: z.infer<typeof DutyManualBody>,
) {
  const member = await repo.memberOf(database.db, orgId, body.memberId);
  if (!member) throw invalid('memberId', 'not_member_of_org', { value: body.memberId });
  const year = yearOf(body.occurredOn);
  const id = await database.db.transaction(async (tx) => {
    await assertOpen(tx, orgId, year);
    const [row] = await tx
      .insert(dutyManualEntries)
      .values({ orgId, ...body, createdByAccountId: accountId })
      .returning();
    await writeAudit(tx, actor, { orgId, entityType: 'duty_manual_entry', entityId: row.id, action: 'create', after: { ...body } });
    return row.id;
  });
  await recomputeMember(database, actor, orgId, year, body.memberId);
  return id;
}

export async function updateManual(
  database: Database,
  actor: AuditActor,
  id: number,
  orgId: number,
  body: z.infer<typeof DutyManualUpdateBody>,
) {
  const before = await repo.getManual(database.db, id);
  if (!before) throw notFound();
  const { version, ...set } = body;
  const years = new Set([yearOf(before.occurredOn)]);
  if (set.occurredOn) years.add(yearOf(set.occurredOn));
  await database.db.transaction(async (tx) => {
    for (const y of years) await assertOpen(tx, orgId, y);
    const after = await updateVersioned(tx, dutyManualEntries, id, version, set);
    await writeAudit(tx, actor, { orgId, entityType: 'duty_manual_entry', entityId: id, action: 'update', ...diff(before, after) });
  });
  for (const y of years) await recomputeMember(database, actor, orgId, y, before.memberId);
}

export async function deleteManual(database: Database, actor: AuditActor, id: number, orgId: number, version: number) {
  const before = await repo.getManual(database.db, id);
  if (!before) throw notFound();
  const year = yearOf(before.occurredOn);
  await database.db.transaction(async (tx) => {
    await assertOpen(tx, orgId, year);
    const gone = await tx
      .delete(dutyManualEntries)
      .where(and(eq(dutyManualEntries.id, id), eq(dutyManualEntries.version, version)))
      .returning();
    if (!gone.length) throw staleVersion();
    await writeAudit(tx, actor, {
      orgId,
      entityType: 'duty_manual_entry',
      entityId: id,
      action: 'delete',
      before: { memberId: before.memberId, item: before.item, points: before.points, count: before.count, occurredOn: before.occurredOn },
    });
  });
  await recomputeMember(database, actor, orgId, year, before.memberId);
}

/** Rebuilds one member's year (after a manual entry changed); a year never computed is computed whole. */
async function recomputeMember(database: Database, actor: AuditActor, orgId: number, year: number, memberId: number) {
  const y = await repo.yearRow(database.db, orgId, year);
  await recomputeYear(database, actor, orgId, year, y.computedAt ? memberId : null);
}
