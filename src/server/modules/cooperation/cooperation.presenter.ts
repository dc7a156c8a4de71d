import {
  coopActionsFor,
  pointActionsFrom,
  type CoopActor,
  type CoopItemView,
  type CoopListItem,
  type CoopStatus,
  type PointStatus,
} from '@common/cooperation';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { coopItems } from '@server/db/schema/index';
import type { Actor } from '@server/lib/context';
import { isCoopStaff, type ItemAccess } from './cooperation.access';
import * as repo from './cooperation.repo';

const sqlId = (id: number) => eq(coopItems.id, id);

export function presentListItem(r: repo.ListRow): CoopListItem {
  return {
    id: r.i.id,
    orgId: r.i.orgId,
    orgName: r.orgName ?? '',
    title: r.i.title,
    status: r.i.status as CoopStatus,
    campaignId: r.i.campaignId,
    campaignName: r.campaignName,
    parties: r.parties ?? [],
    points: r.points,
    pointsDone: r.pointsDone,
    updatedAt: r.i.updatedAt.toISOString(),
    version: r.i.version,
  };
}

/** The roles the caller may ACT in on an item (staff of the owner, staff of a party organization). */
export function staffActors(actor: Actor, item: repo.ItemRow, parties: repo.PartyRow[]) {
  const actors = new Set<CoopActor>();
  if (isCoopStaff(actor, item.orgId)) actors.add('owner');
  const staffParties = parties.filter((p) => p.partyOrgId != null && p.partyOrgId !== item.orgId && !actor.isPlatformAdmin && isCoopStaff(actor, p.partyOrgId));
  if (staffParties.length) actors.add('party');
  return { actors, staffParties };
}

/**
 * The item page: parties, consensus points with the caller's abilities on each, the progress log and the named
 * members. The owner's staff change statuses; a party organization's staff log progress on the points it owns.
 */
export async function loadItemView(db: DbOrTx, access: Pick<ItemAccess, 'row' | 'actor' | 'parties' | 'viewer'>): Promise<CoopItemView> {
  const { row, actor, parties, viewer } = access;
  const [[list], points, progress, memberList, origin] = await Promise.all([
    repo.itemsWhere(db, sqlId(row.id), 1),
    repo.pointsOf(db, row.id),
    repo.progressOf(db, row.id),
    repo.itemMembersOf(db, row.id),
    repo.originOf(db, row.originActivityId),
  ]);
  const status = row.status as CoopStatus;
  const { actors, staffParties } = staffActors(actor, row, parties);
  const owner = actors.has('owner');
  const active = status === 'active';
  const partyName = new Map(parties.map((p) => [p.id, p.name]));
  return Object.assign(presentListItem(list), {
    summary: row.summary,
    statusReason: row.statusReason,
    originActivity: origin ? { id: origin.id, topic: origin.topic, organizerName: origin.organizerName, startsAt: origin.startsAt.toISOString() } : null,
    partyList: parties.map((p) => ({ id: p.id, orgId: p.partyOrgId, name: p.name })),
    pointList: points.map((p) => ({
      id: p.id,
      seq: p.seq,
      content: p.content,
      ownerPartyId: p.ownerPartyId,
      ownerName: p.ownerPartyId ? (partyName.get(p.ownerPartyId) ?? '') : '',
      target: p.target,
      dueDate: p.dueDate,
      status: p.status as PointStatus,
      evidence: p.evidence,
      evidenceRef: p.evidenceRef,
      version: p.version,
      abilities: owner && active ? pointActionsFrom(p.status as PointStatus) : [],
      canLog: active && (owner || staffParties.some((sp) => sp.id === p.ownerPartyId)),
    })),
    progress: progress.map(({ p, orgName }) => ({
      id: p.id,
      pointId: p.pointId,
      authorName: p.authorName,
      authorOrgName: orgName ?? '',
      happenedOn: p.happenedOn,
      body: p.body,
      createdAt: p.createdAt.toISOString(),
    })),
    memberList,
    viewer,
    // 标记完成 is offered only once every consensus point is done (the command refuses it otherwise).
    abilities: coopActionsFor(status, actors).filter((a) => a !== 'complete' || points.every((p) => p.status === 'done')),
  });
}
