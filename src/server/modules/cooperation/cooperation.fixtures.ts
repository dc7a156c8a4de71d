/** Test fixtures of the cooperation domain (used by the *.test.ts files beside this one). */
import { activities, activityParticipants, members, studios } from '@server/db/schema/index';
import { createAccount, createOrg, login, uniq, type Client, type GrantSpec, type TestContext } from '../../../../test/helpers';

/** An organization with its office (general_staff), a leader, a plain member account and a member factory. */
export async function coopOrg(ctx: TestContext) {
  const { db } = ctx.database;
  const org = await createOrg(ctx.database);
  const signed = async (grants: GrantSpec[]) => login(ctx.app, (await createAccount(ctx.database, grants)).username);
  const staff = await signed([{ orgId: org.id, role: 'general_staff' }]);
  const leader = await signed([{ orgId: org.id, role: 'leader' }]);
  const memberAcc = await signed([{ orgId: org.id, role: 'member' }]);
  async function member(name = uniq('委员')) {
    const [m] = await db.insert(members).values({ orgId: org.id, name }).returning();
    return m;
  }
  async function studio(name = uniq('工作室')) {
    const [s] = await db.insert(studios).values({ orgId: org.id, name, theme: '成渝合作', place: '东城街道' }).returning();
    return s;
  }
  /** An activity (held) with members invited; `attended` of them marked attended. */
  async function activity(v: { invited?: number[]; attended?: number[]; organizerKind?: string; organizerRefId?: number | null; status?: string } = {}) {
    const [a] = await db
      .insert(activities)
      .values({
        orgId: org.id,
        type: '委员工作室活动',
        topic: uniq('工作室座谈会'),
        organizerKind: v.organizerKind ?? 'office',
        organizerName: '办公室',
        organizerRefId: v.organizerRefId ?? null,
        startsAt: new Date('2025-10-10T01:00:00Z'),
        endsAt: new Date('2025-10-10T03:00:00Z'),
        status: v.status ?? 'held',
      })
      .returning();
    const invited = v.invited ?? [];
    if (invited.length) {
      await db.insert(activityParticipants).values(
        invited.map((memberId) => ({ orgId: org.id, activityId: a.id, kind: 'member', memberId, name: 'x', attendance: (v.attended ?? []).includes(memberId) ? 'attended' : 'absent' })),
      );
    }
    return a;
  }
  return { org, staff, leader, memberAcc, member, studio, activity };
}
export type CoopOrg = Awaited<ReturnType<typeof coopOrg>>;

/** The 南川–金牛 shape: owner A, party organization B, two outside bodies, three points (owners A, B, outside). */
export function itemBody(partyOrgId: number, extra: Record<string, unknown> = {}) {
  return {
    title: uniq('渝石进川'),
    summary: '推动南川建材经铁路运往成都',
    parties: [{ orgId: partyOrgId }, { name: '成都铁路局' }, { name: '欣铁物流' }],
    points: [
      { content: '养马河站每日两趟列车中的一趟作为专列', ownerParty: 1, target: '每日一趟专列', dueDate: '2026-06-30' },
      { content: '增设 1–2 个卸货点', ownerParty: 0, target: '新增卸货点' },
      { content: '分担公路物流成本', ownerParty: 2 },
    ],
    ...extra,
  };
}

export const ok = (r: { statusCode: number; body: string }) => {
  if (r.statusCode !== 200) throw new Error(`expected 200, got ${r.statusCode} ${r.body}`);
  return JSON.parse(r.body);
};

export async function newItem(c: Client, orgId: number, body: Record<string, unknown>) {
  return ok(await c.post(`/api/orgs/${orgId}/coop-items`, body));
}
