import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { CoopStatus } from '@common/cooperation';
import type { Database, DbOrTx, Tx } from '@server/db/client';
import {
  activities,
  activityParticipants,
  campaignActivities,
  campaigns,
  coopItemMembers,
  coopItems,
  coopParties,
  coopPoints,
  coopProgress,
  memberStudios,
  members,
  organizations,
  studioProfiles,
  studios,
} from '@server/db/schema/index';

export type ItemRow = typeof coopItems.$inferSelect;
export type PartyRow = typeof coopParties.$inferSelect;
export type PointRow = typeof coopPoints.$inferSelect;
export type CampaignRow = typeof campaigns.$inferSelect;

export async function getItem(db: DbOrTx, id: number): Promise<ItemRow | undefined> {
  const [row] = await db.select().from(coopItems).where(eq(coopItems.id, id));
  return row;
}

export async function lockItem(tx: Tx, id: number): Promise<ItemRow | undefined> {
  const [row] = await tx.select().from(coopItems).where(eq(coopItems.id, id)).for('update');
  return row;
}

export async function partiesOf(db: DbOrTx, itemId: number): Promise<PartyRow[]> {
  return db.select().from(coopParties).where(eq(coopParties.itemId, itemId)).orderBy(asc(coopParties.seq), asc(coopParties.id));
}

export async function pointsOf(db: DbOrTx, itemId: number): Promise<PointRow[]> {
  return db.select().from(coopPoints).where(eq(coopPoints.itemId, itemId)).orderBy(asc(coopPoints.seq));
}

export async function getPoint(db: DbOrTx, id: number): Promise<PointRow | undefined> {
  const [row] = await db.select().from(coopPoints).where(eq(coopPoints.id, id));
  return row;
}

/** The progress log, newest first, with the organization each author wrote as. */
export async function progressOf(db: DbOrTx, itemId: number) {
  return db
    .select({ p: coopProgress, orgName: organizations.shortName })
    .from(coopProgress)
    .leftJoin(organizations, eq(organizations.id, coopProgress.authorOrgId))
    .where(eq(coopProgress.itemId, itemId))
    .orderBy(desc(coopProgress.happenedOn), desc(coopProgress.id))
    .limit(500);
}

export async function itemMembersOf(db: DbOrTx, itemId: number) {
  return db
    .select({ id: members.id, name: members.name })
    .from(coopItemMembers)
    .innerJoin(members, eq(members.id, coopItemMembers.memberId))
    .where(eq(coopItemMembers.itemId, itemId))
    .orderBy(asc(members.id));
}

export async function originOf(db: DbOrTx, activityId: number | null) {
  if (activityId == null) return null;
  const [row] = await db
    .select({ id: activities.id, orgId: activities.orgId, topic: activities.topic, organizerName: activities.organizerName, startsAt: activities.startsAt })
    .from(activities)
    .where(eq(activities.id, activityId));
  return row ?? null;
}

/**
 * The columns of a list row, computed in the same statement (no N+1). Correlated subqueries name the outer
 * table literally: drizzle renders a column of a one-table select unqualified, which the subquery would capture.
 */
const listColumns = {
  i: coopItems,
  orgName: organizations.shortName,
  campaignName: campaigns.name,
  parties: sql<string[]>`coalesce((select array_agg(cp.name order by cp.seq, cp.id) from ${coopParties} cp where cp.item_id = coop_items.id), '{}')`,
  points: sql<number>`(select count(*) from ${coopPoints} pt where pt.item_id = coop_items.id)::int`,
  pointsDone: sql<number>`(select count(*) from ${coopPoints} pt where pt.item_id = coop_items.id and pt.status = 'done')::int`,
};
export type ListRow = { i: ItemRow; orgName: string | null; campaignName: string | null; parties: string[]; points: number; pointsDone: number };

export interface ItemFilter {
  status?: CoopStatus;
  campaignId?: number;
  q?: string;
}

/**
 * The items an organization sees: its own and those it is a party to. Newest first, keyset on id.
 * `own` limits to the organization's own items (campaign and studio pages).
 */
export async function listItems(db: DbOrTx, orgId: number, f: ItemFilter, cursor: number | null, limit: number): Promise<ListRow[]> {
  const conds: SQL[] = [
    or(eq(coopItems.orgId, orgId), sql`coop_items.id in (select cp.item_id from ${coopParties} cp where cp.party_org_id = ${orgId})`)!,
  ];
  if (f.status) conds.push(eq(coopItems.status, f.status));
  if (f.campaignId) conds.push(eq(coopItems.campaignId, f.campaignId));
  if (f.q) conds.push(sql`${coopItems.title} ilike ${'%' + f.q.replace(/[\\%_]/g, (c) => '\\' + c) + '%'}`);
  if (cursor) conds.push(lt(coopItems.id, cursor));
  return db
    .select(listColumns)
    .from(coopItems)
    .leftJoin(organizations, eq(organizations.id, coopItems.orgId))
    .leftJoin(campaigns, eq(campaigns.id, coopItems.campaignId))
    .where(and(...conds))
    .orderBy(desc(coopItems.id))
    .limit(limit);
}

/** Items by an explicit condition (a campaign's, or those arising from some activities); bounded. */
export async function itemsWhere(db: DbOrTx, cond: SQL, limit = 500): Promise<ListRow[]> {
  return db
    .select(listColumns)
    .from(coopItems)
    .leftJoin(organizations, eq(organizations.id, coopItems.orgId))
    .leftJoin(campaigns, eq(campaigns.id, coopItems.campaignId))
    .where(cond)
    .orderBy(desc(coopItems.id))
    .limit(limit);
}

/** The organizations among `ids` (for party names). */
export async function orgsIn(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(inArray(organizations.id, ids));
}

/** Active members of the organization among `ids`. */
export async function membersIn(db: DbOrTx, orgId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(eq(members.orgId, orgId), inArray(members.id, ids)));
}

// ── Campaigns ────────────────────────────────────────────────
export async function getCampaign(db: DbOrTx, id: number): Promise<CampaignRow | undefined> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

const campaignColumns = {
  c: campaigns,
  activities: sql<number>`(select count(*) from ${campaignActivities} ca where ca.campaign_id = campaigns.id)::int`,
  items: sql<number>`(select count(*) from ${coopItems} ci where ci.campaign_id = campaigns.id)::int`,
};

/** The organization's campaigns, newest start first, with activity and item counts (one statement). */
export async function listCampaigns(db: DbOrTx, orgId: number) {
  return db.select(campaignColumns).from(campaigns).where(eq(campaigns.orgId, orgId)).orderBy(desc(campaigns.startDate), desc(campaigns.id)).limit(500);
}

export async function campaignRow(db: DbOrTx, id: number) {
  const [row] = await db.select(campaignColumns).from(campaigns).where(eq(campaigns.id, id));
  return row;
}

/**
 * A campaign's counts, in one statement. Participating members = the DISTINCT members who either attended
 * (attendance 'attended') one of the campaign's activities that was not cancelled, or are named participants of
 * one of the campaign's cooperation items. A member counted both ways counts once.
 */
export async function campaignCounts(database: Database, campaignId: number) {
  const rows = await database.rows<{ attended: number; named: number; members: number; by_status: Record<string, number> | string | null; activities: number }>(sql`
    with att as (
      select distinct p.member_id
        from ${campaignActivities} ca
        join ${activities} a on a.id = ca.activity_id and a.status <> 'cancelled'
        join ${activityParticipants} p on p.activity_id = a.id
       where ca.campaign_id = ${campaignId} and p.member_id is not null and p.attendance = 'attended'
    ), named as (
      select distinct m.member_id
        from ${coopItems} ci join ${coopItemMembers} m on m.item_id = ci.id
       where ci.campaign_id = ${campaignId}
    )
    select (select count(*) from att)::int as attended,
           (select count(*) from named)::int as named,
           (select count(*) from (select member_id from att union select member_id from named) u)::int as members,
           (select json_object_agg(status, n) from (select status, count(*)::int as n from ${coopItems} where campaign_id = ${campaignId} group by status) s) as by_status,
           (select count(*) from ${campaignActivities} where campaign_id = ${campaignId})::int as activities`);
  const r = rows[0];
  const byStatus = typeof r.by_status === 'string' ? (JSON.parse(r.by_status) as Record<string, number>) : (r.by_status ?? {});
  return { attended: Number(r.attended), named: Number(r.named), members: Number(r.members), byStatus, activities: Number(r.activities) };
}

/** A campaign's activities with the number who attended each (one statement). */
export async function campaignActivityList(db: DbOrTx, campaignId: number) {
  return db
    .select({
      a: activities,
      attended: sql<number>`(select count(*) from ${activityParticipants} p where p.activity_id = activities.id and p.attendance = 'attended')::int`,
    })
    .from(campaignActivities)
    .innerJoin(activities, eq(activities.id, campaignActivities.activityId))
    .where(eq(campaignActivities.campaignId, campaignId))
    .orderBy(desc(activities.startsAt), desc(activities.id))
    .limit(500);
}

/** Activities of the organization among `ids`. */
export async function activitiesIn(db: DbOrTx, orgId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: activities.id, topic: activities.topic })
    .from(activities)
    .where(and(eq(activities.orgId, orgId), inArray(activities.id, ids)));
}

// ── Studios ──────────────────────────────────────────────────
const studioColumns = {
  s: studios,
  leadName: members.name,
  leadMemberId: studioProfiles.leadMemberId,
  description: studioProfiles.description,
  profileVersion: studioProfiles.version,
  members: sql<number>`(select count(*) from ${memberStudios} ms where ms.studio_id = studios.id)::int`,
  activities: sql<number>`(select count(*) from ${activities} a where a.org_id = studios.org_id and a.organizer_kind = 'studio' and a.organizer_ref_id = studios.id)::int`,
};

export async function listStudios(db: DbOrTx, orgId: number) {
  return db
    .select(studioColumns)
    .from(studios)
    .leftJoin(studioProfiles, eq(studioProfiles.studioId, studios.id))
    .leftJoin(members, eq(members.id, studioProfiles.leadMemberId))
    .where(eq(studios.orgId, orgId))
    .orderBy(asc(studios.id))
    .limit(500);
}

export async function studioRow(db: DbOrTx, id: number) {
  const [row] = await db
    .select(studioColumns)
    .from(studios)
    .leftJoin(studioProfiles, eq(studioProfiles.studioId, studios.id))
    .leftJoin(members, eq(members.id, studioProfiles.leadMemberId))
    .where(eq(studios.id, id));
  return row;
}

export async function studioMembers(db: DbOrTx, studioId: number) {
  return db
    .select({ id: members.id, name: members.name })
    .from(memberStudios)
    .innerJoin(members, eq(members.id, memberStudios.memberId))
    .where(eq(memberStudios.studioId, studioId))
    .orderBy(asc(members.id));
}

/** The activities a studio organized, newest first, with the number of cooperation items each gave rise to. */
export async function studioActivities(db: DbOrTx, orgId: number, studioId: number) {
  return db
    .select({
      a: activities,
      items: sql<number>`(select count(*) from ${coopItems} ci where ci.origin_activity_id = activities.id)::int`,
    })
    .from(activities)
    .where(and(eq(activities.orgId, orgId), eq(activities.organizerKind, 'studio'), eq(activities.organizerRefId, studioId)))
    .orderBy(desc(activities.startsAt), desc(activities.id))
    .limit(500);
}
