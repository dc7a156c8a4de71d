/** The public disclosure page: no sign-in, public + disclosed proposals only, names but never contact details. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { members, proposals } from '@server/db/schema/index';
import { createTestApp, type TestContext } from '../../../../test/helpers';
import { repliedProposal } from './evaluation.fixtures';
import { proposalOrg } from './proposals.fixtures';
import { redactContacts } from './public.routes';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const anon = (url: string) => ctx.app.inject({ method: 'GET', url });
const PHONE = '13987654321';
const EMAIL = 'weiyuan.tian@example.cn';

describe('public disclosure (提案办理公开)', () => {
  it('lists only public, disclosed proposals of the organization, newest first, without signing in; paged and searchable', async () => {
    const o = await proposalOrg(ctx);
    const shown1 = await repliedProposal(ctx, o, { cosigners: 1 });
    const hidden = await repliedProposal(ctx, o, { isPublic: false });
    const undisclosed = await repliedProposal(ctx, o, { disclosed: false });
    const shown2 = await repliedProposal(ctx, o, { state: 'closed' });
    await ctx.database.db
      .update(proposals)
      .set({ disclosedAt: new Date(Date.now() + 1000) })
      .where(eq(proposals.id, shown2.p.id));
    const other = await proposalOrg(ctx);
    const foreign = await repliedProposal(ctx, other);

    const res = await anon(`/api/public/orgs/${o.org.code}/proposals`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ id: number; proposerNames: string[]; state: string; numberLabel: string }>;
    expect(items.map((i) => i.id)).toEqual([shown2.p.id, shown1.p.id]);
    for (const p of [hidden, undisclosed, foreign]) expect(items.map((i) => i.id)).not.toContain(p.p.id);
    const names = await ctx.database.db.select({ name: members.name }).from(members).where(eq(members.id, shown1.first.memberId));
    expect(items[1]).toMatchObject({
      state: 'replied',
      numberLabel: shown1.p.numberLabel,
      categoryName: '经济建设',
      sessionName: '十一届三次会议',
    });
    expect(items[1].proposerNames[0]).toBe(names[0].name);
    expect(items[1].proposerNames).toHaveLength(2);

    const p1 = (await anon(`/api/public/orgs/${o.org.code}/proposals?limit=1`)).json();
    expect(p1.items.map((i: { id: number }) => i.id)).toEqual([shown2.p.id]);
    const p2 = (await anon(`/api/public/orgs/${o.org.code}/proposals?limit=1&cursor=${p1.nextCursor}`)).json();
    expect(p2.items.map((i: { id: number }) => i.id)).toEqual([shown1.p.id]);
    expect(p2.nextCursor).toBeNull();
    const q = (await anon(`/api/public/orgs/${o.org.code}/proposals?q=${encodeURIComponent(shown1.p.subject)}`)).json();
    expect(q.items.map((i: { id: number }) => i.id)).toEqual([shown1.p.id]);
    expect((await anon(`/api/public/orgs/no-such-org/proposals`)).statusCode).toBe(404);
    expect((await anon(`/api/public/orgs/${o.org.code}/proposals?cursor=bad`)).statusCode).toBe(400);
  });

  it('the detail shows the text and the replies with grade labels; non-public or undisclosed is 404; contact details never appear', async () => {
    const o = await proposalOrg(ctx);
    const r = await repliedProposal(ctx, o, {
      body: `<p>情况：群众出行难。联系人田委员，电话 ${PHONE}，邮箱 ${EMAIL}。</p>`,
      replyBody: `<p>已开通公交线路。联系电话 023-76661234，手机 139 8765 4321。</p>`,
    });
    await ctx.database.db.update(members).set({ phone: PHONE, email: EMAIL }).where(eq(members.id, r.first.memberId));
    const res = await anon(`/api/public/proposals/${r.p.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json();
    expect(v).toMatchObject({ id: r.p.id, subject: r.p.subject, state: 'replied' });
    expect(v.replies).toEqual([
      expect.objectContaining({ unitName: o.unit.name, round: 1, grade: 'A', gradeLabel: '已解决或采纳', docNumber: '交函〔2026〕12号' }),
    ]);
    expect(v.body).toContain('情况：群众出行难');
    for (const secret of [PHONE, EMAIL, '76661234', '139 8765 4321']) expect(res.body).not.toContain(secret);
    // No account data of any kind.
    for (const key of ['phone', 'email', 'accountId', 'username', 'signer']) expect(res.body).not.toContain(`"${key}"`);
    const list = await anon(`/api/public/orgs/${o.org.code}/proposals`);
    expect(list.body).not.toContain(PHONE);

    const hidden = await repliedProposal(ctx, o, { isPublic: false });
    const undisclosed = await repliedProposal(ctx, o, { disclosed: false });
    const draft = await repliedProposal(ctx, o, { state: 'draft' });
    for (const p of [hidden, undisclosed, draft]) {
      const x = await anon(`/api/public/proposals/${p.p.id}`);
      expect(x.statusCode).toBe(404);
      expect(x.json().code).toBe('not_found');
    }
    expect((await anon('/api/public/proposals/99999999')).statusCode).toBe(404);
  });

  it('masks mobile numbers, landlines and e-mail addresses in published text', () => {
    expect(redactContacts('电话13912345678，+86 139-1234-5678；座机 023-7666123；a.b@c.cn')).toBe(
      '电话***********，***********；座机 ***********；***@***',
    );
    // Other numbers (document numbers, years, amounts) stay.
    expect(redactContacts('交函〔2026〕12号，投入1200万元，编号 20260301')).toBe('交函〔2026〕12号，投入1200万元，编号 20260301');
  });
});
