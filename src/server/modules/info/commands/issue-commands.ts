import type { FastifyRequest } from 'fastify';
import { inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { infoIssueLabel, type InfoIssueCreateBody } from '@common/info';
import type { Db } from '@server/db/client';
import { infoIssueCounters, infoIssues, infoReports } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { invalid } from '@server/lib/errors';
import { emit } from '@server/lib/outbox';
import { todayInChina } from '@server/lib/workdays';
import * as repo from '../info.repo';
import { infoRefused } from './info-step';
import { infoReportsChanged } from '@server/modules/search/hooks';

/** When a report issued on `day` counts as adopted: now when issued today, else noon (China time) of that day. */
export const issuedAtFor = (day: string, now = new Date()) => (day === todayInChina(now) ? now : new Date(`${day}T12:00:00+08:00`));

/**
 * 编发: a new bulletin issue (《社情民意》N年第M期) holding the chosen reports, all in 采编 (editing). The number is
 * the next of the organization's year, from a counter row upserted (and so locked) in this transaction, so numbers
 * are gapless and unique even when two editors issue at once. Each report becomes 已编发; its submitters are told.
 */
export async function createIssue(req: FastifyRequest, db: Db, orgId: number, b: z.infer<typeof InfoIssueCreateBody>): Promise<number> {
  const actor = req.authorize(orgId);
  if (b.issuedOn > todayInChina()) throw invalid('issuedOn', 'not_future');
  const ids = [...new Set(b.reportIds)];
  const year = Number(b.issuedOn.slice(0, 4));
  return db.transaction(async (tx) => {
    const rows = await tx.select().from(infoReports).where(inArray(infoReports.id, ids)).orderBy(infoReports.id).for('update');
    // Another organization's report, or a draft (private to its author), is unknown here.
    const bad = ids.find((id) => !rows.some((r) => r.id === id && r.orgId === orgId && r.status !== 'draft'));
    if (bad !== undefined) throw invalid('reportIds', 'unknown_ref', { value: bad });
    for (const r of rows) if (r.status !== 'editing') throw infoRefused(req.lang, r.status, 'issue');
    const [counter] = await tx
      .insert(infoIssueCounters)
      .values({ orgId, year, lastNumber: 1 })
      .onConflictDoUpdate({
        target: [infoIssueCounters.orgId, infoIssueCounters.year],
        set: { lastNumber: sql`${infoIssueCounters.lastNumber} + 1` },
      })
      .returning();
    const [issue] = await tx
      .insert(infoIssues)
      .values({ orgId, year, number: counter.lastNumber, title: b.title, issuedOn: b.issuedOn, createdByAccountId: actor.accountId })
      .returning();
    const issuedAt = issuedAtFor(b.issuedOn);
    await tx
      .update(infoReports)
      .set({ status: 'issued', issueId: issue.id, issuedAt, updatedAt: new Date(), version: sql`${infoReports.version} + 1` })
      .where(inArray(infoReports.id, ids));
    await infoReportsChanged(tx, ids);
    const label = infoIssueLabel(year, issue.number);
    await writeAudit(tx, req.auditActor(), {
      orgId,
      entityType: 'info_issue',
      entityId: issue.id,
      action: 'create',
      after: { year, number: issue.number, issuedOn: b.issuedOn, reportIds: ids },
    });
    for (const r of rows) {
      await writeAudit(tx, req.auditActor(), {
        orgId,
        entityType: 'info_report',
        entityId: r.id,
        action: 'issue',
        before: { status: r.status },
        after: { status: 'issued', issueId: issue.id, issue: label },
      });
      const recipients = (await repo.recipientsOf(tx, r)).filter((a) => a !== actor.accountId);
      if (recipients.length) {
        await emit(tx, orgId, 'info.issued', {
          recipients,
          kind: 'info',
          title: `您的社情民意信息已编入${label}：${r.title}`,
          link: `/info-reports/${r.id}`,
          email: true,
        });
      }
    }
    return issue.id;
  });
}
