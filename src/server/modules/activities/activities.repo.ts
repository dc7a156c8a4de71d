import { and, asc, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { DEFAULT_ACTIVITY_SETTINGS, ActivitySettingsConfig, type ActivityStatus, type OrganizerKind } from '@common/activities';
import type { Database, DbOrTx, Tx } from '@server/db/client';
import {
  activities,
  activityOutcomes,
  activityParticipants,
  activitySettings,
  activitySpeeches,
  collectiveProposers,
  members,
  outcomeInstructions,
  problemIssues,
} from '@server/db/schema/index';

export type ActivityRow = typeof activities.$inferSelect;
export type ParticipantRow = typeof activityParticipants.$inferSelect;

/** The organization's activity settings, defaults filled in. */
export async function loadSettings(db: DbOrTx, orgId: number): Promise<{ config: ActivitySettingsConfig; version: number }> {
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

/** The office list: newest start first, keyset on (starts_at, id). */
export async function listActivities(db: DbOrTx, orgId: number, f: ActivityFilter, cursor: [string, number] | null, limit: number) {
  const conds: SQL[] = [eq(activities.orgId, orgId)];
  if (f.type) conds.push(eq(activities.type, f.type));
  if (f.status) conds.push(eq(activities.status, f.status));
  if (f.organizerKind) conds.push(eq(activities.organizerKind, f.organizerKind));
  if (f.month) {
    const [a, b] = monthRange(f.month);
    conds.push(gte(activities.startsAt, a), lt(activities.startsAt, b));
  }
  if (cursor) {
    const at = new Date(cursor[0]);
    conds.push(or(lt(activities.startsAt, at), and(eq(activities.startsAt, at), lt(activities.id, cursor[1])))!);
  }
  return db
    .select()
    .from(activities)
    .where(and(...conds))
    .orderBy(desc(activities.startsAt), desc(activities.id))
    .limit(limit);
}

/** Activities starting in [from, to] (China days), for the calendar; bounded by the caller's range. */
export async function calendarActivities(db: DbOrTx, orgId: number, from: string, to: string) {
  return db
    .select()
    .from(activities)
    .where(and(eq(activities.orgId, orgId), gte(activities.startsAt, chinaDayStart(from)), lt(activities.startsAt, new Date(chinaDayStart(to).getTime() + 86_400_000))))
    .orderBy(asc(activities.startsAt), asc(activities.id))
    .limit(1000);
}

/** The activities a member is invited to, newest first. */
export async function listMine(db: DbOrTx, orgId: number, memberId: number, cursor: [string, number] | null, limit: number) {
  const conds: SQL[] = [eq(activityParticipants.memberId, memberId), eq(activities.orgId, orgId)];
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
 * invited, attended, on leave, absent (an invitation not yet marked counts as invited only).
 */
export async function attendanceByMember(database: Database, orgId: number, year: number) {
  const from = chinaDayStart(`${year}-01-01`);
  const to = chinaDayStart(`${year + 1}-01-01`);
  return database.rows<{ member_id: number; name: string; invited: number; attended: number; on_leave: number; absent: number }>(sql`
    select m.id as member_id, m.name,
           count(*)::int as invited,
           count(*) filter (where p.attendance = 'attended')::int as attended,
           count(*) filter (where p.attendance = 'on_leave')::int as on_leave,
           count(*) filter (where p.attendance = 'absent')::int as absent
      from ${activityParticipants} p
      join ${activities} a on a.id = p.activity_id
      join ${members} m on m.id = p.member_id
     where a.org_id = ${orgId} and a.status <> 'cancelled'
       and a.starts_at >= ${from.toISOString()} and a.starts_at < ${to.toISOString()}
     group by m.id, m.name
     order by m.id
     limit 2000`);
}

