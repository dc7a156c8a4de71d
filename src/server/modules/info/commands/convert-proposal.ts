import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { collectiveProposers, infoReportAuthors, infoReports, members, proposalProposers, proposals } from '@server/db/schema/index';
import { writeAudit, type AuditActor } from '@server/lib/audit';
import { infoReportsChanged } from '@server/modules/search/hooks';

/** Stored proposal HTML → plain text paragraphs (the report's text is plain text, shown escaped). */
export function htmlToPlain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|li|h3|h4|blockquote|tr)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

/**
 * 转社情民意: a proposal that was not registered arrives as a submitted report in the caller's transaction, linked
 * to its origin proposal and the converted item. Its confirmed member proposers become the authors (first / co);
 * a collective proposal is filed under the collective. Exported for the proposals module's 不予立案 command.
 */
export async function createReportFromProposal(
  tx: DbOrTx,
  actor: AuditActor,
  v: { proposalId: number; convertedItemId: number; reason: string },
): Promise<number> {
  const [p] = await tx.select().from(proposals).where(eq(proposals.id, v.proposalId));
  const proposers = await tx
    .select({
      memberId: proposalProposers.memberId,
      collectiveId: proposalProposers.collectiveId,
      role: proposalProposers.role,
      status: proposalProposers.status,
      memberName: members.name,
      collectiveName: collectiveProposers.name,
    })
    .from(proposalProposers)
    .leftJoin(members, eq(members.id, proposalProposers.memberId))
    .leftJoin(collectiveProposers, eq(collectiveProposers.id, proposalProposers.collectiveId))
    .where(eq(proposalProposers.proposalId, v.proposalId))
    .orderBy(asc(proposalProposers.id));
  const collective = proposers.find((x) => x.collectiveId != null);
  const memberRows = proposers.filter((x) => x.memberId != null && (x.role === 'first' || x.status === 'confirmed'));
  const first = memberRows.find((x) => x.role === 'first') ?? null;
  const [row] = await tx
    .insert(infoReports)
    .values({
      orgId: p.orgId,
      title: p.subject,
      situation: htmlToPlain(p.body),
      status: 'submitted',
      submitterKind: collective ? 'collective' : 'member',
      submitterName: collective?.collectiveName ?? first?.memberName ?? memberRows[0]?.memberName ?? '',
      collectiveId: collective?.collectiveId ?? null,
      createdByAccountId: p.createdByAccountId,
      submittedAt: new Date(),
      originProposalId: p.id,
      convertedItemId: v.convertedItemId,
    })
    .returning();
  const authors = memberRows.map((x) => ({ reportId: row.id, memberId: x.memberId!, role: x === first ? 'first' : 'co' }));
  if (authors.length) await tx.insert(infoReportAuthors).values(authors).onConflictDoNothing();
  await infoReportsChanged(tx, [row.id]);
  await writeAudit(tx, actor, {
    orgId: p.orgId,
    entityType: 'info_report',
    entityId: row.id,
    action: 'convert_from_proposal',
    after: { status: 'submitted', title: row.title, originProposalId: p.id, convertedItemId: v.convertedItemId },
    reason: v.reason,
  });
  return row.id;
}
