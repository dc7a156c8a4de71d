/** Test fixtures of the information (社情民意) domain (used by the *.test.ts files beside this one). */
import type { InfoStatus } from '@common/info';
import { members, sectors } from '@server/db/schema/index';
import { todayInChina } from '@server/lib/workdays';
import { createAccount, createOrg, login, uniq, type Client, type GrantSpec, type TestContext } from '../../../../test/helpers';

export interface MemberClient extends Client {
  memberId: number;
  name: string;
}

/** An organization with its information office, an org admin, a leader, and a member factory. */
export async function infoOrg(ctx: TestContext) {
  const { db } = ctx.database;
  const org = await createOrg(ctx.database);
  const [sector] = await db
    .insert(sectors)
    .values({ orgId: org.id, name: uniq('经济界') })
    .returning();
  const signed = async (grants: GrantSpec[]) => login(ctx.app, (await createAccount(ctx.database, grants)).username);
  const staff = await signed([{ orgId: org.id, role: 'info_staff' }]);
  const leader = await signed([{ orgId: org.id, role: 'leader' }]);
  async function member(name = uniq('委员')): Promise<MemberClient> {
    const acc = await createAccount(ctx.database, [{ orgId: org.id, role: 'member' }]);
    const [m] = await db.insert(members).values({ orgId: org.id, name, accountId: acc.id, sectorId: sector.id }).returning();
    return Object.assign(await login(ctx.app, acc.username), { memberId: m.id, name });
  }
  return { org, sector, staff, leader, member };
}
export type InfoOrg = Awaited<ReturnType<typeof infoOrg>>;

export const REPORT = {
  title: '关于加强农村留守老人助餐服务的建议',
  situation: '我县农村留守老人较多，部分乡镇助餐点覆盖不足。',
  analysis: '助餐点运营经费依赖财政补贴，可持续性不强。',
  suggestion: '建议统筹养老服务资金，推广“中心户+邻里互助”助餐模式。',
};

const ok = (r: { statusCode: number; body: string }, what: string) => {
  if (r.statusCode !== 200) throw new Error(`${what} failed ${r.statusCode} ${r.body}`);
  return JSON.parse(r.body) as { id: number; version: number; status: InfoStatus; [k: string]: unknown };
};

export const today = () => todayInChina();

/** A report by `m` brought to `status` through the API (the office acting where the flow needs it). */
export async function reportIn(o: InfoOrg, m: Client, status: InfoStatus, body: Record<string, unknown> = {}) {
  let r = ok(await m.post(`/api/orgs/${o.org.id}/info-reports`, { ...REPORT, ...body }), 'create');
  if (status === 'draft') return r;
  r = ok(await m.post(`/api/info-reports/${r.id}/submit`, { version: r.version }), 'submit');
  if (status === 'submitted') return r;
  if (status === 'returned')
    return ok(await o.staff.post(`/api/info-reports/${r.id}/return`, { comments: '请补充数据', version: r.version }), 'return');
  if (status === 'rejected')
    return ok(await o.staff.post(`/api/info-reports/${r.id}/reject`, { reason: '内容重复', version: r.version }), 'reject');
  r = ok(await o.staff.post(`/api/info-reports/${r.id}/accept`, { version: r.version }), 'accept');
  if (status === 'editing') return r;
  if (status === 'merged') {
    const target = await reportIn(o, m, 'editing');
    ok(await o.staff.post(`/api/info-reports/${target.id}/merge`, { sourceIds: [r.id], version: target.version }), 'merge');
    return ok(await o.staff.get(`/api/info-reports/${r.id}`), 'get');
  }
  ok(await o.staff.post(`/api/orgs/${o.org.id}/info-issues`, { reportIds: [r.id], issuedOn: today() }), 'issue');
  r = ok(await o.staff.get(`/api/info-reports/${r.id}`), 'get');
  if (status === 'issued') return r;
  if (status === 'archived') return ok(await o.staff.post(`/api/info-reports/${r.id}/archive`, { version: r.version }), 'archive');
  r = ok(
    await o.staff.post(`/api/info-reports/${r.id}/adoptions`, { bodyName: '重庆市政协', level: 'municipal', adoptedOn: today() }),
    'adopt',
  );
  if (status === 'adopted') return r;
  r = ok(
    await o.staff.post(`/api/info-reports/${r.id}/instructions`, {
      leader: '市委领导',
      level: 'municipal',
      text: '请市民政局研究。',
      instructedOn: today(),
    }),
    'instruct',
  );
  if (status === 'instructed') return r;
  return ok(
    await o.staff.post(`/api/info-reports/${r.id}/feedback`, { unitName: '县民政局', text: '已增设助餐点 12 个。', fedBackOn: today() }),
    'feedback',
  );
}
