/** 提案统计: every number of a small organization built by direct inserts, the drill-down rows behind them, the workbook. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import {
  collectiveProposers,
  members,
  plenarySessions,
  proposalAssignments,
  proposalCategories,
  proposalContacts,
  proposalEvaluations,
  proposalProposers,
  proposalReplies,
  proposals,
  sectors,
} from '@server/db/schema/index';
import { WorkCalendar } from '@server/lib/workdays';
import { createTestApp, createUnit, signedIn, uniq, type Client, type TestContext } from '../../../../test/helpers';
import { proposalOrg, shiftDay, submitted, type ProposalOrg } from './proposals.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const cal = new WorkCalendar();
type Ins<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/**
 * Session S (current) holds p2…p12; an older session S2 (2025) holds p13; a draft p1 never counts.
 * Units U1 (o.unit) and U2; categories C1 (o.category), C2, none; sectors Sec1 (M1), Sec2 (M2), none (M3), and a
 * collective Col1. The expected numbers are worked out in the comments of each test.
 */
async function build() {
  const o = await proposalOrg(ctx);
  const { db } = ctx.database;
  const orgId = o.org.id;
  const today = o.today;
  const U1 = o.unit.id;
  const U2 = (await createUnit(ctx.database, orgId, { name: uniq('万方汽车运输公司') })).id;
  const C1 = o.category.id;
  const [c2] = await db.insert(proposalCategories).values({ orgId, name: '社会事业' }).returning();
  const [sec1] = await db.insert(sectors).values({ orgId, name: '经济界' }).returning();
  const [sec2] = await db.insert(sectors).values({ orgId, name: '教育界' }).returning();
  const [m1] = await db.insert(members).values({ orgId, name: '田晓峰', sectorId: sec1.id }).returning();
  const [m2] = await db.insert(members).values({ orgId, name: '李明', sectorId: sec2.id }).returning();
  const [m3] = await db.insert(members).values({ orgId, name: '王芳' }).returning();
  const [col] = await db.insert(collectiveProposers).values({ orgId, kind: 'party', name: '民建县委会' }).returning();
  const [s2] = await db
    .insert(plenarySessions)
    .values({ orgId, termId: o.term.id, number: 2, name: '十一届二次会议', startDate: '2025-01-10', endDate: '2025-01-13' })
    .returning();
  const S = o.session!.id;

  let n = 0;
  async function proposal(
    state: string,
    who: { m?: number; col?: number },
    categoryId: number | null,
    extra: Partial<Ins<typeof proposals>> = {},
  ) {
    n++;
    const [p] = await db
      .insert(proposals)
      .values({
        orgId,
        sessionId: S,
        kind: who.col ? 'collective' : 'individual',
        firstProposerMemberId: who.m ?? null,
        collectiveId: who.col ?? null,
        subject: `关于第${n}件事的建议`,
        state,
        categoryId,
        number: state === 'draft' ? null : n,
        numberLabel: state === 'draft' ? null : `十一届三次会议第${String(n).padStart(4, '0')}号`,
        createdByAccountId: o.staff.accountId,
        ...extra,
      })
      .returning();
    const [first] = await db
      .insert(proposalProposers)
      .values({ proposalId: p.id, memberId: who.m ?? null, collectiveId: who.col ?? null, role: 'first', status: 'confirmed' })
      .returning();
    return { id: p.id, proposerId: first.id };
  }
  const A0 = '2025-03-03';
  async function assignment(
    proposalId: number,
    unitId: number,
    role: string,
    status: string,
    deadline: string,
    extra: Partial<Ins<typeof proposalAssignments>> = {},
  ) {
    const [a] = await db
      .insert(proposalAssignments)
      .values({ orgId, proposalId, unitId, role, status, assignedOn: A0, windowEnd: '2025-03-17', deadline, ...extra })
      .returning();
    return a.id;
  }
  const reply = (proposalId: number, assignmentId: number, unitId: number, round: number, grade: string, repliedAt: string) =>
    db.insert(proposalReplies).values({
      orgId,
      proposalId,
      assignmentId,
      unitId,
      round,
      grade,
      body: '<p>答复</p>',
      signer: '张局长',
      repliedAt: new Date(repliedAt),
    });
  const evaluation = (proposalId: number, proposerId: number, round: number, status: string, work?: string, result?: string) =>
    db
      .insert(proposalEvaluations)
      .values({ orgId, proposalId, proposerId, round, status, workRating: work ?? null, resultRating: result ?? null });
  const contact = (proposalId: number, assignmentId: number) =>
    db
      .insert(proposalContacts)
      .values({ orgId, proposalId, assignmentId, form: 'in_person', contactDate: '2025-03-05', notes: '当面沟通' });

  await proposal('draft', { m: m1.id }, C1, { sessionId: null }); // p1
  const p2 = await proposal('submitted', { m: m1.id }, C1);
  const p3 = await proposal('merged', { m: m2.id }, C1);
  const p4 = await proposal('not_registered', { m: m3.id }, null);
  const p5 = await proposal('withdrawn', { m: m1.id }, c2.id);
  const p6 = await proposal('registered', { m: m2.id }, c2.id);
  // p7: assigned, U1 sole not signed for, deadline yesterday → overdue; a reassigned (closed) U2 row never counts.
  const p7 = await proposal('assigned', { m: m1.id }, C1);
  const a7 = await assignment(p7.id, U1, 'sole', 'assigned', shiftDay(today, -1));
  await assignment(p7.id, U2, 'sole', 'closed', shiftDay(today, -1));
  // p8: handling, U1 lead (received, due in 10 days), U2 co (opinion given); a contact.
  const p8 = await proposal('handling', { m: m2.id }, C1);
  const a8 = await assignment(p8.id, U1, 'lead', 'received', shiftDay(today, 10));
  await assignment(p8.id, U2, 'co', 'opinion_given', shiftDay(today, 10));
  await contact(p8.id, a8);
  // p9: replied, separate: U1 on time (A, 03-10), U2 late (B, 03-29 China time; deadline 03-28); evaluations pending; a contact.
  const p9 = await proposal('replied', { m: m1.id }, c2.id);
  const [cos] = await db
    .insert(proposalProposers)
    .values({ proposalId: p9.id, memberId: m2.id, role: 'cosigner', status: 'confirmed' })
    .returning();
  const a9u1 = await assignment(p9.id, U1, 'separate', 'replied', '2025-06-03');
  const a9u2 = await assignment(p9.id, U2, 'separate', 'replied', '2025-03-28');
  await reply(p9.id, a9u1, U1, 1, 'A', '2025-03-10T02:00:00Z');
  await reply(p9.id, a9u2, U2, 1, 'B', '2025-03-28T17:00:00Z');
  await evaluation(p9.id, p9.proposerId, 1, 'pending');
  await evaluation(p9.id, cos.id, 1, 'pending');
  await contact(p9.id, a9u1);
  // p10: evaluated, U2 sole (A, 03-04): M3 rated 满意 / 基本满意; a co-signer M1 未表态.
  const p10 = await proposal('evaluated', { m: m3.id }, C1);
  const [cos10] = await db
    .insert(proposalProposers)
    .values({ proposalId: p10.id, memberId: m1.id, role: 'cosigner', status: 'confirmed' })
    .returning();
  const a10 = await assignment(p10.id, U2, 'sole', 'replied', '2025-06-03');
  await reply(p10.id, a10, U2, 1, 'A', '2025-03-04T03:00:00Z');
  await evaluation(p10.id, p10.proposerId, 1, 'rated', 'satisfied', 'basically_satisfied');
  await evaluation(p10.id, cos10.id, 1, 'no_response');
  // p11: closed after re-handling (round 2), collective, U1 sole: replies C (round 1, 03-17) and C (round 2);
  // round 1 rated 不满意/不满意 (superseded), round 2 rated 不满意 / 满意.
  const p11 = await proposal('closed', { col: col.id }, null, { round: 2 });
  const a11 = await assignment(p11.id, U1, 'sole', 'replied', '2025-09-03', { round: 2 });
  await reply(p11.id, a11, U1, 1, 'B', '2025-03-17T01:00:00Z');
  await reply(p11.id, a11, U1, 2, 'C', '2025-08-01T01:00:00Z');
  await evaluation(p11.id, p11.proposerId, 1, 'rated', 'dissatisfied', 'dissatisfied');
  await evaluation(p11.id, p11.proposerId, 2, 'rated', 'dissatisfied', 'satisfied');
  // p12: re-handling (round 2), U2 sole reopened (received, new deadline 3 days ago → overdue); round-1 reply B on 03-05;
  // round 1 rated 不满意 / 不满意; a contact.
  const p12 = await proposal('rehandling', { m: m2.id }, null, { round: 2 });
  const a12 = await assignment(p12.id, U2, 'sole', 'received', shiftDay(today, -3), { round: 2 });
  await reply(p12.id, a12, U2, 1, 'B', '2025-03-05T01:00:00Z');
  await evaluation(p12.id, p12.proposerId, 1, 'rated', 'dissatisfied', 'dissatisfied');
  await contact(p12.id, a12);
  // p13: in the older session S2.
  await proposal('registered', { m: m1.id }, C1, { sessionId: s2.id });

  return { o, U1, U2, C1, C2: c2.id, sec1: sec1.id, sec2: sec2.id, S, S2: s2.id, a7, a12, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12 };
}

type Built = Awaited<ReturnType<typeof build>>;
const f = (num: number, den: number) => ({ num, den });

async function allItems(c: Client, orgId: number, qs: string, limit = 200) {
  const out: Array<Record<string, unknown> & { rowId: number; proposalId: number }> = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const r = await c.get(`/api/orgs/${orgId}/proposal-stats/items?${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as { items: typeof out; nextCursor: string | null };
    out.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return out;
}

describe('proposal statistics', () => {
  let b: Built;
  let o: ProposalOrg;
  beforeAll(async () => {
    b = await build();
    o = b.o;
  });

  it('counts and rates of the latest session with proposals, exactly', async () => {
    const r = await o.leader.get(`/api/orgs/${o.org.id}/proposal-stats`);
    expect(r.statusCode, r.body).toBe(200);
    const v = r.json();
    expect(v.scope).toEqual({ sessionId: b.S, sessionName: '十一届三次会议', year: null });
    expect(v.sessions.map((s: { id: number; proposals: number }) => [s.id, s.proposals])).toEqual([
      [b.S, 11],
      [b.S2, 1],
    ]);
    // p2…p12 (the draft p1 and p13 of S2 excluded).
    expect(v).toMatchObject({ received: 11, registered: 7, merged: 1, converted: 1, withdrawn: 1, assigned: 6, replied: 4, contacted: 3 });
    expect(v.registrationRate).toEqual(f(7, 11));
    expect(v.replyRate).toEqual(f(4, 6));
    expect(v.contactRate).toEqual(f(3, 6));
    // Replying assignments replied: p9U1, p9U2 (late: 03-29 in China), p10U2, p11U1, p12U2 (round-1 reply before the new deadline).
    expect(v.onTimeRate).toEqual(f(4, 5));
    // Latest finished round: p10 (满意/基本满意 + 未表态), p11 round 2 (不满意/满意), p12 round 1 (不满意/不满意).
    expect(v.workSatisfaction).toEqual(f(1, 3));
    expect(v.resultSatisfaction).toEqual(f(2, 3));
    expect(v.ratings).toEqual([
      { rating: 'satisfied', work: 1, result: 1 },
      { rating: 'basically_satisfied', work: 0, result: 1 },
      { rating: 'dissatisfied', work: 2, result: 1 },
    ]);
    expect(v).toMatchObject({ rated: 3, noResponse: 1, pendingEvaluations: 2, overdue: 2 });
    // Latest round per assignment: p9U1 A, p9U2 B, p10 A, p11 C (round 2), p12 B.
    expect(v.grades).toEqual([
      { code: 'A', label: '已解决或采纳', count: 2, share: f(2, 5) },
      { code: 'B', label: '正在解决或列入计划', count: 2, share: f(2, 5) },
      { code: 'C', label: '因条件限制留作参考', count: 1, share: f(1, 5) },
    ]);
    const byKey = (rows: Array<{ key: string }>) => Object.fromEntries(rows.map((x) => [x.key, x]));
    expect(byKey(v.byCategory)).toEqual({
      [String(b.C1)]: { key: String(b.C1), name: '经济建设', received: 5, registered: 3, assigned: 3, replied: 1 },
      [String(b.C2)]: { key: String(b.C2), name: '社会事业', received: 3, registered: 2, assigned: 1, replied: 1 },
      none: { key: 'none', name: '', received: 3, registered: 2, assigned: 2, replied: 2 },
    });
    expect(byKey(v.bySector)).toEqual({
      [String(b.sec1)]: { key: String(b.sec1), name: '经济界', received: 4, registered: 2, assigned: 2, replied: 1 },
      [String(b.sec2)]: { key: String(b.sec2), name: '教育界', received: 4, registered: 3, assigned: 2, replied: 1 },
      none: { key: 'none', name: '', received: 2, registered: 1, assigned: 1, replied: 1 },
      collective: { key: 'collective', name: '', received: 1, registered: 1, assigned: 1, replied: 1 },
    });
    // Working days from 03-03 to the first reply, by the calendar.
    const wd = (to: string) => cal.workdaysBetween('2025-03-03', to).count;
    const u1 = [wd('2025-03-10'), wd('2025-03-17')];
    const u2 = [wd('2025-03-29'), wd('2025-03-04'), wd('2025-03-05')];
    const avg = (xs: number[]) => Math.round((xs.reduce((a, x) => a + x, 0) / xs.length) * 10) / 10;
    expect(u1).toEqual([5, 10]);
    const units = Object.fromEntries(v.byUnit.map((u: { unitId: number }) => [u.unitId, u]));
    expect(units[b.U1]).toMatchObject({
      assigned: 4,
      replying: 4,
      replied: 2,
      onTime: f(2, 2),
      workSatisfaction: f(0, 1),
      resultSatisfaction: f(1, 1),
      satisfaction: f(1, 2),
      avgWorkdays: avg(u1),
      avgWorkdaysProvisional: false,
      overdue: 1,
    });
    expect(units[b.U2]).toMatchObject({
      assigned: 4,
      replying: 3,
      replied: 3,
      onTime: f(2, 3),
      workSatisfaction: f(1, 2),
      resultSatisfaction: f(1, 2),
      satisfaction: f(2, 4),
      avgWorkdays: avg(u2),
      overdue: 1,
    });
    expect(v.avgWorkdays).toBe(avg([...u1, ...u2]));
  });

  it('another session or a year; an unknown session is 400 naming sessionId', async () => {
    const s2 = (await o.staff.get(`/api/orgs/${o.org.id}/proposal-stats?sessionId=${b.S2}`)).json();
    expect(s2).toMatchObject({
      scope: { sessionId: b.S2, sessionName: '十一届二次会议', year: null },
      received: 1,
      registered: 1,
      assigned: 0,
    });
    expect(s2.replyRate).toEqual(f(0, 0));
    const y = (await o.staff.get(`/api/orgs/${o.org.id}/proposal-stats?year=2025`)).json();
    expect(y).toMatchObject({ scope: { sessionId: null, sessionName: null, year: 2025 }, received: 1 });
    const bad = await o.staff.get(`/api/orgs/${o.org.id}/proposal-stats?sessionId=999999999`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('sessionId');
  });

  it('who may read: leaders and the office; a member 403, a unit handler 403, another organization 404', async () => {
    expect((await o.admin.get(`/api/orgs/${o.org.id}/proposal-stats`)).statusCode).toBe(200);
    const member = await o.member();
    expect((await member.get(`/api/orgs/${o.org.id}/proposal-stats`)).statusCode).toBe(403);
    expect((await member.get(`/api/orgs/${o.org.id}/proposal-stats/items?metric=received`)).statusCode).toBe(403);
    expect((await member.get(`/api/orgs/${o.org.id}/proposal-stats.xlsx`)).statusCode).toBe(403);
    const handler = await signedIn(ctx, [{ orgId: o.org.id, role: 'unit_handler', unitId: b.U1 }]);
    expect((await handler.get(`/api/orgs/${o.org.id}/proposal-stats`)).statusCode).toBe(403);
    const other = await proposalOrg(ctx);
    for (const url of [
      `/api/orgs/${o.org.id}/proposal-stats`,
      `/api/orgs/${o.org.id}/proposal-stats/items?metric=received`,
      `/api/orgs/${o.org.id}/proposal-stats.xlsx`,
    ]) {
      expect((await other.leader.get(url)).statusCode).toBe(404);
      expect((await other.staff.get(url)).statusCode).toBe(404);
    }
  });

  it('drill-down rows equal the numbers they explain', async () => {
    const v = (await o.staff.get(`/api/orgs/${o.org.id}/proposal-stats`)).json();
    const count = async (qs: string) => (await allItems(o.staff, o.org.id, qs)).length;
    const expected: Array<[string, number]> = [
      ['metric=received', v.received],
      ['metric=registered', v.registered],
      ['metric=merged', v.merged],
      ['metric=converted', v.converted],
      ['metric=withdrawn', v.withdrawn],
      ['metric=assigned', v.assigned],
      ['metric=replied', v.replied],
      ['metric=contacted', v.contacted],
      ['metric=replied_assignments', v.onTimeRate.den],
      ['metric=on_time', v.onTimeRate.num],
      ['metric=late', v.onTimeRate.den - v.onTimeRate.num],
      ['metric=overdue', v.overdue],
      ['metric=rated', v.rated],
      ['metric=no_response', v.noResponse],
      ['metric=work_satisfied', v.workSatisfaction.num],
      ['metric=result_satisfied', v.resultSatisfaction.num],
    ];
    for (const g of v.grades) expected.push([`metric=grade&key=${g.code}`, g.count]);
    for (const c of v.byCategory) expected.push([`metric=category&key=${c.key}`, c.received]);
    for (const c of v.bySector) expected.push([`metric=sector&key=${c.key}`, c.received]);
    for (const r of v.ratings) {
      expected.push([`metric=work_rating&key=${r.rating}`, r.work]);
      expected.push([`metric=result_rating&key=${r.rating}`, r.result]);
    }
    for (const u of v.byUnit) {
      expected.push([`metric=unit&key=${u.unitId}`, u.assigned]);
      expected.push([`metric=replying&key=${u.unitId}`, u.replying]);
      expected.push([`metric=on_time&key=${u.unitId}`, u.onTime.num]);
      expected.push([`metric=replied_assignments&key=${u.unitId}`, u.onTime.den]);
      expected.push([`metric=overdue&key=${u.unitId}`, u.overdue]);
    }
    for (const [qs, n] of expected) expect([qs, await count(qs)]).toEqual([qs, n]);

    // The rows themselves: overdue lists p7 (U1) and p12 (U2) with their units and deadlines.
    const overdue = await allItems(o.staff, o.org.id, 'metric=overdue');
    expect(overdue.map((r) => [r.proposalId, r.rowId, r.unitName])).toEqual([
      [b.p12.id, b.a12, expect.stringContaining('万方汽车运输公司')],
      [b.p7.id, b.a7, expect.stringContaining('县交通运输委')],
    ]);
    const late = await allItems(o.staff, o.org.id, 'metric=late');
    expect(late[0]).toMatchObject({ proposalId: b.p9.id, deadline: '2025-03-28', repliedOn: '2025-03-29', grade: 'B' });
    const dis = await allItems(o.staff, o.org.id, 'metric=work_rating&key=dissatisfied');
    expect(dis.map((r) => [r.proposalId, r.evaluatorName]).sort()).toEqual(
      [
        [b.p11.id, '民建县委会'],
        [b.p12.id, '李明'],
      ].sort(),
    );
    // Keyset paging: two at a time, no row twice.
    const paged = await allItems(o.staff, o.org.id, 'metric=received', 2);
    expect(paged).toHaveLength(11);
    expect(new Set(paged.map((r) => r.rowId)).size).toBe(11);
    expect(paged.map((r) => r.proposalId)).not.toContain(b.p2.id - 1); // the draft
  });

  it('bad drill-down input is 400 naming the field', async () => {
    const get = (qs: string) => o.staff.get(`/api/orgs/${o.org.id}/proposal-stats/items?${qs}`);
    const unknown = await get('metric=nonsense');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('metric');
    expect(unknown.json().message).toContain('统计指标');
    for (const qs of ['metric=unit', 'metric=unit&key=abc', 'metric=grade', 'metric=work_rating&key=great', 'metric=category&key=x1']) {
      const r = await get(qs);
      expect([qs, r.statusCode, r.json().field]).toEqual([qs, 400, 'key']);
    }
    const cur = await get('metric=received&cursor=bm9wZQ');
    expect(cur.statusCode).toBe(400);
  });

  it('the workbook opens with its five sheets and the numbers', async () => {
    const r = await o.leader.get(`/api/orgs/${o.org.id}/proposal-stats.xlsx`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['总览', '按分类', '按界别', '按承办单位', '逾期清单']);
    const overview = wb.getWorksheet('总览')!;
    const cells = new Map<string, unknown>();
    overview.eachRow((row) => cells.set(row.getCell(1).text, row.getCell(2).value));
    expect(cells.get('收到提案')).toBe(11);
    expect(cells.get('立案率')).toBe('63.6%');
    expect(cells.get('按期办复率')).toBe('80.0%');
    expect(wb.getWorksheet('逾期清单')!.rowCount).toBe(3);
    expect(wb.getWorksheet('按承办单位')!.rowCount).toBe(3);
    expect(wb.getWorksheet('按界别')!.getColumn(1).values).toContain('集体提案');
  });
});

describe('the dashboard cache', () => {
  it('serves the stored dashboard while nothing changed, and recomputes after any audited change', async () => {
    // The platform's audit chain is part of the key, and on PostgreSQL other test files write to it concurrently
    // (creating organizations). An attempt during which the platform head moved proves nothing, so it is retried
    // with a new organization; one attempt with the heads unchanged must be served from the cache.
    const platformSeq = async () =>
      Number((await ctx.database.rows<{ seq: number | string }>(sql`select coalesce((select seq from audit_heads where chain_key = 'platform'), 0) as seq`))[0].seq);
    let o: Awaited<ReturnType<typeof proposalOrg>> | undefined;
    let m: Awaited<ReturnType<Awaited<ReturnType<typeof proposalOrg>>['member']>> | undefined;
    let url = '';
    let proved = false;
    for (let attempt = 0; attempt < 5 && !proved; attempt++) {
      o = await proposalOrg(ctx);
      m = await o.member();
      const p1 = await submitted(m, o.org.id);
      url = `/api/orgs/${o.org.id}/proposal-stats`;
      const before = await platformSeq();
      expect((await o.leader.get(url)).json().received).toBe(1);
      const stored = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from proposal_stats_cache where org_id = ${o.org.id}`);
      expect(stored[0].n).toBe(1);
      // A write that bypasses the product (no audit row) is not seen: the answer comes from the cache.
      await ctx.database.db.update(proposals).set({ state: 'draft' }).where(eq(proposals.id, p1.id));
      const cached = await o.staff.get(url);
      expect(cached.statusCode).toBe(200);
      if ((await platformSeq()) !== before) continue;
      expect(cached.json().received).toBe(1);
      proved = true;
    }
    expect(proved).toBe(true);
    if (!o || !m) throw new Error('unreachable');
    // Any change made through the product writes an audit row, which invalidates the cache.
    await submitted(m, o.org.id);
    await submitted(m, o.org.id);
    expect((await o.leader.get(url)).json().received).toBe(2);
  });
});
