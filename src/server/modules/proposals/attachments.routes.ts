import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_COUNT, AttachmentView } from '@common/proposals';
import type { DbOrTx } from '@server/db/client';
import { accounts, proposalAssignments, proposalAttachments, units } from '@server/db/schema/index';
import { writeAudit } from '@server/lib/audit';
import type { Actor } from '@server/lib/context';
import { contentDisposition } from '@server/lib/docx';
import { AppError, notFound } from '@server/lib/errors';
import { IdParams } from '@server/lib/schemas';
import * as assignmentsRepo from './assignments.repo';
import { actsForUnit } from './commands/assignment-steps';
import { abilitiesOf, loadVisible } from './proposals.access';

const tags = ['proposals'];
const upload = { consumes: ['multipart/form-data'] };
const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  ofd: 'application/ofd',
};
/** Units may attach to their assignment before they reply (or, for a co-unit, before giving the opinion). */
const UNIT_ATTACH_STATUSES = ['received'];

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
const fileError = (code: string, status = 400, params?: Record<string, string | number>) => new AppError(status, code, { field: 'file', params });

/** The file's own name without any path, control characters or excess length. */
export function cleanFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (clean || 'file').slice(0, 200);
}

/** The attachment's type from its bytes (the name only tells the legacy .doc from .xls and an OFD from another zip). */
export async function sniff(buf: Buffer, filename: string): Promise<string | null> {
  const ft = await fileTypeFromBuffer(buf);
  const nameExt = filename.toLowerCase().split('.').pop() ?? '';
  if (!ft) return null;
  if (['pdf', 'docx', 'xlsx', 'pptx', 'jpg', 'png', 'webp'].includes(ft.ext)) return ft.ext;
  if (ft.ext === 'cfb' && (nameExt === 'doc' || nameExt === 'xls')) return nameExt;
  if (ft.ext === 'zip' && nameExt === 'ofd' && buf.includes(Buffer.from('OFD.xml'))) return 'ofd';
  return null;
}

async function readUpload(req: FastifyRequest): Promise<{ buf: Buffer; filename: string; ext: string }> {
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await req.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } });
  } catch {
    throw fileError('attachment_empty');
  }
  if (!part) throw fileError('attachment_empty');
  let buf: Buffer;
  try {
    buf = await part.toBuffer();
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 413) throw fileError('attachment_too_large', 413, { max: mb(ATTACHMENT_MAX_BYTES) });
    throw fileError('attachment_empty');
  }
  if (!buf.length) throw fileError('attachment_empty');
  const filename = cleanFilename(part.filename);
  const ext = await sniff(buf, filename);
  if (!ext) throw fileError('attachment_type');
  return { buf, filename, ext };
}

type AttachmentRow = Omit<typeof proposalAttachments.$inferSelect, 'content'>;
const meta = {
  id: proposalAttachments.id,
  orgId: proposalAttachments.orgId,
  proposalId: proposalAttachments.proposalId,
  assignmentId: proposalAttachments.assignmentId,
  filename: proposalAttachments.filename,
  ext: proposalAttachments.ext,
  mime: proposalAttachments.mime,
  size: proposalAttachments.size,
  sha256: proposalAttachments.sha256,
  uploadedByAccountId: proposalAttachments.uploadedByAccountId,
  createdAt: proposalAttachments.createdAt,
};

async function getMeta(db: DbOrTx, id: number): Promise<AttachmentRow | undefined> {
  const [row] = await db.select(meta).from(proposalAttachments).where(eq(proposalAttachments.id, id));
  return row;
}

async function countFor(db: DbOrTx, proposalId: number, assignmentId: number | null): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(proposalAttachments)
    .where(
      and(
        eq(proposalAttachments.proposalId, proposalId),
        assignmentId === null ? isNull(proposalAttachments.assignmentId) : eq(proposalAttachments.assignmentId, assignmentId),
      ),
    );
  return Number(row.n);
}

/**
 * Who may remove (and add) an attachment: the proposal's own files by a proposer while the text may be edited; a
 * unit's files by a handler of that unit while the assignment is before its reply.
 */
function mayChange(
  actor: Actor,
  canEditProposal: boolean,
  assignment: { orgId: number; unitId: number; status: string } | null | undefined,
): boolean {
  if (!assignment) return canEditProposal;
  return actsForUnit(actor, assignment) && UNIT_ATTACH_STATUSES.includes(assignment.status);
}

const attachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  async function store(req: FastifyRequest, orgId: number, proposalId: number, assignmentId: number | null, actor: Actor) {
    const file = await readUpload(req);
    if ((await countFor(db, proposalId, assignmentId)) >= ATTACHMENT_MAX_COUNT) throw fileError('attachment_too_many', 400, { max: ATTACHMENT_MAX_COUNT });
    const sha256 = createHash('sha256').update(file.buf).digest('hex');
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(proposalAttachments)
        .values({
          orgId,
          proposalId,
          assignmentId,
          filename: file.filename,
          ext: file.ext,
          mime: MIME[file.ext],
          size: file.buf.length,
          sha256,
          content: file.buf,
          uploadedByAccountId: actor.accountId,
        })
        .returning({ id: proposalAttachments.id });
      await writeAudit(tx, req.auditActor(), {
        orgId,
        entityType: 'proposal',
        entityId: proposalId,
        action: 'attach',
        after: { attachmentId: row.id, assignmentId, filename: file.filename, ext: file.ext, size: file.buf.length, sha256 },
      });
      return row.id;
    });
    return id;
  }

  async function present(proposalId: number, canEditProposal: boolean, actor: Actor, onlyId?: number) {
    const rows = await db
      .select({ m: meta, unitName: units.name, uploadedByName: accounts.displayName, a: { orgId: proposalAssignments.orgId, unitId: proposalAssignments.unitId, status: proposalAssignments.status } })
      .from(proposalAttachments)
      .leftJoin(proposalAssignments, eq(proposalAssignments.id, proposalAttachments.assignmentId))
      .leftJoin(units, eq(units.id, proposalAssignments.unitId))
      .leftJoin(accounts, eq(accounts.id, proposalAttachments.uploadedByAccountId))
      .where(and(eq(proposalAttachments.proposalId, proposalId), onlyId ? eq(proposalAttachments.id, onlyId) : undefined))
      .orderBy(asc(proposalAttachments.id));
    return rows.map((r) => ({
      id: r.m.id,
      proposalId: r.m.proposalId,
      assignmentId: r.m.assignmentId,
      unitName: r.unitName,
      filename: r.m.filename,
      ext: r.m.ext,
      size: r.m.size,
      uploadedByName: r.uploadedByName ?? '',
      createdAt: r.m.createdAt.toISOString(),
      canDelete: mayChange(actor, canEditProposal, r.m.assignmentId ? r.a : null),
    }));
  }

  app.post(
    '/api/proposals/:id/attachments',
    {
      config: { permission: 'proposals.propose' },
      schema: { tags, summary: '上传提案附件（提案人，草稿或退回修改时；类型按内容识别）', params: IdParams, ...upload, response: { 200: AttachmentView } },
    },
    async (req) => {
      const { row, actors, actor } = await loadVisible(req, db, req.params.id);
      const editable = abilitiesOf(row.state, actors).includes('edit');
      if (!editable) {
        const proposer = actors.has('proposer') || actors.has('cosigner');
        throw proposer ? new AppError(409, 'attachment_not_editable') : new AppError(403, 'forbidden');
      }
      const id = await store(req, row.orgId, row.id, null, actor);
      return (await present(row.id, true, actor, id))[0];
    },
  );

  app.post(
    '/api/proposal-assignments/:id/attachments',
    {
      config: { permission: 'proposals.handle' },
      schema: { tags, summary: '上传答复附件（承办单位，答复前）', params: IdParams, ...upload, response: { 200: AttachmentView } },
    },
    async (req) => {
      const a = await assignmentsRepo.getAssignment(db, req.params.id);
      if (!a) throw notFound();
      const actor = req.authorize(a.orgId);
      if (!actsForUnit(actor, a)) throw notFound();
      if (!UNIT_ATTACH_STATUSES.includes(a.status)) throw new AppError(409, 'attachment_not_editable');
      const id = await store(req, a.orgId, a.proposalId, a.id, actor);
      return (await present(a.proposalId, false, actor, id))[0];
    },
  );

  app.get(
    '/api/proposals/:id/attachments',
    {
      config: { permission: 'proposals.read' },
      schema: { tags, summary: '提案及答复附件列表', params: IdParams, response: { 200: z.object({ items: z.array(AttachmentView) }) } },
    },
    async (req) => {
      const { row, actors, actor } = await loadVisible(req, db, req.params.id);
      return { items: await present(row.id, abilitiesOf(row.state, actors).includes('edit'), actor) };
    },
  );

  app.get(
    '/api/proposal-attachments/:id',
    { config: { permission: 'proposals.read' }, schema: { tags, summary: '下载附件（能查看该提案者）', params: IdParams } },
    async (req, reply) => {
      const m = await getMeta(db, req.params.id);
      if (!m) throw notFound();
      await loadVisible(req, db, m.proposalId);
      const [row] = await db.select({ content: proposalAttachments.content }).from(proposalAttachments).where(eq(proposalAttachments.id, m.id));
      return reply
        .header('content-type', m.mime)
        .header('content-disposition', contentDisposition(m.filename, `attachment-${m.id}.${m.ext}`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(row.content);
    },
  );

  app.delete(
    '/api/proposal-attachments/:id',
    { config: { permission: 'proposals.read' }, schema: { tags, summary: '删除附件（上传方，在可修改时）', params: IdParams, response: { 200: z.object({ ok: z.literal(true) }) } } },
    async (req) => {
      const m = await getMeta(db, req.params.id);
      if (!m) throw notFound();
      const { row, actors, actor } = await loadVisible(req, db, m.proposalId);
      const a = m.assignmentId ? await assignmentsRepo.getAssignment(db, m.assignmentId) : null;
      if (!mayChange(actor, abilitiesOf(row.state, actors).includes('edit'), a)) {
        const own = a ? actsForUnit(actor, a) : actors.has('proposer') || actors.has('cosigner');
        throw own ? new AppError(409, 'attachment_not_editable') : new AppError(403, 'forbidden');
      }
      await db.transaction(async (tx) => {
        await tx.delete(proposalAttachments).where(eq(proposalAttachments.id, m.id));
        await writeAudit(tx, req.auditActor(), {
          orgId: m.orgId,
          entityType: 'proposal',
          entityId: m.proposalId,
          action: 'detach',
          before: { attachmentId: m.id, assignmentId: m.assignmentId, filename: m.filename, sha256: m.sha256 },
        });
      });
      return { ok: true as const };
    },
  );
};

export default attachmentRoutes;
