import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, signedIn, type Client, type TestContext } from '../../../../test/helpers';
import { handlingOrg, replyOk, type HandlingOrg } from '../proposals/handling.fixtures';
import { keywordFrequencies, pairWords, rankedSearch } from './search.repo';
import { prepareRows, upsertDocs, writeRows, type SearchDoc } from './search.index';
import { refreshProposals } from './sources/proposals';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

interface Hit {
  id: number;
  title: Array<{ text: string; hit: boolean }>;
  snippet: Array<{ text: string; hit: boolean }>;
  status: string;
  replyGrade: string | null;
}
const ids = (r: { json(): { hits: Hit[] } }) => r.json().hits.map((h) => h.id);
/** An index row of a record that exists nowhere else (the writer does not look at the record tables). */
const doc = (orgId: number, recordId: number, title: string): SearchDoc => ({
  orgId,
  kind: 'proposal',
  recordId,
  title,
  label: '',
  content: `${title}。养马河沿岸`,
  year: null,
  categoryId: null,
  unitIds: [],
  status: 'registered',
  visibility: 'internal',
  replyGrade: null,
  replyExcerpt: '',
  recordUpdatedAt: new Date(),
});
const find = (who: Client, orgId: number, q: string, extra = '') => who.get(`/api/orgs/${orgId}/search?q=${encodeURIComponent(q)}${extra}`);

describe('search', () => {
  let h: HandlingOrg;
  let pub: { id: number; version: number };
  let priv: { id: number; version: number };
  let draftId: number;
  let stranger: Client;

  beforeAll(async () => {
    h = await handlingOrg(ctx);
    pub = await h.registered({ isPublic: true, subject: '关于治理养马河水污染的建议' });
    priv = await h.registered({ isPublic: false, subject: '关于养马河沿岸生态修复的建议' });
    const d = await h.m.post(`/api/orgs/${h.org.id}/proposals`, {
      subject: '关于养马河垃圾清运的建议',
      body: '<p>养马河沿岸垃圾堆积。</p>',
    });
    draftId = d.json().id;
    stranger = await h.member();
  });

  it('indexes a proposal in the same transaction as its change, and finds it with highlighted title and snippet', async () => {
    const r = await find(h.staff, h.org.id, '养马河');
    expect(r.statusCode, r.body).toBe(200);
    expect(ids(r)).toEqual(expect.arrayContaining([pub.id, priv.id]));
    const hit = r.json().hits.find((x: Hit) => x.id === pub.id) as Hit;
    expect(hit.title.filter((p) => p.hit).map((p) => p.text)).toContain('养马河');
    expect(r.json().facets.status.length).toBeGreaterThan(0);
    // Body words are found too; a word in no record gives nothing.
    expect(ids(await find(h.staff, h.org.id, '公交线路'))).toEqual(expect.arrayContaining([pub.id, priv.id]));
    expect(ids(await find(h.staff, h.org.id, '量子计算'))).toEqual([]);
  });

  it("keeps drafts to their proposers: the office does not find a member's draft, the member does", async () => {
    expect(ids(await find(h.staff, h.org.id, '垃圾清运'))).not.toContain(draftId);
    expect(ids(await find(h.m, h.org.id, '垃圾清运'))).toContain(draftId);
  });

  it('shows another member public registered proposals only; a unit what is assigned to it', async () => {
    const seen = ids(await find(stranger, h.org.id, '养马河'));
    expect(seen).toContain(pub.id);
    expect(seen).not.toContain(priv.id);
    expect(seen).not.toContain(draftId);
    expect(ids(await find(h.h1, h.org.id, '养马河'))).toEqual(expect.arrayContaining([pub.id]));
    expect(ids(await find(h.h1, h.org.id, '养马河'))).not.toContain(priv.id);
    const { p, assignments } = await h.handling('sole', [h.unit.id], { proposal: priv });
    expect(ids(await find(h.h1, h.org.id, '养马河'))).toContain(priv.id);
    expect(ids(await find(h.h2, h.org.id, '养马河'))).not.toContain(priv.id);
    // The reply text is searchable once the unit replies, and carries the grade.
    await replyOk(h.h1, assignments[0], { body: '<p>已完成养马河沿岸湿地修复工程。</p>', grade: 'B' });
    const r = await find(h.staff, h.org.id, '湿地修复');
    expect(ids(r)).toEqual([p.id]);
    expect(r.json().hits[0].replyGrade).toBe('B');
  });

  it('filters by facet and relaxes to any word when no record holds all', async () => {
    const r = await find(h.staff, h.org.id, '养马河', `&status=registered`);
    expect(ids(r)).toEqual([pub.id]);
    const relaxed = await find(h.staff, h.org.id, '养马河 量子计算');
    expect(relaxed.json().relaxed).toBe(true);
    expect(ids(relaxed)).toContain(pub.id);
  });

  it('rejects an empty query with 400 naming the field', async () => {
    const r = await find(h.staff, h.org.id, '');
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toContain('关键词');
  });

  it('never shows another organization, even with all=1', async () => {
    const other = await handlingOrg(ctx);
    await other.registered({ isPublic: true, subject: '关于治理养马河水污染的建议' });
    expect((await find(other.staff, h.org.id, '养马河')).statusCode).toBe(404);
    const mine = ids(await find(other.staff, other.org.id, '养马河', '&all=1'));
    expect(mine).not.toContain(pub.id);
    // Someone in both organizations sees both with all=1, only the active one without.
    const both = await signedIn(ctx, [
      { orgId: h.org.id, role: 'proposal_staff' },
      { orgId: other.org.id, role: 'proposal_staff' },
    ]);
    const all = await find(both, h.org.id, '养马河水污染', '&all=1');
    expect(new Set(all.json().hits.map((x: { orgId: number }) => x.orgId))).toEqual(new Set([h.org.id, other.org.id]));
    expect(all.json().facets.org).toHaveLength(2);
    expect(new Set((await find(both, h.org.id, '养马河水污染')).json().hits.map((x: { orgId: number }) => x.orgId))).toEqual(
      new Set([h.org.id]),
    );
  });

  it('narrows the index lookups by an organization token that no typed word can match', async () => {
    const [row] = await ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from search_documents where org_id = ${h.org.id}
        and title_tsv @@ ${`'o ${h.org.id}'`}::tsquery and tsv @@ ${`'o ${h.org.id}'`}::tsquery and kw_tsv @@ ${`'o ${h.org.id}'`}::tsquery`,
    );
    expect(row.n).toBeGreaterThan(0);
    // Neither the token's letters nor its number find anything.
    for (const q of [`o ${h.org.id}`, `o${h.org.id}`, `'o ${h.org.id}'`]) {
      const r = await find(h.staff, h.org.id, q);
      expect(r.statusCode, r.body).toBe(200);
      expect(ids(r), q).toEqual([]);
    }
    // A word without lexemes gives an empty tsquery, which ANDed with the token alone would match the whole
    // organization: it still matches nothing (the service drops such words; the statement must not rely on it).
    const scope = { orgId: h.org.id, accountId: 0, reader: true, unitIds: [], activityReader: true, coopReader: true, infoReader: true };
    const base = { scopes: [scope], filter: {}, limit: 20, offset: 0 };
    expect((await rankedSearch(ctx.database, { ...base, words: ['#'], mode: 'and' })).total).toBe(0);
    expect((await rankedSearch(ctx.database, { ...base, words: ['#', '—'], mode: 'or' })).total).toBe(0);
    expect((await rankedSearch(ctx.database, { ...base, words: ['养马河'], mode: 'and' })).total).toBeGreaterThan(0);
  });

  it('catches up records changed behind the commands (reindex)', async () => {
    await ctx.database.db.execute(sql`delete from search_documents where kind = 'proposal' and record_id = ${pub.id}`);
    expect(ids(await find(h.staff, h.org.id, '水污染'))).not.toContain(pub.id);
    expect(await refreshProposals(ctx.database, { orgId: h.org.id })).toBe(1);
    expect(ids(await find(h.staff, h.org.id, '水污染'))).toContain(pub.id);
    // Up to date now: a second pass finds nothing to do (created rows carry the database's microsecond stamps).
    expect(await refreshProposals(ctx.database, { orgId: h.org.id })).toBe(0);
  });

  it('a full catch-up removes the index rows of proposals that no longer exist', async () => {
    const orphan = 900_000_000 + h.org.id;
    await upsertDocs(ctx.database.db, [doc(h.org.id, orphan, '养马河孤立索引行')]);
    expect(await refreshProposals(ctx.database, { orgId: h.org.id })).toBe(0);
    const left = await ctx.database.rows<{ n: number }>(
      sql`select count(*)::int as n from search_documents where kind = 'proposal' and record_id = ${orphan}`,
    );
    expect(left[0].n).toBe(0);
  });

  it('writes a bulk batch in statements of 1,000 rows, keeping quotes, backslashes and empty facets intact', async () => {
    const base = 800_000_000 + h.org.id * 10_000;
    const docs = Array.from({ length: 1001 }, (_, i) =>
      doc(h.org.id, base + i, i === 1000 ? `"引号" \\养马河\n换行 '单引号' 批量索引${i}` : `批量索引第${i}号`),
    );
    await writeRows(ctx.database.db, prepareRows(docs));
    const rows = await ctx.database.rows<{ title: string; year: number | null; unit_ids: number[]; keywords: string[]; hit: boolean }>(sql`
      select title, year, unit_ids, keywords, title_tsv @@ plainto_tsquery('simple', '养马河') as hit
      from search_documents where kind = 'proposal' and record_id between ${base} and ${base + 1000} order by record_id`);
    expect(rows).toHaveLength(1001);
    expect(rows[1000]).toMatchObject({ title: docs[1000].title, year: null, unit_ids: [], hit: true });
    expect(rows[0].hit).toBe(false);
    expect(rows[1000].keywords).toContain('养马河');
    // Written again, the rows are replaced, not doubled.
    await writeRows(ctx.database.db, prepareRows([{ ...docs[0], title: '批量索引已改', year: 2026, unitIds: [7, 9] }]));
    const again = await ctx.database.rows<{ title: string; year: number; unit_ids: Array<number | string>; n: number }>(sql`
      select title, year, unit_ids, count(*) over ()::int as n from search_documents where kind = 'proposal' and record_id = ${base}`);
    expect(again).toHaveLength(1);
    expect({ ...again[0], unit_ids: again[0].unit_ids.map(Number) }).toEqual({ title: '批量索引已改', year: 2026, unit_ids: [7, 9], n: 1 });
    await ctx.database.db.execute(
      sql`delete from search_documents where kind = 'proposal' and record_id between ${base} and ${base + 1000}`,
    );
  });
});

describe('similar proposals', () => {
  let h: HandlingOrg;
  beforeAll(async () => {
    h = await handlingOrg(ctx);
  });

  it('finds the earlier proposal on the same matter with its reply grade, and not unrelated ones', async () => {
    const body = '<p>峨溶镇距县城较远，群众出行难，缺少公交线路。建议开通县城至峨溶镇的公交线路，方便群众出行。</p>';
    const { p, assignments } = await h.handling('sole', [h.unit.id], {
      proposal: await h.registered({ subject: '关于开通县城至峨溶镇公交线路的建议' }),
    });
    await replyOk(h.h1, assignments[0], { grade: 'B', body: '<p>已纳入明年公交线网规划，逐步开通峨溶镇公交。</p>' });
    const food = (
      await h.m.post(`/api/orgs/${h.org.id}/proposals`, {
        subject: '关于加强中小学校园食品安全管理的建议',
        body: '<p>校园食堂食品安全监管不到位，建议加强检查。</p>',
      })
    ).json();
    expect((await h.m.post(`/api/proposals/${food.id}/submit`, { version: food.version })).statusCode).toBe(200);
    const r = await h.staff.post(`/api/orgs/${h.org.id}/proposals/similar`, { subject: '关于解决峨溶镇群众乘车难问题的建议', body });
    expect(r.statusCode, r.body).toBe(200);
    const items = r.json().items as Array<{ id: number; replyGrade: string; replyExcerpt: string; title: string }>;
    expect(items[0].id).toBe(p.id);
    expect(items[0].replyGrade).toBe('B');
    expect(items[0].replyExcerpt).toContain('公交线网');
    expect(items.map((x) => x.title)).not.toContain('关于加强中小学校园食品安全管理的建议');
    // For a saved proposal, itself is left out.
    const own = await h.staff.get(`/api/proposals/${p.id}/similar`);
    expect(own.statusCode).toBe(200);
    expect(own.json().items.map((x: { id: number }) => x.id)).not.toContain(p.id);
    // An empty draft has no similar proposals (not an error).
    expect((await h.staff.post(`/api/orgs/${h.org.id}/proposals/similar`, {})).json().items).toEqual([]);
  });

  it('pairs the words the index holds least often: unlisted words first, then by frequency, ties in the given order', async () => {
    const freq = new Map([
      ['乡镇', 0.58],
      ['政策', 0.57],
      ['融合', 0.056],
      ['合作', 0.016],
      ['基地', 0.023],
    ]);
    expect(pairWords(['校企', '合作', '融合', '职业', '政策', '基地', '教育', '乡镇'], freq)).toEqual(['校企', '职业', '教育', '合作']);
    expect(pairWords(['乡镇', '政策', '融合'], freq)).toEqual(['融合', '政策', '乡镇']);
    expect(pairWords(['a', 'b', 'c', 'd', 'e'], new Map())).toEqual(['a', 'b', 'c', 'd']);
    // The statistics are read from PostgreSQL (after ANALYZE the index's common keywords are listed).
    await ctx.database.rows(sql`analyze search_documents`);
    const listed = await keywordFrequencies(ctx.database);
    expect([...listed.values()].every((f) => f > 0 && f <= 1)).toBe(true);
  });

  it("a member's draft is similar only to what that member may open", async () => {
    const priv = await h.registered({ isPublic: false, subject: '关于整治城区占道经营的建议' });
    const other = await h.member();
    const draftText = { subject: '关于整治城区占道经营的建议', body: '<p>城区占道经营严重，影响交通。建议整治占道经营。</p>' };
    const seen = (await other.post(`/api/orgs/${h.org.id}/proposals/similar`, draftText)).json().items.map((x: { id: number }) => x.id);
    expect(seen).not.toContain(priv.id);
    const office = (await h.staff.post(`/api/orgs/${h.org.id}/proposals/similar`, draftText)).json().items.map((x: { id: number }) => x.id);
    expect(office).toContain(priv.id);
  });
});
