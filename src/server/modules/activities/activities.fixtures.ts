/** Test fixtures of the activities domain (used by the *.test.ts files beside this one). */
import { members } from '@server/db/schema/index';
import { createAccount, createOrg, createUnit, login, uniq, type Client, type GrantSpec, type TestContext } from '../../../../test/helpers';

export interface MemberClient extends Client {
  memberId: number;
  name: string;
}

/** An organization with its general office, a leader, two units with a handler each, and a member factory. */
export async function activityOrg(ctx: TestContext) {
  const { db } = ctx.database;
  const org = await createOrg(ctx.database);
  const signed = async (grants: GrantSpec[]) => login(ctx.app, (await createAccount(ctx.database, grants)).username);
  const staff = await signed([{ orgId: org.id, role: 'general_staff' }]);
  const leader = await signed([{ orgId: org.id, role: 'leader' }]);
  const unitA = await createUnit(ctx.database, org.id, { name: uniq('区畜牧发展中心') });
  const unitB = await createUnit(ctx.database, org.id, { name: uniq('区财政局') });
  const handlerA = await signed([{ orgId: org.id, role: 'unit_handler', unitId: unitA.id }]);
  const handlerB = await signed([{ orgId: org.id, role: 'unit_handler', unitId: unitB.id }]);

  async function member(name = uniq('委员')): Promise<MemberClient> {
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const [m] = await db.insert(members).values({ orgId: org.id, name, accountId: acc.id }).returning();
    return Object.assign(await login(ctx.app, acc.username), { memberId: m.id, name });
  }
  return { org, staff, leader, unitA, unitB, handlerA, handlerB, member };
}
export type ActivityOrg = Awaited<ReturnType<typeof activityOrg>>;

export const ACTIVITY = {
  type: '专题协商会',
  topic: '推动国家生猪技术创新中心科技成果就地转化',
  organizerKind: 'committee',
  organizerName: '经济委员会',
  startsAt: '2025-12-05T09:00:00+08:00',
  endsAt: '2025-12-05T12:00:00+08:00',
  place: '区政协三楼会议室',
  agenda: '<p>一、通报情况</p><p>二、委员发言</p>',
};

/** Creates an activity through the API and returns its JSON. */
export async function newActivity(staff: Client, orgId: number, body: Record<string, unknown> = {}) {
  const r = await staff.post(`/api/orgs/${orgId}/activities`, { ...ACTIVITY, ...body });
  if (r.statusCode !== 200) throw new Error(`create failed ${r.statusCode} ${r.body}`);
  return r.json();
}
