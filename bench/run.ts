/**
 * `npm run bench [-- --quick | --smoke | --full] [--json] [--fresh] [--strict]`
 *
 * Prepares the database (generated or restored from bench/cache), starts the ceiling server and app instances as
 * child processes, drives load from a separate process (bench/load.ts, autocannon) and writes
 * bench/results/<date>-<mode>.{md,json}. See bench/README.md.
 */
import os from 'node:os';
import pg from 'pg';
import { SCALES, defaultBenchUrl, dbNameOf, prepareDatabase, vuUsername, withDatabase, BENCH_PASSWORD, type Scale } from './generate';
import type { LoadSpec, TargetResult, TargetSpec } from './load';
import { sampleRss, startApp, startCeiling, startLoadWorker, type LoadWorker, type Server } from './procs';
import { memberVuUsername, officeVuUsername, unitVuUsername, PROPOSAL_VUS } from './gen-proposals';
import { encodeCursor } from '../src/server/lib/paging';
import { BUILDERS, MIXED_READ, type LoadData, type Session } from './requests';
import { gitFacts, machineFacts, markdown, writeResults, type BenchResult, type Check, type Row, type Target } from './report';
import { MEMBER_QUERIES, PLACES, PROPOSAL_TOPICS, makeRng } from './vocab';
import { openDatabase } from '../src/server/db/client';
import { naiveSearch } from '../src/server/modules/search/search.repo';
import { queryWords } from '../src/server/modules/search/search.text';
import { documentsScenario } from './documents';

interface Mode {
  name: 'smoke' | 'quick' | 'full';
  scale: Scale;
  /** Seconds per measured run. */
  duration: number;
  /** Connections for latency figures and for throughput figures (the issues' targets: 10 and 50). */
  latencyConns: number;
  throughputConns: number;
  /** Paced write rate (plenary week: members and staff submitting at a steady pace). */
  writeRate: number;
  /** Extra scales for the scaling curve (scenario 7), run only when non-empty. */
  curve: Scale[];
}

const MODES: Record<Mode['name'], Mode> = {
  smoke: { name: 'smoke', scale: SCALES.smoke, duration: 2, latencyConns: 4, throughputConns: 8, writeRate: 10, curve: [] },
  quick: { name: 'quick', scale: SCALES.quick, duration: 4, latencyConns: 10, throughputConns: 50, writeRate: 20, curve: [] },
  full: {
    name: 'full',
    scale: SCALES.full,
    duration: 20,
    latencyConns: 10,
    throughputConns: 50,
    writeRate: 20,
    curve: [SCALES.quick, SCALES.mid],
  },
};

const args = new Set(process.argv.slice(2));
const mode = MODES[args.has('--smoke') ? 'smoke' : args.has('--quick') ? 'quick' : 'full'];
/** `--only=5b,7`: run just these scenarios (the ceiling always runs: every ratio needs it). */
const only = [...args]
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const want = (scenario: string) => !only || only.includes(scenario.split(' ')[0]);
const log = (msg: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}`);
const baseUrl = process.env.DATABASE_URL || defaultBenchUrl(mode.name);

/** Reads the identifiers the request builders need for the largest organization. */
/** Search queries as people type them: a keyword, two keywords, a topic, or a place and a keyword (fixed seed). */
function searchQueries(): string[] {
  const r = makeRng(20261127);
  return Array.from({ length: 200 }, () => {
    const [, topic, kws] = r.pick(PROPOSAL_TOPICS);
    const shape = r.int(4);
    return shape === 0
      ? r.pick(kws)
      : shape === 1
        ? `${r.pick(kws)} ${r.pick(kws)}`
        : shape === 2
          ? topic
          : `${r.pick(PLACES)} ${r.pick(kws)}`;
  });
}

/** The naive ranking (`ts_rank` over every match, GIN) on the same corpus, serially, for the ratio of issue #5. */
async function naiveSearchLatency(url: string, orgId: number, queries: string[]): Promise<{ p50: number; p95: number }> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    for (const q of queries.slice(0, 10)) await naiveSearch(database, orgId, queryWords(q));
    const ms: number[] = [];
    for (const q of queries) {
      const t0 = performance.now();
      await naiveSearch(database, orgId, queryWords(q));
      ms.push(performance.now() - t0);
    }
    ms.sort((x, y) => x - y);
    const at = (p: number) => Math.round(ms[Math.min(ms.length - 1, Math.floor((p / 100) * ms.length))] * 10) / 10;
    return { p50: at(50), p95: at(95) };
  } finally {
    await database.close();
  }
}

async function loadData(url: string, orgId: number): Promise<LoadData> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ids = async (sql: string) => (await client.query<{ id: string }>(sql, [orgId])).rows.map((r) => Number(r.id));
    const terms = await ids('select id from terms where org_id = $1 order by number');
    // Cursors from random positions: the intake list is keyed by id, the unit inbox by (deadline, id) of the units
    // the unit-handler virtual users hold.
    const intake = await client.query<{ id: string }>(
      `select id from proposals where org_id = $1 and state <> 'draft' order by random() limit 500`,
      [orgId],
    );
    const inbox = await client.query<{ deadline: string; id: string }>(
      `select to_char(a.deadline, 'YYYY-MM-DD') as deadline, a.id from proposal_assignments a
        where a.org_id = $1 and a.status <> 'closed'
          and a.unit_id in (select g.unit_id from role_grants g join accounts ac on ac.id = g.account_id where g.org_id = $1 and ac.username like 'bench_unit_vu_%')
        order by random() limit 500`,
      [orgId],
    );
    return {
      orgId,
      memberIds: await ids('select id from members where org_id = $1 order by random() limit 3000'),
      sectorIds: await ids('select id from sectors where org_id = $1'),
      termIds: terms,
      currentTermId: terms[terms.length - 1],
      committeeIds: await ids('select id from committees where org_id = $1'),
      queries: MEMBER_QUERIES,
      unitGroups: ['party', 'npc', 'government', 'cppcc', 'other'],
      proposalIds: await ids(`select id from proposals where org_id = $1 and state <> 'draft' order by random() limit 3000`),
      proposalStates: (
        await client.query<{ state: string }>(`select distinct state from proposals where org_id = $1 and state <> 'draft' order by 1`, [
          orgId,
        ])
      ).rows.map((r) => r.state),
      proposalCategoryIds: await ids('select id from proposal_categories where org_id = $1'),
      proposalSessionIds: await ids('select distinct session_id as id from proposals where org_id = $1 and session_id is not null'),
      intakeCursors: intake.rows.map((r) => encodeCursor([Number(r.id)])),
      inboxCursors: inbox.rows.map((r) => encodeCursor([r.deadline, Number(r.id)])),
      assignUnitIds: await ids('select unit_id as id from unit_orgs where org_id = $1'),
      hasStats: false,
      searchQueries: searchQueries(),
      activityTypes: (await client.query<{ type: string }>(`select distinct type from activities where org_id = $1`, [orgId])).rows.map(
        (r) => r.type,
      ),
      activityMonths: (
        await client.query<{ m: string }>(
          `select distinct to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM') as m from activities where org_id = $1 order by 1`,
          [orgId],
        )
      ).rows.map((r) => r.m),
      activityCursors: (
        await client.query<{ at: Date; id: string }>(
          `select starts_at as at, id from activities where org_id = $1 order by random() limit 300`,
          [orgId],
        )
      ).rows.map((r) => encodeCursor([r.at.toISOString(), Number(r.id)])),
      issueInboxCursors: (
        await client.query<{ due: string; id: string }>(
          `select to_char(i.response_due, 'YYYY-MM-DD') as due, i.id from problem_issue_units iu join problem_issues i on i.id = iu.issue_id
            where iu.org_id = $1
              and iu.unit_id in (select g.unit_id from role_grants g join accounts ac on ac.id = g.account_id where g.org_id = $1 and ac.username like 'bench_unit_vu_%')
            order by random() limit 300`,
          [orgId],
        )
      ).rows.map((r) => encodeCursor([r.due, Number(r.id)])),
    };
  } finally {
    await client.end();
  }
}

/**
 * Signs in once per virtual user (4 at a time: argon2 verification is deliberately slow) and reads its CSRF token.
 * Every general-staff session also carries the proposal-side VUs (unit handler, office, member) its connection
 * acts as for proposal requests.
 */
async function signIn(appUrl: string, count: number): Promise<Session[]> {
  const n = Math.min(PROPOSAL_VUS, Math.ceil(count / 4));
  const all = await signInAs(appUrl, [
    ...Array.from({ length: count }, (_, i) => vuUsername(i)),
    ...[unitVuUsername, officeVuUsername, memberVuUsername].flatMap((f) => Array.from({ length: n }, (_, i) => f(i))),
  ]);
  const sessions = all.slice(0, count);
  const role = (k: number, i: number) => all[count + k * n + (i % n)];
  sessions.forEach((s, i) => (s.as = { unit: role(0, i), office: role(1, i), member: role(2, i) }));
  return sessions;
}

async function signInAs(appUrl: string, usernames: string[]): Promise<Session[]> {
  const count = usernames.length;
  const sessions: Session[] = new Array<Session>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const res = await fetch(`${appUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: usernames[i], password: BENCH_PASSWORD }),
      });
      if (!res.ok) throw new Error(`login of ${usernames[i]} failed: ${res.status} ${await res.text()}`);
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .find((c) => c.startsWith('xs_session='))!;
      const me = (await (await fetch(`${appUrl}/api/auth/me`, { headers: { cookie } })).json()) as { csrfToken: string };
      sessions[i] = { cookie, csrf: me.csrfToken };
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  return sessions;
}

const rows: Row[] = [];
const byKind: BenchResult['byKind'] = {};
const checks: Check[] = [];
const targets: Target[] = [];
const ceiling = new Map<number, number>();
let loader: LoadWorker;
const warmed = new Set<string>();
const WARMUP_SECONDS = 2;

/** One measured run: load from a separate process, RSS sampled from the servers, a table row per target. */
async function measure(
  scenario: string,
  variant: string,
  servers: Server[],
  targetSpecs: TargetSpec[],
  mix: Record<string, number>,
  data: LoadData,
  opts: { tag?: string; paced?: boolean; kindsLabel?: string } = {},
): Promise<TargetResult[]> {
  log(`${scenario} — ${variant}`);
  // A freshly started server runs cold (JIT, pg connections, tsx module loading): warm each one up unmeasured.
  const cold = targetSpecs.filter((t) => !warmed.has(t.url));
  if (cold.length) {
    await loader.run<TargetResult[]>({
      targets: cold.map((t) => ({ ...t, rate: undefined })),
      duration: WARMUP_SECONDS,
      mix: opts.paced ? MIXED_READ : mix,
      data,
      tag: `${opts.tag ?? 'r'}warm`,
    } satisfies LoadSpec);
    cold.forEach((t) => warmed.add(t.url));
  }
  const rss = sampleRss(servers.map((s) => s.pid));
  const spec: LoadSpec = { targets: targetSpecs, duration: mode.duration, mix, data, tag: opts.tag ?? 'r' };
  const results = await loader.run<TargetResult[]>(spec);
  const peaks = rss.stop();
  results.forEach((r, i) => {
    const conns = targetSpecs[i].connections;
    const ceil = ceiling.get(conns);
    rows.push({
      scenario,
      variant: results.length > 1 ? `${variant}: ${r.name}` : variant,
      connections: conns,
      rps: r.rps,
      p50: r.p50,
      p95: r.p95,
      p99: r.p99,
      errors: r.non2xx + r.errors,
      peakRssMiB: results.length > 1 ? [peaks[i]] : peaks,
      ratio: opts.paced || !ceil ? null : r.rps / ceil,
    });
    if (opts.kindsLabel) byKind[`${opts.kindsLabel}${results.length > 1 ? ` (${r.name})` : ''}`] = r.byKind;
    log(`  ${r.name}: ${r.rps} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, p99 ${r.p99} ms, non-2xx ${r.non2xx}, errors ${r.errors}`);
  });
  return results;
}

/**
 * Checks what a write phase left in the database against what the load process saw acknowledged: every
 * acknowledged name exactly once, nothing beyond the requests still in flight when the run stopped, one audit row
 * per created member, and an audit chain without gaps or forks.
 */
async function checkWrites(
  url: string,
  orgId: number,
  tag: string,
  results: TargetResult[],
  inFlight: number,
  label: string,
): Promise<void> {
  const acknowledged = results.flatMap((r) => r.createdNames);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const like = `%-${tag}-%`;
    const { rows: written } = await client.query<{ id: string; name: string }>(
      'select id, name from members where org_id = $1 and name like $2',
      [orgId, like],
    );
    const counts = new Map<string, number>();
    for (const r of written) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
    const missing = acknowledged.filter((n) => !counts.has(n)).length;
    const doubled = [...counts.values()].filter((c) => c > 1).length;
    const extra = written.length - acknowledged.length;
    const audits = await client.query<{ n: string; ents: string }>(
      `select count(*) as n, count(distinct entity_id) as ents from audit_log where org_id = $1 and entity_type = 'member' and action = 'create' and entity_id = any($2::text[])`,
      [orgId, written.map((r) => r.id)],
    );
    const chain = await client.query<{ n: string; seqs: string; max: string | null }>(
      'select count(*) as n, count(distinct seq) as seqs, max(seq) as max from audit_log where chain_key = $1',
      [String(orgId)],
    );
    const c = chain.rows[0];
    checks.push({
      name: `${label}: every acknowledged create written once`,
      ok: missing === 0 && doubled === 0,
      detail: `${acknowledged.length} acknowledged, ${missing} missing, ${doubled} names written twice`,
    });
    checks.push({
      name: `${label}: no unacknowledged writes beyond those in flight`,
      ok: extra >= 0 && extra <= inFlight,
      detail: `${written.length} rows, ${extra} completed after the load stopped (≤ ${inFlight} connections)`,
    });
    checks.push({
      name: `${label}: one audit row per created member`,
      ok: Number(audits.rows[0].n) === written.length && Number(audits.rows[0].ents) === written.length,
      detail: `${audits.rows[0].n} audit rows for ${written.length} members`,
    });
    checks.push({
      name: `${label}: audit chain has no gap or fork`,
      ok: Number(c.n) === Number(c.seqs) && Number(c.n) === Number(c.max ?? 0),
      detail: `${c.n} rows, seq 1…${c.max ?? 0}`,
    });
  } finally {
    await client.end();
  }
}

/**
 * Exactly-once numbering after proposal writes: every acknowledged registration holds the number label it was
 * acknowledged with, no label was handed out twice, every session's numbers are 1…n without a gap or a duplicate
 * and n equals its counter, and no flow created a proposal twice.
 */
/**
 * After the two-instance run (both workers on): waits until the outbox is drained, then checks that no event was
 * handed to anyone twice — in-app notifications unique per (event, recipient), e-mail deliveries unique per (event,
 * recipient, channel), reminders unique per key — and that every event was processed.
 */
async function checkDeliveredOnce(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => Number((await client.query<{ n: string }>(sql)).rows[0].n);
    let pending = await q('select count(*) as n from outbox where processed_at is null');
    for (let i = 0; i < 120 && pending > 0; i++) {
      await new Promise((r) => setTimeout(r, 500));
      pending = await q('select count(*) as n from outbox where processed_at is null');
    }
    const events = await q('select count(*) as n from outbox where processed_at is not null');
    const inApp = await q('select count(*) as n from notifications where outbox_id is not null');
    const dupInApp = await q(
      'select count(*) as n from (select 1 from notifications where outbox_id is not null group by outbox_id, account_id having count(*) > 1) d',
    );
    const dupMail = await q(
      'select count(*) as n from (select 1 from deliveries group by outbox_id, account_id, channel having count(*) > 1) d',
    );
    const dupReminders = await q('select count(*) as n from (select 1 from proposal_reminders group by key having count(*) > 1) d');
    checks.push({
      name: 'two instances: every notification delivered once',
      ok: pending === 0 && events > 0 && dupInApp === 0 && dupMail === 0 && dupReminders === 0,
      detail: `${events} events processed by the two workers, ${pending} left; ${inApp} in-app notifications; duplicates: ${dupInApp} in-app, ${dupMail} e-mail, ${dupReminders} reminders`,
    });
  } finally {
    await client.end();
  }
}

async function checkNumbering(url: string, orgId: number, tag: string, results: TargetResult[], label: string): Promise<void> {
  const acked = results.flatMap((r) => r.registered);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; number_label: string | null }>(
      'select id, number_label from proposals where id = any($1::bigint[])',
      [acked.map(([id]) => id)],
    );
    const labelOf = new Map(rows.map((r) => [Number(r.id), r.number_label]));
    const wrong = acked.filter(([id, l]) => labelOf.get(id) !== l).length;
    const twice = acked.length - new Set(acked.map(([, l]) => l)).size;
    checks.push({
      name: `${label}: every acknowledged registration holds its number`,
      ok: wrong === 0 && twice === 0,
      detail: `${acked.length} registrations acknowledged, ${wrong} with another number, ${twice} numbers acknowledged twice`,
    });
    const sessions = await client.query<{
      session_id: string;
      n: string;
      distinct_n: string;
      min: number | null;
      max: number | null;
      last_number: number | null;
    }>(
      `select p.session_id, count(p.number) as n, count(distinct p.number) as distinct_n, min(p.number) as min, max(p.number) as max, c.last_number
         from proposals p left join proposal_number_counters c on c.session_id = p.session_id
        where p.org_id = $1 and p.number is not null group by p.session_id, c.last_number`,
      [orgId],
    );
    const bad = sessions.rows.filter(
      (r) => Number(r.n) !== Number(r.distinct_n) || Number(r.max) !== Number(r.n) || r.min !== 1 || r.last_number !== Number(r.n),
    );
    const numbered = sessions.rows.reduce((x, r) => x + Number(r.n), 0);
    checks.push({
      name: `${label}: numbers gapless and unique per session, counters match`,
      ok: bad.length === 0,
      detail: `${sessions.rows.length} sessions, ${numbered} numbered proposals${bad.length ? `; wrong: ${bad.map((r) => `session ${r.session_id} n=${r.n} distinct=${r.distinct_n} max=${r.max} counter=${r.last_number}`).join(', ')}` : ''}`,
    });
    const dup = await client.query<{ n: string; created: string }>(
      `select count(*) - count(distinct subject) as n, count(*) as created from proposals where org_id = $1 and subject like $2`,
      [orgId, `%-${tag}-%`],
    );
    checks.push({
      name: `${label}: no proposal created twice`,
      ok: Number(dup.rows[0].n) === 0,
      detail: `${dup.rows[0].created} proposals created, ${dup.rows[0].n} duplicates`,
    });
  } finally {
    await client.end();
  }
}

/** The issue #3 targets for one proposal read endpoint: p99 at the latency connection count, ratio at the throughput count. */
function proposalTargets(name: string, lat: TargetResult, thr: TargetResult): void {
  const L = mode.latencyConns;
  const T = mode.throughputConns;
  targets.push({ name: `${name}: p99 at ${L} connections`, limit: '≤ 50 ms', value: `${lat.p99} ms`, met: lat.p99 <= 50 });
  const ratio = thr.rps / (ceiling.get(T) ?? Infinity);
  targets.push({
    name: `${name}: throughput at ${T} connections ÷ ceiling`,
    limit: '≥ 30 %',
    value: `${(ratio * 100).toFixed(0)} % (${thr.rps} req/s)`,
    met: ratio >= 0.3,
  });
}

async function main() {
  const started = Date.now();
  const strict = args.has('--strict');
  log(`mode ${mode.name}, database ${dbNameOf(baseUrl)}`);
  const machine = await machineFacts(withDatabase(baseUrl, 'postgres'));
  const prepared = await prepareDatabase(baseUrl, mode.scale, { fresh: args.has('--fresh'), reuse: args.has('--reuse'), log });
  const orgId = prepared.info.largestOrgId;
  const data = await loadData(baseUrl, orgId);
  loader = await startLoadWorker();
  const L = mode.latencyConns;
  const T = mode.throughputConns;

  // (1) Ceiling: bare Fastify + pg, one primary-key read.
  const ceil = await startCeiling(baseUrl);
  try {
    for (const conns of [L, T]) {
      const [r] = await measure(
        '1 ceiling',
        'pk read, bare Fastify + pg',
        [ceil],
        [{ name: 'ceiling', url: ceil.url, connections: conns, sessions: [] }],
        { ceilingRead: 1 },
        data,
      );
      ceiling.set(conns, r.rps);
    }
  } finally {
    await ceil.stop();
  }

  let a = await startApp('app-a', baseUrl);
  let mixedLatency: TargetResult | undefined;
  try {
    const sessions = await signIn(a.url, T);
    // The dashboard joins the mixed read when helper D's route exists in this build.
    let probe = { status: 0, text: '' };
    for (let i = 0; i < 3 && probe.status !== 200; i++) {
      const r = await fetch(`${a.url}/api/orgs/${orgId}/proposal-stats`, { headers: { cookie: sessions[0].as!.office!.cookie } });
      probe = { status: r.status, text: await r.text() };
    }
    data.hasStats = probe.status === 200;
    if (data.hasStats) MIXED_READ.proposalStats = 2;
    else
      log(
        `GET /api/orgs/${orgId}/proposal-stats answered ${probe.status} (${probe.text.slice(0, 300)}): the dashboard scenario is skipped`,
      );
    // (2) Mixed read workload against the largest organization.
    if (want('2'))
      [mixedLatency] = await measure(
        '2 mixed read',
        'largest org',
        [a],
        [{ name: 'app', url: a.url, connections: L, sessions }],
        MIXED_READ,
        data,
        { kindsLabel: `mixed read, ${L} connections` },
      );
    if (want('2'))
      await measure('2 mixed read', 'largest org', [a], [{ name: 'app', url: a.url, connections: T, sessions }], MIXED_READ, data, {
        kindsLabel: `mixed read, ${T} connections`,
      });

    // (2a–c) The proposal read endpoints of issue #3 on their own: unit inbox (first page + keyset next page),
    // office intake list (filters state/category/session, newest first, + next page), proposal detail.
    for (const [scenario, name, mix] of [
      ['2a unit inbox', 'unit inbox', { unitInbox: 1, unitInboxNext: 1 }],
      ['2b intake list', 'office intake list', { intakeList: 1, intakeListNext: 1 }],
      ['2c proposal detail', 'proposal detail', { proposalDetail: 1 }],
      // Issue #4: the activity calendar, the activity list and a department's problem-list inbox, same budgets.
      ['2d activity calendar', 'activity calendar (month)', { activityCalendar: 1 }],
      ['2e activity list', 'activity list (filters, next page)', { activityList: 1 }],
      ['2f problem inbox', 'department problem-list inbox', { issueInbox: 1 }],
    ] as const) {
      if (!want(scenario)) continue;
      const [lat] = await measure(
        scenario,
        `${name}, largest org`,
        [a],
        [{ name: 'app', url: a.url, connections: L, sessions }],
        mix,
        data,
        { kindsLabel: `${name}, ${L} connections` },
      );
      const [thr] = await measure(
        scenario,
        `${name}, largest org`,
        [a],
        [{ name: 'app', url: a.url, connections: T, sessions }],
        mix,
        data,
      );
      proposalTargets(name, lat, thr);
    }
    // (4) Search and similar proposals (issue #5): one user at a time (the targets are answer times), against the
    // naive ts_rank on the same corpus measured serially in this process; then at L connections.
    if (want('4')) {
      const [one] = await measure(
        '4 search',
        'ranked search, 1 user',
        [a],
        [{ name: 'app', url: a.url, connections: 1, sessions }],
        { search: 1 },
        data,
      );
      const naive = await naiveSearchLatency(baseUrl, orgId, data.searchQueries);
      rows.push({
        scenario: '4 search',
        variant: 'naive ts_rank over every match (SQL only, serial)',
        connections: 1,
        rps: 0,
        p50: naive.p50,
        p95: naive.p95,
        p99: naive.p95,
        errors: 0,
        peakRssMiB: [],
        ratio: null,
        note: 'measured in the bench process, for the ratio below',
      });
      const [sim] = await measure(
        '4 search',
        'similar proposals top 5, 1 user',
        [a],
        [{ name: 'app', url: a.url, connections: 1, sessions }],
        { similar: 1 },
        data,
      );
      await measure(
        '4 search',
        'ranked search + similar',
        [a],
        [{ name: 'app', url: a.url, connections: L, sessions }],
        { search: 3, similar: 1 },
        data,
        {
          kindsLabel: `search, ${L} connections`,
        },
      );
      const docs = prepared.info.searchIndex?.documents ?? 0;
      targets.push({
        name: `ranked search p95, 1 user (${docs} documents in all)`,
        limit: '≤ 30 ms',
        value: `${one.p95} ms`,
        met: one.p95 <= 30,
      });
      const ratio = naive.p95 / Math.max(0.1, one.p95);
      targets.push({
        name: 'naive ts_rank p95 ÷ ranked search p95 (HTTP included)',
        limit: '≥ 20×',
        value: `${ratio.toFixed(1)}× (${naive.p95} ms ÷ ${one.p95} ms)`,
        met: ratio >= 20,
      });
      targets.push({ name: 'similar proposals top 5 p95, 1 user', limit: '≤ 50 ms', value: `${sim.p95} ms`, met: sim.p95 <= 50 });
      const info = prepared.info.searchIndex;
      if (info && info.seconds > 0) {
        const rate = Math.round(info.documents / info.seconds);
        targets.push({
          name: 'indexing rate (generator, product indexer, every record kind)',
          limit: '≥ 1000 docs/s',
          value: `${rate} docs/s`,
          met: rate >= 1000,
        });
      }
    }
    // (5) Dashboard: one office user at a time (the target is the answer time, not throughput), then at L.
    if (data.hasStats && want('5')) {
      const [one] = await measure(
        '5 dashboard',
        'proposal stats (session / all), 1 user',
        [a],
        [{ name: 'app', url: a.url, connections: 1, sessions }],
        { proposalStats: 1 },
        data,
      );
      await measure(
        '5 dashboard',
        'proposal stats (session / all)',
        [a],
        [{ name: 'app', url: a.url, connections: L, sessions }],
        { proposalStats: 1 },
        data,
      );
      targets.push({
        name: 'dashboard (GET proposal-stats): p99 with one user',
        limit: '≤ 100 ms',
        value: `${one.p99} ms`,
        met: one.p99 <= 100,
      });
    }

    // (5b) Duty records and the leaders' dashboard (issue #7): the organization's full recompute of the current
    // year (one request, timed), then one member's record and the 驾驶舱, one user at a time and at L connections.
    if (want('5b')) {
      const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
      const t0 = performance.now();
      const res = await fetch(`${a.url}/api/orgs/${orgId}/duty/years/${year}/recompute`, {
        method: 'POST',
        headers: { cookie: sessions[0].cookie, 'x-csrf-token': sessions[0].csrf, 'content-type': 'application/json' },
        body: '{}',
      });
      const wall = (performance.now() - t0) / 1000;
      const body = (await res.json().catch(() => ({}))) as { members?: number; entries?: number };
      checks.push({
        name: 'duty recompute answered 200',
        ok: res.status === 200,
        detail: `${res.status} ${JSON.stringify(body).slice(0, 200)}`,
      });
      rows.push({
        scenario: '5b duty',
        variant: `full recompute of ${year}: ${body.members ?? '?'} members, ${body.entries ?? '?'} entries`,
        connections: 1,
        rps: 0,
        p50: Math.round(wall * 1000),
        p95: Math.round(wall * 1000),
        p99: Math.round(wall * 1000),
        errors: res.status === 200 ? 0 : 1,
        peakRssMiB: [],
        ratio: null,
        note: 'one request, wall time',
      });
      targets.push({
        name: `duty: full recompute of the largest organization (${body.members ?? '?'} members)`,
        limit: '≤ 60 s',
        value: `${wall.toFixed(1)} s`,
        met: res.status === 200 && wall <= 60,
      });
      const one = (mix: Record<string, number>, variant: string) =>
        measure('5b duty', variant, [a], [{ name: 'app', url: a.url, connections: 1, sessions }], mix, data).then((r) => r[0]);
      const member = await one({ dutyMember: 1 }, "a member's record (履职档案), 1 user");
      await measure(
        '5b duty',
        "a member's record (履职档案)",
        [a],
        [{ name: 'app', url: a.url, connections: L, sessions }],
        { dutyMember: 1 },
        data,
      );
      const leaders = await one({ leaderDashboard: 1 }, 'leaders’ dashboard (驾驶舱), 1 user');
      targets.push({ name: "duty: a member's record p95, 1 user", limit: '≤ 50 ms', value: `${member.p95} ms`, met: member.p95 <= 50 });
      targets.push({ name: 'leaders’ dashboard p95, 1 user', limit: '≤ 150 ms', value: `${leaders.p95} ms`, met: leaders.p95 <= 150 });
    }

    // (3) Writes: create member at a paced rate, then as fast as possible.
    const tag = `w${Date.now().toString(36)}`;
    if (want('3')) {
      const paced = await measure(
        '3 write',
        `create member at ${mode.writeRate}/s`,
        [a],
        [{ name: 'app', url: a.url, connections: L, sessions, rate: mode.writeRate }],
        { createMember: 1 },
        data,
        { tag: `${tag}p`, paced: true },
      );
      const max = await measure(
        '3 write',
        'create member, max',
        [a],
        [{ name: 'app', url: a.url, connections: T, sessions }],
        { createMember: 1 },
        data,
        { tag: `${tag}m`, kindsLabel: 'write, max' },
      );
      await checkWrites(baseUrl, orgId, `${tag}p`, paced, L, 'write paced');
      await checkWrites(baseUrl, orgId, `${tag}m`, max, T, 'write max');
      targets.push({
        name: 'paced writes keep up',
        limit: `≥ ${Math.round(mode.writeRate * 0.9)} req/s`,
        value: `${paced[0].rps} req/s`,
        met: paced[0].rps >= mode.writeRate * 0.9,
      });
    }

    // (3b) Proposal writes: a member files and submits, the office registers (numbering) and assigns (独办), at a
    // plenary-week pace and then as fast as possible; exactly-once numbering checked afterwards.
    if (want('3b')) {
      const ptag = `${tag}q`;
      const pPaced = await measure(
        '3b write proposals',
        `create + submit + register + assign at ${mode.writeRate} req/s`,
        [a],
        [{ name: 'app', url: a.url, connections: L, sessions, rate: mode.writeRate }],
        { proposalFlow: 1 },
        data,
        { tag: ptag, paced: true },
      );
      const pMax = await measure(
        '3b write proposals',
        'create + submit + register + assign, max',
        [a],
        [{ name: 'app', url: a.url, connections: T, sessions }],
        { proposalFlow: 1 },
        data,
        { tag: ptag, kindsLabel: 'write proposals, max' },
      );
      await checkNumbering(baseUrl, orgId, ptag, [...pPaced, ...pMax], 'write proposals');
      targets.push({
        name: 'paced proposal writes keep up',
        limit: `≥ ${Math.round(mode.writeRate * 0.9)} req/s`,
        value: `${pPaced[0].rps} req/s`,
        met: pPaced[0].rps >= mode.writeRate * 0.9,
      });
    }

    // (6) Documents: the biggest session's compilation (.docx) and a 10k-row member import (.xlsx).
    if (want('6')) {
      const doc = await documentsScenario({
        appUrl: a.url,
        databaseUrl: baseUrl,
        orgId,
        staff: sessions[0],
        office: sessions[0].as!.office!,
        importRows: mode.name === 'smoke' ? 500 : 10_000,
        tag,
        log,
      });
      rows.push(...doc.rows);
      checks.push(...doc.checks);
      targets.push(...doc.targets);
    }

    // (8) Two instances on one database, connections alternated between them, reads plus writes.
    // Both instances of scenario 8 run the outbox worker (and the clocks), as production instances do; afterwards
    // every event must have been delivered exactly once between them.
    if (want('8')) {
      await a.stop();
      a = await startApp('app-a', baseUrl, { worker: true });
      const b = await startApp('app-b', baseUrl, { worker: true });
      try {
        const half = Math.max(1, Math.floor(T / 2));
        const twoTag = `${tag}x`;
        const res = await measure(
          '8 two instances',
          'mixed read + 10% create member',
          [a, b],
          [
            { name: 'instance A', url: a.url, connections: half, sessions: sessions.filter((_, i) => i % 2 === 0) },
            { name: 'instance B', url: b.url, connections: T - half, sessions: sessions.filter((_, i) => i % 2 === 1) },
          ],
          { ...MIXED_READ, createMember: 10, proposalFlow: 10 },
          data,
          { tag: twoTag },
        );
        await checkWrites(baseUrl, orgId, twoTag, res, T, 'two instances');
        await checkNumbering(baseUrl, orgId, twoTag, res, 'two instances');
        await checkDeliveredOnce(baseUrl);
        const total = res.reduce((s, r) => s + r.rps, 0);
        rows.push({
          scenario: '8 two instances',
          variant: 'total',
          connections: T,
          rps: Math.round(total * 10) / 10,
          p50: Math.max(...res.map((r) => r.p50)),
          p95: Math.max(...res.map((r) => r.p95)),
          p99: Math.max(...res.map((r) => r.p99)),
          errors: res.reduce((s, r) => s + r.non2xx + r.errors, 0),
          peakRssMiB: [],
          ratio: ceiling.get(T) ? total / ceiling.get(T)! : null,
          note: 'p = worst of the two',
        });
      } finally {
        await b.stop();
      }
    }
  } finally {
    await a.stop();
  }

  // (7) Scaling curve: the same read scenario at the other scales, each on its own database. Compared at the
  // latency connection count: at 50 connections p95 measures queueing, not the cost of a bigger data set.
  if (mode.curve.length && mixedLatency && want('7')) {
    const points = [{ scale: mode.scale.name, members: prepared.info.largestOrgMembers, p95: mixedLatency.p95 }];
    for (const scale of mode.curve) {
      const url = withDatabase(baseUrl, `${dbNameOf(baseUrl)}_${scale.name}`);
      const p = await prepareDatabase(url, scale, { log });
      const d = await loadData(url, p.info.largestOrgId);
      const app = await startApp(`app-${scale.name}`, url);
      try {
        const s = await signIn(app.url, L);
        const [r] = await measure(
          '7 scaling curve',
          `mixed read at ${scale.name} scale (${p.info.totals.proposals ?? 0} proposals, ${p.info.largestOrgMembers} members in largest org)`,
          [app],
          [{ name: 'app', url: app.url, connections: L, sessions: s }],
          MIXED_READ,
          d,
        );
        points.push({ scale: scale.name, members: p.info.largestOrgMembers, p95: r.p95 });
      } finally {
        await app.stop();
      }
    }
    points.sort((x, y) => x.members - y.members);
    const growth = points[points.length - 1].p95 / Math.max(0.1, points[0].p95);
    targets.push({
      name: 'scaling curve: p95 growth smallest → largest scale',
      limit: '≤ 2×',
      value: `${growth.toFixed(2)}× (${points.map((p) => `${p.scale} ${p.p95} ms`).join(', ')})`,
      met: growth <= 2,
    });
  }
  // EXTENSION POINT: scenario 4 (search and similar proposals) goes here, with its targets from the search issue
  // (5, the dashboard, and 6, documents, are above).

  const readErrors = rows.filter((r) => /^(2|2[a-f]|5|5b) /.test(r.scenario)).reduce((s, r) => s + r.errors, 0);
  const writeErrors = rows.filter((r) => /^(3|3b|8) /.test(r.scenario)).reduce((s, r) => s + r.errors, 0);
  targets.push({ name: 'mixed read: no errors', limit: '0', value: String(readErrors), met: readErrors === 0 });
  targets.push({ name: 'writes and two instances: no errors', limit: '0', value: String(writeErrors), met: writeErrors === 0 });
  const seconds = (Date.now() - started) / 1000;
  if (mode.name === 'quick')
    targets.push({
      name: 'quick mode duration (generation included)',
      limit: '< 180 s',
      value: `${Math.round(seconds)} s`,
      met: seconds < 180,
    });

  loader.stop();
  machine.loadAvgEnd = os.loadavg().map((v) => Math.round(v * 100) / 100);
  const result: BenchResult = {
    date: new Date().toISOString(),
    mode: only ? `${mode.name}-only-${only.join('-')}` : mode.name,
    ...gitFacts(),
    machine,
    dataset: {
      scale: mode.scale.name,
      source: prepared.source,
      prepareSeconds: Math.round(prepared.seconds),
      largestOrgMembers: prepared.info.largestOrgMembers,
      ...prepared.info.totals,
      ...(prepared.info.searchIndex
        ? { searchIndexDocsPerSecond: Math.round(prepared.info.searchIndex.documents / Math.max(prepared.info.searchIndex.seconds, 0.1)) }
        : {}),
      ...(prepared.info.searchIndex?.kinds ? { searchIndexKinds: prepared.info.searchIndex.kinds } : {}),
    },
    rows,
    byKind,
    checks,
    targets,
    seconds: Math.round(seconds),
  };
  const files = writeResults(result);
  console.error(markdown(result));
  log(`wrote ${files.md} and ${files.json}`);
  if (args.has('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
  const failedChecks = checks.filter((c) => !c.ok);
  // Smoke runs enforce no thresholds (CI only checks that the harness runs); correctness checks always count.
  const failedTargets = mode.name !== 'smoke' && strict ? targets.filter((t) => !t.met) : [];
  if (failedChecks.length || failedTargets.length) {
    log(`FAILED: ${[...failedChecks.map((c) => c.name), ...failedTargets.map((t) => t.name)].join('; ')}`);
    process.exitCode = 1;
  }
}

// Builders are referenced by name from the load process; fail early on a typo in a mix.
for (const k of Object.keys(MIXED_READ)) if (!BUILDERS[k]) throw new Error(`unknown request kind ${k}`);

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
