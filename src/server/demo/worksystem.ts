/**
 * Demo work system for 荣昌 (cq-rongchang): the five "五个一" obligations with their fulfilments, leaders'
 * attendance at consultations, and the research/consultation outcomes whose problem lists were converted into
 * measures or solved — so that the leadership dashboard computes the seed page's sentence from individual records:
 * 22 report hearings, 5 市-level instructions (from the information demo), 45 converted, 18 consultations attended
 * by leaders, 25 problems solved.
 *
 * Runs after the activities and information demos and only ADDS what they leave missing: it counts with the
 * dashboard's own statement first, so the figures hold whatever those demos already contribute.
 */
import { and, eq, inArray, ne } from 'drizzle-orm';
import { DEFAULT_OBLIGATIONS } from '@common/worksystem';
import type { Tx } from '@server/db/client';
import {
  activities,
  activityOutcomes,
  leaderAttendances,
  organizations,
  problemIssueUnits,
  problemIssues,
  proposals,
  roleGrants,
  units,
  workFulfilments,
  workObligations,
} from '@server/db/schema/index';
import { writeAuditMany, type AuditActor, type AuditEntry } from '@server/lib/audit';
import { loadWorkCalendar, todayInChina } from '@server/lib/workdays';
import { dashboardAggregates, hasInfoTables } from '@server/modules/worksystem/worksystem.repo';
import { RC_CONSULTATION } from './activities-text';
import { RC_LEADERS, RC_WORK_TOPICS } from './worksystem-text';

const ACTOR: AuditActor = { accountId: null, name: 'demo loader', requestId: 'demo-loader' };
type Bump = (k: string, n?: number) => void;

/** The seed page's figures for 荣昌. */
export const RC_TARGETS = { hearings: 22, converted: 45, leaderConsultations: 18, solved: 25 } as const;

const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

export async function loadDemoWorkSystem(tx: Tx, bump: Bump): Promise<void> {
  const [rc] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, 'cq-rongchang'));
  if (!rc) return;
  const orgId = rc.id;
  const cal = await loadWorkCalendar(tx);
  const today = todayInChina();
  const workday = (d: string) => cal.addWorkdays(d, 0).date;
  const entries: Array<Omit<AuditEntry, 'orgId'>> = [];
  const audit = (entityType: string, entityId: number, after: Record<string, unknown>, when: Date) =>
    entries.push({ entityType, entityId, action: 'create', after, reason: '演示数据 demo data', at: when > new Date() ? new Date() : when });
  const [staff] = await tx.select({ id: roleGrants.accountId }).from(roleGrants).where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.role, 'general_staff'))).limit(1);

  const before = await dashboardAggregates(tx, orgId, await hasInfoTables(tx));

  // ── Research and consultation outcomes: converted and solved problem-list issues ──
  let needConverted = Math.max(0, RC_TARGETS.converted - before.converted_outcomes - before.converted_info);
  let needSolved = Math.max(0, RC_TARGETS.solved - before.solved);
  const unitNames = [...new Set(RC_WORK_TOPICS.map((t) => t.unit))];
  const have = await tx.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.orgId, orgId), inArray(units.name, unitNames)));
  const missing = unitNames.filter((n) => !have.some((h) => h.name === n));
  if (missing.length) {
    const added = await tx.insert(units).values(missing.map((name) => ({ orgId, name, unitGroup: 'government', duties: '区级部门' }))).returning({ id: units.id, name: units.name });
    for (const u of added) audit('unit', u.id, { name: u.name }, new Date('2023-01-01T00:00:00Z'));
    have.push(...added);
    bump('units', added.length);
  }
  const unitId = new Map(have.map((h) => [h.name, h.id]));
  const newActivities: Array<typeof activities.$inferSelect> = [];
  let issueCount = 0;
  for (const [i, t] of RC_WORK_TOPICS.entries()) {
    if (needConverted <= 0 && needSolved <= 0) break;
    // One activity every ~6 weeks from March 2023, on a working day.
    const day = workday(cal.addDays('2023-03-01', i * 43).date);
    const type = i % 3 === 0 ? '专题协商会' : i % 3 === 1 ? '专题议政性常委会' : '对口协商';
    const [a] = await tx
      .insert(activities)
      .values({
        orgId,
        type,
        topic: t.topic,
        organizerKind: 'committee',
        organizerName: '区政协经济委员会',
        startsAt: at(day, '09:00'),
        endsAt: at(day, '12:00'),
        place: '区政协三楼会议室',
        status: 'closed',
        minutes: `<p>${t.topic}专题协商纪要：区政协委员、有关部门负责同志围绕主题协商议政，形成协商意见报送区委、区政府。</p>`,
        minutesDue: cal.addWorkdays(day, 7).date,
        minutesFiledAt: at(cal.addWorkdays(day, 5).date, '17:00'),
        createdByAccountId: staff?.id ?? null,
        createdAt: at(cal.addDays(day, -20).date, '10:00'),
      })
      .returning();
    newActivities.push(a);
    audit('activity', a.id, { type: a.type, topic: a.topic, status: a.status }, a.createdAt);
    bump('activities');
    const outcomeDay = cal.addWorkdays(day, 10).date;
    const kinds = [
      { kind: 'research_report', title: `关于${t.topic}的调研报告`, problem: t.p1 },
      { kind: 'consultation_report', title: `关于${t.topic}的协商意见`, problem: t.p2 },
    ];
    for (const [k, o] of kinds.entries()) {
      const convert = needConverted > 0;
      const solve = k === 1 && needSolved > 0;
      if (!convert && !solve) continue;
      const [out] = await tx
        .insert(activityOutcomes)
        .values({ orgId, activityId: a.id, kind: o.kind, title: o.title, findings: `<p>${o.problem}等问题较为突出。</p>`, recommendations: `<p>建议有关部门针对${o.problem}制定具体措施。</p>`, createdAt: at(outcomeDay, '16:00') })
        .returning();
      audit('activity_outcome', out.id, { kind: out.kind, title: out.title }, out.createdAt);
      bump('activity_outcomes');
      const issues: Array<{ title: string; result: 'converted' | 'resolved' }> = [];
      if (convert) {
        issues.push({ title: o.problem, result: 'converted' });
        needConverted--;
      }
      if (solve) {
        issues.push({ title: t.p3, result: 'resolved' });
        needSolved--;
      }
      for (const [s, x] of issues.entries()) {
        const unit = unitId.get(t.unit)!;
        const closedDay = cal.addWorkdays(outcomeDay, 60).date;
        const [issue] = await tx
          .insert(problemIssues)
          .values({ orgId, outcomeId: out.id, activityId: a.id, seq: s + 1, title: x.title, status: 'closed', result: x.result, responseDue: cal.addWorkdays(outcomeDay, 15).date, closedAt: at(closedDay, '17:00'), createdAt: at(outcomeDay, '17:00') })
          .returning();
        await tx.insert(problemIssueUnits).values({ orgId, issueId: issue.id, unitId: unit, commitment: x.result === 'converted' ? `将“${x.title}”纳入年度重点工作` : `年内解决“${x.title}”`, measures: '制定工作方案，明确责任人和时间表', plannedCompletion: closedDay, respondedAt: at(cal.addWorkdays(outcomeDay, 10).date, '10:00') });
        audit('problem_issue', issue.id, { seq: issue.seq, title: issue.title, status: issue.status, result: issue.result }, issue.createdAt);
        issueCount++;
      }
    }
  }
  bump('problem_issues', issueCount);

  // The secretary's thematic consultations (one a year): the 2025-12-05 pig-tech consultation and new topics before it.
  const [pig] = await tx.select({ id: activities.id }).from(activities).where(and(eq(activities.orgId, orgId), eq(activities.topic, RC_CONSULTATION.topic)));
  const byYear = new Map<number, number>();
  for (const a of newActivities) if (a.type === '专题协商会') byYear.set(Number(todayOf(a.startsAt).slice(0, 4)), a.id);
  if (pig) byYear.set(2025, pig.id);
  const secretaryActs = new Set(byYear.values());

  // ── Leaders at consultations: the existing consultations first, then the new ones ──
  const existing = await tx
    .select({ id: activities.id, startsAt: activities.startsAt })
    .from(activities)
    .where(and(eq(activities.orgId, orgId), inArray(activities.status, ['held', 'minutes_filed', 'closed'])))
    .orderBy(activities.startsAt);
  const attended = new Set((await tx.select({ a: leaderAttendances.activityId }).from(leaderAttendances).where(eq(leaderAttendances.orgId, orgId))).map((r) => r.a));
  const pool = [...existing.filter((e) => secretaryActs.has(e.id)), ...newActivities.filter((e) => secretaryActs.has(e.id)), ...existing.filter((e) => e.startsAt.toISOString().startsWith('2025-12')), ...newActivities, ...existing].filter((a, i, all) => all.findIndex((b) => b.id === a.id) === i && !attended.has(a.id));
  let needLeaders = Math.max(0, RC_TARGETS.leaderConsultations - before.leader_consultations);
  for (const [i, a] of pool.entries()) {
    if (needLeaders <= 0) break;
    const leaders = secretaryActs.has(a.id) ? [RC_LEADERS[0], RC_LEADERS[1]] : [RC_LEADERS[1 + (i % 4)]];
    const rows = await tx.insert(leaderAttendances).values(leaders.map((l) => ({ orgId, activityId: a.id, leaderName: l.name, leaderTitle: l.title, createdAt: a.startsAt }))).returning();
    for (const r of rows) audit('leader_attendance', r.id, { activityId: a.id, leaderName: r.leaderName }, a.startsAt);
    bump('leader_attendances', rows.length);
    needLeaders--;
  }

  // ── The five obligations and their fulfilments ──
  // Report hearings every two months, the latest ~70 days ago (so the clock is overdue until the next one is recorded).
  const needHearings = Math.max(0, RC_TARGETS.hearings - before.hearings);
  const last = workday(cal.addDays(today, -70).date);
  const hearingDays = Array.from({ length: needHearings }, (_, k) => workday(cal.addMonths(last, -2 * (needHearings - 1 - k)).date));
  const firstYear = hearingDays.length ? hearingDays[0].slice(0, 7) + '-01' : '2023-01-01';
  const obligations = await tx
    .insert(workObligations)
    .values(DEFAULT_OBLIGATIONS.map((d, i) => ({ orgId, code: d.code, name: d.name, frequency: d.frequency, everyMonths: d.everyMonths, responsible: d.responsible, leaders: d.code === 'lead_proposal' ? [RC_LEADERS[0].name, RC_LEADERS[1].name] : [], startDate: d.code === 'report_hearing' && firstYear < '2023-01-01' ? firstYear : '2023-01-01', sort: i + 1, createdAt: new Date('2023-01-01T02:00:00Z') })))
    .returning();
  for (const o of obligations) audit('work_obligation', o.id, { name: o.name, frequency: o.frequency }, o.createdAt);
  const ob = (code: string) => obligations.find((o) => o.code === code)!;
  const [proposal] = await tx.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.orgId, orgId), ne(proposals.state, 'draft'))).limit(1);
  const thisYear = Number(today.slice(0, 4));
  const fs: Array<typeof workFulfilments.$inferInsert> = hearingDays.map((d) => ({
    orgId,
    obligationId: ob('report_hearing').id,
    fulfilledOn: d,
    note: `区委常委会会议听取区政协党组工作汇报（${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月）`,
    evidence: '区委常委会会议纪要',
    leaders: [RC_LEADERS[0].name],
  }));
  for (let y = 2023; y <= thisYear; y++) {
    if (y < thisYear) fs.push({ orgId, obligationId: ob('key_tasks').id, fulfilledOn: workday(`${y}-03-15`), note: `区委交办区政协${y}年度重点工作`, evidence: `区委办公室文件（荣委办〔${y}〕号）`, leaders: [RC_LEADERS[0].name] });
    fs.push({ orgId, obligationId: ob('plenary_discussion').id, fulfilledOn: workday(`${y}-01-10`), note: `区委常委参加区政协全会分组讨论（${y}年）`, evidence: '全会简报', leaders: [RC_LEADERS[0].name, RC_LEADERS[2].name] });
    fs.push({ orgId, obligationId: ob('lead_proposal').id, fulfilledOn: workday(`${y}-04-20`), note: `${RC_LEADERS[0].title}领办区政协重点提案`, evidence: '重点提案督办通知', leaders: [RC_LEADERS[0].name], linkKind: proposal ? 'proposal' : null, linkId: proposal?.id ?? null });
    if (y < thisYear) fs.push({ orgId, obligationId: ob('lead_proposal').id, fulfilledOn: workday(`${y}-05-20`), note: `${RC_LEADERS[1].title}领办区政协重点提案`, evidence: '重点提案督办通知', leaders: [RC_LEADERS[1].name] });
  }
  for (const [y, id] of byYear) {
    const [a] = await tx.select({ startsAt: activities.startsAt }).from(activities).where(eq(activities.id, id));
    fs.push({ orgId, obligationId: ob('secretary_consultation').id, fulfilledOn: todayOf(a.startsAt), note: `${RC_LEADERS[0].title}参加区政协专题协商（${y}年）`, evidence: '协商活动纪要', leaders: [RC_LEADERS[0].name], linkKind: 'activity', linkId: id });
  }
  const inserted = fs.length ? await tx.insert(workFulfilments).values(fs.map((f) => ({ ...f, createdAt: at(f.fulfilledOn, '18:00') }))).returning() : [];
  for (const f of inserted) audit('work_fulfilment', f.id, { obligationId: f.obligationId, fulfilledOn: f.fulfilledOn }, f.createdAt);
  bump('work_fulfilments', inserted.length);

  await writeAuditMany(tx, ACTOR, orgId, entries);
}

const todayOf = (d: Date) => todayInChina(d);
