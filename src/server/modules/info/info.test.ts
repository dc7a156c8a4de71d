import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { INFO_STATUSES, INFO_TRANSITIONS, infoActionsFor, type InfoAction } from '@common/info';
import { auditLog, infoReports, outbox } from '@server/db/schema/index';
import { createTestApp, type Client, type TestContext } from '../../../../test/helpers';
import { infoOrg, REPORT, reportIn, today, type InfoOrg, type MemberClient } from './info.fixtures';
import { issuedAtFor } from './commands/issue-commands';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const ok = (r: { statusCode: number; body: string }) => {
  expect(r.statusCode, r.body).toBe(200);
  return JSON.parse(r.body);
};

describe('report life cycle (every transition allowed and refused)', () => {
  let o: InfoOrg;
  let m: MemberClient;
  beforeAll(async () => {
    o = await infoOrg(ctx);
    m = await o.member();
  });

  type Call = (r: { id: number; version: number }) => Promise<{ statusCode: number; body: string; json(): unknown }>;
  const ACTIONS: Record<
    Exclude<InfoAction, 'edit' | 'revise'>,
    { by: 'member' | 'staff'; call: (c: Client, r: { id: number; version: number }) => ReturnType<Call> }
  > = {
    submit: { by: 'member', call: (c, r) => c.post(`/api/info-reports/${r.id}/submit`, { version: r.version }) },
    accept: { by: 'staff', call: (c, r) => c.post(`/api/info-reports/${r.id}/accept`, { version: r.version }) },
    return: { by: 'staff', call: (c, r) => c.post(`/api/info-reports/${r.id}/return`, { comments: '请补充', version: r.version }) },
    reject: { by: 'staff', call: (c, r) => c.post(`/api/info-reports/${r.id}/reject`, { reason: '重复', version: r.version }) },
    merge: {
      by: 'staff',
      call: async (c, r) =>
        c.post(`/api/info-reports/${r.id}/merge`, { sourceIds: [(await reportIn(o, m, 'submitted')).id], version: r.version }),
    },
    issue: { by: 'staff', call: (c, r) => c.post(`/api/orgs/${o.org.id}/info-issues`, { reportIds: [r.id], issuedOn: today() }) },
    record_adoption: {
      by: 'staff',
      call: (c, r) => c.post(`/api/info-reports/${r.id}/adoptions`, { bodyName: '全国政协', level: 'national', adoptedOn: today() }),
    },
    record_instruction: {
      by: 'staff',
      call: (c, r) =>
        c.post(`/api/info-reports/${r.id}/instructions`, { leader: '县委书记', level: 'county', text: '请研究', instructedOn: today() }),
    },
    record_feedback: {
      by: 'staff',
      call: (c, r) => c.post(`/api/info-reports/${r.id}/feedback`, { unitName: '县民政局', text: '已落实', fedBackOn: today() }),
    },
    archive: { by: 'staff', call: (c, r) => c.post(`/api/info-reports/${r.id}/archive`, { version: r.version }) },
  };
  for (const [action, spec] of Object.entries(ACTIONS)) {
    for (const from of INFO_STATUSES) {
      const t = INFO_TRANSITIONS.find((x) => x.from === from && x.action === action);
      // Drafts are private to their author: the office does not see them at all (404), so nothing to refuse.
      const hidden = from === 'draft' && spec.by === 'staff';
      // (Issuing names reports in the body: a draft there is an unknown report, 400.)
      const hiddenStatus = action === 'issue' ? 400 : 404;
      it(`${action} from ${from}: ${t ? `→ ${t.to}` : hidden ? `${hiddenStatus} (draft is private)` : '409'}`, async () => {
        const r = await reportIn(o, m, from);
        const res = await spec.call(spec.by === 'staff' ? o.staff : m, r);
        if (t) {
          expect(res.statusCode, res.body).toBe(200);
          const after = ok(await m.get(`/api/info-reports/${r.id}`));
          expect(after.status).toBe(t.to);
          expect(after.version).toBeGreaterThan(r.version);
        } else if (hidden) {
          expect(res.statusCode, res.body).toBe(hiddenStatus);
        } else {
          expect(res.statusCode, res.body).toBe(409);
          expect((res.json() as { code: string }).code).toBe('info_transition_refused');
          expect((res.json() as { message: string }).message).toContain('当前可执行的操作');
        }
      });
    }
  }

  for (const from of INFO_STATUSES) {
    const action = from === 'editing' ? 'revise' : 'edit';
    const t = INFO_TRANSITIONS.find((x) => x.from === from && x.action === action);
    it(`PATCH (${action}) from ${from}: ${t ? 'saved' : '409'}`, async () => {
      const r = await reportIn(o, m, from);
      const who = from === 'editing' || (from !== 'draft' && from !== 'returned') ? o.staff : m;
      const res = await who.patch(`/api/info-reports/${r.id}`, { situation: '改后的情况', version: r.version });
      if (t) {
        const v = ok(res);
        expect(v.situation).toBe('改后的情况');
        expect(v.status).toBe(from);
      } else {
        expect(res.statusCode, res.body).toBe(409);
        expect(res.json().code).toBe('info_transition_refused');
      }
    });
  }

  it('the abilities shown are the table, by hat: the submitter and the office see their own actions', async () => {
    const r = await reportIn(o, m, 'submitted');
    expect(ok(await o.staff.get(`/api/info-reports/${r.id}`)).abilities).toEqual(infoActionsFor('submitted', ['staff']));
    expect(ok(await m.get(`/api/info-reports/${r.id}`)).abilities).toEqual([]);
    const d = await reportIn(o, m, 'draft');
    expect(d.abilities).toEqual(infoActionsFor('draft', ['submitter']));
    expect(ok(await o.leader.get(`/api/info-reports/${r.id}`)).abilities).toEqual([]);
  });
});

describe('submitting, editing and returning', () => {
  it('a draft autosaves with versions (stale → 409) and submit needs a title; over 1,500 characters is allowed', async () => {
    const o = await infoOrg(ctx);
    const m = await o.member();
    const d = ok(await m.post(`/api/orgs/${o.org.id}/info-reports`, {}));
    expect(d.status).toBe('draft');
    expect(d.authors).toEqual([{ memberId: m.memberId, name: m.name, role: 'first', viaMergeFrom: null }]);
    const noTitle = await m.post(`/api/info-reports/${d.id}/submit`, { version: d.version });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().field).toBe('infoTitle');
    expect(noTitle.json().message).toContain('信息标题');
    const long = '情'.repeat(1600);
    const saved = ok(await m.patch(`/api/info-reports/${d.id}`, { ...REPORT, situation: long, version: d.version }));
    expect(saved.length).toBeGreaterThan(1500);
    const stale = await m.patch(`/api/info-reports/${d.id}`, { title: '再改', version: d.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('conflict_version');
    const sub = ok(await m.post(`/api/info-reports/${d.id}/submit`, { version: saved.version }));
    expect(sub.status).toBe('submitted');
    expect(sub.submittedAt).not.toBeNull();
  });

  it('the office edits with history kept (submitters see the current text only); return with comments → revise → resubmit', async () => {
    const o = await infoOrg(ctx);
    const m = await o.member();
    const r = await reportIn(o, m, 'editing');
    const v = ok(
      await o.staff.patch(`/api/info-reports/${r.id}`, { title: '关于完善农村助餐服务的建议', note: '精简标题', version: r.version }),
    );
    expect(v.title).toBe('关于完善农村助餐服务的建议');
    expect(v.revisions).toHaveLength(1);
    expect(v.revisions[0]).toMatchObject({ title: REPORT.title, note: '精简标题' });
    expect(ok(await m.get(`/api/info-reports/${r.id}`)).revisions).toEqual([]);
    const ret = ok(await o.staff.post(`/api/info-reports/${r.id}/return`, { comments: '请补充近三年数据', version: v.version }));
    expect(ret.status).toBe('returned');
    expect(ret.returnComments).toBe('请补充近三年数据');
    const [note] = await ctx.database.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.eventType, 'info.returned'), eq(outbox.orgId, o.org.id)));
    expect((note.payload as { recipients: number[] }).recipients).toContain(m.accountId);
    // The office cannot edit a returned report; the submitter revises and resubmits.
    expect((await o.staff.patch(`/api/info-reports/${r.id}`, { title: 'x', version: ret.version })).statusCode).toBe(403);
    const fixed = ok(await m.patch(`/api/info-reports/${r.id}`, { situation: '近三年数据：……', version: ret.version }));
    const again = ok(await m.post(`/api/info-reports/${r.id}/submit`, { version: fixed.version }));
    expect(again.status).toBe('submitted');
  });

  it('co-authors, sources and user input: 400 with the field, never 500', async () => {
    const o = await infoOrg(ctx);
    const m = await o.member();
    const co = await o.member();
    const r = ok(await m.post(`/api/orgs/${o.org.id}/info-reports`, { ...REPORT, coAuthorIds: [co.memberId] }));
    expect(r.authors.map((a: { role: string }) => a.role)).toEqual(['first', 'co']);
    // The co-author sees it among their own.
    expect(ok(await co.get(`/api/orgs/${o.org.id}/info-reports?mine=true`)).items.map((i: { id: number }) => i.id)).toContain(r.id);
    const bad = await m.post(`/api/orgs/${o.org.id}/info-reports`, { ...REPORT, coAuthorIds: [999999] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('coAuthorIds');
    expect(bad.json().message).toContain('联名委员');
    // At creation (the new-report dialog) as on edit: a member of another organization is refused, nothing is created.
    const stranger = await (await infoOrg(ctx)).member();
    const before = ok(await m.get(`/api/orgs/${o.org.id}/info-reports?mine=true`)).items.length;
    const foreign = await m.post(`/api/orgs/${o.org.id}/info-reports`, { ...REPORT, coAuthorIds: [co.memberId, stranger.memberId] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().field).toBe('coAuthorIds');
    expect(foreign.json().message).toContain('不是本组织的在册委员');
    expect(ok(await m.get(`/api/orgs/${o.org.id}/info-reports?mine=true`)).items.length).toBe(before);
    // More than the limit is refused by the schema, naming the field.
    const many = await m.post(`/api/orgs/${o.org.id}/info-reports`, { ...REPORT, coAuthorIds: Array.from({ length: 21 }, (_, i) => i + 1) });
    expect(many.statusCode).toBe(400);
    expect(many.json().field).toBe('coAuthorIds');
    const noMember = await o.staff.post(`/api/orgs/${o.org.id}/info-reports`, { ...REPORT, submitterKind: 'member' });
    expect(noMember.statusCode).toBe(400);
    expect(noMember.json().field).toBe('submitterKind');
    // An information officer (no member record) files under their own name.
    const officer = ok(await o.staff.post(`/api/orgs/${o.org.id}/info-reports`, { ...REPORT, submitterKind: 'officer' }));
    expect(officer.authors).toEqual([]);
    expect(officer.submitterKind).toBe('officer');
    const future = await o.staff.post(`/api/orgs/${o.org.id}/info-issues`, { reportIds: [r.id], issuedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    expect((await m.post(`/api/orgs/${o.org.id}/info-reports`, { title: 'x'.repeat(201) })).statusCode).toBe(400);
  });
});

describe('co-authors (联名委员) on edit', () => {
  it('the submitter replaces them on a draft; the view returns them; the office cannot change them while editing', async () => {
    const o = await infoOrg(ctx);
    const m = await o.member();
    const c1 = await o.member();
    const c2 = await o.member();
    const r = ok(await m.post(`/api/orgs/${o.org.id}/info-reports`, { ...REPORT, coAuthorIds: [c1.memberId] }));
    const co = (v: { authors: Array<{ memberId: number; name: string; role: string }> }) =>
      v.authors.filter((a) => a.role === 'co').map((a) => a.memberId);
    // replaced (the first author is never a co-author; listing them is ignored)
    const v1 = ok(await m.patch(`/api/info-reports/${r.id}`, { coAuthorIds: [c2.memberId, m.memberId], version: r.version }));
    expect(co(v1)).toEqual([c2.memberId]);
    expect(v1.authors).toContainEqual({ memberId: c2.memberId, name: c2.name, role: 'co', viaMergeFrom: null });
    // the GET the editor prefills from returns them too
    expect(co(ok(await m.get(`/api/info-reports/${r.id}`)))).toEqual([c2.memberId]);
    // a text-only save leaves them as they are
    const v2 = ok(await m.patch(`/api/info-reports/${r.id}`, { title: '改后的标题', version: v1.version }));
    expect(co(v2)).toEqual([c2.memberId]);
    // a member of another organization is refused, naming the field
    const other = await infoOrg(ctx);
    const stranger = await other.member();
    const bad = await m.patch(`/api/info-reports/${r.id}`, { coAuthorIds: [stranger.memberId], version: v2.version });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('coAuthorIds');
    const none = ok(await m.patch(`/api/info-reports/${r.id}`, { coAuthorIds: [], version: v2.version }));
    expect(co(none)).toEqual([]);
    // the change is audited from → to
    const audits = await ctx.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'info_report'), eq(auditLog.entityId, r.id), eq(auditLog.action, 'edit')));
    expect(audits.map((a) => (a.after as { coAuthorIds?: number[] }).coAuthorIds).filter(Boolean)).toEqual([[c2.memberId], []]);
    // while the office edits (采编), the authors are locked
    const ed = await reportIn(o, m, 'editing');
    const locked = await o.staff.patch(`/api/info-reports/${ed.id}`, { coAuthorIds: [c1.memberId], version: ed.version });
    expect(locked.statusCode).toBe(400);
    expect(locked.json().field).toBe('coAuthorIds');
  });

  it('co-authors who stay keep their merge credit when the list is edited on a returned report', async () => {
    const o = await infoOrg(ctx);
    const a = await o.member();
    const b = await o.member();
    const c = await o.member();
    const target = await reportIn(o, a, 'editing');
    const src = await reportIn(o, b, 'submitted');
    const merged = ok(await o.staff.post(`/api/info-reports/${target.id}/merge`, { sourceIds: [src.id], version: target.version }));
    const ret = ok(await o.staff.post(`/api/info-reports/${target.id}/return`, { comments: '请补充', version: merged.version }));
    const v = ok(await a.patch(`/api/info-reports/${target.id}`, { coAuthorIds: [b.memberId, c.memberId], version: ret.version }));
    expect(v.authors).toContainEqual({ memberId: b.memberId, name: b.name, role: 'co', viaMergeFrom: src.id });
    expect(v.authors).toContainEqual({ memberId: c.memberId, name: c.name, role: 'co', viaMergeFrom: null });
  });
});

describe('merging, issuing, adoption, instruction, feedback', () => {
  it('merge: merged reports link to the target and their authors are credited', async () => {
    const o = await infoOrg(ctx);
    const a = await o.member();
    const b = await o.member();
    const target = await reportIn(o, a, 'editing');
    const src = await reportIn(o, b, 'submitted');
    const v = ok(await o.staff.post(`/api/info-reports/${target.id}/merge`, { sourceIds: [src.id], version: target.version }));
    expect(v.mergedFrom).toEqual([{ id: src.id, title: REPORT.title }]);
    expect(v.authors).toContainEqual({ memberId: b.memberId, name: b.name, role: 'co', viaMergeFrom: src.id });
    const merged = ok(await b.get(`/api/info-reports/${src.id}`));
    expect(merged.status).toBe('merged');
    expect(merged.mergedIntoId).toBe(target.id);
    // b is credited, so b sees the target among their own reports.
    expect(ok(await b.get(`/api/info-reports/${target.id}`)).id).toBe(target.id);
    const self = await o.staff.post(`/api/info-reports/${target.id}/merge`, { sourceIds: [target.id], version: v.version });
    expect(self.statusCode).toBe(400);
  });

  it('issue numbers are per organization and year, gapless (a refused issue uses no number); .docx export', async () => {
    const o = await infoOrg(ctx);
    const other = await infoOrg(ctx);
    const m = await o.member();
    const r1 = await reportIn(o, m, 'editing');
    const r2 = await reportIn(o, m, 'editing');
    const first = ok(
      await o.staff.post(`/api/orgs/${o.org.id}/info-issues`, { reportIds: [r1.id, r2.id], issuedOn: today(), title: '民生专刊' }),
    );
    expect(first.number).toBe(1);
    expect(first.label).toBe(`《社情民意》${today().slice(0, 4)}年第1期`);
    expect(first.reports.map((x: { id: number }) => x.id).sort()).toEqual([r1.id, r2.id].sort());
    // A report not in 采编 refuses the whole issue, and the number is not used.
    const sub = await reportIn(o, m, 'submitted');
    const refused = await o.staff.post(`/api/orgs/${o.org.id}/info-issues`, { reportIds: [sub.id], issuedOn: today() });
    expect(refused.statusCode).toBe(409);
    const r3 = await reportIn(o, m, 'editing');
    expect(ok(await o.staff.post(`/api/orgs/${o.org.id}/info-issues`, { reportIds: [r3.id], issuedOn: today() })).number).toBe(2);
    const r4 = await reportIn(o, m, 'editing');
    expect(ok(await o.staff.post(`/api/orgs/${o.org.id}/info-issues`, { reportIds: [r4.id], issuedOn: '2025-12-30' })).number).toBe(1);
    // Another organization counts on its own.
    const om = await other.member();
    const x = await reportIn(other, om, 'editing');
    expect(ok(await other.staff.post(`/api/orgs/${other.org.id}/info-issues`, { reportIds: [x.id], issuedOn: today() })).number).toBe(1);
    // A report of another organization cannot be put into this one's issue.
    const foreign = await reportIn(other, om, 'editing');
    const cross = await o.staff.post(`/api/orgs/${o.org.id}/info-issues`, { reportIds: [foreign.id], issuedOn: today() });
    expect(cross.statusCode).toBe(400);
    expect(cross.json().field).toBe('reportIds');

    const issued = ok(await m.get(`/api/info-reports/${r1.id}`));
    expect(issued.status).toBe('issued');
    expect(issued.issueLabel).toBe(first.label);
    const doc = await o.staff.get(`/api/info-issues/${first.id}/bulletin.docx`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toContain('wordprocessingml');
    expect(doc.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(String(doc.headers['content-disposition'])).toContain(encodeURIComponent('社情民意'));
    expect((await o.leader.get(`/api/info-issues/${first.id}/bulletin.docx`)).statusCode).toBe(200);
    expect((await m.get(`/api/info-issues/${first.id}/bulletin.docx`)).statusCode).toBe(403);
    expect(ok(await o.leader.get(`/api/orgs/${o.org.id}/info-issues`)).items).toHaveLength(3);
  });

  it('issue, adoption and instruction notify the submitters; every change writes an audit row', async () => {
    const o = await infoOrg(ctx);
    const m = await o.member();
    const r = await reportIn(o, m, 'instructed');
    const notes = await ctx.database.db.select().from(outbox).where(eq(outbox.orgId, o.org.id));
    const kinds = notes.filter((n) => (n.payload as { recipients: number[] }).recipients.includes(m.accountId)).map((n) => n.eventType);
    expect(kinds).toEqual(expect.arrayContaining(['info.issued', 'info.adopted', 'info.instructed']));
    const audits = await ctx.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'info_report'), eq(auditLog.entityId, String(r.id))));
    expect(audits.map((a) => a.action)).toEqual(['create', 'submit', 'accept', 'issue', 'record_adoption', 'record_instruction']);
    const v = ok(await m.get(`/api/info-reports/${r.id}`));
    expect(v.adoptions).toEqual([expect.objectContaining({ bodyName: '重庆市政协', level: 'municipal', adoptedOn: today() })]);
    expect(v.instructions).toEqual([expect.objectContaining({ leader: '市委领导', level: 'municipal', text: '请市民政局研究。' })]);
    const bad = await o.staff.post(`/api/info-reports/${r.id}/instructions`, {
      leader: 'x',
      level: '市',
      text: 'x',
      instructedOn: today(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('level');
  });

  it('issued_at is the issue day (noon China time) for a back-dated issue', () => {
    expect(issuedAtFor('2025-03-02').toISOString()).toBe('2025-03-02T04:00:00.000Z');
  });
});

describe('who sees what', () => {
  it('members see their own (and co-authored) reports only; others 404; leaders read all but cannot act; drafts stay private', async () => {
    const o = await infoOrg(ctx);
    const a = await o.member();
    const b = await o.member();
    const ra = await reportIn(o, a, 'submitted');
    const draft = await reportIn(o, a, 'draft');
    expect((await b.get(`/api/info-reports/${ra.id}`)).statusCode).toBe(404);
    expect(ok(await b.get(`/api/orgs/${o.org.id}/info-reports`)).items).toEqual([]);
    const mine = ok(await a.get(`/api/orgs/${o.org.id}/info-reports`)).items.map((i: { id: number }) => i.id);
    expect(mine).toEqual([draft.id, ra.id]);
    const staffList = ok(await o.staff.get(`/api/orgs/${o.org.id}/info-reports`)).items.map((i: { id: number }) => i.id);
    expect(staffList).toEqual([ra.id]);
    expect((await o.staff.get(`/api/info-reports/${draft.id}`)).statusCode).toBe(404);
    expect(ok(await o.leader.get(`/api/info-reports/${ra.id}`)).id).toBe(ra.id);
    expect((await o.leader.post(`/api/info-reports/${ra.id}/accept`, { version: ra.version })).statusCode).toBe(403);
    expect((await a.post(`/api/info-reports/${ra.id}/accept`, { version: ra.version })).statusCode).toBe(403);
    expect((await a.get(`/api/orgs/${o.org.id}/info-stats?year=2026`)).statusCode).toBe(403);
    // Paging and filters in SQL.
    const page = ok(await o.staff.get(`/api/orgs/${o.org.id}/info-reports?status=submitted&limit=1`));
    expect(page.items).toHaveLength(1);
  });
});

describe('statistics', () => {
  it('counts received, issued, issues, adopted and instructed by level, fed back; per month, submitter, sector, organization', async () => {
    const o = await infoOrg(ctx);
    const m = await o.member();
    await reportIn(o, m, 'fed_back');
    await reportIn(o, m, 'submitted');
    await reportIn(o, m, 'draft');
    const year = Number(today().slice(0, 4));
    const s = ok(await o.leader.get(`/api/orgs/${o.org.id}/info-stats?year=${year}`));
    expect(s.totals).toEqual({ received: 2, issued: 1, issues: 1, adopted: 1, instructed: 1, fedBack: 1 });
    expect(s.adoptedByLevel.find((x: { level: string }) => x.level === 'municipal').count).toBe(1);
    expect(s.instructedByLevel.find((x: { level: string }) => x.level === 'municipal').count).toBe(1);
    const month = s.byMonth.find((x: { key: string }) => x.key === today().slice(5, 7));
    expect(month).toMatchObject({ received: 2, issued: 1 });
    expect(s.bySubmitter).toEqual([
      expect.objectContaining({ label: m.name, received: 2, issued: 1, adopted: 1, instructed: 1, fedBack: 1 }),
    ]);
    expect(s.bySector).toEqual([expect.objectContaining({ label: o.sector.name, received: 2 })]);
    expect(s.byOrg[0]).toMatchObject({ key: String(o.org.id), received: 2 });
    const empty = ok(await o.staff.get(`/api/orgs/${o.org.id}/info-stats?year=2001`));
    expect(empty.totals.received).toBe(0);
  });
});

describe('proposals converted to 社情民意', () => {
  it('a proposal not registered with 转社情民意 arrives as a submitted report linked both ways', async () => {
    const { proposalOrg, submitted } = await import('../proposals/proposals.fixtures');
    const o = await proposalOrg(ctx);
    const m = await o.member();
    const p = await submitted(m, o.org.id);
    ok(
      await o.staff.post(`/api/proposals/${p.id}/not-register`, {
        reason: '不属于政协提案受理范围',
        conversionKind: 'social_info',
        note: '转信息科',
        version: p.version,
      }),
    );
    const [row] = await ctx.database.db.select().from(infoReports).where(eq(infoReports.originProposalId, p.id));
    expect(row).toMatchObject({ status: 'submitted', title: p.subject, orgId: o.org.id });
    expect(row.situation).toContain('峨溶镇群众出行难');
    const view = ok(await m.get(`/api/info-reports/${row.id}`));
    expect(view.originProposal).toMatchObject({ id: p.id, subject: p.subject });
    expect(view.authors[0]).toMatchObject({ memberId: m.memberId, role: 'first' });
    const linked = ok(await m.get(`/api/proposals/${p.id}/info-reports`));
    expect(linked.items.map((i: { id: number }) => i.id)).toEqual([row.id]);
    // Another conversion kind creates no report.
    const p2 = await submitted(m, o.org.id);
    ok(
      await o.staff.post(`/api/proposals/${p2.id}/not-register`, {
        reason: '不属于政协提案受理范围',
        conversionKind: 'opinion',
        note: '',
        version: p2.version,
      }),
    );
    expect(ok(await m.get(`/api/proposals/${p2.id}/info-reports`)).items).toEqual([]);
  });
});
