/**
 * The studios' workflow commands (issue #7): plan and step duty shifts, register and step public requests (with
 * their conversion into a proposal, an information report or a cooperation item in the same transaction), and the
 * star rating's settings, manual points and year freeze. Every change is one transaction with its audit row.
 */
import type { FastifyRequest } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { pick } from '@common/messages';
import {
  OUTCOME_OF,
  RATING_YEAR_ACTION_LABELS,
  RATING_YEAR_STATE_LABELS,
  REQUEST_ACTION_LABELS,
  REQUEST_STATUS_LABELS,
  SHIFT_ACTION_LABELS,
  SHIFT_STATUS_LABELS,
  checkRatingConfig,
  findRequestTransition,
  findShiftTransition,
  rateStudios,
  ratingYearActions,
  requestActionsFor,
  shiftActionsFor,
  type RatingManualBody,
  type RatingSettingsBody,
  type RatingYearAction,
  type RatingYearState,
  type RequestAction,
  type RequestCreateBody,
  type RequestStatus,
  type RequestStepBody,
  type ShiftAction,
  type ShiftActor,
  type ShiftCreateBody,
  type ShiftStatus,
  type ShiftUpdateBody,
  type StudioRating,
} from '@common/studios';
import type { Database, Db, Tx } from '@server/db/client';
import { organizations, recordLinks, studioRatingManual, studioRatingSettings, studioRatingYears, studioRequests, studioShifts, type studios } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { rolesIn, type Actor } from '@server/lib/context';
import { AppError, invalid, staleVersion } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { todayInChina } from '@server/lib/workdays';
import { insertDraftReport } from '@server/modules/info/commands/report-commands';
import { insertDraftProposal } from '@server/modules/proposals/commands/create-proposal';
import * as repo from '../studio-work.repo';
import { insertOwnerItem } from './item-commands';
import { changeConfig } from '@server/lib/config-cache';

type Studio = typeof studios.$inferSelect;
const joiner = (lang: string) => (lang === 'en' ? ', ' : '、');
const none = (lang: string) => (lang === 'en' ? 'none' : '无');

function refused(code: string, req: FastifyRequest, state: { zh: string; en: string }, action: { zh: string; en: string }, allowed: Array<{ zh: string; en: string }>, details: unknown) {
  return new AppError(409, code, {
    params: { state: pick(state, req.lang), action: pick(action, req.lang), allowed: allowed.length ? allowed.map((a) => pick(a, req.lang)).join(joiner(req.lang)) : none(req.lang) },
    details,
  });
}

// ── Shifts ───────────────────────────────────────────────────
/** Slot times: only custom slots carry hours, and the end comes after the start. */
function slotTimes(slot: string, start: string | null | undefined, end: string | null | undefined) {
  if (slot !== 'custom') return { startTime: null, endTime: null };
  if (!start) throw invalid('startTime', 'required');
  if (!end) throw invalid('endTime', 'required');
  if (end <= start) throw invalid('endTime', 'time_order');
  return { startTime: start, endTime: end };
}

async function checkStudioMember(db: Db | Tx, studio: Studio, memberId: number, field: string) {
  if (!(await repo.inStudio(db, studio.id, memberId))) throw invalid(field, 'studio_not_member', { value: memberId });
}

/** Plans a shift (staff): the member must belong to the studio. */
export async function createShift(req: FastifyRequest, db: Db, studio: Studio, b: z.infer<typeof ShiftCreateBody>): Promise<number> {
  await checkStudioMember(db, studio, b.memberId, 'memberId');
  const times = slotTimes(b.slot, b.startTime, b.endTime);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(studioShifts)
      .values({ orgId: studio.orgId, studioId: studio.id, memberId: b.memberId, day: b.day, slot: b.slot, ...times, note: b.note })
      .returning();
    await writeAudit(tx, req.auditActor(), {
      orgId: studio.orgId,
      entityType: 'studio_shift',
      entityId: row.id,
      action: 'create',
      after: { studioId: studio.id, memberId: row.memberId, day: row.day, slot: row.slot, startTime: row.startTime, endTime: row.endTime },
    });
    return row.id;
  });
}

/** Edits a planned shift (staff). */
export async function updateShift(req: FastifyRequest, db: Db, studio: Studio, row: repo.ShiftRow, b: z.infer<typeof ShiftUpdateBody>): Promise<void> {
  if (row.s.status !== 'planned') throw new AppError(409, 'studio_shift_locked');
  if (b.memberId != null && b.memberId !== row.s.memberId) await checkStudioMember(db, studio, b.memberId, 'memberId');
  const slot = b.slot ?? row.s.slot;
  const times = slotTimes(slot, b.startTime !== undefined ? b.startTime : row.s.startTime, b.endTime !== undefined ? b.endTime : row.s.endTime);
  const set = { memberId: b.memberId ?? row.s.memberId, day: b.day ?? row.s.day, slot, ...times, note: b.note ?? row.s.note };
  await db.transaction(async (tx) => {
    const [upd] = await tx
      .update(studioShifts)
      .set({ ...set, version: sql`${studioShifts.version} + 1`, updatedAt: new Date() })
      .where(and(eq(studioShifts.id, row.s.id), eq(studioShifts.version, b.version), eq(studioShifts.status, 'planned')))
      .returning();
    if (!upd) throw staleVersion();
    await writeAudit(tx, req.auditActor(), {
      orgId: studio.orgId,
      entityType: 'studio_shift',
      entityId: row.s.id,
      action: 'update',
      before: { memberId: row.s.memberId, day: row.s.day, slot: row.s.slot, startTime: row.s.startTime, endTime: row.s.endTime, note: row.s.note },
      after: set,
    });
  });
}

/** The roles the caller acts in on a shift: the studio's offices, and/or the member on duty. */
export function shiftActors(actor: Actor, staff: boolean, row: repo.ShiftRow, myMemberId: number | null): ShiftActor[] {
  const out: ShiftActor[] = [];
  if (staff) out.push('staff');
  if (myMemberId != null && myMemberId === row.s.memberId && !actor.isPlatformAdmin) out.push('self');
  return out;
}

/** One shift transition from the table (409 when not allowed for the caller, its state, or a future day). */
export async function stepShift(req: FastifyRequest, db: Db, row: repo.ShiftRow, actors: ShiftActor[], action: ShiftAction, version: number): Promise<void> {
  const today = todayInChina();
  const status = row.s.status as ShiftStatus;
  const allowed = shiftActionsFor(status, row.s.day, today, actors);
  const t = findShiftTransition(status, action);
  if (!t || !allowed.includes(action)) {
    throw refused(
      'studio_shift_transition_refused',
      req,
      SHIFT_STATUS_LABELS[status],
      SHIFT_ACTION_LABELS[action],
      allowed.map((a) => SHIFT_ACTION_LABELS[a]),
      { state: status, action, allowed },
    );
  }
  const actor = req.me();
  await db.transaction(async (tx) => {
    const [upd] = await tx
      .update(studioShifts)
      .set({
        status: t.to,
        doneAt: t.to === 'done' ? new Date() : null,
        doneByAccountId: t.to === 'done' ? actor.accountId : null,
        version: sql`${studioShifts.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(studioShifts.id, row.s.id), eq(studioShifts.version, version), eq(studioShifts.status, status)))
      .returning();
    if (!upd) throw staleVersion();
    await writeAudit(tx, req.auditActor(), {
      orgId: row.s.orgId,
      entityType: 'studio_shift',
      entityId: row.s.id,
      action,
      before: { status },
      after: { status: t.to, asMember: !actors.includes('staff') },
    });
  });
}

// ── Requests ─────────────────────────────────────────────────
/** Registers a request (staff): the receiving member must belong to the studio. */
export async function createRequest(req: FastifyRequest, db: Db, studio: Studio, b: z.infer<typeof RequestCreateBody>): Promise<number> {
  await checkStudioMember(db, studio, b.receivedByMemberId, 'receivedByMemberId');
  if (b.receivedOn > todayInChina()) throw invalid('receivedOn', 'not_future');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(studioRequests)
      .values({ orgId: studio.orgId, studioId: studio.id, ...b, createdByAccountId: req.me().accountId })
      .returning();
    // The contact stays out of the audit's summary (it is shown only to the studio's offices).
    await writeAudit(tx, req.auditActor(), {
      orgId: studio.orgId,
      entityType: 'studio_request',
      entityId: row.id,
      action: 'create',
      after: { studioId: studio.id, status: row.status, requesterName: row.requesterName, receivedOn: row.receivedOn, receivedByMemberId: row.receivedByMemberId },
    });
    return row.id;
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const shortOf = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/**
 * One request transition from the table. A conversion creates the draft record for the receiving member (a
 * proposal or a studio information report) or a cooperation item, links it (record_links) and keeps it on the
 * request — all in the request's transaction. A reply needs its text and closes the request.
 */
export async function stepRequest(req: FastifyRequest, db: Db, studio: Studio, row: repo.RequestRow, b: z.infer<typeof RequestStepBody>): Promise<void> {
  const r0 = row.r;
  const action: RequestAction = b.action;
  if (action === 'reply' && !b.replyText) throw invalid('replyText', 'required');
  const actor = req.me();
  await db.transaction(async (tx) => {
    const [r] = await tx.select().from(studioRequests).where(eq(studioRequests.id, r0.id)).for('update');
    const status = r.status as RequestStatus;
    const allowed = requestActionsFor(status, r.outcome != null && r.outcome !== 'reply');
    const t = findRequestTransition(status, action);
    if (!t || !allowed.includes(action)) {
      throw refused(
        'studio_request_transition_refused',
        req,
        REQUEST_STATUS_LABELS[status],
        REQUEST_ACTION_LABELS[action],
        allowed.map((a) => REQUEST_ACTION_LABELS[a]),
        { state: status, action, allowed },
      );
    }
    if (r.version !== b.version) throw staleVersion();
    const audit = req.auditActor();
    const member = await repo.memberRow(tx, r.receivedByMemberId);
    const title = b.title || `关于${shortOf(r.content.replace(/\s+/g, ''), 20)}的建议`;
    const reason = `群众诉求转办（${studio.name}，${r.requesterName}）`;
    let outcome = r.outcome;
    let outcomeId = r.outcomeId;
    if (action === 'to_proposal') {
      outcomeId = await insertDraftProposal(
        tx,
        audit,
        {
          orgId: r.orgId,
          kind: 'individual',
          collectiveId: null,
          firstProposerMemberId: member.id,
          subject: title,
          body: `<p>${escapeHtml(r.content).replace(/\n+/g, '</p><p>')}</p>`,
          isPublic: true,
          createdByAccountId: member.accountId ?? actor.accountId,
        },
        reason,
      );
    } else if (action === 'to_info_report') {
      outcomeId = await insertDraftReport(
        tx,
        audit,
        {
          orgId: r.orgId,
          title: b.title || shortOf(r.content.replace(/\s+/g, ''), 30),
          situation: r.content,
          submitterKind: 'studio',
          submitterName: studio.name,
          studioId: studio.id,
          collectiveId: null,
          createdByAccountId: member.accountId ?? actor.accountId,
          firstMemberId: member.id,
          coAuthorIds: [],
        },
        reason,
      );
    } else if (action === 'to_cooperation_item') {
      const [org] = await tx.select({ shortName: organizations.shortName }).from(organizations).where(eq(organizations.id, r.orgId));
      outcomeId = await insertOwnerItem(
        tx,
        audit,
        { orgId: r.orgId, orgName: org.shortName, title: b.title || shortOf(r.content.replace(/\s+/g, ''), 40), summary: r.content, memberIds: [member.id], createdByAccountId: actor.accountId },
        reason,
      );
    }
    if (action === 'to_proposal' || action === 'to_info_report' || action === 'to_cooperation_item') {
      outcome = OUTCOME_OF[action];
      await tx.insert(recordLinks).values({ orgId: r.orgId, fromType: 'studio_request', fromId: r.id, toType: outcome, toId: outcomeId!, note: '群众诉求转办', createdByAccountId: actor.accountId });
      // The receiving member is told that a draft (or an item naming them) is waiting.
      if (member.accountId != null && member.accountId !== actor.accountId) {
        const path = { proposal: '/proposals/', info_report: '/info-reports/', cooperation_item: '/coop-items/' }[outcome];
        await emit(tx, r.orgId, 'studio.request_converted', {
          recipients: [member.accountId],
          kind: 'studio',
          title: `群众诉求${REQUEST_ACTION_LABELS[action].zh}：${title}`,
          body: `${studio.name}登记的${r.requesterName}的诉求已${REQUEST_ACTION_LABELS[action].zh}${action === 'to_cooperation_item' ? '，您列为参与委员' : '，草稿待您完善后提交'}。`,
          link: `${path}${outcomeId}`,
        });
      }
    }
    if (action === 'reply' && outcome == null) outcome = 'reply';
    await tx
      .update(studioRequests)
      .set({
        status: t.to,
        outcome,
        outcomeId,
        reply: action === 'reply' ? b.replyText : r.reply,
        closedAt: t.to === 'closed' ? new Date() : null,
        version: sql`${studioRequests.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(studioRequests.id, r.id));
    await writeAudit(tx, audit, {
      orgId: r.orgId,
      entityType: 'studio_request',
      entityId: r.id,
      action,
      before: { status },
      after: { status: t.to, outcome, outcomeId, ...(action === 'reply' ? { reply: b.replyText } : {}) },
      reason: action === 'reply' ? '' : b.replyText,
    });
  });
}

// ── Rating ───────────────────────────────────────────────────
/** The ratings of a year: a frozen year as it was frozen, an open year computed now. */
export async function ratingsOf(database: Database, orgId: number, year: number, tx?: Tx): Promise<{ items: StudioRating[]; frozen: boolean; frozenAt: Date | null; version: number }> {
  const y = await repo.ratingYear(tx ?? database.db, orgId, year);
  if (y?.frozen && Array.isArray(y.snapshot)) return { items: y.snapshot as StudioRating[], frozen: true, frozenAt: y.frozenAt, version: y.version };
  const { config } = await repo.ratingSettings(tx ?? database.db, orgId);
  return { items: rateStudios(config, year, await repo.ratingCounts(database, orgId, year, tx)), frozen: false, frozenAt: null, version: y?.version ?? 0 };
}

export const ratingAbilities = (actor: Actor, orgId: number, frozen: boolean, staff: boolean) => {
  const acts = ratingYearActions(frozen ? 'frozen' : 'open', rolesIn(actor, orgId), actor.isPlatformAdmin);
  return { freeze: acts.includes('freeze'), unfreeze: acts.includes('unfreeze'), score: staff && !frozen };
};

/** Freezes (keeps the computed ratings) or unfreezes a year, by the year table; versions as everywhere (0 = no row yet). */
export async function stepRatingYear(req: FastifyRequest, database: Database, orgId: number, year: number, action: RatingYearAction, version: number): Promise<void> {
  const actor = req.me();
  await database.db.transaction(async (tx) => {
    await tx.insert(studioRatingYears).values({ orgId, year, version: 0 }).onConflictDoNothing();
    const [y] = await tx
      .select()
      .from(studioRatingYears)
      .where(and(eq(studioRatingYears.orgId, orgId), eq(studioRatingYears.year, year)))
      .for('update');
    const state: RatingYearState = y.frozen ? 'frozen' : 'open';
    const allowed = ratingYearActions(state, rolesIn(actor, orgId), actor.isPlatformAdmin);
    if (!allowed.includes(action)) {
      throw refused(
        'studio_rating_transition_refused',
        req,
        RATING_YEAR_STATE_LABELS[state],
        RATING_YEAR_ACTION_LABELS[action],
        allowed.map((a) => RATING_YEAR_ACTION_LABELS[a]),
        { state, action, allowed },
      );
    }
    if (y.version !== version) throw staleVersion();
    const snapshot = action === 'freeze' ? (await ratingsOf(database, orgId, year, tx)).items : null;
    await tx
      .update(studioRatingYears)
      .set({
        frozen: action === 'freeze',
        frozenAt: action === 'freeze' ? new Date() : null,
        frozenByAccountId: action === 'freeze' ? actor.accountId : null,
        snapshot,
        version: sql`${studioRatingYears.version} + 1`,
        updatedAt: new Date(),
      })
      .where(and(eq(studioRatingYears.orgId, orgId), eq(studioRatingYears.year, year)));
    await writeAudit(tx, req.auditActor(), {
      orgId,
      entityType: 'studio_rating_year',
      entityId: year,
      action,
      before: { state },
      after: { state: action === 'freeze' ? 'frozen' : 'open', ...(snapshot ? { scores: snapshot.map((s) => ({ studioId: s.studioId, score: s.score, stars: s.stars })) } : {}) },
    });
  });
}

async function assertYearOpen(tx: Tx, orgId: number, year: number) {
  const y = await repo.ratingYear(tx, orgId, year);
  if (y?.frozen) throw new AppError(409, 'studio_rating_frozen', { params: { year } });
}

/** Staff's points for a manual criterion of a studio-year (refused in a frozen year). */
export async function setManualScore(req: FastifyRequest, db: Db, studio: Studio, b: z.infer<typeof RatingManualBody>): Promise<void> {
  const { config } = await repo.ratingSettings(db, studio.orgId);
  const manual = config.criteria.filter((c) => c.measure === 'manual');
  const c = manual.find((k) => k.key === b.criterionKey);
  if (!c) throw invalid('criterionKey', 'not_manual_criterion', { options: manual.map((k) => `${k.key}（${k.name}）`).join('、') || '—' });
  if (b.score > c.maxPoints) throw invalid('score', 'too_big', { max: c.maxPoints });
  await db.transaction(async (tx) => {
    await assertYearOpen(tx, studio.orgId, b.year);
    const [before] = await tx
      .select()
      .from(studioRatingManual)
      .where(and(eq(studioRatingManual.studioId, studio.id), eq(studioRatingManual.year, b.year), eq(studioRatingManual.criterionKey, b.criterionKey)));
    await tx
      .insert(studioRatingManual)
      .values({ orgId: studio.orgId, studioId: studio.id, year: b.year, criterionKey: b.criterionKey, score: b.score })
      .onConflictDoUpdate({ target: [studioRatingManual.studioId, studioRatingManual.year, studioRatingManual.criterionKey], set: { score: b.score, updatedAt: new Date() } });
    await writeAudit(tx, req.auditActor(), {
      orgId: studio.orgId,
      entityType: 'studio',
      entityId: studio.id,
      action: 'rating_manual',
      before: before ? { year: b.year, criterionKey: b.criterionKey, score: Number(before.score) } : undefined,
      after: { year: b.year, criterionKey: b.criterionKey, score: b.score },
    });
  });
}

/** Saves the organization's criteria and bands (versioned; 0 = still the defaults). */
export async function saveRatingSettings(req: FastifyRequest, db: Db, orgId: number, b: z.infer<typeof RatingSettingsBody>): Promise<void> {
  const bad = checkRatingConfig(b.config);
  if (bad) throw invalid(bad.field, bad.reason, bad.params);
  await changeConfig(db, async (tx) => {
    const [row] = await tx.select().from(studioRatingSettings).where(eq(studioRatingSettings.orgId, orgId)).for('update');
    if ((row?.version ?? 0) !== b.version) throw staleVersion();
    if (row) {
      await tx
        .update(studioRatingSettings)
        .set({ config: b.config, version: sql`${studioRatingSettings.version} + 1`, updatedAt: new Date() })
        .where(eq(studioRatingSettings.orgId, orgId));
    } else {
      await tx.insert(studioRatingSettings).values({ orgId, config: b.config });
    }
    await writeAudit(tx, req.auditActor(), { orgId, entityType: 'studio_rating_settings', entityId: orgId, action: 'update', before: row ? { config: row.config } : undefined, after: { config: b.config } });
  });
}
