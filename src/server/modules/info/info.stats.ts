/**
 * 社情民意 statistics: received, issued (采用 into a bulletin), issues, adopted upward and instructed (by level),
 * fed back — per month, submitter, sector and organization, all as SQL aggregates over one year (China time).
 */
import { sql, type SQL } from 'drizzle-orm';
import { INFO_LEVELS, type InfoLevel, type InfoStatsRow, type InfoStatsView } from '@common/info';
import type { Database } from '@server/db/client';

type CountRow = {
  key: string | number | null;
  label: string | null;
  received: number;
  issued: number;
  adopted: number;
  instructed: number;
  fed_back: number;
};

/**
 * Every countable event of the year as (kind, report_id, local time): a submission, an issue, each adoption,
 * each instruction, each feedback. Drafts are never counted.
 */
function events(orgIds: number[], year: number): SQL {
  const from = `${year}-01-01`;
  const to = `${year + 1}-01-01`;
  return sql`events as (
    select 'received' as k, r.id as report_id, (r.submitted_at at time zone 'Asia/Shanghai') as t from info_reports r
      where r.org_id in ${orgIds} and r.status <> 'draft' and r.submitted_at >= ${from}::timestamp at time zone 'Asia/Shanghai' and r.submitted_at < ${to}::timestamp at time zone 'Asia/Shanghai'
    union all
    select 'issued', r.id, (r.issued_at at time zone 'Asia/Shanghai') from info_reports r
      where r.org_id in ${orgIds} and r.issued_at >= ${from}::timestamp at time zone 'Asia/Shanghai' and r.issued_at < ${to}::timestamp at time zone 'Asia/Shanghai'
    union all
    select 'adopted', a.report_id, a.adopted_on::timestamp from info_report_adoptions a where a.org_id in ${orgIds} and a.adopted_on >= ${from}::date and a.adopted_on < ${to}::date
    union all
    select 'instructed', i.report_id, i.instructed_on::timestamp from info_report_instructions i where i.org_id in ${orgIds} and i.instructed_on >= ${from}::date and i.instructed_on < ${to}::date
    union all
    select 'fed_back', f.report_id, f.fed_back_on::timestamp from info_report_feedback f where f.org_id in ${orgIds} and f.fed_back_on >= ${from}::date and f.fed_back_on < ${to}::date
  )`;
}

const COUNTS = sql`count(*) filter (where e.k = 'received')::int as received,
  count(*) filter (where e.k = 'issued')::int as issued,
  count(*) filter (where e.k = 'adopted')::int as adopted,
  count(*) filter (where e.k = 'instructed')::int as instructed,
  count(distinct e.report_id) filter (where e.k = 'fed_back')::int as fed_back`;

const toRow = (r: CountRow, label?: string): InfoStatsRow => ({
  key: String(r.key ?? ''),
  label: label ?? r.label ?? '',
  received: Number(r.received),
  issued: Number(r.issued),
  adopted: Number(r.adopted),
  instructed: Number(r.instructed),
  fedBack: Number(r.fed_back),
});

/** The statistics of one organization's year; `byOrg` adds its direct child organizations (counts only). */
export async function infoStats(database: Database, orgId: number, year: number): Promise<InfoStatsView> {
  const ev = events([orgId], year);
  const children = await database.rows<{ id: number }>(sql`select id from organizations where parent_id = ${orgId} order by id`);
  const orgIds = [orgId, ...children.map((c) => Number(c.id))];
  const [totals, issues, byLevel, byMonth, bySubmitter, bySector, byOrg] = await Promise.all([
    database.rows<CountRow>(sql`with ${ev} select null as key, null as label, ${COUNTS} from events e`),
    database.rows<{ n: number }>(sql`select count(*)::int as n from info_issues where org_id = ${orgId} and year = ${year}`),
    database.rows<{ k: string; level: string; n: number }>(sql`
      select 'adopted' as k, level, count(*)::int as n from info_report_adoptions where org_id = ${orgId} and adopted_on >= ${`${year}-01-01`}::date and adopted_on < ${`${year + 1}-01-01`}::date group by level
      union all
      select 'instructed', level, count(*)::int from info_report_instructions where org_id = ${orgId} and instructed_on >= ${`${year}-01-01`}::date and instructed_on < ${`${year + 1}-01-01`}::date group by level`),
    database.rows<CountRow>(sql`with ${ev} select to_char(e.t, 'MM') as key, null as label, ${COUNTS} from events e group by 1 order by 1`),
    database.rows<CountRow>(sql`with ${ev}
      select r.submitter_name as key, r.submitter_name as label, ${COUNTS}
      from events e join info_reports r on r.id = e.report_id group by r.submitter_name order by received desc, issued desc, r.submitter_name limit 50`),
    database.rows<CountRow>(sql`with ${ev}
      select coalesce(s.id::text, '') as key, s.name as label, ${COUNTS}
      from events e
      left join info_report_authors fa on fa.report_id = e.report_id and fa.role = 'first'
      left join members m on m.id = fa.member_id
      left join sectors s on s.id = m.sector_id
      group by s.id, s.name order by received desc, issued desc, s.name`),
    database.rows<CountRow>(sql`with ${events(orgIds, year)}
      select o.id as key, o.short_name as label, ${COUNTS}
      from organizations o left join info_reports r on r.org_id = o.id left join events e on e.report_id = r.id
      where o.id in ${orgIds} group by o.id, o.short_name order by (o.id <> ${orgId}), o.id`),
  ]);
  const months = new Map(byMonth.map((m) => [String(m.key), m]));
  const levelCounts = (k: string) =>
    INFO_LEVELS.map((level) => ({ level: level as InfoLevel, count: Number(byLevel.find((b) => b.k === k && b.level === level)?.n ?? 0) }));
  const t = toRow(totals[0]);
  return {
    year,
    totals: {
      received: t.received,
      issued: t.issued,
      issues: Number(issues[0]?.n ?? 0),
      adopted: t.adopted,
      instructed: t.instructed,
      fedBack: t.fedBack,
    },
    adoptedByLevel: levelCounts('adopted'),
    instructedByLevel: levelCounts('instructed'),
    byMonth: Array.from({ length: 12 }, (_, i) => {
      const key = String(i + 1).padStart(2, '0');
      const m = months.get(key);
      return m ? toRow(m, `${i + 1}月`) : { key, label: `${i + 1}月`, received: 0, issued: 0, adopted: 0, instructed: 0, fedBack: 0 };
    }),
    bySubmitter: bySubmitter.map((r) => toRow(r)),
    bySector: bySector.map((r) => toRow(r, r.label ?? '（未注明界别）')),
    byOrg: byOrg.map((r) => toRow(r)),
  };
}
