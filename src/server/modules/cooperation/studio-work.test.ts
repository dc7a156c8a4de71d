import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import {
  DEFAULT_RATING_CONFIG,
  REQUEST_ACTIONS,
  REQUEST_STATUSES,
  REQUEST_TRANSITIONS,
  SHIFT_ACTIONS,
  SHIFT_STATUSES,
  SHIFT_TRANSITIONS,
  rateStudios,
  shiftActionsFor,
  starsOf,
  type RequestAction,
  type RequestStatus,
} from '@common/studios';
import {
  activities,
  auditLog,
  coopItemMembers,
  infoReportAuthors,
  infoReports,
  members,
  memberStudios,
  outbox,
  proposalProposers,
  proposals,
  recordLinks,
  studioRequests,
  studioShifts,
} from '@server/db/schema/index';
import { todayInChina } from '@server/lib/workdays';
import { DEFAULT_DUTY_SETTINGS } from '@common/duty';
import { createAccount, createTestApp, login, uniq, type Client, type TestContext } from '../../../../test/helpers';
import { coopOrg, ok, type CoopOrg } from './cooperation.fixtures';

let ctx: TestContext;
let A: CoopOrg;
let B: CoopOrg;
beforeAll(async () => {
  ctx = await createTestApp();
  [A, B] = [await coopOrg(ctx), await coopOrg(ctx)];
});
afterAll(() => ctx.close());

const auditActions = async (orgId: number, entityType: string, entityId: number) =>
  (
    await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
  ).map((r) => r.action);

/** A studio of `o` with two members (the first signed in as a member account), and a member outside it. */
async function studioSetup(o: CoopOrg) {
  const { db } = ctx.database;
  const studio = await o.studio();
  const acc = await createAccount(ctx.database, [{ orgId: o.org.id, role: 'member' }]);
  const [m1] = await db.insert(members).values({ orgId: o.org.id, name: uniq('值班委员'), accountId: acc.id }).returning();
  const m2 = await o.member();
  const outsider = await o.member();
  await db.insert(memberStudios).values([
    { memberId: m1.id, studioId: studio.id },
    { memberId: m2.id, studioId: studio.id },
  ]);
  const self: Client = await login(ctx.app, acc.username);
  return { studio, m1, m2, outsider, self };
}

describe('duty roster (接待值班)', () => {
  it('staff plan shifts for studio members; bad input is a 400 naming the field in Chinese', async () => {
    const s = await studioSetup(A);
    const base = `/api/studios/${s.studio.id}/shifts`;
    const r1 = await A.staff.post(base, { memberId: s.outsider.id, day: '2025-03-05', slot: 'am' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().field).toBe('memberId');
    expect(r1.json().message).toContain('不是该委员工作室的成员');
    const r2 = await A.staff.post(base, { memberId: s.m1.id, day: '2025-03-05', slot: 'custom', startTime: '09:00' });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toContain('结束时间');
    const r3 = await A.staff.post(base, { memberId: s.m1.id, day: '2025-03-05', slot: 'custom', startTime: '14:00', endTime: '09:00' });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().message).toContain('结束时间须晚于开始时间');
    const r4 = await A.staff.post(base, { memberId: s.m1.id, day: '2025-3-5', slot: 'am' });
    expect(r4.statusCode).toBe(400);
    expect(r4.json().message).toContain('日期');
    const r5 = await A.staff.post(base, { memberId: s.m1.id, day: '2025-03-05', slot: 'night' });
    expect(r5.statusCode).toBe(400);
    expect(r5.json().message).toContain('值班时段');

    const shift = ok(await A.staff.post(base, { memberId: s.m1.id, day: '2025-03-05', slot: 'custom', startTime: '09:00', endTime: '11:30', note: '接待群众' }));
    expect(shift).toMatchObject({ memberName: s.m1.name, slot: 'custom', startTime: '09:00', endTime: '11:30', status: 'planned', shown: 'missed', canEdit: true });
    expect(shift.abilities).toEqual(['mark_done', 'cancel']);
    const am = ok(await A.staff.post(base, { memberId: s.m2.id, day: '2025-03-06', slot: 'am', startTime: '08:00' }));
    expect(am.startTime).toBeNull(); // hours only for custom slots

    // Edit a planned shift (versioned); a stale version is 409; another studio member only.
    const edited = ok(await A.staff.patch(`/api/studio-shifts/${shift.id}`, { slot: 'pm', note: '改为下午', version: shift.version }));
    expect(edited).toMatchObject({ slot: 'pm', startTime: null, note: '改为下午', version: shift.version + 1 });
    expect((await A.staff.patch(`/api/studio-shifts/${shift.id}`, { note: 'x', version: shift.version })).statusCode).toBe(409);
    expect((await A.staff.patch(`/api/studio-shifts/${shift.id}`, { memberId: s.outsider.id, version: edited.version })).statusCode).toBe(400);

    const list = ok(await A.leader.get(`${base}?from=2025-03-01&to=2025-03-31`));
    expect(list.items.map((i: { id: number }) => i.id)).toEqual([shift.id, am.id]);
    expect(list.canPlan).toBe(false);
    expect(list.items[0].abilities).toEqual([]);
    expect(await auditActions(A.org.id, 'studio_shift', shift.id)).toEqual(['create', 'update']);
  });

  it('the member marks their own shift 到岗 (not before its day, not another’s); staff undo, cancel, restore', async () => {
    const s = await studioSetup(A);
    const plan = (memberId: number, day: string) => A.staff.post(`/api/studios/${s.studio.id}/shifts`, { memberId, day, slot: 'full' }).then(ok);
    const today = todayInChina();
    const mine = await plan(s.m1.id, today);
    const future = await plan(s.m1.id, '2099-06-01');
    const theirs = await plan(s.m2.id, today);

    const seen = ok(await s.self.get(`/api/orgs/${A.org.id}/studio-shifts/mine`));
    expect(seen.items.map((i: { id: number }) => i.id)).toEqual([mine.id, future.id]);
    expect(seen.items[0].abilities).toEqual(['mark_done']);
    expect(seen.items[1].abilities).toEqual([]);
    // The member role holds no studio read permission (the studio page is the offices').
    expect((await s.self.get(`/api/studios/${s.studio.id}/shifts`)).statusCode).toBe(403);

    const fut = await s.self.post(`/api/studio-shifts/${future.id}/step`, { action: 'mark_done', version: future.version });
    expect(fut.statusCode).toBe(409);
    expect(fut.json().message).toContain('不能执行「到岗」');
    expect((await s.self.post(`/api/studio-shifts/${theirs.id}/step`, { action: 'mark_done', version: theirs.version })).statusCode).toBe(403);

    const done = ok(await s.self.post(`/api/studio-shifts/${mine.id}/step`, { action: 'mark_done', version: mine.version }));
    expect(done).toMatchObject({ status: 'done', shown: 'done', abilities: [] });
    const undo = await s.self.post(`/api/studio-shifts/${mine.id}/step`, { action: 'undo_done', version: done.version });
    expect(undo.statusCode).toBe(409); // undo is the office's
    const staffUndo = ok(await A.staff.post(`/api/studio-shifts/${mine.id}/step`, { action: 'undo_done', version: done.version }));
    expect(staffUndo.status).toBe('planned');
    expect((await A.staff.post(`/api/studio-shifts/${mine.id}/step`, { action: 'cancel', version: done.version })).statusCode).toBe(409); // stale
    expect(await auditActions(A.org.id, 'studio_shift', mine.id)).toEqual(['create', 'mark_done', 'undo_done']);
  });

  it('every shift transition: allowed from its state, refused (409) from every other', async () => {
    const s = await studioSetup(A);
    for (const from of SHIFT_STATUSES) {
      for (const action of SHIFT_ACTIONS) {
        const sh = ok(await A.staff.post(`/api/studios/${s.studio.id}/shifts`, { memberId: s.m1.id, day: '2025-05-01', slot: 'am' }));
        await ctx.database.db.update(studioShifts).set({ status: from }).where(eq(studioShifts.id, sh.id));
        const t = SHIFT_TRANSITIONS.find((x) => x.from === from && x.action === action);
        const r = await A.staff.post(`/api/studio-shifts/${sh.id}/step`, { action, version: sh.version });
        if (t) {
          expect(r.statusCode, `${from} ${action}`).toBe(200);
          expect(r.json().status).toBe(t.to);
        } else {
          expect(r.statusCode, `${from} ${action}`).toBe(409);
          expect(r.json().details.state).toBe(from);
        }
      }
    }
    expect(shiftActionsFor('planned', '2025-01-02', '2025-01-01', ['staff', 'self'])).toEqual(['cancel']);
  });

  it('another organization gets 404 on every roster route', async () => {
    const s = await studioSetup(A);
    const sh = ok(await A.staff.post(`/api/studios/${s.studio.id}/shifts`, { memberId: s.m1.id, day: '2025-05-01', slot: 'am' }));
    for (const [method, url, body] of [
      ['GET', `/api/studios/${s.studio.id}/shifts`, undefined],
      ['POST', `/api/studios/${s.studio.id}/shifts`, { memberId: s.m1.id, day: '2025-05-01', slot: 'am' }],
      ['PATCH', `/api/studio-shifts/${sh.id}`, { note: 'x', version: sh.version }],
      ['POST', `/api/studio-shifts/${sh.id}/step`, { action: 'mark_done', version: sh.version }],
      ['GET', `/api/orgs/${A.org.id}/studio-shifts/mine`, undefined],
    ] as const) {
      expect((await B.staff.req(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
  });
});

describe('public requests (群众诉求)', () => {
  const register = (c: Client, studioId: number, memberId: number, extra: Record<string, unknown> = {}) =>
    c.post(`/api/studios/${studioId}/requests`, { requesterName: '张大爷', contact: '13800001111', content: '小区门口道路破损，雨天积水严重', receivedOn: '2025-04-02', receivedByMemberId: memberId, ...extra });

  it('registered by staff; the contact is shown only to staff; bad input names the field', async () => {
    const s = await studioSetup(A);
    const r1 = await register(A.staff, s.studio.id, s.m1.id, { requesterName: '' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().message).toContain('诉求人');
    const r2 = await register(A.staff, s.studio.id, s.outsider.id);
    expect(r2.statusCode).toBe(400);
    expect(r2.json().message).toContain('接待委员');
    const r3 = await register(A.staff, s.studio.id, s.m1.id, { receivedOn: '2099-01-01' });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().message).toContain('受理日期');
    expect((await register(A.leader, s.studio.id, s.m1.id)).statusCode).toBe(403);

    const req = ok(await register(A.staff, s.studio.id, s.m1.id));
    expect(req).toMatchObject({ status: 'pending', contact: '13800001111', receivedByName: s.m1.name, outcome: null });
    expect(req.abilities).toEqual(['accept', 'to_proposal', 'to_info_report', 'to_cooperation_item', 'reply']);
    const asLeader = ok(await A.leader.get(`/api/studios/${s.studio.id}/requests`));
    expect(asLeader.items[0]).toMatchObject({ id: req.id, contact: null, abilities: [] });
    expect(asLeader.canRegister).toBe(false);
    expect(await auditActions(A.org.id, 'studio_request', req.id)).toEqual(['create']);
  });

  it('turned into a proposal: a draft for the receiving member, linked, in one step; only once', async () => {
    const s = await studioSetup(A);
    const req = ok(await register(A.staff, s.studio.id, s.m1.id));
    const conv = ok(await A.staff.post(`/api/studio-requests/${req.id}/step`, { action: 'to_proposal', title: '关于修复小区道路的建议', version: req.version }));
    // The office sees what it became but gets no link: the draft is the member's alone until they submit it.
    expect(conv).toMatchObject({ status: 'in_progress', outcome: 'proposal', outcomeLink: null, outcomeDraft: true });
    const [p] = await ctx.database.db.select().from(proposals).where(eq(proposals.id, conv.outcomeId));
    expect(p).toMatchObject({ orgId: A.org.id, state: 'draft', subject: '关于修复小区道路的建议', firstProposerMemberId: s.m1.id, createdByAccountId: s.self.accountId });
    expect(p.body).toContain('雨天积水严重');
    const pp = await ctx.database.db.select().from(proposalProposers).where(eq(proposalProposers.proposalId, p.id));
    expect(pp).toMatchObject([{ memberId: s.m1.id, role: 'first', status: 'confirmed' }]);
    const links = await ctx.database.db.select().from(recordLinks).where(and(eq(recordLinks.fromType, 'studio_request'), eq(recordLinks.fromId, req.id)));
    expect(links).toMatchObject([{ toType: 'proposal', toId: p.id, orgId: A.org.id }]);
    expect(await auditActions(A.org.id, 'proposal', p.id)).toEqual(['create']);
    const events = await ctx.database.db.select().from(outbox).where(and(eq(outbox.orgId, A.org.id), eq(outbox.eventType, 'studio.request_converted')));
    expect(events.some((e) => (e.payload as { recipients: number[]; link: string }).link === `/proposals/${p.id}` && (e.payload as { recipients: number[] }).recipients.includes(s.self.accountId))).toBe(true);
    // The link shows on the request (staff) and the draft is the member's own.
    const linkList = ok(await A.staff.get(`/api/record-links/studio_request/${req.id}`));
    expect(linkList.items).toHaveLength(0); // a draft proposal is its proposer's alone
    const fromMember = ok(await s.self.get(`/api/record-links/proposal/${p.id}`));
    expect(fromMember.items).toHaveLength(0); // the member does not read studio requests

    // Once submitted, a proposal reader (the leader) gets the link, and it opens; the office (not a proposal reader) still none.
    expect((await A.leader.get(`/api/studio-requests/${req.id}`)).json()).toMatchObject({ outcomeLink: null, outcomeDraft: true });
    await ctx.database.db.update(proposals).set({ state: 'submitted' }).where(eq(proposals.id, p.id));
    expect((await A.leader.get(`/api/studio-requests/${req.id}`)).json()).toMatchObject({ outcomeLink: `/proposals/${p.id}`, outcomeDraft: false });
    expect((await A.leader.get(`/api/proposals/${p.id}`)).statusCode).toBe(200);
    expect((await A.staff.get(`/api/studio-requests/${req.id}`)).json()).toMatchObject({ outcomeLink: null, outcomeDraft: false });

    const again = await A.staff.post(`/api/studio-requests/${req.id}/step`, { action: 'to_info_report', version: conv.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('不能执行「转为社情民意」');
    expect(conv.abilities).toEqual(['reply', 'close']);
  });

  it('turned into a studio information report (draft, the member first author) or a cooperation item (member named)', async () => {
    const s = await studioSetup(A);
    const r1 = ok(await register(A.staff, s.studio.id, s.m1.id));
    const c1 = ok(await A.staff.post(`/api/studio-requests/${r1.id}/step`, { action: 'to_info_report', version: r1.version }));
    expect(c1).toMatchObject({ status: 'in_progress', outcome: 'info_report', outcomeLink: null, outcomeDraft: true });
    const [rep] = await ctx.database.db.select().from(infoReports).where(eq(infoReports.id, c1.outcomeId));
    expect(rep).toMatchObject({ status: 'draft', submitterKind: 'studio', studioId: s.studio.id, submitterName: s.studio.name, situation: r1.content });
    expect(await ctx.database.db.select().from(infoReportAuthors).where(eq(infoReportAuthors.reportId, rep.id))).toMatchObject([{ memberId: s.m1.id, role: 'first' }]);
    // The member sees their draft (and its link back to the request is hidden from them: they do not read requests).
    expect((await s.self.get(`/api/info-reports/${rep.id}`)).statusCode).toBe(200);

    const r2 = ok(await register(A.staff, s.studio.id, s.m2.id, { content: '希望开通社区到镇上的公交' }));
    const c2 = ok(await A.staff.post(`/api/studio-requests/${r2.id}/step`, { action: 'to_cooperation_item', title: '开通社区公交', version: r2.version }));
    expect(c2).toMatchObject({ outcomeLink: `/coop-items/${c2.outcomeId}`, outcomeDraft: false });
    const item = ok(await A.staff.get(`/api/coop-items/${c2.outcomeId}`));
    expect(item).toMatchObject({ title: '开通社区公交', summary: '希望开通社区到镇上的公交', status: 'active' });
    expect(await ctx.database.db.select().from(coopItemMembers).where(eq(coopItemMembers.itemId, item.id))).toMatchObject([{ memberId: s.m2.id }]);
    const links = ok(await A.staff.get(`/api/record-links/cooperation_item/${item.id}`));
    expect(links.items).toMatchObject([{ type: 'studio_request', recordId: r2.id, direction: 'incoming' }]);
    const back = ok(await A.staff.get(`/api/record-links/studio_request/${r2.id}`));
    expect(back.items).toMatchObject([{ type: 'cooperation_item', recordId: item.id, direction: 'outgoing' }]);
  });

  it('a direct reply needs its text and closes the request; close and reopen; stale versions are 409', async () => {
    const s = await studioSetup(A);
    const req = ok(await register(A.staff, s.studio.id, s.m1.id));
    const empty = await A.staff.post(`/api/studio-requests/${req.id}/step`, { action: 'reply', version: req.version });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toContain('答复内容');
    const replied = ok(await A.staff.post(`/api/studio-requests/${req.id}/step`, { action: 'reply', replyText: '已联系街道修复', version: req.version }));
    expect(replied).toMatchObject({ status: 'closed', outcome: 'reply', reply: '已联系街道修复', abilities: ['reopen'] });
    expect(replied.closedAt).not.toBeNull();
    expect((await A.staff.post(`/api/studio-requests/${req.id}/step`, { action: 'reopen', version: req.version })).statusCode).toBe(409);
    const reopened = ok(await A.staff.post(`/api/studio-requests/${req.id}/step`, { action: 'reopen', replyText: '群众再次反映', version: replied.version }));
    expect(reopened).toMatchObject({ status: 'in_progress', closedAt: null });
    // A replied request may still be turned into a record.
    expect(reopened.abilities).toContain('to_proposal');
    const closed = ok(await A.staff.post(`/api/studio-requests/${req.id}/step`, { action: 'close', version: reopened.version }));
    expect(closed.status).toBe('closed');
    expect(await auditActions(A.org.id, 'studio_request', req.id)).toEqual(['create', 'reply', 'reopen', 'close']);
  });

  it('every request transition: allowed from its state, refused (409) from every other', async () => {
    const s = await studioSetup(A);
    for (const from of REQUEST_STATUSES) {
      for (const action of REQUEST_ACTIONS) {
        const r = ok(await register(A.staff, s.studio.id, s.m1.id));
        await ctx.database.db.update(studioRequests).set({ status: from }).where(eq(studioRequests.id, r.id));
        const t = REQUEST_TRANSITIONS.find((x) => x.from === from && x.action === (action as RequestAction));
        const res = await A.staff.post(`/api/studio-requests/${r.id}/step`, { action, replyText: '答复', version: r.version });
        if (t) {
          expect(res.statusCode, `${from} ${action} ${res.body}`).toBe(200);
          expect(res.json().status).toBe(t.to);
        } else {
          expect(res.statusCode, `${from} ${action}`).toBe(409);
          expect(res.json().details).toMatchObject({ state: from as RequestStatus, action });
        }
      }
    }
  });

  it('another organization gets 404 on every request route', async () => {
    const s = await studioSetup(A);
    const req = ok(await register(A.staff, s.studio.id, s.m1.id));
    for (const [method, url, body] of [
      ['GET', `/api/studios/${s.studio.id}/requests`, undefined],
      ['POST', `/api/studios/${s.studio.id}/requests`, { requesterName: 'x', content: 'y', receivedOn: '2025-01-01', receivedByMemberId: s.m1.id }],
      ['GET', `/api/studio-requests/${req.id}`, undefined],
      ['POST', `/api/studio-requests/${req.id}/step`, { action: 'accept', version: req.version }],
      ['GET', `/api/record-links/studio_request/${req.id}`, undefined],
    ] as const) {
      expect((await B.staff.req(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
  });
});

describe('star rating (星级评定)', () => {
  it('scores are capped per criterion; stars from the bands; equal scores share a rank', () => {
    const counts = (studioId: number, shifts: number, requests: number, acts: number, review?: number) => ({
      studioId,
      studioName: `S${studioId}`,
      shifts_done: shifts,
      requests_handled: requests,
      activities_held: acts,
      manual: (review == null ? {} : { review }) as Record<string, number>,
    });
    const r = rateStudios(DEFAULT_RATING_CONFIG, 2025, [counts(1, 40, 10, 10, 20), counts(2, 5, 1, 1), counts(3, 5, 1, 1)]);
    expect(r[0]).toMatchObject({ studioId: 1, score: 100, stars: 5, rank: 1 });
    expect(r[0].breakdown.map((b) => b.points)).toEqual([30, 30, 20, 20]);
    expect(r[1]).toMatchObject({ score: 20, stars: 1, rank: 2 });
    expect(r[2].rank).toBe(2);
    expect(starsOf(75, DEFAULT_RATING_CONFIG.bands)).toBe(4);
    expect(starsOf(39.9, DEFAULT_RATING_CONFIG.bands)).toBe(1);
  });

  it('computed from shifts done, requests closed, studio activities and manual points; frozen years keep their ratings', async () => {
    const { db } = ctx.database;
    const o = await coopOrg(ctx);
    const admin = await login(ctx.app, (await createAccount(ctx.database, [{ orgId: o.org.id, role: 'org_admin' }])).username);
    const s = await studioSetup(o);
    const other = await o.studio();
    await db.insert(studioShifts).values([
      { orgId: o.org.id, studioId: s.studio.id, memberId: s.m1.id, day: '2025-02-01', slot: 'am', status: 'done' },
      { orgId: o.org.id, studioId: s.studio.id, memberId: s.m2.id, day: '2025-02-08', slot: 'am', status: 'done' },
      { orgId: o.org.id, studioId: s.studio.id, memberId: s.m2.id, day: '2025-02-15', slot: 'am', status: 'planned' },
      { orgId: o.org.id, studioId: s.studio.id, memberId: s.m1.id, day: '2024-12-31', slot: 'am', status: 'done' },
    ]);
    await db.insert(studioRequests).values({
      orgId: o.org.id,
      studioId: s.studio.id,
      requesterName: 'x',
      content: 'y',
      receivedOn: '2025-03-01',
      receivedByMemberId: s.m1.id,
      status: 'closed',
      closedAt: new Date('2025-03-02T02:00:00Z'),
    });
    await o.activity({ organizerKind: 'studio', organizerRefId: s.studio.id }); // 2025-10-10, held
    await o.activity({ organizerKind: 'studio', organizerRefId: s.studio.id, status: 'cancelled' });

    const bad = await o.staff.put(`/api/studios/${s.studio.id}/rating-manual`, { year: 2025, criterionKey: 'shifts', score: 5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('评定指标');
    expect((await o.staff.put(`/api/studios/${s.studio.id}/rating-manual`, { year: 2025, criterionKey: 'review', score: 21 })).statusCode).toBe(400);
    ok(await o.staff.put(`/api/studios/${s.studio.id}/rating-manual`, { year: 2025, criterionKey: 'review', score: 18 }));

    const list = ok(await o.leader.get(`/api/orgs/${o.org.id}/studio-ratings?year=2025`));
    expect(list).toMatchObject({ year: 2025, frozen: false, yearVersion: 0, abilities: { freeze: false, unfreeze: false, score: false } });
    const mine = list.items.find((i: { studioId: number }) => i.studioId === s.studio.id);
    expect(mine.breakdown.map((b: { value: number }) => b.value)).toEqual([2, 1, 1, 18]);
    expect(mine).toMatchObject({ score: 4 + 5 + 5 + 18, stars: 1, rank: 1 });
    expect(list.items.find((i: { studioId: number }) => i.studioId === other.id)).toMatchObject({ score: 0, rank: 2 });

    // Settings: bad bands → 400 naming the field; stale version → 409; a lower band gives the studio 2 stars.
    const settings = ok(await o.staff.get(`/api/orgs/${o.org.id}/studio-rating-settings`));
    expect(settings).toMatchObject({ version: 0, canEdit: true, config: DEFAULT_RATING_CONFIG });
    const badBands = await o.staff.put(`/api/orgs/${o.org.id}/studio-rating-settings`, { config: { ...DEFAULT_RATING_CONFIG, bands: [{ stars: 3, min: 50 }, { stars: 4, min: 60 }] }, version: 0 });
    expect(badBands.statusCode).toBe(400);
    expect(badBands.json().message).toContain('星级');
    const newConfig = { ...DEFAULT_RATING_CONFIG, bands: [...DEFAULT_RATING_CONFIG.bands.slice(0, 3), { stars: 2, min: 30 }] };
    expect(ok(await o.staff.put(`/api/orgs/${o.org.id}/studio-rating-settings`, { config: newConfig, version: 0 })).version).toBe(1);
    expect((await o.staff.put(`/api/orgs/${o.org.id}/studio-rating-settings`, { config: newConfig, version: 0 })).statusCode).toBe(409);
    const after = ok(await o.staff.get(`/api/orgs/${o.org.id}/studio-ratings?year=2025`));
    expect(after.items[0]).toMatchObject({ studioId: s.studio.id, stars: 2 });
    expect(after.abilities).toEqual({ freeze: true, unfreeze: false, score: true });

    // Freeze: the ratings stay as they were; manual points are refused; only the org admin unfreezes.
    expect((await o.staff.post(`/api/orgs/${o.org.id}/studio-ratings/freeze`, { year: 2025, version: 1 })).statusCode).toBe(409); // stale
    ok(await o.staff.post(`/api/orgs/${o.org.id}/studio-ratings/freeze`, { year: 2025, version: 0 }));
    await db.insert(studioShifts).values({ orgId: o.org.id, studioId: other.id, memberId: s.m1.id, day: '2025-06-01', slot: 'am', status: 'done' });
    const frozen = ok(await o.staff.get(`/api/orgs/${o.org.id}/studio-ratings?year=2025`));
    expect(frozen).toMatchObject({ frozen: true, yearVersion: 1, abilities: { freeze: false, unfreeze: false, score: false } });
    expect(frozen.items).toEqual(after.items);
    const manual = await o.staff.put(`/api/studios/${s.studio.id}/rating-manual`, { year: 2025, criterionKey: 'review', score: 10 });
    expect(manual.statusCode).toBe(409);
    expect(manual.json().message).toContain('2025 年度工作室星级评定已冻结');
    const again = await o.staff.post(`/api/orgs/${o.org.id}/studio-ratings/freeze`, { year: 2025, version: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('已冻结');
    expect((await o.staff.post(`/api/orgs/${o.org.id}/studio-ratings/unfreeze`, { year: 2025, version: 1 })).statusCode).toBe(409);
    ok(await admin.post(`/api/orgs/${o.org.id}/studio-ratings/unfreeze`, { year: 2025, version: 1 }));
    const open = ok(await o.staff.get(`/api/orgs/${o.org.id}/studio-ratings?year=2025`));
    expect(open.items.find((i: { studioId: number }) => i.studioId === other.id).score).toBe(2);
    expect(await auditActions(o.org.id, 'studio_rating_year', 2025)).toEqual(['freeze', 'unfreeze']);
    expect(await auditActions(o.org.id, 'studio', s.studio.id)).toEqual(['rating_manual']);

    for (const [method, url, body] of [
      ['GET', `/api/orgs/${o.org.id}/studio-ratings?year=2025`, undefined],
      ['POST', `/api/orgs/${o.org.id}/studio-ratings/freeze`, { year: 2025, version: 2 }],
      ['POST', `/api/orgs/${o.org.id}/studio-ratings/unfreeze`, { year: 2025, version: 2 }],
      ['GET', `/api/orgs/${o.org.id}/studio-rating-settings`, undefined],
      ['PUT', `/api/orgs/${o.org.id}/studio-rating-settings`, { config: DEFAULT_RATING_CONFIG, version: 1 }],
      ['PUT', `/api/studios/${s.studio.id}/rating-manual`, { year: 2025, criterionKey: 'review', score: 1 }],
    ] as const) {
      expect((await B.staff.req(method, url, body)).statusCode, `${method} ${url}`).toBe(404);
    }
  });
});

describe('duty ledger source: studio duty shifts (履职档案)', () => {
  it('shifts marked 到岗 count under the studio_duty rule with its cap, linked to the studio; planned and cancelled do not', async () => {
    const { db } = ctx.database;
    const o = await coopOrg(ctx);
    const s = await studioSetup(o);
    const days = ['2025-01-08', '2025-02-12', '2025-03-12', '2025-04-09', '2025-05-14', '2025-06-11', '2025-07-09'];
    await db.insert(studioShifts).values([
      ...days.map((day) => ({ orgId: o.org.id, studioId: s.studio.id, memberId: s.m1.id, day, slot: 'am', status: 'done' })),
      { orgId: o.org.id, studioId: s.studio.id, memberId: s.m1.id, day: '2025-08-13', slot: 'am', status: 'planned' },
      { orgId: o.org.id, studioId: s.studio.id, memberId: s.m1.id, day: '2025-09-10', slot: 'am', status: 'cancelled' },
      { orgId: o.org.id, studioId: s.studio.id, memberId: s.m2.id, day: '2026-01-07', slot: 'am', status: 'done' },
    ]);
    ok(await o.staff.post(`/api/orgs/${o.org.id}/duty/years/2025/recompute`, {}));
    const rec = ok(await o.staff.get(`/api/orgs/${o.org.id}/duty/members/${s.m1.id}?year=2025`));
    const entries = rec.entries.filter((e: { sourceType: string }) => e.sourceType === 'studio_duty');
    expect(entries).toHaveLength(7);
    expect(entries.find((e: { occurredOn: string }) => e.occurredOn === '2025-01-08')).toMatchObject({ ruleKey: 'studio_duty', link: `/studios/${s.studio.id}`, title: `${s.studio.name}接待值班`, points: 2 });
    // Cap 12 at 2 points each: the seventh gives nothing.
    expect(entries.find((e: { occurredOn: string }) => e.occurredOn === '2025-07-09')).toMatchObject({ points: 0, rawPoints: 2, capped: true });
    expect(entries.reduce((a: number, e: { points: number }) => a + e.points, 0)).toBe(12);
    expect(rec.items.find((i: { ruleKey: string }) => i.ruleKey === 'studio_duty')).toMatchObject({ count: 7, points: 12 });
    const rec2 = ok(await o.staff.get(`/api/orgs/${o.org.id}/duty/members/${s.m2.id}?year=2025`));
    expect(rec2.entries.filter((e: { sourceType: string }) => e.sourceType === 'studio_duty')).toHaveLength(0);
    // The activity is unrelated (checks the fixture does not count here).
    expect(await db.select().from(activities).where(eq(activities.orgId, o.org.id))).toHaveLength(0);
  });

  it('an organization that saved its rules before the studio_duty rule existed is offered it switched off', async () => {
    const { db } = ctx.database;
    const o = await coopOrg(ctx);
    const s = await studioSetup(o);
    await db.insert(studioShifts).values({ orgId: o.org.id, studioId: s.studio.id, memberId: s.m1.id, day: '2025-03-05', slot: 'am', status: 'done' });
    const old = { ...DEFAULT_DUTY_SETTINGS, rules: DEFAULT_DUTY_SETTINGS.rules.filter((r) => r.key !== 'studio_duty') };
    ok(await o.staff.put(`/api/orgs/${o.org.id}/duty/settings`, { config: old, version: 0 }));
    const saved = ok(await o.staff.get(`/api/orgs/${o.org.id}/duty/settings`));
    const rule = saved.config.rules.find((r: { key: string }) => r.key === 'studio_duty');
    expect(rule).toMatchObject({ source: 'studio_duty', condition: 'done', active: false });
    ok(await o.staff.post(`/api/orgs/${o.org.id}/duty/years/2025/recompute`, {}));
    const before = ok(await o.staff.get(`/api/orgs/${o.org.id}/duty/members/${s.m1.id}?year=2025`));
    expect(before.entries.filter((e: { sourceType: string }) => e.sourceType === 'studio_duty')).toHaveLength(0);
    const on = { ...saved.config, rules: saved.config.rules.map((r: { key: string }) => (r.key === 'studio_duty' ? { ...r, active: true } : r)) };
    ok(await o.staff.put(`/api/orgs/${o.org.id}/duty/settings`, { config: on, version: saved.version }));
    ok(await o.staff.post(`/api/orgs/${o.org.id}/duty/years/2025/recompute`, {}));
    const after = ok(await o.staff.get(`/api/orgs/${o.org.id}/duty/members/${s.m1.id}?year=2025`));
    expect(after.entries.filter((e: { sourceType: string }) => e.sourceType === 'studio_duty')).toHaveLength(1);
  });
});
