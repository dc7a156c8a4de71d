import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, activityOutcomes, infoReportInstructions, infoReports, outcomeInstructions, proposals } from '@server/db/schema/index';
import { todayInChina } from '@server/lib/workdays';
import { createOrg, createTestApp, signedIn, type TestContext } from '../../../../test/helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const ok = (r: { statusCode: number; body: string }) => {
  expect(r.statusCode, r.body).toBe(200);
  return JSON.parse(r.body) as { items: Array<{ id: number; label: string; date: string | null }> };
};

/** An organization with its office, a leader and a member, and a few records of every link kind. */
async function orgWithRecords(tag: string) {
  const { db } = ctx.database;
  const org = await createOrg(ctx.database);
  const staff = await signedIn(ctx, [{ orgId: org.id, role: 'general_staff' }]);
  const admin = await signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }]);
  const leader = await signedIn(ctx, [{ orgId: org.id, role: 'leader' }]);
  const member = await signedIn(ctx, [{ orgId: org.id, role: 'member' }]);
  const act = (topic: string, day: string, status = 'held') => ({
    orgId: org.id,
    type: '专题协商会',
    topic: `${tag}${topic}`,
    organizerKind: 'office',
    organizerName: '办公室',
    startsAt: new Date(`${day}T01:00:00Z`),
    endsAt: new Date(`${day}T04:00:00Z`),
    status,
  });
  const [older, newer, cancelled] = await db
    .insert(activities)
    .values([act('乡村振兴专题协商', '2025-09-10'), act('营商环境专题协商', '2025-11-20'), act('已取消的协商', '2025-12-01', 'cancelled')])
    .returning();
  const prop = (subject: string, state: string, numberLabel: string | null) => ({
    orgId: org.id,
    kind: 'member',
    subject: `${tag}${subject}`,
    state,
    numberLabel,
    submittedAt: state === 'draft' ? null : new Date('2026-01-05T02:00:00Z'),
    createdByAccountId: staff.accountId,
  });
  const [p1, p2, draft] = await db
    .insert(proposals)
    .values([
      prop('关于开通公交线路的建议', 'registered', '第12号'),
      prop('关于改善农村饮水的建议', 'submitted', null),
      prop('草稿提案', 'draft', null),
    ])
    .returning();
  const [outcome] = await db
    .insert(activityOutcomes)
    .values({ orgId: org.id, activityId: newer.id, kind: 'consultation_report', title: `${tag}营商环境协商报告` })
    .returning();
  const [oi1, oi2] = await db
    .insert(outcomeInstructions)
    .values([
      { orgId: org.id, outcomeId: outcome.id, leader: '王书记', level: '市', text: '请市发改委研究', instructedOn: '2025-12-01' },
      { orgId: org.id, outcomeId: outcome.id, leader: '李区长', level: '区', text: '请落实', instructedOn: '2025-12-10' },
    ])
    .returning();
  const [report] = await db
    .insert(infoReports)
    .values({ orgId: org.id, title: `${tag}关于留守老人助餐的建议`, status: 'issued', submitterName: '某委员' })
    .returning();
  const [ii] = await db
    .insert(infoReportInstructions)
    .values({ orgId: org.id, reportId: report.id, leader: '张市长', level: 'municipal', text: '请民政局办理', instructedOn: '2026-01-08' })
    .returning();
  return { org, staff, admin, leader, member, older, newer, cancelled, p1, p2, draft, oi1, oi2, ii };
}

const url = (orgId: number, query: string) => `/api/orgs/${orgId}/work-link-candidates?${query}`;

describe('work-link candidates (the fulfilment form’s record picker)', () => {
  it('offers the office its own records of each kind, newest first, with readable labels and dates', async () => {
    const o = await orgWithRecords('甲');
    const acts = ok(await o.staff.get(url(o.org.id, 'kind=activity'))).items;
    // cancelled activities are not offered; newest start first
    expect(acts).toEqual([
      { id: o.newer.id, label: '甲营商环境专题协商（专题协商会）', date: '2025-11-20' },
      { id: o.older.id, label: '甲乡村振兴专题协商（专题协商会）', date: '2025-09-10' },
    ]);
    const props = ok(await o.admin.get(url(o.org.id, 'kind=proposal'))).items;
    // drafts are not offered; the number label leads when there is one
    expect(props.map((x) => x.id)).toEqual([o.p2.id, o.p1.id]);
    expect(props[1]).toEqual({ id: o.p1.id, label: '第12号 甲关于开通公交线路的建议', date: '2026-01-05' });
    const ois = ok(await o.staff.get(url(o.org.id, 'kind=outcome_instruction'))).items;
    expect(ois).toEqual([
      { id: o.oi2.id, label: '李区长（区）批示：甲营商环境协商报告', date: '2025-12-10' },
      { id: o.oi1.id, label: '王书记（市）批示：甲营商环境协商报告', date: '2025-12-01' },
    ]);
    const iis = ok(await o.staff.get(url(o.org.id, 'kind=info_instruction'))).items;
    expect(iis).toEqual([{ id: o.ii.id, label: '张市长（市）批示：甲关于留守老人助餐的建议', date: '2026-01-08' }]);
    // limit caps the list (at most 20)
    expect(ok(await o.staff.get(url(o.org.id, 'kind=activity&limit=1'))).items.map((x) => x.id)).toEqual([o.newer.id]);
    expect((await o.staff.get(url(o.org.id, 'kind=activity&limit=21'))).statusCode).toBe(400);
  });

  it('q narrows on the title, the number label, and for instructions on the leader and the text; wildcards are literal', async () => {
    const o = await orgWithRecords('乙');
    const ids = async (query: string) => ok(await o.staff.get(url(o.org.id, query))).items.map((x) => x.id);
    expect(await ids(`kind=activity&q=${encodeURIComponent('乡村')}`)).toEqual([o.older.id]);
    expect(await ids(`kind=proposal&q=${encodeURIComponent('饮水')}`)).toEqual([o.p2.id]);
    expect(await ids(`kind=proposal&q=${encodeURIComponent('第12号')}`)).toEqual([o.p1.id]);
    expect(await ids(`kind=proposal&q=${encodeURIComponent('草稿')}`)).toEqual([]);
    expect(await ids(`kind=outcome_instruction&q=${encodeURIComponent('王书记')}`)).toEqual([o.oi1.id]);
    expect(await ids(`kind=outcome_instruction&q=${encodeURIComponent('落实')}`)).toEqual([o.oi2.id]);
    expect(await ids(`kind=outcome_instruction&q=${encodeURIComponent('营商')}`)).toEqual([o.oi2.id, o.oi1.id]);
    expect(await ids(`kind=info_instruction&q=${encodeURIComponent('助餐')}`)).toEqual([o.ii.id]);
    expect(await ids(`kind=info_instruction&q=${encodeURIComponent('民政局')}`)).toEqual([o.ii.id]);
    expect(await ids(`kind=info_instruction&q=${encodeURIComponent('交通')}`)).toEqual([]);
    expect(await ids('kind=activity&q=%25')).toEqual([]);
    expect(await ids('kind=activity&q=_')).toEqual([]);
  });

  it('never shows another organization’s records; outsiders get 404, members and leaders are refused like the fulfilment POST', async () => {
    const a = await orgWithRecords('丙');
    const b = await orgWithRecords('丙');
    // b's office sees only b's records even with the same words in the titles
    const bActs = ok(await b.staff.get(url(b.org.id, 'kind=activity'))).items.map((x) => x.id);
    expect(bActs).toEqual([b.newer.id, b.older.id]);
    for (const kind of ['activity', 'proposal', 'outcome_instruction', 'info_instruction']) {
      const r = await b.staff.get(url(a.org.id, `kind=${kind}`));
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('not_found');
    }
    expect((await a.member.get(url(a.org.id, 'kind=activity'))).statusCode).toBe(403);
    expect((await a.leader.get(url(a.org.id, 'kind=proposal'))).statusCode).toBe(403);
    // the same callers are refused by the fulfilment POST (the policy the picker follows)
    const ob = await a.staff.post(`/api/orgs/${a.org.id}/work-obligations`, {
      name: '每年交办一批重点工作',
      frequency: 'yearly',
      startDate: '2025-01-01',
    });
    expect(ob.statusCode, ob.body).toBe(200);
    const fulfil = (c: typeof a.leader) =>
      c.post(`/api/work-obligations/${ob.json().id}/fulfilments`, { fulfilledOn: todayInChina(), note: 'x' });
    expect((await fulfil(a.leader)).statusCode).toBe(403);
    expect((await fulfil(a.member)).statusCode).toBe(403);
  });

  it('validates the kind (400 naming kind) and the search text', async () => {
    const o = await orgWithRecords('丁');
    for (const query of ['', 'kind=nope', 'kind=fulfilment']) {
      const r = await o.staff.get(url(o.org.id, query));
      expect(r.statusCode, query).toBe(400);
      expect(r.json().field).toBe('kind');
    }
    const long = await o.staff.get(url(o.org.id, `kind=activity&q=${'长'.repeat(101)}`));
    expect(long.statusCode).toBe(400);
    expect(long.json().field).toBe('q');
  });

  it('a picked candidate is accepted by the fulfilment POST (same organization rule)', async () => {
    const o = await orgWithRecords('戊');
    const ob = await o.staff.post(`/api/orgs/${o.org.id}/work-obligations`, {
      name: '每年交办一批重点工作',
      frequency: 'yearly',
      startDate: '2025-01-01',
    });
    expect(ob.statusCode, ob.body).toBe(200);
    for (const kind of ['activity', 'proposal', 'outcome_instruction', 'info_instruction'] as const) {
      const [first] = ok(await o.staff.get(url(o.org.id, `kind=${kind}`))).items;
      const r = await o.staff.post(`/api/work-obligations/${ob.json().id}/fulfilments`, {
        fulfilledOn: todayInChina(),
        note: `关联${kind}`,
        linkKind: kind,
        linkId: first.id,
      });
      expect(r.statusCode, `${kind}: ${r.body}`).toBe(200);
    }
  });
});
