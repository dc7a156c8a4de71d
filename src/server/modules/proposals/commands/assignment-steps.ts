import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { pick } from '@common/messages';
import {
  ASSIGNMENT_ACTION_LABELS,
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  ASSIGNMENT_STEP_ROLES,
  ASSIGNMENT_TRANSITIONS,
  findAssignmentTransition,
  OFFICE_ROLES,
  PROPOSAL_STATE_LABELS,
  type AssignmentAction,
  type AssignmentRole,
  type AssignmentStatus,
  type ProposalState,
} from '@common/proposals';
import type { Db, Tx } from '@server/db/client';
import { proposalAssignments, proposals } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { unitIdsIn, type Actor } from '@server/lib/context';
import { AppError, invalid, notFound, staleVersion } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { loadWorkCalendar, todayInChina, WorkCalendar } from '@server/lib/workdays';
import { proposalsChanged } from '@server/modules/search/hooks';
import * as assignmentsRepo from '../assignments.repo';
import * as repo from '../proposals.repo';
import { assignmentClocks, checkUnits, insertAssignments, opinionDueOf } from './assign-proposal';

export interface StepContext {
  tx: Tx;
  a: assignmentsRepo.AssignmentRow;
  p: repo.ProposalRow;
  actor: Actor;
  today: string;
}
export interface StepEffect {
  set?: Partial<typeof proposalAssignments.$inferInsert>;
  after?: Record<string, unknown>;
  reason?: string;
  notify?: { recipients: number[]; title: string; body?: string };
  /** Runs after the step is written and audited (in the same transaction). */
  afterwards?: () => Promise<void>;
}

/** The caller acts for the assignment's unit (a unit_handler grant for it in the organization). */
export const actsForUnit = (actor: Actor, a: { orgId: number; unitId: number }) =>
  actor.isPlatformAdmin || unitIdsIn(actor, a.orgId).includes(a.unitId);
export const isOffice = (actor: Actor, orgId: number) =>
  actor.isPlatformAdmin || actor.grants.some((g) => g.orgId === orgId && (OFFICE_ROLES as readonly string[]).includes(g.role));

/** Proposal states in which the units work towards the reply (co opinions, extensions, the office's override). */
export const PRE_REPLY_STATES: readonly string[] = ['assigned', 'handling', 'rehandling'];
/** Proposal states in which a reply may be written. */
export const REPLY_STATES: readonly string[] = ['handling', 'rehandling'];
/** Proposal states in which a grade-B reply's progress is reported. */
export const PROGRESS_STATES: readonly string[] = ['replied', 'evaluated'];
/** Proposal states in which contacts with the proposer (面商) are recorded. */
export const CONTACT_STATES: readonly string[] = ['assigned', 'handling', 'rehandling', 'replied', 'evaluated'];

/** What the abilities of handling steps depend on besides the assignment row (computed by the caller). */
export interface HandlingContext {
  proposalState: string;
  /** Every open co assignment of the proposal has given its opinion. */
  opinionsIn: boolean;
  /** This assignment's reply in the current round has grade B (the 2nd grade label). */
  gradeB: boolean;
  /** settings.maxMonths (the extension cap from assignedOn). */
  maxMonths: number;
}

type AbilityRow = {
  orgId: number;
  unitId: number;
  role: string;
  status: string;
  adjustmentRejected: boolean;
  extensionStatus?: string;
  opinionsOverrideReason?: string;
  assignedOn?: string;
  deadline?: string;
  /** Last day to sign for or ask for an adjustment; past it 申请调整 is refused, so it is not offered either. */
  windowEnd?: string;
};

const HANDLING_ACTIONS = [
  'submit_opinion',
  'add_contact',
  'request_extension',
  'approve_extension',
  'reject_extension',
  'override_opinions',
  'reply',
  'report_progress',
] as const satisfies readonly AssignmentAction[];

const CAL = new WorkCalendar();
/** The last day an extension may reach: assignedOn + maxMonths (calendar months; month arithmetic needs no holidays). */
export const extensionCap = (assignedOn: string, maxMonths: number) => CAL.addMonths(assignedOn, maxMonths).date;

/** Whether a handling step is open given the proposal state and the assignment's own fields. */
function handlingAllowed(action: (typeof HANDLING_ACTIONS)[number], a: AbilityRow, ctx: HandlingContext): boolean {
  switch (action) {
    case 'submit_opinion':
      return PRE_REPLY_STATES.includes(ctx.proposalState);
    case 'add_contact':
      return CONTACT_STATES.includes(ctx.proposalState);
    case 'request_extension':
      return (
        PRE_REPLY_STATES.includes(ctx.proposalState) &&
        a.extensionStatus === 'none' &&
        !!a.deadline &&
        !!a.assignedOn &&
        a.deadline < extensionCap(a.assignedOn, ctx.maxMonths)
      );
    case 'approve_extension':
    case 'reject_extension':
      return PRE_REPLY_STATES.includes(ctx.proposalState) && a.extensionStatus === 'requested';
    case 'override_opinions':
      return PRE_REPLY_STATES.includes(ctx.proposalState) && !ctx.opinionsIn && !a.opinionsOverrideReason;
    case 'reply':
      return REPLY_STATES.includes(ctx.proposalState) && (a.role !== 'lead' || ctx.opinionsIn || !!a.opinionsOverrideReason);
    case 'report_progress':
      return PROGRESS_STATES.includes(ctx.proposalState) && ctx.gradeB;
  }
}

/**
 * Actions the caller may take on an assignment now (from ASSIGNMENT_TRANSITIONS and ASSIGNMENT_STEP_ROLES). Handling
 * steps depend on the proposal (state, co opinions, grade) and are offered only when `ctx` is given. `reopen` is
 * never offered: it is the effect of the office's re-handling order.
 */
export function assignmentAbilities(actor: Actor, a: AbilityRow, ctx?: HandlingContext): AssignmentAction[] {
  const out: AssignmentAction[] = [];
  const actions: AssignmentAction[] = [
    'sign',
    'request_adjustment',
    'approve_adjustment',
    'reject_adjustment',
    ...(ctx ? HANDLING_ACTIONS : []),
  ];
  for (const action of actions) {
    const t = findAssignmentTransition(a.status, action);
    if (!t) continue;
    if (action === 'request_adjustment' && (a.adjustmentRejected || (a.windowEnd && todayInChina() > a.windowEnd))) continue;
    const stepRoles = ASSIGNMENT_STEP_ROLES[action];
    if (stepRoles && !(stepRoles as readonly string[]).includes(a.role)) continue;
    const unit = t.roles.includes('unit') && actsForUnit(actor, a);
    const office = t.roles.some((r) => r !== 'unit') && isOffice(actor, a.orgId);
    if (!unit && !office) continue;
    if (
      ctx &&
      (HANDLING_ACTIONS as readonly string[]).includes(action) &&
      !handlingAllowed(action as (typeof HANDLING_ACTIONS)[number], a, ctx)
    )
      continue;
    out.push(action);
  }
  return out;
}

function refusedStep(req: FastifyRequest, status: string, action: AssignmentAction): AppError {
  return new AppError(409, 'proposal_assignment_refused', {
    params: {
      status: pick(ASSIGNMENT_STATUS_LABELS[status as AssignmentStatus] ?? { zh: status, en: status }, req.lang),
      action: pick(ASSIGNMENT_ACTION_LABELS[action], req.lang),
    },
    details: { status, action },
  });
}

export interface StepOptions {
  /** The version the caller edited; null for append-only records (面商, progress) that never conflict. */
  version: number | null;
  /** Proposal states in which the step is allowed (409 naming the state otherwise). */
  states?: readonly string[];
}

/** 409: the proposal's state does not allow the step. */
export function refusedState(req: FastifyRequest, state: string, action: AssignmentAction): AppError {
  return new AppError(409, 'proposal_handling_state_refused', {
    params: {
      state: pick(PROPOSAL_STATE_LABELS[state as ProposalState] ?? { zh: state, en: state }, req.lang),
      action: pick(ASSIGNMENT_ACTION_LABELS[action], req.lang),
    },
    details: { state, action },
  });
}

/**
 * One step on an assignment: loaded and checked for the caller (another organization → 404, a role without the
 * route's permission → 403, a unit handler of another unit → 404), then in ONE transaction the proposal and the
 * assignment are locked, the step checked against ASSIGNMENT_TRANSITIONS, ASSIGNMENT_STEP_ROLES and the proposal
 * state (409) and the version (409), applied, audited on the proposal's timeline and notified. Append-only steps
 * (version null) leave the assignment row (status, version) untouched.
 */
export async function runStep(
  req: FastifyRequest,
  db: Db,
  id: number,
  action: AssignmentAction,
  versionOrOpts: number | StepOptions,
  apply: (c: StepContext) => Promise<StepEffect>,
) {
  const opts: StepOptions = typeof versionOrOpts === 'number' ? { version: versionOrOpts } : versionOrOpts;
  const pre = await assignmentsRepo.getAssignment(db, id);
  if (!pre) throw notFound();
  const actor = req.authorize(pre.orgId);
  // Steps only a unit takes: a handler of another unit does not learn the assignment exists.
  const byUnit = ASSIGNMENT_TRANSITIONS.filter((t) => t.action === action).every((t) => t.roles.every((r) => r === 'unit'));
  if (byUnit && !actsForUnit(actor, pre)) throw notFound();
  await db.transaction(async (tx) => {
    const [p] = await repo.lockProposals(tx, [pre.proposalId]).then((m) => [...m.values()]);
    const a = await assignmentsRepo.lockAssignment(tx, id);
    if (!a || !p) throw notFound();
    const t = findAssignmentTransition(a.status, action);
    if (!t) throw refusedStep(req, a.status, action);
    const stepRoles = ASSIGNMENT_STEP_ROLES[action];
    if (stepRoles && !(stepRoles as readonly string[]).includes(a.role)) {
      throw new AppError(409, 'proposal_assignment_role_refused', {
        params: {
          role: pick(ASSIGNMENT_ROLE_LABELS[a.role as AssignmentRole] ?? { zh: a.role, en: a.role }, req.lang),
          action: pick(ASSIGNMENT_ACTION_LABELS[action], req.lang),
        },
        details: { role: a.role, action },
      });
    }
    if (opts.states && !opts.states.includes(p.state)) throw refusedState(req, p.state, action);
    if (opts.version !== null && opts.version !== a.version) throw staleVersion();
    const today = todayInChina();
    const effect = await apply({ tx, a, p, actor, today });
    if (opts.version !== null) {
      await tx
        .update(proposalAssignments)
        .set({ ...(effect.set ?? {}), status: t.to, version: sql`${proposalAssignments.version} + 1`, updatedAt: new Date() })
        .where(eq(proposalAssignments.id, a.id));
    }
    await writeAudit(tx, req.auditActor(), {
      orgId: a.orgId,
      entityType: 'proposal',
      entityId: a.proposalId,
      action,
      before: { assignmentId: a.id, unitId: a.unitId, status: a.status },
      after: { assignmentId: a.id, unitId: a.unitId, status: t.to, ...(effect.after ?? {}) },
      reason: effect.reason,
    });
    if (effect.afterwards) await effect.afterwards();
    await proposalsChanged(tx, [a.proposalId]);
    if (effect.notify) {
      const recipients = effect.notify.recipients.filter((r) => r !== actor.accountId);
      if (recipients.length)
        await emit(tx, a.orgId, `proposal.${action}`, {
          kind: 'proposal',
          link: `/proposals/${a.proposalId}`,
          email: true,
          ...effect.notify,
          recipients,
        });
    }
  });
  return pre.proposalId;
}

export const labelOf = (p: repo.ProposalRow) => p.numberLabel ?? p.subject;

/** 签收. When no open assignment is left unsigned, the proposal moves on to handling (办理中). */
export async function signAssignment(req: FastifyRequest, db: Db, id: number, version: number) {
  return runStep(req, db, id, 'sign', version, async ({ tx, a, p, actor }) => {
    const afterwards = async () => {
      if (p.state !== 'assigned' || (await assignmentsRepo.pendingCount(tx, a.proposalId)) > 0) return;
      await tx
        .update(proposals)
        .set({ state: 'handling', version: sql`${proposals.version} + 1`, updatedAt: new Date() })
        .where(eq(proposals.id, p.id));
      await writeAudit(tx, req.auditActor(), {
        orgId: p.orgId,
        entityType: 'proposal',
        entityId: p.id,
        action: 'receive',
        before: { state: 'assigned' },
        after: { state: 'handling' },
      });
    };
    return {
      afterwards,
      set: { receivedAt: new Date(), receivedByAccountId: actor.accountId },
      notify: {
        recipients: await assignmentsRepo.accountsWithRoles(tx, a.orgId, ['proposal_staff']),
        title: `承办单位已签收：${labelOf(p)}`,
      },
    };
  });
}

/** 申请调整: within the window (working days from the assignment), once — after a rejection the unit must sign for. */
export async function requestAdjustment(req: FastifyRequest, db: Db, id: number, body: { reason: string; version: number }) {
  return runStep(req, db, id, 'request_adjustment', body.version, async ({ tx, a, p, today }) => {
    if (a.adjustmentRejected) throw new AppError(409, 'proposal_adjustment_rejected_before');
    if (today > a.windowEnd)
      throw new AppError(409, 'proposal_adjustment_window_closed', {
        params: { lastDay: a.windowEnd },
        details: { windowEnd: a.windowEnd },
      });
    return {
      set: { adjustmentReason: body.reason, adjustmentRequestedAt: new Date() },
      after: { adjustmentReason: body.reason },
      reason: body.reason,
      notify: {
        recipients: await assignmentsRepo.accountsWithRoles(tx, a.orgId, ['proposal_staff']),
        title: `承办单位申请调整：${labelOf(p)}`,
        body: body.reason,
      },
    };
  });
}

/** 不同意调整: back to awaiting sign-for; the unit may not ask again. */
export async function rejectAdjustment(req: FastifyRequest, db: Db, id: number, body: { reason: string; version: number }) {
  return runStep(req, db, id, 'reject_adjustment', body.version, async ({ tx, a, p }) => ({
    set: { adjustmentRejected: true, officeNote: body.reason },
    reason: body.reason,
    notify: {
      recipients: await assignmentsRepo.handlerAccountIds(tx, a.orgId, [a.unitId]),
      title: `调整申请未获同意，请签收：${labelOf(p)}`,
      body: body.reason,
    },
  }));
}

/**
 * 同意调整: the assignment is closed and the office reassigns its part to other units (same role; a lead or sole
 * unit is replaced by exactly one), each with a fresh clock from today.
 */
export async function approveAdjustment(req: FastifyRequest, db: Db, id: number, body: { units: number[]; note: string; version: number }) {
  return runStep(req, db, id, 'approve_adjustment', body.version, async ({ tx, a, p, actor, today }) => {
    if ((a.role === 'lead' || a.role === 'sole') && body.units.length !== 1) throw invalid('units', 'unit_count', { min: 1, max: 1 });
    await checkUnits(tx, a.orgId, body.units);
    const open = await assignmentsRepo.openUnitIds(tx, a.proposalId);
    const taken = body.units.find((u) => open.has(u));
    if (taken !== undefined) throw invalid('units', 'already_assigned', { value: taken });
    // Close the old row first so the unit's open-assignment uniqueness never sees both.
    await tx.update(proposalAssignments).set({ status: 'closed', closedAt: new Date() }).where(eq(proposalAssignments.id, a.id));
    const { config } = await repo.loadSettings(tx, a.orgId);
    const cal = await loadWorkCalendar(tx);
    const clocks = assignmentClocks(cal, config, today);
    const rows = await insertAssignments(
      tx,
      { id: a.proposalId, orgId: a.orgId, round: p.round },
      body.units.map((unitId) => ({ unitId, role: a.role as 'lead' })),
      clocks,
      today,
      actor.accountId,
      a.id,
      opinionDueOf(cal, config, today),
    );
    const recipients = await assignmentsRepo.handlerAccountIds(tx, a.orgId, [a.unitId, ...body.units]);
    return {
      set: { closedAt: new Date(), officeNote: body.note },
      after: { reassignedTo: body.units, newAssignmentIds: rows.map((r) => r.id), deadline: clocks.deadline },
      reason: body.note || a.adjustmentReason,
      notify: {
        recipients,
        title: `提案已调整交办：${labelOf(p)}`,
        body: `办理期限 ${clocks.deadline}${clocks.deadlineProvisional ? '（暂定）' : ''}`,
      },
    };
  });
}
