/**
 * The ledger recompute: set-based `INSERT … SELECT` per rule (one statement per rule, caps applied with a window),
 * then the scores, all in the caller's transaction — a failure leaves the previous ledger as it was.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database, DbOrTx } from '@server/db/client';
import { REGISTERED_STATES } from '@common/proposals';
import type { DUTY_CONDITIONS, DutyRule, DutySettingsConfig } from '@common/duty';

/** The year's bounds as instants (China Standard Time, UTC+8, no daylight saving). */
export function yearBounds(year: number): { from: string; to: string; fromDay: string; toDay: string } {
  const from = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();
  const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000).toISOString();
  return { from, to, fromDay: `${year}-01-01`, toDay: `${year + 1}-01-01` };
}

/** The local (UTC+8) calendar day of a timestamptz column, whatever the session's time zone. */
const localDay = (col: SQL) => sql`((${col} at time zone 'UTC') + interval '8 hours')::date`;

const HELD = sql`('held', 'minutes_filed', 'closed')`;
const registeredStates = sql.raw(`(${REGISTERED_STATES.map((s) => `'${s}'`).join(', ')})`);

/** The capped points of the n-th occurrence (same arithmetic as `cappedPoints` in common/duty). */
function capped(points: number, cap: number | null): SQL {
  if (cap == null) return sql`${points}::numeric`;
  const abs = Math.abs(points);
  return sql`(${Math.sign(points)}::numeric * greatest(0, least(${abs}::numeric, ${cap}::numeric - (s.n - 1) * ${abs}::numeric)))`;
}

/** Whether the 社情民意 tables exist (built by the information module; optional until it is merged). */
export async function hasInfoReports(database: Database, tx: DbOrTx): Promise<boolean> {
  const [r] = await database.rows<{ ok: boolean }>(
    sql`select to_regclass('info_reports') is not null and to_regclass('info_report_authors') is not null as ok`,
    tx,
  );
  return Boolean(r?.ok);
}

interface Candidate {
  /** Rows (member_id, source_id, link_id, title, occurred_on, ord) of one rule, this organization and year. */
  select: SQL;
  sourceType: string;
}

/** The candidate facts of one rule: who did what, when — before points and caps. */
function candidates(rule: DutyRule, orgId: number, year: number, memberId: number | null, info: boolean): Candidate | null {
  const { from, to, fromDay, toDay } = yearBounds(year);
  const onlyMember = (col: SQL) => (memberId == null ? sql`` : sql` and ${col} = ${memberId}`);
  switch (rule.source) {
    case 'activity': {
      const types = rule.activityTypes.length
        ? sql` and a.type in (${sql.join(
            rule.activityTypes.map((t) => sql`${t}`),
            sql`, `,
          )})`
        : sql``;
      const studio = rule.studioOnly ? sql` and a.organizer_kind = 'studio'` : sql``;
      const cond =
        rule.condition === 'attended'
          ? sql`p.attendance = 'attended'`
          : sql`(p.attendance = 'absent' or (p.attendance = 'on_leave' and p.leave_status <> 'approved'))`;
      return {
        sourceType: 'activity',
        select: sql`select p.member_id, a.id as source_id, a.id as link_id, a.topic as title, ${localDay(sql`a.starts_at`)} as occurred_on, a.starts_at as ord
          from activities a
          join activity_participants p on p.activity_id = a.id and p.member_id is not null
          join members m on m.id = p.member_id and m.org_id = a.org_id
          where a.org_id = ${orgId} and a.starts_at >= ${from} and a.starts_at < ${to} and a.status in ${HELD}
            and ${cond}${types}${studio}${onlyMember(sql`p.member_id`)}`,
      };
    }
    case 'speech':
      return {
        sourceType: 'speech',
        select: sql`select p.member_id, s.id as source_id, a.id as link_id, s.title as title, ${localDay(sql`a.starts_at`)} as occurred_on, a.starts_at as ord
          from activity_speeches s
          join activities a on a.id = s.activity_id
          join activity_participants p on p.id = s.participant_id and p.member_id is not null
          join members m on m.id = p.member_id and m.org_id = a.org_id
          where s.org_id = ${orgId} and a.starts_at >= ${from} and a.starts_at < ${to} and a.status <> 'cancelled'
            and s.kind = ${rule.condition}${onlyMember(sql`p.member_id`)}`,
      };
    case 'proposal': {
      const cond =
        rule.condition === 'submitted'
          ? sql`pr.state not in ('draft', 'withdrawn')`
          : rule.condition === 'registered'
            ? sql`pr.state in ${registeredStates}`
            : rule.condition === 'key'
              ? sql`pr.state in ${registeredStates} and pr.is_key`
              : sql`pr.state in ${registeredStates} and pr.is_good`;
      const proposers = (role: SQL) =>
        sql`select pp.member_id, pr.id as pid from proposals pr
            join proposal_proposers pp on pp.proposal_id = pr.id and pp.member_id is not null and pp.status = 'confirmed' and ${role}
            where pr.org_id = ${orgId} and pr.submitted_at >= ${from} and pr.submitted_at < ${to} and ${cond}${onlyMember(sql`pp.member_id`)}`;
      // 集体提案牵头人: the member who filed the collective proposal for the collective (its agent's member record).
      const lead = sql`select m.id as member_id, pr.id as pid from proposals pr
            join members m on m.account_id = pr.created_by_account_id and m.org_id = pr.org_id
            where pr.org_id = ${orgId} and pr.kind = 'collective' and pr.submitted_at >= ${from} and pr.submitted_at < ${to} and ${cond}${onlyMember(sql`m.id`)}`;
      const who =
        rule.role === 'first'
          ? proposers(sql`pp.role = 'first'`)
          : rule.role === 'cosigner'
            ? proposers(sql`pp.role = 'cosigner'`)
            : rule.role === 'collective_lead'
              ? lead
              : sql`${proposers(sql`true`)} union ${lead}`;
      return {
        sourceType: 'proposal',
        select: sql`select w.member_id, pr.id as source_id, pr.id as link_id, pr.subject as title, ${localDay(sql`pr.submitted_at`)} as occurred_on, pr.submitted_at as ord
          from (${who}) w join proposals pr on pr.id = w.pid
          join members m on m.id = w.member_id and m.org_id = pr.org_id`,
      };
    }
    case 'studio_duty':
      // 接待值班 marked 到岗 (one entry per shift); the link opens the studio.
      return {
        sourceType: 'studio_duty',
        select: sql`select sh.member_id, sh.id as source_id, sh.studio_id as link_id, st.name || '接待值班' as title, sh.day as occurred_on, sh.day::timestamp as ord
          from studio_shifts sh
          join studios st on st.id = sh.studio_id
          join members m on m.id = sh.member_id and m.org_id = sh.org_id
          where sh.org_id = ${orgId} and sh.status = 'done' and sh.day >= ${fromDay} and sh.day < ${toDay}${onlyMember(sql`sh.member_id`)}`,
      };
    case 'info_report': {
      if (!info) return null;
      const role = rule.role === 'first' ? sql` and au.role = 'first'` : rule.role === 'cosigner' ? sql` and au.role = 'co'` : sql``;
      const base = (day: SQL, extra: SQL) =>
        sql`select au.member_id, r.id as source_id, r.id as link_id, r.title as title, ${day} as occurred_on, ${day}::timestamp as ord
          from info_reports r
          join info_report_authors au on au.report_id = r.id${role}
          join members m on m.id = au.member_id and m.org_id = r.org_id
          ${extra}${onlyMember(sql`au.member_id`)}`;
      // checkDutyConfig keeps info-report rules to the info-report conditions.
      const condition = rule.condition as (typeof DUTY_CONDITIONS)['info_report'][number];
      switch (condition) {
        case 'submitted':
          return {
            sourceType: 'info_report',
            select: base(
              localDay(sql`r.submitted_at`),
              sql`where r.org_id = ${orgId} and r.submitted_at >= ${from} and r.submitted_at < ${to}`,
            ),
          };
        case 'issued':
          return {
            sourceType: 'info_report',
            select: base(localDay(sql`r.issued_at`), sql`where r.org_id = ${orgId} and r.issued_at >= ${from} and r.issued_at < ${to}`),
          };
        case 'adopted':
          return {
            sourceType: 'info_report',
            select: base(
              sql`x.day`,
              sql`join (select report_id, min(adopted_on) as day from info_report_adoptions where org_id = ${orgId} group by report_id) x on x.report_id = r.id
                  where r.org_id = ${orgId} and x.day >= ${fromDay} and x.day < ${toDay}`,
            ),
          };
        case 'instructed':
          return {
            sourceType: 'info_report',
            select: base(
              sql`x.day`,
              sql`join (select report_id, min(instructed_on) as day from info_report_instructions where org_id = ${orgId} group by report_id) x on x.report_id = r.id
                  where r.org_id = ${orgId} and x.day >= ${fromDay} and x.day < ${toDay}`,
            ),
          };
      }
    }
  }
}

/**
 * Rebuilds the ledger and the scores of one organization-year (or of one member in it) in `tx`.
 * The caller holds the duty_years row lock and has checked that the year is not frozen.
 */
export async function rebuildLedger(
  database: Database,
  tx: DbOrTx,
  orgId: number,
  year: number,
  config: DutySettingsConfig,
  memberId: number | null = null,
): Promise<{ entries: number; members: number }> {
  const onlyMember = memberId == null ? sql`` : sql` and member_id = ${memberId}`;
  await database.rows(sql`delete from duty_entries where org_id = ${orgId} and year = ${year}${onlyMember}`, tx);
  const info = await hasInfoReports(database, tx);
  let entries = 0;
  for (const rule of config.rules) {
    if (!rule.active) continue;
    const c = candidates(rule, orgId, year, memberId, info);
    if (!c) continue;
    const res = await database.rows<{ n: number }>(
      sql`with ins as (
            insert into duty_entries (org_id, year, member_id, rule_key, item, condition, source_type, source_id, link_id, title, points, raw_points, occurred_on)
            select ${orgId}::bigint, ${year}::int, s.member_id, ${rule.key}::text, ${rule.item}::text, ${rule.condition}::text, ${c.sourceType}::text, s.source_id, s.link_id, s.title,
                   ${capped(rule.points, rule.capPerYear)}, ${rule.points}::numeric, s.occurred_on
            from (select d.*, row_number() over (partition by d.member_id order by d.ord, d.source_id) as n
                  from (select distinct on (c.member_id, c.source_id) c.* from (${c.select}) c order by c.member_id, c.source_id) d) s
            returning 1)
          select count(*)::int as n from ins`,
      tx,
    );
    entries += Number(res[0]?.n ?? 0);
  }
  // Manual entries (already points × count); never capped.
  const { fromDay, toDay } = yearBounds(year);
  const manual = await database.rows<{ n: number }>(
    sql`with ins as (
          insert into duty_entries (org_id, year, member_id, rule_key, item, condition, source_type, source_id, link_id, title, points, raw_points, occurred_on)
          select org_id, ${year}::int, member_id, 'manual', item, 'manual', 'manual', id, id,
                 case when note <> '' then note else item end, points * count, points * count, occurred_on
          from duty_manual_entries where org_id = ${orgId} and occurred_on >= ${fromDay} and occurred_on < ${toDay}${onlyMember}
          returning 1)
        select count(*)::int as n from ins`,
    tx,
  );
  entries += Number(manual[0]?.n ?? 0);

  // Scores: every active member (and any member with entries), graded by the bands.
  const bands = config.bands;
  const grade = sql.join(
    [
      sql`case`,
      ...bands.slice(0, -1).map((b) => sql`when coalesce(e.total, 0) >= ${b.min}::numeric then ${b.label}::text`),
      sql`else ${bands[bands.length - 1].label}::text end`,
    ],
    sql` `,
  );
  const band = sql.join(
    [
      sql`case`,
      ...bands.slice(0, -1).map((b, i) => sql`when coalesce(e.total, 0) >= ${b.min}::numeric then ${i}::int`),
      sql`else ${bands.length - 1}::int end`,
    ],
    sql` `,
  );
  const onlyScoreMember = memberId == null ? sql`` : sql` and m.id = ${memberId}`;
  await database.rows(sql`delete from duty_scores where org_id = ${orgId} and year = ${year}${onlyMember}`, tx);
  const scored = await database.rows<{ n: number }>(
    sql`with e as (
          select member_id, sum(points) as total,
                 count(distinct case when source_type in ('proposal', 'info_report') and points >= 0 then source_type || source_id end)::int as por,
                 count(distinct case when source_type = 'activity' and condition = 'attended' then source_id end)::int as acts
          from duty_entries where org_id = ${orgId} and year = ${year}${onlyMember} group by member_id),
        ins as (
          insert into duty_scores (org_id, year, member_id, sector_id, group_id, total, grade, band, proposals_or_reports, activities, meets_minimums, computed_at)
          select ${orgId}::bigint, ${year}::int, m.id, m.sector_id, m.group_id, coalesce(e.total, 0), ${grade}, ${band}, coalesce(e.por, 0), coalesce(e.acts, 0),
                 coalesce(e.por, 0) >= ${config.minProposalsOrReports}::int and coalesce(e.acts, 0) >= ${config.minActivities}::int, now()
          from members m left join e on e.member_id = m.id
          where m.org_id = ${orgId} and (m.active or e.member_id is not null)${onlyScoreMember}
          returning 1)
        select count(*)::int as n from ins`,
    tx,
  );
  return { entries, members: Number(scored[0]?.n ?? 0) };
}
