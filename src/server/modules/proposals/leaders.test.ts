/** The supervising-leader picker used when a proposal is flagged key (重点提案) at assignment. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createTestApp, type TestContext } from '../../../../test/helpers';
import { proposalOrg } from './proposals.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('GET /api/orgs/:orgId/proposal-leaders', () => {
  it("lists the organization's enabled leaders to the office, and refuses members", async () => {
    const o = await proposalOrg(ctx);
    const second = await createAccount(ctx.database, [{ orgId: o.org.id, role: 'leader' }], { displayName: '甲副主席' });
    const disabled = await createAccount(ctx.database, [{ orgId: o.org.id, role: 'leader' }], { displayName: '乙副主席', disabled: true });
    const elsewhere = await proposalOrg(ctx);
    const res = await o.staff.get(`/api/orgs/${o.org.id}/proposal-leaders`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((i: { id: number }) => i.id);
    expect(ids).toContain(second.id);
    expect(ids).not.toContain(disabled.id);
    expect(res.json().items.find((i: { id: number }) => i.id === second.id).name).toBe('甲副主席');
    // Only this organization's leaders.
    const theirs = (await elsewhere.staff.get(`/api/orgs/${elsewhere.org.id}/proposal-leaders`))
      .json()
      .items.map((i: { id: number }) => i.id);
    expect(theirs.some((id: number) => ids.includes(id))).toBe(false);
    const member = await o.member();
    expect((await member.get(`/api/orgs/${o.org.id}/proposal-leaders`)).statusCode).toBe(403);
    expect((await o.staff.get(`/api/orgs/${elsewhere.org.id}/proposal-leaders`)).statusCode).toBe(404);
  });
});
