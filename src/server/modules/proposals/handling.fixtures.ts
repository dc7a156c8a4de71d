/** Test fixtures of the unit-side handling (used by handling.test.ts and other slices' tests). */
import { expect } from 'vitest';
import { createUnit, signedIn, uniq, type Client, type TestContext } from '../../../../test/helpers';
import { BODY, proposalOrg } from './proposals.fixtures';

export interface AssignmentJson {
  id: number;
  unitId: number;
  role: string;
  status: string;
  version: number;
  deadline: string;
  abilities: string[];
  [k: string]: unknown;
}

/**
 * The 秀山 shape: an organization whose unit is 县交通运输委 (lead), with 万方汽车运输公司 (co) and a third unit
 * (县发展改革委), a handler for each, and a joint proposal maker: the first proposer `m`, a co-signer `c` who
 * confirms and one `d` who declines.
 */
export async function handlingOrg(ctx: TestContext) {
  const o = await proposalOrg(ctx);
  const unit2 = await createUnit(ctx.database, o.org.id, { name: uniq('万方汽车运输公司') });
  const unit3 = await createUnit(ctx.database, o.org.id, { name: uniq('县发展改革委') });
  const handler = (unitId: number) => signedIn(ctx, [{ orgId: o.org.id, role: 'unit_handler', unitId }]);
  const h1 = await handler(o.unit.id);
  const h2 = await handler(unit2.id);
  const h3 = await handler(unit3.id);
  const m = await o.member(uniq('冉委员'));
  const c = await o.member(uniq('杨委员'));
  const d = await o.member(uniq('吴委员'));

  /** A registered joint proposal (m first, c confirmed, d declined). */
  async function registered(opts: { isPublic?: boolean; subject?: string } = {}) {
    const r0 = await m.post(`/api/orgs/${o.org.id}/proposals`, {
      subject: opts.subject ?? '关于开通县城至峨溶镇公交线路的建议',
      body: BODY,
      isPublic: opts.isPublic ?? false,
    });
    expect(r0.statusCode, r0.body).toBe(200);
    const id = r0.json().id as number;
    expect((await m.post(`/api/proposals/${id}/cosigners`, { memberIds: [c.memberId, d.memberId] })).statusCode).toBe(200);
    expect((await c.post(`/api/proposals/${id}/cosign`, { decision: 'confirm' })).statusCode).toBe(200);
    expect((await d.post(`/api/proposals/${id}/cosign`, { decision: 'decline' })).statusCode).toBe(200);
    const cur = (await m.get(`/api/proposals/${id}`)).json();
    const s = await m.post(`/api/proposals/${id}/submit`, { version: cur.version });
    expect(s.statusCode, s.body).toBe(200);
    const r = await o.staff.post(`/api/proposals/${id}/register`, { version: s.json().version });
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { id: number; version: number; numberLabel: string };
  }

  const assignmentsOf = async (who: Client, proposalId: number) =>
    (await who.get(`/api/proposals/${proposalId}/assignments`)).json().items as AssignmentJson[];

  /** Assigned in `mode` to `units` and signed for by every unit (→ 办理中); returns the proposal and its assignments. */
  async function handling(
    mode: 'lead_co' | 'separate' | 'sole',
    units: number[],
    opts: { isPublic?: boolean; proposal?: { id: number; version: number } } = {},
  ) {
    const p = opts.proposal ?? (await registered(opts));
    const r = await o.staff.post(`/api/proposals/${p.id}/assign`, { assignMode: mode, units, version: p.version });
    expect(r.statusCode, r.body).toBe(200);
    const handlerOf = (unitId: number) => (unitId === o.unit.id ? h1 : unitId === unit2.id ? h2 : h3);
    for (const a of await assignmentsOf(o.staff, p.id)) {
      const s = await handlerOf(a.unitId).post(`/api/proposal-assignments/${a.id}/sign`, { version: a.version });
      expect(s.statusCode, s.body).toBe(200);
    }
    const state = (await o.staff.get(`/api/proposals/${p.id}`)).json();
    expect(state.state).toBe('handling');
    return { p: { ...p, version: state.version as number }, assignments: await assignmentsOf(o.staff, p.id), handlerOf };
  }

  return { ...o, o, unit2, unit3, h1, h2, h3, m, c, d, registered, handling, assignmentsOf };
}

export type HandlingOrg = Awaited<ReturnType<typeof handlingOrg>>;

export const REPLY = { grade: 'A', body: '<p>已开通县城至峨溶镇公交线路。</p>', docNumber: '秀交函〔2026〕12号', signer: '张局长' };

/** Replies for the unit and expects 200; returns the HandlingView. */
export async function replyOk(who: Client, a: { id: number; version: number }, body: Record<string, unknown> = {}) {
  const r = await who.post(`/api/proposal-assignments/${a.id}/reply`, { ...REPLY, version: a.version, ...body });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
