import { and, asc, desc, eq, getTableColumns, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { DEFAULT_ACTIVITY_SETTINGS, ActivitySettingsConfig, type ActivityStatus, type OrganizerKind } from '@common/activities';
import type { Database, DbOrTx, Tx } from '@server/db/client';
import { hoisted, ph, UNNAMED } from '@server/db/prepared';
import {
  activities,
  activityOrgs,
  activityOutcomes,
  activityParticipants,
  activitySettings,
  activitySpeeches,
  collectiveProposers,
  members,
  outcomeInstructions,
  problemIssues,
} from '@server/db/schema/index';
import { readConfig } from '@server/lib/config-cache';

export type ActivityRow = typeof activities.$inferSelect;
export type ParticipantRow = typeof activityParticipants.$inferSelect;

/** The organization's activity settings, defaults filled in. */
export function loadSettings(db: DbOrTx, orgId: number): Promise<{ config: ActivitySettingsConfig; version: number }> {
  return readConfig(db, `activity_settings:${orgId}`, () => loadSettingsFromDatabase(db, orgId));
}

async function loadSettingsFromDatabase(db: DbOrTx, orgId: number): Promise<{ config: ActivitySettingsConfig; version: number }> {
  const [row] = await db.select().from(activitySettings).where(eq(activitySettings.orgId, orgId));
  if (!row) return { config: DEFAULT_ACTIVITY_SETTINGS, version: 0 };
  const parsed = ActivitySettingsConfig.safeParse({ ...DEFAULT_ACTIVITY_SETTINGS, ...(row.config as object) });
  return { config: parsed.success ? parsed.data : DEFAULT_ACTIVITY_SETTINGS, version: row.version };
}

export async function getActivity(db: DbOrTx, id: number): Promise<ActivityRow | undefined> {
  const [row] = await db.select().from(activities).where(eq(activities.id, id));
  return row;
}

export async function lockActivity(tx: Tx, id: number): Promise<ActivityRow | undefined> {
  const [row] = await tx.select().from(activities).where(eq(activities.id, id)).for('update');
  return row;
}

/** The caller's member row in an organization (null for staff without one). */
export async function memberIdOf(db: DbOrTx, orgId: number, accountId: number): Promise<number | null> {
  const [row] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.accountId, accountId)));
  return row?.id ?? null;
}

export async function participantOfMember(db: DbOrTx, activityId: number, memberId: number): Promise<ParticipantRow | undefined> {
  const [row] = await db
    .select()
    .from(activityParticipants)
    .where(and(eq(activityParticipants.activityId, activityId), eq(activityParticipants.memberId, memberId)));
  return row;
}

export async function getParticipant(db: DbOrTx, id: number): Promise<ParticipantRow | undefined> {
  const [row] = await db.select().from(activityParticipants).where(eq(activityParticipants.id, id));
  return row;
}

export interface ActivityFilter {
  type?: string;
  status?: ActivityStatus;
  month?: string;
  organizerKind?: OrganizerKind;
}

/** Start of a China-time day as an instant. */
export const chinaDayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

function monthRange(month: string): [Date, Date] {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return [chinaDayStart(`${month}-01`), chinaDayStart(`${next}-01`)];
}

/** A list row: the activity and whether it is joint (partners invited or accepted), read in the same statement. */
export type ActivityListRow = ActivityRow & { joint: boolean };
const listColumns = {
  ...getTableColumns(activities),
  // Spelled out: in a single-table select drizzle renders ${activities.id} as a bare "id", which inside this
  // sub-select would mean activity_orgs.id.
  joint: sql<boolean>`exists (select 1 from activity_orgs jt where jt.activity_id = "activities"."id" and jt.status in ('invited', 'accepted'))`,
};

/** Which filters a list statement has (each combination is one statement, built once: db/prepared.ts). */
interface ListShape {
  type: boolean;
  status: boolean;
  organizerKind: boolean;
  /** Start in [lo, hi). */
  range: boolean;
  /** Keyset: (start, id) before (at, afterId). */
  cursor: boolean;
  order: 'asc' | 'desc';
}

/**
 * The organization's own activities and the joint activities it accepted, in one statement: the ids come from two
 * index-served branches of at most `limit` rows each (activities by org and start; activity_orgs by org, status and
 * its copy of the start), and the rows with their joint flag are read once by primary key.
 */
const hostedOrJoined = (db: DbOrTx, s: ListShape) =>
  hoisted(db, `activities.list:${+s.type}${+s.status}${+s.organizerKind}${+s.range}${+s.cursor}${s.order}`, () => {
    const dir = s.order === 'asc' ? asc : desc;
    const conds: SQL[] = [];
    if (s.type) conds.push(eq(activities.type, ph('type')));
    if (s.status) conds.push(eq(activities.status, ph('status')));
    if (s.organizerKind) conds.push(eq(activities.organizerKind, ph('organizerKind')));
    // Time conditions on (start, id) of either table: the joined branch uses activity_orgs' copy, which its index holds.
    const time = (start: typeof activities.startsAt | typeof activityOrgs.startsAt, id: typeof activities.id | typeof activityOrgs.activityId) => {
      const out: SQL[] = [];
      if (s.range) out.push(sql`${start} >= ${ph('lo')}::timestamptz`, sql`${start} < ${ph('hi')}::timestamptz`);
      if (s.cursor) out.push(sql`(${start} < ${ph('at')}::timestamptz or (${start} = ${ph('at')}::timestamptz and ${id} < ${ph('afterId')}::bigint))`);
      return out;
    };
    const own = db
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.orgId, ph('orgId')), ...conds, ...time(activities.startsAt, activities.id)))
      .orderBy(dir(activities.startsAt), dir(activities.id))
      .limit(ph('limit'));
    const joined = db
      .select({ id: activityOrgs.activityId })
      .from(activityOrgs)
      .innerJoin(activities, eq(activities.id, activityOrgs.activityId))
      .where(and(eq(activityOrgs.orgId, ph('orgId')), eq(activityOrgs.status, 'accepted'), ...conds, ...time(activityOrgs.startsAt, activityOrgs.activityId)))
      // activity_orgs.starts_at mirrors activities.starts_at: ordering on it walks the index and stops at `limit`
      .orderBy(dir(activityOrgs.startsAt), dir(activityOrgs.activityId))
      .limit(ph('limit'));
    return db
      .select(listColumns)
      .from(activities)
      .where(sql`${activities.id} in (${own} union all ${joined})`)
      .orderBy(dir(activities.startsAt), dir(activities.id))
      .limit(ph('limit'))
      .prepare(UNNAMED);
  });

/**
 * The office list: newest start first, keyset on (starts_at, id), hosted and joined activities together (one
 * statement, see hostedOrJoined).
 */
export async function listActivities(db: DbOrTx, orgId: number, f: ActivityFilter, cursor: [string, number] | null, limit: number): Promise<ActivityListRow[]> {
  const range = f.month ? monthRange(f.month) : null;
  const shape = { type: !!f.type, status: !!f.status, organizerKind: !!f.organizerKind, range: !!range, cursor: !!cursor, order: 'desc' } as const;
  return hostedOrJoined(db, shape).execute({
    orgId,
    type: f.type,
    status: f.status,
    organizerKind: f.organizerKind,
    lo: range?.[0].toISOString(),
    hi: range?.[1].toISOString(),
    at: cursor ? new Date(cursor[0]).toISOString() : undefined,
    afterId: cursor?.[1],
    limit,
  });
}

/** Activities starting in [from, to] (China days), hosted or joined, for the calendar; bounded by the caller's range. */
export async function calendarActivities(db: DbOrTx, orgId: number, from: string, to: string): Promise<ActivityListRow[]> {
  const lo = chinaDayStart(from);
  const hi = new Date(chinaDayStart(to).getTime() + 86_400_000);
  const shape = { type: false, status: false, organizerKind: false, range: true, cursor: false, order: 'asc' } as const;
  return hostedOrJoined(db, shape).execute({ orgId, lo: lo.toISOString(), hi: hi.toISOString(), limit: 1000 });
}

/** The activities a member is invited to (their organization's and joint ones), newest first. */
export async function listMine(db: DbOrTx, orgId: number, memberId: number, cursor: [string, number] | null, limit: number) {
  const conds: SQL[] = [eq(activityParticipants.memberId, memberId), eq(activityParticipants.orgId, orgId)];
  if (cursor) {
    const at = new Date(cursor[0]);
    conds.push(or(lt(activities.startsAt, at), and(eq(activities.startsAt, at), lt(activities.id, cursor[1])))!);
  }
  return db
    .select({ a: activities, p: activityParticipants })
    .from(activityParticipants)
    .innerJoin(activities, eq(activities.id, activityParticipants.activityId))
    .where(and(...conds))
    .orderBy(desc(activities.startsAt), desc(activities.id))
    .limit(limit);
}

export async function participantsOf(db: DbOrTx, activityId: number) {
  return db.select().from(activityParticipants).where(eq(activityParticipants.activityId, activityId)).orderBy(asc(activityParticipants.id));
}

export async function speechesOf(db: DbOrTx, activityId: number) {
  return db.select().from(activitySpeeches).where(eq(activitySpeeches.activityId, activityId)).orderBy(asc(activitySpeeches.id));
}

/** Outcomes of an activity with their issue and instruction counts (one statement). */
export async function outcomesOf(db: DbOrTx, activityId: number) {
  return db
    .select({
      o: activityOutcomes,
      collectiveName: collectiveProposers.name,
      issues: sql<number>`(select count(*) from ${problemIssues} where ${problemIssues.outcomeId} = ${activityOutcomes.id})::int`,
      instructions: sql<number>`(select count(*) from ${outcomeInstructions} where ${outcomeInstructions.outcomeId} = ${activityOutcomes.id})::int`,
    })
    .from(activityOutcomes)
    .leftJoin(collectiveProposers, eq(collectiveProposers.id, activityOutcomes.collectiveId))
    .where(eq(activityOutcomes.activityId, activityId))
    .orderBy(asc(activityOutcomes.id));
}

/** Member rows of the organization among `ids`, with their accounts (for notifications). */
export async function membersIn(db: DbOrTx, orgId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: members.id, name: members.name, accountId: members.accountId })
    .from(members)
    .where(and(eq(members.orgId, orgId), inArray(members.id, ids), eq(members.active, true)));
}

/**
 * Attendance per member over the activities of a year (cancelled ones left out): exactly what the records say —
 * invited, attended, on leave, absent (an invitation not yet marked counts as invited only). Participants carry
 * their own organization, so joint activities count for the organization that invited each member.
 */
export async function attendanceByMember(database: Database, orgId: number, year: number) {
  const from = chinaDayStart(`${year}-01-01`).toISOString();
  const to = chinaDayStart(`${year + 1}-01-01`).toISOString();
  return database.rows<{ member_id: number; name: string; invited: number; attended: number; on_leave: number; absent: number }>(sql`
    select m.id as member_id, m.name,
           count(*)::int as invited,
           count(*) filter (where p.attendance = 'attended')::int as attended,
           count(*) filter (where p.attendance = 'on_leave')::int as on_leave,
           count(*) filter (where p.attendance = 'absent')::int as absent
      from (${yearScope(orgId, from, to)}) s
      join ${activityParticipants} p on p.activity_id = s.id and p.org_id = ${orgId}
      join ${members} m on m.id = p.member_id
     where s.status <> 'cancelled'
     group by m.id, m.name
     order by m.id
     limit 2000`);
}

/**
 * The activities of an organization in [from, to): its own and the joint ones it accepted, as (id, type, status,
 * starts_at). Two index-served branches (activities_org_starts_idx; activity_orgs_org_status_idx → primary key), so
 * per-organization aggregates start from one organization's year, never from a whole table.
 */
export function yearScope(orgId: number, from: string, to: string) {
  return sql`
    select ${activities.id} as id, ${activities.type} as type, ${activities.status} as status, ${activities.startsAt} as starts_at
      from ${activities}
     where ${activities.orgId} = ${orgId} and ${activities.startsAt} >= ${from} and ${activities.startsAt} < ${to}
    union all
    select a.id, a.type, a.status, a.starts_at
      from ${activityOrgs} o join ${activities} a on a.id = o.activity_id
     where o.org_id = ${orgId} and o.status = 'accepted' and o.starts_at >= ${from} and o.starts_at < ${to}`;
}
