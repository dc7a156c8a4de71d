import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { DashboardMetric } from '@common/worksystem';
import type { DbOrTx } from '@server/db/client';
import type { ChainHeads } from '@server/lib/snapshot';
import { activities, leaderAttendances, workFulfilments, workObligations } from '@server/db/schema/index';

export type ObligationRow = typeof workObligations.$inferSelect;
export type FulfilmentRow = typeof workFulfilments.$inferSelect;

/** Raw rows on both drivers (callers normalise int8 with Number()). */
async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

/** A timestamp as its day in China (UTC+8, no daylight saving), independent of the session's time zone. */
export const chinaDay = (col: string) => sql.raw(`to_char((${col} at time zone 'UTC') + interval '8 hours', 'YYYY-MM-DD')`);

export async function listObligations(db: DbOrTx, orgId: number) {
  return db
    .select()
    .from(workObligations)
    .where(eq(workObligations.orgId, orgId))
    .orderBy(asc(workObligations.sort), asc(workObligations.id));
}

export async function getObligation(db: DbOrTx, id: number) {
  const [row] = await db.select().from(workObligations).where(eq(workObligations.id, id));
  return row;
}

export async function getFulfilment(db: DbOrTx, id: number) {
  const [row] = await db.select().from(workFulfilments).where(eq(workFulfilments.id, id));
  return row;
}

/**
 * The dates and leaders of the fulfilments the clocks need: the current and previous calendar year, and the latest
 * one of each obligation (rolling clocks) — one statement for all obligations of the organization.
 */
export async function clockFulfilments(db: DbOrTx, orgId: number, since: string) {
  return rowsOf<{ obligation_id: number; on: string; leaders: string[]; total: number }>(
    db,
    sql`
    with counts as (
      select obligation_id, count(*)::int as total, max(fulfilled_on) as last_on
        from work_fulfilments where org_id = ${orgId} group by obligation_id)
    select f.obligation_id, f.fulfilled_on::text as "on", f.leaders, c.total
      from work_fulfilments f join counts c on c.obligation_id = f.obligation_id
     where f.org_id = ${orgId} and (f.fulfilled_on >= ${since}::date or f.fulfilled_on = c.last_on)`,
  );
}

/** Fulfilments of one obligation, newest first; keyset on (fulfilled_on, id). */
export async function listFulfilments(db: DbOrTx, obligationId: number, cursor: [string, number] | null, limit: number) {
  const conds: SQL[] = [eq(workFulfilments.obligationId, obligationId)];
  if (cursor) conds.push(sql`(${workFulfilments.fulfilledOn}, ${workFulfilments.id}) < (${cursor[0]}::date, ${cursor[1]})`);
  return db
    .select()
    .from(workFulfilments)
    .where(and(...conds))
    .orderBy(desc(workFulfilments.fulfilledOn), desc(workFulfilments.id))
    .limit(limit);
}

/** The titles of the linked records of many fulfilments (one statement per link kind present). */
export async function linkTitles(
  db: DbOrTx,
  orgId: number,
  fs: Array<{ linkKind: string | null; linkId: number | null }>,
  infoTables: boolean,
) {
  const out = new Map<string, string>();
  const ids = (k: string) => [...new Set(fs.filter((f) => f.linkKind === k && f.linkId != null).map((f) => f.linkId!))];
  const load = async (kind: string, q: (list: SQL) => SQL) => {
    const list = ids(kind);
    if (!list.length) return;
    const rows = await rowsOf<{ id: number; title: string }>(
      db,
      q(
        sql.join(
          list.map((i) => sql`${i}`),
          sql`, `,
        ),
      ),
    );
    for (const r of rows) out.set(`${kind}:${r.id}`, r.title);
  };
  await load('activity', (l) => sql`select id, topic as title from activities where org_id = ${orgId} and id in (${l})`);
  await load('proposal', (l) => sql`select id, subject as title from proposals where org_id = ${orgId} and id in (${l})`);
  await load(
    'outcome_instruction',
    (l) =>
      sql`select x.id, o.title || '（' || x.leader || '批示）' as title from outcome_instructions x join activity_outcomes o on o.id = x.outcome_id where x.org_id = ${orgId} and x.id in (${l})`,
  );
  if (infoTables)
    await load(
      'info_instruction',
      (l) =>
        sql`select x.id, r.title || '（' || x.leader || '批示）' as title from info_report_instructions x join info_reports r on r.id = x.report_id where x.org_id = ${orgId} and x.id in (${l})`,
    );
  return out;
}

/** Whether a linked record exists in the organization (a link to another organization's record is refused). */
export async function linkExists(db: DbOrTx, orgId: number, kind: string, id: number, infoTables: boolean): Promise<boolean> {
  const table = {
    activity: 'activities',
    proposal: 'proposals',
    outcome_instruction: 'outcome_instructions',
    info_instruction: infoTables ? 'info_report_instructions' : null,
  }[kind];
  if (!table) return false;
  const [r] = await rowsOf<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${sql.identifier(table)} where id = ${id} and org_id = ${orgId}`,
  );
  return Number(r.n) > 0;
}

/** True once the information (社情民意) tables exist (they come from another module; read by SQL only). */
export async function hasInfoTables(db: DbOrTx): Promise<boolean> {
  const [r] = await rowsOf<{ ok: boolean }>(
    db,
    sql`select to_regclass('info_reports') is not null and to_regclass('info_report_instructions') is not null as ok`,
  );
  return !!r.ok;
}

export async function listLeaderAttendances(db: DbOrTx, orgId: number, cursor: number | null, limit: number) {
  const conds: SQL[] = [eq(leaderAttendances.orgId, orgId)];
  if (cursor != null) conds.push(sql`${leaderAttendances.id} < ${cursor}`);
  return db
    .select({ la: leaderAttendances, topic: activities.topic, type: activities.type, startsAt: activities.startsAt })
    .from(leaderAttendances)
    .innerJoin(activities, eq(activities.id, leaderAttendances.activityId))
    .where(and(...conds))
    .orderBy(desc(leaderAttendances.id))
    .limit(limit);
}

export async function getLeaderAttendance(db: DbOrTx, id: number) {
  const [row] = await db.select().from(leaderAttendances).where(eq(leaderAttendances.id, id));
  return row;
}

export async function activityInOrg(db: DbOrTx, orgId: number, id: number) {
  const [row] = await db
    .select({ id: activities.id, status: activities.status })
    .from(activities)
    .where(and(eq(activities.id, id), eq(activities.orgId, orgId)));
  return row;
}

export async function attendanceExists(db: DbOrTx, activityId: number, leaderName: string) {
  const rows = await db
    .select({ id: leaderAttendances.id })
    .from(leaderAttendances)
    .where(and(eq(leaderAttendances.activityId, activityId), inArray(leaderAttendances.leaderName, [leaderName])));
  return rows.length > 0;
}

// ── The leadership dashboard ─────────────────────────────────────────

const groupJson = (inner: SQL) =>
  sql`(select coalesce(json_agg(json_build_object('key', k, 'count', n) order by n desc, k), '[]'::json) from (${inner}) g)`;

export interface DashboardRow {
  hearings: number;
  city_outcomes: number;
  city_info: number;
  converted_outcomes: number;
  converted_info: number;
  leader_consultations: number;
  solved: number;
  proposals_by_status: Array<{ key: string; count: number }>;
  rated: number;
  satisfied: number;
  activities_by_type: Array<{ key: string; count: number }>;
  issues_by_status: Array<{ key: string; count: number }>;
  info_received: number;
  info_issued: number;
  info_instructed: number;
}

/**
 * Definitions of the seed sentence's five figures (all counted from individual records):
 * - hearings: fulfilments of the organization's `report_hearing` obligation(s);
 * - cityInstructions: 市-level instructions on research outcomes (outcome_instructions) plus, once the information
 *   tables exist, 市-level instructions on information reports (info_report_instructions);
 * - converted: outcomes (consultation / research / inspection reports) with at least one problem-list issue whose
 *   result is 'converted', plus information reports that received at least one leader instruction (批示 — the
 *   point at which a department is told to act; switch to "reports with department feedback" once that table
 *   lands);
 * - leaderConsultations: activities (not cancelled) attended by at least one party/government leader;
 * - solved: problem-list issues whose result is 'resolved'.
 * Every aggregate of the dashboard comes from ONE statement (scalar sub-queries on indexed org_id columns). The
 * large tables are counted from their indexes alone (index-only scans once autovacuum has marked the pages
 * all-visible): proposals (org_id, state, id), problem issues (org_id, status, id) and (org_id, result,
 * outcome_id), evaluations (org_id, status, result_rating), the last read once for both of its figures.
 * Run it in `inReadSnapshot` (lib/snapshot.ts, JIT off): at 1 M proposals the planner's cost passes `jit_above_cost` and
 * compiling the sub-plans costs more than running them.
 */
export async function dashboardAggregates(db: DbOrTx, orgId: number, info: boolean): Promise<DashboardRow> {
  const infoCols = info
    ? sql`(select count(*) from info_report_instructions where org_id = ${orgId} and level = 'municipal')::int as city_info,
          (select count(distinct report_id) from info_report_instructions where org_id = ${orgId})::int as converted_info,
          (select count(*) from info_reports where org_id = ${orgId})::int as info_received,
          (select count(*) from info_reports where org_id = ${orgId} and issued_at is not null)::int as info_issued,
          (select count(distinct report_id) from info_report_instructions where org_id = ${orgId})::int as info_instructed`
    : sql`0 as city_info, 0 as converted_info, 0 as info_received, 0 as info_issued, 0 as info_instructed`;
  const [r] = await rowsOf<DashboardRow>(
    db,
    sql`
    with evals as (
      select count(*) as rated, count(*) filter (where result_rating in ('satisfied', 'basically_satisfied')) as satisfied
        from proposal_evaluations where org_id = ${orgId} and status = 'rated'
    )
    select
      (select count(*) from work_fulfilments f join work_obligations o on o.id = f.obligation_id
        where f.org_id = ${orgId} and o.code = 'report_hearing')::int as hearings,
      (select count(*) from outcome_instructions where org_id = ${orgId} and level = '市')::int as city_outcomes,
      (select count(distinct outcome_id) from problem_issues where org_id = ${orgId} and result = 'converted')::int as converted_outcomes,
      (select count(distinct la.activity_id) from leader_attendances la join activities a on a.id = la.activity_id
        where la.org_id = ${orgId} and a.status <> 'cancelled')::int as leader_consultations,
      (select count(*) from problem_issues where org_id = ${orgId} and result = 'resolved')::int as solved,
      ${groupJson(sql`select state as k, count(*)::int as n from proposals where org_id = ${orgId} and state <> 'draft' group by state`)} as proposals_by_status,
      (select rated from evals)::int as rated,
      (select satisfied from evals)::int as satisfied,
      ${groupJson(sql`select type as k, count(*)::int as n from activities where org_id = ${orgId} and status <> 'cancelled' group by type`)} as activities_by_type,
      ${groupJson(sql`select status as k, count(*)::int as n from problem_issues where org_id = ${orgId} group by status`)} as issues_by_status,
      ${infoCols}`,
  );
  const num = (v: unknown) => Number(v ?? 0);
  const arr = (v: unknown) =>
    typeof v === 'string' ? (JSON.parse(v) as Array<{ key: string; count: number }>) : ((v ?? []) as Array<{ key: string; count: number }>);
  return {
    ...r,
    hearings: num(r.hearings),
    city_outcomes: num(r.city_outcomes),
    city_info: num(r.city_info),
    converted_outcomes: num(r.converted_outcomes),
    converted_info: num(r.converted_info),
    leader_consultations: num(r.leader_consultations),
    solved: num(r.solved),
    rated: num(r.rated),
    satisfied: num(r.satisfied),
    info_received: num(r.info_received),
    info_issued: num(r.info_issued),
    info_instructed: num(r.info_instructed),
    proposals_by_status: arr(r.proposals_by_status).map((x) => ({ key: x.key, count: num(x.count) })),
    activities_by_type: arr(r.activities_by_type).map((x) => ({ key: x.key, count: num(x.count) })),
    issues_by_status: arr(r.issues_by_status).map((x) => ({ key: x.key, count: num(x.count) })),
  };
}

// ── The dashboard's cache (leader_dashboard_cache) ──────────────────

/**
 * The shape of a stored row: bump the version whenever a definition in `dashboardAggregates` or `DashboardRow`
 * changes, so rows an earlier release stored are not served.
 */
const shapeOf = (info: boolean) => `v1:${info ? 'info' : 'no-info'}`;

/** The stored aggregates if nothing has changed since they were computed (the heads are checked in the same query). */
export async function cachedDashboard(db: DbOrTx, orgId: number, info: boolean): Promise<DashboardRow | undefined> {
  const [row] = await rowsOf<{ view: DashboardRow | string }>(
    db,
    sql`select c.view from leader_dashboard_cache c
         where c.org_id = ${orgId} and c.shape = ${shapeOf(info)}
           and c.org_seq = coalesce((select seq from audit_heads where chain_key = ${String(orgId)}), 0)
           and c.platform_seq = coalesce((select seq from audit_heads where chain_key = 'platform'), 0)`,
  );
  if (!row) return undefined;
  return typeof row.view === 'string' ? (JSON.parse(row.view) as DashboardRow) : row.view;
}

/**
 * Stores computed aggregates unless a row computed at a later head of the organization's chain is already there.
 * Committed without waiting for the WAL flush (1–5 ms on a busy disk): a row lost in a crash is only a miss, and a
 * row that survives reflects changes whose own (synchronous) commits were flushed before it.
 */
export async function storeDashboard(db: DbOrTx, orgId: number, heads: ChainHeads, info: boolean, view: DashboardRow): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(sql`
      insert into leader_dashboard_cache (org_id, org_seq, platform_seq, shape, view)
      values (${orgId}, ${heads.orgSeq}, ${heads.platformSeq}, ${shapeOf(info)}, ${JSON.stringify(view)}::jsonb)
      on conflict (org_id) do update
        set org_seq = excluded.org_seq, platform_seq = excluded.platform_seq, shape = excluded.shape, view = excluded.view, computed_at = now()
        where leader_dashboard_cache.org_seq <= excluded.org_seq`);
  });
}

export interface ItemRow {
  kind: string;
  id: number;
  title: string;
  d: string;
  detail: string;
  link: string | null;
}

/** The records behind one figure (same definitions as `dashboardAggregates`), newest first; keyset on (d, kind, id). */
export async function dashboardItems(
  db: DbOrTx,
  orgId: number,
  metric: DashboardMetric,
  info: boolean,
  cursor: [string, string, number] | null,
  limit: number,
) {
  const parts: SQL[] = [];
  switch (metric) {
    case 'hearings':
      parts.push(sql`select 'fulfilment' as kind, f.id, f.note as title, f.fulfilled_on::text as d, o.name as detail, '/work-system' as link
                       from work_fulfilments f join work_obligations o on o.id = f.obligation_id
                      where f.org_id = ${orgId} and o.code = 'report_hearing'`);
      break;
    case 'cityInstructions':
      parts.push(sql`select 'outcome_instruction' as kind, x.id, o.title, x.instructed_on::text as d, x.leader || '：' || x.text as detail,
                            '/activity-outcomes/' || o.id as link
                       from outcome_instructions x join activity_outcomes o on o.id = x.outcome_id
                      where x.org_id = ${orgId} and x.level = '市'`);
      if (info)
        parts.push(sql`select 'info_instruction' as kind, x.id, r.title, x.instructed_on::text as d, x.leader || '：' || x.text as detail, null as link
                         from info_report_instructions x join info_reports r on r.id = x.report_id
                        where x.org_id = ${orgId} and x.level = 'municipal'`);
      break;
    case 'converted':
      parts.push(sql`select 'outcome' as kind, o.id, o.title, ${chinaDay('o.created_at')} as d,
                            c.n || ' 项问题转化落实' as detail, '/activity-outcomes/' || o.id as link
                       from (select outcome_id, count(*)::int as n from problem_issues
                              where org_id = ${orgId} and result = 'converted' group by outcome_id) c
                       join activity_outcomes o on o.id = c.outcome_id`);
      if (info)
        parts.push(sql`select 'info_report' as kind, r.id, r.title, coalesce(${chinaDay('r.issued_at')}, ${chinaDay('r.submitted_at')}, '') as d,
                              '领导批示 ' || c.n || ' 次' as detail, null as link
                         from (select report_id, count(*)::int as n from info_report_instructions where org_id = ${orgId} group by report_id) c
                         join info_reports r on r.id = c.report_id`);
      break;
    case 'leaderConsultations':
      parts.push(sql`select 'activity' as kind, a.id, a.topic as title, ${chinaDay('a.starts_at')} as d,
                            l.names as detail, '/activities/' || a.id as link
                       from (select activity_id, string_agg(leader_title || leader_name, '、' order by id) as names
                               from leader_attendances where org_id = ${orgId} group by activity_id) l
                       join activities a on a.id = l.activity_id
                      where a.status <> 'cancelled'`);
      break;
    case 'solved':
      parts.push(sql`select 'problem_issue' as kind, i.id, i.title, ${chinaDay('coalesce(i.closed_at, i.updated_at)')} as d,
                            o.title as detail, '/activity-outcomes/' || o.id as link
                       from problem_issues i join activity_outcomes o on o.id = i.outcome_id
                      where i.org_id = ${orgId} and i.result = 'resolved'`);
      break;
  }
  const union = sql.join(parts, sql` union all `);
  const where = cursor ? sql`where (x.d, x.kind, x.id) < (${cursor[0]}, ${cursor[1]}, ${cursor[2]})` : sql``;
  const rows = await rowsOf<ItemRow>(db, sql`select * from (${union}) x ${where} order by x.d desc, x.kind desc, x.id desc limit ${limit}`);
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}
