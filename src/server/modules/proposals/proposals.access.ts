import type { FastifyRequest } from 'fastify';
import { allowedActions, PROPOSAL_READER_ROLES, REGISTERED_STATES, type ProposalAction, type ProposalActor, type ProposalState } from '@common/proposals';
import { ROLES } from '@common/roles';
import type { DbOrTx } from '@server/db/client';
import { unitIdsIn, type Actor } from '@server/lib/context';
import { notFound } from '@server/lib/errors';
import * as assignmentsRepo from './assignments.repo';
import * as repo from './proposals.repo';

/** The caller's organization roles plus their relations to the proposal (proposer / co-signer). */
export function actorsFor(actor: Actor, orgId: number, rel: repo.Relation): Set<ProposalActor> {
  const out = new Set<ProposalActor>(actor.isPlatformAdmin ? ROLES : actor.grants.filter((g) => g.orgId === orgId).map((g) => g.role));
  for (const r of rel) {
    if (r.merged) continue;
    out.add(r.role === 'first' ? 'proposer' : 'cosigner');
  }
  return out;
}

/**
 * Who sees a proposal: its proposers and invited co-signers always; drafts nobody else; the office and leaders
 * every other state; a unit handler the proposals open-assigned to their unit; anyone in the organization a public
 * proposal once registered.
 */
export function canSee(actors: Set<ProposalActor>, rel: repo.Relation, p: { state: string; isPublic: boolean }, assignedToMe = false): boolean {
  if (rel.length > 0) return true;
  if (p.state === 'draft') return false;
  if (assignedToMe) return true;
  if (PROPOSAL_READER_ROLES.some((r) => actors.has(r))) return true;
  return p.isPublic && REGISTERED_STATES.includes(p.state as ProposalState);
}

/** Abilities shown to the caller; `receive` is taken by the last unit signing for, never chosen as such. */
export const abilitiesOf = (state: string, actors: Set<ProposalActor>): ProposalAction[] => allowedActions(state as ProposalState, actors).filter((a) => a !== 'receive');

/** canSee, asking the database about the caller's units only when the other rules do not already decide. */
export async function visibleTo(db: DbOrTx, actor: Actor, actors: Set<ProposalActor>, rel: repo.Relation, row: Pick<repo.ProposalRow, "id" | "orgId" | "state" | "isPublic">): Promise<boolean> {
  if (canSee(actors, rel, row)) return true;
  if (row.state === 'draft') return false;
  const unitIds = unitIdsIn(actor, row.orgId);
  return unitIds.length > 0 && (await assignmentsRepo.openAssignedTo(db, row.id, unitIds));
}

/**
 * Loads a proposal for the caller: missing → 404; the route's permission checked in the proposal's organization
 * (another organization → 404, a role without it → 403); not visible to the caller → 404.
 */
/** loadVisible for the detail view: the same checks on the one-query detail row, which the caller then presents. */
export async function loadVisibleDetail(req: FastifyRequest, db: DbOrTx, id: number): Promise<repo.DetailRow> {
  const actorNow = req.me();
  const row = await repo.getDetailRow(db, id, actorNow.accountId);
  if (!row) throw notFound();
  const actor = req.authorize(row.p.orgId);
  const rel = row.rel ?? [];
  const actors = actorsFor(actor, row.p.orgId, rel);
  if (!(await visibleTo(db, actor, actors, rel, row.p))) throw notFound();
  return row;
}

export async function loadVisible(req: FastifyRequest, db: DbOrTx, id: number) {
  const row = await repo.getProposal(db, id);
  if (!row) throw notFound();
  const actor = req.authorize(row.orgId);
  const rel = await repo.relationOf(db, row.id, actor.accountId);
  const actors = actorsFor(actor, row.orgId, rel);
  if (!(await visibleTo(db, actor, actors, rel, row))) throw notFound();
  return { row, rel, actors, actor };
}
