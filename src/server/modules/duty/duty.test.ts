import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { DEFAULT_DUTY_SETTINGS, cappedPoints, dutyYearActions, gradeOf, type DutySettingsConfig } from '@common/duty';
import {
  activities,
  activityParticipants,
  activitySpeeches,
  auditLog,
  collectiveProposers,
  dutyEntries,
  memberGroups,
  members,
  proposalProposers,
  proposals,
  sectors,
} from '@server/db/schema/index';
import { createAccount, createOrg, login, uniq, type Client, type TestContext, createTestApp } from '../../../../test/helpers';
import { dutyYears } from '@server/db/schema/index';
import { runDutyRecompute } from './duty.worker';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const ok = (r: { statusCode: number; body: string }) => {
  expect(r.statusCode, r.body).toBe(200);
  return JSON.parse(r.body);
};

/** An organization with its office (general_staff), admin, leader, a sector, a group and a member factory. */
async function dutyOrg() {
  const { db } = ctx.database;
  const org = await createOrg(ctx.database);
  const signed = async (role: 'general_staff' | 'org_admin' | 'leader' | 'proposal_staff') =>
    Object.assign(await login(ctx.app, (await createAccount(ctx.database, [{ orgId: org.id, role }])).username), {});
  const staff = await signed('general_staff');
  const admin = await signed('org_admin');
  const leader = await signed('leader');
  const proposalStaff = await signed('proposal_staff');
  const [sector] = await db
    .insert(sectors)
    .values({ orgId: org.id, name: uniq('经济界') })
    .returning();
  const [group] = await db
    .insert(memberGroups)
    .values({ orgId: org.id, name: uniq('第一小组') })
    .returning();
  async function member(name = uniq('委员')): Promise<Client & { memberId: number; accountId: number }> {
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const [m] = await db
      .insert(members)
      .values({ orgId: org.id, name, accountId: acc.id, sectorId: sector.id, groupId: group.id })
      .returning();
    return Object.assign(await login(ctx.app, acc.username), { memberId: m.id, accountId: acc.id });
  }
  async function activity(
    type: string,
    day: string,
    attendance: Array<[number, string, string?]>,
    extra: Partial<typeof activities.$inferInsert> = {},
  ) {
    const [a] = await db
      .insert(activities)
      .values({
        orgId: org.id,
        type,
        topic: `${type}${uniq()}`,
        organizerKind: 'office',
        organizerName: '办公室',
        startsAt: new Date(`${day}T09:00:00+08:00`),
        endsAt: new Date(`${day}T12:00:00+08:00`),
        status: 'held',
        ...extra,
      })
      .returning();
    const parts = [];
    for (const [memberId, att, leave] of attendance) {
      const [p] = await db
        .insert(activityParticipants)
        .values({ orgId: org.id, activityId: a.id, kind: 'member', memberId, name: 'x', attendance: att, leaveStatus: leave ?? 'none' })
        .returning();
      parts.push(p);
    }
    return { a, parts };
  }
  async function proposal(
    first: { memberId: number; accountId: number },
    day: string,
    state: string,
    opts: { cosigners?: Array<[number, string]>; isKey?: boolean; isGood?: boolean } = {},
  ) {
    const [p] = await db
      .insert(proposals)
      .values({
        orgId: org.id,
        kind: opts.cosigners?.length ? 'joint' : 'individual',
        firstProposerMemberId: first.memberId,
        subject: `关于${uniq()}的建议`,
        state,
        submittedAt: new Date(`${day}T10:00:00+08:00`),
        isKey: opts.isKey ?? false,
        isGood: opts.isGood ?? false,
        createdByAccountId: first.accountId,
      })
      .returning();
    await db.insert(proposalProposers).values({ proposalId: p.id, memberId: first.memberId, role: 'first', status: 'confirmed' });
    for (const [memberId, status] of opts.cosigners ?? [])
      await db.insert(proposalProposers).values({ proposalId: p.id, memberId, role: 'cosigner', status });
    return p;
  }
  const base = `/api/orgs/${org.id}/duty`;
  const recompute = (year: number, who: Client = staff) => who.post(`${base}/years/${year}/recompute`, {});
  const record = async (memberId: number, year: number) => ok(await staff.get(`${base}/members/${memberId}?year=${year}`));
  const settings = async () => ok(await staff.get(`${base}/settings`));
  const saveRules = async (mutate: (c: DutySettingsConfig) => void) => {
    const s = await settings();
    const config = structuredClone(s.config) as DutySettingsConfig;
    mutate(config);
    return staff.put(`${base}/settings`, { config, version: s.version });
  };
  return {
    org,
    staff,
    admin,
    leader,
    proposalStaff,
    sector,
    group,
    member,
    activity,
    proposal,
    base,
    recompute,
    record,
    settings,
    saveRules,
  };
}

describe('pure scoring helpers', () => {
  it('caps the n-th occurrence and grades by the bands', () => {
    expect([1, 2, 3].map((n) => cappedPoints(10, n, 20))).toEqual([10, 10, 0]);
    expect([1, 2, 3].map((n) => cappedPoints(4, n, 10))).toEqual([4, 4, 2]);
    expect(cappedPoints(-5, 3, 10)).toBe(-0);
    expect(cappedPoints(-5, 1, null)).toBe(-5);
    expect(gradeOf(85, DEFAULT_DUTY_SETTINGS.bands)).toBe('优秀');
    expect(gradeOf(84.5, DEFAULT_DUTY_SETTINGS.bands)).toBe('称职');
    expect(gradeOf(59, DEFAULT_DUTY_SETTINGS.bands)).toBe('不称职');
  });
  it('year transitions: staff freeze, only the org admin unfreezes', () => {
    expect(dutyYearActions('open', ['general_staff'])).toEqual(['recompute', 'freeze']);
    expect(dutyYearActions('frozen', ['general_staff'])).toEqual([]);
    expect(dutyYearActions('frozen', ['org_admin'])).toEqual(['unfreeze']);
    expect(dutyYearActions('open', ['leader', 'member'])).toEqual([]);
  });
});

describe('the ledger', () => {
  it('activities: attendance counts per type with the yearly cap; absence without approved leave deducts; studio activities', async () => {
    const o = await dutyOrg();
    const m = await o.member();
    // Three plenary sessions attended in 2025 (10 each, cap 20 → 10, 10, 0), one in 2024 (other year).
    for (const d of ['2025-01-10', '2025-03-01', '2025-06-01', '2024-12-31']) await o.activity('全体会议', d, [[m.memberId, 'attended']]);
    // Standing committee: absent without leave (-5), on leave approved (0), on leave rejected (-5).
    await o.activity('常委会议', '2025-04-01', [[m.memberId, 'absent']]);
    await o.activity('常委会议', '2025-05-01', [[m.memberId, 'on_leave', 'approved']]);
    await o.activity('常委会议', '2025-05-02', [[m.memberId, 'on_leave', 'rejected']]);
    // A studio activity and a cancelled inspection (does not count).
    await o.activity('委员工作室活动', '2025-07-01', [[m.memberId, 'attended']], { organizerKind: 'studio' });
    await o.activity('视察', '2025-08-01', [[m.memberId, 'attended']], { status: 'cancelled' });
    ok(await o.recompute(2025));
    const r = await o.record(m.memberId, 2025);
    const byKey = (k: string) => r.entries.filter((e: { ruleKey: string }) => e.ruleKey === k);
    expect(
      byKey('plenary_attend')
        .map((e: { points: number }) => e.points)
        .sort(),
    ).toEqual([0, 10, 10]);
    expect(byKey('plenary_attend').filter((e: { capped: boolean }) => e.capped)).toHaveLength(1);
    expect(byKey('standing_absent').map((e: { points: number }) => e.points)).toEqual([-5, -5]);
    expect(byKey('studio_attend')).toHaveLength(1);
    expect(byKey('inspect_attend')).toHaveLength(0);
    expect(r.total).toBe(10 + 10 - 10 + 3);
    expect(r.activities).toBe(4);
    // Every point links to its source.
    expect(byKey('studio_attend')[0].link).toMatch(/^\/activities\/\d+$/);
  });

  it('proposals: first proposer, confirmed co-signers only, collective lead, key and good; speeches', async () => {
    const o = await dutyOrg();
    const [a, b, c] = [await o.member(), await o.member(), await o.member()];
    const p1 = await o.proposal(a, '2025-01-12', 'closed', {
      cosigners: [
        [b.memberId, 'confirmed'],
        [c.memberId, 'invited'],
      ],
      isKey: true,
      isGood: true,
    });
    await o.proposal(a, '2025-02-01', 'submitted'); // not registered: no points under the default rules
    await o.proposal(b, '2025-02-03', 'not_registered');
    // A collective proposal filed by c (its agent) for a party.
    const [col] = await ctx.database.db
      .insert(collectiveProposers)
      .values({ orgId: o.org.id, kind: 'party', name: uniq('民盟') })
      .returning();
    const [cp] = await ctx.database.db
      .insert(proposals)
      .values({
        orgId: o.org.id,
        kind: 'collective',
        collectiveId: col.id,
        subject: '关于集体的建议',
        state: 'registered',
        submittedAt: new Date('2025-03-01T10:00:00+08:00'),
        createdByAccountId: c.accountId,
      })
      .returning();
    await ctx.database.db.insert(proposalProposers).values({ proposalId: cp.id, collectiveId: col.id, role: 'first', status: 'confirmed' });
    // An oral speech by b at a held activity.
    const { a: act, parts } = await o.activity('专题协商会', '2025-05-05', [[b.memberId, 'attended']]);
    await ctx.database.db
      .insert(activitySpeeches)
      .values({ orgId: o.org.id, activityId: act.id, kind: 'oral', participantId: parts[0].id, authorName: 'b', title: '关于产业的发言' });
    ok(await o.recompute(2025));
    const ra = await o.record(a.memberId, 2025);
    expect(ra.items.map((i: { ruleKey: string; points: number }) => [i.ruleKey, i.points])).toEqual([
      ['proposal_first', 10],
      ['proposal_key', 10],
      ['proposal_good', 15],
    ]);
    expect(ra.entries.find((e: { ruleKey: string }) => e.ruleKey === 'proposal_first').link).toBe(`/proposals/${p1.id}`);
    const rb = await o.record(b.memberId, 2025);
    expect(rb.items.map((i: { ruleKey: string }) => i.ruleKey)).toEqual(['consult_attend', 'speech_oral', 'proposal_cosign']);
    expect(rb.total).toBe(4 + 5 + 3);
    const rc = await o.record(c.memberId, 2025);
    expect(rc.items.map((i: { ruleKey: string }) => i.ruleKey)).toEqual(['proposal_collective']); // the invited co-signature does not count
    expect(rc.meetsMinimums).toBe(false); // no activity
    // The lists: below the threshold and missed minimums, ranked.
    const below = ok(await o.staff.get(`${o.base}/scores?year=2025&filter=below`));
    expect(below.total).toBe(3);
    expect(below.items[0].memberId).toBe(a.memberId);
    const missed = ok(await o.staff.get(`${o.base}/scores?year=2025&filter=missed`));
    expect(missed.items.map((r: { memberId: number }) => r.memberId).sort()).toEqual([a.memberId, c.memberId].sort());
    const groups = ok(await o.leader.get(`${o.base}/groups?year=2025&by=sector`));
    expect(groups.items[0]).toMatchObject({ id: o.sector.id, members: 3 });
  });

  it('a rule change recomputes open years and leaves frozen years as they were', async () => {
    const o = await dutyOrg();
    const m = await o.member();
    await o.activity('全体会议', '2024-01-10', [[m.memberId, 'attended']]);
    await o.activity('全体会议', '2025-01-10', [[m.memberId, 'attended']]);
    ok(await o.recompute(2024));
    ok(await o.recompute(2025));
    const years = ok(await o.staff.get(`${o.base}/years`)).items;
    const y2024 = years.find((y: { year: number }) => y.year === 2024);
    ok(await o.staff.post(`${o.base}/years/2024/freeze`, { version: y2024.version }));
    const saved = ok(
      await o.saveRules((c) => {
        c.rules.find((r) => r.key === 'plenary_attend')!.points = 12;
      }),
    );
    expect(saved.recomputed).toContain(2025);
    expect(saved.recomputed).not.toContain(2024);
    expect((await o.record(m.memberId, 2025)).total).toBe(12);
    expect((await o.record(m.memberId, 2024)).total).toBe(10);
    // A frozen year refuses a recompute (409 naming the state) and its ledger is untouched.
    const before = await ctx.database.db
      .select()
      .from(dutyEntries)
      .where(and(eq(dutyEntries.orgId, o.org.id), eq(dutyEntries.year, 2024)));
    const refused = await o.recompute(2024);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('已冻结');
    const after = await ctx.database.db
      .select()
      .from(dutyEntries)
      .where(and(eq(dutyEntries.orgId, o.org.id), eq(dutyEntries.year, 2024)));
    expect(after).toEqual(before);
    // The audit has the rule change, the freeze and the recomputes.
    const actions = (await ctx.database.db.select().from(auditLog).where(eq(auditLog.orgId, o.org.id))).map(
      (r) => `${r.entityType}:${r.action}`,
    );
    expect(actions).toEqual(expect.arrayContaining(['duty_settings:update', 'duty_year:freeze', 'duty_year:recompute']));
  });

  it('rules are validated: condition and role must fit the source, keys unique, bands descending; versions → 409', async () => {
    const o = await dutyOrg();
    const bad1 = await o.saveRules((c) => {
      c.rules[0].condition = 'key';
    });
    expect(bad1.statusCode).toBe(400);
    expect(bad1.json().message).toContain('计分条件');
    const bad2 = await o.saveRules((c) => {
      c.rules[1].key = c.rules[0].key;
    });
    expect(bad2.statusCode).toBe(400);
    const bad3 = await o.saveRules((c) => {
      c.rules[0].role = 'cosigner';
    });
    expect(bad3.statusCode).toBe(400);
    ok(await o.saveRules((c) => void (c.minActivities = 2)));
    const stale = await o.staff.put(`${o.base}/settings`, { config: DEFAULT_DUTY_SETTINGS, version: 0 });
    expect(stale.statusCode).toBe(409);
    // Other roles may read but not edit.
    expect((await o.leader.put(`${o.base}/settings`, { config: DEFAULT_DUTY_SETTINGS, version: 1 })).statusCode).toBe(403);
  });
});

describe('freeze and unfreeze (allowed and refused by role and state)', () => {
  it('general staff freezes, cannot unfreeze; org admin unfreezes; a leader and a member do neither', async () => {
    const o = await dutyOrg();
    const m = await o.member();
    const version = async () =>
      (ok(await o.staff.get(`${o.base}/years`)).items as Array<{ year: number; version: number }>).find((y) => y.year === 2025)?.version ??
      0;
    expect((await o.leader.post(`${o.base}/years/2025/freeze`, { version: 0 })).statusCode).toBe(403);
    expect((await m.post(`${o.base}/years/2025/freeze`, { version: 0 })).statusCode).toBe(403);
    expect((await o.leader.post(`${o.base}/years/2025/recompute`, {})).statusCode).toBe(403);
    ok(await o.staff.post(`${o.base}/years/2025/freeze`, { version: await version() }));
    const again = await o.staff.post(`${o.base}/years/2025/freeze`, { version: await version() });
    expect(again.statusCode).toBe(409);
    expect((await o.staff.post(`${o.base}/years/2025/unfreeze`, { version: await version() })).statusCode).toBe(403);
    const stale = await o.admin.post(`${o.base}/years/2025/unfreeze`, { version: 1 });
    expect(stale.statusCode).toBe(409);
    ok(await o.admin.post(`${o.base}/years/2025/unfreeze`, { version: await version() }));
    expect((await o.admin.post(`${o.base}/years/2025/unfreeze`, { version: await version() })).statusCode).toBe(409);
    const years = ok(await o.admin.get(`${o.base}/years`)).items;
    expect(years.find((y: { year: number }) => y.year === 2025)).toMatchObject({
      state: 'open',
      abilities: { recompute: true, freeze: true, unfreeze: false },
    });
  });
});

describe('manual entries', () => {
  it('staff add, edit (versioned) and delete entries with evidence and audit; frozen years refuse; members only read their own record', async () => {
    const o = await dutyOrg();
    const m = await o.member();
    const other = await o.member();
    const created = ok(
      await o.staff.post(`${o.base}/manual`, {
        memberId: m.memberId,
        item: '参加抗洪救灾志愿服务',
        points: 2,
        count: 3,
        occurredOn: '2025-07-20',
        note: '镇防汛值守',
        evidence: '镇政府证明（扫描件）',
      }),
    );
    let r = await o.record(m.memberId, 2025);
    expect(r.total).toBe(6);
    expect(r.entries[0]).toMatchObject({ sourceType: 'manual', sourceId: created.id, link: null, points: 6 });
    expect(r.manual[0]).toMatchObject({ evidence: '镇政府证明（扫描件）', version: 1 });
    ok(await o.staff.patch(`/api/duty-manual/${created.id}`, { points: 3, version: 1 }));
    expect((await o.staff.patch(`/api/duty-manual/${created.id}`, { points: 4, version: 1 })).statusCode).toBe(409);
    r = await o.record(m.memberId, 2025);
    expect(r.total).toBe(9);
    // Not a member of this organization → 400 with the field.
    const bad = await o.staff.post(`${o.base}/manual`, { memberId: 999999999, item: 'x', points: 1, occurredOn: '2025-07-20' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('委员');
    // Members: own record (no manual-entry list, no abilities), not another's; no manual entries.
    const mine = ok(await m.get(`${o.base}/me?year=2025`));
    expect(mine).toMatchObject({ total: 9, manual: [], abilities: { addManual: false } });
    expect((await m.get(`${o.base}/members/${other.memberId}?year=2025`)).statusCode).toBe(403);
    expect((await m.post(`${o.base}/manual`, { memberId: m.memberId, item: 'x', points: 1, occurredOn: '2025-07-20' })).statusCode).toBe(
      403,
    );
    // The statement downloads as Word.
    const doc = await m.get(`${o.base}/me/statement.docx?year=2025`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Frozen → edits refused; unfrozen → delete works.
    ok(await o.staff.post(`${o.base}/years/2025/freeze`, { version: 0 }));
    expect((await o.staff.post(`/api/duty-manual/${created.id}/delete`, { version: 2 })).statusCode).toBe(409);
    const y = (ok(await o.admin.get(`${o.base}/years`)).items as Array<{ year: number; version: number }>).find((x) => x.year === 2025)!;
    ok(await o.admin.post(`${o.base}/years/2025/unfreeze`, { version: y.version }));
    ok(await o.staff.post(`/api/duty-manual/${created.id}/delete`, { version: 2 }));
    expect((await o.record(m.memberId, 2025)).total).toBe(0);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.entityType, 'duty_manual_entry')));
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'delete']);
  });
});

describe('information reports (社情民意) source', () => {
  it('counts submitted, adopted and instructed reports by author role when the tables exist', async () => {
    const { database } = ctx;
    // The information module owns these tables; create a minimal stand-in when this branch runs alone.
    await database.rows(
      sql`create table if not exists info_reports (id bigint generated always as identity primary key, org_id bigint not null, title text not null, status text not null default 'submitted', submitted_at timestamptz, issued_at timestamptz)`,
    );
    await database.rows(
      sql`create table if not exists info_report_authors (report_id bigint not null, member_id bigint not null, role text not null)`,
    );
    await database.rows(
      sql`create table if not exists info_report_adoptions (id bigint generated always as identity primary key, report_id bigint not null, org_id bigint not null, body_name text not null, level text not null, adopted_on date not null)`,
    );
    await database.rows(
      sql`create table if not exists info_report_instructions (id bigint generated always as identity primary key, report_id bigint not null, org_id bigint not null, leader text not null, level text not null, text text not null, instructed_on date not null)`,
    );
    const o = await dutyOrg();
    const [a, b] = [await o.member(), await o.member()];
    const [rep] = await database.rows<{ id: number }>(
      sql`insert into info_reports (org_id, title, status, submitted_at, issued_at) values (${o.org.id}, '关于农村客运的社情民意', 'issued', '2025-03-02T02:00:00Z', '2025-03-10T02:00:00Z') returning id`,
    );
    await database.rows(
      sql`insert into info_report_authors (report_id, member_id, role) values (${rep.id}, ${a.memberId}, 'first'), (${rep.id}, ${b.memberId}, 'co')`,
    );
    await database.rows(
      sql`insert into info_report_adoptions (report_id, org_id, body_name, level, adopted_on) values (${rep.id}, ${o.org.id}, '市政协', 'municipal', '2025-04-01'), (${rep.id}, ${o.org.id}, '全国政协', 'national', '2025-05-01')`,
    );
    await database.rows(
      sql`insert into info_report_instructions (report_id, org_id, leader, level, text, instructed_on) values (${rep.id}, ${o.org.id}, '县委书记', 'county', '请研究', '2026-01-05')`,
    );
    // Only first authors count for adoption in this organization's rules.
    ok(await o.saveRules((c) => void (c.rules.find((r) => r.key === 'info_adopted')!.role = 'first')));
    ok(await o.recompute(2025));
    ok(await o.recompute(2026));
    const ra = await o.record(a.memberId, 2025);
    expect(ra.items.map((i: { ruleKey: string; points: number }) => [i.ruleKey, i.points])).toEqual([
      ['info_submitted', 2],
      ['info_adopted', 8],
    ]);
    expect(ra.entries[0].link).toBe(`/info-reports/${rep.id}`);
    expect(ra.proposalsOrReports).toBe(1);
    expect((await o.record(b.memberId, 2025)).items.map((i: { ruleKey: string }) => i.ruleKey)).toEqual(['info_submitted']);
    // The instruction came in 2026: it counts in 2026.
    expect((await o.record(a.memberId, 2026)).items.map((i: { ruleKey: string }) => i.ruleKey)).toEqual(['info_instructed']);
  });
});

describe('the worker', () => {
  it('recomputes queued years and skips frozen ones', async () => {
    const o = await dutyOrg();
    const m = await o.member();
    await o.activity('全体会议', '2025-01-10', [[m.memberId, 'attended']]);
    await ctx.database.db.insert(dutyYears).values([
      { orgId: o.org.id, year: 2025, requestedAt: new Date() },
      { orgId: o.org.id, year: 2024, requestedAt: new Date(), frozen: true },
    ]);
    expect(await runDutyRecompute(ctx.database, new Date(), 50)).toBeGreaterThanOrEqual(1);
    expect((await o.record(m.memberId, 2025)).total).toBe(10);
    const [y2024] = await ctx.database.db
      .select()
      .from(dutyYears)
      .where(and(eq(dutyYears.orgId, o.org.id), eq(dutyYears.year, 2024)));
    expect(y2024.computedAt).toBeNull();
  });
});
