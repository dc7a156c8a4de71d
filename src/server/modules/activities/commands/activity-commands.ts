import type { FastifyRequest } from 'fastify';
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ActivityCreateBody, ActivityInviteBody, ActivityUpdateBody, SpeechBody } from '@common/activities';
import type { Db, DbOrTx } from '@server/db/client';
import { activities, activityOrgs, activityParticipants, activitySpeeches, collectiveProposers, committees, memberGroups, sectors, studios, units } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, invalid, notFound, staleVersion } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { diff } from '@server/lib/versioned';
import { loadWorkCalendar, todayInChina } from '@server/lib/workdays';
import { isActivityStaff, loadActivity } from '../activities.access';
import * as repo from '../activities.repo';
import { activityClock, plainText, sanitizeRich } from '../activities.text';
import { runActivityStep } from './activity-step';
import { activitiesChanged } from '@server/modules/search/hooks';

type Create = z.infer<typeof ActivityCreateBody>;

/** The organizer's catalogue record must belong to the organization. */
async function checkOrganizerRef(db: DbOrTx, orgId: number, kind: string, refId: number | null | undefined) {
  if (refId == null) return;
  const table = { committee: committees, sector: sectors, group: memberGroups, studio: studios, party: collectiveProposers }[kind];
  if (!table) throw invalid('organizerRefId', 'invalid_format');
  const [row] = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.id, refId), eq(table.orgId, orgId)));
  if (!row) throw invalid('organizerRefId', 'unknown_ref', { value: refId });
}

/** The 纪要 due day: N working days after the day the activity ends (China time). */
export async function minutesDueFor(db: DbOrTx, endsAt: Date, workdays: number) {
  const cal = await loadWorkCalendar(db);
  const r = cal.addWorkdays(todayInChina(endsAt), workdays);
  return { minutesDue: r.date, minutesDueProvisional: r.provisional };
}

async function checkFields(db: DbOrTx, orgId: number, b: Partial<Create>, types: string[]) {
  if (b.type !== undefined && !types.includes(b.type)) throw invalid('type', 'not_in_list', { options: types.join('、') });
  if (b.startsAt && b.endsAt && new Date(b.endsAt) < new Date(b.startsAt)) throw invalid('endsAt', 'date_order');
  if (b.organizerKind) await checkOrganizerRef(db, orgId, b.organizerKind, b.organizerRefId);
}

/** Creates an activity (筹备中) with its minutes due day; audited. */
export async function createActivity(req: FastifyRequest, db: Db, orgId: number, b: Create): Promise<number> {
  const actor = req.authorize(orgId);
  const { config } = await repo.loadSettings(db, orgId);
  await checkFields(db, orgId, b, config.types);
  return db.transaction(async (tx) => {
    const due = await minutesDueFor(tx, new Date(b.endsAt), config.minutesDueWorkdays);
    const [row] = await tx
      .insert(activities)
      .values({
        orgId,
        type: b.type,
        topic: b.topic,
        organizerKind: b.organizerKind,
        organizerName: b.organizerName,
        organizerRefId: b.organizerRefId ?? null,
        startsAt: new Date(b.startsAt),
        endsAt: new Date(b.endsAt),
        place: b.place,
        online: b.online,
        agenda: sanitizeRich(b.agenda),
        ...due,
        createdByAccountId: actor.accountId,
      })
      .returning();
    await writeAudit(tx, req.auditActor(), {
      orgId,
      entityType: 'activity',
      entityId: row.id,
      action: 'create',
      after: { type: row.type, topic: row.topic, startsAt: row.startsAt, status: row.status },
    });
    await activitiesChanged(tx, [row.id]);
    return row.id;
  });
}

/** Edits an activity's own fields (version-checked); a new end time moves the minutes due day. */
export async function updateActivity(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof ActivityUpdateBody>): Promise<void> {
  const { row: pre, side } = await loadActivity(req, db, id);
  if (side === 'partner') throw new AppError(403, 'joint_host_only');
  const { config } = await repo.loadSettings(db, pre.orgId);
  const { version, ...rest } = b;
  const merged = { startsAt: pre.startsAt.toISOString(), endsAt: pre.endsAt.toISOString(), organizerKind: pre.organizerKind as Create['organizerKind'], ...rest };
  await checkFields(db, pre.orgId, { ...merged, organizerRefId: rest.organizerRefId ?? (rest.organizerKind ? null : pre.organizerRefId) }, config.types);
  await runActivityStep(req, db, id, 'edit', version, async (tx, row) => {
    const set: Partial<typeof activities.$inferInsert> = {};
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
    if (rest.startsAt) {
      set.startsAt = new Date(rest.startsAt);
      // joint partners read the start time from their own rows (activity_orgs.starts_at, indexed)
      await tx.update(activityOrgs).set({ startsAt: set.startsAt }).where(eq(activityOrgs.activityId, id));
    }
    if (rest.endsAt) {
      set.endsAt = new Date(rest.endsAt);
      Object.assign(set, await minutesDueFor(tx, set.endsAt, config.minutesDueWorkdays));
    }
    if (rest.agenda !== undefined) set.agenda = sanitizeRich(rest.agenda);
    const d = diff(row as unknown as Record<string, unknown>, { ...row, ...set } as Record<string, unknown>);
    return { set, before: d.before, after: d.after };
  });
}

/** Invites members, departments' representatives and experts; members with an account are notified in-app. */
export async function inviteParticipants(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof ActivityInviteBody>): Promise<void> {
  if (!b.memberIds.length && !b.unitIds.length && !b.experts.length) throw invalid('memberIds', 'required');
  // Each organization of a joint activity invites its own members and units; rows carry that organization.
  await runActivityStep(req, db, id, 'invite', null, async (tx, row, { orgId }) => {
    const found = await repo.membersIn(tx, orgId, [...new Set(b.memberIds)]);
    const missing = b.memberIds.find((m) => !found.some((f) => f.id === m));
    if (missing !== undefined) throw invalid('memberIds', 'not_member_of_org', { value: missing });
    const unitRows = b.unitIds.length
      ? await tx
          .select({ id: units.id, name: units.name })
          .from(units)
          .where(and(eq(units.orgId, orgId), sql`${units.id} in ${b.unitIds}`))
      : [];
    const badUnit = b.unitIds.find((u) => !unitRows.some((r) => r.id === u));
    if (badUnit !== undefined) throw invalid('unitIds', 'unknown_ref', { value: badUnit });
    const existing = await repo.participantsOf(tx, row.id);
    const newMembers = found.filter((m) => !existing.some((e) => e.memberId === m.id));
    const values = [
      ...newMembers.map((m) => ({ orgId, activityId: row.id, kind: 'member', memberId: m.id, name: m.name })),
      ...unitRows.filter((u) => !existing.some((e) => e.unitId === u.id)).map((u) => ({ orgId, activityId: row.id, kind: 'unit', unitId: u.id, name: u.name })),
      ...b.experts.filter((n) => !existing.some((e) => e.kind === 'expert' && e.name === n)).map((n) => ({ orgId, activityId: row.id, kind: 'expert', name: n })),
    ];
    if (values.length) await tx.insert(activityParticipants).values(values);
    const recipients = newMembers.map((m) => m.accountId).filter((a): a is number => a != null);
    if (recipients.length) {
      const when = todayInChina(row.startsAt);
      await emit(tx, orgId, 'activity.invite', {
        recipients,
        kind: 'activity',
        title: `活动邀请：${row.topic}`,
        body: `${row.type}，${when}${row.online ? '，网络参会' : row.place ? `，地点：${row.place}` : ''}。如不能参加，请在平台上请假。`,
        link: `/activities/${row.id}`,
        email: true,
      });
    }
    return { after: { invited: values.map((v) => v.name) } };
  });
}

/** Staff mark one participant attended / absent / on leave (version of the participant row). */
export async function markAttendance(req: FastifyRequest, db: Db, participantId: number, attendance: string, version: number): Promise<number> {
  const p = await repo.getParticipant(db, participantId);
  if (!p) throw notFound();
  await runActivityStep(req, db, p.activityId, 'mark_attendance', null, async (tx, _row, ctx) => {
    if (ctx.side === 'partner' && p.orgId !== ctx.orgId) throw new AppError(403, 'joint_not_own_participant');
    const [u] = await tx
      .update(activityParticipants)
      .set({ attendance, version: sql`${activityParticipants.version} + 1`, updatedAt: new Date() })
      .where(and(eq(activityParticipants.id, p.id), eq(activityParticipants.version, version)))
      .returning();
    if (!u) throw staleVersion();
    return { auditAction: 'mark_attendance', before: { participant: p.name, attendance: p.attendance }, after: { participant: p.name, attendance } };
  });
  return p.activityId;
}

/** A new 6-digit venue code, valid for the configured minutes; it replaces the previous one. */
export async function newSignCode(req: FastifyRequest, db: Db, id: number): Promise<{ code: string; expiresAt: Date }> {
  const { row: pre } = await loadActivity(req, db, id);
  const { config } = await repo.loadSettings(db, pre.orgId);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(activityClock.now().getTime() + config.signCodeMinutes * 60_000);
  await runActivityStep(req, db, id, 'sign_code', null, async () => ({ set: { signCode: code, signCodeExpiresAt: expiresAt }, after: { expiresAt } }));
  return { code, expiresAt };
}

/**
 * A member signs in with the code shown at the venue. Refused (409): not invited (404), the activity not planned
 * or held, no code / a different code (an old one replaced by a new one), an expired code, already signed in.
 */
export async function signIn(req: FastifyRequest, db: Db, id: number, code: string): Promise<void> {
  const { participant } = await loadActivity(req, db, id);
  if (!participant) throw new AppError(409, 'activity_not_invited');
  const now = activityClock.now();
  await db.transaction(async (tx) => {
    const row = await repo.lockActivity(tx, id);
    if (!row) throw notFound();
    if (row.status !== 'planned' && row.status !== 'held') throw new AppError(409, 'activity_sign_in_closed');
    if (!row.signCode || row.signCode !== code) throw new AppError(409, 'activity_sign_code_invalid', { field: 'code' });
    if (!row.signCodeExpiresAt || now.getTime() > row.signCodeExpiresAt.getTime()) throw new AppError(409, 'activity_sign_code_expired', { field: 'code' });
    const [p] = await tx.select().from(activityParticipants).where(eq(activityParticipants.id, participant.id)).for('update');
    if (p.signedInAt) throw new AppError(409, 'activity_already_signed_in');
    await tx
      .update(activityParticipants)
      .set({ attendance: 'attended', signedInAt: now, version: sql`${activityParticipants.version} + 1`, updatedAt: new Date() })
      .where(eq(activityParticipants.id, p.id));
    await writeAudit(tx, req.auditActor(), {
      orgId: p.orgId,
      entityType: 'activity',
      entityId: row.id,
      action: 'sign_in',
      before: { participant: p.name, attendance: p.attendance },
      after: { participant: p.name, attendance: 'attended', signedInAt: now },
    });
  });
}

/** The invitee asks for leave (请假) while the activity is planned; the office is told. */
export async function requestLeave(req: FastifyRequest, db: Db, id: number, reason: string): Promise<void> {
  const { participant, row: pre } = await loadActivity(req, db, id);
  if (!participant) throw new AppError(409, 'activity_not_invited');
  await db.transaction(async (tx) => {
    const row = await repo.lockActivity(tx, id);
    if (!row) throw notFound();
    if (row.status !== 'planned') throw new AppError(409, 'activity_leave_closed');
    const [p] = await tx.select().from(activityParticipants).where(eq(activityParticipants.id, participant.id)).for('update');
    if (p.leaveStatus !== 'none' && p.leaveStatus !== 'rejected') throw new AppError(409, 'activity_leave_refused', { params: { state: p.leaveStatus } });
    await tx
      .update(activityParticipants)
      .set({ leaveStatus: 'pending', leaveReason: reason, leaveNote: '', version: sql`${activityParticipants.version} + 1`, updatedAt: new Date() })
      .where(eq(activityParticipants.id, p.id));
    await writeAudit(tx, req.auditActor(), {
      orgId: p.orgId,
      entityType: 'activity',
      entityId: row.id,
      action: 'leave_request',
      before: { participant: p.name, leaveStatus: p.leaveStatus },
      after: { participant: p.name, leaveStatus: 'pending' },
      reason,
    });
    if (row.createdByAccountId && row.createdByAccountId !== req.me().accountId)
      await emit(tx, row.orgId, 'activity.leave_request', {
        recipients: [row.createdByAccountId],
        kind: 'activity',
        title: `请假申请：${p.name}`,
        body: `${pre.topic}：${reason}`,
        link: `/activities/${row.id}`,
      });
  });
}

/** The office approves (→ attendance 请假) or refuses a pending leave request; the invitee is told. */
export async function decideLeave(req: FastifyRequest, db: Db, participantId: number, decision: 'approve' | 'reject', note: string, version: number): Promise<number> {
  const p = await repo.getParticipant(db, participantId);
  if (!p) throw notFound();
  const { actor, orgId, side } = await loadActivity(req, db, p.activityId);
  if (!isActivityStaff(actor, orgId)) throw new AppError(403, 'forbidden');
  if (side === 'partner' && p.orgId !== orgId) throw new AppError(403, 'joint_not_own_participant');
  await db.transaction(async (tx) => {
    const row = await repo.lockActivity(tx, p.activityId);
    if (!row) throw notFound();
    const [cur] = await tx.select().from(activityParticipants).where(eq(activityParticipants.id, p.id)).for('update');
    if (cur.leaveStatus !== 'pending') throw new AppError(409, 'activity_leave_not_pending');
    if (cur.version !== version) throw staleVersion();
    const leaveStatus = decision === 'approve' ? 'approved' : 'rejected';
    await tx
      .update(activityParticipants)
      .set({
        leaveStatus,
        leaveNote: note,
        ...(decision === 'approve' ? { attendance: 'on_leave' } : {}),
        version: sql`${activityParticipants.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(activityParticipants.id, p.id));
    await writeAudit(tx, req.auditActor(), {
      orgId,
      entityType: 'activity',
      entityId: row.id,
      action: `leave_${decision}`,
      before: { participant: cur.name, leaveStatus: cur.leaveStatus },
      after: { participant: cur.name, leaveStatus },
      reason: note || undefined,
    });
    const acc = cur.memberId ? (await repo.membersIn(tx, cur.orgId, [cur.memberId]))[0]?.accountId : null;
    if (acc)
      await emit(tx, cur.orgId, 'activity.leave_decision', {
        recipients: [acc],
        kind: 'activity',
        title: `${decision === 'approve' ? '已准假' : '未准假'}：${row.topic}`,
        body: note || undefined,
        link: `/activities/${row.id}`,
      });
  });
  return p.activityId;
}

/**
 * Records a speech or a written suggestion. The office attributes it to any participant or a named author; an
 * invited member records their own written suggestion.
 */
export async function addSpeech(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof SpeechBody>): Promise<void> {
  const { actor, participant, orgId } = await loadActivity(req, db, id);
  const staff = isActivityStaff(actor, orgId);
  let participantId = b.participantId ?? null;
  let authorName = b.authorName ?? '';
  if (!staff) {
    if (!participant) throw notFound();
    if (b.kind !== 'written') throw new AppError(403, 'forbidden');
    participantId = participant.id;
    authorName = participant.name;
  } else if (participantId != null) {
    const p = await repo.getParticipant(db, participantId);
    if (!p || p.activityId !== id) throw invalid('participantId', 'unknown_ref', { value: participantId });
    authorName = p.name;
  }
  if (!authorName) throw invalid('authorName', 'required');
  const body = sanitizeRich(b.body);
  if (b.kind === 'written' && !plainText(body)) throw invalid('body', 'required');
  if (staff) {
    await runActivityStep(req, db, id, 'record_speech', null, async (tx) => {
      await tx.insert(activitySpeeches).values({ orgId, activityId: id, kind: b.kind, participantId, authorName, title: b.title, body, createdByAccountId: actor.accountId });
      return { after: { speech: b.kind, authorName, title: b.title } };
    });
    return;
  }
  await db.transaction(async (tx) => {
    const row = await repo.lockActivity(tx, id);
    if (!row) throw notFound();
    if (row.status === 'cancelled' || row.status === 'closed') throw new AppError(409, 'activity_speech_closed');
    await tx.insert(activitySpeeches).values({ orgId, activityId: id, kind: 'written', participantId, authorName, title: b.title, body, createdByAccountId: actor.accountId });
    await writeAudit(tx, req.auditActor(), { orgId, entityType: 'activity', entityId: id, action: 'record_speech', after: { speech: 'written', authorName, title: b.title } });
  });
}
