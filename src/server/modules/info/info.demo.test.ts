import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INFO_STATUSES } from '@common/info';
import { loadDemo } from '@server/demo/load';
import { freshDatabase } from '../../../../test/helpers';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
  expect((await loadDemo(db.database)).status).toBe('loaded');
}, 180_000);
afterAll(() => db?.drop());

const rows = <T>(q: ReturnType<typeof sql>) => db.database.rows<T>(q);

describe('demo 社情民意', () => {
  it('秀山 holds reports in every state; 田晓峰 has a draft, a returned, a submitted and an instructed report', async () => {
    const st = await rows<{ status: string }>(
      sql`select distinct r.status from info_reports r join organizations o on o.id = r.org_id where o.code = 'cq-xiushan'`,
    );
    expect(st.map((s) => s.status).sort()).toEqual([...INFO_STATUSES].sort());
    const mine = await rows<{ status: string }>(sql`
      select r.status from info_reports r join info_report_authors a on a.report_id = r.id join members m on m.id = a.member_id
      where m.name = '田晓峰' and a.role = 'first' order by r.status`);
    expect(mine.map((m) => m.status)).toEqual(expect.arrayContaining(['draft', 'instructed', 'returned', 'submitted']));
  });

  it('荣昌 has exactly five leader instructions on information reports', async () => {
    const [n] = await rows<{ n: number }>(
      sql`select count(*)::int as n from info_report_instructions i join organizations o on o.id = i.org_id where o.code = 'cq-rongchang'`,
    );
    expect(Number(n.n)).toBe(5);
  });

  it('issue numbers are gapless per organization and year, and every issued report is in an issue', async () => {
    const gaps = await rows<{ org_id: number; year: number; n: number; max: number; last: number }>(sql`
      select i.org_id, i.year, count(*)::int as n, max(i.number)::int as max, c.last_number as last
      from info_issues i join info_issue_counters c on c.org_id = i.org_id and c.year = i.year group by i.org_id, i.year, c.last_number`);
    expect(gaps.length).toBeGreaterThan(2);
    for (const g of gaps) expect([Number(g.n), Number(g.max)]).toEqual([Number(g.last), Number(g.last)]);
    const [orphans] = await rows<{ n: number }>(
      sql`select count(*)::int as n from info_reports where status in ('issued','adopted','instructed','fed_back','archived') and (issue_id is null or issued_at is null)`,
    );
    expect(Number(orphans.n)).toBe(0);
  });

  it('proposals the demo converted to 社情民意 (if any) arrived as reports linked to their origin', async () => {
    const [c] = await rows<{ items: number; reports: number }>(sql`
      select (select count(*) from converted_items where kind = 'social_info')::int as items,
             (select count(*) from info_reports where origin_proposal_id is not null)::int as reports`);
    expect(Number(c.reports)).toBe(Number(c.items));
  });
});
