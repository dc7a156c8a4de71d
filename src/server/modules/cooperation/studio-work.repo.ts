/** Every SQL statement of the studios' duty roster, public requests and star rating (issue #7). */
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import {
  memberStudios,
  members,
  studioRatingManual,
  studioRatingSettings,
  studioRatingYears,
  studioRequests,
  studioShifts,
  studios,
} from '@server/db/schema/index';
import { DEFAULT_RATING_CONFIG, RatingConfig } from '@common/studios';
import { readConfig } from '@server/lib/config-cache';

export async function getStudio(db: DbOrTx, id: number) {
  const [row] = await db.select().from(studios).where(eq(studios.id, id));
  return row;
}

/** Whether the member belongs to the studio (member_studios). */
export async function inStudio(db: DbOrTx, studioId: number, memberId: number): Promise<boolean> {
  const rows = await db
    .select({ m: memberStudios.memberId })
    .from(memberStudios)
    .where(and(eq(memberStudios.studioId, studioId), eq(memberStudios.memberId, memberId)));
  return rows.length > 0;
}

/** The member row linked to an account in an organization (the caller as a member). */
export async function memberOfAccount(db: DbOrTx, orgId: number, accountId: number) {
  const [m] = await db
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.accountId, accountId)));
  return m;
}

export async function memberRow(db: DbOrTx, id: number) {
  const [m] = await db.select().from(members).where(eq(members.id, id));
  return m;
}

// ── Shifts ───────────────────────────────────────────────────
const shiftColumns = { s: studioShifts, studioName: studios.name, memberName: members.name };
export type ShiftRow = { s: typeof studioShifts.$inferSelect; studioName: string; memberName: string };

function shiftsWhere(db: DbOrTx, where: SQL | undefined): Promise<ShiftRow[]> {
  return db
    .select(shiftColumns)
    .from(studioShifts)
    .innerJoin(studios, eq(studios.id, studioShifts.studioId))
    .innerJoin(members, eq(members.id, studioShifts.memberId))
    .where(where)
    .orderBy(asc(studioShifts.day), asc(studioShifts.slot), asc(studioShifts.id))
    .limit(1000);
}

/** A studio's shifts between two days (inclusive; either end open). */
export function studioShiftList(db: DbOrTx, studioId: number, from?: string, to?: string) {
  return shiftsWhere(db, and(eq(studioShifts.studioId, studioId), from ? gte(studioShifts.day, from) : undefined, to ? lte(studioShifts.day, to) : undefined));
}

/** A member's own shifts in every studio of the organization, between two days. */
export function memberShiftList(db: DbOrTx, orgId: number, memberId: number, from?: string, to?: string) {
  return shiftsWhere(
    db,
    and(eq(studioShifts.orgId, orgId), eq(studioShifts.memberId, memberId), from ? gte(studioShifts.day, from) : undefined, to ? lte(studioShifts.day, to) : undefined),
  );
}

export async function shiftRow(db: DbOrTx, id: number): Promise<ShiftRow | undefined> {
  const [row] = await shiftsWhere(db, eq(studioShifts.id, id));
  return row;
}

// ── Requests ─────────────────────────────────────────────────
const requestColumns = {
  r: studioRequests,
  receivedByName: members.name,
  /** The state of the proposal or report the request became, read live (a member's draft until submitted). */
  outcomeState: sql<string | null>`case ${studioRequests.outcome}
    when 'proposal' then (select p.state from proposals p where p.id = ${studioRequests.outcomeId})
    when 'info_report' then (select ir.status from info_reports ir where ir.id = ${studioRequests.outcomeId})
    else null end`,
};
export type RequestRow = { r: typeof studioRequests.$inferSelect; receivedByName: string; outcomeState: string | null };

export function requestList(db: DbOrTx, studioId: number, status?: string): Promise<RequestRow[]> {
  return db
    .select(requestColumns)
    .from(studioRequests)
    .innerJoin(members, eq(members.id, studioRequests.receivedByMemberId))
    .where(and(eq(studioRequests.studioId, studioId), status ? eq(studioRequests.status, status) : undefined))
    .orderBy(desc(studioRequests.receivedOn), desc(studioRequests.id))
    .limit(500);
}

export async function requestRow(db: DbOrTx, id: number): Promise<RequestRow | undefined> {
  const [row] = await db
    .select(requestColumns)
    .from(studioRequests)
    .innerJoin(members, eq(members.id, studioRequests.receivedByMemberId))
    .where(eq(studioRequests.id, id));
  return row;
}

// ── Rating ───────────────────────────────────────────────────
/** The organization's rating criteria and bands (the defaults until it saves its own). */
export function ratingSettings(db: DbOrTx, orgId: number): Promise<{ config: RatingConfig; version: number }> {
  return readConfig(db, `studio_rating_settings:${orgId}`, () => ratingSettingsFromDatabase(db, orgId));
}

async function ratingSettingsFromDatabase(db: DbOrTx, orgId: number): Promise<{ config: RatingConfig; version: number }> {
  const [row] = await db.select().from(studioRatingSettings).where(eq(studioRatingSettings.orgId, orgId));
  if (!row) return { config: DEFAULT_RATING_CONFIG, version: 0 };
  const parsed = RatingConfig.safeParse(row.config);
  return { config: parsed.success ? parsed.data : DEFAULT_RATING_CONFIG, version: row.version };
}

export async function ratingYear(db: DbOrTx, orgId: number, year: number) {
  const [row] = await db
    .select()
    .from(studioRatingYears)
    .where(and(eq(studioRatingYears.orgId, orgId), eq(studioRatingYears.year, year)));
  return row;
}

export interface StudioCounts {
  studioId: number;
  studioName: string;
  shifts_done: number;
  requests_handled: number;
  activities_held: number;
  manual: Record<string, number>;
}

/**
 * What each studio of the organization did in a year (China time): shifts marked 到岗, requests closed, studio
 * activities held, and staff's manual points. One statement for the counts, one for the manual points.
 */
export async function ratingCounts(database: Database, orgId: number, year: number, tx?: DbOrTx): Promise<StudioCounts[]> {
  const from = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();
  const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000).toISOString();
  const rows = await database.rows<{ id: number; name: string; shifts: number; requests: number; acts: number }>(
    sql`select s.id, s.name,
          (select count(*) from studio_shifts sh where sh.studio_id = s.id and sh.status = 'done' and sh.day >= ${`${year}-01-01`} and sh.day < ${`${year + 1}-01-01`})::int as shifts,
          (select count(*) from studio_requests r where r.studio_id = s.id and r.status = 'closed' and r.closed_at >= ${from} and r.closed_at < ${to})::int as requests,
          (select count(*) from activities a where a.org_id = s.org_id and a.organizer_kind = 'studio' and a.organizer_ref_id = s.id
              and a.status in ('held', 'minutes_filed', 'closed') and a.starts_at >= ${from} and a.starts_at < ${to})::int as acts
        from studios s where s.org_id = ${orgId} order by s.id limit 1000`,
    tx,
  );
  const manual = await (tx ?? database.db)
    .select()
    .from(studioRatingManual)
    .where(and(eq(studioRatingManual.orgId, orgId), eq(studioRatingManual.year, year)));
  return rows.map((r) => ({
    studioId: Number(r.id),
    studioName: r.name,
    shifts_done: Number(r.shifts),
    requests_handled: Number(r.requests),
    activities_held: Number(r.acts),
    manual: Object.fromEntries(manual.filter((m) => m.studioId === Number(r.id)).map((m) => [m.criterionKey, Number(m.score)])),
  }));
}
