import { sql } from 'drizzle-orm';
import type { ActivityDashboardView } from '@common/joint';
import type { Database } from '@server/db/client';
import { activities, activityOrgs, activityParticipants, memberGroups, members, problemIssues, sectors } from '@server/db/schema/index';
import { chinaDayStart, yearScope } from './activities.repo';

const n = (v: unknown) => Number(v ?? 0);
/** China-time month of a timestamptz without relying on the server's time-zone data. */
const chinaMonth = (col: string) => sql.raw(`extract(month from (${col} at time zone 'UTC') + interval '8 hours')::int`);

/**
 * The activities dashboard (活动概况) of one organization and year, every figure a SQL aggregate: the organization's
 * own activities plus the joint ones it accepted (`yearScope`: two index-served branches of a UNION ALL);
 * attendance from that year's activities through activity_participants_activity_idx (participants carry their own
 * organization, so a partner's members count for the partner); the problem list through problem_issues_org_status_idx.
 * Seven statements, run concurrently.
 */
export async function dashboard(database: Database, orgId: number, year: number, today: string): Promise<ActivityDashboardView> {
  const from = chinaDayStart(`${year}-01-01`).toISOString();
  const to = chinaDayStart(`${year + 1}-01-01`).toISOString();
  const scope = yearScope(orgId, from, to);
  const attendance = (table: typeof memberGroups, col: 'group_id' | 'sector_id') => sql`
    select g.id, coalesce(g.name, '') as name,
           count(*)::int as invited,
           count(*) filter (where p.attendance = 'attended')::int as attended,
           count(*) filter (where p.attendance = 'on_leave')::int as on_leave,
           count(*) filter (where p.attendance = 'absent')::int as absent
      from (${scope}) s
      join ${activityParticipants} p on p.activity_id = s.id and p.org_id = ${orgId} and p.kind = 'member'
      join ${members} m on m.id = p.member_id
      left join ${table} g on g.id = m.${sql.raw(col)}
     where s.status in ('held', 'minutes_filed', 'closed')
     group by g.id, g.name
     order by g.id nulls last
     limit 500`;
  type Att = { id: number | null; name: string; invited: number; attended: number; on_leave: number; absent: number };
  const [byTypeMonth, byStatus, span, groups, sectorRows, problems, joint] = await Promise.all([
    database.rows<{ type: string; month: number; count: number }>(sql`
      select type, ${chinaMonth('starts_at')} as month, count(*)::int as count
        from (${scope}) s where status <> 'cancelled' group by 1, 2 order by 1, 2`),
    database.rows<{ status: string; count: number }>(sql`select status, count(*)::int as count from (${scope}) s group by 1 order by 1`),
    database.rows<{ lo: string | Date | null; hi: string | Date | null }>(sql`
      select min(lo) as lo, max(hi) as hi from (
        select min(${activities.startsAt}) as lo, max(${activities.startsAt}) as hi from ${activities} where ${activities.orgId} = ${orgId}
        union all
        select min(o.starts_at), max(o.starts_at) from ${activityOrgs} o where o.org_id = ${orgId} and o.status = 'accepted') s`),
    database.rows<Att>(attendance(memberGroups, 'group_id')),
    database.rows<Att>(attendance(sectors, 'sector_id')),
    database.rows<Record<string, number>>(sql`
      select count(*)::int as issues,
             count(*) filter (where i.status <> 'open')::int as responded,
             count(*) filter (where i.result = 'converted')::int as converted,
             count(*) filter (where i.result = 'resolved')::int as resolved,
             count(*) filter (where i.result = 'cannot_resolve')::int as cannot_resolve,
             count(*) filter (where i.status = 'open' and i.response_due < ${today})::int as overdue
        from ${problemIssues} i join ${activities} a on a.id = i.activity_id
       where i.org_id = ${orgId} and a.starts_at >= ${from} and a.starts_at < ${to}`),
    database.rows<Record<string, number>>(sql`
      select
        (select count(distinct o.activity_id) from ${activityOrgs} o
          where o.host_org_id = ${orgId} and o.status = 'accepted' and o.starts_at >= ${from} and o.starts_at < ${to})::int as hosted,
        (select count(*) from ${activityOrgs} o
          where o.org_id = ${orgId} and o.status = 'accepted' and o.starts_at >= ${from} and o.starts_at < ${to})::int as joined,
        (select count(*) from ${activityOrgs} where org_id = ${orgId} and status = 'invited')::int as pending,
        (select count(*) from ${activityOrgs} where host_org_id = ${orgId} and status = 'invited')::int as sent`),
  ]);
  const yearOf = (v: string | Date | null) => (v == null ? null : Number(new Date(new Date(v).getTime() + 8 * 3_600_000).toISOString().slice(0, 4)));
  const lo = yearOf(span[0]?.lo ?? null) ?? year;
  const hi = yearOf(span[0]?.hi ?? null) ?? year;
  const years: number[] = [];
  for (let y = Math.min(lo, year); y <= Math.max(hi, year); y++) years.push(y);
  const bucket = (r: Att) => ({
    id: r.id == null ? null : Number(r.id),
    name: r.name,
    invited: n(r.invited),
    attended: n(r.attended),
    onLeave: n(r.on_leave),
    absent: n(r.absent),
    rate: n(r.invited) ? Math.round((1000 * n(r.attended)) / n(r.invited)) / 10 : null,
  });
  const p = problems[0] ?? {};
  const j = joint[0] ?? {};
  return {
    year,
    years,
    byTypeMonth: byTypeMonth.map((r) => ({ type: r.type, month: n(r.month), count: n(r.count) })),
    byStatus: byStatus.map((r) => ({ status: r.status, count: n(r.count) })),
    attendanceByGroup: groups.map(bucket),
    attendanceBySector: sectorRows.map(bucket),
    problems: {
      issues: n(p.issues),
      responded: n(p.responded),
      converted: n(p.converted),
      resolved: n(p.resolved),
      cannotResolve: n(p.cannot_resolve),
      overdue: n(p.overdue),
    },
    joint: { hosted: n(j.hosted), joined: n(j.joined), invitationsPending: n(j.pending), invitationsSent: n(j.sent) },
  };
}
