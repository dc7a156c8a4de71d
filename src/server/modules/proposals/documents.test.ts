/** Word documents: 交办函, 答复函, 提案汇编 — they open, carry the right text, and follow the access rules. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { members, proposalProposers, proposalReplies, proposals, units } from '@server/db/schema/index';
import { contentDisposition } from '@server/lib/docx';
import { htmlToBlocks } from '@server/lib/docx-html';
import { Document, Packer } from 'docx';
import { createTestApp, createUnit, signedIn, uniq, type Client, type TestContext } from '../../../../test/helpers';
import { proposalOrg, submitted } from './proposals.fixtures';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The visible text of a .docx (every w:t, paragraphs on their own lines) and its raw document.xml. */
async function readDocx(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = xml
    .split(/<\/w:p>/)
    .map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"');
  return { xml, text, files: Object.keys(zip.files) };
}

/** The UTF-8 filename of a Content-Disposition header (filename*=UTF-8''…). */
function utf8Filename(header: unknown): string {
  const m = /filename\*=UTF-8''([^;]+)/.exec(String(header));
  expect(m, String(header)).not.toBeNull();
  return decodeURIComponent(m![1]);
}

async function download(c: Client, url: string) {
  const res = await c.get(url);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(DOCX);
  expect(String(res.headers['content-disposition'])).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
  return { res, ...(await readDocx(res.rawPayload)), filename: utf8Filename(res.headers['content-disposition']) };
}

/** An organization with a lead unit, a co-unit and a third unit (each with a handler), a proposer and a bystander. */
async function setup() {
  const o = await proposalOrg(ctx);
  const unit2 = await createUnit(ctx.database, o.org.id, { name: uniq('万方汽车运输公司') });
  const unit3 = await createUnit(ctx.database, o.org.id, { name: uniq('县发展改革委') });
  await ctx.database.db.update(units).set({ contactName: '李联络', contactPhone: '023-76661234' }).where(eq(units.id, o.unit.id));
  const handler = (unitId: number) => signedIn(ctx, [{ orgId: o.org.id, role: 'unit_handler', unitId }]);
  const [h1, h2, h3] = [await handler(o.unit.id), await handler(unit2.id), await handler(unit3.id)];
  const name = uniq('杨');
  const m = await o.member(name);
  const bystander = await o.member();
  const outsider = (await proposalOrg(ctx)).staff;
  const subject = '关于开通县城至峨溶镇公交线路的建议';
  const s = await submitted(m, o.org.id, { subject, isPublic: false, categoryId: o.category.id });
  const reg = await o.staff.post(`/api/proposals/${s.id}/register`, { version: s.version });
  expect(reg.statusCode, reg.body).toBe(200);
  const p = reg.json() as { id: number; version: number; numberLabel: string };
  return { o, unit2, unit3, h1, h2, h3, m, name, bystander, outsider, subject, p };
}

async function assign(s: Awaited<ReturnType<typeof setup>>) {
  const r = await s.o.staff.post(`/api/proposals/${s.p.id}/assign`, {
    assignMode: 'lead_co',
    units: [s.o.unit.id, s.unit2.id],
    version: s.p.version,
  });
  expect(r.statusCode, r.body).toBe(200);
  const items = (await s.o.staff.get(`/api/proposals/${s.p.id}/assignments`)).json().items as Array<{
    id: number;
    unitId: number;
    role: string;
  }>;
  return { lead: items.find((a) => a.role === 'lead')!, co: items.find((a) => a.role === 'co')! };
}

describe('交办函 GET /api/proposals/:id/assignment-letter.docx', () => {
  it('opens, names the organization, number, 案由, proposer, mode, lead and co units, deadlines; the text as attachment', async () => {
    const s = await setup();
    const url = `/api/proposals/${s.p.id}/assignment-letter.docx`;

    // Registered but not yet assigned: 409 naming the state.
    const early = await s.o.staff.get(url);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('proposal_document_state');
    expect(early.json().message).toBe('该提案当前状态为「已立案」，尚不能生成交办函');

    await assign(s);
    const d = await download(s.o.staff, url);
    expect(d.files).toContain('word/document.xml');
    expect(d.filename).toBe(`交办函-${s.p.numberLabel}.docx`);
    expect(d.text).toContain(`${s.o.org.name}提案委员会`);
    expect(d.text).toContain(`关于交办${s.p.numberLabel}提案的函`);
    expect(d.text).toContain(s.subject);
    expect(d.text).toContain(s.name);
    expect(d.text).toContain('主办+协办');
    expect(d.text).toContain(`主办单位\n${s.o.unit.name}`);
    expect(d.text).toContain(`协办单位\n${s.unit2.name}`);
    expect(d.text).toContain(`${s.o.unit.name}、${s.unit2.name}：`);
    expect(d.text).not.toContain(s.unit3.name);
    expect(d.text).toContain('答复期限');
    expect(d.text).toContain('签收及申请调整截止');
    expect(d.text).toContain('经济建设');
    // The attachment: the proposal text on its own page.
    expect(d.text).toContain('附件：提案原文');
    expect(d.text).toContain('建议：开通县城至峨溶的公交线路。');
    expect(d.xml).toContain('w:pageBreakBefore');
    // The official look: A4, fonts named.
    expect(d.xml).toContain('w:w="11906"');
    const styles = await (await JSZip.loadAsync(d.res.rawPayload)).file('word/styles.xml')!.async('string');
    expect(styles).toContain('仿宋_GB2312');
    expect(styles).toContain('FangSong');
  });

  it('the office only: a member 403, a unit handler 403, another organization 404, a missing proposal 404', async () => {
    const s = await setup();
    await assign(s);
    const url = `/api/proposals/${s.p.id}/assignment-letter.docx`;
    expect((await s.m.get(url)).statusCode).toBe(403);
    expect((await s.h1.get(url)).statusCode).toBe(403);
    const other = await s.outsider.get(url);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
    expect((await s.o.staff.get('/api/proposals/999999999/assignment-letter.docx')).statusCode).toBe(404);
    expect((await s.o.admin.get(url)).statusCode).toBe(200);
  });

  it('分办 as a key proposal: every unit is a 分办单位, no co-handler opinion line', async () => {
    const s = await setup();
    const r = await s.o.staff.post(`/api/proposals/${s.p.id}/assign`, {
      assignMode: 'separate',
      units: [s.o.unit.id, s.unit3.id],
      isKey: true,
      supervisorAccountId: s.o.leader.accountId,
      version: s.p.version,
    });
    expect(r.statusCode, r.body).toBe(200);
    const d = await download(s.o.staff, `/api/proposals/${s.p.id}/assignment-letter.docx`);
    expect(d.text).toContain(`分办单位\n${s.o.unit.name}、${s.unit3.name}`);
    expect(d.text).toContain('分办（重点提案）');
    expect(d.text).not.toContain('协办意见');
    expect(d.text).not.toContain(s.unit2.name);
  });
});

describe('答复函 GET /api/proposal-assignments/:id/reply-letter.docx', () => {
  const REPLY =
    '<p onclick="x()">经研究，我委已会同万方汽车运输公司开通县城至峨溶镇公交线路。</p><script>alert(1)</script><ol><li>线路全长45公里</li><li>每日往返6班</li></ol><table><tr><th>线路</th><th>班次</th></tr><tr><td>县城—峨溶</td><td>6</td></tr></table>';

  it('no reply yet → 409; then the latest reply to the first proposer, grade, 文号, signer, body lists and tables, contact line', async () => {
    const s = await setup();
    const { lead } = await assign(s);
    const url = `/api/proposal-assignments/${lead.id}/reply-letter.docx`;
    const none = await s.h1.get(url);
    expect(none.statusCode).toBe(409);
    expect(none.json().code).toBe('proposal_document_no_reply');
    expect(none.json().message).toBe('该交办尚无答复，不能生成答复函');

    const { db } = ctx.database;
    await db.insert(proposalReplies).values({
      orgId: s.o.org.id,
      proposalId: s.p.id,
      assignmentId: lead.id,
      unitId: s.o.unit.id,
      round: 1,
      grade: 'A',
      body: REPLY,
      docNumber: '秀交函〔2026〕12号',
      signer: '王局长',
    });
    const d = await download(s.h1, url);
    expect(d.filename).toBe(`答复函-${s.p.numberLabel}-${s.o.unit.name}.docx`);
    expect(d.text).toContain(`尊敬的${s.name}委员：`);
    expect(d.text).toContain('答复类别：A类（已解决或采纳）');
    expect(d.text).toContain('秀交函〔2026〕12号');
    expect(d.text).toContain('签发人：王局长');
    expect(d.text).toContain(`对${s.o.org.name}${s.p.numberLabel}提案的答复`);
    expect(d.text).toContain('经研究，我委已会同万方汽车运输公司开通县城至峨溶镇公交线路。');
    expect(d.text).toContain('1. 线路全长45公里');
    expect(d.text).toContain('2. 每日往返6班');
    expect(d.xml).toContain('<w:tbl>');
    expect(d.text).toContain('县城—峨溶');
    expect(d.text).not.toContain('alert');
    expect(d.text).toContain(s.o.unit.name);
    expect(d.text).toContain('联系人：李联络\u3000联系电话：023-76661234');
    expect(d.text).toContain(`抄送：${s.o.org.name}提案委员会、${s.unit2.name}`);

    // A second round's reply replaces the first in the letter.
    await db.insert(proposalReplies).values({
      orgId: s.o.org.id,
      proposalId: s.p.id,
      assignmentId: lead.id,
      unitId: s.o.unit.id,
      round: 2,
      grade: 'B',
      body: '<p>第二轮：已列入明年计划。</p>',
      signer: '王局长',
    });
    const d2 = await download(s.m, url);
    expect(d2.text).toContain('第二轮：已列入明年计划。');
    expect(d2.text).toContain('答复类别：B类（正在解决或列入计划）');
    expect(d2.text).not.toContain('线路全长45公里');
  });

  it('the replying unit, the office, leaders, the proposers and co-units may download it; others 404; another organization 404', async () => {
    const s = await setup();
    const { lead, co } = await assign(s);
    await ctx.database.db.insert(proposalReplies).values({
      orgId: s.o.org.id,
      proposalId: s.p.id,
      assignmentId: lead.id,
      unitId: s.o.unit.id,
      round: 1,
      grade: 'A',
      body: REPLY,
      signer: '王局长',
    });
    const url = `/api/proposal-assignments/${lead.id}/reply-letter.docx`;
    for (const c of [s.h1, s.o.staff, s.o.admin, s.o.leader, s.m, s.h2]) expect((await c.get(url)).statusCode).toBe(200);
    // Not public: a member without a relation and a handler of another unit do not see it.
    for (const c of [s.bystander, s.h3, s.outsider]) {
      const r = await c.get(url);
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('not_found');
    }
    expect((await s.o.staff.get('/api/proposal-assignments/999999999/reply-letter.docx')).statusCode).toBe(404);
    // The co-unit's own assignment has no reply (co-units give opinions, not replies).
    expect((await s.h2.get(`/api/proposal-assignments/${co.id}/reply-letter.docx`)).statusCode).toBe(409);

    // A public proposal: everyone in the organization reads the letter, without the unit's contact details.
    await ctx.database.db.update(proposals).set({ isPublic: true }).where(eq(proposals.id, s.p.id));
    const pub = await download(s.bystander, url);
    expect(pub.text).toContain('经研究');
    expect(pub.text).not.toContain('023-76661234');
    expect((await s.outsider.get(url)).statusCode).toBe(404);
  });

  it('a collective first proposer is addressed by name', async () => {
    const s = await setup();
    const { lead } = await assign(s);
    const agent = await signedIn(ctx, [{ orgId: s.o.org.id, role: 'member' }]);
    const col = await s.o.collective([agent.accountId], uniq('民建巴南区委会'));
    const { db } = ctx.database;
    await db.update(proposalProposers).set({ memberId: null, collectiveId: col.id }).where(eq(proposalProposers.proposalId, s.p.id));
    await db.insert(proposalReplies).values({
      orgId: s.o.org.id,
      proposalId: s.p.id,
      assignmentId: lead.id,
      unitId: s.o.unit.id,
      round: 1,
      grade: 'C',
      body: '<p>留作参考。</p>',
      signer: '王局长',
    });
    const d = await download(agent, `/api/proposal-assignments/${lead.id}/reply-letter.docx`);
    expect(d.text).toContain(`${col.name}：`);
    expect(d.text).not.toContain('委员：');
  });
});

describe('提案汇编 GET /api/sessions/:id/proposal-compilation.docx', () => {
  it('registered-or-later proposals of the session in number order, with a TOC field and a plain list; office only', async () => {
    const s = await setup();
    const second = await submitted(s.m, s.o.org.id, { subject: '关于加强农村饮水安全保障的建议' });
    const reg2 = await s.o.staff.post(`/api/proposals/${second.id}/register`, { version: second.version });
    expect(reg2.statusCode, reg2.body).toBe(200);
    const pending = await submitted(s.m, s.o.org.id, { subject: '关于尚未审查的提案的建议' });
    await assign(s);
    const url = `/api/sessions/${s.o.session!.id}/proposal-compilation.docx`;
    const d = await download(s.o.staff, url);
    expect(d.filename).toBe(`提案汇编-${s.o.session!.name}.docx`);
    expect(d.text).toContain(`${s.o.session!.name}`);
    expect(d.text).toContain('提案汇编');
    expect(d.text).toContain('共2件');
    expect(d.xml).toContain('TOC \\h');
    expect(d.text).toContain('提案目录');
    const first = d.text.indexOf(`第0001号\u3000${s.subject}`);
    const secondAt = d.text.indexOf('第0002号\u3000关于加强农村饮水安全保障的建议');
    expect(first).toBeGreaterThan(-1);
    expect(secondAt).toBeGreaterThan(first);
    expect(d.text).toContain(`提案人：${s.name}`);
    expect(d.text).toContain('类别：经济建设');
    expect(d.text).toContain('分析：缺少公交线路。');
    expect(d.text).not.toContain(pending.subject);
    expect(d.xml.match(/w:pageBreakBefore/g)!.length).toBeGreaterThanOrEqual(4);

    expect((await s.m.get(url)).statusCode).toBe(403);
    expect((await s.h1.get(url)).statusCode).toBe(403);
    const other = await s.outsider.get(url);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
    expect((await s.o.staff.get('/api/sessions/999999999/proposal-compilation.docx')).statusCode).toBe(404);
  });

  it('1,000 proposals: loads in a few queries and builds the document (time printed)', async () => {
    const o = await proposalOrg(ctx);
    const { db } = ctx.database;
    const people = await db
      .insert(members)
      .values(Array.from({ length: 60 }, (_, i) => ({ orgId: o.org.id, name: `委员${i + 1}` })))
      .returning({ id: members.id });
    const para = (i: number, k: string) => `<p>${k}：${'关于推进城乡公交一体化、改善群众出行条件的具体情况和建议。'.repeat(6)}（${i}）</p>`;
    const body = (i: number) =>
      `${para(i, '情况')}${para(i, '分析')}<p>建议：</p><ol><li>${'加大财政投入，'.repeat(5)}</li><li>${'完善站点设施，'.repeat(5)}</li><li>${'优化线路班次。'.repeat(5)}</li></ol>${para(i, '保障')}`;
    const N = 1000;
    const rows = await db
      .insert(proposals)
      .values(
        Array.from({ length: N }, (_, i) => ({
          orgId: o.org.id,
          sessionId: o.session!.id,
          kind: 'individual',
          firstProposerMemberId: people[i % people.length].id,
          subject: `关于第${i + 1}项民生事项的建议`,
          body: body(i + 1),
          categoryId: o.category.id,
          state: i % 3 === 0 ? 'registered' : 'handling',
          number: i + 1,
          numberLabel: `${o.session!.name}第${String(i + 1).padStart(4, '0')}号`,
          createdByAccountId: o.staff.accountId,
        })),
      )
      .returning({ id: proposals.id });
    await db.insert(proposalProposers).values(
      rows.flatMap((r, i) => [
        { proposalId: r.id, memberId: people[i % people.length].id, role: 'first', status: 'confirmed' },
        { proposalId: r.id, memberId: people[(i + 1) % people.length].id, role: 'cosigner', status: 'confirmed' },
      ]),
    );
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const res = await o.staff.get(`/api/sessions/${o.session!.id}/proposal-compilation.docx`);
    const ms = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    console.log(
      `proposal compilation: ${N} proposals → ${(res.rawPayload.length / 1024).toFixed(0)} KiB .docx in ${ms} ms (CPU ${Math.round((cpu.user + cpu.system) / 1000)} ms, database included)`,
    );
    const d = await readDocx(res.rawPayload);
    expect(d.text).toContain(`共${N}件`);
    expect(d.text).toContain('第1000号\u3000关于第1000项民生事项的建议');
    expect(d.text.indexOf('第0999号\u3000关于第999项')).toBeLessThan(d.text.lastIndexOf('第1000号\u3000关于第1000项'));
  }, 120_000);
});

describe('docx helpers', () => {
  it('Content-Disposition: RFC 5987 UTF-8 name with an ASCII fallback', () => {
    const h = contentDisposition('交办函-十一届三次会议第0001号.docx', 'assignment-letter-1.docx');
    expect(h).toBe(
      `attachment; filename="assignment-letter-1.docx"; filename*=UTF-8''${encodeURIComponent('交办函-十一届三次会议第0001号.docx')}`,
    );
    expect(contentDisposition("a'b (1)!.docx")).toBe(`attachment; filename="a'b (1)!.docx"; filename*=UTF-8''a%27b%20%281%29!.docx`);
    expect(contentDisposition('x/y:"z".docx')).toContain("filename*=UTF-8''x_y__z_.docx");
    const long = contentDisposition(`${'长'.repeat(200)}.docx`);
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(long)![1])).toBe(`${'长'.repeat(115)}.docx`);
  });

  it('HTML → paragraphs: lists, nesting, line breaks, entities, unknown and script tags, control characters', async () => {
    const html =
      '<h3>一、标题</h3><p>甲&amp;乙 &lt;丙&gt; &#20013;&#x6587;<br />换行</p><ul><li>项一<ol><li>子一</li><li>子二</li></ol></li><li><p>项二</p></li></ul><blockquote>引文</blockquote><div><span>未知标签的文字</span></div><style>p{}</style><script>evil()</script>尾\u0001字';
    const doc = new Document({ sections: [{ children: htmlToBlocks(html) }] });
    const d = await readDocx(await Packer.toBuffer(doc));
    const lines = d.text.split('\n').filter(Boolean);
    expect(lines).toEqual([
      '一、标题',
      '甲&乙 <丙> 中文换行',
      '• 项一',
      '（1）子一',
      '（2）子二',
      '• 项二',
      '引文',
      '未知标签的文字',
      '尾字',
    ]);
    expect(d.xml).toContain('<w:br/>');
    expect(d.xml).not.toContain('evil');
    expect(htmlToBlocks('')).toEqual([]);
    expect(() => htmlToBlocks('<table><tr><td>a<td>b</tr><tr><td>c</td></tr></table><p>x</p></li></ol>')).not.toThrow();
  });
});

describe('批量交办函 GET /api/orgs/:orgId/assignment-letters.docx', () => {
  it('one file, one letter per proposal in the order asked, each on its own pages; not yet assigned 409 naming it; the office of this organization only', async () => {
    const s = await setup();
    await assign(s);
    const second = await submitted(s.m, s.o.org.id, { subject: '关于增开峨溶镇夜班车的建议' });
    const reg2 = (await s.o.staff.post(`/api/proposals/${second.id}/register`, { version: second.version })).json();
    const base = `/api/orgs/${s.o.org.id}/assignment-letters.docx`;

    // The second is registered but not assigned: refused, naming it.
    const early = await s.o.staff.get(`${base}?ids=${s.p.id},${second.id}`);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'proposal_document_state_of', field: 'ids', details: { proposalId: second.id, state: 'registered' } });
    expect(early.json().message).toBe(`${reg2.numberLabel}当前状态为「已立案」，尚未交办，不能生成交办函；请取消勾选后重试`);

    const a2 = await s.o.staff.post(`/api/proposals/${second.id}/assign`, { assignMode: 'sole', units: [s.unit3.id], version: reg2.version });
    expect(a2.statusCode, a2.body).toBe(200);
    const d = await download(s.o.staff, `${base}?ids=${second.id},${s.p.id}`);
    expect(d.filename).toMatch(/^交办函-2件-\d{4}-\d{2}-\d{2}\.docx$/);
    const first = d.text.indexOf(`关于交办${reg2.numberLabel}提案的函`);
    const then = d.text.indexOf(`关于交办${s.p.numberLabel}提案的函`);
    expect(first).toBeGreaterThanOrEqual(0);
    expect(then).toBeGreaterThan(first);
    expect(d.text).toContain(`${s.unit3.name}：`);
    expect(d.text).toContain(`主办单位\n${s.o.unit.name}`);
    // A section each (a new page each), page numbers restarting per letter.
    expect(d.xml.match(/<w:sectPr/g)?.length).toBe(2);
    expect(d.xml.match(/<w:pgNumType w:start="1"/g)?.length).toBe(2);

    // Who may: the office of this organization; a proposal of another organization is 404 even for the office.
    expect((await s.m.get(`${base}?ids=${s.p.id}`)).statusCode).toBe(403);
    expect((await s.h1.get(`${base}?ids=${s.p.id}`)).statusCode).toBe(403);
    expect((await s.outsider.get(`${base}?ids=${s.p.id}`)).statusCode).toBe(404);
    const other = await proposalOrg(ctx);
    expect((await other.staff.get(`/api/orgs/${other.org.id}/assignment-letters.docx?ids=${s.p.id}`)).statusCode).toBe(404);
    expect((await s.o.staff.get(`${base}?ids=${s.p.id},999999999`)).statusCode).toBe(404);
    // Bad input: 400 naming the field, never a 500.
    for (const q of ['', '?ids=', '?ids=1,,2', '?ids=abc', `?ids=${Array.from({ length: 201 }, (_, i) => i + 1).join(',')}`]) {
      const r = await s.o.staff.get(base + q);
      expect(r.statusCode, q).toBe(400);
      expect(r.json().field, q).toBe('ids');
      expect(r.json().message, q).toContain('「所选提案」');
    }
  });
});
