import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ACTIVITY_TRANSITIONS, ACTIVITY_ACTIONS, activityActionsFrom, type ActivityStatus } from '@common/activities';
import { auditLog, outbox } from '@server/db/schema/index';
import { createTestApp, type Client, type TestContext } from '../../../../test/helpers';
import { activityOrg, newActivity, type ActivityOrg } from './activities.fixtures';
import { activityClock } from './activities.text';
import { runActivityClocks } from './clocks';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());
afterEach(() => {
  activityClock.now = () => new Date();
});

const ok = (r: { statusCode: number; body: string }) => {
  expect(r.statusCode, r.body).toBe(200);
  return JSON.parse(r.body);
};

/** An activity brought to `status` through the API. */
async function inStatus(o: ActivityOrg, status: ActivityStatus) {
  let a = await newActivity(o.staff, o.org.id);
  const step = async (path: string, body: Record<string, unknown> = {}) => (a = ok(await o.staff.post(`/api/activities/${a.id}/${path}`, { version: a.version, ...body })));
  if (status === 'planned') return a;
  if (status === 'cancelled') return step('cancel', { reason: '因故延期' });
  await step('hold');
  if (status === 'held') return a;
  await step('minutes', { minutes: '<p>会议纪要</p>' });
  if (status === 'minutes_filed') return a;
  return step('close');
}

describe('activity life cycle (every status transition allowed and refused)', () => {
  const ROUTES: Record<string, { path: string; body?: Record<string, unknown> }> = {
    hold: { path: 'hold' },
    cancel: { path: 'cancel', body: { reason: '因故延期' } },
    file_minutes: { path: 'minutes', body: { minutes: '<p>纪要正文</p>' } },
    close: { path: 'close' },
  };
  const STATUSES: ActivityStatus[] = ['planned', 'held', 'minutes_filed', 'closed', 'cancelled'];
  for (const [action, route] of Object.entries(ROUTES)) {
    for (const from of STATUSES) {
      const t = ACTIVITY_TRANSITIONS.find((x) => x.from === from && x.action === action);
      it(`${action} from ${from}: ${t ? `→ ${t.to}` : '409'}`, async () => {
        const o = await activityOrg(ctx);
        const a = await inStatus(o, from);
        const r = await o.staff.post(`/api/activities/${a.id}/${route.path}`, { version: a.version, ...(route.body ?? {}) });
        if (t) {
          expect(r.statusCode, r.body).toBe(200);
          expect(r.json().status).toBe(t.to);
          expect(r.json().version).toBe(a.version + 1);
        } else {
          expect(r.statusCode, r.body).toBe(409);
          expect(r.json().code).toBe('activity_transition_refused');
          expect(r.json().message).toContain('当前可执行的操作');
        }
      });
    }
  }

  it('the abilities shown are the table; a member gets none and may not act (403)', async () => {
    const o = await activityOrg(ctx);
    const m = await o.member();
    const a = await newActivity(o.staff, o.org.id);
    expect(a.abilities).toEqual(activityActionsFrom('planned'));
    ok(await o.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [m.memberId] }));
    const seen = ok(await m.get(`/api/activities/${a.id}`));
    expect(seen.abilities).toEqual([]);
    expect((await m.post(`/api/activities/${a.id}/hold`, { version: seen.version })).statusCode).toBe(403);
    expect(ACTIVITY_ACTIONS.length).toBeGreaterThan(5);
  });

  it('a stale version is 409; cancelling records the reason; every step is audited', async () => {
    const o = await activityOrg(ctx);
    const a = await newActivity(o.staff, o.org.id);
    const placed = await newActivity(o.staff, o.org.id, { place: '区政协三楼会议室', online: true, agenda: '<p>议程一</p>' });
    const renamed = ok(await o.staff.patch(`/api/activities/${placed.id}`, { topic: '只改主题', version: placed.version }));
    // An edit of one field keeps the others (the create body's defaults must not fill what the client left out).
    expect(renamed).toMatchObject({ topic: '只改主题', place: '区政协三楼会议室', online: true, agenda: '<p>议程一</p>' });
    ok(await o.staff.patch(`/api/activities/${a.id}`, { topic: '改后的主题', version: a.version }));
    const stale = await o.staff.post(`/api/activities/${a.id}/hold`, { version: a.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict_version');
    const c = ok(await o.staff.post(`/api/activities/${a.id}/cancel`, { version: a.version + 1, reason: '与全会时间冲突' }));
    expect(c.cancelReason).toBe('与全会时间冲突');
    const rows = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'activity'), eq(auditLog.entityId, String(a.id))));
    expect(rows.map((r) => r.action)).toEqual(['create', 'edit', 'cancel']);
  });
});

describe('creating and editing', () => {
  it('validates the type against the configured list, the time order and the organizer; sanitizes the agenda; minutes due 7 working days later', async () => {
    const o = await activityOrg(ctx);
    const bad = await o.staff.post(`/api/orgs/${o.org.id}/activities`, { type: '茶话会', topic: 'x', organizerKind: 'office', organizerName: '办公室', startsAt: '2025-12-05T09:00:00+08:00', endsAt: '2025-12-05T12:00:00+08:00' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('type');
    expect(bad.json().message).toContain('活动类型');
    const order = await o.staff.post(`/api/orgs/${o.org.id}/activities`, { type: '视察', topic: 'x', organizerKind: 'office', organizerName: '办公室', startsAt: '2025-12-05T09:00:00+08:00', endsAt: '2025-12-04T12:00:00+08:00' });
    expect(order.statusCode).toBe(400);
    expect(order.json().field).toBe('endsAt');
    const ref = await o.staff.post(`/api/orgs/${o.org.id}/activities`, { type: '视察', topic: 'x', organizerKind: 'studio', organizerName: '工作室', organizerRefId: 999999, startsAt: '2025-12-05T09:00:00+08:00', endsAt: '2025-12-05T12:00:00+08:00' });
    expect(ref.statusCode).toBe(400);
    const a = await newActivity(o.staff, o.org.id, { agenda: '<p onclick="x()">议程<script>alert(1)</script></p>' });
    expect(a.agenda).toBe('<p>议程</p>');
    expect(a.status).toBe('planned');
    // Friday 2025-12-05 + 7 working days = Tuesday 2025-12-16.
    expect(a.minutesDue).toBe('2025-12-16');
    const moved = ok(await o.staff.patch(`/api/activities/${a.id}`, { endsAt: '2025-12-09T12:00:00+08:00', version: a.version }));
    expect(moved.minutesDue).toBe('2025-12-18');
    const m = await o.member();
    expect((await m.post(`/api/orgs/${o.org.id}/activities`, { type: '视察', topic: 'x', organizerKind: 'office', organizerName: '办公室', startsAt: '2025-12-05T09:00:00+08:00', endsAt: '2025-12-05T12:00:00+08:00' })).statusCode).toBe(403);
  });

  it('per-organization settings change the types and the minutes deadline', async () => {
    const o = await activityOrg(ctx);
    const admin = o.staff;
    const s = ok(await admin.get(`/api/orgs/${o.org.id}/activity-settings`));
    expect(s.config.types).toHaveLength(15);
    expect(s.version).toBe(0);
    ok(await admin.put(`/api/orgs/${o.org.id}/activity-settings`, { config: { ...s.config, types: [...s.config.types, '茶话会'], minutesDueWorkdays: 5 }, version: 0 }));
    expect((await admin.put(`/api/orgs/${o.org.id}/activity-settings`, { config: s.config, version: 0 })).statusCode).toBe(409);
    const dup = await admin.put(`/api/orgs/${o.org.id}/activity-settings`, { config: { ...s.config, types: ['视察', '视察'] }, version: 1 });
    expect(dup.statusCode).toBe(400);
    const a = await newActivity(o.staff, o.org.id, { type: '茶话会' });
    expect(a.minutesDue).toBe('2025-12-12');
  });
});

describe('participants, notifications, leave and attendance', () => {
  it('invitees are notified; a member sees only activities they are invited to; "my activities" lists them', async () => {
    const o = await activityOrg(ctx);
    const m = await o.member('葛志鹏');
    const other = await o.member();
    const a = await newActivity(o.staff, o.org.id);
    const bad = await o.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [999999] });
    expect(bad.statusCode).toBe(400);
    const r = ok(await o.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [m.memberId, m.memberId], unitIds: [o.unitA.id], experts: ['西南大学 王教授'] }));
    expect(r.participants.map((p: { kind: string }) => p.kind)).toEqual(['member', 'unit', 'expert']);
    // Inviting again adds nobody twice.
    ok(await o.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [m.memberId] }));
    const events = (await ctx.database.db.select().from(outbox).where(eq(outbox.eventType, 'activity.invite'))).filter((e) =>
      (e.payload as { recipients: number[] }).recipients.includes(m.accountId),
    );
    expect(events).toHaveLength(1);
    expect((events[0].payload as { link: string }).link).toBe(`/activities/${a.id}`);
    expect((await other.get(`/api/activities/${a.id}`)).statusCode).toBe(404);
    const mine = ok(await m.get(`/api/orgs/${o.org.id}/activities/mine`));
    expect(mine.items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    expect(ok(await other.get(`/api/orgs/${o.org.id}/activities/mine`)).items).toEqual([]);
    expect((await m.get(`/api/orgs/${o.org.id}/activities`)).statusCode).toBe(403);
    expect(ok(await o.leader.get(`/api/activities/${a.id}`)).id).toBe(a.id);
  });

  it('leave: requested while planned, once; approved → on leave; refused → may ask again; not after the activity', async () => {
    const o = await activityOrg(ctx);
    const m = await o.member();
    const m2 = await o.member();
    const a = await newActivity(o.staff, o.org.id);
    ok(await o.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [m.memberId, m2.memberId] }));
    const asked = ok(await m.post(`/api/activities/${a.id}/leave`, { reason: '赴外地出差' }));
    expect(asked.me.leaveStatus).toBe('pending');
    expect(asked.canRequestLeave).toBe(false);
    const again = await m.post(`/api/activities/${a.id}/leave`, { reason: '再请一次' });
    expect(again.statusCode).toBe(409);
    const p = asked.me;
    // The member may not decide their own leave.
    expect((await m.post(`/api/activity-participants/${p.id}/leave-decision`, { decision: 'approve', version: p.version })).statusCode).toBe(403);
    const staffView = ok(await o.staff.post(`/api/activity-participants/${p.id}/leave-decision`, { decision: 'approve', note: '同意', version: p.version }));
    const approved = staffView.participants.find((x: { id: number }) => x.id === p.id);
    expect(approved).toMatchObject({ leaveStatus: 'approved', attendance: 'on_leave', leaveReason: '赴外地出差' });
    expect((await o.staff.post(`/api/activity-participants/${p.id}/leave-decision`, { decision: 'reject', version: approved.version })).statusCode).toBe(409);
    // Another member's view withholds the reason.
    const seen = ok(await m2.get(`/api/activities/${a.id}`));
    expect(seen.participants.find((x: { id: number }) => x.id === p.id).leaveReason).toBe('');
    // Refused, then asked again.
    const r2 = ok(await m2.post(`/api/activities/${a.id}/leave`, { reason: '身体不适' })).me;
    const rej = ok(await o.staff.post(`/api/activity-participants/${r2.id}/leave-decision`, { decision: 'reject', note: '请尽量参会', version: r2.version }));
    expect(rej.participants.find((x: { id: number }) => x.id === r2.id).leaveStatus).toBe('rejected');
    ok(await m2.post(`/api/activities/${a.id}/leave`, { reason: '确实无法参会' }));
    // Once held, no more leave requests.
    const cur = ok(await o.staff.get(`/api/activities/${a.id}`));
    ok(await o.staff.post(`/api/activities/${a.id}/hold`, { version: cur.version }));
    const late = await m.post(`/api/activities/${a.id}/leave`, { reason: 'x' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('activity_leave_closed');
    const outsider = await o.member();
    expect((await outsider.post(`/api/activities/${a.id}/leave`, { reason: 'x' })).statusCode).toBe(404);
  });

  it('staff mark attendance (version-checked); the per-member counts are exact', async () => {
    const o = await activityOrg(ctx);
    const m1 = await o.member('甲委员');
    const m2 = await o.member('乙委员');
    const a1 = await newActivity(o.staff, o.org.id, { startsAt: '2025-03-05T09:00:00+08:00', endsAt: '2025-03-05T11:00:00+08:00' });
    const a2 = await newActivity(o.staff, o.org.id, { startsAt: '2025-06-05T09:00:00+08:00', endsAt: '2025-06-05T11:00:00+08:00' });
    const a3 = await newActivity(o.staff, o.org.id, { startsAt: '2025-07-05T09:00:00+08:00', endsAt: '2025-07-05T11:00:00+08:00' });
    for (const a of [a1, a2, a3]) ok(await o.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [m1.memberId, m2.memberId] }));
    const mark = async (a: { id: number }, memberId: number, attendance: string) => {
      const d = ok(await o.staff.get(`/api/activities/${a.id}`));
      const p = d.participants.find((x: { memberId: number }) => x.memberId === memberId);
      return ok(await o.staff.post(`/api/activity-participants/${p.id}/attendance`, { attendance, version: p.version }));
    };
    await mark(a1, m1.memberId, 'attended');
    await mark(a2, m1.memberId, 'absent');
    await mark(a1, m2.memberId, 'on_leave');
    await mark(a2, m2.memberId, 'attended');
    const d = ok(await o.staff.get(`/api/activities/${a3.id}`));
    const p = d.participants[0];
    ok(await o.staff.post(`/api/activity-participants/${p.id}/attendance`, { attendance: 'attended', version: p.version }));
    expect((await o.staff.post(`/api/activity-participants/${p.id}/attendance`, { attendance: 'absent', version: p.version })).statusCode).toBe(409);
    const cancelled = ok(await o.staff.get(`/api/activities/${a3.id}`));
    ok(await o.staff.post(`/api/activities/${a3.id}/cancel`, { version: cancelled.version, reason: '取消' }));
    const res = ok(await o.staff.get(`/api/orgs/${o.org.id}/activity-attendance?year=2025`));
    expect(res.items).toEqual([
      { memberId: m1.memberId, name: '甲委员', invited: 2, attended: 1, onLeave: 0, absent: 1 },
      { memberId: m2.memberId, name: '乙委员', invited: 2, attended: 1, onLeave: 1, absent: 0 },
    ]);
    // Attendance of a cancelled activity cannot be marked.
    const p2 = ok(await o.staff.get(`/api/activities/${a3.id}`)).participants[1];
    expect((await o.staff.post(`/api/activity-participants/${p2.id}/attendance`, { attendance: 'attended', version: p2.version })).statusCode).toBe(409);
  });
});

describe('venue sign-in codes (controllable clock)', () => {
  async function setup() {
    const o = await activityOrg(ctx);
    const m = await o.member();
    const m2 = await o.member();
    const a = await newActivity(o.staff, o.org.id);
    ok(await o.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [m.memberId, m2.memberId] }));
    return { o, m, m2, a };
  }
  const t0 = new Date('2025-12-05T08:55:00+08:00');
  const at = (minutes: number) => () => new Date(t0.getTime() + minutes * 60_000);

  it('a fresh code signs the member in, once; a wrong code is refused', async () => {
    const { o, m, a } = await setup();
    activityClock.now = at(0);
    const c = ok(await o.staff.post(`/api/activities/${a.id}/sign-code`, {}));
    expect(c.code).toMatch(/^\d{6}$/);
    expect(c.expiresAt).toBe(new Date(t0.getTime() + 10 * 60_000).toISOString());
    const wrong = await m.post(`/api/activities/${a.id}/sign-in`, { code: c.code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().code).toBe('activity_sign_code_invalid');
    activityClock.now = at(9);
    const r = ok(await m.post(`/api/activities/${a.id}/sign-in`, { code: c.code }));
    expect(r.me.attendance).toBe('attended');
    expect(r.me.signedInAt).toBe(at(9)().toISOString());
    const replay = await m.post(`/api/activities/${a.id}/sign-in`, { code: c.code });
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('activity_already_signed_in');
    expect((await m.post(`/api/activities/${a.id}/sign-in`, { code: '12' })).statusCode).toBe(400);
  });

  it('an expired code is refused, even replayed by someone who did not use it in time; a replaced code is refused', async () => {
    const { o, m, m2, a } = await setup();
    activityClock.now = at(0);
    const c = ok(await o.staff.post(`/api/activities/${a.id}/sign-code`, {}));
    activityClock.now = at(10);
    ok(await m.post(`/api/activities/${a.id}/sign-in`, { code: c.code })); // the last valid instant
    activityClock.now = at(10.01);
    const late = await m2.post(`/api/activities/${a.id}/sign-in`, { code: c.code });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('activity_sign_code_expired');
    expect(late.json().message).toContain('已过期');
    // A new code replaces the old one: the old code is never accepted again.
    activityClock.now = at(20);
    const c2 = ok(await o.staff.post(`/api/activities/${a.id}/sign-code`, {}));
    if (c2.code !== c.code) {
      const old = await m2.post(`/api/activities/${a.id}/sign-in`, { code: c.code });
      expect(old.statusCode).toBe(409);
      expect(old.json().code).toBe('activity_sign_code_invalid');
    }
    ok(await m2.post(`/api/activities/${a.id}/sign-in`, { code: c2.code }));
    // Not invited → 404 (the activity is not visible to them).
    const stranger = await o.member();
    expect((await stranger.post(`/api/activities/${a.id}/sign-in`, { code: c2.code })).statusCode).toBe(404);
    // Sign-in is closed once the minutes are filed.
    const cur = ok(await o.staff.get(`/api/activities/${a.id}`));
    const held = ok(await o.staff.post(`/api/activities/${a.id}/hold`, { version: cur.version }));
    ok(await o.staff.post(`/api/activities/${a.id}/minutes`, { minutes: '<p>纪要</p>', version: held.version }));
    expect((await o.staff.post(`/api/activities/${a.id}/sign-code`, {})).statusCode).toBe(409);
  });
});

describe('speeches, lists, calendar and the minutes clock', () => {
  it('staff attribute speeches; a member files their own written suggestion only', async () => {
    const o = await activityOrg(ctx);
    const m = await o.member('胡建中');
    const a = await newActivity(o.staff, o.org.id);
    const d = ok(await o.staff.post(`/api/activities/${a.id}/participants`, { memberIds: [m.memberId] }));
    const pid = d.participants[0].id;
    const s = ok(await o.staff.post(`/api/activities/${a.id}/speeches`, { kind: 'oral', participantId: pid, title: '关于中试基地建设', body: '<p>建议<script>x</script></p>' }));
    expect(s.speeches[0]).toMatchObject({ kind: 'oral', authorName: '胡建中', body: '<p>建议</p>' });
    const w = ok(await m.post(`/api/activities/${a.id}/speeches`, { kind: 'written', title: '书面发言', body: '<p>加快成果转化</p>' }));
    expect(w.speeches[1]).toMatchObject({ kind: 'written', authorName: '胡建中', participantId: pid });
    expect((await m.post(`/api/activities/${a.id}/speeches`, { kind: 'oral', title: 'x', body: '<p>x</p>' })).statusCode).toBe(403);
    expect((await m.post(`/api/activities/${a.id}/speeches`, { kind: 'written', title: 'x', body: '<p> </p>' })).statusCode).toBe(400);
  });

  it('the list filters by type, status, month and organizer and pages by start time; the calendar takes a range', async () => {
    const o = await activityOrg(ctx);
    const mk = (startsAt: string, extra: Record<string, unknown> = {}) => newActivity(o.staff, o.org.id, { startsAt, endsAt: startsAt, ...extra });
    const a = await mk('2025-11-03T09:00:00+08:00', { type: '视察', organizerKind: 'studio', organizerName: '工作室' });
    const b = await mk('2025-12-01T00:30:00+08:00');
    const c = await mk('2025-12-31T23:30:00+08:00');
    ok(await o.staff.post(`/api/activities/${b.id}/hold`, { version: b.version }));
    const list = async (q: string) => ok(await o.staff.get(`/api/orgs/${o.org.id}/activities${q}`)).items.map((i: { id: number }) => i.id);
    expect(await list('')).toEqual([c.id, b.id, a.id]);
    expect(await list('?type=视察')).toEqual([a.id]);
    expect(await list('?status=held')).toEqual([b.id]);
    expect(await list('?month=2025-12')).toEqual([c.id, b.id]);
    expect(await list('?organizerKind=studio')).toEqual([a.id]);
    const p1 = ok(await o.staff.get(`/api/orgs/${o.org.id}/activities?limit=2`));
    expect(p1.items).toHaveLength(2);
    const p2 = ok(await o.staff.get(`/api/orgs/${o.org.id}/activities?limit=2&cursor=${p1.nextCursor}`));
    expect(p2.items.map((i: { id: number }) => i.id)).toEqual([a.id]);
    expect(p2.nextCursor).toBeNull();
    expect((await o.staff.get(`/api/orgs/${o.org.id}/activities?month=2025-13`)).statusCode).toBe(400);
    const cal = ok(await o.staff.get(`/api/orgs/${o.org.id}/activities/calendar?from=2025-12-01&to=2025-12-31`));
    expect(cal.items.map((i: { id: number }) => i.id)).toEqual([b.id, c.id]);
    expect((await o.staff.get(`/api/orgs/${o.org.id}/activities/calendar?from=2025-01-01&to=2025-12-31`)).statusCode).toBe(400);
  });

  it('the minutes clock reminds the organizer a working day before and once overdue — each once', async () => {
    const o = await activityOrg(ctx);
    const a = await newActivity(o.staff, o.org.id);
    ok(await o.staff.post(`/api/activities/${a.id}/hold`, { version: a.version }));
    const events = async (type: string) =>
      (await ctx.database.db.select().from(outbox).where(eq(outbox.eventType, type))).filter((e) => (e.payload as { link: string }).link === `/activities/${a.id}`);
    // Due 2025-12-16 (Tuesday).
    await runActivityClocks(ctx.database.db, { today: '2025-12-12' });
    expect(await events('activity.minutes_due')).toHaveLength(0);
    await runActivityClocks(ctx.database.db, { today: '2025-12-15' });
    await runActivityClocks(ctx.database.db, { today: '2025-12-16' });
    expect(await events('activity.minutes_due')).toHaveLength(1);
    await runActivityClocks(ctx.database.db, { today: '2025-12-17' });
    await runActivityClocks(ctx.database.db, { today: '2025-12-18' });
    const overdue = await events('activity.minutes_overdue');
    expect(overdue).toHaveLength(1);
    expect((overdue[0].payload as { recipients: number[] }).recipients).toEqual([o.staff.accountId]);
  });
});

export type { Client };
