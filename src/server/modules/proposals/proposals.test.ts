import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { actionsFrom, TRANSITIONS, type ProposalAction, type ProposalState } from '@common/proposals';
import { auditLog, convertedItems, outbox, proposalProposers } from '@server/db/schema/index';
import { createOrg, createUnit, signedIn, type Client, type TestContext, createTestApp } from '../../../../test/helpers';
import { BODY, draft, proposalOrg, submitted, type ProposalOrg } from './proposals.fixtures';
import { forgetGramFrequencies, queryGrams, subjectSearchMode } from './proposals.repo';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const outboxFor = async (accountId: number, eventType: string) =>
  (await ctx.database.db.select().from(outbox).where(eq(outbox.eventType, eventType))).filter((o) => (o.payload as { recipients: number[] }).recipients.includes(accountId));

/** A proposal brought to `state` by the API (proposer `p`, office `o.staff`). Returns its current JSON. */
async function inState(o: ProposalOrg, p: Client, state: ProposalState) {
  const orgId = o.org.id;
  if (state === 'draft') return draft(p, orgId);
  const s = await submitted(p, orgId);
  const act = async (path: string, body: Record<string, unknown>) => {
    const r = await o.staff.post(`/api/proposals/${s.id}/${path}`, { version: s.version, ...body });
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  switch (state) {
    case 'submitted':
      return s;
    case 'registered':
      return act('register', {});
    case 'returned':
      return act('return', { comments: '请补充具体建议' });
    case 'withdrawn':
      return act('withdraw', { proposerConsent: true, note: '提案人同意撤案' });
    case 'not_registered':
      return act('not-register', { reason: '属于个人或家庭私事', conversionKind: 'member_letter' });
    case 'merged': {
      const target = await submitted(p, orgId, { subject: '并案目标' });
      return act('merge', { targetId: target.id });
    }
    case 'assigned':
    case 'handling':
    case 'replied':
    case 'evaluated':
    case 'closed':
    case 'rehandling':
      throw new Error(`no command leads to ${state} yet`);
  }
}

describe('drafts (member side)', () => {
  it('a member creates a draft; the body is sanitized; only proposers see it', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member('田委员');
    const other = await o.member();
    const r = await m.post(`/api/orgs/${o.org.id}/proposals`, {
      subject: '关于开通公交线路的建议',
      body: '<p onclick="x()">情况<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">链接</a></p><style>p{}</style>',
      categoryId: o.category.id,
      suggestedUnitIds: [o.unit.id],
      isPublic: false,
    });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({ state: 'draft', kind: 'individual', version: 1, categoryName: '经济建设', proposerName: '田委员', proposerCount: 1, sessionId: null, number: null });
    expect(p.body).toBe('<p>情况链接</p>');
    expect(p.abilities).toEqual(['edit', 'invite', 'submit']);
    expect(p.suggestedUnits).toEqual([{ id: o.unit.id, name: o.unit.name }]);
    expect(p.proposers).toMatchObject([{ memberId: m.memberId, role: 'first', status: 'confirmed' }]);

    for (const c of [other, o.staff, o.admin, o.leader]) expect((await c.get(`/api/proposals/${p.id}`)).statusCode).toBe(404);
    expect((await o.staff.get(`/api/orgs/${o.org.id}/proposals`)).json().items).toEqual([]);
    expect((await m.get(`/api/orgs/${o.org.id}/proposals/mine`)).json().items.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expect((await other.get(`/api/orgs/${o.org.id}/proposals/mine`)).json().items).toEqual([]);
    // The audit row records the creation.
    const audit = await ctx.database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'proposal'), eq(auditLog.entityId, String(p.id))));
    expect(audit.map((a) => a.action)).toEqual(['create']);
  });

  it('only members (or collective agents) propose; references must belong to the organization', async () => {
    const o = await proposalOrg(ctx);
    const notMember = await o.staff.post(`/api/orgs/${o.org.id}/proposals`, { subject: 'x' });
    expect(notMember.statusCode).toBe(403);
    expect(notMember.json()).toMatchObject({ code: 'proposal_not_member', message: '只有本组织的委员（或集体提案的代表人）可以提出提案' });
    const m = await o.member();
    const foreign = await createOrg(ctx.database);
    const foreignUnit = await createUnit(ctx.database, foreign.id);
    const badUnit = await m.post(`/api/orgs/${o.org.id}/proposals`, { subject: 'x', suggestedUnitIds: [foreignUnit.id] });
    expect(badUnit.json()).toMatchObject({ code: 'validation', field: 'suggestedUnitIds' });
    const badCat = await m.post(`/api/orgs/${o.org.id}/proposals`, { subject: 'x', categoryId: 99999999 });
    expect(badCat.json()).toMatchObject({ code: 'validation', field: 'categoryId' });
    const badKind = await m.post(`/api/orgs/${o.org.id}/proposals`, { kind: 'secret' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().field).toBe('kind');
    const tooLong = await m.post(`/api/orgs/${o.org.id}/proposals`, { subject: 'x'.repeat(201) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().field).toBe('subject');
    expect(tooLong.json().message).toContain('「案由」');
  });

  it('autosave is a versioned PATCH: stale → 409; others cannot edit', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const p = await draft(m, o.org.id);
    const saved = await m.patch(`/api/proposals/${p.id}`, { subject: '关于改善峨溶镇出行条件的建议', version: 1 });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ subject: '关于改善峨溶镇出行条件的建议', version: 2 });
    const stale = await m.patch(`/api/proposals/${p.id}`, { subject: '旧版本覆盖', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'conflict_version', field: 'version' });
    const body = await m.patch(`/api/proposals/${p.id}`, { body: '<p>新内容<script>x</script></p>', version: 2 });
    expect(body.json()).toMatchObject({ body: '<p>新内容</p>', version: 3 });
    expect((await o.staff.patch(`/api/proposals/${p.id}`, { subject: 'x', version: 3 })).statusCode).toBe(404);
    const other = await o.member();
    expect((await other.patch(`/api/proposals/${p.id}`, { subject: 'x', version: 3 })).statusCode).toBe(404);
    // Autosaves are audited but left out of the timeline.
    const timeline = (await m.get(`/api/proposals/${p.id}/timeline`)).json().items;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual(['create']);
  });
});

describe('co-signers (联名)', () => {
  it('invited co-signers confirm or decline; submission waits for every answer; only confirmed ones count', async () => {
    const o = await proposalOrg(ctx);
    const first = await o.member('第一提案人');
    const a = await o.member('附议甲');
    const b = await o.member('附议乙');
    const p = await draft(first, o.org.id);
    const foreign = await createOrg(ctx.database);
    const outsider = await signedIn(ctx, [{ orgId: foreign.id, role: 'member' }]);
    expect((await first.post(`/api/proposals/${p.id}/cosigners`, { memberIds: [first.memberId] })).json()).toMatchObject({ field: 'memberIds' });
    expect((await first.post(`/api/proposals/${p.id}/cosigners`, { memberIds: [99999999] })).json()).toMatchObject({ field: 'memberIds', code: 'validation' });
    expect((await outsider.post(`/api/proposals/${p.id}/cosigners`, { memberIds: [a.memberId] })).statusCode).toBe(404);
    const inv = await first.post(`/api/proposals/${p.id}/cosigners`, { memberIds: [a.memberId, b.memberId] });
    expect(inv.statusCode, inv.body).toBe(200);
    expect(inv.json()).toMatchObject({ kind: 'joint', proposerCount: 1 });
    expect(inv.json().proposers.map((x: { status: string }) => x.status)).toEqual(['confirmed', 'invited', 'invited']);
    expect(await outboxFor(a.accountId, 'proposal.invite')).toHaveLength(1);

    // The invitee sees the draft and may only co-sign.
    const seen = await a.get(`/api/proposals/${p.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual(['cosign']);
    expect((await a.patch(`/api/proposals/${p.id}`, { subject: 'x', version: 1 })).statusCode).toBe(403);
    expect((await a.post(`/api/proposals/${p.id}/submit`, { version: 1 })).statusCode).toBe(403);
    expect((await a.get(`/api/orgs/${o.org.id}/proposals/mine?first=false`)).json().items.map((x: { id: number }) => x.id)).toEqual([p.id]);
    expect((await a.get(`/api/orgs/${o.org.id}/proposals/mine?first=true`)).json().items).toEqual([]);
    // The first proposer cannot co-sign for others.
    expect((await first.post(`/api/proposals/${p.id}/cosign`, { decision: 'confirm' })).statusCode).toBe(403);

    const pending = await first.post(`/api/proposals/${p.id}/submit`, { version: 1 });
    expect(pending.statusCode).toBe(409);
    expect(pending.json()).toMatchObject({ code: 'proposal_cosigners_pending', message: '尚有 2 位联名委员未确认附议，暂不能提交' });

    expect((await a.post(`/api/proposals/${p.id}/cosign`, { decision: 'confirm' })).json().proposerCount).toBe(2);
    expect((await b.post(`/api/proposals/${p.id}/cosign`, { decision: 'decline' })).statusCode).toBe(200);
    expect(await outboxFor(first.accountId, 'proposal.cosign')).toHaveLength(2);
    const sub = await first.post(`/api/proposals/${p.id}/submit`, { version: 1 });
    expect(sub.statusCode, sub.body).toBe(200);
    expect(sub.json()).toMatchObject({ state: 'submitted', proposerCount: 2 });
    // After submission the co-signers can no longer change their answer.
    const late = await b.post(`/api/proposals/${p.id}/cosign`, { decision: 'confirm' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('proposal_transition_refused');
    // Registration notifies the confirmed co-signer but not the one who declined.
    const reg = await o.staff.post(`/api/proposals/${p.id}/register`, { version: sub.json().version });
    expect(reg.statusCode).toBe(200);
    expect(await outboxFor(a.accountId, 'proposal.register')).toHaveLength(1);
    expect(await outboxFor(b.accountId, 'proposal.register')).toHaveLength(0);
  });

  it('a collective proposal is filed by an agent of the collective', async () => {
    const o = await proposalOrg(ctx);
    const agent = await o.member();
    const notAgent = await o.member();
    const c = await o.collective([agent.accountId], '民建秀山县委会');
    const refused = await notAgent.post(`/api/orgs/${o.org.id}/proposals`, { kind: 'collective', collectiveId: c.id, subject: 'x' });
    expect(refused.json()).toMatchObject({ code: 'validation', field: 'collectiveId' });
    expect((await agent.post(`/api/orgs/${o.org.id}/proposals`, { kind: 'collective', subject: 'x' })).json()).toMatchObject({ field: 'collectiveId' });
    const p = await submitted(agent, o.org.id, { kind: 'collective', collectiveId: c.id });
    expect(p).toMatchObject({ kind: 'collective', collectiveId: c.id, firstProposerMemberId: null, proposerName: '民建秀山县委会', state: 'submitted' });
    expect(p.proposers).toMatchObject([{ collectiveId: c.id, memberId: null, role: 'first', name: '民建秀山县委会' }]);
    expect((await agent.post(`/api/proposals/${p.id}/cosigners`, { memberIds: [notAgent.memberId] })).statusCode).toBe(409); // submitted
    const d = await draft(agent, o.org.id, { kind: 'collective', collectiveId: c.id });
    expect((await agent.post(`/api/proposals/${d.id}/cosigners`, { memberIds: [notAgent.memberId] })).json()).toMatchObject({ code: 'validation', field: 'memberIds' });
    const reg = await o.staff.post(`/api/proposals/${p.id}/register`, { version: p.version });
    expect(reg.statusCode).toBe(200);
    expect(await outboxFor(agent.accountId, 'proposal.register')).toHaveLength(1);
  });
});

describe('submission', () => {
  it('needs a subject and a body; derives the session and the period', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const empty = await draft(m, o.org.id, { subject: '', body: '<p> </p>' });
    const noSubject = await m.post(`/api/proposals/${empty.id}/submit`, { version: 1 });
    expect(noSubject.json()).toMatchObject({ code: 'validation', field: 'subject', message: '「案由」不能为空' });
    await m.patch(`/api/proposals/${empty.id}`, { subject: '关于x的建议', version: 1 });
    const noBody = await m.post(`/api/proposals/${empty.id}/submit`, { version: 2 });
    expect(noBody.json()).toMatchObject({ field: 'body', message: '「提案内容」不能为空' });
    const p = await submitted(m, o.org.id);
    expect(p).toMatchObject({ state: 'submitted', sessionId: o.session!.id, sessionName: '十一届三次会议', period: 'plenary' });
    expect(p.submittedAt).not.toBeNull();

    const later = await proposalOrg(ctx, { session: 'future' });
    const lm = await later.member();
    expect(await submitted(lm, later.org.id)).toMatchObject({ sessionId: later.session!.id, period: 'between_sessions' });

    const none = await proposalOrg(ctx, { session: 'none' });
    const nm = await none.member();
    const d = await draft(nm, none.org.id);
    const r = await nm.post(`/api/proposals/${d.id}/submit`, { version: 1 });
    expect(r.statusCode).toBe(409);
    expect(r.json().code).toBe('proposal_no_session');
    const en = await nm.req('POST', `/api/proposals/${d.id}/submit`, { version: 1 }, { 'x-lang': 'en' });
    expect(en.json().message).toContain('no plenary session');
  });
});

describe('office review', () => {
  it('register: the next number of the session; refused from a wrong state with the state and allowed actions named', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const p1 = await submitted(m, o.org.id);
    const p2 = await submitted(m, o.org.id);
    // Only the office (and the admin) may register.
    expect((await m.post(`/api/proposals/${p1.id}/register`, { version: p1.version })).statusCode).toBe(403);
    expect((await o.leader.post(`/api/proposals/${p1.id}/register`, { version: p1.version })).statusCode).toBe(403);
    expect((await o.staff.post(`/api/proposals/${p1.id}/register`, { version: p1.version - 1 })).statusCode).toBe(409);
    const intake = (await o.staff.get(`/api/orgs/${o.org.id}/proposals?state=submitted`)).json().items;
    expect(intake.map((x: { id: number }) => x.id)).toEqual([p2.id, p1.id]);
    expect(intake[0].abilities).toEqual(['register', 'merge', 'not_register', 'return', 'withdraw']);

    const r1 = await o.staff.post(`/api/proposals/${p1.id}/register`, { version: p1.version });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.json()).toMatchObject({ state: 'registered', number: 1, numberLabel: '十一届三次会议第0001号', abilities: ['withdraw', 'assign'] });
    const r2 = await o.admin.post(`/api/proposals/${p2.id}/register`, { version: p2.version });
    expect(r2.json()).toMatchObject({ number: 2, numberLabel: '十一届三次会议第0002号' });

    const again = await o.staff.post(`/api/proposals/${p1.id}/register`, { version: r1.json().version });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'proposal_transition_refused',
      message: '该提案当前状态为「已立案」，不能执行「立案」；当前可执行的操作：撤案、交办',
      details: { state: 'registered', action: 'register', allowed: ['withdraw', 'assign'] },
    });
    const en = await o.staff.req('POST', `/api/proposals/${p1.id}/register`, { version: r1.json().version }, { 'x-lang': 'en' });
    expect(en.json().message).toBe('The proposal is "Registered"; "Register" is not possible now. Allowed now: Withdraw, Assign');

    expect(await outboxFor(m.accountId, 'proposal.register')).toHaveLength(2);
    const [audit] = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'proposal'), eq(auditLog.entityId, String(p1.id)), eq(auditLog.action, 'register')));
    expect(audit.before).toEqual({ state: 'submitted' });
    expect(audit.after).toMatchObject({ state: 'registered', number: 1, numberLabel: '十一届三次会议第0001号' });
    // The proposer (a member) sees the number but may not act.
    expect((await m.get(`/api/proposals/${p1.id}`)).json()).toMatchObject({ numberLabel: '十一届三次会议第0001号', abilities: [] });
  });

  it('merge: every proposer is credited on the target; provenance on both; the merged proposer sees the target', async () => {
    const o = await proposalOrg(ctx);
    const first = await o.member('甲');
    const co = await o.member('乙');
    const targetOwner = await o.member('丙');
    const target = await submitted(targetOwner, o.org.id, { subject: '关于公交线路的建议（主案）' });
    const regTarget = (await o.staff.post(`/api/proposals/${target.id}/register`, { version: target.version })).json();
    const src = await draft(first, o.org.id, { subject: '关于峨溶公交的建议' });
    await first.post(`/api/proposals/${src.id}/cosigners`, { memberIds: [co.memberId] });
    await co.post(`/api/proposals/${src.id}/cosign`, { decision: 'confirm' });
    const s = (await first.post(`/api/proposals/${src.id}/submit`, { version: 1 })).json();

    // Invalid targets.
    const other = await proposalOrg(ctx);
    const otherP = await submitted(await other.member(), other.org.id);
    const aDraft = await draft(targetOwner, o.org.id);
    for (const targetId of [src.id, aDraft.id, otherP.id, 99999999]) {
      const r = await o.staff.post(`/api/proposals/${src.id}/merge`, { targetId, version: s.version });
      expect(r.json(), `target ${targetId}`).toMatchObject({ code: 'validation', field: 'targetId' });
    }
    expect((await first.post(`/api/proposals/${src.id}/merge`, { targetId: target.id, version: s.version })).statusCode).toBe(403);

    const merged = await o.staff.post(`/api/proposals/${src.id}/merge`, { targetId: target.id, note: '内容相近，并案办理', version: s.version });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(merged.json()).toMatchObject({ state: 'merged', mergedIntoId: target.id, mergedInto: { id: target.id, numberLabel: regTarget.numberLabel }, reviewNote: '内容相近，并案办理' });

    const t = (await o.staff.get(`/api/proposals/${target.id}`)).json();
    expect(t.mergedFrom).toEqual([{ id: src.id, subject: '关于峨溶公交的建议', state: 'merged', numberLabel: null }]);
    expect(t.proposerCount).toBe(3);
    expect(t.proposers.map((x: { name: string; creditedViaMergeFrom: number | null }) => [x.name, x.creditedViaMergeFrom])).toEqual([
      ['丙', null],
      ['甲', src.id],
      ['乙', src.id],
    ]);
    // The merged proposers see the target (they get its reply) but cannot act on it.
    const seen = await co.get(`/api/proposals/${target.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json().abilities).toEqual([]);
    expect((await first.get(`/api/orgs/${o.org.id}/proposals/mine`)).json().items.map((x: { id: number }) => x.id)).toEqual([src.id, target.id]);
    expect(await outboxFor(co.accountId, 'proposal.merge')).toHaveLength(1);
    const tl = (await o.staff.get(`/api/proposals/${target.id}/timeline`)).json().items;
    expect(tl.at(-1)).toMatchObject({ action: 'merge_in', reason: '内容相近，并案办理', details: { mergedFromId: src.id } });
    // A merged proposal cannot be merged again.
    const again = await o.staff.post(`/api/proposals/${src.id}/merge`, { targetId: target.id, version: merged.json().version });
    expect(again.json().code).toBe('proposal_transition_refused');
    // …nor be a target.
    const third = await submitted(first, o.org.id);
    expect((await o.staff.post(`/api/proposals/${third.id}/merge`, { targetId: src.id, version: third.version })).json().field).toBe('targetId');
  });

  it('not register: a configured reason and a conversion create the converted record', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const p = await submitted(m, o.org.id);
    const badReason = await o.staff.post(`/api/proposals/${p.id}/not-register`, { reason: '我不喜欢', conversionKind: 'opinion', version: p.version });
    expect(badReason.json()).toMatchObject({ code: 'validation', field: 'reason' });
    const badKind = await o.staff.post(`/api/proposals/${p.id}/not-register`, { reason: '属于个人或家庭私事', conversionKind: 'nothing', version: p.version });
    expect(badKind.json()).toMatchObject({ code: 'validation', field: 'conversionKind' });
    // An organization may narrow the conversion kinds.
    const settings = (await o.staff.get(`/api/orgs/${o.org.id}/proposal-settings`)).json();
    const put = await o.staff.put(`/api/orgs/${o.org.id}/proposal-settings`, { config: { ...settings.config, conversionKinds: ['opinion', 'social_info'] }, version: 0 });
    expect(put.statusCode, put.body).toBe(200);
    const notEnabled = await o.staff.post(`/api/proposals/${p.id}/not-register`, { reason: '属于个人或家庭私事', conversionKind: 'member_letter', version: p.version });
    expect(notEnabled.json()).toMatchObject({ field: 'conversionKind' });

    const r = await o.staff.post(`/api/proposals/${p.id}/not-register`, { reason: '属于个人或家庭私事', conversionKind: 'social_info', note: '转信息处', version: p.version });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'not_registered', number: null, conversion: { reason: '属于个人或家庭私事', conversionKind: 'social_info', note: '转信息处' } });
    const [item] = await ctx.database.db.select().from(convertedItems).where(eq(convertedItems.id, r.json().conversion.convertedItemId));
    expect(item).toMatchObject({ orgId: o.org.id, kind: 'social_info', title: p.subject, body: p.body, originProposalId: p.id });
    expect(await outboxFor(m.accountId, 'proposal.not_register')).toHaveLength(1);
    const tl = (await m.get(`/api/proposals/${p.id}/timeline`)).json().items;
    expect(tl.at(-1)).toMatchObject({ action: 'not_register', fromState: 'submitted', toState: 'not_registered', reason: '属于个人或家庭私事' });
  });

  it('withdraw: requires the proposer’s consent and a note', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const p = await submitted(m, o.org.id);
    const noConsent = await o.staff.post(`/api/proposals/${p.id}/withdraw`, { proposerConsent: false, note: '同意', version: p.version });
    expect(noConsent.json()).toMatchObject({ code: 'validation', field: 'proposerConsent' });
    const noNote = await o.staff.post(`/api/proposals/${p.id}/withdraw`, { proposerConsent: true, note: ' ', version: p.version });
    expect(noNote.json()).toMatchObject({ field: 'note' });
    const r = await o.staff.post(`/api/proposals/${p.id}/withdraw`, { proposerConsent: true, note: '经电话联系，提案人同意撤案', version: p.version });
    expect(r.json()).toMatchObject({ state: 'withdrawn', proposerConsent: true, reviewNote: '经电话联系，提案人同意撤案', abilities: [] });
    expect(await outboxFor(m.accountId, 'proposal.withdraw')).toHaveLength(1);
  });

  it('return → revise → resubmit keeps the history', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const p = await submitted(m, o.org.id, { subject: '关于公交的建议' });
    expect((await m.post(`/api/proposals/${p.id}/return`, { comments: 'x', version: p.version })).statusCode).toBe(403);
    const noComments = await o.staff.post(`/api/proposals/${p.id}/return`, { version: p.version });
    expect(noComments.json()).toMatchObject({ field: 'comments' });
    const ret = await o.staff.post(`/api/proposals/${p.id}/return`, { comments: '一事一案，请聚焦峨溶线路', version: p.version });
    expect(ret.json()).toMatchObject({ state: 'returned', revisions: [{ round: 1, comments: '一事一案，请聚焦峨溶线路', subjectBefore: '关于公交的建议', subjectAfter: null }] });
    expect(await outboxFor(m.accountId, 'proposal.return')).toHaveLength(1);
    // The office sees it but may not edit it; the proposer revises.
    expect((await o.staff.patch(`/api/proposals/${p.id}`, { subject: 'x', version: ret.json().version })).statusCode).toBe(403);
    const mine = (await m.get(`/api/proposals/${p.id}`)).json();
    expect(mine.abilities).toEqual(['edit', 'invite', 'resubmit']);
    const rev = await m.patch(`/api/proposals/${p.id}`, { subject: '关于开通县城至峨溶镇公交线路的建议', body: `${BODY}<p>补充：建议每日6班。</p>`, version: mine.version });
    expect(rev.statusCode, rev.body).toBe(200);
    expect((await m.post(`/api/proposals/${p.id}/submit`, { version: rev.json().version })).json().code).toBe('proposal_transition_refused');
    const re = await m.post(`/api/proposals/${p.id}/resubmit`, { version: rev.json().version });
    expect(re.statusCode, re.body).toBe(200);
    expect(re.json()).toMatchObject({ state: 'submitted', sessionId: o.session!.id });
    expect(re.json().revisions).toMatchObject([
      { round: 1, subjectBefore: '关于公交的建议', bodyBefore: BODY, subjectAfter: '关于开通县城至峨溶镇公交线路的建议', bodyAfter: `${BODY}<p>补充：建议每日6班。</p>` },
    ]);
    expect(re.json().revisions[0].resubmittedAt).not.toBeNull();
    // A second round adds a second revision.
    const ret2 = await o.staff.post(`/api/proposals/${p.id}/return`, { comments: '请补充数据', version: re.json().version });
    expect(ret2.json().revisions.map((r: { round: number }) => r.round)).toEqual([1, 2]);
    const tl = (await m.get(`/api/proposals/${p.id}/timeline`)).json().items;
    expect(tl.map((e: { action: string; fromState: string; toState: string }) => [e.action, e.fromState, e.toState])).toEqual([
      ['create', null, 'draft'],
      ['submit', 'draft', 'submitted'],
      ['return', 'submitted', 'returned'],
      ['resubmit', 'returned', 'submitted'],
      ['return', 'submitted', 'returned'],
    ]);
    expect(tl[2]).toMatchObject({ reason: '一事一案，请聚焦峨溶线路', actorName: expect.any(String) });
  });
});

describe('the transition table', () => {
  /** Proposer actions and office actions with a valid body each. */
  const PROPOSER: Array<[ProposalAction, string, Record<string, unknown>]> = [
    ['edit', 'PATCH', { subject: '改' }],
    ['submit', 'submit', {}],
    ['resubmit', 'resubmit', {}],
  ];
  const OFFICE: Array<[ProposalAction, string, Record<string, unknown>]> = [
    ['register', 'register', {}],
    ['return', 'return', { comments: '请修改' }],
    ['withdraw', 'withdraw', { proposerConsent: true, note: '同意' }],
    ['not_register', 'not-register', { reason: '属于个人或家庭私事', conversionKind: 'opinion' }],
  ];

  it('allows exactly the table’s actions in every review state, for the right actor', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const states: ProposalState[] = ['draft', 'submitted', 'returned', 'registered', 'merged', 'not_registered', 'withdrawn'];
    const call = (c: Client, id: number, path: string, body: Record<string, unknown>, version: number) =>
      path === 'PATCH' ? c.patch(`/api/proposals/${id}`, { ...body, version }) : c.post(`/api/proposals/${id}/${path}`, { ...body, version });
    for (const state of states) {
      for (const [action, path, body] of [...PROPOSER, ...OFFICE]) {
        const p = await inState(o, m, state);
        const isOffice = OFFICE.some(([a]) => a === action);
        const who = isOffice ? o.staff : m;
        const r = await call(who, p.id, path, body, p.version);
        const allowed = actionsFrom(state).includes(action);
        const label = `${action} from ${state}`;
        if (isOffice && state === 'draft') expect(r.statusCode, label).toBe(404); // drafts are invisible to the office
        else if (allowed) expect(r.statusCode, `${label}: ${r.body}`).toBe(200);
        else {
          expect(r.statusCode, label).toBe(409);
          expect(r.json().code, label).toBe('proposal_transition_refused');
        }
        if (allowed && r.statusCode === 200) expect(r.json().state, label).toBe(TRANSITIONS.find((x) => x.from === state && x.action === action)!.to);
      }
    }
  });

  it('refuses the wrong role: members cannot review, the office cannot propose', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const s = await submitted(m, o.org.id);
    for (const [, path, body] of OFFICE) {
      expect((await m.post(`/api/proposals/${s.id}/${path}`, { ...body, version: s.version })).statusCode, path).toBe(403);
      expect((await o.leader.post(`/api/proposals/${s.id}/${path}`, { ...body, version: s.version })).statusCode, path).toBe(403);
    }
    const ret = (await o.staff.post(`/api/proposals/${s.id}/return`, { comments: '改', version: s.version })).json();
    expect((await o.staff.post(`/api/proposals/${s.id}/resubmit`, { version: ret.version })).statusCode).toBe(403);
    expect((await o.admin.patch(`/api/proposals/${s.id}`, { subject: 'x', version: ret.version })).statusCode).toBe(403);
    // A staff member who is also a member proposes as a member.
    const staffMember = await o.member('兼任委员', [{ orgId: o.org.id, role: 'proposal_staff' }]);
    const own = await draft(staffMember, o.org.id);
    expect(own.abilities).toEqual(['edit', 'invite', 'submit']);
  });
});

describe('visibility and lists', () => {
  it('the intake list finds 案由 by substring, case-insensitively, with ILIKE deciding over the pair index', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const etc = await submitted(m, o.org.id, { subject: '关于ETC通行费的建议' });
    const sea = await submitted(m, o.org.id, { subject: '上海海上交通' });
    const ids = async (q: string) =>
      (await o.staff.get(`/api/orgs/${o.org.id}/proposals?q=${encodeURIComponent(q)}`)).json().items.map((x: { id: number }) => x.id);
    expect(await ids('etc')).toEqual([etc.id]);
    expect(await ids('Etc通')).toEqual([etc.id]);
    expect(await ids('通')).toEqual([sea.id, etc.id]);
    expect(await ids('海海')).toEqual([sea.id]);
    // 上海 and 海上 both occur in 上海海上交通, but 上海上 does not.
    expect(await ids('上海上')).toEqual([]);
    expect(await ids('_')).toEqual([]);
  });

  it('a common word is found by walking the newest rows, a rare one through the pair index, with the same answers', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const common: number[] = [];
    for (let i = 0; i < 12; i++) common.push((await submitted(m, o.org.id, { subject: `关于交通安全第${i}项的建议` })).id);
    const rare = await submitted(m, o.org.id, { subject: '关于鳖甲养殖的建议' });
    await ctx.database.rows(sql`analyze proposals`);
    forgetGramFrequencies(ctx.database.db);
    expect(queryGrams('交通A')).toEqual(['交通', '通a']);
    expect(queryGrams('医')).toEqual(['医']);
    expect(await subjectSearchMode(ctx.database.db, '交通')).toBe('walk');
    // (In this small database one subject is more than 1 % of all: only a gram found nowhere is rare here.)
    expect(await subjectSearchMode(ctx.database.db, '鳖鳖')).toBe('index');
    expect(await subjectSearchMode(ctx.database.db, '交通鳖')).toBe('index');
    const ids = async (q: string) =>
      (await o.staff.get(`/api/orgs/${o.org.id}/proposals?q=${encodeURIComponent(q)}`)).json().items.map((x: { id: number }) => x.id);
    expect(await ids('交通')).toEqual([...common].reverse());
    expect(await ids('第3项')).toEqual([common[3]]);
    expect(await ids('鳖甲')).toEqual([rare.id]);
    expect(await ids('交通鳖')).toEqual([]);
  });

  it('non-proposers see only public registered proposals; the intake list filters and pages in SQL', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const other = await o.member();
    const cat2 = (await o.staff.post(`/api/orgs/${o.org.id}/proposal-categories`, { name: '社会民生', sort: 2 })).json();
    const pub = await submitted(m, o.org.id, { subject: '关于公交的建议', categoryId: o.category.id });
    const secret = await submitted(m, o.org.id, { subject: '关于教育的建议', isPublic: false, categoryId: cat2.id });
    const plain = await submitted(m, o.org.id, { subject: '关于医疗的建议' });
    expect((await other.get(`/api/proposals/${pub.id}`)).statusCode).toBe(404);
    await o.staff.post(`/api/proposals/${pub.id}/register`, { version: pub.version });
    await o.staff.post(`/api/proposals/${secret.id}/register`, { version: secret.version });
    expect((await other.get(`/api/proposals/${pub.id}`)).statusCode).toBe(200);
    expect((await other.get(`/api/proposals/${secret.id}`)).statusCode).toBe(404);
    expect((await o.leader.get(`/api/proposals/${secret.id}`)).statusCode).toBe(200);
    expect((await other.get(`/api/orgs/${o.org.id}/proposals`)).statusCode).toBe(403);

    const ids = async (q: string) => (await o.staff.get(`/api/orgs/${o.org.id}/proposals${q}`)).json().items.map((x: { id: number }) => x.id);
    expect(await ids('')).toEqual([plain.id, secret.id, pub.id]);
    expect(await ids('?state=registered')).toEqual([secret.id, pub.id]);
    expect(await ids(`?categoryId=${cat2.id}`)).toEqual([secret.id]);
    expect(await ids(`?q=${encodeURIComponent('医疗')}`)).toEqual([plain.id]);
    expect(await ids(`?q=${encodeURIComponent('%')}`)).toEqual([]);
    // Substring semantics through the character-pair index: one character, several pairs, and pairs that all occur
    // but not in a row (ILIKE still decides).
    expect(await ids(`?q=${encodeURIComponent('医')}`)).toEqual([plain.id]);
    expect(await ids(`?q=${encodeURIComponent('于公交的')}`)).toEqual([pub.id]);
    expect(await ids(`?q=${encodeURIComponent('的建议')}`)).toEqual([plain.id, secret.id, pub.id]);
    expect(await ids(`?q=${encodeURIComponent('公交公')}`)).toEqual([]);
    expect(await ids(`?sessionId=${o.session!.id}&kind=individual`)).toEqual([plain.id, secret.id, pub.id]);
    expect(await ids('?kind=joint')).toEqual([]);
    const p1 = (await o.staff.get(`/api/orgs/${o.org.id}/proposals?limit=2`)).json();
    expect(p1.items.map((x: { id: number }) => x.id)).toEqual([plain.id, secret.id]);
    const p2 = (await o.staff.get(`/api/orgs/${o.org.id}/proposals?limit=2&cursor=${p1.nextCursor}`)).json();
    expect(p2).toMatchObject({ items: [{ id: pub.id }], nextCursor: null });
    expect((await o.staff.get(`/api/orgs/${o.org.id}/proposals?cursor=bad!`)).json()).toMatchObject({ code: 'validation', field: 'cursor' });
    expect((await o.staff.get(`/api/orgs/${o.org.id}/proposals?state=nope`)).json()).toMatchObject({ field: 'state' });
    // Another organization's staff: 404 on the list and on each record.
    const foreign = await proposalOrg(ctx);
    expect((await foreign.staff.get(`/api/orgs/${o.org.id}/proposals`)).statusCode).toBe(404);
    expect((await foreign.staff.get(`/api/proposals/${pub.id}`)).statusCode).toBe(404);
    expect((await foreign.staff.get(`/api/proposals/${pub.id}/timeline`)).statusCode).toBe(404);
  });
});

describe('configuration', () => {
  it('settings default from the domain; the office saves them with a version; categories', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const s = (await m.get(`/api/orgs/${o.org.id}/proposal-settings`)).json();
    expect(s).toMatchObject({ isDefault: true, version: 0, config: { replyMonths: 3, extensionMonths: 1, maxMonths: 6, adjustmentWindowWorkdays: 10, evaluationWorkdays: 15 } });
    expect(s.config.gradeLabels.map((g: { code: string }) => g.code)).toEqual(['A', 'B', 'C']);
    const config = { ...s.config, gradeLabels: [...s.config.gradeLabels, { code: 'D', label: '不予采纳' }] };
    expect((await m.put(`/api/orgs/${o.org.id}/proposal-settings`, { config, version: 0 })).statusCode).toBe(403);
    const saved = await o.staff.put(`/api/orgs/${o.org.id}/proposal-settings`, { config, version: 0 });
    expect(saved.json()).toMatchObject({ isDefault: false, version: 1 });
    expect((await o.admin.put(`/api/orgs/${o.org.id}/proposal-settings`, { config, version: 0 })).statusCode).toBe(409);
    expect((await o.admin.put(`/api/orgs/${o.org.id}/proposal-settings`, { config, version: 1 })).json().version).toBe(2);
    const bad = await o.staff.put(`/api/orgs/${o.org.id}/proposal-settings`, { config: { ...config, replyMonths: 0 }, version: 2 });
    expect(bad.json()).toMatchObject({ code: 'validation', field: 'config.replyMonths' });

    expect((await m.post(`/api/orgs/${o.org.id}/proposal-categories`, { name: '文化' })).statusCode).toBe(403);
    const c = (await o.staff.post(`/api/orgs/${o.org.id}/proposal-categories`, { name: '文化' })).json();
    expect((await o.staff.post(`/api/orgs/${o.org.id}/proposal-categories`, { name: '文化' })).statusCode).toBe(409);
    const off = await o.staff.patch(`/api/proposal-categories/${c.id}`, { active: false, version: 1 });
    expect(off.json()).toMatchObject({ active: false, version: 2 });
    expect((await o.staff.patch(`/api/proposal-categories/${c.id}`, { name: '旧', version: 1 })).statusCode).toBe(409);
    // An inactive category cannot be chosen.
    expect((await m.post(`/api/orgs/${o.org.id}/proposals`, { subject: 'x', categoryId: c.id })).json().field).toBe('categoryId');
    const foreign = await proposalOrg(ctx);
    expect((await foreign.admin.patch(`/api/proposal-categories/${c.id}`, { name: 'x', version: 2 })).statusCode).toBe(404);
  });
});

describe('data integrity', () => {
  it('proposer rows name exactly one party', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const p = await draft(m, o.org.id);
    await expect(ctx.database.db.insert(proposalProposers).values({ proposalId: p.id, role: 'cosigner', status: 'invited' })).rejects.toThrow();
    const n = await ctx.database.rows<{ n: number }>(sql`select count(*)::int as n from proposal_proposers where proposal_id = ${p.id}`);
    expect(n[0].n).toBe(1);
  });
});

describe('API description', () => {
  it('documents the proposal routes in the OpenAPI document', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/orgs/{orgId}/proposals', '/api/proposals/{id}/merge', '/api/proposals/{id}/timeline', '/api/orgs/{orgId}/proposal-settings']) expect(paths).toContain(p);
  });
});

describe('bulk register (批量立案)', () => {
  it('numbers the proposals in the order given, one audit row each; any refused item registers none and spends no number', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const [p1, p2, p3] = [await submitted(m, o.org.id), await submitted(m, o.org.id), await submitted(m, o.org.id)];
    const url = `/api/orgs/${o.org.id}/proposals/register-bulk`;
    const other = await proposalOrg(ctx);
    const foreignP = await submitted(await other.member(), other.org.id);

    const bad = await o.staff.post(url, {
      items: [
        { proposalId: p1.id, version: p1.version },
        { proposalId: p2.id, version: p2.version - 1 },
        { proposalId: foreignP.id, version: foreignP.version },
      ],
    });
    expect(bad.statusCode).toBe(409);
    expect(bad.json()).toMatchObject({ code: 'proposal_bulk_register_invalid', field: 'items' });
    expect(bad.json().message).toBe(`批量立案中有 2 件不能立案，未立案任何提案：#${p2.id} 该记录已被他人修改，请刷新后再编辑`);
    expect(bad.json().details.errors).toMatchObject([
      { index: 1, proposalId: p2.id, status: 409, code: 'conflict_version' },
      { index: 2, proposalId: foreignP.id, status: 404, code: 'not_found' },
    ]);
    for (const p of [p1, p2]) expect((await o.staff.get(`/api/proposals/${p.id}`)).json()).toMatchObject({ state: 'submitted', number: null });
    expect((await other.staff.get(`/api/proposals/${foreignP.id}`)).json().state).toBe('submitted');

    // Only the office registers, in bulk too; another organization's staff gets 404 on this organization.
    const items = [p3, p1, p2].map((p) => ({ proposalId: p.id, version: p.version }));
    expect((await m.post(url, { items })).statusCode).toBe(403);
    expect((await o.leader.post(url, { items })).statusCode).toBe(403);
    expect((await other.staff.post(url, { items })).statusCode).toBe(404);

    const ok = await o.staff.post(url, { items });
    expect(ok.statusCode, ok.body).toBe(200);
    // Numbered in the clerk's order, starting at 1: the failed batch spent no number.
    expect(ok.json().items).toMatchObject([
      { proposalId: p3.id, state: 'registered', number: 1, numberLabel: '十一届三次会议第0001号', version: p3.version + 1 },
      { proposalId: p1.id, state: 'registered', number: 2 },
      { proposalId: p2.id, state: 'registered', number: 3 },
    ]);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, o.org.id), eq(auditLog.entityType, 'proposal'), eq(auditLog.action, 'register')));
    expect(audits.map((a) => [a.entityId, a.before, a.after])).toEqual(
      expect.arrayContaining([[String(p3.id), { state: 'submitted' }, expect.objectContaining({ state: 'registered', number: 1 })]]),
    );
    expect(audits).toHaveLength(3);
    expect(await outboxFor(m.accountId, 'proposal.register')).toHaveLength(3);
    // Registered again: refused with the state named, nothing changes.
    const again = await o.staff.post(url, { items: [{ proposalId: p3.id, version: p3.version + 1 }] });
    expect(again.statusCode).toBe(409);
    expect(again.json().details.errors[0]).toMatchObject({ code: 'proposal_transition_refused', message: expect.stringContaining('已立案') });
  });
});
