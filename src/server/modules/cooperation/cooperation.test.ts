import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { COOP_TRANSITIONS, POINT_TRANSITIONS, type CoopStatus, type PointStatus } from '@common/cooperation';
import { auditLog, outbox } from '@server/db/schema/index';
import { createTestApp, type TestContext } from '../../../../test/helpers';
import { coopOrg, itemBody, newItem, ok, type CoopOrg } from './cooperation.fixtures';

let ctx: TestContext;
let A: CoopOrg;
let B: CoopOrg;
let C: CoopOrg;
beforeAll(async () => {
  ctx = await createTestApp();
  [A, B, C] = [await coopOrg(ctx), await coopOrg(ctx), await coopOrg(ctx)];
});
afterAll(() => ctx.close());

const auditRows = (orgId: number, entityType: string, entityId: number) =>
  ctx.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))));

describe('cooperation items: who sees them', () => {
  it('the owner and the party organization see the item; a third organization gets 404 everywhere', async () => {
    const item = await newItem(A.staff, A.org.id, itemBody(B.org.id));
    expect(item.partyList.map((p: { name: string }) => p.name).slice(1)).toEqual([expect.any(String), '成都铁路局', '欣铁物流']);
    expect(item.partyList[0].orgId).toBe(A.org.id);
    expect(item.pointList).toHaveLength(3);
    expect(item.pointList[0].ownerName).toBe('成都铁路局');
    expect(item.viewer).toBe('owner');
    expect(item.abilities).toEqual(expect.arrayContaining(['edit', 'suspend', 'add_point', 'add_progress']));
    expect(item.abilities).not.toContain('complete'); // three points still open

    const seenByB = ok(await B.staff.get(`/api/coop-items/${item.id}`));
    expect(seenByB.viewer).toBe('party');
    expect(seenByB.abilities).toEqual(['add_progress']);
    expect(seenByB.pointList.every((p: { abilities: string[] }) => p.abilities.length === 0)).toBe(true);
    expect(seenByB.pointList.map((p: { canLog: boolean }) => p.canLog)).toEqual([false, true, false]);
    expect(ok(await B.leader.get(`/api/coop-items/${item.id}`)).abilities).toEqual([]);

    for (const [method, url, body] of [
      ['GET', `/api/coop-items/${item.id}`, undefined],
      ['PATCH', `/api/coop-items/${item.id}`, { title: '改', version: item.version }],
      ['POST', `/api/coop-items/${item.id}/progress`, { body: '进展' }],
      ['POST', `/api/coop-items/${item.id}/complete`, { version: item.version }],
      ['POST', `/api/coop-points/${item.pointList[0].id}/step`, { action: 'start', version: 1 }],
    ] as const) {
      const r = await C.staff.req(method, url, body);
      expect(r.statusCode, `${method} ${url}`).toBe(404);
    }
    // A member of the owner organization holds no cooperation permission: 403, not 404.
    expect((await A.memberAcc.get(`/api/coop-items/${item.id}`)).statusCode).toBe(403);

    const listA = ok(await A.staff.get(`/api/orgs/${A.org.id}/coop-items`)).items.map((i: { id: number }) => i.id);
    const listB = ok(await B.staff.get(`/api/orgs/${B.org.id}/coop-items`)).items.map((i: { id: number }) => i.id);
    const listC = ok(await C.staff.get(`/api/orgs/${C.org.id}/coop-items`)).items.map((i: { id: number }) => i.id);
    expect(listA).toContain(item.id);
    expect(listB).toContain(item.id);
    expect(listC).not.toContain(item.id);
    expect((await C.staff.get(`/api/orgs/${A.org.id}/coop-items`)).statusCode).toBe(404);

    // The party organization's staff were notified; the creation is audited.
    const events = await ctx.database.db.select().from(outbox).where(and(eq(outbox.orgId, A.org.id), eq(outbox.eventType, 'coop.party_added')));
    expect(events.some((e) => (e.payload as { recipients: number[] }).recipients.includes(B.staff.accountId))).toBe(true);
    expect((await auditRows(A.org.id, 'cooperation_item', item.id)).map((r) => r.action)).toContain('create');
  });

  it('refuses bad input with the field: unknown party organization, point owner out of range, stranger member', async () => {
    const r1 = await A.staff.post(`/api/orgs/${A.org.id}/coop-items`, { title: 'x', parties: [{ orgId: 99_999_999 }] });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().field).toBe('parties');
    const r2 = await A.staff.post(`/api/orgs/${A.org.id}/coop-items`, { title: 'x', parties: [{ name: '某单位' }], points: [{ content: 'y', ownerParty: 3 }] });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().field).toBe('points.0.ownerParty');
    const stranger = await B.member();
    const r3 = await A.staff.post(`/api/orgs/${A.org.id}/coop-items`, { title: 'x', memberIds: [stranger.id] });
    expect(r3.statusCode).toBe(400);
    expect(r3.json().message).toContain('不是本组织的在册委员');
    const r4 = await A.staff.post(`/api/orgs/${A.org.id}/coop-items`, { title: 'x', parties: [{ name: '' }] });
    expect(r4.statusCode).toBe(400);
  });
});

describe('cooperation item life cycle (every transition allowed and refused)', () => {
  const STATUSES: CoopStatus[] = ['active', 'completed', 'suspended'];
  async function inStatus(s: CoopStatus) {
    let item = await newItem(A.staff, A.org.id, { title: '无共识事项的合作事项', parties: [{ orgId: B.org.id }] });
    if (s === 'completed') item = ok(await A.staff.post(`/api/coop-items/${item.id}/complete`, { version: item.version }));
    if (s === 'suspended') item = ok(await A.staff.post(`/api/coop-items/${item.id}/suspend`, { reason: '对方单位调整', version: item.version }));
    return item;
  }
  for (const action of ['complete', 'suspend', 'resume'] as const) {
    for (const from of STATUSES) {
      const t = COOP_TRANSITIONS.find((x) => x.from === from && x.action === action);
      it(`${action} from ${from}: ${t ? `→ ${t.to}` : '409'}`, async () => {
        const item = await inStatus(from);
        const r = await A.staff.post(`/api/coop-items/${item.id}/${action}`, { reason: '原因', version: item.version });
        if (t) {
          expect(r.statusCode, r.body).toBe(200);
          expect(r.json().status).toBe(t.to);
          expect(r.json().version).toBe(item.version + 1);
        } else {
          expect(r.statusCode, r.body).toBe(409);
          expect(r.json().code).toBe('coop_transition_refused');
          expect(r.json().message).toContain('当前可执行的操作');
        }
      });
    }
  }

  it('completing needs every point done; suspending needs a reason; the party may not; a stale version is 409', async () => {
    const item = await newItem(A.staff, A.org.id, itemBody(B.org.id));
    const r = await A.staff.post(`/api/coop-items/${item.id}/complete`, { version: item.version });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('coop_points_open');
    expect(r.json().message).toContain('3 项');
    expect((await A.staff.post(`/api/coop-items/${item.id}/suspend`, { version: item.version })).statusCode).toBe(400);
    const byParty = await B.staff.post(`/api/coop-items/${item.id}/suspend`, { reason: 'x', version: item.version });
    expect(byParty.statusCode).toBe(403);
    expect(byParty.json().code).toBe('coop_owner_only');
    ok(await A.staff.patch(`/api/coop-items/${item.id}`, { title: '渝石进川（修订）', version: item.version }));
    const stale = await A.staff.patch(`/api/coop-items/${item.id}`, { title: '再改', version: item.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict_version');
    expect((await auditRows(A.org.id, 'cooperation_item', item.id)).map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'edit']));
  });
});

describe('consensus points', () => {
  const STATUSES: PointStatus[] = ['not_started', 'in_progress', 'done', 'blocked'];
  const PATH: Record<PointStatus, Array<'start' | 'complete' | 'block'>> = { not_started: [], in_progress: ['start'], done: ['start', 'complete'], blocked: ['block'] };
  for (const action of ['start', 'complete', 'block', 'resume', 'reopen'] as const) {
    for (const from of STATUSES) {
      const t = POINT_TRANSITIONS.find((x) => x.from === from && x.action === action);
      it(`${action} from ${from}: ${t ? `→ ${t.to}` : '409'}`, async () => {
        const item = await newItem(A.staff, A.org.id, itemBody(B.org.id));
        let p = item.pointList[0];
        for (const step of PATH[from]) {
          const v = ok(await A.staff.post(`/api/coop-points/${p.id}/step`, { action: step, evidence: '铁路局复函', version: p.version }));
          p = v.pointList[0];
        }
        const r = await A.staff.post(`/api/coop-points/${p.id}/step`, { action, evidence: '佐证', version: p.version });
        if (t) {
          expect(r.statusCode, r.body).toBe(200);
          expect(r.json().pointList[0].status).toBe(t.to);
        } else {
          expect(r.statusCode, r.body).toBe(409);
          expect(r.json().code).toBe('coop_point_transition_refused');
        }
      });
    }
  }

  it('done needs evidence; the party organization may not change a status; stale point version 409; audited', async () => {
    const item = await newItem(A.staff, A.org.id, itemBody(B.org.id));
    const p = ok(await A.staff.post(`/api/coop-points/${item.pointList[1].id}/step`, { action: 'start', version: 1 })).pointList[1];
    const noEvidence = await A.staff.post(`/api/coop-points/${p.id}/step`, { action: 'complete', version: p.version });
    expect(noEvidence.statusCode).toBe(400);
    expect(noEvidence.json().field).toBe('evidence');
    expect((await B.staff.post(`/api/coop-points/${p.id}/step`, { action: 'complete', evidence: 'x', version: p.version })).statusCode).toBe(403);
    expect((await A.staff.post(`/api/coop-points/${p.id}/step`, { action: 'complete', evidence: 'x', version: 1 })).statusCode).toBe(409);
    const done = ok(await A.staff.post(`/api/coop-points/${p.id}/step`, { action: 'complete', evidence: '新增卸货点已投用', evidenceRef: '金牛区口岸物流办函〔2026〕3号', version: p.version }));
    expect(done.pointList[1]).toMatchObject({ status: 'done', evidence: '新增卸货点已投用', evidenceRef: '金牛区口岸物流办函〔2026〕3号' });
    expect(done.pointsDone).toBe(1);
    expect((await auditRows(A.org.id, 'cooperation_point', p.id)).map((a) => a.action)).toEqual(['start', 'complete']);
  });

  it('points can be added by the owner while the item is in progress', async () => {
    const item = await newItem(A.staff, A.org.id, itemBody(B.org.id));
    const v = ok(await A.staff.post(`/api/coop-items/${item.id}/points`, { content: '联合开展物流成本测算', ownerPartyId: item.partyList[1].id, version: item.version }));
    expect(v.pointList).toHaveLength(4);
    expect(v.pointList[3]).toMatchObject({ seq: 4, ownerName: item.partyList[1].name });
    expect((await A.staff.post(`/api/coop-items/${item.id}/points`, { content: 'x', ownerPartyId: 99_999_999, version: v.version })).statusCode).toBe(400);
  });
});

describe('progress log', () => {
  it('a party organization logs progress on the points it owns only; the owner on any; not when suspended', async () => {
    const item = await newItem(A.staff, A.org.id, itemBody(B.org.id));
    const bPoint = item.pointList[1];
    const railPoint = item.pointList[0];
    const v = ok(await B.staff.post(`/api/coop-items/${item.id}/progress`, { body: '金牛区已协调新增卸货点选址', pointId: bPoint.id, happenedOn: '2026-03-02' }));
    expect(v.progress[0]).toMatchObject({ pointId: bPoint.id, body: '金牛区已协调新增卸货点选址', authorOrgName: B.org.shortName, happenedOn: '2026-03-02' });
    const other = await B.staff.post(`/api/coop-items/${item.id}/progress`, { body: 'x', pointId: railPoint.id });
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('coop_not_point_owner');
    expect((await B.staff.post(`/api/coop-items/${item.id}/progress`, { body: '整体进展' })).statusCode).toBe(403);
    expect((await B.leader.post(`/api/coop-items/${item.id}/progress`, { body: 'x', pointId: bPoint.id })).statusCode).toBe(403);
    ok(await A.staff.post(`/api/coop-items/${item.id}/progress`, { body: '与成都铁路局对接专列方案', pointId: railPoint.id }));
    const future = await A.staff.post(`/api/coop-items/${item.id}/progress`, { body: 'x', happenedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    const cur = ok(await A.staff.get(`/api/coop-items/${item.id}`));
    expect(cur.version).toBe(item.version); // progress does not bump the item's version
    ok(await A.staff.post(`/api/coop-items/${item.id}/suspend`, { reason: '暂缓', version: cur.version }));
    const refused = await B.staff.post(`/api/coop-items/${item.id}/progress`, { body: 'x', pointId: bPoint.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('coop_transition_refused');
    expect((await auditRows(A.org.id, 'cooperation_item', item.id)).filter((a) => a.action === 'add_progress')).toHaveLength(2);
  });
});

describe('campaigns', () => {
  it('counts distinct participating members (attended its activities ∪ named on its items) and items by status', async () => {
    const [m1, m2, m3, m4] = [await A.member(), await A.member(), await A.member(), await A.member()];
    const held = await A.activity({ invited: [m1.id, m2.id, m3.id], attended: [m1.id, m2.id] });
    const cancelled = await A.activity({ invited: [m4.id], attended: [m4.id], status: 'cancelled' });
    const other = await A.activity({ invited: [m4.id], attended: [m4.id] }); // not in the campaign
    const c = ok(await A.staff.post(`/api/orgs/${A.org.id}/campaigns`, { name: '唱响双城记·建功新南川', startDate: '2025-03-01', description: '成渝双城合作' }));
    const withActs = ok(await A.staff.post(`/api/campaigns/${c.id}/activities`, { activityIds: [held.id, cancelled.id] }));
    expect(withActs.counts).toMatchObject({ activities: 2, members: 2, membersAttended: 2, membersNamed: 0, items: 0 });
    await newItem(A.staff, A.org.id, { title: '事项一', campaignId: c.id, memberIds: [m2.id, m3.id] });
    const i2 = await newItem(A.staff, A.org.id, { title: '事项二', campaignId: c.id, memberIds: [m3.id] });
    ok(await A.staff.post(`/api/coop-items/${i2.id}/complete`, { version: i2.version }));
    await newItem(A.staff, A.org.id, { title: '不在活动中的事项', memberIds: [m4.id] });
    const v = ok(await A.leader.get(`/api/campaigns/${c.id}`));
    // m1, m2 attended; m2, m3 named → {m1, m2, m3}; m4 only attended a cancelled one and another campaign's.
    expect(v.counts).toEqual({ activities: 2, members: 3, membersAttended: 2, membersNamed: 2, items: 2, itemsByStatus: { active: 1, completed: 1, suspended: 0 } });
    expect(v.activityList.find((a: { id: number }) => a.id === held.id).attended).toBe(2);
    expect(v.canManage).toBe(false);
    expect(ok(await A.staff.get(`/api/orgs/${A.org.id}/campaigns`)).items.find((x: { id: number }) => x.id === c.id)).toMatchObject({ activities: 2, items: 2 });
    // Another organization's activity cannot be added; the outsider sees nothing.
    expect((await A.staff.post(`/api/campaigns/${c.id}/activities`, { activityIds: [(await B.activity()).id] })).statusCode).toBe(400);
    expect((await B.staff.get(`/api/campaigns/${c.id}`)).statusCode).toBe(404);
    const dup = await A.staff.post(`/api/orgs/${A.org.id}/campaigns`, { name: '唱响双城记·建功新南川', startDate: '2025-03-01' });
    expect(dup.statusCode).toBe(409);
    const removed = ok(await A.staff.req('DELETE', `/api/campaigns/${c.id}/activities/${held.id}`));
    expect(removed.counts.membersAttended).toBe(0);
    expect(removed.counts.members).toBe(2);
    expect((await A.staff.patch(`/api/campaigns/${c.id}`, { endDate: '2025-01-01', version: c.version })).statusCode).toBe(400);
    ok(await A.staff.patch(`/api/campaigns/${c.id}`, { endDate: '2026-12-31', version: c.version }));
    expect((await A.staff.patch(`/api/campaigns/${c.id}`, { endDate: '2026-12-30', version: c.version })).statusCode).toBe(409);
    void other;
    expect((await auditRows(A.org.id, 'campaign', c.id)).map((a) => a.action)).toEqual(['create', 'add_activities', 'remove_activity', 'update']);
  });
});

describe('studios', () => {
  it('members with a lead, its activities, and a cooperation item created from a studio meeting', async () => {
    const s = await A.studio();
    const [lead, m2] = [await A.member('胡建中'), await A.member()];
    const set = ok(await A.staff.put(`/api/studios/${s.id}/members`, { memberIds: [m2.id], leadMemberId: lead.id, description: '成渝合作', version: 0 }));
    expect(set.memberList).toEqual(expect.arrayContaining([{ id: lead.id, name: '胡建中', lead: true }, { id: m2.id, name: m2.name, lead: false }]));
    expect(set).toMatchObject({ leadName: '胡建中', members: 2, profileVersion: 1 });
    expect((await A.staff.put(`/api/studios/${s.id}/members`, { memberIds: [], leadMemberId: null, version: 0 })).statusCode).toBe(409);
    expect((await A.staff.put(`/api/studios/${s.id}/members`, { memberIds: [(await B.member()).id], leadMemberId: null, version: 1 })).statusCode).toBe(400);
    const meeting = await A.activity({ organizerKind: 'studio', organizerRefId: s.id, invited: [lead.id], attended: [lead.id] });
    const item = await newItem(A.staff, A.org.id, { ...itemBody(B.org.id), originActivityId: meeting.id });
    expect(item.originActivity).toMatchObject({ id: meeting.id, topic: meeting.topic });
    const v = ok(await A.leader.get(`/api/studios/${s.id}`));
    expect(v.activityList).toEqual([expect.objectContaining({ id: meeting.id, items: 1 })]);
    expect(v.itemList.map((i: { id: number }) => i.id)).toEqual([item.id]);
    expect(ok(await A.leader.get(`/api/orgs/${A.org.id}/studios`)).items.find((x: { id: number }) => x.id === s.id)).toMatchObject({ leadName: '胡建中', members: 2, activities: 1 });
    expect((await B.staff.get(`/api/studios/${s.id}`)).statusCode).toBe(404);
    // The origin must be an activity of the owner organization.
    expect((await A.staff.post(`/api/orgs/${A.org.id}/coop-items`, { title: 'x', originActivityId: (await B.activity()).id })).statusCode).toBe(400);
  });
});

describe('links between records', () => {
  it('a link shows on both sides, only to callers who may see the other record; add and remove are audited', async () => {
    const item = await newItem(A.staff, A.org.id, itemBody(B.org.id));
    const meeting = await A.activity();
    const c = ok(await A.staff.post(`/api/orgs/${A.org.id}/campaigns`, { name: '链接测试活动', startDate: '2025-01-01' }));
    const added = ok(await A.staff.post(`/api/record-links/cooperation_item/${item.id}`, { toType: 'activity', toId: meeting.id }));
    expect(added.items).toEqual([expect.objectContaining({ type: 'activity', recordId: meeting.id, title: meeting.topic, direction: 'outgoing', canRemove: true })]);
    ok(await A.staff.post(`/api/record-links/campaign/${c.id}`, { toType: 'cooperation_item', toId: item.id }));
    const fromActivity = ok(await A.leader.get(`/api/record-links/activity/${meeting.id}`));
    expect(fromActivity.items).toEqual([expect.objectContaining({ type: 'cooperation_item', recordId: item.id, direction: 'incoming', canRemove: false })]);
    expect(fromActivity.canAdd).toBe(false);
    // The party organization's staff see the item but not the owner's activity or campaign: both links hidden.
    const byParty = ok(await B.staff.get(`/api/record-links/cooperation_item/${item.id}`));
    expect(byParty.items).toEqual([]);
    expect((await B.staff.get(`/api/record-links/activity/${meeting.id}`)).statusCode).toBe(404);
    expect((await C.staff.get(`/api/record-links/cooperation_item/${item.id}`)).statusCode).toBe(404);
    // The party may not add links to the owner's item; nobody links a record to itself or twice, or to what they cannot see.
    expect((await B.staff.post(`/api/record-links/cooperation_item/${item.id}`, { toType: 'campaign', toId: c.id })).statusCode).toBe(404);
    expect((await A.staff.post(`/api/record-links/cooperation_item/${item.id}`, { toType: 'cooperation_item', toId: item.id })).statusCode).toBe(400);
    expect((await A.staff.post(`/api/record-links/activity/${meeting.id}`, { toType: 'cooperation_item', toId: item.id })).statusCode).toBe(409);
    expect((await A.staff.post(`/api/record-links/cooperation_item/${item.id}`, { toType: 'activity', toId: (await C.activity()).id })).statusCode).toBe(400);
    const cands = ok(await A.staff.get(`/api/orgs/${A.org.id}/link-candidates?type=activity&q=${encodeURIComponent(meeting.topic.slice(0, 8))}`));
    expect(cands.items.map((x: { id: number }) => x.id)).toContain(meeting.id);
    const linkId = added.items[0].id;
    expect((await C.staff.req('DELETE', `/api/record-links/${linkId}`)).statusCode).toBe(404);
    ok(await A.staff.req('DELETE', `/api/record-links/${linkId}`));
    expect(ok(await A.staff.get(`/api/record-links/activity/${meeting.id}`)).items).toEqual([]);
    expect((await auditRows(A.org.id, 'record_link', linkId)).map((a) => a.action)).toEqual(['create', 'delete']);
  });
});
