import type { FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { DEFAULT_OBLIGATIONS, type FulfilmentCreateBody, type ObligationCreateBody } from '@common/worksystem';
import type { Database } from '@server/db/client';
import { leaderAttendances, workFulfilments, workObligations } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import { AppError, invalid, notFound } from '@server/lib/errors';
import { diff, updateVersioned } from '@server/lib/versioned';
import { todayInChina } from '@server/lib/workdays';
import * as repo from '../worksystem.repo';

type Req = FastifyRequest;

/** `every N months` needs N; the yearly kinds must not carry one. */
function checkFrequency(frequency: string, everyMonths: number | null | undefined) {
  if (frequency === 'months' && !everyMonths) throw invalid('everyMonths', 'required');
}

/** Creates an obligation (audit row in the same transaction). */
export async function createObligation(req: Req, database: Database, orgId: number, body: ObligationCreateBody) {
  checkFrequency(body.frequency, body.everyMonths);
  return database.db.transaction(async (tx) => {
    const [o] = await tx
      .insert(workObligations)
      .values({ orgId, ...body, everyMonths: body.frequency === 'months' ? body.everyMonths : null })
      .returning();
    await writeAudit(tx, req.auditActor(), { orgId, entityType: 'work_obligation', entityId: o.id, action: 'create', after: { name: o.name, frequency: o.frequency, everyMonths: o.everyMonths } });
    return o;
  });
}

/** Adds the five default obligations (五个一) when the organization has none yet; 409 otherwise. */
export async function seedDefaultObligations(req: Req, database: Database, orgId: number, startDate: string) {
  await database.db.transaction(async (tx) => {
    const have = await tx.select({ id: workObligations.id }).from(workObligations).where(eq(workObligations.orgId, orgId)).limit(1);
    if (have.length) throw new AppError(409, 'work_defaults_exist');
    const rows = await tx
      .insert(workObligations)
      .values(DEFAULT_OBLIGATIONS.map((d, i) => ({ orgId, code: d.code, name: d.name, frequency: d.frequency, everyMonths: d.everyMonths, responsible: d.responsible, startDate, sort: i + 1 })))
      .returning();
    for (const o of rows) await writeAudit(tx, req.auditActor(), { orgId, entityType: 'work_obligation', entityId: o.id, action: 'create', after: { name: o.name, frequency: o.frequency } });
  });
}

/** Edits an obligation with its version (stale → 409). */
export async function updateObligation(req: Req, database: Database, row: repo.ObligationRow, body: Record<string, unknown> & { version: number }) {
  const { version, ...rest } = body;
  const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  const frequency = (set.frequency as string | undefined) ?? row.frequency;
  const every = set.everyMonths !== undefined ? (set.everyMonths as number | null) : row.everyMonths;
  checkFrequency(frequency, every);
  if (frequency !== 'months') set.everyMonths = null;
  await database.db.transaction(async (tx) => {
    const after = await updateVersioned(tx, workObligations, row.id, version, set);
    await writeAudit(tx, req.auditActor(), { orgId: row.orgId, entityType: 'work_obligation', entityId: row.id, action: 'update', ...diff(row, after) });
  });
}

async function checkLink(database: Database, orgId: number, kind: string | null | undefined, id: number | null | undefined) {
  if ((kind == null) !== (id == null)) throw invalid(kind == null ? 'linkKind' : 'linkId', 'required');
  if (kind == null || id == null) return;
  const info = kind === 'info_instruction' ? await repo.hasInfoTables(database.db) : false;
  if (!(await repo.linkExists(database.db, orgId, kind, id, info))) throw invalid('linkId', 'unknown_ref', { value: id });
}

/** Records a fulfilment of an active obligation (no future dates; the link must be a record of the same organization). */
export async function recordFulfilment(req: Req, database: Database, o: repo.ObligationRow, body: FulfilmentCreateBody) {
  if (!o.active) throw new AppError(409, 'work_obligation_inactive');
  if (body.fulfilledOn > todayInChina()) throw invalid('fulfilledOn', 'not_future');
  if (body.fulfilledOn < o.startDate) throw invalid('fulfilledOn', 'date_order');
  await checkLink(database, o.orgId, body.linkKind, body.linkId);
  return database.db.transaction(async (tx) => {
    const [f] = await tx.insert(workFulfilments).values({ orgId: o.orgId, obligationId: o.id, ...body }).returning();
    await writeAudit(tx, req.auditActor(), { orgId: o.orgId, entityType: 'work_fulfilment', entityId: f.id, action: 'create', after: { obligationId: o.id, fulfilledOn: f.fulfilledOn, linkKind: f.linkKind, linkId: f.linkId } });
    return f;
  });
}

export async function updateFulfilment(req: Req, database: Database, f: repo.FulfilmentRow, body: Record<string, unknown> & { version: number }) {
  const { version, ...rest } = body;
  const set = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (typeof set.fulfilledOn === 'string' && set.fulfilledOn > todayInChina()) throw invalid('fulfilledOn', 'not_future');
  const kind = set.linkKind !== undefined ? (set.linkKind as string | null) : f.linkKind;
  const id = set.linkId !== undefined ? (set.linkId as number | null) : f.linkId;
  await checkLink(database, f.orgId, kind, id);
  await database.db.transaction(async (tx) => {
    const after = await updateVersioned(tx, workFulfilments, f.id, version, set);
    await writeAudit(tx, req.auditActor(), { orgId: f.orgId, entityType: 'work_fulfilment', entityId: f.id, action: 'update', ...diff(f, after) });
  });
}

/** Records that a party/government leader attended an activity of the organization (once per leader and activity). */
export async function addLeaderAttendance(req: Req, database: Database, orgId: number, body: { activityId: number; leaderName: string; leaderTitle: string }) {
  const a = await repo.activityInOrg(database.db, orgId, body.activityId);
  if (!a) throw invalid('activityId', 'unknown_ref', { value: body.activityId });
  if (a.status === 'cancelled' || a.status === 'planned') throw new AppError(409, 'work_activity_not_held', { field: 'activityId' });
  if (await repo.attendanceExists(database.db, a.id, body.leaderName)) throw invalid('leaderName', 'duplicate_existing');
  return database.db.transaction(async (tx) => {
    const [row] = await tx.insert(leaderAttendances).values({ orgId, ...body }).returning();
    await writeAudit(tx, req.auditActor(), { orgId, entityType: 'leader_attendance', entityId: row.id, action: 'create', after: { activityId: a.id, leaderName: row.leaderName, leaderTitle: row.leaderTitle } });
    return row;
  });
}

export async function removeLeaderAttendance(req: Req, database: Database, id: number) {
  const row = await repo.getLeaderAttendance(database.db, id);
  if (!row) throw notFound();
  req.authorize(row.orgId);
  await database.db.transaction(async (tx) => {
    await tx.delete(leaderAttendances).where(eq(leaderAttendances.id, id));
    await writeAudit(tx, req.auditActor(), { orgId: row.orgId, entityType: 'leader_attendance', entityId: id, action: 'delete', before: { activityId: row.activityId, leaderName: row.leaderName } });
  });
}
