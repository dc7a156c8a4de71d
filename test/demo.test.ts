import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@server/config';
import { buildApp } from '@server/app';
import type { Database } from '@server/db/client';
import { verifyAllChains } from '@server/lib/audit';
import { listTables } from '@server/lib/backup';
import { loadDemo } from '@server/demo/load';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@server/demo/accounts';
import { DEMO_ORGS } from '@server/demo/orgs';
import { XIUSHAN_STORY_SUBJECT } from '@server/demo/proposals';
import { PROPOSAL_STATES } from '@common/proposals';
import { createAccount, createOrg, login, freshDatabase } from './helpers';

async function totalRows(database: Database): Promise<number> {
  let n = 0;
  for (const t of await listTables(database)) {
    const [row] = await database.rows<{ n: number }>(sql`select count(*)::int as n from ${sql.identifier(t.name)}`);
    n += Number(row.n);
  }
  return n;
}

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
}, 120_000);
afterAll(() => db?.drop());

describe('demo data', () => {
  it('loads every organization, account and member, marked is_demo, with audit rows', async () => {
    const res = await loadDemo(db.database);
    expect(res.status).toBe('loaded');
    const { database } = db;
    const orgs = await database.rows<{ code: string; is_demo: boolean; members: number; units: number; sessions: number }>(
      sql`select o.code, o.is_demo,
                 (select count(*) from members m where m.org_id = o.id)::int as members,
                 (select count(*) from units u where u.org_id = o.id)::int as units,
                 (select count(*) from plenary_sessions s where s.org_id = o.id)::int as sessions
          from organizations o order by o.code`,
    );
    expect(orgs.map((o) => o.code).sort()).toEqual(DEMO_ORGS.map((o) => o.code).sort());
    for (const o of orgs) {
      expect(o.is_demo).toBe(true);
      expect(o.members).toBeGreaterThanOrEqual(30);
      expect(o.members).toBeLessThanOrEqual(60);
      expect(o.units).toBeGreaterThanOrEqual(15);
      expect(o.sessions).toBeGreaterThan(0);
    }
    const [acc] = await database.rows<{ real: number; demo: number }>(
      sql`select count(*) filter (where not is_demo)::int as real, count(*) filter (where is_demo)::int as demo from accounts`,
    );
    expect(acc.real).toBe(0);
    expect(acc.demo).toBeGreaterThanOrEqual(DEMO_ACCOUNTS.length);

    // 秀山: the eleventh term's third session in early 2026; the member account is linked to a member record.
    const [xs] = await database.rows<{ name: string; start_date: string }>(
      sql`select s.name, s.start_date::text from plenary_sessions s join organizations o on o.id = s.org_id join terms t on t.id = s.term_id
          where o.code = 'cq-xiushan' and t.number = 11 and s.number = 3`,
    );
    expect(xs.name).toBe('十一届三次会议');
    expect(xs.start_date.startsWith('2026-01')).toBe(true);
    const [linked] = await database.rows<{ name: string; code: string }>(
      sql`select m.name, o.code from members m join accounts a on a.id = m.account_id join organizations o on o.id = m.org_id where a.username = 'xs_member'`,
    );
    expect(linked).toEqual({ name: '田晓峰', code: 'cq-xiushan' });
    const [handler] = await database.rows<{ unit: string }>(
      sql`select u.name as unit from role_grants g join accounts a on a.id = g.account_id join units u on u.id = g.unit_id where a.username = 'xs_unit' and g.role = 'unit_handler'`,
    );
    expect(handler.unit).toBe('县交通运输委');
    const [agents] = await database.rows<{ n: number }>(sql`select count(*)::int as n from collective_agents`);
    expect(agents.n).toBeGreaterThan(10);

    const chains = await verifyAllChains(database);
    expect(chains.length).toBe(DEMO_ORGS.length);
    expect(chains.every((c) => c.ok && c.rows > 50)).toBe(true);
    // The loader writes the set-up rows; each proposal step is in the name of whoever took it (or the system).
    const [actor] = await database.rows<{ names: string[] }>(sql`select array_agg(distinct actor_name) as names from audit_log where entity_type <> 'proposal'`);
    expect(actor.names).toEqual(['demo loader']);
    const [steps] = await database.rows<{ names: string[] }>(
      sql`select array_agg(distinct a.actor_name) as names from audit_log a where a.entity_type = 'proposal'
            and not exists (select 1 from accounts x where x.id = a.actor_account_id and x.display_name = a.actor_name)`,
    );
    expect(steps.names).toEqual(['系统']);
  }, 300_000); // a few seconds normally; far longer on a busy CI machine

  it('holds the 秀山 bus-line proposal at its end state, its timeline telling the whole story', async () => {
    const { database } = db;
    const [p] = await database.rows<{
      id: number;
      state: string;
      kind: string;
      number_label: string;
      session: string;
      disclosed: boolean;
      assign_mode: string;
      proposers: number;
    }>(
      sql`select p.id, p.state, p.kind, p.number_label, s.name as session, p.disclosed_at is not null as disclosed, p.assign_mode,
                 (select count(*)::int from proposal_proposers x where x.proposal_id = p.id and x.status = 'confirmed') as proposers
          from proposals p join organizations o on o.id = p.org_id join plenary_sessions s on s.id = p.session_id
          where o.code = 'cq-xiushan' and p.subject = ${XIUSHAN_STORY_SUBJECT}`,
    );
    expect(p).toMatchObject({
      state: 'closed',
      kind: 'joint',
      session: '十一届三次会议',
      disclosed: true,
      assign_mode: 'lead_co',
      proposers: 2,
    });
    expect(p.number_label).toMatch(/^十一届三次会议第\d{4}号$/);
    const [first] = await database.rows<{ name: string }>(
      sql`select m.name from proposal_proposers x join members m on m.id = x.member_id where x.proposal_id = ${p.id} and x.role = 'first'`,
    );
    expect(first.name).toBe('田晓峰');
    const units = await database.rows<{ role: string; status: string; unit: string }>(
      sql`select a.role, a.status, u.name as unit from proposal_assignments a join units u on u.id = a.unit_id where a.proposal_id = ${p.id} order by a.id`,
    );
    expect(units).toEqual([
      { role: 'lead', status: 'replied', unit: '县交通运输委' },
      { role: 'co', status: 'opinion_given', unit: '万方汽车运输公司' },
    ]);
    const contacts = await database.rows<{ form: string }>(
      sql`select form from proposal_contacts where proposal_id = ${p.id} order by contact_date`,
    );
    expect(contacts.map((c) => c.form)).toEqual(['site_visit', 'meeting']);
    const replies = await database.rows<{ grade: string; doc_number: string; signer: string; unit: string }>(
      sql`select r.grade, r.doc_number, r.signer, u.name as unit from proposal_replies r join units u on u.id = r.unit_id where r.proposal_id = ${p.id}`,
    );
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ grade: 'A', unit: '县交通运输委' });
    expect(replies[0].doc_number).not.toBe('');
    expect(replies[0].signer).not.toBe('');
    const ratings = await database.rows<{ status: string; work_rating: string; result_rating: string }>(
      sql`select status, work_rating, result_rating from proposal_evaluations where proposal_id = ${p.id}`,
    );
    expect(ratings).toEqual([
      { status: 'rated', work_rating: 'satisfied', result_rating: 'satisfied' },
      { status: 'rated', work_rating: 'satisfied', result_rating: 'satisfied' },
    ]);

    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database });
    await app.ready();
    try {
      for (const who of ['xs_proposal', 'xs_member', 'xs_unit']) {
        const c = await login(app, who, DEMO_PASSWORD);
        const res = await c.get(`/api/proposals/${p.id}/timeline`);
        expect(res.statusCode).toBe(200);
        const items = res.json().items as Array<{ action: string; fromState: string | null; toState: string | null; actorName: string; at: string }>;
        // Who and when, as it happened: the member submits, the lead unit's handler replies, the office closes;
        // the steps carry their own (historical) times, in order.
        const by = (action: string) => items.find((i) => i.action === action)?.actorName;
        expect([by('submit'), by('register'), by('reply'), by('submit_opinion'), by('close')]).toEqual(['田晓峰', '杨秀琴', '龙海', '杨帆', '杨秀琴']);
        const times = items.map((i) => Date.parse(i.at));
        expect(times).toEqual([...times].sort((x, y) => x - y));
        expect(times[times.length - 1] - times[0]).toBeGreaterThan(30 * 86_400_000);
        expect(items.map((i) => i.action)).toEqual([
          'create',
          'invite',
          'cosign',
          'submit',
          'register',
          'assign',
          'sign',
          'sign',
          'receive',
          'add_contact',
          'submit_opinion',
          'add_contact',
          'reply',
          'complete_replies',
          'evaluate',
          'evaluate',
          'complete_evaluation',
          'close',
        ]);
        const moves = items.filter((i) => i.fromState && i.toState && i.fromState !== i.toState).map((i) => `${i.fromState}>${i.toState}`);
        expect(moves).toEqual([
          'draft>submitted',
          'submitted>registered',
          'registered>assigned',
          'assigned>handling',
          'handling>replied',
          'replied>evaluated',
          'evaluated>closed',
        ]);
      }
      const view = (await (await login(app, 'xs_proposal', DEMO_PASSWORD)).get(`/api/proposals/${p.id}`)).json();
      expect(view).toMatchObject({ state: 'closed', proposerName: '田晓峰', proposerCount: 2 });
    } finally {
      await app.close();
    }
  });

  it('holds proposals in every state, numbered gapless per session with the counters matching', async () => {
    const { database } = db;
    const states = await database.rows<{ state: string; n: number }>(sql`select state, count(*)::int as n from proposals group by state`);
    const byState = new Map(states.map((s) => [s.state, s.n]));
    for (const s of PROPOSAL_STATES) expect(byState.get(s) ?? 0, s).toBeGreaterThan(0);
    const total = states.reduce((a, s) => a + s.n, 0);
    expect(total).toBeGreaterThanOrEqual(150);
    expect(total).toBeLessThanOrEqual(260);

    const sessions = await database.rows<{ session_id: number; numbers: number[]; last_number: number | null; labels_ok: boolean }>(
      sql`select p.session_id, array_agg(p.number order by p.number) as numbers,
                 (select c.last_number from proposal_number_counters c where c.session_id = p.session_id) as last_number,
                 bool_and(p.number_label = s.name || '第' || lpad(p.number::text, 4, '0') || '号') as labels_ok
          from proposals p join plenary_sessions s on s.id = p.session_id where p.number is not null group by p.session_id`,
    );
    expect(sessions.length).toBeGreaterThanOrEqual(5);
    for (const s of sessions) {
      expect(s.numbers.map(Number)).toEqual(Array.from({ length: s.numbers.length }, (_, i) => i + 1));
      expect(s.last_number).toBe(s.numbers.length);
      expect(s.labels_ok).toBe(true);
    }
    const [counters] = await database.rows<{ n: number }>(sql`select count(*)::int as n from proposal_number_counters`);
    expect(counters.n).toBe(sessions.length);
    // Every registered-and-later proposal has a number; no draft/submitted/returned one does.
    const [odd] = await database.rows<{ n: number }>(
      sql`select count(*)::int as n from proposals where (state in ('registered','assigned','handling','replied','evaluated','closed','rehandling') and number is null)
            or (state in ('draft','submitted','returned','merged','not_registered') and number is not null)`,
    );
    expect(odd.n).toBe(0);
  });

  it('covers the handling records: modes, opinions, grades, ratings, overdue clocks, supervision, conversions, merges', async () => {
    const { database } = db;
    const one = async (q: ReturnType<typeof sql>) => Number((await database.rows<{ n: number }>(q))[0].n);
    const modes = await database.rows<{ assign_mode: string }>(
      sql`select distinct assign_mode from proposals where assign_mode is not null order by 1`,
    );
    expect(modes.map((m) => m.assign_mode)).toEqual(['lead_co', 'separate', 'sole']);
    const grades = await database.rows<{ grade: string }>(sql`select distinct grade from proposal_replies order by 1`);
    expect(grades.map((g) => g.grade)).toEqual(['A', 'B', 'C']);
    expect(
      await one(sql`select count(*)::int as n from proposal_assignments where role = 'co' and status = 'opinion_given'`),
    ).toBeGreaterThan(5);
    expect(await one(sql`select count(*)::int as n from proposal_evaluations where result_rating = 'dissatisfied'`)).toBeGreaterThan(0);
    expect(await one(sql`select count(*)::int as n from proposal_evaluations where status = 'no_response'`)).toBeGreaterThan(0);
    expect(await one(sql`select count(*)::int as n from proposal_evaluations where status = 'pending'`)).toBeGreaterThan(0);
    expect(await one(sql`select count(*)::int as n from proposals where round = 2`)).toBeGreaterThan(0);
    expect(await one(sql`select count(*)::int as n from proposal_progress`)).toBeGreaterThan(0);
    expect(await one(sql`select count(*)::int as n from proposals where is_good`)).toBeGreaterThan(0);
    expect(
      await one(
        sql`select count(*)::int as n from proposal_supervisions s join proposals p on p.id = s.proposal_id where p.is_key and p.supervisor_account_id is not null`,
      ),
    ).toBeGreaterThan(0);
    // Overdue: an open replying assignment past its deadline, not replied.
    expect(
      await one(sql`select count(*)::int as n from proposal_assignments a join proposals p on p.id = a.proposal_id
                    where a.status = 'received' and a.role <> 'co' and a.deadline < (now() at time zone 'Asia/Shanghai')::date and p.state = 'handling'`),
    ).toBeGreaterThan(0);
    // The 2026 Spring Festival (Feb 15–23) falls inside some sign-for windows.
    expect(
      await one(sql`select count(*)::int as n from proposal_assignments where assigned_on <= '2026-02-14' and window_end >= '2026-02-24'`),
    ).toBeGreaterThan(0);
    expect(
      await one(
        sql`select count(*)::int as n from proposal_assignments where extension_status = 'approved' and original_deadline is not null and deadline > original_deadline`,
      ),
    ).toBeGreaterThan(0);
    // Not registered → converted; merged → proposers credited on the target.
    expect(
      await one(
        sql`select count(*)::int as n from proposals p where p.state = 'not_registered' and not exists (select 1 from proposal_conversions c join converted_items i on i.id = c.converted_item_id where c.proposal_id = p.id and i.origin_proposal_id = p.id)`,
      ),
    ).toBe(0);
    expect(
      await one(
        sql`select count(*)::int as n from proposals p where p.state = 'merged' and (p.merged_into_id is null or not exists (select 1 from proposal_proposers x where x.proposal_id = p.merged_into_id and x.credited_via_merge_from = p.id))`,
      ),
    ).toBe(0);
    // Every replied-or-later round has one evaluation row per confirmed proposer.
    expect(
      await one(sql`select count(*)::int as n from proposals p join proposal_proposers x on x.proposal_id = p.id and x.status = 'confirmed'
                    where p.state in ('replied','evaluated','closed') and not exists (select 1 from proposal_evaluations e where e.proposer_id = x.id and e.round = p.round)`),
    ).toBe(0);
    // Nothing happened after today.
    expect(
      await one(
        sql`select count(*)::int as n from proposals where greatest(submitted_at, registered_at, assigned_at, replied_at, evaluated_at, closed_at) > now()`,
      ),
    ).toBe(0);
  });

  it('gives the demo unit handler and member something in every state', async () => {
    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database: db.database });
    await app.ready();
    try {
      const unit = await login(app, 'xs_unit', DEMO_PASSWORD);
      const me = (await unit.get('/api/auth/me')).json() as { grants: Array<{ orgId: number }> };
      const orgId = me.grants[0].orgId;
      for (const status of ['assigned', 'received', 'replied']) {
        const res = await unit.get(`/api/orgs/${orgId}/unit-inbox?status=${status}`);
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().items.length, status).toBeGreaterThan(0);
      }
      const member = await login(app, 'xs_member', DEMO_PASSWORD);
      const mine = (await member.get(`/api/orgs/${orgId}/proposals/mine?limit=200`)).json().items as Array<{ state: string }>;
      const states = new Set(mine.map((p) => p.state));
      for (const s of [
        'draft',
        'submitted',
        'returned',
        'registered',
        'merged',
        'not_registered',
        'withdrawn',
        'assigned',
        'handling',
        'replied',
        'evaluated',
        'closed',
        'rehandling',
      ]) {
        expect(states.has(s), s).toBe(true);
      }
      const [awaiting] = await db.database.rows<{ n: number }>(
        sql`select count(*)::int as n from proposal_evaluations e join proposal_proposers x on x.id = e.proposer_id join members m on m.id = x.member_id
            join accounts a on a.id = m.account_id join proposals p on p.id = e.proposal_id
            where a.username = 'xs_member' and e.status = 'pending' and p.state = 'replied' and p.evaluation_due >= (now() at time zone 'Asia/Shanghai')::date`,
      );
      expect(awaiting.n).toBeGreaterThan(0);
      const [invited] = await db.database.rows<{ n: number }>(
        sql`select count(*)::int as n from proposal_proposers x join members m on m.id = x.member_id join accounts a on a.id = m.account_id
            join proposals p on p.id = x.proposal_id where a.username = 'xs_member' and x.status = 'invited' and x.role = 'cosigner' and p.state = 'draft'`,
      );
      expect(invited.n).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('holds the activity stories: 荣昌 problem list answered by 15 departments, 开州 inspection, 民建巴南 report; every status', async () => {
    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database: db.database });
    await app.ready();
    try {
      const office = await login(app, 'rc_office', DEMO_PASSWORD);
      const me = (await office.get('/api/auth/me')).json() as { activeOrgId: number };
      const stats = (await office.get(`/api/orgs/${me.activeOrgId}/activity-stats`)).json();
      // The 12-05 story holds 15 issues (6 converted, 4 resolved); the work-system demo adds research/consultation
      // activities until the 五个一 figures hold: 45 converted = 40 outcomes with a converted issue + 5 information
      // reports with a 市 instruction (information demo), and 25 solved issues.
      expect(stats).toMatchObject({ issues: 75, issuesResponded: 75, instructions: 2, outcomesConverted: 40 });
      expect([stats.issuesConverted, stats.issuesResolved]).toEqual([45, 25]);
      const [answered] = await db.database.rows<{ n: number }>(
        sql`select count(distinct iu.unit_id)::int as n from problem_issue_units iu join problem_issues i on i.id = iu.issue_id
              join organizations o on o.id = i.org_id where o.code = 'cq-rongchang' and iu.responded_at is not null
              and i.outcome_id = (select min(ao.id) from activity_outcomes ao where ao.org_id = o.id)`,
      );
      expect(answered.n).toBe(15);
      const unit = await login(app, 'rc_unit', DEMO_PASSWORD);
      expect((await unit.get(`/api/orgs/${me.activeOrgId}/problem-inbox`)).json().items).toHaveLength(1);
      const member = await login(app, 'rc_member', DEMO_PASSWORD);
      expect((await member.get(`/api/orgs/${me.activeOrgId}/activities/mine`)).json().items.length).toBeGreaterThan(0);
      const statuses = await db.database.rows<{ status: string }>(sql`select distinct status from activities order by 1`);
      expect(statuses.map((r) => r.status)).toEqual(['cancelled', 'closed', 'held', 'minutes_filed', 'planned']);
      const [bn] = await db.database.rows<{ name: string }>(
        sql`select c.name from activity_outcomes o join collective_proposers c on c.id = o.collective_id where o.kind = 'research_report'`,
      );
      expect(bn.name).toBe('民建巴南区委会');
      const [kz] = await db.database.rows<{ n: number }>(
        sql`select count(*)::int as n from activity_speeches s join activities a on a.id = s.activity_id where a.type = '视察' and s.participant_id is not null`,
      );
      expect(kz.n).toBeGreaterThanOrEqual(3);
    } finally {
      await app.close();
    }
  });

  // ── Cooperation (coop) ──
  it('holds the 南川–金牛 渝石进川 item (three points, four parties, from a studio meeting) and the 南川 campaign with 10+ items', async () => {
    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database: db.database });
    await app.ready();
    try {
      const nc = await login(app, 'nc_office', DEMO_PASSWORD);
      const jn = await login(app, 'jn_office', DEMO_PASSWORD);
      const rc = await login(app, 'rc_office', DEMO_PASSWORD);
      const ncId = ((await nc.get('/api/auth/me')).json() as { activeOrgId: number }).activeOrgId;
      const jnId = ((await jn.get('/api/auth/me')).json() as { activeOrgId: number }).activeOrgId;
      const campaigns = (await nc.get(`/api/orgs/${ncId}/campaigns`)).json() as { items: Array<{ id: number; name: string }> };
      const campaign = campaigns.items.find((c) => c.name === '唱响双城记·建功新南川')!;
      const view = (await nc.get(`/api/campaigns/${campaign.id}`)).json() as { counts: { items: number; members: number; itemsByStatus: Record<string, number> }; itemList: Array<{ id: number; title: string }> };
      expect(view.counts.items).toBeGreaterThanOrEqual(10);
      expect(Object.values(view.counts.itemsByStatus).filter((n) => n > 0).length).toBe(3);
      expect(view.counts.members).toBeGreaterThan(5);
      const yushi = view.itemList.find((i) => i.title.includes('渝石进川'))!;
      const item = (await nc.get(`/api/coop-items/${yushi.id}`)).json() as { partyList: Array<{ name: string }>; pointList: Array<{ content: string }>; originActivity: { organizerName: string }; progress: unknown[] };
      expect(item.partyList.map((p) => p.name)).toEqual(['南川区政协', '金牛区政协', '成都铁路局', '欣铁物流']);
      expect(item.pointList.map((p) => p.content).join('|')).toMatch(/养马河.*专列.*卸货点.*物流成本/);
      expect(item.originActivity.organizerName).toBe('“唱响双城记”委员工作室');
      expect(item.progress.length).toBeGreaterThanOrEqual(3);
      expect((await jn.get(`/api/coop-items/${yushi.id}`)).statusCode).toBe(200);
      expect(((await jn.get(`/api/orgs/${jnId}/coop-items`)).json() as { items: Array<{ id: number }> }).items.map((i) => i.id)).toContain(yushi.id);
      expect((await rc.get(`/api/coop-items/${yushi.id}`)).statusCode).toBe(404);
      const studios = (await nc.get(`/api/orgs/${ncId}/studios`)).json() as { items: Array<{ name: string; leadName: string | null; members: number; activities: number }> };
      const studio = studios.items.find((s) => s.name === '“唱响双城记”委员工作室')!;
      expect(studio.leadName).toBeTruthy();
      expect(studio.members).toBeGreaterThanOrEqual(5);
      expect(studio.activities).toBeGreaterThanOrEqual(1);
      // Studio work: a roster with 到岗 and one 未到岗, two requests (one became a 社情民意 report), ratings (last year frozen).
      const sid = (studio as unknown as { id: number }).id;
      const shifts = (await nc.get(`/api/studios/${sid}/shifts`)).json() as { items: Array<{ shown: string }> };
      expect(shifts.items.filter((x) => x.shown === 'done').length).toBeGreaterThan(10);
      expect(shifts.items.filter((x) => x.shown === 'missed')).toHaveLength(1);
      expect(shifts.items.some((x) => x.shown === 'planned')).toBe(true);
      type Reqs = { items: Array<{ outcome: string; status: string; outcomeLink: string | null; outcomeDraft: boolean }> };
      const reqs = (await nc.get(`/api/studios/${sid}/requests`)).json() as Reqs;
      expect(reqs.items.map((r) => `${r.outcome}:${r.status}`).sort()).toEqual(['info_report:in_progress', 'reply:closed']);
      // The report it became is submitted: the office (not an information reader) sees what it became, the leader also the link.
      expect(reqs.items.find((r) => r.outcome === 'info_report')).toMatchObject({ outcomeLink: null, outcomeDraft: false });
      const leader = await login(app, 'nc_zeng', DEMO_PASSWORD);
      await leader.post('/api/auth/switch-org', { orgId: ncId });
      const asLeader = (await leader.get(`/api/studios/${sid}/requests`)).json() as Reqs;
      const reportLink = asLeader.items.find((r) => r.outcome === 'info_report')!.outcomeLink!;
      expect(reportLink).toMatch(/^\/info-reports\/\d+$/);
      expect((await leader.get(`/api${reportLink}`)).statusCode).toBe(200);
      const thisYear = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
      const last = (await nc.get(`/api/orgs/${ncId}/studio-ratings?year=${thisYear - 1}`)).json() as { frozen: boolean; items: Array<{ studioId: number; stars: number; score: number }> };
      expect(last.frozen).toBe(true);
      expect(last.items.find((i) => i.studioId === sid)!.stars).toBeGreaterThanOrEqual(2);
      const now = (await nc.get(`/api/orgs/${ncId}/studio-ratings?year=${thisYear}`)).json() as { frozen: boolean; items: Array<{ studioId: number; score: number }> };
      expect(now.frozen).toBe(false);
      expect(now.items.find((i) => i.studioId === sid)!.score).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('holds 秀山 duty ledgers for 2025 (frozen) and 2026 computed from the demo records, with manual entries', async () => {
    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database: db.database });
    await app.ready();
    try {
      const member = await login(app, 'xs_member', DEMO_PASSWORD);
      const me = (await member.get('/api/auth/me')).json() as { activeOrgId: number };
      const r2026 = (await member.get(`/api/orgs/${me.activeOrgId}/duty/me?year=2026`)).json();
      expect(r2026.member.name).toBe('田晓峰');
      expect(r2026.state).toBe('open');
      const kinds = new Set(r2026.entries.map((e: { sourceType: string }) => e.sourceType));
      expect([...kinds].sort()).toEqual(expect.arrayContaining(['activity', 'proposal', 'speech']));
      expect(r2026.entries.find((e: { title: string }) => e.title === XIUSHAN_STORY_SUBJECT)).toMatchObject({ sourceType: 'proposal', ruleKey: 'proposal_first' });
      const r2025 = (await member.get(`/api/orgs/${me.activeOrgId}/duty/me?year=2025`)).json();
      expect(r2025.state).toBe('frozen');
      expect(r2025.entries.some((e: { sourceType: string }) => e.sourceType === 'manual')).toBe(true);
      const [counts] = await db.database.rows<{ manual: number; scored: number }>(
        sql`select (select count(*)::int from duty_manual_entries e join organizations o on o.id = e.org_id where o.code = 'cq-xiushan') as manual,
                   (select count(*)::int from duty_scores s join organizations o on o.id = s.org_id where o.code = 'cq-xiushan' and s.year = 2026) as scored`,
      );
      expect(counts.manual).toBe(3);
      expect(counts.scored).toBeGreaterThanOrEqual(38);
    } finally {
      await app.close();
    }
  });

  it('computes the 荣昌 五个一 sentence from records: 22 hearings, 5 市 instructions, 45 converted, 18 leader consultations, 25 solved', async () => {
    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database: db.database });
    await app.ready();
    try {
      const leader = await login(app, 'rc_leader', DEMO_PASSWORD);
      const me = (await leader.get('/api/auth/me')).json() as { activeOrgId: number };
      const d = (await leader.get(`/api/orgs/${me.activeOrgId}/leader-dashboard`)).json();
      expect(d.figures).toMatchObject({ hearings: 22, converted: 45, leaderConsultations: 18, solved: 25 });
      // The 5 市-level instructions are on information reports (社情民意), loaded by the information demo once merged.
      const [info] = await db.database.rows<{ ok: boolean }>(sql`select to_regclass('info_reports') is not null as ok`);
      if (info.ok) expect(d.figures.cityInstructions).toBe(5);
      else expect(d.figures.cityInstructionsOutcomes).toBe(0);
      const items = (await leader.get(`/api/orgs/${me.activeOrgId}/leader-dashboard/items?metric=solved&limit=200`)).json().items;
      expect(items).toHaveLength(25);
      const obligations = (await leader.get(`/api/orgs/${me.activeOrgId}/work-obligations`)).json().items;
      expect(obligations).toHaveLength(5);
      expect(obligations[0]).toMatchObject({ code: 'report_hearing', fulfilments: 22, clock: { state: 'overdue' } });
      const [orphans] = await db.database.rows<{ n: number }>(
        sql`select count(*)::int as n from work_fulfilments f where not exists (select 1 from audit_log a where a.entity_type = 'work_fulfilment' and a.entity_id = f.id::text)`,
      );
      expect(orphans.n).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('every demo account signs in with the demo password and sees its organizations', async () => {
    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database: db.database });
    await app.ready();
    try {
      for (const a of DEMO_ACCOUNTS) {
        const c = await login(app, a.username, DEMO_PASSWORD);
        const me = (await c.get('/api/auth/me')).json() as {
          isPlatformAdmin: boolean;
          orgs: Array<{ id: number }>;
          grants: Array<{ role: string }>;
        };
        expect(me.grants.map((g) => g.role).sort()).toEqual(a.grants.map((g) => g.role).sort());
        expect(me.isPlatformAdmin).toBe(a.grants.some((g) => g.role === 'platform_admin'));
      }
    } finally {
      await app.close();
    }
  });

  it('a second load is a no-op', async () => {
    const before = await totalRows(db.database);
    expect(await loadDemo(db.database)).toEqual({ status: 'already_loaded' });
    expect(await totalRows(db.database)).toBe(before);
  });

  // ── joint activities: the 九龙坡–新都 joint consultation ──
  it('carries the 九龙坡–新都 joint consultation (新都 accepted, both sides speaking) and a pending invitation to 新都', async () => {
    const { database } = db;
    const app = await buildApp({ config: { ...loadConfig({}), cookieSecure: false, worker: false }, database });
    await app.ready();
    try {
      const [xd] = await database.rows<{ id: number }>(sql`select id from organizations where code = 'cd-xindu'`);
      const office = await login(app, 'xd_office', DEMO_PASSWORD);
      const list = office.get(`/api/orgs/${xd.id}/activities?type=${encodeURIComponent('联合协商')}`);
      const item = (await list).json().items.find((i: { topic: string }) => i.topic.includes('智慧城市建设联合协商'));
      expect(item).toMatchObject({ joint: true, status: 'minutes_filed' });
      const a = (await office.get(`/api/activities/${item.id}`)).json();
      expect(a.joint.side).toBe('partner');
      expect(a.joint.partners.map((x: { orgName: string; status: string }) => x.status)).toEqual(['accepted']);
      const authors = a.speeches.map((x: { authorName: string }) => x.authorName);
      expect(authors).toEqual(expect.arrayContaining(['周云', '林于廉', '李杰', '王江峰']));
      const member = await login(app, 'xd_member', DEMO_PASSWORD);
      expect((await member.get(`/api/orgs/${xd.id}/activities/mine`)).json().items.map((i: { id: number }) => i.id)).toContain(item.id);
      const admin = await login(app, 'xd_admin', DEMO_PASSWORD);
      expect((await admin.get(`/api/orgs/${xd.id}/joint-invitations`)).json().items.length).toBe(1);
      const rc = await login(app, 'rc_office', DEMO_PASSWORD);
      expect((await rc.get(`/api/activities/${item.id}`)).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  }, 120_000);

  it('refuses, changing nothing, when the database holds a non-demo organization or account', async () => {
    const other = await freshDatabase();
    try {
      await createOrg(other.database, { code: 'real-org' });
      const before = await totalRows(other.database);
      const res = await loadDemo(other.database);
      expect(res.status).toBe('refused');
      expect(await totalRows(other.database)).toBe(before);

      await other.database.db.execute(sql`delete from organizations`);
      await createAccount(other.database, []);
      expect((await loadDemo(other.database)).status).toBe('refused');
      expect(await totalRows(other.database)).toBe(1);
    } finally {
      await other.drop();
    }
  }, 120_000);
});
