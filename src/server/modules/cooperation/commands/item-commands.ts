import type { FastifyRequest } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { pick } from '@common/messages';
import {
  COOP_ACTION_LABELS,
  COOP_STATUS_LABELS,
  POINT_ACTION_LABELS,
  POINT_STATUS_LABELS,
  coopActionsFor,
  findCoopTransition,
  findPointTransition,
  pointActionsFrom,
  type CoopAction,
  type CoopActor,
  type CoopItemCreateBody,
  type CoopItemUpdateBody,
  type CoopPointAddBody,
  type CoopPointStepBody,
  type CoopProgressBody,
  type CoopStatus,
  type PointAction,
  type PointStatus,
} from '@common/cooperation';
import { COOP_STAFF_ROLES } from '@common/cooperation';
import type { Db, Tx } from '@server/db/client';
import { campaigns, coopItemMembers, coopItems, coopParties, coopPoints, coopProgress, roleGrants } from '@server/db/schema/index';
import { writeAudit, type AuditActor } from '@server/lib/audit';
import { AppError, invalid, notFound, staleVersion } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { diff } from '@server/lib/versioned';
import { todayInChina } from '@server/lib/workdays';
import { loadItem } from '../cooperation.access';
import { staffActors } from '../cooperation.presenter';
import * as repo from '../cooperation.repo';
import { coopItemsChanged } from '@server/modules/search/hooks';

const joiner = (lang: string) => (lang === 'en' ? ', ' : '、');

/** 409 naming the item's status and the actions the table allows the caller in it. */
function itemRefused(req: FastifyRequest, status: string, action: CoopAction, actors: Iterable<CoopActor>): AppError {
  const allowed = coopActionsFor(status as CoopStatus, actors);
  return new AppError(409, 'coop_transition_refused', {
    params: {
      state: pick(COOP_STATUS_LABELS[status as CoopStatus] ?? { zh: status, en: status }, req.lang),
      action: pick(COOP_ACTION_LABELS[action], req.lang),
      allowed: allowed.length ? allowed.map((a) => pick(COOP_ACTION_LABELS[a], req.lang)).join(joiner(req.lang)) : req.lang === 'en' ? 'none' : '无',
    },
    details: { state: status, action, allowed },
  });
}

function pointRefused(req: FastifyRequest, status: string, action: PointAction): AppError {
  const allowed = pointActionsFrom(status as PointStatus);
  return new AppError(409, 'coop_point_transition_refused', {
    params: {
      state: pick(POINT_STATUS_LABELS[status as PointStatus] ?? { zh: status, en: status }, req.lang),
      action: pick(POINT_ACTION_LABELS[action], req.lang),
      allowed: allowed.length ? allowed.map((a) => pick(POINT_ACTION_LABELS[a], req.lang)).join(joiner(req.lang)) : req.lang === 'en' ? 'none' : '无',
    },
    details: { state: status, action, allowed },
  });
}

const ownerOnly = () => new AppError(403, 'coop_owner_only');

/** Staff accounts of the given organizations (to notify a party organization). */
async function staffAccountsOf(tx: Tx, orgIds: number[]): Promise<number[]> {
  if (!orgIds.length) return [];
  const rows = await tx
    .selectDistinct({ id: roleGrants.accountId })
    .from(roleGrants)
    .where(and(inArray(roleGrants.orgId, orgIds), inArray(roleGrants.role, [...COOP_STAFF_ROLES])))
    .limit(200);
  return rows.map((r) => r.id);
}

async function checkCampaign(db: Db | Tx, orgId: number, campaignId: number | null | undefined) {
  if (campaignId == null) return;
  const [c] = await db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.orgId, orgId)));
  if (!c) throw invalid('campaignId', 'unknown_ref', { value: campaignId });
}

async function checkMembers(db: Db | Tx, orgId: number, ids: number[]) {
  const found = await repo.membersIn(db, orgId, [...new Set(ids)]);
  const missing = ids.find((m) => !found.some((f) => f.id === m));
  if (missing !== undefined) throw invalid('memberIds', 'not_member_of_org', { value: missing });
}

/**
 * Creates a cooperation item of `orgId` with its parties (the owner organization first, added when missing),
 * consensus points and named members; audited; the party organizations' staff are notified.
 */
export async function createItem(req: FastifyRequest, db: Db, orgId: number, b: z.infer<typeof CoopItemCreateBody>): Promise<number> {
  req.authorize(orgId);
  await checkCampaign(db, orgId, b.campaignId);
  if (b.originActivityId != null && !(await repo.activitiesIn(db, orgId, [b.originActivityId])).length) throw invalid('originActivityId', 'unknown_ref', { value: b.originActivityId });
  await checkMembers(db, orgId, b.memberIds);
  const orgIds = [...new Set([orgId, ...b.parties.map((p) => p.orgId).filter((x): x is number => x != null)])];
  const orgRows = await repo.orgsIn(db, orgIds);
  const badOrg = orgIds.find((o) => !orgRows.some((r) => r.id === o));
  if (badOrg !== undefined) throw invalid('parties', 'unknown_ref', { value: badOrg });
  const orgName = new Map(orgRows.map((o) => [o.id, o.shortName]));
  // Parties in the order given, the owner first when the body leaves it out; `index` maps body positions.
  const given = b.parties.map((p, i) => ({ orgId: p.orgId ?? null, name: p.name || (p.orgId ? orgName.get(p.orgId)! : ''), index: i as number | null }));
  const unnamed = given.findIndex((p) => !p.name);
  if (unnamed >= 0) throw invalid(`parties.${unnamed}.name`, 'required');
  const parties = given.some((p) => p.orgId === orgId) ? given : [{ orgId, name: orgName.get(orgId)!, index: null }, ...given];
  const dupe = parties.find((p, i) => parties.findIndex((q) => q.name === p.name) !== i);
  if (dupe) throw invalid('parties', 'duplicate_option', { value: dupe.name });
  const badOwner = b.points.findIndex((p) => p.ownerParty != null && p.ownerParty >= b.parties.length);
  if (badOwner >= 0) throw invalid(`points.${badOwner}.ownerParty`, 'too_big', { max: b.parties.length - 1 });

  return db.transaction(async (tx) => {
    const [item] = await tx
      .insert(coopItems)
      .values({ orgId, title: b.title, summary: b.summary, campaignId: b.campaignId ?? null, originActivityId: b.originActivityId ?? null, createdByAccountId: req.me().accountId })
      .returning();
    const partyRows = await tx
      .insert(coopParties)
      .values(parties.map((p, seq) => ({ itemId: item.id, partyOrgId: p.orgId, name: p.name, seq })))
      .returning();
    const partyIdOfIndex = (i: number | null | undefined) => (i == null ? null : partyRows[parties.findIndex((p) => p.index === i)].id);
    if (b.points.length) {
      await tx.insert(coopPoints).values(
        b.points.map((p, i) => ({ itemId: item.id, seq: i + 1, content: p.content, ownerPartyId: partyIdOfIndex(p.ownerParty), target: p.target, dueDate: p.dueDate ?? null })),
      );
    }
    if (b.memberIds.length) await tx.insert(coopItemMembers).values([...new Set(b.memberIds)].map((memberId) => ({ itemId: item.id, memberId })));
    await writeAudit(tx, req.auditActor(), {
      orgId,
      entityType: 'cooperation_item',
      entityId: item.id,
      action: 'create',
      after: { title: item.title, status: item.status, parties: parties.map((p) => p.name), points: b.points.length },
    });
    await coopItemsChanged(tx, [item.id]);
    const recipients = await staffAccountsOf(tx, orgIds.filter((o) => o !== orgId));
    if (recipients.length) {
      await emit(tx, orgId, 'coop.party_added', {
        recipients,
        kind: 'cooperation',
        title: `合作事项：${item.title}`,
        body: `${orgName.get(orgId)}将贵单位列为合作方，可查看共识事项并报送负责事项的进展。`,
        link: `/coop-items/${item.id}`,
      });
    }
    return item.id;
  });
}

/**
 * One owner action on an item: loaded for the caller (404/403), then in ONE transaction locked, checked against the
 * transition table (409) and the version (409), changed by `apply`, version bumped and audited.
 */
export async function runItemStep(
  req: FastifyRequest,
  db: Db,
  id: number,
  action: CoopAction,
  version: number | null,
  apply: (tx: Tx, row: repo.ItemRow) => Promise<{ set?: Partial<typeof coopItems.$inferInsert>; before?: Record<string, unknown>; after?: Record<string, unknown>; reason?: string; entity?: { type: string; id: number } }>,
): Promise<void> {
  const access = await loadItem(req, db, id);
  const { actors } = staffActors(access.actor, access.row, access.parties);
  const t0 = findCoopTransition(access.row.status as CoopStatus, action);
  if (t0 && !t0.roles.some((r) => actors.has(r))) throw ownerOnly();
  await db.transaction(async (tx) => {
    const row = await repo.lockItem(tx, id);
    if (!row) throw notFound();
    const t = findCoopTransition(row.status as CoopStatus, action);
    if (!t || !t.roles.some((r) => actors.has(r))) throw itemRefused(req, row.status, action, actors);
    if (version !== null && version !== row.version) throw staleVersion();
    const effect = await apply(tx, row);
    // A progress entry touches the item but keeps its version (it does not conflict with an edit of the item).
    await tx
      .update(coopItems)
      .set({ ...(effect.set ?? {}), status: t.to, updatedAt: new Date(), ...(version !== null || t.to !== row.status ? { version: sql`${coopItems.version} + 1` } : {}) })
      .where(eq(coopItems.id, id));
    await writeAudit(tx, req.auditActor(), {
      orgId: row.orgId,
      entityType: effect.entity?.type ?? 'cooperation_item',
      entityId: effect.entity?.id ?? id,
      action,
      before: { status: row.status, ...(effect.before ?? {}) },
      after: { status: t.to, itemId: id, ...(effect.after ?? {}) },
      reason: effect.reason,
    });
    await coopItemsChanged(tx, [id]);
  });
}

export async function updateItem(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof CoopItemUpdateBody>) {
  const { row: pre } = await loadItem(req, db, id);
  await checkCampaign(db, pre.orgId, b.campaignId);
  if (b.memberIds) await checkMembers(db, pre.orgId, b.memberIds);
  await runItemStep(req, db, id, 'edit', b.version, async (tx, row) => {
    const set: Partial<typeof coopItems.$inferInsert> = {};
    if (b.title !== undefined) set.title = b.title;
    if (b.summary !== undefined) set.summary = b.summary;
    if (b.campaignId !== undefined) set.campaignId = b.campaignId;
    const d = diff(row as unknown as Record<string, unknown>, { ...row, ...set } as Record<string, unknown>);
    if (b.memberIds) {
      const before = (await repo.itemMembersOf(tx, id)).map((m) => m.id);
      await tx.delete(coopItemMembers).where(eq(coopItemMembers.itemId, id));
      if (b.memberIds.length) await tx.insert(coopItemMembers).values([...new Set(b.memberIds)].map((memberId) => ({ itemId: id, memberId })));
      d.before.memberIds = before;
      d.after.memberIds = [...new Set(b.memberIds)];
    }
    return { set, before: d.before, after: d.after };
  });
}

/** complete / suspend / resume. Completing needs every consensus point done; suspending needs a reason. */
export async function stepItem(req: FastifyRequest, db: Db, id: number, action: 'complete' | 'suspend' | 'resume', reason: string, version: number) {
  if (action === 'suspend' && !reason) throw invalid('reason', 'required');
  await runItemStep(req, db, id, action, version, async (tx) => {
    if (action === 'complete') {
      const open = (await repo.pointsOf(tx, id)).filter((p) => p.status !== 'done').length;
      if (open) throw new AppError(409, 'coop_points_open', { params: { count: open } });
    }
    return { set: { statusReason: reason }, reason: reason || undefined };
  });
}

export async function addPoint(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof CoopPointAddBody>) {
  await runItemStep(req, db, id, 'add_point', b.version, async (tx, row) => {
    const parties = await repo.partiesOf(tx, row.id);
    if (b.ownerPartyId != null && !parties.some((p) => p.id === b.ownerPartyId)) throw invalid('ownerPartyId', 'not_party', { value: b.ownerPartyId });
    const [{ next }] = await tx
      .select({ next: sql<number>`(coalesce(max(${coopPoints.seq}), 0) + 1)::int` })
      .from(coopPoints)
      .where(eq(coopPoints.itemId, row.id));
    const [p] = await tx
      .insert(coopPoints)
      .values({ itemId: row.id, seq: next, content: b.content, ownerPartyId: b.ownerPartyId ?? null, target: b.target, dueDate: b.dueDate ?? null })
      .returning();
    return { after: { pointId: p.id, content: p.content } };
  });
}

/**
 * A status change of a consensus point by the owner organization's staff (table POINT_TRANSITIONS), with the
 * point's version; marking it done needs evidence. The item must be in progress. Audited on the item.
 */
export async function stepPoint(req: FastifyRequest, db: Db, pointId: number, b: z.infer<typeof CoopPointStepBody>): Promise<number> {
  const point = await repo.getPoint(db, pointId);
  if (!point) throw notFound();
  const access = await loadItem(req, db, point.itemId);
  const { actors } = staffActors(access.actor, access.row, access.parties);
  if (!actors.has('owner')) throw ownerOnly();
  await db.transaction(async (tx) => {
    const item = await repo.lockItem(tx, point.itemId);
    if (!item) throw notFound();
    if (item.status !== 'active') throw itemRefused(req, item.status, 'add_point', actors);
    const [p] = await tx.select().from(coopPoints).where(eq(coopPoints.id, pointId)).for('update');
    const t = findPointTransition(p.status as PointStatus, b.action);
    if (!t) throw pointRefused(req, p.status, b.action);
    if (p.version !== b.version) throw staleVersion();
    const evidence = b.evidence ?? p.evidence;
    if (t.to === 'done' && !evidence) throw invalid('evidence', 'required');
    await tx
      .update(coopPoints)
      .set({ status: t.to, evidence, evidenceRef: b.evidenceRef ?? p.evidenceRef, version: sql`${coopPoints.version} + 1`, updatedAt: new Date() })
      .where(eq(coopPoints.id, pointId));
    await tx.update(coopItems).set({ updatedAt: new Date() }).where(eq(coopItems.id, item.id));
    await coopItemsChanged(tx, [item.id]);
    await writeAudit(tx, req.auditActor(), {
      orgId: item.orgId,
      entityType: 'cooperation_point',
      entityId: pointId,
      action: b.action,
      before: { status: p.status, evidence: p.evidence },
      after: { status: t.to, evidence, itemId: item.id },
    });
  });
  return point.itemId;
}

/**
 * A progress entry: the owner's staff on the item or any point; a party organization's staff only on the points
 * its party owns. The item must be in progress. Audited in the owner organization's chain.
 */
export async function addProgress(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof CoopProgressBody>) {
  const access = await loadItem(req, db, id);
  const { actors, staffParties } = staffActors(access.actor, access.row, access.parties);
  let authorOrgId = access.row.orgId;
  if (b.pointId != null) {
    const p = await repo.getPoint(db, b.pointId);
    if (!p || p.itemId !== id) throw invalid('pointId', 'unknown_ref', { value: b.pointId });
    if (!actors.has('owner')) {
      const mine = staffParties.find((sp) => sp.id === p.ownerPartyId);
      if (!mine) throw new AppError(403, 'coop_not_point_owner');
      authorOrgId = mine.partyOrgId!;
    }
  } else if (!actors.has('owner')) {
    throw new AppError(403, 'coop_not_point_owner');
  }
  const today = todayInChina(new Date());
  if (b.happenedOn && b.happenedOn > today) throw invalid('happenedOn', 'not_future');
  const actor = req.me();
  await runItemStep(req, db, id, 'add_progress', null, async (tx) => {
    const [entry] = await tx
      .insert(coopProgress)
      .values({ itemId: id, pointId: b.pointId ?? null, authorOrgId, authorAccountId: actor.accountId, authorName: actor.displayName, happenedOn: b.happenedOn ?? today, body: b.body })
      .returning();
    return { after: { progressId: entry.id, pointId: entry.pointId, authorOrgId, body: entry.body } };
  });
}

/**
 * A new item owned by the organization alone (its only party), in the caller's transaction: used when a studio's
 * 群众诉求 is turned into a cooperation item (the receiving member named as participant). Audited like `createItem`.
 */
export async function insertOwnerItem(
  tx: Tx,
  actor: AuditActor,
  v: { orgId: number; orgName: string; title: string; summary: string; memberIds: number[]; createdByAccountId: number },
  reason = '',
): Promise<number> {
  const [item] = await tx.insert(coopItems).values({ orgId: v.orgId, title: v.title, summary: v.summary, createdByAccountId: v.createdByAccountId }).returning();
  await tx.insert(coopParties).values({ itemId: item.id, partyOrgId: v.orgId, name: v.orgName, seq: 0 });
  if (v.memberIds.length) await tx.insert(coopItemMembers).values([...new Set(v.memberIds)].map((memberId) => ({ itemId: item.id, memberId })));
  await writeAudit(tx, actor, {
    orgId: v.orgId,
    entityType: 'cooperation_item',
    entityId: item.id,
    action: 'create',
    after: { title: item.title, status: item.status, parties: [v.orgName], points: 0 },
    ...(reason ? { reason } : {}),
  });
  await coopItemsChanged(tx, [item.id]);
  return item.id;
}
