import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  MODE_UNIT_COUNT,
  rolesForMode,
  type AssignmentRole,
  type ProposalAssignBody,
  type ProposalSettingsConfig,
} from '@common/proposals';
import type { Db, Tx } from '@server/db/client';
import { proposalAssignments } from '@server/db/schema/index';
import type { Actor } from '@server/lib/context';
import { invalid, notFound } from '@server/lib/errors';
import { loadWorkCalendar, todayInChina, type WorkCalendar } from '@server/lib/workdays';
import * as assignmentsRepo from '../assignments.repo';
import * as repo from '../proposals.repo';
import { applyTransition } from './transition';
import { runBulk } from './bulk';

export type AssignInput = z.infer<typeof ProposalAssignBody>;

/** The clocks of an assignment made on `today`: the adjustment window and the reply deadline (a working day). */
export function assignmentClocks(cal: WorkCalendar, settings: ProposalSettingsConfig, today: string) {
  const window = cal.addWorkdays(today, settings.adjustmentWindowWorkdays);
  const due = cal.addWorkdays(cal.addMonths(today, settings.replyMonths).date, 0);
  return { windowEnd: window.date, windowProvisional: window.provisional, deadline: due.date, deadlineProvisional: due.provisional };
}

/** A co-unit's opinion to the lead is due coHandlerOpinionMonths after the assignment, on a working day. */
export const opinionDueOf = (cal: WorkCalendar, settings: ProposalSettingsConfig, today: string): string =>
  cal.addWorkdays(cal.addMonths(today, settings.coHandlerOpinionMonths).date, 0).date;

/** Units must be distinct, active, and belong to or serve the organization. */
export async function checkUnits(tx: Tx, orgId: number, unitIds: number[], field = 'units'): Promise<void> {
  const seen = new Set<number>();
  for (const u of unitIds) {
    if (seen.has(u)) throw invalid(field, 'duplicate_unit', { value: u });
    seen.add(u);
  }
  const ok = await repo.unitsAvailable(tx, orgId, unitIds);
  const bad = unitIds.find((u) => !ok.has(u));
  if (bad !== undefined) throw invalid(field, 'unknown_ref', { value: bad });
}

export async function insertAssignments(
  tx: Tx,
  row: { id: number; orgId: number; round?: number },
  units: Array<{ unitId: number; role: AssignmentRole }>,
  clocks: ReturnType<typeof assignmentClocks>,
  today: string,
  accountId: number,
  replacesId: number | null = null,
  /** Set on co assignments only (see opinionDueOf). */
  opinionDue: string | null = null,
) {
  return tx
    .insert(proposalAssignments)
    .values(
      units.map((u) => ({
        orgId: row.orgId,
        proposalId: row.id,
        unitId: u.unitId,
        role: u.role,
        assignedOn: today,
        replacesId,
        createdByAccountId: accountId,
        opinionDue: u.role === 'co' ? opinionDue : null,
        round: row.round ?? 1,
        ...clocks,
      })),
    )
    .returning();
}

/**
 * 交办 inside the caller's transaction: a registered proposal → assigned, one assignment row per unit, the
 * deadline from the organization's settings via the calendar, the units' handlers (and a key proposal's
 * supervising leader) notified. With `orgId`, a proposal of another organization is 404.
 */
export async function assignInTx(
  req: FastifyRequest,
  tx: Tx,
  actor: Actor,
  id: number,
  input: AssignInput,
  orgId?: number,
  preloaded?: { cal: WorkCalendar; config: ProposalSettingsConfig },
): Promise<{ version: number; state: string; assignmentIds: number[] }> {
  const cal = preloaded?.cal ?? (await loadWorkCalendar(tx));
  const today = todayInChina();
  let assignmentIds: number[] = [];
  const updated = await applyTransition(req, tx, actor, id, 'assign', { version: input.version, orgId }, async ({ row }) => {
    const count = MODE_UNIT_COUNT[input.assignMode];
    if (input.units.length < count.min || input.units.length > count.max) throw invalid('units', 'unit_count', count);
    await checkUnits(tx, row.orgId, input.units);
    const supervisor = input.supervisorAccountId ?? null;
    if (input.isKey && supervisor === null) throw invalid('supervisorAccountId', 'supervisor_required');
    if (!input.isKey && supervisor !== null) throw invalid('supervisorAccountId', 'supervisor_without_key');
    if (supervisor !== null && !(await assignmentsRepo.isLeader(tx, row.orgId, supervisor)))
      throw invalid('supervisorAccountId', 'not_leader', { value: supervisor });
    const config = preloaded?.config ?? (await repo.loadSettings(tx, row.orgId)).config;
    const clocks = assignmentClocks(cal, config, today);
    const roles = rolesForMode(input.assignMode, input.units.length);
    const rows = await insertAssignments(
      tx,
      row,
      input.units.map((unitId, i) => ({ unitId, role: roles[i] })),
      clocks,
      today,
      actor.accountId,
      null,
      opinionDueOf(cal, config, today),
    );
    assignmentIds = rows.map((r) => r.id);
    const handlers = await assignmentsRepo.handlerAccountIds(tx, row.orgId, input.units);
    const recipients = [...new Set([...handlers, ...(supervisor !== null ? [supervisor] : [])])];
    const label = row.numberLabel ?? row.subject;
    return {
      set: {
        assignMode: input.assignMode,
        assignedAt: new Date(),
        deadline: clocks.deadline,
        deadlineProvisional: clocks.deadlineProvisional,
        isKey: input.isKey,
        supervisorAccountId: supervisor,
      },
      after: {
        assignMode: input.assignMode,
        units: input.units,
        roles,
        deadline: clocks.deadline,
        deadlineProvisional: clocks.deadlineProvisional,
        windowEnd: clocks.windowEnd,
        isKey: input.isKey,
        supervisorAccountId: supervisor,
      },
      notify: {
        recipients,
        title: `新交办提案：${label}`,
        body: `${row.subject}（办理期限 ${clocks.deadline}${clocks.deadlineProvisional ? '，暂定' : ''}；签收或申请调整请于 ${clocks.windowEnd} 前）`,
      },
      notifyProposers: { title: `您的提案已交办：${label}`, body: row.subject },
    };
  });
  return { version: updated.version, state: updated.state, assignmentIds };
}

export async function assignProposal(req: FastifyRequest, db: Db, id: number, input: AssignInput): Promise<void> {
  const row = await repo.getProposal(db, id);
  if (!row) throw notFound();
  const actor = req.authorize(row.orgId);
  await db.transaction(async (tx) => {
    await assignInTx(req, tx, actor, id, input, row.orgId);
  });
}

/** Bulk 交办: every item in ONE transaction; any failing item rolls everything back, the errors name each proposal. */
export async function assignBulk(req: FastifyRequest, db: Db, orgId: number, items: Array<AssignInput & { proposalId: number }>) {
  const actor = req.authorize(orgId);
  return db.transaction(async (tx) => {
    // The calendar and the settings once for the whole batch (the proposals are checked to be of this organization).
    const preloaded = { cal: await loadWorkCalendar(tx), config: (await repo.loadSettings(tx, orgId)).config };
    return runBulk(req, tx, items, 'proposal_bulk_invalid', (t, item) => assignInTx(req, t, actor, item.proposalId, item, orgId, preloaded));
  });
}
