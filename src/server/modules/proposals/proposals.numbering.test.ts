/**
 * Proposal numbers are unique and gapless per session even under concurrent registration — within one app, and
 * (on PostgreSQL) across two app instances sharing the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { proposalNumberCounters, proposalProposers, proposals } from '@server/db/schema/index';
import { createTestApp, login, type Client, type TestContext } from '../../../../test/helpers';
import { BODY, proposalOrg } from './proposals.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

/** `n` submitted proposals of one member in the session (inserted directly; the API path is tested elsewhere). */
async function submittedProposals(o: Awaited<ReturnType<typeof proposalOrg>>, n: number): Promise<number[]> {
  const m = await o.member();
  const { db } = ctx.database;
  const rows = await db
    .insert(proposals)
    .values(
      Array.from({ length: n }, (_, i) => ({
        orgId: o.org.id,
        sessionId: o.session!.id,
        kind: 'individual',
        firstProposerMemberId: m.memberId,
        subject: `关于第${i + 1}件事的建议`,
        body: BODY,
        state: 'submitted',
        period: 'plenary',
        submittedAt: new Date(),
        createdByAccountId: m.accountId,
      })),
    )
    .returning();
  await db.insert(proposalProposers).values(rows.map((r) => ({ proposalId: r.id, memberId: m.memberId, role: 'first', status: 'confirmed' })));
  return rows.map((r) => r.id);
}

const register = (c: Client, id: number) => c.post(`/api/proposals/${id}/register`, { version: 1 });

function expectGapless(numbers: number[], n: number) {
  expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
}

describe('numbering under concurrency', () => {
  it('50 concurrent registrations get numbers 1..50, no gap, no duplicate', async () => {
    const o = await proposalOrg(ctx);
    const ids = await submittedProposals(o, 50);
    const results = await Promise.all(ids.map((id) => register(o.staff, id)));
    for (const r of results) expect(r.statusCode, r.body).toBe(200);
    expectGapless(results.map((r) => r.json().number as number), 50);
    const labels = new Set(results.map((r) => r.json().numberLabel as string));
    expect(labels.size).toBe(50);
    expect(labels.has('十一届三次会议第0050号')).toBe(true);
    const [counter] = await ctx.database.db.select().from(proposalNumberCounters).where(eq(proposalNumberCounters.sessionId, o.session!.id));
    expect(counter.lastNumber).toBe(50);
  });

  it('a failed registration leaves no gap', async () => {
    const o = await proposalOrg(ctx);
    const ids = await submittedProposals(o, 3);
    expect((await register(o.staff, ids[0])).json().number).toBe(1);
    // A stale version is refused inside the transaction; the number it would have taken is not lost.
    expect((await o.staff.post(`/api/proposals/${ids[1]}/register`, { version: 7 })).statusCode).toBe(409);
    expect((await register(o.staff, ids[1])).json().number).toBe(2);
    expect((await register(o.staff, ids[2])).json().number).toBe(3);
  });

  it.runIf(process.env.XIESHANG_TEST_DB === 'postgres')('across two app instances on one database (25 each)', async () => {
    const second = await createTestApp();
    try {
      const o = await proposalOrg(ctx);
      const ids = await submittedProposals(o, 50);
      // The same office account, signed in on each instance.
      const me = await o.staff.get('/api/auth/me');
      const username = me.json().username as string;
      const onSecond = await login(second.app, username);
      const results = await Promise.all(ids.map((id, i) => register(i % 2 === 0 ? o.staff : onSecond, id)));
      for (const r of results) expect(r.statusCode, r.body).toBe(200);
      expectGapless(results.map((r) => r.json().number as number), 50);
    } finally {
      await second.close();
    }
  });
});
