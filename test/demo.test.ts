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
      expect(stats).toMatchObject({ issues: 15, issuesResponded: 15, instructions: 2, outcomesConverted: 1 });
      expect([stats.issuesConverted, stats.issuesResolved]).toEqual([6, 4]);
      const [answered] = await db.database.rows<{ n: number }>(
        sql`select count(distinct iu.unit_id)::int as n from problem_issue_units iu join problem_issues i on i.id = iu.issue_id
              join organizations o on o.id = i.org_id where o.code = 'cq-rongchang' and iu.responded_at is not null`,
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
