import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { HOST_ONLY_ACTIONS } from '@common/joint';
import { activityParticipants, auditLog, members, outbox } from '@server/db/schema/index';
import { createOrg, createTestApp, signedIn, type Client, type TestContext } from '../../../../test/helpers';
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
const status = (r: { statusCode: number }) => r.statusCode;

/** A small organization: its office, its admin and a leader. */
async function smallOrg() {
  const org = await createOrg(ctx.database);
  const [staff, admin] = await Promise.all([signedIn(ctx, [{ orgId: org.id, role: 'general_staff' }]), signedIn(ctx, [{ orgId: org.id, role: 'org_admin' }])]);
  return { org, staff, admin };
}
type Small = Awaited<ReturnType<typeof smallOrg>>;

const JOINT = { type: '联合协商', topic: '智慧城市建设联合协商' };

/** Ids visible to a client in an organization's list and December calendar. */
async function seen(c: Client, orgId: number) {
  const list = ok(await c.get(`/api/orgs/${orgId}/activities?limit=200`)).items.map((i: { id: number }) => i.id);
  const cal = ok(await c.get(`/api/orgs/${orgId}/activities/calendar?from=2025-12-01&to=2025-12-31`)).items.map((i: { id: number }) => i.id);
  return [...new Set([...list, ...cal])];
}

describe('joint activities: a partner organization sees and manages the activity once it accepts', () => {
  let host: ActivityOrg;
  let partner: ActivityOrg;
  let partnerAdmin: Client;
  let third: Small;
  let declined: Small;
  let pending: Small;
  let a: { id: number; version: number };
  let bMember: Awaited<ReturnType<ActivityOrg['member']>>;
  let bBystander: Awaited<ReturnType<ActivityOrg['member']>>;
  let aMember: Awaited<ReturnType<ActivityOrg['member']>>;

  beforeAll(async () => {
    [host, partner, third, declined, pending] = await Promise.all([activityOrg(ctx), activityOrg(ctx), smallOrg(), smallOrg(), smallOrg()]);
    partnerAdmin = await signedIn(ctx, [{ orgId: partner.org.id, role: 'org_admin' }]);
    [bMember, bBystander, aMember] = await Promise.all([partner.member('周云'), partner.member(), host.member('林于廉')]);
    a = await newActivity(host.staff, host.org.id, JOINT);
    ok(await host.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [aMember.memberId] }));
    for (const o of [partner.org.id, declined.org.id, pending.org.id]) ok(await host.staff.post(`/api/activities/${a.id}/orgs`, { orgId: o }));
  });

  it('the invited admin sees the invitation (notified) but not the activity until accepting', async () => {
    const inbox = ok(await partnerAdmin.get(`/api/orgs/${partner.org.id}/joint-invitations`));
    const inv = inbox.items.find((i: { activity: { id: number } }) => i.activity.id === a.id);
    expect(inv).toMatchObject({ status: 'invited', hostOrgId: host.org.id, abilities: ['accept', 'decline'] });
    expect(inv.activity.topic).toBe(JOINT.topic);
    const note = await ctx.database.db.select().from(outbox).where(and(eq(outbox.orgId, partner.org.id), eq(outbox.eventType, 'activity.joint_invite')));
    expect(note.length).toBe(1);
    expect(status(await partnerAdmin.get(`/api/activities/${a.id}`))).toBe(404);
    expect(status(await partner.staff.get(`/api/activities/${a.id}`))).toBe(404);
    expect(await seen(partner.staff, partner.org.id)).not.toContain(a.id);
    // staff may not answer for their organization (403); the host may not answer for the partner (404)
    expect(status(await partner.staff.post(`/api/activity-orgs/${inv.id}/accept`, { version: inv.version }))).toBe(403);
    expect(status(await host.staff.post(`/api/activity-orgs/${inv.id}/accept`, { version: inv.version }))).toBe(404);
    expect(status(await partnerAdmin.post(`/api/activity-orgs/${inv.id}/accept`, { version: inv.version + 1 }))).toBe(409);
    const r = ok(await partnerAdmin.post(`/api/activity-orgs/${inv.id}/accept`, { version: inv.version }));
    expect(r.status).toBe('accepted');
    expect(status(await partnerAdmin.post(`/api/activity-orgs/${inv.id}/accept`, { version: r.version }))).toBe(409);
    // audited in both organizations' chains; the inviter is told
    const rows = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'activity'), eq(auditLog.entityId, String(a.id)), eq(auditLog.action, 'joint_accept')));
    expect(rows.map((x) => x.orgId).sort()).toEqual([host.org.id, partner.org.id].sort());
    const told = await ctx.database.db.select().from(outbox).where(and(eq(outbox.orgId, host.org.id), eq(outbox.eventType, 'activity.joint_accept')));
    expect(told.length).toBe(1);

    // declined and pending organizations
    const dInv = ok(await declined.admin.get(`/api/orgs/${declined.org.id}/joint-invitations`)).items[0];
    expect(status(await declined.admin.post(`/api/activity-orgs/${dInv.id}/decline`, { reason: '', version: dInv.version }))).toBe(400);
    expect(ok(await declined.admin.post(`/api/activity-orgs/${dInv.id}/decline`, { reason: '时间冲突', version: dInv.version })).status).toBe('declined');
    const dRows = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, String(a.id)), eq(auditLog.action, 'joint_decline')));
    expect(dRows.map((x) => x.orgId).sort()).toEqual([host.org.id, declined.org.id].sort());
  });

  it('partner staff see it in their list and calendar, invite their own members, record speeches; the host sees them', async () => {
    const d = ok(await partner.staff.get(`/api/activities/${a.id}`));
    expect(d.joint).toMatchObject({ side: 'partner', hostOrgId: host.org.id, actingOrgId: partner.org.id, canInviteOrg: false });
    expect(d.abilities.some((x: string) => (HOST_ONLY_ACTIONS as readonly string[]).includes(x))).toBe(false);
    expect(d.abilities).toContain('invite');
    const list = ok(await partner.staff.get(`/api/orgs/${partner.org.id}/activities`)).items;
    expect(list.find((i: { id: number }) => i.id === a.id)).toMatchObject({ joint: true, orgId: host.org.id });
    expect(await seen(partner.staff, partner.org.id)).toContain(a.id);
    expect(await seen(partner.leader, partner.org.id)).toContain(a.id);
    expect(ok(await partner.leader.get(`/api/activities/${a.id}`)).abilities).toEqual([]);

    // own members only: a host member id is not a member of the partner organization
    expect(status(await partner.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [aMember.memberId] }))).toBe(400);
    const inv = ok(await partner.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [bMember.memberId], experts: ['王江峰'] }));
    const bp = inv.participants.find((p: { memberId: number | null }) => p.memberId === bMember.memberId);
    const [row] = await ctx.database.db.select().from(activityParticipants).where(eq(activityParticipants.id, bp.id));
    expect(row.orgId).toBe(partner.org.id);

    // the partner's member: my activities, detail, written suggestion, leave
    const mine = ok(await bMember.get(`/api/orgs/${partner.org.id}/activities/mine`)).items;
    expect(mine.map((i: { id: number }) => i.id)).toContain(a.id);
    expect(ok(await bMember.get(`/api/activities/${a.id}`)).me.id).toBe(bp.id);
    ok(await bMember.post(`/api/activities/${a.id}/speeches`, { kind: 'written', title: '分阶段实施智慧城市建设', body: '<p>建议以技术路线确定为前提<script>x</script></p>' }));
    ok(await bMember.post(`/api/activities/${a.id}/leave`, { reason: '另有公务' }));
    const bpNow = ok(await partner.staff.get(`/api/activities/${a.id}`)).participants.find((p: { id: number }) => p.id === bp.id);
    ok(await partner.staff.post(`/api/activity-participants/${bp.id}/leave-decision`, { decision: 'reject', note: '请尽量参加', version: bpNow.version }));
    ok(await partner.staff.post(`/api/activities/${a.id}/speeches`, { kind: 'oral', participantId: bp.id, title: '现场发言', body: '<p>发言</p>' }));

    // the host sees the partner's speeches; the partner's audit rows are in its own chain
    const hostView = ok(await host.staff.get(`/api/activities/${a.id}`));
    expect(hostView.joint.side).toBe('host');
    expect(hostView.speeches.map((s: { authorName: string }) => s.authorName)).toEqual(['周云', '周云']);
    expect(hostView.speeches[0].body).not.toContain('script');
    expect(hostView.joint.partners.map((p: { orgId: number; status: string }) => [p.orgId, p.status])).toEqual([
      [partner.org.id, 'accepted'],
      [declined.org.id, 'declined'],
      [pending.org.id, 'invited'],
    ]);
    const speechAudit = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, String(a.id)), eq(auditLog.action, 'record_speech')));
    expect(speechAudit.every((x) => x.orgId === partner.org.id)).toBe(true);
  });

  it("partner staff may not take the host's own steps nor handle the host's invitees", async () => {
    const d = ok(await partner.staff.get(`/api/activities/${a.id}`));
    expect(status(await partner.staff.patch(`/api/activities/${a.id}`, { topic: '改', version: d.version }))).toBe(403);
    expect(status(await partner.staff.post(`/api/activities/${a.id}/cancel`, { reason: '改期', version: d.version }))).toBe(403);
    expect(status(await partner.staff.post(`/api/activities/${a.id}/orgs`, { orgId: third.org.id }))).toBe(403);
    const hostP = d.participants.find((p: { memberId: number | null }) => p.memberId === aMember.memberId);
    const r = await partner.staff.post(`/api/activity-participants/${hostP.id}/attendance`, { attendance: 'attended', version: hostP.version });
    expect(status(r)).toBe(403);
    expect(r.json().code).toBe('joint_not_own_participant');
    // the host's staff may mark everybody, including the partner's invitees
    const bp = d.participants.find((p: { memberId: number | null }) => p.memberId === bMember.memberId);
    ok(await host.staff.post(`/api/activity-participants/${bp.id}/attendance`, { attendance: 'attended', version: bp.version }));
  });

  it('nobody else sees it: a third org, a declined org, a pending org, a member of the partner not invited → 404 and not listed', async () => {
    for (const o of [third, declined, pending]) {
      for (const c of [o.staff, o.admin]) {
        expect(status(await c.get(`/api/activities/${a.id}`))).toBe(404);
        expect(await seen(c, o.org.id)).not.toContain(a.id);
        expect(status(await c.post(`/api/activities/${a.id}/speeches`, { kind: 'written', title: 'x', body: '<p>x</p>' }))).toBe(404);
      }
    }
    expect(status(await bBystander.get(`/api/activities/${a.id}`))).toBe(404);
    expect(ok(await bBystander.get(`/api/orgs/${partner.org.id}/activities/mine`)).items.map((i: { id: number }) => i.id)).not.toContain(a.id);
    expect(status(await bBystander.post(`/api/activities/${a.id}/leave`, { reason: 'x' }))).toBe(404);
    // the pending organization's admin still sees the invitation itself
    expect(ok(await pending.admin.get(`/api/orgs/${pending.org.id}/joint-invitations`)).items.map((i: { activity: { id: number } }) => i.activity.id)).toEqual([a.id]);
    expect(status(await third.admin.get(`/api/orgs/${pending.org.id}/joint-invitations`))).toBe(404);
  });

  it("statistics and the dashboard count it for the host and the partner", async () => {
    const hs = ok(await host.leader.get(`/api/orgs/${host.org.id}/activity-stats`));
    const ps = ok(await partner.leader.get(`/api/orgs/${partner.org.id}/activity-stats`));
    expect(hs).toMatchObject({ activities: 1, jointHosted: 1, jointJoined: 0 });
    expect(ps).toMatchObject({ activities: 1, jointHosted: 0, jointJoined: 1 });
    const pd = ok(await partner.leader.get(`/api/orgs/${partner.org.id}/activity-dashboard?year=2025`));
    expect(pd.byTypeMonth).toEqual([{ type: '联合协商', month: 12, count: 1 }]);
    expect(pd.joint).toMatchObject({ hosted: 0, joined: 1 });
    const hd = ok(await host.leader.get(`/api/orgs/${host.org.id}/activity-dashboard?year=2025`));
    expect(hd.joint).toMatchObject({ hosted: 1, joined: 0, invitationsSent: 1 });
    expect(hd.years).toContain(2025);
    // attendance: the partner's invitee counts for the partner once the activity is held
    const d = ok(await host.staff.get(`/api/activities/${a.id}`));
    ok(await host.staff.post(`/api/activities/${a.id}/hold`, { version: d.version }));
    const pd2 = ok(await partner.leader.get(`/api/orgs/${partner.org.id}/activity-dashboard?year=2025`));
    expect(pd2.attendanceByGroup.reduce((s: number, g: { invited: number }) => s + g.invited, 0)).toBe(1);
    expect(pd2.attendanceByGroup[0]).toMatchObject({ attended: 1, rate: 100 });
    const att = ok(await partner.leader.get(`/api/orgs/${partner.org.id}/activity-attendance?year=2025`)).items;
    expect(att.map((r: { memberId: number }) => r.memberId)).toEqual([bMember.memberId]);
    const hostAtt = ok(await host.leader.get(`/api/orgs/${host.org.id}/activity-attendance?year=2025`)).items;
    expect(hostAtt.map((r: { memberId: number }) => r.memberId)).toEqual([aMember.memberId]);
    expect(status(await third.staff.get(`/api/orgs/${host.org.id}/activity-dashboard`))).toBe(404);
    const [m] = await ctx.database.db.select().from(members).where(eq(members.id, bMember.memberId));
    expect(m.orgId).toBe(partner.org.id);
  });

  it("a new start time moves it in the partner's month filter and calendar too", async () => {
    const d = ok(await host.staff.get(`/api/activities/${a.id}`));
    ok(await host.staff.patch(`/api/activities/${a.id}`, { startsAt: '2025-11-03T09:00:00+08:00', endsAt: '2025-11-03T12:00:00+08:00', version: d.version }));
    const ids = async (q: string) => ok(await partner.staff.get(`/api/orgs/${partner.org.id}/activities${q}`)).items.map((i: { id: number }) => i.id);
    expect(await ids('?month=2025-11')).toContain(a.id);
    expect(await ids('?month=2025-12')).not.toContain(a.id);
    const cal = ok(await partner.staff.get(`/api/orgs/${partner.org.id}/activities/calendar?from=2025-11-01&to=2025-11-30`)).items;
    expect(cal.map((i: { id: number }) => i.id)).toContain(a.id);
  });
});

describe('joint invitation transitions (allowed and refused)', () => {
  it('invite twice, self, withdraw, accept after withdraw, re-invite after decline, cancelled activity', async () => {
    const [host, other] = await Promise.all([smallOrg(), smallOrg()]);
    const a = await newActivity(host.staff, host.org.id, JOINT);
    expect(status(await host.staff.post(`/api/activities/${a.id}/orgs`, { orgId: host.org.id }))).toBe(400);
    expect(status(await host.staff.post(`/api/activities/${a.id}/orgs`, { orgId: 987654321 }))).toBe(400);
    const d = ok(await host.staff.post(`/api/activities/${a.id}/orgs`, { orgId: other.org.id }));
    expect(d.joint.partners[0]).toMatchObject({ status: 'invited', abilities: ['withdraw'] });
    const twice = await host.staff.post(`/api/activities/${a.id}/orgs`, { orgId: other.org.id });
    expect(status(twice)).toBe(409);
    expect(twice.json().code).toBe('joint_transition_refused');
    const j = d.joint.partners[0];
    // the invited admin may not withdraw (404: not the host), the host may not decline for them (404)
    expect(status(await other.admin.post(`/api/activity-orgs/${j.id}/withdraw`, { version: j.version }))).toBe(404);
    expect(status(await host.admin.post(`/api/activity-orgs/${j.id}/decline`, { reason: 'x', version: j.version }))).toBe(404);
    const w = ok(await host.staff.post(`/api/activity-orgs/${j.id}/withdraw`, { version: j.version }));
    expect(w.status).toBe('withdrawn');
    expect(status(await host.staff.post(`/api/activity-orgs/${j.id}/withdraw`, { version: w.version }))).toBe(409);
    const late = await other.admin.post(`/api/activity-orgs/${j.id}/accept`, { version: w.version });
    expect(status(late)).toBe(409);
    expect(late.json().message).toContain('已撤回');
    expect(ok(await other.admin.get(`/api/orgs/${other.org.id}/joint-invitations?status=withdrawn`)).items.length).toBe(1);
    // invited again after the withdrawal, then declined, then invited again
    ok(await host.staff.post(`/api/activities/${a.id}/orgs`, { orgId: other.org.id }));
    const dec = ok(await other.admin.post(`/api/activity-orgs/${j.id}/decline`, { reason: '时间冲突', version: w.version + 1 }));
    expect(dec.status).toBe('declined');
    expect(status(await other.admin.post(`/api/activity-orgs/${j.id}/accept`, { version: dec.version }))).toBe(409);
    expect(status(await host.staff.post(`/api/activity-orgs/${j.id}/withdraw`, { version: dec.version }))).toBe(409);
    const again = ok(await host.staff.post(`/api/activities/${a.id}/orgs`, { orgId: other.org.id }));
    expect(again.joint.partners[0].status).toBe('invited');
    // a cancelled activity invites nobody
    const cur = ok(await host.staff.get(`/api/activities/${a.id}`));
    ok(await host.staff.post(`/api/activities/${a.id}/cancel`, { reason: '改期', version: cur.version }));
    const third = await smallOrg();
    const r = await host.staff.post(`/api/activities/${a.id}/orgs`, { orgId: third.org.id });
    expect(status(r)).toBe(409);
    expect(r.json().code).toBe('joint_activity_closed');
    const trail = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityId, String(a.id)), eq(auditLog.orgId, host.org.id)));
    expect(trail.map((x) => x.action)).toEqual(['create', 'joint_invite', 'joint_withdraw', 'joint_invite', 'joint_decline', 'joint_invite', 'cancel']);
  });
});
