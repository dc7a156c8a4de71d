/**
 * Demo duty records (履职档案) of 秀山: the plenary meetings of 十一届二次 and 三次会议 and a training with their
 * attendance (most attend, some on approved leave, a few absent), three manual entries, and the 2025 and 2026
 * ledgers computed from the demo's own records (proposals, activities, speeches) with the default rules.
 * 2025 is frozen (a finished year); 2026 stays open.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Database, Tx } from '@server/db/client';
import {
  activities,
  activityParticipants,
  activitySpeeches,
  dutyManualEntries,
  dutyYears,
  members,
  organizations,
} from '@server/db/schema/index';
import { writeAuditMany, type AuditActor, type AuditEntry } from '@server/lib/audit';
import { DEFAULT_DUTY_SETTINGS } from '@common/duty';
import { rebuildLedger } from '@server/modules/duty/duty.ledger';

const ACTOR: AuditActor = { accountId: null, name: 'demo loader', requestId: 'demo-loader' };
type Bump = (k: string, n?: number) => void;

const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

export async function loadDemoDuty(database: Database, tx: Tx, bump: Bump): Promise<void> {
  const [xs] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, 'cq-xiushan'));
  if (!xs) return;
  const orgId = xs.id;
  const ms = await tx
    .select({ id: members.id, name: members.name, accountId: members.accountId })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.active, true)))
    .orderBy(asc(members.id));
  if (!ms.length) return;
  const audits: Array<Omit<AuditEntry, 'orgId'>> = [];
  const tian = ms.find((m) => m.name === '田晓峰') ?? ms[0];

  // Plenary meetings and a training, with attendance: every 9th member on approved leave, every 13th absent.
  const meetings = [
    { type: '全体会议', topic: '政协秀山县第十一届委员会第二次会议开幕大会', day: '2025-01-06', place: '县会议中心' },
    { type: '全体会议', topic: '政协秀山县第十一届委员会第二次会议闭幕大会', day: '2025-01-09', place: '县会议中心' },
    { type: '学习培训', topic: '2025年度委员履职能力培训班', day: '2025-06-18', place: '县委党校' },
    { type: '全体会议', topic: '政协秀山县第十一届委员会第三次会议开幕大会', day: '2026-01-12', place: '县会议中心' },
    { type: '全体会议', topic: '政协秀山县第十一届委员会第三次会议闭幕大会', day: '2026-01-15', place: '县会议中心' },
  ];
  for (const [k, mt] of meetings.entries()) {
    const [a] = await tx
      .insert(activities)
      .values({
        orgId,
        type: mt.type,
        topic: mt.topic,
        organizerKind: 'office',
        organizerName: '县政协办公室',
        startsAt: at(mt.day, '09:00'),
        endsAt: at(mt.day, '11:30'),
        place: mt.place,
        status: 'closed',
        createdAt: at(mt.day, '08:00'),
      })
      .returning();
    audits.push({
      entityType: 'activity',
      entityId: a.id,
      action: 'create',
      after: { type: a.type, topic: a.topic },
      reason: '演示数据 demo data',
      at: a.createdAt,
    });
    const rows = ms.map((m, i) => {
      const leave = (i + k) % 9 === 4;
      const absent = !leave && (i + k) % 13 === 7 && m.id !== tian.id;
      return {
        orgId,
        activityId: a.id,
        kind: 'member',
        memberId: m.id,
        name: m.name,
        attendance: leave ? 'on_leave' : absent ? 'absent' : 'attended',
        leaveStatus: leave ? 'approved' : 'none',
        leaveReason: leave ? '因公出差' : '',
        signedInAt: leave || absent ? null : at(mt.day, '08:40'),
      };
    });
    const parts = await tx
      .insert(activityParticipants)
      .values(rows)
      .returning({ id: activityParticipants.id, memberId: activityParticipants.memberId });
    bump('activity_participants', parts.length);
    // Speeches at the opening plenaries (大会发言) by a few members, 田晓峰 among them in 2026.
    if (mt.topic.includes('开幕')) {
      const speakers = parts.filter((_, i) => i % 11 === 2).slice(0, 4);
      const tianPart = parts.find((p) => p.memberId === tian.id);
      if (mt.day.startsWith('2026') && tianPart && !speakers.includes(tianPart)) speakers.push(tianPart);
      for (const p of speakers) {
        const m = ms.find((x) => x.id === p.memberId)!;
        const title = p.memberId === tian.id ? '加快补齐农村客运短板，让群众出行更便捷' : `${m.name}委员大会发言：推动县域经济高质量发展`;
        await tx
          .insert(activitySpeeches)
          .values({
            orgId,
            activityId: a.id,
            kind: k % 2 ? 'written' : 'oral',
            participantId: p.id,
            authorName: m.name,
            title,
            body: `<p>${title}</p>`,
          });
      }
    }
  }
  bump('activities', meetings.length);

  // Manual entries: things done outside the system, with evidence.
  const manual = [
    {
      memberId: tian.id,
      item: '参加防汛救灾志愿服务',
      points: 2,
      count: 2,
      occurredOn: '2025-07-20',
      note: '峨溶镇防汛值守两天',
      evidence: '峨溶镇人民政府证明（扫描件存档）',
    },
    {
      memberId: ms[3].id,
      item: '在市级以上媒体宣传政协工作',
      points: 3,
      count: 1,
      occurredOn: '2026-05-12',
      note: '《重庆政协报》刊发署名文章',
      evidence: '2026年5月12日《重庆政协报》第3版',
    },
    {
      memberId: ms[7].id,
      item: '参与基层协商议事',
      points: 2,
      count: 3,
      occurredOn: '2026-09-08',
      note: '清溪场街道“有事好商量”议事会',
      evidence: '街道议事会签到表',
    },
  ];
  for (const m of manual) {
    const [row] = await tx
      .insert(dutyManualEntries)
      .values({ orgId, ...m })
      .returning({ id: dutyManualEntries.id });
    audits.push({ entityType: 'duty_manual_entry', entityId: row.id, action: 'create', after: { ...m }, reason: '演示数据 demo data' });
  }
  bump('duty_manual_entries', manual.length);

  // The ledgers of 2025 (then frozen) and 2026, computed from the records above and the demo's proposals.
  for (const year of [2025, 2026]) {
    const res = await rebuildLedger(database, tx, orgId, year, DEFAULT_DUTY_SETTINGS);
    const frozen = year === 2025;
    await tx
      .insert(dutyYears)
      .values({ orgId, year, computedAt: new Date(), rulesSnapshot: DEFAULT_DUTY_SETTINGS, frozen, frozenAt: frozen ? new Date() : null });
    audits.push({
      entityType: 'duty_year',
      entityId: `${year}`,
      action: 'recompute',
      after: { year, members: res.members, entries: res.entries },
      reason: '演示数据 demo data',
    });
    if (frozen)
      audits.push({
        entityType: 'duty_year',
        entityId: `${year}`,
        action: 'freeze',
        before: { frozen: false },
        after: { frozen: true },
        reason: '演示数据 demo data',
      });
    bump('duty_entries', res.entries);
  }
  await writeAuditMany(tx, ACTOR, orgId, audits);
}
