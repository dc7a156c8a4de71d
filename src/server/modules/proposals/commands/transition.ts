import type { FastifyRequest } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { pick } from '@common/messages';
import {
  findTransition,
  PROPOSAL_ACTION_LABELS,
  PROPOSAL_STATE_LABELS,
  type ProposalAction,
  type ProposalActor,
  type ProposalState,
} from '@common/proposals';
import type { Db, Tx } from '@server/db/client';
import { proposals } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, forbidden, notFound, staleVersion } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import type { Actor } from '@server/lib/context';
import { proposalsChanged } from '@server/modules/search/hooks';
import { abilitiesOf, actorsFor, loadVisible, visibleTo } from '../proposals.access';
import * as repo from '../proposals.repo';

export interface Effect {
  /** Columns to set besides state, version and updatedAt. */
  set?: Partial<typeof proposals.$inferInsert>;
  /** Extra before/after details for the audit row (the state is always recorded). */
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  reason?: string;
  /** Notify the proposers (after the change) with this title/body. */
  notifyProposers?: { title: string; body?: string };
  /** Notify these accounts. */
  notify?: { recipients: number[]; title: string; body?: string };
}

export interface TransitionOptions {
  /** The version the caller edited; null for actions that do not touch the record's own fields (co-signing). */
  version: number | null;
  /** Other proposals to lock with this one (merge target), in id order. */
  alsoLock?: number[];
  /** Bump the record's version (default true). */
  bump?: boolean;
}

export interface TransitionContext {
  tx: Tx;
  row: repo.ProposalRow;
  locked: Map<number, repo.ProposalRow>;
  actors: Set<ProposalActor>;
}

/** 409 naming the current state and the actions the caller may take in it. */
export function refused(req: FastifyRequest, state: string, action: ProposalAction, actors: Set<ProposalActor>): AppError {
  const lang = req.lang;
  const allowed = abilitiesOf(state, actors).map((a) => pick(PROPOSAL_ACTION_LABELS[a], lang));
  return new AppError(409, 'proposal_transition_refused', {
    params: {
      state: pick(PROPOSAL_STATE_LABELS[state as ProposalState] ?? { zh: state, en: state }, lang),
      action: pick(PROPOSAL_ACTION_LABELS[action], lang),
      allowed: allowed.length ? allowed.join(lang === 'en' ? ', ' : '、') : lang === 'en' ? 'none' : '无',
    },
    details: { state, action, allowed: abilitiesOf(state, actors) },
  });
}

/**
 * Runs one action of the state machine: the proposal is loaded and checked for the caller (404/403), then, in
 * ONE transaction, locked FOR UPDATE, checked against the transition table (409 naming the state and the
 * allowed actions), the role (403) and the version (409), changed by `apply`, audited and notified.
 */
export async function runTransition(
  req: FastifyRequest,
  db: Db,
  id: number,
  action: ProposalAction,
  opts: TransitionOptions,
  apply: (c: TransitionContext) => Promise<Effect>,
): Promise<void> {
  const pre = await loadVisible(req, db, id);
  await db.transaction(async (tx) => applyTransition(req, tx, pre.actor, id, action, opts, apply));
}

/**
 * The transaction part of `runTransition`, for callers that run several actions in one transaction (bulk assign).
 * With `orgId`, a proposal of another organization is 404.
 */
export async function applyTransition(
  req: FastifyRequest,
  tx: Tx,
  actor: Actor,
  id: number,
  action: ProposalAction,
  opts: TransitionOptions & { orgId?: number },
  apply: (c: TransitionContext) => Promise<Effect>,
): Promise<repo.ProposalRow> {
  const locked = await repo.lockProposals(tx, [id, ...(opts.alsoLock ?? [])]);
  const row = locked.get(id);
  if (!row || (opts.orgId !== undefined && row.orgId !== opts.orgId)) throw notFound();
  const rel = await repo.relationOf(tx, id, actor.accountId);
  const actors = actorsFor(actor, row.orgId, rel);
  if (!(await visibleTo(tx, actor, actors, rel, row))) throw notFound();
  const t = findTransition(row.state as ProposalState, action);
  if (!t) throw refused(req, row.state, action, actors);
  if (!t.roles.some((r) => actors.has(r))) throw forbidden();
  if (opts.version !== null && opts.version !== row.version) throw staleVersion();
  const effect = await apply({ tx, row, locked, actors });
  const bump = opts.bump ?? true;
  const [updated] = await tx
    .update(proposals)
    .set({ ...(effect.set ?? {}), state: t.to, updatedAt: new Date(), ...(bump ? { version: sql`${proposals.version} + 1` } : {}) })
    .where(eq(proposals.id, id))
    .returning();
  await writeAudit(tx, req.auditActor(), {
    orgId: row.orgId,
    entityType: 'proposal',
    entityId: id,
    action,
    before: { state: row.state, ...(effect.before ?? {}) },
    after: { state: t.to, ...(effect.after ?? {}) },
    reason: effect.reason,
  });
  await proposalsChanged(tx, [id, ...(opts.alsoLock ?? [])]);
  const link = `/proposals/${id}`;
  if (effect.notifyProposers) {
    const recipients = (await repo.proposerAccountIds(tx, id)).filter((a) => a !== actor.accountId);
    if (recipients.length) await emit(tx, row.orgId, `proposal.${action}`, { recipients, kind: 'proposal', link, email: true, ...effect.notifyProposers });
  }
  if (effect.notify && effect.notify.recipients.length) {
    await emit(tx, row.orgId, `proposal.${action}`, { kind: 'proposal', link, email: true, ...effect.notify });
  }
  return updated;
}
