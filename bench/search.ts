/**
 * Search benchmark (not wired into bench/run.ts): generates N synthetic proposal documents straight into the search
 * index of the database in DATABASE_URL (or a fresh embedded PGlite when unset), then reports
 *   - indexing docs/s (jieba in Node + tsvector/GIN in the database, batches of 500 in transactions),
 *   - ranked search p50/p95 (the app's query: bounded candidates, ranking, facets, permissions) beside the naive
 *     `ts_rank` over every match, and their ratio,
 *   - similar-proposal top-5 p50/p95.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/xs_search_bench npx tsx bench/search.ts --docs 10000 [--orgs 1] [--json]
 *
 * The database is migrated; its search index and bench organizations are replaced (other data is not touched).
 */
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, runMigrations } from '@server/db/client';
import { organizations } from '@server/db/schema/index';
import type { Actor } from '@server/lib/context';
import { prepareRows, writeRows, type SearchDoc } from '@server/modules/search/search.index';
import { naiveSearch } from '@server/modules/search/search.repo';
import { search, similarTo, similarWords } from '@server/modules/search/search.service';
import { queryWords } from '@server/modules/search/search.text';
import { BODY_PROBLEMS, BODY_SITUATION, BODY_SUGGESTIONS, makeRng, PLACES, PROPOSAL_TOPICS, REPLY_SENTENCES, SUBJECT_TEMPLATES } from './vocab';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '10000' },
    orgs: { type: 'string', default: '1' },
    queries: { type: 'string', default: '200' },
    json: { type: 'boolean', default: false },
  },
});
const N = Number(values.docs);
const ORGS = Math.max(1, Number(values.orgs));
const Q = Number(values.queries);

const rng = makeRng(20261127);
const STATES = ['registered', 'assigned', 'handling', 'replied', 'evaluated', 'closed', 'submitted', 'draft'];

function makeDoc(orgId: number, recordId: number): SearchDoc {
  const [, topic, kws] = rng.pick(PROPOSAL_TOPICS);
  const place = rng.pick(PLACES);
  const year = 2017 + rng.int(10);
  const fill = (tpl: string) =>
    tpl
      .replaceAll('{t}', topic)
      .replaceAll('{p}', place)
      .replaceAll('{x}', '区')
      .replaceAll('{y}', String(year - 1))
      .replace(/\{k\}/g, () => rng.pick(kws))
      .replace(/\{n\}/g, () => String(2 + rng.int(60)));
  const some = (pool: string[], min: number, max: number) => {
    const n = min + rng.int(max - min + 1);
    const start = rng.int(pool.length);
    return Array.from({ length: Math.min(n, pool.length) }, (_, i) => fill(pool[(start + i) % pool.length])).join('');
  };
  const state = rng.pick(STATES);
  const replied = ['replied', 'evaluated', 'closed'].includes(state);
  const reply = replied ? some(REPLY_SENTENCES, 3, 6) : '';
  return {
    orgId,
    kind: 'proposal',
    recordId,
    title: fill(rng.pick(SUBJECT_TEMPLATES)).replace('{k}', rng.pick(kws)),
    label: `${year}-${recordId}`,
    content: [some(BODY_SITUATION, 2, 5), some(BODY_PROBLEMS, 2, 6), some(BODY_SUGGESTIONS, 2, 6), reply].filter(Boolean).join('\n'),
    year,
    categoryId: null,
    unitIds: [],
    status: state,
    visibility: state === 'draft' ? 'draft' : rng.chance(0.8) ? 'public' : 'internal',
    replyGrade: replied ? rng.pick(['A', 'B', 'C']) : null,
    replyExcerpt: reply.slice(0, 160),
    recordUpdatedAt: new Date(Date.UTC(year, rng.int(12), 1 + rng.int(28))),
  };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const url = process.env.DATABASE_URL;
  const dataDir = url ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'xs-search-bench-'));
  const database = await openDatabase({ databaseUrl: url, dataDir });
  await runMigrations(database);
  const log = (s: string) => process.stderr.write(`${s}\n`);
  log(`search bench: ${N} docs in ${ORGS} organization(s) on ${database.kind}`);

  // Fresh bench organizations and an empty index.
  await database.db.execute(sql`delete from search_documents`);
  await database.db.execute(sql`delete from organizations where code like 'search-bench-%'`);
  const orgIds: number[] = [];
  for (let i = 0; i < ORGS; i++) {
    const [o] = await database.db
      .insert(organizations)
      .values({ code: `search-bench-${i}`, name: `检索测试政协${i}`, shortName: `检索${i}`, level: 'district' })
      .returning({ id: organizations.id });
    orgIds.push(o.id);
  }

  // Indexing: word cutting of the next batch overlaps the write of the current one (as a bulk reindex would).
  const perOrg = Math.ceil(N / ORGS);
  const sample: SearchDoc[] = [];
  const batches: SearchDoc[][] = [];
  for (let start = 0; start < N; start += 500) {
    const batch = Array.from({ length: Math.min(500, N - start) }, (_, i) => {
      const k = start + i;
      return makeDoc(orgIds[Math.min(ORGS - 1, Math.floor(k / perOrg))], k + 1);
    });
    for (const d of batch) if (d.orgId === orgIds[0] && rng.chance(Math.min(1, 400 / N))) sample.push(d);
    batches.push(batch);
  }
  const t0 = performance.now();
  let indexed = 0;
  let writing: Promise<void> = Promise.resolve();
  for (const batch of batches) {
    const rows = prepareRows(batch);
    await writing;
    writing = database.db.transaction(async (tx) => writeRows(tx, rows));
    indexed += batch.length;
    if (indexed % 20000 === 0) log(`  indexed ${indexed} (${Math.round(indexed / ((performance.now() - t0) / 1000))} docs/s)`);
  }
  await writing;
  const indexMs = performance.now() - t0;
  // What autovacuum does on a live server: merge the GIN pending lists and refresh statistics.
  await database.db.execute(sql`vacuum analyze search_documents`);
  const docsPerSec = Math.round(indexed / (indexMs / 1000));
  log(`indexing: ${indexed} docs in ${(indexMs / 1000).toFixed(1)} s = ${docsPerSec} docs/s`);

  // Queries: single common words, word pairs, topic phrases, place + topic.
  const queries: string[] = [];
  for (let i = 0; i < Q; i++) {
    const [, topic, kws] = rng.pick(PROPOSAL_TOPICS);
    const shape = i % 4;
    queries.push(shape === 0 ? rng.pick(kws) : shape === 1 ? `${rng.pick(kws)} ${rng.pick(kws)}` : shape === 2 ? topic : `${rng.pick(PLACES)} ${rng.pick(kws)}`);
  }
  const office: Actor = {
    accountId: 1,
    username: 'bench',
    displayName: 'bench',
    locale: 'zh-CN',
    grants: orgIds.map((orgId, i) => ({ id: i + 1, orgId, role: 'proposal_staff', unitId: null, title: '' })),
    activeOrgId: orgIds[0],
    isPlatformAdmin: false,
    sessionHash: '',
    csrfToken: '',
    mustChangePassword: false,
  };
  const member: Actor = { ...office, accountId: 2, grants: [{ id: 1, orgId: orgIds[0], role: 'member', unitId: null, title: '' }] };
  const orgId = orgIds[0];
  // Warm-up.
  for (const q of queries.slice(0, 10)) {
    await search(database, office, orgId, { q, page: 1, limit: 20 });
    await naiveSearch(database, orgId, queryWords(q));
  }
  const ours: number[] = [];
  const oursMember: number[] = [];
  const naive: number[] = [];
  let totalHits = 0;
  for (const q of queries) {
    let t0 = performance.now();
    const r = await search(database, office, orgId, { q, page: 1, limit: 20 });
    ours.push(performance.now() - t0);
    totalHits += r.total;
    t0 = performance.now();
    await search(database, member, orgId, { q, page: 1, limit: 20 });
    oursMember.push(performance.now() - t0);
    t0 = performance.now();
    await naiveSearch(database, orgId, queryWords(q));
    naive.push(performance.now() - t0);
  }
  const similar: number[] = [];
  for (const d of sample.slice(0, 100)) {
    const t0 = performance.now();
    await similarTo(database, office, orgId, similarWords(d.title, d.content), [d.recordId]);
    similar.push(performance.now() - t0);
  }
  const result = {
    database: database.kind,
    docs: indexed,
    orgs: ORGS,
    docsInSearchedOrg: Math.min(perOrg, N),
    queries: queries.length,
    avgMatchesRanked: Math.round(totalHits / queries.length),
    indexingDocsPerSec: docsPerSec,
    search: { p50: round(pct(ours, 50)), p95: round(pct(ours, 95)) },
    searchAsMember: { p50: round(pct(oursMember, 50)), p95: round(pct(oursMember, 95)) },
    naiveTsRank: { p50: round(pct(naive, 50)), p95: round(pct(naive, 95)) },
    ratioP95: round(pct(naive, 95) / pct(ours, 95)),
    similarTop5: { p50: round(pct(similar, 50)), p95: round(pct(similar, 95)), n: similar.length },
  };
  log(
    [
      `| measure | p50 ms | p95 ms |`,
      `|---|---|---|`,
      `| ranked search (office) | ${result.search.p50} | ${result.search.p95} |`,
      `| ranked search (member) | ${result.searchAsMember.p50} | ${result.searchAsMember.p95} |`,
      `| naive ts_rank | ${result.naiveTsRank.p50} | ${result.naiveTsRank.p95} |`,
      `| similar top-5 | ${result.similarTop5.p50} | ${result.similarTop5.p95} |`,
      `indexing ${docsPerSec} docs/s; naive/ours at p95 = ${result.ratioP95}×`,
    ].join('\n'),
  );
  if (values.json) console.log(JSON.stringify(result));
  await database.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
