/**
 * Search relevance on the demo data: nDCG@10 of the judged query set (relevance.judged.ts), reported and held
 * above a floor so a change of ranking cannot quietly make it worse.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@common/roles';
import { loadDemo } from '@server/demo/load';
import type { Actor } from '@server/lib/context';
import { freshDatabase } from '../../../../test/helpers';
import { JUDGED, JUDGED_ACCOUNT, JUDGED_ORG } from './relevance.judged';
import { search } from './search.service';

/** The floor; measured 2026-11-27 at 0.955 (see the report line this test prints). */
const NDCG_FLOOR = 0.9;

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
  await loadDemo(db.database);
}, 180_000);
afterAll(() => db?.drop());

const dcg = (gains: number[]) => gains.reduce((a, g, i) => a + (2 ** g - 1) / Math.log2(i + 2), 0);

describe('search relevance (judged queries over the demo data)', () => {
  it('keeps nDCG@10 above the floor', async () => {
    const { database } = db;
    const [acc] = await database.rows<{ id: number; org_id: number }>(
      sql`select a.id, o.id as org_id from accounts a, organizations o where a.username = ${JUDGED_ACCOUNT} and o.code = ${JUDGED_ORG}`,
    );
    const grants = await database.rows<{ id: number; org_id: number; role: string; unit_id: number | null }>(
      sql`select id, org_id, role, unit_id from role_grants where account_id = ${acc.id}`,
    );
    const actor: Actor = {
      accountId: acc.id,
      username: JUDGED_ACCOUNT,
      displayName: JUDGED_ACCOUNT,
      locale: 'zh-CN',
      grants: grants.map((g) => ({ id: g.id, orgId: Number(g.org_id), role: g.role as Role, unitId: g.unit_id, title: '' })),
      activeOrgId: acc.org_id,
      isPlatformAdmin: false,
      sessionHash: '',
      csrfToken: '',
      mustChangePassword: false,
    };
    // Everything the caller may see in the organization (the office: every proposal but drafts), for the ideal DCG.
    const visible = await database.rows<{ subject: string }>(sql`select subject from proposals where org_id = ${acc.org_id} and state <> 'draft'`);
    const gradeOf = (rel: (typeof JUDGED)[number]['relevant'], title: string) => Math.max(0, ...rel.filter(([re]) => re.test(title)).map(([, g]) => g));
    const lines: string[] = [];
    let sum = 0;
    for (const j of JUDGED) {
      const res = await search(database, actor, acc.org_id, { q: j.q, page: 1, limit: 10 });
      const gains = res.hits.map((h) => gradeOf(j.relevant, h.title.map((p) => p.text).join('')));
      const ideal = visible.map((v) => gradeOf(j.relevant, v.subject)).sort((a, b) => b - a).slice(0, 10);
      expect(ideal[0], `the judged set's query "${j.q}" has no relevant demo record`).toBeGreaterThan(0);
      const ndcg = dcg(gains) / dcg(ideal);
      sum += ndcg;
      if (ndcg < 0.9) lines.push(`  ${ndcg.toFixed(3)} ${j.q} → ${res.hits.slice(0, 5).map((h) => h.title.map((p) => p.text).join('')).join(' | ')}`);
    }
    const mean = sum / JUDGED.length;
    console.log(`search relevance: nDCG@10 = ${mean.toFixed(3)} over ${JUDGED.length} judged queries (floor ${NDCG_FLOOR})${lines.length ? `\nbelow 0.9:\n${lines.join('\n')}` : ''}`);
    expect(JUDGED.length).toBeGreaterThanOrEqual(30);
    expect(mean).toBeGreaterThanOrEqual(NDCG_FLOOR);
  }, 120_000);
});
