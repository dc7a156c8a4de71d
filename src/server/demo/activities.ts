/**
 * Demo activities: the seed page's stories (荣昌 12-05 consultation and the 12-09 meeting with 15 departments'
 * answers; 开州 city-flower inspection; 民建巴南 smart-community research report) plus activities in every status
 * across the demo organizations, so lists, calendars and "my activities" are not empty.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Tx } from '@server/db/client';
import {
  activities,
  activityOutcomes,
  activityParticipants,
  activitySpeeches,
  collectiveProposers,
  members,
  organizations,
  outcomeInstructions,
  problemIssueUnits,
  problemIssueUpdates,
  problemIssues,
  roleGrants,
  units,
} from '@server/db/schema/index';
import { writeAuditMany, type AuditActor, type AuditEntry } from '@server/lib/audit';
import { loadWorkCalendar, todayInChina } from '@server/lib/workdays';
import { BN_REPORT, KZ_INSPECTION, OTHER_TOPICS, RC_CONSULTATION, RC_ISSUES, RC_MEETING } from './activities-text';

const ACTOR: AuditActor = { accountId: null, name: 'demo loader', requestId: 'demo-loader' };
type Bump = (k: string, n?: number) => void;

const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

interface OrgInfo {
  id: number;
  code: string;
  members: Array<{ id: number; name: string; accountId: number | null }>;
  staffAccountId: number | null;
}

export async function loadDemoActivities(tx: Tx, bump: Bump): Promise<void> {
  const cal = await loadWorkCalendar(tx);
  const audits = new Map<number, Array<Omit<AuditEntry, 'orgId'>>>();
  const audit = (orgId: number, entityType: string, entityId: number, after: Record<string, unknown>, when: Date) => {
    const list = audits.get(orgId) ?? [];
    list.push({ entityType, entityId, action: 'create', after, reason: '演示数据 demo data', at: when > new Date() ? new Date() : when });
    audits.set(orgId, list);
  };
  const orgRows = await tx.select({ id: organizations.id, code: organizations.code }).from(organizations).where(eq(organizations.isDemo, true));
  const orgs = new Map<string, OrgInfo>();
  for (const o of orgRows) {
    const ms = await tx.select({ id: members.id, name: members.name, accountId: members.accountId }).from(members).where(eq(members.orgId, o.id)).orderBy(members.id);
    const [staff] = await tx
      .select({ id: roleGrants.accountId })
      .from(roleGrants)
      .where(and(eq(roleGrants.orgId, o.id), inArray(roleGrants.role, ['general_staff', 'org_admin'])))
      .limit(1);
    orgs.set(o.code, { id: o.id, code: o.code, members: ms, staffAccountId: staff?.id ?? null });
  }

  async function activity(o: OrgInfo, v: { type: string; topic: string; kind: string; organizer: string; day: string; from?: string; to?: string; place: string; status: string; agenda?: string; minutes?: string; online?: boolean; cancelReason?: string }) {
    const startsAt = at(v.day, v.from ?? '09:00');
    const endsAt = at(v.day, v.to ?? '11:30');
    const due = cal.addWorkdays(v.day, 7);
    const filed = v.status === 'minutes_filed' || v.status === 'closed';
    const [row] = await tx
      .insert(activities)
      .values({
        orgId: o.id,
        type: v.type,
        topic: v.topic,
        organizerKind: v.kind,
        organizerName: v.organizer,
        startsAt,
        endsAt,
        place: v.online ? '' : v.place,
        online: !!v.online,
        agenda: v.agenda ?? '',
        status: v.status,
        minutes: filed ? (v.minutes ?? `<p>${v.topic}纪要：会议听取情况通报，委员围绕主题发言，形成意见建议报送有关方面。</p>`) : '',
        minutesDue: due.date,
        minutesDueProvisional: due.provisional,
        minutesFiledAt: filed ? at(cal.addWorkdays(v.day, 5).date, '17:00') : null,
        cancelReason: v.cancelReason ?? '',
        createdByAccountId: o.staffAccountId,
        createdAt: at(addDays(v.day, -10), '10:00'),
      })
      .returning();
    audit(o.id, 'activity', row.id, { type: row.type, topic: row.topic, status: row.status }, row.createdAt);
    bump('activities');
    return row;
  }

  /** Invites `ms`; past activities get exact attendance (a few on leave, one absent), future ones stay invited. */
  async function invite(o: OrgInfo, a: typeof activities.$inferSelect, ms: OrgInfo['members'], past: boolean, seed: number) {
    if (!ms.length) return [];
    const rows = await tx
      .insert(activityParticipants)
      .values(
        ms.map((m, i) => {
          const onLeave = past && (i + seed) % 7 === 3;
          const absent = past && !onLeave && (i + seed) % 11 === 5;
          return {
            orgId: o.id,
            activityId: a.id,
            kind: 'member',
            memberId: m.id,
            name: m.name,
            attendance: !past || a.status === 'cancelled' ? 'invited' : onLeave ? 'on_leave' : absent ? 'absent' : 'attended',
            signedInAt: past && !onLeave && !absent && a.status !== 'cancelled' ? new Date(a.startsAt.getTime() - 10 * 60_000) : null,
            leaveStatus: onLeave ? 'approved' : 'none',
            leaveReason: onLeave ? '参加市里召开的工作会议' : '',
          };
        }),
      )
      .returning();
    bump('activity_participants', rows.length);
    return rows;
  }

  const today = todayInChina();

  // ── 荣昌: 12-05 consultation → outcome → problem list answered by 15 departments at the 12-09 meeting ──
  const rc = orgs.get('cq-rongchang');
  if (rc) {
    const c = await activity(rc, { type: '专题议政性常委会', topic: RC_CONSULTATION.topic, kind: 'committee', organizer: '农业农村委员会', day: '2025-12-05', from: '09:00', to: '12:00', place: '区政协三楼会议室', status: 'closed', agenda: RC_CONSULTATION.agenda, minutes: RC_CONSULTATION.minutes });
    const parts = await invite(rc, c, rc.members.slice(0, 24), true, 1);
    for (const [i, s] of RC_CONSULTATION.speeches.entries()) {
      const p = parts[i * 3];
      await tx.insert(activitySpeeches).values({ orgId: rc.id, activityId: c.id, kind: i === 2 ? 'written' : 'oral', participantId: p.id, authorName: p.name, title: s.title, body: s.body, createdAt: c.startsAt });
    }
    bump('activity_speeches', RC_CONSULTATION.speeches.length);
    const [outcome] = await tx
      .insert(activityOutcomes)
      .values({ orgId: rc.id, activityId: c.id, kind: 'consultation_report', title: '关于推动国家生猪技术创新中心科技成果就地转化的协商报告', findings: RC_CONSULTATION.findings, recommendations: RC_CONSULTATION.recommendations, createdAt: at('2025-12-06', '16:00') })
      .returning();
    audit(rc.id, 'activity_outcome', outcome.id, { kind: outcome.kind, title: outcome.title }, outcome.createdAt);
    await tx.insert(outcomeInstructions).values([
      { orgId: rc.id, outcomeId: outcome.id, leader: '区委主要负责同志', level: '区', text: '协商报告很有价值，请区政府逐项研究，各部门对照问题清单抓好落实。', instructedOn: '2025-12-07' },
      { orgId: rc.id, outcomeId: outcome.id, leader: '区政府主要负责同志', level: '区', text: '请区科技局牵头，会同有关部门制定成果转化工作方案。', instructedOn: '2025-12-08' },
    ]);
    bump('outcome_instructions', 2);
    const m = await activity(rc, { type: '专题协商会', topic: RC_MEETING.topic, kind: 'office', organizer: '区政协办公室', day: '2025-12-09', from: '14:30', to: '17:30', place: '区委常委会会议室', status: 'minutes_filed', agenda: RC_MEETING.agenda, minutes: RC_MEETING.minutes });
    await invite(rc, m, rc.members.slice(0, 6), true, 2);
    // The departments (created when the organization does not have them yet).
    const names = RC_ISSUES.map((x) => x.unit);
    const have = await tx.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.orgId, rc.id), inArray(units.name, names)));
    const missing = names.filter((n) => !have.some((h) => h.name === n));
    if (missing.length) {
      const added = await tx.insert(units).values(missing.map((name) => ({ orgId: rc.id, name, unitGroup: 'government', duties: '区级部门' }))).returning({ id: units.id, name: units.name });
      for (const u of added) audit(rc.id, 'unit', u.id, { name: u.name }, new Date('2025-12-01T00:00:00Z'));
      have.push(...added);
      bump('units', added.length);
    }
    const unitId = new Map(have.map((h) => [h.name, h.id]));
    await tx.insert(activityParticipants).values(RC_ISSUES.map((x) => ({ orgId: rc.id, activityId: m.id, kind: 'unit', unitId: unitId.get(x.unit)!, name: x.unit, attendance: 'attended' })));
    for (const [i, x] of RC_ISSUES.entries()) {
      const closed = x.status === 'closed';
      const [issue] = await tx
        .insert(problemIssues)
        .values({
          orgId: rc.id,
          outcomeId: outcome.id,
          activityId: c.id,
          seq: i + 1,
          title: x.title,
          detail: '',
          status: x.status,
          result: x.result ?? (x.status === 'cannot_resolve' ? 'cannot_resolve' : null),
          resultReason: x.reason ?? '',
          responseDue: '2025-12-09',
          closedAt: closed ? at('2026-06-30', '17:00') : null,
          createdAt: at('2025-12-06', '17:00'),
        })
        .returning();
      audit(rc.id, 'problem_issue', issue.id, { seq: issue.seq, title: issue.title, status: issue.status }, issue.createdAt);
      await tx.insert(problemIssueUnits).values({ orgId: rc.id, issueId: issue.id, unitId: unitId.get(x.unit)!, commitment: x.commitment, measures: x.measures, plannedCompletion: x.planned, respondedAt: at('2025-12-09', '16:00') });
      if (x.progress) await tx.insert(problemIssueUpdates).values({ orgId: rc.id, issueId: issue.id, unitId: unitId.get(x.unit)!, authorName: x.unit, body: x.progress, createdAt: at('2026-03-15', '10:00') });
    }
    bump('problem_issues', RC_ISSUES.length);
  }

  // ── 开州: the city-flower inspection with named members' suggestions ──
  const kz = orgs.get('cq-kaizhou');
  if (kz) {
    const a = await activity(kz, { type: '视察', topic: KZ_INSPECTION.topic, kind: 'committee', organizer: '人口资源环境委员会', day: '2025-11-20', from: '08:30', to: '17:00', place: '汉丰湖沿岸、城区口袋公园', status: 'minutes_filed', agenda: KZ_INSPECTION.agenda, minutes: KZ_INSPECTION.minutes });
    const parts = await invite(kz, a, kz.members.slice(0, 15), true, 3);
    const speakers = parts.filter((p) => p.attendance === 'attended');
    for (const [i, s] of KZ_INSPECTION.suggestions.entries()) {
      const p = speakers[i];
      await tx.insert(activitySpeeches).values({ orgId: kz.id, activityId: a.id, kind: 'written', participantId: p.id, authorName: p.name, title: s.title, body: s.body, createdAt: a.endsAt });
    }
    const [unit] = await tx.select({ id: units.id }).from(units).where(and(eq(units.orgId, kz.id), eq(units.name, '区城市管理局')));
    await tx.insert(activityParticipants).values({ orgId: kz.id, activityId: a.id, kind: 'unit', unitId: unit?.id ?? null, name: '区城市管理局', attendance: 'attended' });
    const [o] = await tx
      .insert(activityOutcomes)
      .values({ orgId: kz.id, activityId: a.id, kind: 'inspection_report', title: '关于城市花境建设与城市空间美化的视察报告', findings: KZ_INSPECTION.findings, recommendations: KZ_INSPECTION.recommendations, createdAt: at('2025-11-28', '10:00') })
      .returning();
    audit(kz.id, 'activity_outcome', o.id, { kind: o.kind, title: o.title }, o.createdAt);
    if (unit) {
      const [issue] = await tx
        .insert(problemIssues)
        .values({ orgId: kz.id, outcomeId: o.id, activityId: a.id, seq: 1, title: '花境后期养护资金和专业队伍不足', status: 'responded', responseDue: '2025-12-19', createdAt: o.createdAt })
        .returning();
      await tx.insert(problemIssueUnits).values({ orgId: kz.id, issueId: issue.id, unitId: unit.id, commitment: '建立花境养护长效机制', measures: '将花境养护纳入城市管理考核，通过购买服务引入专业养护企业', plannedCompletion: '2026-06-30', respondedAt: at('2025-12-15', '10:00') });
      audit(kz.id, 'problem_issue', issue.id, { seq: 1, title: issue.title }, o.createdAt);
    }
  }

  // ── 民建巴南: a research report presented at a party consultation ──
  const bn = orgs.get('cq-banan');
  if (bn) {
    const [party] = await tx.select({ id: collectiveProposers.id }).from(collectiveProposers).where(and(eq(collectiveProposers.orgId, bn.id), eq(collectiveProposers.name, '民建巴南区委会')));
    const r = await activity(bn, { type: '调研', topic: BN_REPORT.researchTopic, kind: 'party', organizer: '民建巴南区委会', day: '2025-09-16', from: '09:00', to: '17:00', place: '龙洲湾街道、鱼洞街道试点社区', status: 'closed' });
    await invite(bn, r, bn.members.slice(0, 8), true, 4);
    const c = await activity(bn, { type: '专题协商会', topic: BN_REPORT.consultTopic, kind: 'party', organizer: '民建巴南区委会', day: '2025-11-12', from: '14:30', to: '17:00', place: '区委统战部会议室', status: 'minutes_filed' });
    await invite(bn, c, bn.members.slice(0, 12), true, 5);
    const [o] = await tx
      .insert(activityOutcomes)
      .values({ orgId: bn.id, activityId: c.id, kind: 'research_report', title: BN_REPORT.title, authorKind: party ? 'collective' : 'org', collectiveId: party?.id ?? null, findings: BN_REPORT.findings, recommendations: BN_REPORT.recommendations, createdAt: c.endsAt })
      .returning();
    audit(bn.id, 'activity_outcome', o.id, { kind: o.kind, title: o.title }, o.createdAt);
    await tx.insert(outcomeInstructions).values({ orgId: bn.id, outcomeId: o.id, leader: '区政府分管负责同志', level: '区', text: '调研报告提出的建议很有针对性，请区大数据发展局研究吸纳。', instructedOn: '2025-11-20' });
  }

  // ── Every organization: activities around today in every status ──
  const statuses = ['closed', 'minutes_filed', 'held', 'cancelled', 'planned', 'planned'] as const;
  let n = 0;
  for (const o of orgs.values()) {
    if (!o.members.length) continue;
    for (let k = 0; k < 4; k++) {
      const [type, topic, kind, organizer] = OTHER_TOPICS[(n * 5 + k) % OTHER_TOPICS.length];
      const offset = [-45, -20, -6, 9, 16, 30][(n + k) % 6];
      // On a working day (meetings are not held at weekends).
      const day = cal.addWorkdays(addDays(today, offset - 1), 1).date;
      const status = offset > 0 ? (k === 3 ? 'cancelled' : 'planned') : statuses[(n + k) % 3];
      const a = await activity(o, { type, topic, kind, organizer, day, from: k % 2 ? '14:30' : '09:00', to: k % 2 ? '17:00' : '11:30', place: '政协机关会议室', status, online: type === '网络议政', cancelReason: status === 'cancelled' ? '因与全委会时间冲突，另行安排' : undefined });
      // The member with an account (e.g. 田晓峰 in 秀山) is invited to every other one.
      const withAccount = o.members.filter((m) => m.accountId != null);
      const invitees = [...withAccount.filter(() => k % 2 === 0), ...o.members.filter((m) => m.accountId == null).slice(k * 3, k * 3 + 8)];
      await invite(o, a, invitees, offset < 0, n + k);
    }
    n++;
  }

  for (const [orgId, entries] of audits) await writeAuditMany(tx, ACTOR, orgId, entries);
}
