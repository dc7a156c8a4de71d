import type { FastifyRequest } from 'fastify';
import { ACTIVITY_READER_ROLES, ACTIVITY_STAFF_ROLES } from '@common/activities';
import type { DbOrTx } from '@server/db/client';
import { orgIdsOf, type Actor } from '@server/lib/context';
import { notFound } from '@server/lib/errors';
import * as repo from './activities.repo';
import { acceptedPartnerOrgIds } from './joint.repo';

const holds = (actor: Actor, orgId: number, roles: readonly string[]) =>
  actor.isPlatformAdmin || actor.grants.some((g) => g.orgId === orgId && roles.includes(g.role));

/** The offices that manage the organization's activities. */
export const isActivityStaff = (actor: Actor, orgId: number) => holds(actor, orgId, ACTIVITY_STAFF_ROLES);
/** Roles that read every activity of the organization. */
export const isActivityReader = (actor: Actor, orgId: number) => holds(actor, orgId, ACTIVITY_READER_ROLES);

/**
 * Loads an activity for the caller: missing → 404; the route's permission checked in the activity's organization
 * (another organization → 404, a role without it → 403); readers see every activity, anyone else only the ones
 * they are invited to (else 404). `participant` is the caller's own invitation, when there is one.
 *
 * Joint activities: a caller with no access through the host organization is tried in each organization that
 * ACCEPTED the host's invitation and in which the caller holds a role — staff and leaders of that organization
 * read it, its invited members see it. `orgId` is the organization the caller acts for (the host or the partner);
 * commands scope staff checks, invitations and audit rows to it. Pending, declined and withdrawn partners, and
 * everyone else, get 404.
 */
export async function loadActivity(req: FastifyRequest, db: DbOrTx, id: number) {
  const row = await repo.getActivity(db, id);
  if (!row) throw notFound();
  const me = req.me();
  if (me.isPlatformAdmin || me.grants.some((g) => g.orgId === row.orgId)) {
    const actor = req.authorize(row.orgId);
    const memberId = await repo.memberIdOf(db, row.orgId, actor.accountId);
    const participant = memberId ? ((await repo.participantOfMember(db, row.id, memberId)) ?? null) : null;
    if (participant || isActivityReader(actor, row.orgId)) return { row, actor, memberId, participant, orgId: row.orgId, side: 'host' as const };
    if (me.isPlatformAdmin) throw notFound();
  }
  for (const orgId of await acceptedPartnerOrgIds(db, row.id, orgIdsOf(me).filter((o) => o !== row.orgId))) {
    const memberId = await repo.memberIdOf(db, orgId, me.accountId);
    const participant = memberId ? ((await repo.participantOfMember(db, row.id, memberId)) ?? null) : null;
    if (!participant && !isActivityReader(me, orgId)) continue;
    const actor = req.authorize(orgId);
    return { row, actor, memberId, participant, orgId, side: 'partner' as const };
  }
  throw notFound();
}
export type LoadedActivity = Awaited<ReturnType<typeof loadActivity>>;
