/** Every SQL statement of the duty records, besides the ledger rebuild (duty.ledger.ts). */
import { and, eq, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import { dutyManualEntries, dutySettings, dutyYears, members } from '@server/db/schema/index';
import { DEFAULT_DUTY_SETTINGS, DutySettingsConfig } from '@common/duty';
import { readConfig } from '@server/lib/config-cache';

/**
 * The organization's rules (the defaults when it has none saved; a stored config that no longer parses falls back
 * too). A default rule added to the code after the organization saved its rules (e.g. `studio_duty`) is offered
 * switched off, so the rules page can turn it on; it counts nothing until then. Frozen years keep their snapshot.
 */
export function loadSettings(db: DbOrTx, orgId: number): Promise<{ config: DutySettingsConfig; version: number }> {
  return readConfig(db, `duty_settings:${orgId}`, () => loadSettingsFromDatabase(db, orgId));
}

async function loadSettingsFromDatabase(db: DbOrTx, orgId: number): Promise<{ config: DutySettingsConfig; version: number }> {
  const [row] = await db.select().from(dutySettings).where(eq(dutySettings.orgId, orgId));
  if (!row) return { config: DEFAULT_DUTY_SETTINGS, version: 0 };
  const parsed = DutySettingsConfig.safeParse(row.config);
  if (!parsed.success) return { config: DEFAULT_DUTY_SETTINGS, version: row.version };
  const keys = new Set(parsed.data.rules.map((r) => r.key));
  const added = DEFAULT_DUTY_SETTINGS.rules.filter((r) => !keys.has(r.key)).map((r) => ({ ...r, active: false }));
  const rules = [...parsed.data.rules, ...added].slice(0, 80);
  return { config: { ...parsed.data, rules }, version: row.version };
}

/** The year row, created on first use; `lock` takes it FOR UPDATE (recompute, freeze). */
export async function yearRow(db: DbOrTx, orgId: number, year: number, lock = false) {
  await db.insert(dutyYears).values({ orgId, year }).onConflictDoNothing();
  const q = db
    .select()
    .from(dutyYears)
    .where(and(eq(dutyYears.orgId, orgId), eq(dutyYears.year, year)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

/** The year row without creating it (reads). */
export async function findYear(db: DbOrTx, orgId: number, year: number) {
  const [row] = await db
    .select()
    .from(dutyYears)
    .where(and(eq(dutyYears.orgId, orgId), eq(dutyYears.year, year)));
  return row ?? null;
}

export async function listYears(database: Database, orgId: number) {
  return database.rows<{
    year: number;
    frozen: boolean;
    frozen_at: Date | string | null;
    computed_at: Date | string | null;
    version: number;
    members: number;
  }>(
    sql`select y.year, y.frozen, y.frozen_at, y.computed_at, y.version,
               (select count(*)::int from duty_scores s where s.org_id = y.org_id and s.year = y.year) as members
        from duty_years y where y.org_id = ${orgId} order by y.year desc`,
  );
}

export async function memberOf(db: DbOrTx, orgId: number, memberId: number) {
  const [m] = await db
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.orgId, orgId)));
  return m;
}

export async function memberIdOfAccount(db: DbOrTx, orgId: number, accountId: number): Promise<number | null> {
  const [m] = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.accountId, accountId)));
  return m?.id ?? null;
}

/** A member's year: score, rank and entries — three indexed look-ups (the ≤ 50 ms target at 60k members). */
export async function memberRecord(database: Database, orgId: number, year: number, memberId: number) {
  const [score] = await database.rows<{
    total: number;
    grade: string;
    proposals_or_reports: number;
    activities: number;
    meets_minimums: boolean;
    rank: number;
    of: number;
  }>(
    sql`select s.total::float8 as total, s.grade, s.proposals_or_reports, s.activities, s.meets_minimums,
               (select count(*)::int + 1 from duty_scores o where o.org_id = s.org_id and o.year = s.year and o.total > s.total) as rank,
               (select count(*)::int from duty_scores o where o.org_id = s.org_id and o.year = s.year) as of
        from duty_scores s where s.org_id = ${orgId} and s.year = ${year} and s.member_id = ${memberId}`,
  );
  const entries = await database.rows<{
    id: number;
    rule_key: string;
    item: string;
    condition: string;
    source_type: string;
    source_id: number;
    link_id: number;
    title: string;
    points: number;
    raw_points: number;
    occurred_on: string;
  }>(
    sql`select id, rule_key, item, condition, source_type, source_id, link_id, title, points::float8 as points, raw_points::float8 as raw_points,
               occurred_on::text as occurred_on
        from duty_entries where org_id = ${orgId} and year = ${year} and member_id = ${memberId}
        order by occurred_on desc, id desc`,
  );
  const names = await database.rows<{ sector: string | null; grp: string | null }>(
    sql`select s.name as sector, g.name as grp from members m left join sectors s on s.id = m.sector_id left join member_groups g on g.id = m.group_id where m.id = ${memberId}`,
  );
  return { score: score ?? null, entries, sector: names[0]?.sector ?? null, group: names[0]?.grp ?? null };
}

export interface ScoreFilter {
  filter: 'all' | 'below' | 'missed';
  sectorId?: number;
  groupId?: number;
}

/** The ranking (total desc), filtered in SQL; `lastBand` marks "below the threshold". */
export async function listScores(
  database: Database,
  orgId: number,
  year: number,
  f: ScoreFilter,
  lastBand: number,
  offset: number,
  limit: number,
) {
  const where = [sql`s.org_id = ${orgId}`, sql`s.year = ${year}`];
  if (f.filter === 'below') where.push(sql`s.band = ${lastBand}`);
  if (f.filter === 'missed') where.push(sql`not s.meets_minimums`);
  if (f.sectorId) where.push(sql`s.sector_id = ${f.sectorId}`);
  if (f.groupId) where.push(sql`s.group_id = ${f.groupId}`);
  const cond = sql.join(where, sql` and `);
  const rows = await database.rows<{
    member_id: number;
    name: string;
    sector: string | null;
    grp: string | null;
    total: number;
    grade: string;
    meets_minimums: boolean;
    proposals_or_reports: number;
    activities: number;
    rank: number;
  }>(
    sql`select s.member_id, m.name, sc.name as sector, g.name as grp, s.total::float8 as total, s.grade, s.meets_minimums,
               s.proposals_or_reports, s.activities,
               (select count(*)::int + 1 from duty_scores o where o.org_id = s.org_id and o.year = s.year and o.total > s.total) as rank
        from duty_scores s join members m on m.id = s.member_id
        left join sectors sc on sc.id = s.sector_id left join member_groups g on g.id = s.group_id
        where ${cond}
        order by s.total desc, s.member_id limit ${limit} offset ${offset}`,
  );
  const [count] = await database.rows<{ n: number }>(sql`select count(*)::int as n from duty_scores s where ${cond}`);
  return { rows, total: Number(count?.n ?? 0) };
}

/** Rankings of sectors or member groups: members, average and best total, below-threshold and missed-minimum counts. */
export async function listGroups(database: Database, orgId: number, year: number, by: 'sector' | 'group', lastBand: number) {
  const col = by === 'sector' ? sql`s.sector_id` : sql`s.group_id`;
  const names = by === 'sector' ? sql`sectors` : sql`member_groups`;
  return database.rows<{
    id: number | null;
    name: string | null;
    members: number;
    average: number;
    best: number;
    below: number;
    missed: number;
  }>(
    sql`select ${col} as id, n.name, count(*)::int as members, round(avg(s.total), 1)::float8 as average, max(s.total)::float8 as best,
               count(*) filter (where s.band = ${lastBand})::int as below, count(*) filter (where not s.meets_minimums)::int as missed
        from duty_scores s left join ${names} n on n.id = ${col}
        where s.org_id = ${orgId} and s.year = ${year}
        group by ${col}, n.name order by average desc, members desc`,
  );
}

export async function listManual(database: Database, orgId: number, year: number, memberId?: number) {
  return database.rows<{
    id: number;
    member_id: number;
    member_name: string;
    item: string;
    points: number;
    count: number;
    occurred_on: string;
    note: string;
    evidence: string;
    version: number;
    created_by: string | null;
  }>(
    sql`select e.id, e.member_id, m.name as member_name, e.item, e.points::float8 as points, e.count, e.occurred_on::text as occurred_on, e.note, e.evidence,
               e.version, a.display_name as created_by
        from duty_manual_entries e join members m on m.id = e.member_id left join accounts a on a.id = e.created_by_account_id
        where e.org_id = ${orgId} and e.occurred_on >= ${`${year}-01-01`} and e.occurred_on < ${`${year + 1}-01-01`}
          ${memberId ? sql`and e.member_id = ${memberId}` : sql``}
        order by e.occurred_on desc, e.id desc limit 500`,
  );
}

export async function getManual(db: DbOrTx, id: number) {
  const [row] = await db.select().from(dutyManualEntries).where(eq(dutyManualEntries.id, id));
  return row;
}

/** Members (id, name) of an organization; the worker's org list for stale years. */
export async function memberCount(database: Database, orgId: number): Promise<number> {
  const [r] = await database.rows<{ n: number }>(sql`select count(*)::int as n from members where org_id = ${orgId} and active`);
  return Number(r?.n ?? 0);
}

/** Non-frozen years whose recompute was asked for (rules changed on a large organization) — the worker's queue. */
export async function requestedYears(database: Database, limit = 5) {
  return database.rows<{ org_id: number; year: number }>(
    sql`select org_id, year from duty_years where requested_at is not null and not frozen and (computed_at is null or computed_at < requested_at)
        order by requested_at limit ${limit}`,
  );
}
