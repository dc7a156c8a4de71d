/**
 * Demo cooperation data: the 南川–金牛 "渝石进川" item (a studio meeting of “唱响双城记”委员工作室 raised a member's
 * company problem → joint visit and symposium → three consensus points tracked with evidence and a progress log),
 * the 南川 campaign 唱响双城记·建功新南川 with its activities and 10+ cooperation items in varied states, and the
 * studio's members with its 领衔委员.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@server/db/client';
import {
  activities,
  activityParticipants,
  campaignActivities,
  campaigns,
  coopItemMembers,
  coopItems,
  coopParties,
  coopPoints,
  coopProgress,
  memberStudios,
  members,
  organizations,
  recordLinks,
  roleGrants,
  studioProfiles,
  studios,
} from '@server/db/schema/index';
import { writeAuditMany, type AuditActor, type AuditEntry } from '@server/lib/audit';
import { todayInChina } from '@server/lib/workdays';
import { COOP_ITEMS, YUSHI } from './cooperation-text';

const ACTOR: AuditActor = { accountId: null, name: 'demo loader', requestId: 'demo-loader' };
type Bump = (k: string, n?: number) => void;
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function loadDemoCooperation(tx: Tx, bump: Bump): Promise<void> {
  const orgRows = await tx
    .select({ id: organizations.id, code: organizations.code, shortName: organizations.shortName })
    .from(organizations)
    .where(inArray(organizations.code, ['cq-nanchuan', 'cd-jinniu', 'cd-xindu', 'cq-jiulongpo']));
  const org = new Map(orgRows.map((o) => [o.code, o]));
  const ncRow = org.get('cq-nanchuan');
  const jnRow = org.get('cd-jinniu');
  if (!ncRow || !jnRow) return;
  const [nc, jn] = [ncRow, jnRow];
  const audits = new Map<number, Array<Omit<AuditEntry, 'orgId'>>>();
  const audit = (orgId: number, entityType: string, entityId: number, after: Record<string, unknown>, when: Date) => {
    const list = audits.get(orgId) ?? [];
    list.push({ entityType, entityId, action: 'create', after, reason: '演示数据 demo data', at: when > new Date() ? new Date() : when });
    audits.set(orgId, list);
  };
  const staffOf = async (orgId: number) => {
    const [g] = await tx
      .select({ id: roleGrants.accountId })
      .from(roleGrants)
      .where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.role, 'general_staff')))
      .limit(1);
    return g?.id ?? null;
  };
  const ncStaff = await staffOf(nc.id);
  const jnStaff = await staffOf(jn.id);
  const ncMembers = await tx.select({ id: members.id, name: members.name }).from(members).where(eq(members.orgId, nc.id)).orderBy(members.id);
  const hu = ncMembers.find((m) => m.name === '胡建中') ?? ncMembers[0];

  // ── The studio: members and its 领衔委员 ──
  const [studio] = await tx
    .select()
    .from(studios)
    .where(and(eq(studios.orgId, nc.id), eq(studios.name, '“唱响双城记”委员工作室')));
  const studioMembers = [ncMembers[1], hu, ncMembers[4], ncMembers[7], ncMembers[10], ncMembers[13]].filter(Boolean);
  const lead = studioMembers[0];
  if (studio) {
    await tx.insert(memberStudios).values(studioMembers.map((m) => ({ memberId: m.id, studioId: studio.id }))).onConflictDoNothing();
    await tx.insert(studioProfiles).values({ studioId: studio.id, orgId: nc.id, leadMemberId: lead.id, description: YUSHI.studioDescription });
    audit(nc.id, 'studio', studio.id, { leadMemberId: lead.id, memberIds: studioMembers.map((m) => m.id) }, at('2025-03-01'));
    bump('studio_members', studioMembers.length);
  }

  // ── Activities of the campaign (the studio meeting, the joint visit and others) ──
  async function activity(v: { type: string; topic: string; kind: string; organizer: string; refId?: number | null; day: string; place: string; status: string; invited: typeof ncMembers; agenda?: string; minutes?: string }) {
    const past = v.status !== 'planned';
    const [a] = await tx
      .insert(activities)
      .values({
        orgId: nc.id,
        type: v.type,
        topic: v.topic,
        organizerKind: v.kind,
        organizerName: v.organizer,
        organizerRefId: v.refId ?? null,
        startsAt: at(v.day, '09:30'),
        endsAt: at(v.day, '12:00'),
        place: v.place,
        agenda: v.agenda ?? '',
        status: v.status,
        minutes: v.minutes ?? (past && v.status !== 'held' ? `<p>${v.topic}纪要：与会委员围绕主题深入交流，形成合作意向并明确责任分工。</p>` : ''),
        minutesDue: addDays(v.day, 9),
        minutesFiledAt: past && v.status !== 'held' ? at(addDays(v.day, 5), '17:00') : null,
        createdByAccountId: ncStaff,
        createdAt: at(addDays(v.day, -10)),
      })
      .returning();
    audit(nc.id, 'activity', a.id, { type: a.type, topic: a.topic, status: a.status }, a.createdAt);
    if (v.invited.length) {
      await tx.insert(activityParticipants).values(
        v.invited.map((m, i) => ({ orgId: nc.id, activityId: a.id, kind: 'member', memberId: m.id, name: m.name, attendance: !past ? 'invited' : i % 9 === 8 ? 'on_leave' : 'attended', leaveStatus: past && i % 9 === 8 ? 'approved' : 'none', leaveReason: past && i % 9 === 8 ? '外出学习' : '' })),
      );
      bump('activity_participants', v.invited.length);
    }
    bump('activities');
    return a;
  }
  const meeting = await activity({ type: '委员工作室活动', topic: YUSHI.meetingTopic, kind: 'studio', organizer: '“唱响双城记”委员工作室', refId: studio?.id, day: '2025-04-18', place: '南川区东城街道委员工作室', status: 'closed', invited: studioMembers, agenda: YUSHI.meetingAgenda, minutes: YUSHI.meetingMinutes });
  const visit = await activity({ type: '联合协商', topic: YUSHI.visitTopic, kind: 'office', organizer: '南川区政协办公室', day: '2025-05-22', place: '成都市金牛区荷花池货场', status: 'closed', invited: [...studioMembers, ...ncMembers.slice(15, 19)], minutes: YUSHI.visitMinutes });
  const others = [
    await activity({ type: '视察', topic: '成渝地区双城经济圈建设重点项目专题视察', kind: 'committee', organizer: '经济委员会', day: '2025-09-12', place: '南川工业园区', status: 'minutes_filed', invited: ncMembers.slice(19, 30) }),
    await activity({ type: '专题协商会', topic: '“唱响双城记·建功新南川”委员履职交流会', kind: 'office', organizer: '南川区政协办公室', day: '2025-12-16', place: '区政协二楼会议室', status: 'held', invited: ncMembers.slice(0, 20) }),
    await activity({ type: '调研', topic: '南川—成都农产品产销对接调研', kind: 'committee', organizer: '农业农村委员会', day: addDays(todayInChina(), 12), place: '南川区大观镇', status: 'planned', invited: ncMembers.slice(30, 36) }),
  ];

  // ── The campaign ──
  const [campaign] = await tx
    .insert(campaigns)
    .values({ orgId: nc.id, name: '唱响双城记·建功新南川', startDate: '2025-03-01', endDate: '2026-12-31', description: YUSHI.campaignDescription, createdAt: at('2025-03-01') })
    .returning();
  audit(nc.id, 'campaign', campaign.id, { name: campaign.name }, campaign.createdAt);
  await tx.insert(campaignActivities).values([meeting, visit, ...others].map((a) => ({ campaignId: campaign.id, activityId: a.id, orgId: nc.id })));
  bump('campaigns');

  // ── Cooperation items ──
  const orgIdOf = (code: string | undefined) => (code ? (org.get(code)?.id ?? null) : null);
  async function item(v: (typeof COOP_ITEMS)[number], originActivityId: number | null, named: typeof ncMembers) {
    const [row] = await tx
      .insert(coopItems)
      .values({ orgId: nc.id, campaignId: campaign.id, title: v.title, summary: v.summary, originActivityId, status: v.status, statusReason: v.reason ?? '', createdByAccountId: ncStaff, createdAt: at(v.created), updatedAt: at(v.updated ?? v.created) })
      .returning();
    const parties = await tx
      .insert(coopParties)
      .values(v.parties.map((p, seq) => ({ itemId: row.id, partyOrgId: orgIdOf(p.org), name: p.org ? org.get(p.org)!.shortName : p.name!, seq })))
      .returning();
    const points = await tx
      .insert(coopPoints)
      .values(v.points.map((p, i) => ({ itemId: row.id, seq: i + 1, content: p.content, ownerPartyId: parties[p.owner].id, target: p.target ?? '', dueDate: p.due ?? null, status: p.status, evidence: p.evidence ?? '', evidenceRef: p.evidenceRef ?? '' })))
      .returning();
    for (const e of v.progress ?? []) {
      const byJn = e.by === 'jn';
      await tx.insert(coopProgress).values({
        itemId: row.id,
        pointId: e.point == null ? null : points[e.point].id,
        authorOrgId: byJn ? jn.id : nc.id,
        authorAccountId: byJn ? jnStaff : ncStaff,
        authorName: byJn ? '金牛区政协办公室' : '南川区政协办公室',
        happenedOn: e.day,
        body: e.body,
        createdAt: at(e.day, '16:00'),
      });
    }
    if (named.length) await tx.insert(coopItemMembers).values(named.map((m) => ({ itemId: row.id, memberId: m.id })));
    audit(nc.id, 'cooperation_item', row.id, { title: row.title, status: row.status, parties: parties.map((p) => p.name) }, row.createdAt);
    bump('cooperation_items');
    bump('coop_points', points.length);
    return row;
  }
  const [main, ...rest] = COOP_ITEMS;
  const yushi = await item(main, meeting.id, studioMembers);
  for (const [i, v] of rest.entries()) await item(v, i % 4 === 0 ? visit.id : null, ncMembers.slice(20 + i, 22 + i));

  // Links: the item ↔ the joint visit where the consensus was reached; the campaign ↔ the item.
  const links = await tx
    .insert(recordLinks)
    .values([
      { orgId: nc.id, fromType: 'cooperation_item', fromId: yushi.id, toType: 'activity', toId: visit.id, note: '联合考察座谈形成三项共识', createdByAccountId: ncStaff },
      { orgId: nc.id, fromType: 'campaign', fromId: campaign.id, toType: 'cooperation_item', toId: yushi.id, note: '重点合作事项', createdByAccountId: ncStaff },
    ])
    .returning({ id: recordLinks.id });
  for (const l of links) audit(nc.id, 'record_link', l.id, {}, at('2025-05-30'));

  for (const [orgId, entries] of audits) await writeAuditMany(tx, ACTOR, orgId, entries);
}
