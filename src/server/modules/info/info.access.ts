import type { FastifyRequest } from 'fastify';
import { INFO_READER_ROLES, INFO_STAFF_ROLES, type InfoActor } from '@common/info';
import type { DbOrTx } from '@server/db/client';
import type { Actor } from '@server/lib/context';
import { notFound } from '@server/lib/errors';
import * as repo from './info.repo';

const holds = (actor: Actor, orgId: number, roles: readonly string[]) =>
  actor.isPlatformAdmin || actor.grants.some((g) => g.orgId === orgId && roles.includes(g.role));

/** The information office (and org admin) of the organization. */
export const isInfoStaff = (actor: Actor, orgId: number) => holds(actor, orgId, INFO_STAFF_ROLES);
/** Roles that read every (non-draft) report of the organization. */
export const isInfoReader = (actor: Actor, orgId: number) => holds(actor, orgId, INFO_READER_ROLES);

/** The hats the caller wears on a report: its submitter (creator or member author) and/or the office. */
export function infoActorsOf(actor: Actor, row: repo.ReportRow, isSubmitter: boolean): InfoActor[] {
  const out: InfoActor[] = [];
  if (isSubmitter) out.push('submitter');
  if (isInfoStaff(actor, row.orgId) && row.status !== 'draft') out.push('staff');
  return out;
}

/**
 * Loads a report for the caller: missing → 404; the route's permission checked in the report's organization
 * (another organization → 404, a role without it → 403). Readers see every report but other people's drafts;
 * anyone else sees only the reports they created or co-authored (else 404).
 */
export async function loadReport(req: FastifyRequest, db: DbOrTx, id: number) {
  const row = await repo.getReport(db, id);
  if (!row) throw notFound();
  const actor = req.authorize(row.orgId);
  const memberId = await repo.memberIdOf(db, row.orgId, actor.accountId);
  const isSubmitter = await repo.isSubmitter(db, row, actor.accountId, memberId);
  if (!isSubmitter && (!isInfoReader(actor, row.orgId) || row.status === 'draft')) throw notFound();
  return { row, actor, memberId, isSubmitter, actors: infoActorsOf(actor, row, isSubmitter) };
}
