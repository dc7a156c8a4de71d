/** Test fixtures of the proposal domain (used by the *.test.ts files beside this one). */
import { collectiveAgents, collectiveProposers, members, plenarySessions, proposalCategories, terms } from '@server/db/schema/index';
import type { GrantSpec } from '../../../../test/helpers';
import { createAccount, createOrg, createUnit, login, uniq, type Client, type TestContext } from '../../../../test/helpers';
import { todayInChina } from '@server/lib/workdays';

export interface MemberClient extends Client {
  memberId: number;
}

const DAY = 86_400_000;
export const shiftDay = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * An organization with term 11 and its 3rd plenary session around today (so submissions today are 大会期间),
 * a category and a unit, plus signed-in people: the office, an admin, a leader, and a helper for members.
 */
export async function proposalOrg(ctx: TestContext, opts: { session?: 'current' | 'future' | 'none' } = {}) {
  const { db } = ctx.database;
  const org = await createOrg(ctx.database);
  const [term] = await db.insert(terms).values({ orgId: org.id, number: 11, startDate: '2022-01-01' }).returning();
  const today = todayInChina();
  const mode = opts.session ?? 'current';
  const [session] =
    mode === 'none'
      ? [undefined]
      : await db
          .insert(plenarySessions)
          .values({
            orgId: org.id,
            termId: term.id,
            number: 3,
            name: '十一届三次会议',
            startDate: mode === 'current' ? shiftDay(today, -1) : shiftDay(today, 30),
            endDate: mode === 'current' ? shiftDay(today, 2) : shiftDay(today, 33),
          })
          .returning();
  const [category] = await db.insert(proposalCategories).values({ orgId: org.id, name: '经济建设' }).returning();
  const unit = await createUnit(ctx.database, org.id, { name: uniq('县交通运输委') });
  const signed = async (grants: GrantSpec[]) => login(ctx.app, (await createAccount(ctx.database, grants)).username);
  const staff = await signed([{ orgId: org.id, role: 'proposal_staff' }]);
  const admin = await signed([{ orgId: org.id, role: 'org_admin' }]);
  const leader = await signed([{ orgId: org.id, role: 'leader' }]);

  /** A member (委员) of the organization with a linked, signed-in account. */
  async function member(name = uniq('委员'), extra: GrantSpec[] = []): Promise<MemberClient> {
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }, ...extra]);
    const [m] = await db.insert(members).values({ orgId: org.id, name, accountId: acc.id }).returning();
    const c = await login(ctx.app, acc.username);
    return Object.assign(c, { memberId: m.id });
  }

  /** A collective proposer (e.g. a party's district committee) with the given agent accounts. */
  async function collective(agentIds: number[], name = uniq('民建区委会')) {
    const [c] = await db.insert(collectiveProposers).values({ orgId: org.id, kind: 'party', name }).returning();
    if (agentIds.length) await db.insert(collectiveAgents).values(agentIds.map((accountId) => ({ collectiveId: c.id, accountId })));
    return c;
  }

  return { org, term, session, category, unit, staff, admin, leader, member, collective, today };
}

export type ProposalOrg = Awaited<ReturnType<typeof proposalOrg>>;

export const BODY = '<p>情况：峨溶镇群众出行难。</p><p>分析：缺少公交线路。</p><p>建议：开通县城至峨溶的公交线路。</p>';

/** A draft by `who`; returns the created proposal JSON. */
export async function draft(who: Client, orgId: number, body: Record<string, unknown> = {}) {
  const r = await who.post(`/api/orgs/${orgId}/proposals`, { subject: '关于开通县城至峨溶镇公交线路的建议', body: BODY, ...body });
  if (r.statusCode !== 200) throw new Error(`draft failed ${r.statusCode} ${r.body}`);
  return r.json();
}

/** A submitted proposal by `who`. */
export async function submitted(who: Client, orgId: number, body: Record<string, unknown> = {}) {
  const d = await draft(who, orgId, body);
  const r = await who.post(`/api/proposals/${d.id}/submit`, { version: d.version });
  if (r.statusCode !== 200) throw new Error(`submit failed ${r.statusCode} ${r.body}`);
  return r.json();
}
