import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ISSUE_TRANSITIONS, ISSUE_STATUSES, type IssueAction, type IssueStatus } from '@common/activities';
import { collectiveProposers, outbox } from '@server/db/schema/index';
import { createTestApp, type TestContext } from '../../../../test/helpers';
import { activityOrg, newActivity, type ActivityOrg } from './activities.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const ok = (r: { statusCode: number; body: string }) => {
  expect(r.statusCode, r.body).toBe(200);
  return JSON.parse(r.body);
};

/** A held activity with an outcome whose problem list has one issue sent to unit A (and B when `both`). */
async function withIssue(o: ActivityOrg, both = false) {
  const a = await newActivity(o.staff, o.org.id);
  ok(await o.staff.post(`/api/activities/${a.id}/hold`, { version: a.version }));
  const out = ok(await o.staff.post(`/api/activities/${a.id}/outcomes`, { kind: 'consultation_report', title: '关于推动生猪科技成果就地转化的协商报告', findings: '<p>中试基地不足</p>', recommendations: '<p>建设中试基地</p>' }));
  const withIssue = ok(
    await o.staff.post(`/api/activity-outcomes/${out.id}/issues`, { title: '科技成果本地转化率不高', detail: '中试熟化平台缺乏', unitIds: both ? [o.unitA.id, o.unitB.id] : [o.unitA.id], responseDue: '2025-12-09' }),
  );
  return { a, out: withIssue, issue: withIssue.issues[0] };
}

const ANSWER = { commitment: '年内建成中试基地', measures: '统筹专项资金，配套用地', plannedCompletion: '2026-06-30' };

/** Brings an issue to `status` through the API. */
async function issueIn(o: ActivityOrg, status: IssueStatus) {
  const { issue } = await withIssue(o);
  const cur = async () => ok(await o.staff.get(`/api/problem-issues/${issue.id}`));
  if (status === 'open') return cur();
  ok(await o.handlerA.post(`/api/problem-issues/${issue.id}/respond`, ANSWER));
  if (status === 'responded') return cur();
  if (status === 'in_progress') {
    ok(await o.handlerA.post(`/api/problem-issues/${issue.id}/progress`, { body: '已完成选址' }));
    return cur();
  }
  const c = await cur();
  const result = status === 'closed' ? 'resolved' : status;
  ok(await o.staff.post(`/api/problem-issues/${issue.id}/settle`, { result, reason: '用地指标暂缺', version: c.version }));
  if (status !== 'closed') return cur();
  const c2 = await cur();
  ok(await o.staff.post(`/api/problem-issues/${issue.id}/close`, { version: c2.version }));
  return cur();
}

describe('outcomes and leader instructions', () => {
  it('an outcome needs a held activity; a collective may author it; instructions are recorded; findings are sanitized', async () => {
    const o = await activityOrg(ctx);
    const a = await newActivity(o.staff, o.org.id);
    const early = await o.staff.post(`/api/activities/${a.id}/outcomes`, { kind: 'research_report', title: 'x' });
    expect(early.statusCode).toBe(409);
    ok(await o.staff.post(`/api/activities/${a.id}/hold`, { version: a.version }));
    const [c] = await ctx.database.db.insert(collectiveProposers).values({ orgId: o.org.id, kind: 'party', name: '民建巴南区委会' }).returning();
    const out = ok(await o.staff.post(`/api/activities/${a.id}/outcomes`, { kind: 'research_report', title: '智慧社区建设调研报告', collectiveId: c.id, findings: '<p>发现<img src=x onerror=alert(1)></p>' }));
    expect(out).toMatchObject({ authorKind: 'collective', authorName: '民建巴南区委会', findings: '<p>发现</p>', activityTopic: a.topic });
    const foreign = await o.staff.post(`/api/activities/${a.id}/outcomes`, { kind: 'research_report', title: 'x', collectiveId: 999999 });
    expect(foreign.statusCode).toBe(400);
    const future = await o.staff.post(`/api/activity-outcomes/${out.id}/instructions`, { leader: '区委书记', level: '区', text: '请区政府研究', instructedOn: '2099-01-01' });
    expect(future.statusCode).toBe(400);
    const withX = ok(await o.staff.post(`/api/activity-outcomes/${out.id}/instructions`, { leader: '区委书记', level: '区', text: '请区政府研究落实', instructedOn: '2025-12-10' }));
    expect(withX.instructions).toHaveLength(1);
    const edited = ok(await o.staff.patch(`/api/activity-outcomes/${out.id}`, { title: '智慧社区建设调研报告（定稿）', version: out.version }));
    expect(edited.title).toContain('定稿');
    expect((await o.staff.patch(`/api/activity-outcomes/${out.id}`, { title: 'y', version: out.version })).statusCode).toBe(409);
    // Leaders read it; a unit handler does not see outcomes (only their issues).
    expect(ok(await o.leader.get(`/api/activity-outcomes/${out.id}`)).id).toBe(out.id);
    expect((await o.handlerA.get(`/api/activity-outcomes/${out.id}`)).statusCode).toBe(403);
    const activity = ok(await o.staff.get(`/api/activities/${a.id}`));
    expect(activity.outcomes[0]).toMatchObject({ id: out.id, instructions: 1, issues: 0, authorName: '民建巴南区委会' });
  });
});

describe('problem list: every issue transition, allowed and refused', () => {
  const ACTIONS: IssueAction[] = ['respond', 'progress', 'converted', 'resolved', 'cannot_resolve', 'close'];
  const STATES: IssueStatus[] = ['open', 'responded', 'in_progress', 'converted', 'cannot_resolve', 'closed'];
  for (const action of ACTIONS) {
    for (const from of STATES) {
      const t = ISSUE_TRANSITIONS.find((x) => x.from === from && x.action === action);
      it(`${action} from ${from}: ${t ? `→ ${t.to}` : '409'}`, async () => {
        const o = await activityOrg(ctx);
        const issue = await issueIn(o, from);
        expect(issue.status).toBe(from);
        const who = action === 'respond' || action === 'progress' ? o.handlerA : o.staff;
        const r =
          action === 'respond'
            ? await who.post(`/api/problem-issues/${issue.id}/respond`, ANSWER)
            : action === 'progress'
              ? await who.post(`/api/problem-issues/${issue.id}/progress`, { body: '进展' })
              : action === 'close'
                ? await who.post(`/api/problem-issues/${issue.id}/close`, { version: issue.version })
                : await who.post(`/api/problem-issues/${issue.id}/settle`, { result: action, reason: '条件不具备', version: issue.version });
        if (t) {
          expect(r.statusCode, r.body).toBe(200);
          expect(r.json().status).toBe(t.to);
        } else {
          expect(r.statusCode, r.body).toBe(409);
          expect(r.json().code).toBe('issue_transition_refused');
        }
      });
    }
  }
  it('covers every status', () => expect(ISSUE_STATUSES.filter((s) => s !== 'resolved')).toEqual(STATES));

  it('roles: a unit may not close; the office may not answer; cannot_resolve needs a reason; stale version 409', async () => {
    const o = await activityOrg(ctx);
    const issue = await issueIn(o, 'responded');
    expect((await o.staff.post(`/api/problem-issues/${issue.id}/respond`, ANSWER)).statusCode).toBe(403);
    const noReason = await o.handlerA.post(`/api/problem-issues/${issue.id}/settle`, { result: 'cannot_resolve', version: issue.version });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    expect((await o.handlerA.post(`/api/problem-issues/${issue.id}/settle`, { result: 'resolved', version: issue.version - 1 })).statusCode).toBe(409);
    const settled = ok(await o.handlerA.post(`/api/problem-issues/${issue.id}/settle`, { result: 'resolved', version: issue.version }));
    expect((await o.handlerA.post(`/api/problem-issues/${issue.id}/close`, { version: settled.version })).statusCode).toBe(403);
  });
});

describe('departments see only their own issues', () => {
  it('the inbox lists the issues of the caller’s units; other units get 404; each unit answers its share', async () => {
    const o = await activityOrg(ctx);
    const { issue, out } = await withIssue(o, true);
    const onlyA = (await withIssue(o)).issue;
    const inboxA = ok(await o.handlerA.get(`/api/orgs/${o.org.id}/problem-inbox`));
    const inboxB = ok(await o.handlerB.get(`/api/orgs/${o.org.id}/problem-inbox`));
    expect(inboxA.items.map((i: { id: number }) => i.id).sort()).toEqual([issue.id, onlyA.id].sort());
    expect(inboxB.items.map((i: { id: number }) => i.id)).toEqual([issue.id]);
    expect((await o.handlerB.get(`/api/problem-issues/${onlyA.id}`)).statusCode).toBe(404);
    expect((await o.handlerB.post(`/api/problem-issues/${onlyA.id}/respond`, ANSWER)).statusCode).toBe(404);
    // The handlers were notified when the issue was sent.
    const sent = (await ctx.database.db.select().from(outbox).where(eq(outbox.eventType, 'problem_issue.assigned'))).filter((e) =>
      (e.payload as { recipients: number[] }).recipients.includes(o.handlerB.accountId),
    );
    expect(sent).toHaveLength(1);
    const a1 = ok(await o.handlerA.post(`/api/problem-issues/${issue.id}/respond`, ANSWER));
    expect(a1.status).toBe('responded');
    const b1 = ok(await o.handlerB.post(`/api/problem-issues/${issue.id}/respond`, { ...ANSWER, commitment: '保障资金' }));
    expect(b1.status).toBe('responded');
    expect(b1.units.map((u: { commitment: string }) => u.commitment)).toEqual([ANSWER.commitment, '保障资金']);
    expect(ok(await o.handlerA.get(`/api/orgs/${o.org.id}/problem-inbox?status=open`)).items.map((i: { id: number }) => i.id)).toEqual([onlyA.id]);
    const m = await o.member();
    expect((await m.get(`/api/problem-issues/${issue.id}`)).statusCode).toBe(404);
    expect(out.issues).toHaveLength(1);
    const badUnit = await o.staff.post(`/api/activity-outcomes/${out.id}/issues`, { title: 'x', unitIds: [999999] });
    expect(badUnit.statusCode).toBe(400);
    expect(badUnit.json().field).toBe('unitIds');
  });
});

describe('a department’s inbox in deadline order', () => {
  it('pages by due day (earliest first) or latest first, and follows status changes made on the issue', async () => {
    const o = await activityOrg(ctx);
    const a = await newActivity(o.staff, o.org.id);
    ok(await o.staff.post(`/api/activities/${a.id}/hold`, { version: a.version }));
    const out = ok(await o.staff.post(`/api/activities/${a.id}/outcomes`, { kind: 'consultation_report', title: '协商报告', findings: '<p>x</p>', recommendations: '<p>y</p>' }));
    const dues = ['2026-03-02', '2026-01-05', '2026-02-02'];
    const ids: number[] = [];
    for (const [i, responseDue] of dues.entries()) {
      const r = ok(await o.staff.post(`/api/activity-outcomes/${out.id}/issues`, { title: `问题${i + 1}`, unitIds: [o.unitA.id], responseDue }));
      ids.push(r.issues[r.issues.length - 1].id);
    }
    const walk = async (query: string) => {
      const seen: Array<[string, number]> = [];
      let cursor: string | null = null;
      do {
        const page: { items: Array<{ id: number; responseDue: string }>; nextCursor: string | null } = ok(
          await o.handlerA.get(`/api/orgs/${o.org.id}/problem-inbox?limit=1${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        );
        seen.push(...page.items.map((x): [string, number] => [x.responseDue, x.id]));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 10);
      return seen;
    };
    expect(await walk('')).toEqual([['2026-01-05', ids[1]], ['2026-02-02', ids[2]], ['2026-03-02', ids[0]]]);
    expect(await walk('&order=recent')).toEqual([['2026-03-02', ids[0]], ['2026-02-02', ids[2]], ['2026-01-05', ids[1]]]);
    // The status filter reads the unit rows' copy of the issue's status: an answer moves the issue out of 待表态.
    ok(await o.handlerA.post(`/api/problem-issues/${ids[1]}/respond`, ANSWER));
    expect((await walk('&status=open')).map((x) => x[1])).toEqual([ids[2], ids[0]]);
    expect((await walk('&status=responded')).map((x) => x[1])).toEqual([ids[1]]);
    const bad = await o.handlerA.get(`/api/orgs/${o.org.id}/problem-inbox?order=oldest`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('order');
  });
});

describe('statistics come from the records', () => {
  it('outcomes converted, problems solved, leader instructions, overdue answers', async () => {
    const o = await activityOrg(ctx);
    await issueIn(o, 'converted');
    await issueIn(o, 'closed'); // resolved, then closed
    await issueIn(o, 'open'); // response due 2025-12-09: overdue
    const { out } = await withIssue(o);
    ok(await o.staff.post(`/api/activity-outcomes/${out.id}/instructions`, { leader: '区长', level: '区', text: '同意', instructedOn: '2025-12-10' }));
    const s = ok(await o.leader.get(`/api/orgs/${o.org.id}/activity-stats`));
    expect(s).toEqual({
      activities: 4,
      held: 4,
      jointHosted: 0,
      jointJoined: 0,
      outcomes: 4,
      outcomesConverted: 1,
      instructions: 1,
      issues: 4,
      issuesResponded: 2,
      issuesConverted: 1,
      issuesResolved: 1,
      issuesOverdue: 2,
    });
  });
});
