import type { FastifyRequest } from 'fastify';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  INFO_LEVEL_LABELS,
  type InfoAdoptionBody,
  type InfoFeedbackBody,
  type InfoInstructionBody,
  type InfoReportCreateBody,
  type InfoReportUpdateBody,
} from '@common/info';
import type { Db, DbOrTx } from '@server/db/client';
import {
  collectiveAgents,
  collectiveProposers,
  infoReportAdoptions,
  infoReportAuthors,
  infoReportFeedback,
  infoReportInstructions,
  infoReportRevisions,
  infoReports,
  members,
  memberStudios,
  studios,
} from '@server/db/schema/index';
import { writeAudit, type AuditActor } from '@server/lib/audit';
import { invalid, notFound } from '@server/lib/errors';
import { todayInChina } from '@server/lib/workdays';
import type { Actor } from '@server/lib/context';
import { isInfoStaff } from '../info.access';
import * as repo from '../info.repo';
import { infoRefused, runInfoStep } from './info-step';
import { infoReportsChanged } from '@server/modules/search/hooks';

type Create = z.infer<typeof InfoReportCreateBody>;

/** Co-authors must be members of the organization, not the first author, each once. */
async function checkCoAuthors(db: DbOrTx, orgId: number, ids: number[], firstId: number | null): Promise<number[]> {
  const uniq = [...new Set(ids)].filter((m) => m !== firstId);
  if (!uniq.length) return [];
  const found = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, orgId), inArray(members.id, uniq)));
  const missing = uniq.find((m) => !found.some((f) => f.id === m));
  if (missing !== undefined) throw invalid('coAuthorIds', 'not_member_of_org', { value: missing });
  return uniq;
}

/** The source a report is filed under, checked against the caller: own membership, a party they act for, a studio. */
async function sourceOf(db: DbOrTx, actor: Actor, orgId: number, memberId: number | null, b: Create) {
  const staff = isInfoStaff(actor, orgId);
  if (b.submitterKind === 'member') {
    if (memberId == null) throw invalid('submitterKind', 'info_member_required');
    const [m] = await db.select({ name: members.name }).from(members).where(eq(members.id, memberId));
    return { submitterName: m.name, collectiveId: null, studioId: null };
  }
  if (b.submitterKind === 'collective') {
    if (b.collectiveId == null) throw invalid('collectiveId', 'required');
    const [c] = await db
      .select({ id: collectiveProposers.id, name: collectiveProposers.name })
      .from(collectiveProposers)
      .where(and(eq(collectiveProposers.id, b.collectiveId), eq(collectiveProposers.orgId, orgId)));
    if (!c) throw invalid('collectiveId', 'unknown_ref', { value: b.collectiveId });
    const [agent] = await db
      .select({ id: collectiveAgents.accountId })
      .from(collectiveAgents)
      .where(and(eq(collectiveAgents.collectiveId, c.id), eq(collectiveAgents.accountId, actor.accountId)));
    if (!agent && !staff) throw invalid('collectiveId', 'not_collective_agent');
    return { submitterName: c.name, collectiveId: c.id, studioId: null };
  }
  if (b.submitterKind === 'studio') {
    if (b.studioId == null) throw invalid('studioId', 'required');
    const [s] = await db
      .select({ id: studios.id, name: studios.name })
      .from(studios)
      .where(and(eq(studios.id, b.studioId), eq(studios.orgId, orgId)));
    if (!s) throw invalid('studioId', 'unknown_ref', { value: b.studioId });
    const inStudio =
      memberId != null &&
      (
        await db
          .select({ m: memberStudios.memberId })
          .from(memberStudios)
          .where(and(eq(memberStudios.studioId, s.id), eq(memberStudios.memberId, memberId)))
      ).length > 0;
    if (!inStudio && !staff) throw invalid('studioId', 'info_not_in_studio');
    return { submitterName: s.name, collectiveId: null, studioId: s.id };
  }
  return { submitterName: actor.displayName, collectiveId: null, studioId: null };
}

/**
 * Creates a draft report (the form autosaves into it). The caller is its first author when they are a member of
 * the organization; a party, studio or information-officer report may have no member author.
 */
export async function createReport(req: FastifyRequest, db: Db, orgId: number, b: Create): Promise<number> {
  const actor = req.authorize(orgId);
  const memberId = await repo.memberIdOf(db, orgId, actor.accountId);
  const source = await sourceOf(db, actor, orgId, memberId, b);
  const co = await checkCoAuthors(db, orgId, b.coAuthorIds, memberId);
  return db.transaction(async (tx) =>
    insertDraftReport(tx, req.auditActor(), {
      orgId,
      title: b.title ?? '',
      situation: b.situation ?? '',
      analysis: b.analysis ?? '',
      suggestion: b.suggestion ?? '',
      submitterKind: b.submitterKind,
      ...source,
      createdByAccountId: actor.accountId,
      firstMemberId: memberId,
      coAuthorIds: co,
    }),
  );
}

/**
 * Inserts a draft report with its authors and the audit row in the caller's transaction. Used by `createReport`
 * and by the studios' 群众诉求 → 社情民意 conversion (a studio draft for the member who received the request).
 */
export async function insertDraftReport(
  tx: DbOrTx,
  actor: AuditActor,
  v: Omit<typeof infoReports.$inferInsert, 'status'> & { orgId: number; firstMemberId: number | null; coAuthorIds: number[] },
  reason = '',
): Promise<number> {
  const { firstMemberId, coAuthorIds: co, ...values } = v;
  const [row] = await tx.insert(infoReports).values(values).returning();
  const authors = [
    ...(firstMemberId != null ? [{ reportId: row.id, memberId: firstMemberId, role: 'first' }] : []),
    ...co.map((m) => ({ reportId: row.id, memberId: m, role: 'co' })),
  ];
  if (authors.length) await tx.insert(infoReportAuthors).values(authors);
  await writeAudit(tx, actor, {
    orgId: v.orgId,
    entityType: 'info_report',
    entityId: row.id,
    action: 'create',
    after: { status: row.status, title: row.title, submitterKind: row.submitterKind, submitterName: row.submitterName, coAuthorIds: co },
    ...(reason ? { reason } : {}),
  });
  await infoReportsChanged(tx, [row.id]);
  return row.id;
}

const TEXT_FIELDS = ['title', 'situation', 'analysis', 'suggestion'] as const;

/**
 * Edits the text. The submitter edits a draft or a returned report; the office edits while 采编 (editing), and
 * each office edit keeps the previous text as a revision (history) with the editor's note.
 */
export async function updateReport(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof InfoReportUpdateBody>): Promise<void> {
  // The status picks the action; runInfoStep re-checks it under the row lock (409 if it changed meanwhile).
  const pre = await repo.getReport(db, id);
  if (!pre) throw notFound();
  const action = pre.status === 'editing' ? 'revise' : 'edit';
  await runInfoStep(req, db, id, action, b.version, async (tx, row, actor) => {
    const set: Partial<typeof infoReports.$inferInsert> = {};
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const k of TEXT_FIELDS) {
      if (b[k] !== undefined && b[k] !== row[k]) {
        set[k] = b[k];
        before[k] = row[k];
        after[k] = b[k];
      }
    }
    if (action === 'revise') {
      if (b.coAuthorIds) throw invalid('coAuthorIds', 'info_authors_locked');
      await tx.insert(infoReportRevisions).values({
        orgId: row.orgId,
        reportId: row.id,
        title: row.title,
        situation: row.situation,
        analysis: row.analysis,
        suggestion: row.suggestion,
        editedByAccountId: actor.accountId,
        editorName: actor.displayName,
        note: b.note ?? '',
      });
    } else if (b.coAuthorIds) {
      const authors = await repo.authorsOf(tx, [row.id]);
      const first = authors.find((a) => a.role === 'first')?.memberId ?? null;
      const co = await checkCoAuthors(tx, row.orgId, b.coAuthorIds, first);
      // Only the difference is written: co-authors who stay keep their row (and a merge credit, if any).
      const was = authors.filter((a) => a.role === 'co').map((a) => a.memberId);
      const removed = was.filter((m) => !co.includes(m));
      const added = co.filter((m) => !was.includes(m));
      if (removed.length)
        await tx
          .delete(infoReportAuthors)
          .where(
            and(eq(infoReportAuthors.reportId, row.id), eq(infoReportAuthors.role, 'co'), inArray(infoReportAuthors.memberId, removed)),
          );
      if (added.length) await tx.insert(infoReportAuthors).values(added.map((m) => ({ reportId: row.id, memberId: m, role: 'co' })));
      if (removed.length || added.length) {
        before.coAuthorIds = was;
        after.coAuthorIds = co;
      }
    }
    return { set, before, after, reason: b.note || undefined };
  });
}

/** 报送 (or 重新报送 after a return): needs a title and a suggestion. */
export async function submitReport(req: FastifyRequest, db: Db, id: number, version: number): Promise<void> {
  await runInfoStep(req, db, id, 'submit', version, async (_tx, row) => {
    if (!row.title.trim()) throw invalid('infoTitle', 'required');
    if (!row.situation.trim() && !row.suggestion.trim()) throw invalid('suggestion', 'required');
    return { set: { submittedAt: new Date() }, after: { resubmitted: row.status === 'returned' } };
  });
}

/** 退回修改 with the office's comments; the submitter is told. */
export async function returnReport(req: FastifyRequest, db: Db, id: number, comments: string, version: number): Promise<void> {
  await runInfoStep(req, db, id, 'return', version, async (_tx, row) => ({
    set: { returnComments: comments },
    reason: comments,
    notify: {
      eventType: 'info.returned',
      kind: 'info',
      title: `社情民意信息退回修改：${row.title}`,
      body: `修改意见：${comments}`,
      email: true,
    },
  }));
}

/** 不予采用 with a reason (terminal). */
export async function rejectReport(req: FastifyRequest, db: Db, id: number, reason: string, version: number): Promise<void> {
  await runInfoStep(req, db, id, 'reject', version, async (_tx, row) => ({
    set: { rejectReason: reason },
    reason,
    notify: { eventType: 'info.rejected', kind: 'info', title: `社情民意信息不予采用：${row.title}`, body: `理由：${reason}` },
  }));
}

/**
 * 合并: several reports on one matter become this one. The merged reports end as 已合并 linked to this one, and
 * their member authors are credited here as co-authors (marked with the report they came from).
 */
export async function mergeReports(req: FastifyRequest, db: Db, id: number, sourceIds: number[], version: number): Promise<void> {
  const ids = [...new Set(sourceIds)];
  await runInfoStep(req, db, id, 'merge', version, async (tx, row) => {
    if (ids.includes(id)) throw invalid('sourceIds', 'info_merge_self');
    const sources = await tx.select().from(infoReports).where(inArray(infoReports.id, ids)).orderBy(infoReports.id).for('update');
    const bad = ids.find((s) => !sources.some((r) => r.id === s && r.orgId === row.orgId));
    if (bad !== undefined) throw invalid('sourceIds', 'unknown_ref', { value: bad });
    for (const s of sources) if (s.status !== 'submitted' && s.status !== 'editing') throw infoRefused(req.lang, s.status, 'merge');
    const existing = new Set((await repo.authorsOf(tx, [row.id])).map((a) => a.memberId));
    const credit: Array<typeof infoReportAuthors.$inferInsert> = [];
    for (const a of await repo.authorsOf(tx, ids)) {
      if (existing.has(a.memberId)) continue;
      existing.add(a.memberId);
      credit.push({ reportId: row.id, memberId: a.memberId, role: 'co', creditedViaMergeFrom: a.reportId });
    }
    if (credit.length) await tx.insert(infoReportAuthors).values(credit);
    await tx
      .update(infoReports)
      .set({ status: 'merged', mergedIntoId: row.id, updatedAt: new Date(), version: sql`${infoReports.version} + 1` })
      .where(inArray(infoReports.id, ids));
    await infoReportsChanged(tx, ids);
    for (const s of sources) {
      await writeAudit(tx, req.auditActor(), {
        orgId: row.orgId,
        entityType: 'info_report',
        entityId: s.id,
        action: 'merged_into',
        before: { status: s.status },
        after: { status: 'merged', mergedIntoId: row.id },
      });
    }
    return { after: { mergedFrom: ids, creditedMemberIds: credit.map((c) => c.memberId) } };
  });
}

const notFuture = (field: string, day: string) => {
  if (day > todayInChina()) throw invalid(field, 'not_future');
};

/** 上报/上级采用: which body, level and day; the submitters are told. */
export async function recordAdoption(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof InfoAdoptionBody>): Promise<void> {
  notFuture('adoptedOn', b.adoptedOn);
  await runInfoStep(req, db, id, 'record_adoption', null, async (tx, row) => {
    const [a] = await tx
      .insert(infoReportAdoptions)
      .values({ reportId: row.id, orgId: row.orgId, bodyName: b.bodyName, level: b.level, adoptedOn: b.adoptedOn, note: b.note })
      .returning();
    return {
      after: { adoptionId: a.id, bodyName: b.bodyName, level: b.level, adoptedOn: b.adoptedOn },
      notify: {
        eventType: 'info.adopted',
        kind: 'info',
        title: `您的社情民意信息被${b.bodyName}采用：${row.title}`,
        body: `${INFO_LEVEL_LABELS[b.level].zh}级，${b.adoptedOn}`,
        email: true,
      },
    };
  });
}

/** 领导批示: leader, level, text, day; the submitters are told. */
export async function recordInstruction(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof InfoInstructionBody>): Promise<void> {
  notFuture('instructedOn', b.instructedOn);
  await runInfoStep(req, db, id, 'record_instruction', null, async (tx, row) => {
    const [i] = await tx
      .insert(infoReportInstructions)
      .values({ reportId: row.id, orgId: row.orgId, leader: b.leader, level: b.level, text: b.text, instructedOn: b.instructedOn })
      .returning();
    return {
      after: { instructionId: i.id, leader: b.leader, level: b.level, instructedOn: b.instructedOn },
      notify: {
        eventType: 'info.instructed',
        kind: 'info',
        title: `您的社情民意信息获${b.leader}批示：${row.title}`,
        body: b.text,
        email: true,
      },
    };
  });
}

/** 落实反馈: a department's feedback (unit, text, day). */
export async function recordFeedback(req: FastifyRequest, db: Db, id: number, b: z.infer<typeof InfoFeedbackBody>): Promise<void> {
  notFuture('fedBackOn', b.fedBackOn);
  await runInfoStep(req, db, id, 'record_feedback', null, async (tx, row) => {
    const [f] = await tx
      .insert(infoReportFeedback)
      .values({ reportId: row.id, orgId: row.orgId, unitName: b.unitName, text: b.text, fedBackOn: b.fedBackOn })
      .returning();
    return {
      after: { feedbackId: f.id, unitName: b.unitName, fedBackOn: b.fedBackOn },
      notify: {
        eventType: 'info.fed_back',
        kind: 'info',
        title: `${b.unitName}对您的社情民意信息作出落实反馈：${row.title}`,
        body: b.text,
      },
    };
  });
}
