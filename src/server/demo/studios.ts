/**
 * Demo studio work (issue #7) for 南川 “唱响双城记”委员工作室: a Wednesday duty roster (past shifts 到岗, one 未到岗,
 * the coming weeks planned), two public requests (one turned into a submitted 社情民意 report of the receiving
 * member, one answered and closed), a 年度评议 score, and the star ratings: last year frozen, this year open.
 */
import { and, eq } from 'drizzle-orm';
import { DEFAULT_RATING_CONFIG, rateStudios } from '@common/studios';
import type { Database, Tx } from '@server/db/client';
import {
  infoReports,
  memberStudios,
  members,
  organizations,
  recordLinks,
  roleGrants,
  studioRatingManual,
  studioRatingYears,
  studioRequests,
  studioShifts,
  studios,
} from '@server/db/schema/index';
import { writeAuditMany, type AuditActor, type AuditEntry } from '@server/lib/audit';
import { todayInChina } from '@server/lib/workdays';
import { insertDraftReport } from '@server/modules/info/commands/report-commands';
import { ratingCounts } from '@server/modules/cooperation/studio-work.repo';

const ACTOR: AuditActor = { accountId: null, name: 'demo loader', requestId: 'demo-loader' };
type Bump = (k: string, n?: number) => void;
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** The Wednesday on or before a day. */
const wednesdayOf = (day: string) => addDays(day, -((new Date(`${day}T00:00:00Z`).getUTCDay() + 4) % 7));

export async function loadDemoStudios(database: Database, tx: Tx, bump: Bump): Promise<void> {
  const [nc] = await tx.select({ id: organizations.id, shortName: organizations.shortName }).from(organizations).where(eq(organizations.code, 'cq-nanchuan'));
  if (!nc) return;
  const [studio] = await tx
    .select()
    .from(studios)
    .where(and(eq(studios.orgId, nc.id), eq(studios.name, '“唱响双城记”委员工作室')));
  if (!studio) return;
  const team = await tx
    .select({ id: members.id, name: members.name, accountId: members.accountId })
    .from(memberStudios)
    .innerJoin(members, eq(members.id, memberStudios.memberId))
    .where(eq(memberStudios.studioId, studio.id))
    .orderBy(members.id);
  if (team.length < 2) return;
  const [staff] = await tx
    .select({ id: roleGrants.accountId })
    .from(roleGrants)
    .where(and(eq(roleGrants.orgId, nc.id), eq(roleGrants.role, 'general_staff')))
    .limit(1);
  const audits: Array<Omit<AuditEntry, 'orgId'>> = [];
  const audit = (entityType: string, entityId: number, action: string, after: Record<string, unknown>, when: Date) =>
    audits.push({ entityType, entityId, action, after, reason: '演示数据 demo data', at: when > new Date() ? new Date() : when });

  // ── Duty roster: one member receives the public each Wednesday (上午), rotating; last year from April ──
  const today = todayInChina();
  const thisYear = Number(today.slice(0, 4));
  const days: string[] = [];
  for (let d = wednesdayOf(`${thisYear - 1}-04-02`); d <= addDays(today, 21); d = addDays(d, 7)) days.push(d);
  const lastPast = days.filter((d) => d < today).at(-1);
  const rows = days.map((day, i) => {
    const past = day < today;
    // One past shift not done (未到岗): the most recent one; every other past shift 到岗.
    const done = past && day !== lastPast;
    return {
      orgId: nc.id,
      studioId: studio.id,
      memberId: team[i % team.length].id,
      day,
      slot: i % 5 === 4 ? 'full' : 'am',
      note: i % 5 === 4 ? '集中接待日' : '',
      status: done ? 'done' : 'planned',
      doneAt: done ? at(day, '12:00') : null,
      doneByAccountId: done ? (team[i % team.length].accountId ?? staff?.id ?? null) : null,
      createdAt: at(addDays(day, -14)),
    };
  });
  const shifts = await tx.insert(studioShifts).values(rows).returning({ id: studioShifts.id, day: studioShifts.day, status: studioShifts.status, memberId: studioShifts.memberId });
  for (const s of shifts) {
    audit('studio_shift', s.id, 'create', { studioId: studio.id, memberId: s.memberId, day: s.day }, at(addDays(s.day, -14)));
    if (s.status === 'done') audit('studio_shift', s.id, 'mark_done', { status: 'done' }, at(s.day, '12:00'));
  }
  bump('studio_shifts', shifts.length);

  // ── Two public requests received at the studio ──
  const receiver = team[1];
  const day1 = addDays(wednesdayOf(`${thisYear}-03-15`), 0);
  const [r1] = await tx
    .insert(studioRequests)
    .values({
      orgId: nc.id,
      studioId: studio.id,
      requesterName: '王女士',
      contact: '139****2306',
      content: '东城街道老旧小区加装电梯推进缓慢，居民意见不一，费用分摊没有统一标准，希望政协委员帮助反映，推动出台分摊指导办法。',
      receivedOn: day1,
      receivedByMemberId: receiver.id,
      status: 'in_progress',
      outcome: 'info_report',
      createdByAccountId: staff?.id ?? null,
      createdAt: at(day1, '11:00'),
    })
    .returning();
  const reportId = await insertDraftReport(
    tx,
    ACTOR,
    {
      orgId: nc.id,
      title: '关于制定老旧小区加装电梯费用分摊指导办法的建议',
      situation: r1.content,
      analysis: '各小区自行协商，低楼层住户顾虑多，缺少可参照的分摊比例，协调成本高。',
      suggestion: '由住建部门牵头制定按楼层递增的费用分摊参考标准，街道社区搭建协商平台，对困难家庭给予补助。',
      submitterKind: 'studio',
      submitterName: studio.name,
      studioId: studio.id,
      collectiveId: null,
      createdByAccountId: receiver.accountId ?? staff?.id ?? null,
      firstMemberId: receiver.id,
      coAuthorIds: [],
      createdAt: at(addDays(day1, 2)),
    },
    '群众诉求转办（演示数据）',
  );
  await tx
    .update(infoReports)
    .set({ status: 'submitted', submittedAt: at(addDays(day1, 3)) })
    .where(eq(infoReports.id, reportId));
  await tx.update(studioRequests).set({ outcomeId: reportId }).where(eq(studioRequests.id, r1.id));
  await tx.insert(recordLinks).values({ orgId: nc.id, fromType: 'studio_request', fromId: r1.id, toType: 'info_report', toId: reportId, note: '群众诉求转办', createdByAccountId: staff?.id ?? null });
  audit('studio_request', r1.id, 'create', { studioId: studio.id, status: 'pending', requesterName: r1.requesterName }, at(day1, '11:00'));
  audit('studio_request', r1.id, 'to_info_report', { status: 'in_progress', outcome: 'info_report', outcomeId: reportId }, at(addDays(day1, 2)));

  const day2 = wednesdayOf(`${thisYear}-06-20`);
  const [r2] = await tx
    .insert(studioRequests)
    .values({
      orgId: nc.id,
      studioId: studio.id,
      requesterName: '李师傅',
      contact: '138****7715',
      content: '水江镇到城区的早班客车发车太晚，赶不上城区上班时间，希望提前到 6:30。',
      receivedOn: day2,
      receivedByMemberId: team[0].id,
      status: 'closed',
      outcome: 'reply',
      reply: '经工作室联系区交通局，该线路自下月起首班车调整为 6:30 发车，已电话告知诉求人。',
      closedAt: at(addDays(day2, 12), '16:00'),
      createdByAccountId: staff?.id ?? null,
      createdAt: at(day2, '10:30'),
    })
    .returning();
  audit('studio_request', r2.id, 'create', { studioId: studio.id, status: 'pending', requesterName: r2.requesterName }, at(day2, '10:30'));
  audit('studio_request', r2.id, 'reply', { status: 'closed', outcome: 'reply' }, at(addDays(day2, 12), '16:00'));
  bump('studio_requests', 2);

  // ── Star ratings: a 年度评议 score for both years; last year frozen as computed ──
  for (const [year, score] of [
    [thisYear - 1, 17],
    [thisYear, 16],
  ] as const) {
    await tx.insert(studioRatingManual).values({ orgId: nc.id, studioId: studio.id, year, criterionKey: 'review', score });
    audit('studio', studio.id, 'rating_manual', { year, criterionKey: 'review', score }, at(`${year}-12-20`));
  }
  const snapshot = rateStudios(DEFAULT_RATING_CONFIG, thisYear - 1, await ratingCounts(database, nc.id, thisYear - 1, tx));
  await tx.insert(studioRatingYears).values({ orgId: nc.id, year: thisYear - 1, frozen: true, frozenAt: at(`${thisYear}-01-10`), frozenByAccountId: staff?.id ?? null, snapshot, version: 1 });
  audit('studio_rating_year', thisYear - 1, 'freeze', { state: 'frozen', scores: snapshot.map((s) => ({ studioId: s.studioId, score: s.score, stars: s.stars })) }, at(`${thisYear}-01-10`));
  bump('studio_ratings', snapshot.length);

  await writeAuditMany(tx, ACTOR, nc.id, audits);
}
