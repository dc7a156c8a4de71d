/**
 * Demo joint activities: the seed page's 九龙坡–新都 joint consultation on smart-city building (联合协商), hosted by
 * 九龙坡区政协 with 新都区政协 accepted — members' and experts' suggestions from both sides, held, minutes filed — and
 * one invitation still waiting for an answer, so 新都's invitation inbox is not empty.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@server/db/client';
import { accounts, activities, activityOrgs, activityParticipants, activitySpeeches, members, organizations, units } from '@server/db/schema/index';
import { writeAuditMany, type AuditActor, type AuditEntry } from '@server/lib/audit';
import { loadWorkCalendar, todayInChina } from '@server/lib/workdays';

const ACTOR: AuditActor = { accountId: null, name: 'demo loader', requestId: 'demo-loader' };
type Bump = (k: string, n?: number) => void;
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
const p = (...xs: string[]) => xs.map((x) => `<p>${x}</p>`).join('');

const TOPIC = '以“智”聚力助推城市治理——智慧城市建设联合协商';
const AGENDA = p('一、九龙坡区、新都区大数据发展部门通报智慧城市建设情况', '二、两地政协委员、智库专家发言', '三、两地相关部门负责人现场回应', '四、区领导讲话');
const MINUTES = p(
  '重庆市九龙坡区政协联同四川省成都市新都区政协围绕“智慧城市建设”开展联合协商。',
  '会议指出，九龙坡区在全市率先建成并运行两级治理中心，开发“渣土车监管”“社区矫正监督”“文明骑行”“渝医智付”4个“一件事”应用平台，但同时面临数据烟囱、信息孤岛和感知数量不够、互联体系薄弱等问题。',
  '两地委员和专家围绕技术路线、关键技术攻关、智慧社区建设、数据政策法规等提出意见建议。两地大数据、城市运行和治理等相关部门负责人就资源共聚、体系共建、数据共享、场景共鉴、项目共推等问题作了现场回应。',
  '九龙坡区委常委、区政府常务副区长赵文明表示，要深化工作方法、明确目标任务、强化指挥体系、明晰运行机制、严格压实责任，形成标志性成果。九龙坡区政协主席宋泓希望两区整合资源、联合攻关、分工合作，课题化研究智慧城市建设工作。',
);
/** [org, author, kind, title, body] — the seed page's speakers, in order. */
const SPEECHES: Array<['jlp' | 'xd' | 'expert', string, 'oral' | 'written', string, string]> = [
  ['xd', '周云', 'oral', '以技术路线为前提分阶段实施', p('建议以技术路线确定为前提，分阶段科学合理实施建设目标、规模和项目。')],
  ['jlp', '林于廉', 'oral', '突破关键技术，实现五个协同', p('应突破海量数据处理、智能终端系统、智慧化产业支撑平台等关键技术，实现通讯、数据、信息、应用、服务协同。')],
  ['jlp', '李杰', 'written', '探索智慧社区建设路径模式', p('建议探索智慧社区建设路径模式，搭建智能化服务平台，全面构建一体化平台支撑体系。')],
  [
    'expert',
    '王江峰',
    'oral',
    '完善数据政策法规和基础设施',
    p('制定数据接口、数据共享、数据安全等方面的政策法规，确保数据合理合法使用；在新建项目中完善数字化、网络化、智能化基础设施，对现有基础设施实施更新改造；成立智慧城市运营管理公司，提升运营管理水平。'),
  ],
  ['xd', '', 'written', '推动成渝两地“一件事”应用场景互鉴', p('建议两地定期交流“一件事”应用平台建设经验，在政务服务、城市运行等领域共建共享应用场景。')],
];

export async function loadDemoJoint(tx: Tx, bump: Bump): Promise<void> {
  const codes = ['cq-jiulongpo', 'cd-xindu', 'cd-jinniu'];
  const orgRows = await tx.select({ id: organizations.id, code: organizations.code }).from(organizations).where(inArray(organizations.code, codes));
  const id = (code: string) => orgRows.find((o) => o.code === code)?.id;
  const jlp = id('cq-jiulongpo');
  const xd = id('cd-xindu');
  if (!jlp || !xd) return;
  const acc = async (username: string) => (await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.username, username)))[0]?.id ?? null;
  const [jlpOffice, xdAdmin, xdOffice] = await Promise.all([acc('jlp_office'), acc('xd_admin'), acc('xd_office')]);
  const ms = async (orgId: number) => tx.select({ id: members.id, name: members.name, accountId: members.accountId }).from(members).where(eq(members.orgId, orgId)).orderBy(members.id);
  const [jlpMembers, xdMembers] = await Promise.all([ms(jlp), ms(xd)]);
  const cal = await loadWorkCalendar(tx);
  const audits = new Map<number, Array<Omit<AuditEntry, 'orgId'>>>();
  const audit = (orgId: number, e: Omit<AuditEntry, 'orgId'>) => audits.set(orgId, [...(audits.get(orgId) ?? []), e]);

  // ── The joint consultation: held 2025-11-21 in 九龙坡, minutes filed ──
  const day = '2025-11-21';
  const due = cal.addWorkdays(day, 7);
  const [a] = await tx
    .insert(activities)
    .values({
      orgId: jlp,
      type: '联合协商',
      topic: TOPIC,
      organizerKind: 'office',
      organizerName: '九龙坡区政协办公室',
      startsAt: at(day, '09:30'),
      endsAt: at(day, '12:00'),
      place: '九龙坡区城市运行和治理中心',
      agenda: AGENDA,
      status: 'minutes_filed',
      minutes: MINUTES,
      minutesDue: due.date,
      minutesDueProvisional: due.provisional,
      minutesFiledAt: at(cal.addWorkdays(day, 4).date, '17:00'),
      createdByAccountId: jlpOffice,
      createdAt: at('2025-11-07', '10:00'),
    })
    .returning();
  await tx.insert(activityOrgs).values({
    activityId: a.id,
    orgId: xd,
    hostOrgId: jlp,
    startsAt: a.startsAt,
    status: 'accepted',
    invitedByAccountId: jlpOffice,
    respondedByAccountId: xdAdmin,
    invitedAt: at('2025-11-07', '10:30'),
    respondedAt: at('2025-11-10', '15:00'),
    version: 2,
  });
  bump('activities');
  bump('activity_orgs');
  const jointAudit = { entityType: 'activity', entityId: a.id, reason: '演示数据 demo data' };
  audit(jlp, { ...jointAudit, action: 'create', after: { type: a.type, topic: a.topic, status: a.status }, at: a.createdAt });
  audit(jlp, { ...jointAudit, action: 'joint_invite', after: { partner: '新都区政协', jointStatus: 'invited' }, at: at('2025-11-07', '10:30') });
  for (const o of [xd, jlp]) audit(o, { ...jointAudit, action: 'joint_accept', before: { jointStatus: 'invited' }, after: { partner: '新都区政协', host: '九龙坡区政协', jointStatus: 'accepted' }, at: at('2025-11-10', '15:00') });

  // Participants: each side invites its own members (named speakers first); experts and departments by the host.
  const pick = (list: typeof jlpMembers, named: string[], n: number) => [...list.filter((m) => named.includes(m.name)), ...list.filter((m) => !named.includes(m.name)).slice(0, n)];
  const mk = (orgId: number, list: typeof jlpMembers, seed: number) =>
    list.map((m, i) => ({
      orgId,
      activityId: a.id,
      kind: 'member',
      memberId: m.id,
      name: m.name,
      attendance: (i + seed) % 9 === 4 ? 'on_leave' : 'attended',
      leaveStatus: (i + seed) % 9 === 4 ? 'approved' : 'none',
      leaveReason: (i + seed) % 9 === 4 ? '参加区人大常委会会议' : '',
      signedInAt: (i + seed) % 9 === 4 ? null : at(day, '09:20'),
    }));
  const unitRows = await tx
    .select({ id: units.id, name: units.name, orgId: units.orgId })
    .from(units)
    .where(and(inArray(units.orgId, [jlp, xd]), inArray(units.name, ['区大数据发展局', '区城市运行和治理中心', '区智慧治理中心'])));
  const parts = await tx
    .insert(activityParticipants)
    .values([
      ...mk(jlp, pick(jlpMembers, ['林于廉', '李杰'], 8), 1),
      ...mk(xd, pick(xdMembers, ['周云'], 6), 2),
      { orgId: jlp, activityId: a.id, kind: 'expert', name: '王江峰', attendance: 'attended' },
      ...unitRows.map((u) => ({ orgId: u.orgId, activityId: a.id, kind: 'unit', unitId: u.id, name: u.name, attendance: 'attended' })),
    ])
    .returning();
  bump('activity_participants', parts.length);
  audit(jlp, { ...jointAudit, action: 'invite', after: { invited: parts.filter((x) => x.orgId === jlp).map((x) => x.name) }, at: at('2025-11-12', '10:00') });
  audit(xd, { ...jointAudit, action: 'invite', after: { invited: parts.filter((x) => x.orgId === xd).map((x) => x.name) }, at: at('2025-11-12', '11:00') });

  // Speeches: attributed to the participant when named; the second 新都 written suggestion from another 新都 member.
  const xdOther = parts.find((x) => x.orgId === xd && x.kind === 'member' && x.name !== '周云' && x.attendance === 'attended');
  const speeches = SPEECHES.map(([side, author, kind, title, body], i) => {
    const part = author ? parts.find((x) => x.name === author) : xdOther;
    const orgId = side === 'xd' ? xd : jlp;
    return { orgId, activityId: a.id, kind, participantId: part?.id ?? null, authorName: part?.name ?? author, title, body, createdByAccountId: side === 'xd' ? xdOffice : jlpOffice, createdAt: new Date(at(day, '10:00').getTime() + i * 600_000) };
  });
  await tx.insert(activitySpeeches).values(speeches);
  bump('activity_speeches', speeches.length);
  for (const s of speeches) audit(s.orgId, { ...jointAudit, action: 'record_speech', after: { speech: s.kind, authorName: s.authorName, title: s.title }, at: s.createdAt });

  // ── A pending invitation: 金牛区政协 (or, failing that, 九龙坡) invites 新都 to a planned joint consultation ──
  const hostId = id('cd-jinniu') ?? jlp;
  const today = todayInChina();
  const planned = cal.addWorkdays(today, 12).date;
  const [hostStaff] = await tx.select({ id: activities.createdByAccountId }).from(activities).where(eq(activities.orgId, hostId)).limit(1);
  const [b] = await tx
    .insert(activities)
    .values({
      orgId: hostId,
      type: '联合协商',
      topic: '成渝地区双城经济圈智慧社区治理联合协商',
      organizerKind: 'office',
      organizerName: '区政协办公室',
      startsAt: at(planned, '14:30'),
      endsAt: at(planned, '17:00'),
      place: '区政协机关会议室',
      agenda: p('一、通报智慧社区建设情况', '二、委员协商发言', '三、部门回应'),
      minutesDue: cal.addWorkdays(planned, 7).date,
      createdByAccountId: hostStaff?.id ?? null,
    })
    .returning();
  await tx.insert(activityOrgs).values({ activityId: b.id, orgId: xd, hostOrgId: hostId, startsAt: b.startsAt, invitedByAccountId: hostStaff?.id ?? null });
  bump('activities');
  bump('activity_orgs');
  audit(hostId, { entityType: 'activity', entityId: b.id, action: 'create', after: { type: b.type, topic: b.topic, status: b.status }, reason: '演示数据 demo data' });
  audit(hostId, { entityType: 'activity', entityId: b.id, action: 'joint_invite', after: { partner: '新都区政协', jointStatus: 'invited' }, reason: '演示数据 demo data' });

  for (const [orgId, entries] of audits) await writeAuditMany(tx, ACTOR, orgId, entries);
}
