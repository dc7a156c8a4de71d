/**
 * Search over every record kind: activities, outcomes (成果), problem-list issues (问题清单), cooperation items
 * (合作事项) and 社情民意 reports — each found by its title and body, each seen only by those its module shows it to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, signedIn, type Client, type TestContext } from '../../../../test/helpers';
import { activityOrg, newActivity, type ActivityOrg, type MemberClient } from '../activities/activities.fixtures';
import { refreshAll } from './hooks';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const ok = (r: { statusCode: number; body: string }) => {
  expect(r.statusCode, r.body).toBe(200);
  return JSON.parse(r.body);
};

interface Hit {
  kind: string;
  id: number;
  orgId: number;
  link: string;
  status: string;
}
interface Bucket {
  key: string;
  label: string;
  count: number;
}
const find = (who: Client, orgId: number, q: string, extra = '') => who.get(`/api/orgs/${orgId}/search?q=${encodeURIComponent(q)}${extra}`);
/** `kind:id` of the hits. */
const keys = async (who: Client, orgId: number, q: string, extra = '') => {
  const r = await find(who, orgId, q, extra);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().hits as Hit[]).map((h) => `${h.kind}:${h.id}`);
};

/** Every record's body carries this word, for the kind facet. */
const COMMON = '试点示范';

describe('search over every record kind', () => {
  let o: ActivityOrg;
  let partner: ActivityOrg;
  let admin: Client;
  let infoStaff: Client;
  let author: MemberClient;
  let invitee: MemberClient;
  let bystander: MemberClient;
  let stranger: Client;
  let act: { id: number; version: number };
  let outcome: { id: number; version: number };
  let issueA: { id: number; version: number };
  let issueB: { id: number; version: number };
  let item: { id: number; version: number };
  let report: { id: number; version: number };

  beforeAll(async () => {
    [o, partner] = await Promise.all([activityOrg(ctx), activityOrg(ctx)]);
    // org_admin reads every kind (activity, cooperation and information reader); info_staff reads reports.
    admin = await signedIn(ctx, [{ orgId: o.org.id, role: 'org_admin' }]);
    infoStaff = await signedIn(ctx, [{ orgId: o.org.id, role: 'info_staff' }]);
    [author, invitee, bystander] = await Promise.all([o.member(), o.member(), o.member()]);
    stranger = await signedIn(ctx, [{ orgId: partner.org.id, role: 'member' }]);

    act = await newActivity(o.staff, o.org.id, {
      topic: '乡村振兴产业园建设专题协商',
      agenda: `<p>听取果园灌溉设施情况通报</p><p>${COMMON}</p>`,
    });
    ok(await o.staff.post(`/api/activities/${act.id}/participants`, { memberIds: [invitee.memberId] }));
    act = ok(await o.staff.post(`/api/activities/${act.id}/hold`, { version: ok(await o.staff.get(`/api/activities/${act.id}`)).version }));
    outcome = ok(
      await o.staff.post(`/api/activities/${act.id}/outcomes`, {
        kind: 'consultation_report',
        title: '关于冷链物流发展的协商报告',
        findings: `<p>农产品仓储设施不足，${COMMON}</p>`,
        recommendations: '<p>建设产地冷库</p>',
      }),
    );
    const withA = ok(
      await o.staff.post(`/api/activity-outcomes/${outcome.id}/issues`, {
        title: '乡镇污水泵站运行不正常',
        detail: `部分泵站长期停运，${COMMON}`,
        unitIds: [o.unitA.id],
      }),
    );
    const withB = ok(
      await o.staff.post(`/api/activity-outcomes/${outcome.id}/issues`, {
        title: '城区停车位供给不足',
        detail: `老旧小区停车难，${COMMON}`,
        unitIds: [o.unitB.id],
      }),
    );
    issueA = withA.issues.find((i: { title: string }) => i.title.includes('泵站'));
    issueB = withB.issues.find((i: { title: string }) => i.title.includes('停车位'));
    outcome = ok(await o.staff.get(`/api/activity-outcomes/${outcome.id}`));
    item = ok(
      await o.staff.post(`/api/orgs/${o.org.id}/coop-items`, {
        title: '川渝茶叶贸易合作',
        summary: `推动两地物流通道互联互通，${COMMON}`,
        parties: [{ orgId: partner.org.id }],
        points: [{ content: '共建茶叶交易中心', ownerParty: 0 }],
      }),
    );
    report = ok(
      await author.post(`/api/orgs/${o.org.id}/info-reports`, {
        title: '关于加强独居老人紧急呼叫服务的建议',
        situation: `老旧小区电梯加装进展缓慢，${COMMON}`,
        analysis: '',
        suggestion: '建议推广智能手环',
      }),
    );
  });

  it('finds each kind by a word of its title and a word of its body, with a link to its page', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['activity', `activity:${act.id}`, '产业园', '灌溉'],
      ['outcome', `outcome:${outcome.id}`, '冷链', '仓储'],
      ['problem_issue', `problem_issue:${issueA.id}`, '泵站', '停运'],
      ['coop_item', `coop_item:${item.id}`, '茶叶', '互联互通'],
    ];
    for (const [kind, key, title, body] of cases) {
      expect(await keys(admin, o.org.id, title), `${kind} by title`).toContain(key);
      expect(await keys(admin, o.org.id, body), `${kind} by body`).toContain(key);
    }
    // The report is a draft: its author finds it by title and body.
    expect(await keys(author, o.org.id, '独居老人')).toEqual([`info_report:${report.id}`]);
    expect(await keys(author, o.org.id, '电梯加装')).toEqual([`info_report:${report.id}`]);
    expect(await keys(admin, o.org.id, '量子计算')).toEqual([]);
    const links = Object.fromEntries(
      ((await find(admin, o.org.id, COMMON)).json().hits as Hit[]).map((h) => [`${h.kind}:${h.id}`, h.link]),
    );
    expect(links).toMatchObject({
      [`activity:${act.id}`]: `/activities/${act.id}`,
      [`outcome:${outcome.id}`]: `/activity-outcomes/${outcome.id}`,
      [`problem_issue:${issueA.id}`]: `/activity-outcomes/${outcome.id}`,
      [`coop_item:${item.id}`]: `/coop-items/${item.id}`,
    });
    expect((await find(author, o.org.id, '独居老人')).json().hits[0].link).toBe(`/info-reports/${report.id}`);
  });

  it('counts the kinds in the kind facet with Chinese labels, and filters by kind', async () => {
    // The report is still a draft: its author finds it, the admin does not.
    const before = (await find(admin, o.org.id, COMMON)).json();
    expect(before.facets.kind.find((b: Bucket) => b.key === 'info_report')).toBeUndefined();
    report = ok(await author.post(`/api/info-reports/${report.id}/submit`, { version: report.version }));
    const r = (await find(admin, o.org.id, COMMON)).json();
    const counts = Object.fromEntries((r.facets.kind as Bucket[]).map((b) => [b.key, [b.label, b.count]]));
    expect(counts).toEqual({
      activity: ['活动', 1],
      outcome: ['成果', 1],
      problem_issue: ['问题', 2],
      coop_item: ['合作事项', 1],
      info_report: ['社情民意', 1],
    });
    expect(r.total).toBe(6);
    // Years come from each record's own date: the activity's start (5 Dec 2025, China time), the others' creation.
    expect((r.hits as Array<Hit & { year: number }>).find((h) => h.kind === 'activity')?.year).toBe(2025);
    expect((r.facets.year as Bucket[]).find((b) => b.key === '2025')?.count).toBe(1);
    // The category facet stays proposal-only; the status facet is labelled in the record's kind.
    expect(r.facets.category).toEqual([]);
    expect((r.facets.status as Bucket[]).find((b) => b.key === 'open')).toMatchObject({ label: '待表态', count: 2 });
    expect(await keys(admin, o.org.id, COMMON, '&kind=problem_issue')).toEqual(
      expect.arrayContaining([`problem_issue:${issueA.id}`, `problem_issue:${issueB.id}`]),
    );
    expect((await keys(admin, o.org.id, COMMON, '&kind=problem_issue')).length).toBe(2);
    expect(await keys(admin, o.org.id, COMMON, `&kind=problem_issue&unit=${o.unitB.id}`)).toEqual([`problem_issue:${issueB.id}`]);
    const bad = await find(admin, o.org.id, COMMON, '&kind=meeting');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('类型');
  });

  it('shows a unit handler only the problem issues sent to its unit, linked to its inbox', async () => {
    const a = (await find(o.handlerA, o.org.id, COMMON)).json();
    expect((a.hits as Hit[]).map((h) => `${h.kind}:${h.id}`)).toEqual([`problem_issue:${issueA.id}`]);
    expect(a.hits[0].link).toBe('/problem-inbox');
    expect(await keys(o.handlerB, o.org.id, COMMON)).toEqual([`problem_issue:${issueB.id}`]);
    expect(await keys(o.handlerA, o.org.id, '停车位')).toEqual([]);
  });

  it('shows an activity to its invitees but not to other members; outcomes, items and reports to none of them', async () => {
    expect(await keys(invitee, o.org.id, COMMON)).toEqual([`activity:${act.id}`]);
    expect(await keys(bystander, o.org.id, COMMON)).toEqual([]);
  });

  it('shows a 社情民意 report to the information office once submitted and to its submitter, not to another member', async () => {
    expect(await keys(infoStaff, o.org.id, '独居老人')).toEqual([`info_report:${report.id}`]);
    expect(await keys(author, o.org.id, '独居老人')).toEqual([`info_report:${report.id}`]);
    expect(await keys(bystander, o.org.id, '独居老人')).toEqual([]);
    expect(await keys(invitee, o.org.id, '独居老人')).toEqual([]);
    // A new draft is the author's alone: the office does not find it.
    const draft = ok(
      await author.post(`/api/orgs/${o.org.id}/info-reports`, {
        title: '关于规范共享单车停放的建议',
        situation: '',
        analysis: '',
        suggestion: '',
      }),
    );
    expect(await keys(author, o.org.id, '共享单车')).toEqual([`info_report:${draft.id}`]);
    expect(await keys(infoStaff, o.org.id, '共享单车')).toEqual([]);
    expect(await keys(admin, o.org.id, '共享单车')).toEqual([]);
  });

  it('shows a cooperation item to the staff of its party organizations, in their own organization', async () => {
    expect(await keys(partner.staff, partner.org.id, '茶叶')).toEqual([`coop_item:${item.id}`]);
    const hit = (await find(partner.staff, partner.org.id, '茶叶')).json().hits[0];
    expect(hit.orgId).toBe(o.org.id);
    // A member of the party organization is no cooperation reader; a member of the owner neither.
    expect(await keys(stranger, partner.org.id, '茶叶')).toEqual([]);
    expect(await keys(bystander, o.org.id, '茶叶')).toEqual([]);
  });

  it('never shows another organization: 404 on its route, nothing with all=1', async () => {
    expect((await find(stranger, o.org.id, COMMON)).statusCode).toBe(404);
    expect((await find(partner.staff, o.org.id, COMMON)).statusCode).toBe(404);
    // The partner's admin reads the cooperation item it is a party of, nothing else of the owner's.
    const partnerAdmin = await signedIn(ctx, [{ orgId: partner.org.id, role: 'org_admin' }]);
    expect(await keys(partnerAdmin, partner.org.id, COMMON, '&all=1')).toEqual([`coop_item:${item.id}`]);
    const third = await activityOrg(ctx);
    const thirdAdmin = await signedIn(ctx, [{ orgId: third.org.id, role: 'org_admin' }]);
    expect((await find(thirdAdmin, o.org.id, COMMON)).statusCode).toBe(404);
    expect(await keys(thirdAdmin, third.org.id, COMMON, '&all=1')).toEqual([]);
    expect(await keys(thirdAdmin, third.org.id, '独居老人', '&all=1')).toEqual([]);
  });

  it("finds a joint activity from a partner organization's staff only after the partner accepts", async () => {
    const j = await newActivity(o.staff, o.org.id, { topic: '成渝地区双城经济圈联合视察' });
    ok(await o.staff.post(`/api/activities/${j.id}/orgs`, { orgId: partner.org.id }));
    const partnerAdmin = await signedIn(ctx, [{ orgId: partner.org.id, role: 'org_admin' }]);
    expect(await keys(partner.staff, partner.org.id, '双城经济圈')).toEqual([]);
    expect(await keys(partnerAdmin, partner.org.id, '双城经济圈')).toEqual([]);
    const inv = ok(await partnerAdmin.get(`/api/orgs/${partner.org.id}/joint-invitations`)).items.find(
      (i: { activity: { id: number } }) => i.activity.id === j.id,
    );
    ok(await partnerAdmin.post(`/api/activity-orgs/${inv.id}/accept`, { version: inv.version }));
    const hits = (await find(partner.staff, partner.org.id, '双城经济圈')).json().hits as Hit[];
    expect(hits.map((h) => `${h.kind}:${h.id}`)).toEqual([`activity:${j.id}`]);
    expect(hits[0].orgId).toBe(o.org.id);
    // The partner's plain members (not invited) and the partner's unit handlers still see nothing; a member the
    // partner invites does.
    expect(await keys(stranger, partner.org.id, '双城经济圈')).toEqual([]);
    expect(await keys(partner.handlerA, partner.org.id, '双城经济圈')).toEqual([]);
    const pm = await partner.member();
    expect(await keys(pm, partner.org.id, '双城经济圈')).toEqual([]);
    ok(await partner.staff.post(`/api/activities/${j.id}/participants`, { memberIds: [pm.memberId] }));
    expect(await keys(pm, partner.org.id, '双城经济圈')).toEqual([`activity:${j.id}`]);
    // Outcomes stay the host's: a partner never finds them.
    expect(await keys(partner.staff, partner.org.id, '冷链')).toEqual([]);
  });

  it('re-indexes an edit in the same transaction: the new words are found as soon as the command returns', async () => {
    const cur = ok(await o.staff.get(`/api/activities/${act.id}`));
    const edit = { topic: '智慧农业大棚专题协商' };
    // A refused edit (stale version) leaves the index as it was.
    expect((await o.staff.patch(`/api/activities/${act.id}`, { ...edit, version: cur.version + 5 })).statusCode).toBe(409);
    expect(await keys(admin, o.org.id, '大棚')).toEqual([]);
    ok(await o.staff.patch(`/api/activities/${act.id}`, { ...edit, version: cur.version }));
    expect(await keys(admin, o.org.id, '大棚')).toEqual([`activity:${act.id}`]);
    expect(await keys(admin, o.org.id, '产业园')).toEqual([]);

    const out = ok(await o.staff.get(`/api/activity-outcomes/${outcome.id}`));
    ok(
      await o.staff.patch(`/api/activity-outcomes/${outcome.id}`, {
        title: '关于跨境电商发展的协商报告',
        findings: out.findings,
        recommendations: out.recommendations,
        version: out.version,
      }),
    );
    expect(await keys(admin, o.org.id, '跨境电商')).toEqual([`outcome:${outcome.id}`]);
    ok(
      await o.staff.post(`/api/activity-outcomes/${outcome.id}/instructions`, {
        leader: '区委书记',
        level: '区',
        text: '请商务委牵头研究',
        instructedOn: '2025-12-10',
      }),
    );
    const hit = (await find(admin, o.org.id, '商务委')).json().hits[0];
    expect(hit).toMatchObject({ kind: 'outcome', id: outcome.id, status: 'instructed' });

    // A unit's answer and progress become searchable on its issue.
    ok(
      await o.handlerA.post(`/api/problem-issues/${issueA.id}/respond`, {
        commitment: '年内更换潜水泵',
        measures: '列入年度维修计划',
        plannedCompletion: '2026-06-30',
      }),
    );
    expect(await keys(o.handlerA, o.org.id, '潜水泵')).toEqual([`problem_issue:${issueA.id}`]);
    expect((await find(admin, o.org.id, '潜水泵')).json().hits[0].status).toBe('responded');

    const it0 = ok(await o.staff.get(`/api/coop-items/${item.id}`));
    ok(await o.staff.patch(`/api/coop-items/${item.id}`, { summary: '建设川渝茶马古道旅游线路', version: it0.version }));
    expect(await keys(partner.staff, partner.org.id, '茶马古道')).toEqual([`coop_item:${item.id}`]);

    const rep = ok(await infoStaff.get(`/api/info-reports/${report.id}`));
    ok(await infoStaff.post(`/api/info-reports/${rep.id}/accept`, { version: rep.version }));
    const ed = ok(await infoStaff.get(`/api/info-reports/${report.id}`));
    ok(
      await infoStaff.patch(`/api/info-reports/${report.id}`, {
        suggestion: '建议为独居老人配备烟雾报警器',
        version: ed.version,
        note: '补充建议',
      }),
    );
    expect(await keys(infoStaff, o.org.id, '烟雾报警器')).toEqual([`info_report:${report.id}`]);
    expect(await keys(author, o.org.id, '烟雾报警器')).toEqual([`info_report:${report.id}`]);
  });

  it('catches up records changed behind the commands (reindex of every kind)', async () => {
    await ctx.database.db.execute(sql`delete from search_documents where org_id = ${o.org.id} and kind <> 'proposal'`);
    expect(await keys(admin, o.org.id, COMMON)).toEqual([]);
    // The worker's pass is bounded per kind: one record of each of the five kinds, then the second activity
    // (the joint one), issue and report, then nothing.
    expect(await refreshAll(ctx.database, { orgId: o.org.id, maxPerKind: 1 })).toBe(5);
    expect(await refreshAll(ctx.database, { orgId: o.org.id, maxPerKind: 1 })).toBe(3);
    expect(await refreshAll(ctx.database, { orgId: o.org.id, maxPerKind: 1 })).toBe(0);
    await ctx.database.db.execute(sql`delete from search_documents where org_id = ${o.org.id} and kind <> 'proposal'`);
    expect(await refreshAll(ctx.database, { orgId: o.org.id })).toBeGreaterThanOrEqual(6);
    expect((await keys(admin, o.org.id, COMMON)).sort()).toEqual(
      [
        `activity:${act.id}`,
        `outcome:${outcome.id}`,
        `problem_issue:${issueA.id}`,
        `problem_issue:${issueB.id}`,
        `info_report:${report.id}`,
      ].sort(),
    );
    expect(await refreshAll(ctx.database, { orgId: o.org.id })).toBe(0);
  });
});
