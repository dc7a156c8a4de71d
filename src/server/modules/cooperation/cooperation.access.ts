import type { FastifyRequest } from 'fastify';
import { COOP_READER_ROLES, COOP_STAFF_ROLES, type CoopActor } from '@common/cooperation';
import type { DbOrTx } from '@server/db/client';
import { can, type Actor } from '@server/lib/context';
import { AppError, notFound } from '@server/lib/errors';
import * as repo from './cooperation.repo';

const holds = (actor: Actor, orgId: number, roles: readonly string[]) =>
  actor.isPlatformAdmin || actor.grants.some((g) => g.orgId === orgId && roles.includes(g.role));

export const isCoopStaff = (actor: Actor, orgId: number) => holds(actor, orgId, COOP_STAFF_ROLES);
export const isCoopReader = (actor: Actor, orgId: number) => holds(actor, orgId, COOP_READER_ROLES);

/** Whether the caller reads the item as staff/reader of one of its party organizations. */
function myPartiesReadable(actor: Actor, parties: repo.PartyRow[], ownerOrgId: number) {
  return parties.some((p) => p.partyOrgId != null && p.partyOrgId !== ownerOrgId && can(actor, p.partyOrgId, 'coop.read'));
}

export interface ItemAccess {
  row: repo.ItemRow;
  actor: Actor;
  parties: repo.PartyRow[];
  /** How the caller relates to the item: staff/readers of the owner organization, or of a party organization. */
  viewer: CoopActor;
  /** The roles the caller acts in (owner and/or party) for the route's permission. */
  actors: Set<CoopActor>;
  /** Party rows whose organization the caller holds the route's permission in. */
  myParties: repo.PartyRow[];
}

/**
 * Loads a cooperation item for the caller under the route's permission. Seen by the owner organization's readers
 * and by the staff/readers of its party organizations; anyone else gets 404 (a role in the owner or a party
 * organization that lacks the permission gets 403). Platform admins act as the owner.
 */
export async function loadItem(req: FastifyRequest, db: DbOrTx, id: number): Promise<ItemAccess> {
  const actor = req.me();
  const permission = req.routeOptions.config.permission!;
  const row = await repo.getItem(db, id);
  if (!row) throw notFound();
  const parties = await repo.partiesOf(db, id);
  const actors = new Set<CoopActor>();
  if (can(actor, row.orgId, permission)) actors.add('owner');
  const myParties = parties.filter((p) => p.partyOrgId != null && p.partyOrgId !== row.orgId && !actor.isPlatformAdmin && can(actor, p.partyOrgId, permission));
  if (myParties.length) actors.add('party');
  if (!actors.size) {
    // A role in the owner organization without the permission: 403 (as req.authorize); anyone else: 404.
    if (actor.grants.some((g) => g.orgId === row.orgId) || (myPartiesReadable(actor, parties, row.orgId) && permission !== 'coop.read')) throw new AppError(403, 'forbidden');
    throw notFound();
  }
  return { row, actor, parties, viewer: actors.has('owner') ? 'owner' : 'party', actors, myParties };
}

/** Loads a campaign (owner organization only): missing or another organization → 404; no permission → 403. */
export async function loadCampaign(req: FastifyRequest, db: DbOrTx, id: number) {
  const row = await repo.getCampaign(db, id);
  if (!row) throw notFound();
  const actor = req.authorize(row.orgId);
  return { row, actor };
}
