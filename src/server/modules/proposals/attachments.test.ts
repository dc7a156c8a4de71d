/** Attachments: proposers attach to their draft, units to their reply; the type is sniffed, the size and count limited. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ATTACHMENT_MAX_COUNT } from '@common/proposals';
import { auditLog } from '@server/db/schema/index';
import { createTestApp, createUnit, signedIn, uniq, type Client, type TestContext } from '../../../../test/helpers';
import { draft, proposalOrg, submitted } from './proposals.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function multipart(buf: Buffer, filename: string) {
  const boundary = `----xs${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buf, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, url: string, buf: Buffer, filename: string) => {
  const m = multipart(buf, filename);
  return c.req('POST', url, m.payload, m.headers);
};

describe('proposal attachments', () => {
  it('a proposer attaches to the draft; the type comes from the bytes; download is exact; removal is audited', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const d = await draft(m, o.org.id);
    const ok = await upload(m, `/api/proposals/${d.id}/attachments`, PDF, '../../调研报告.pdf');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ filename: '调研报告.pdf', ext: 'pdf', size: PDF.length, assignmentId: null, canDelete: true });
    const img = await upload(m, `/api/proposals/${d.id}/attachments`, PNG, '现场照片.PNG');
    expect(img.json()).toMatchObject({ ext: 'png' });

    // A text file named .pdf, an executable, an empty upload: refused, naming the field, in Chinese.
    const fake = await upload(m, `/api/proposals/${d.id}/attachments`, Buffer.from('just text, not a pdf'), '伪装.pdf');
    expect(fake.statusCode).toBe(400);
    expect(fake.json()).toMatchObject({ code: 'attachment_type', field: 'file' });
    expect(fake.json().message).toContain('不支持该文件类型');
    const exe = await upload(m, `/api/proposals/${d.id}/attachments`, Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'setup.exe');
    expect(exe.statusCode).toBe(400);
    const empty = await upload(m, `/api/proposals/${d.id}/attachments`, Buffer.alloc(0), 'x.pdf');
    expect(empty.json()).toMatchObject({ code: 'attachment_empty', field: 'file' });

    const list = (await m.get(`/api/proposals/${d.id}/attachments`)).json().items;
    expect(list.map((a: { filename: string }) => a.filename)).toEqual(['调研报告.pdf', '现场照片.PNG']);
    const dl = await m.get(`/api/proposal-attachments/${ok.json().id}`);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(String(dl.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('调研报告.pdf')}`);
    expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);

    const del = await m.del(`/api/proposal-attachments/${img.json().id}`);
    expect(del.statusCode, del.body).toBe(200);
    expect((await m.get(`/api/proposals/${d.id}/attachments`)).json().items).toHaveLength(1);
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'proposal'), eq(auditLog.entityId, d.id)));
    expect(audits.map((a) => a.action).filter((a) => a === 'attach' || a === 'detach')).toEqual(['attach', 'attach', 'detach']);
  });

  it('at most ATTACHMENT_MAX_COUNT files; nothing changes after submission; others may not touch them', async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const other = await o.member();
    const d = await draft(m, o.org.id);
    for (let i = 0; i < ATTACHMENT_MAX_COUNT; i++) expect((await upload(m, `/api/proposals/${d.id}/attachments`, PDF, `附件${i}.pdf`)).statusCode).toBe(200);
    const over = await upload(m, `/api/proposals/${d.id}/attachments`, PDF, 'one-more.pdf');
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ code: 'attachment_too_many', field: 'file' });
    // Another member does not see the draft at all.
    expect((await upload(other, `/api/proposals/${d.id}/attachments`, PDF, 'x.pdf')).statusCode).toBe(404);
    const first = (await m.get(`/api/proposals/${d.id}/attachments`)).json().items[0];
    expect((await other.get(`/api/proposal-attachments/${first.id}`)).statusCode).toBe(404);
    expect((await other.del(`/api/proposal-attachments/${first.id}`)).statusCode).toBe(404);

    const s = await m.post(`/api/proposals/${d.id}/submit`, { version: d.version });
    expect(s.statusCode, s.body).toBe(200);
    expect((await upload(m, `/api/proposals/${d.id}/attachments`, PDF, 'late.pdf')).json()).toMatchObject({ code: 'attachment_not_editable' });
    expect((await m.del(`/api/proposal-attachments/${first.id}`)).statusCode).toBe(409);
    // The office reads and downloads them, but may not remove the proposer's files.
    expect((await o.staff.get(`/api/proposal-attachments/${first.id}`)).statusCode).toBe(200);
    expect((await o.staff.del(`/api/proposal-attachments/${first.id}`)).statusCode).toBe(403);
    expect((await o.staff.get(`/api/proposals/${d.id}/attachments`)).json().items.every((a: { canDelete: boolean }) => !a.canDelete)).toBe(true);
  });

  it("a unit attaches to its reply while handling; another unit's handler gets 404", async () => {
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const unit2 = await createUnit(ctx.database, o.org.id, { name: uniq('县财政局') });
    const h1 = await signedIn(ctx, [{ orgId: o.org.id, role: 'unit_handler', unitId: o.unit.id }]);
    const h2 = await signedIn(ctx, [{ orgId: o.org.id, role: 'unit_handler', unitId: unit2.id }]);
    const s = await submitted(m, o.org.id);
    const r = (await o.staff.post(`/api/proposals/${s.id}/register`, { version: s.version })).json();
    const a = await o.staff.post(`/api/proposals/${s.id}/assign`, { assignMode: 'sole', units: [o.unit.id], version: r.version });
    expect(a.statusCode, a.body).toBe(200);
    const [asg] = (await o.staff.get(`/api/proposals/${s.id}/assignments`)).json().items;
    // Before signing for it: not yet.
    expect((await upload(h1, `/api/proposal-assignments/${asg.id}/attachments`, PDF, '答复附件.pdf')).statusCode).toBe(409);
    expect((await h1.post(`/api/proposal-assignments/${asg.id}/sign`, { version: asg.version })).statusCode).toBe(200);
    const up = await upload(h1, `/api/proposal-assignments/${asg.id}/attachments`, PDF, '答复附件.pdf');
    expect(up.statusCode, up.body).toBe(200);
    expect(up.json()).toMatchObject({ assignmentId: asg.id, unitName: expect.any(String), canDelete: true });
    expect((await upload(h2, `/api/proposal-assignments/${asg.id}/attachments`, PDF, 'x.pdf')).statusCode).toBe(404);
    // A member cannot upload as a unit at all.
    expect((await upload(m, `/api/proposal-assignments/${asg.id}/attachments`, PDF, 'x.pdf')).statusCode).toBe(403);
    // The proposer sees and downloads the reply attachment, and may not remove it.
    const seen = (await m.get(`/api/proposals/${s.id}/attachments`)).json().items;
    expect(seen).toHaveLength(1);
    expect(seen[0].canDelete).toBe(false);
    expect((await m.get(`/api/proposal-attachments/${up.json().id}`)).statusCode).toBe(200);
    expect((await m.del(`/api/proposal-attachments/${up.json().id}`)).statusCode).toBe(403);
    expect((await h1.del(`/api/proposal-attachments/${up.json().id}`)).statusCode).toBe(200);
  });
});
