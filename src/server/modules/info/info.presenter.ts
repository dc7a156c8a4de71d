import {
  infoActionsFor,
  infoIssueLabel,
  infoLength,
  type InfoActor,
  type InfoLevel,
  type InfoListItem,
  type InfoReportView,
  type InfoStatus,
  type InfoSubmitterKind,
} from '@common/info';
import type { DbOrTx } from '@server/db/client';
import * as repo from './info.repo';

const day = (v: string | Date) => (typeof v === 'string' ? v : v.toISOString().slice(0, 10));

export function presentListItem(r: repo.ReportRow, issue: { year: number | null; number: number | null } | null): InfoListItem {
  return {
    id: r.id,
    orgId: r.orgId,
    title: r.title,
    status: r.status as InfoStatus,
    submitterKind: r.submitterKind as InfoSubmitterKind,
    submitterName: r.submitterName,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    issuedAt: r.issuedAt?.toISOString() ?? null,
    issueLabel: issue?.year != null && issue.number != null ? infoIssueLabel(issue.year, issue.number) : null,
    length: infoLength(r),
    version: r.version,
  };
}

/**
 * The report page: text, authors, 采编 history, the issue, adoptions, instructions and feedback, the origin
 * proposal, plus the actions the caller may take now (from the transition table and the caller's hats).
 */
export async function loadDetail(db: DbOrTx, row: repo.ReportRow, actors: InfoActor[]): Promise<InfoReportView> {
  const p = await repo.detailParts(db, row);
  return Object.assign(presentListItem(row, p.issue), {
    situation: row.situation,
    analysis: row.analysis,
    suggestion: row.suggestion,
    collectiveId: row.collectiveId,
    studioId: row.studioId,
    authors: p.authors.map((a) => ({
      memberId: a.memberId,
      name: a.name,
      role: a.role === 'first' ? ('first' as const) : ('co' as const),
      viaMergeFrom: a.viaMergeFrom,
    })),
    returnComments: row.returnComments,
    rejectReason: row.rejectReason,
    issueId: row.issueId,
    mergedIntoId: row.mergedIntoId,
    mergedFrom: p.mergedFrom,
    originProposal: p.origin,
    // The editors' history is the office's working record; submitters see the current text only.
    revisions: actors.includes('staff')
      ? p.revisions.map((v) => ({
          id: v.id,
          title: v.title,
          situation: v.situation,
          analysis: v.analysis,
          suggestion: v.suggestion,
          editorName: v.editorName,
          note: v.note,
          createdAt: v.createdAt.toISOString(),
        }))
      : [],
    adoptions: p.adoptions.map((a) => ({
      id: a.id,
      bodyName: a.bodyName,
      level: a.level as InfoLevel,
      adoptedOn: day(a.adoptedOn),
      note: a.note,
    })),
    instructions: p.instructions.map((i) => ({
      id: i.id,
      leader: i.leader,
      level: i.level as InfoLevel,
      text: i.text,
      instructedOn: day(i.instructedOn),
    })),
    feedback: p.feedback.map((f) => ({ id: f.id, unitName: f.unitName, text: f.text, fedBackOn: day(f.fedBackOn) })),
    abilities: infoActionsFor(row.status as InfoStatus, actors),
  });
}
