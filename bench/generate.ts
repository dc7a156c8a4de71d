/**
 * Benchmark data generator. Fills a PostgreSQL database through the project's own migrations, then bulk-inserts
 * realistic data with `INSERT … SELECT * FROM unnest($1::type[], …)` (one statement per 20k rows, no API calls).
 * The result is dumped with `pg_dump -Fd -j 2 -Z 1` to bench/cache/<scale>-<hash>.dumpdir; the hash covers the migrations and
 * the generator's own source, so a schema or generator change regenerates, anything else restores in seconds.
 *
 * Run alone: `npx tsx bench/generate.ts --scale quick [--fresh]`.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEFAULT_URL, Ids, dbNameOf, defaultBenchUrl, insertColumns, recreateDatabase, withDatabase } from './db';
import { MIGRATIONS_DIR, openDatabase, runMigrations } from '../src/server/db/client';
import { hashPassword } from '../src/server/lib/passwords';
import { refreshAll } from '../src/server/modules/search/hooks';
import { sql } from 'drizzle-orm';
import { sessionName } from '../src/common/orgs';
import {
  COMMITTEES,
  EMPLOYERS,
  PARTIES,
  PEOPLE_ORGS,
  PLACES,
  ROADS,
  SECTORS,
  STUDIO_THEMES,
  UNIT_DUTIES,
  UNITS,
  makeRng,
  personName,
  type Rng,
} from './vocab';
import { proposalsPhase } from './gen-proposals';
import { activitiesPhase } from './gen-activities';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CACHE_DIR = path.join(HERE, 'cache');

/** The password of every generated account (hashed once, the hash reused). */
export const BENCH_PASSWORD = 'Bench2026pass';
/** Virtual-user accounts: general_staff of the largest organization, `bench_vu_001` … */
export const vuUsername = (i: number) => `bench_vu_${String(i + 1).padStart(3, '0')}`;

export interface Scale {
  name: string;
  orgs: number;
  members: number;
  /** Proposals over ten years (every state), the largest organization holding ~10%. */
  proposals: number;
  /** Activities over ten years (issue #4: 100k at full scale) and the problem-list issues of their outcomes (1 M). */
  activities: number;
  problemIssues: number;
  /** Virtual-user accounts to create (≥ the largest connection count of any scenario). */
  vus: number;
  seed: number;
}

export const SCALES: Record<string, Scale> = {
  smoke: { name: 'smoke', orgs: 3, members: 600, proposals: 2_000, activities: 200, problemIssues: 2_000, vus: 12, seed: 7 },
  quick: { name: 'quick', orgs: 10, members: 6_000, proposals: 10_000, activities: 1_000, problemIssues: 10_000, vus: 64, seed: 11 },
  /** The scaling curve's middle point (100k proposals); generated only by the full run. */
  mid: { name: 'mid', orgs: 30, members: 20_000, proposals: 100_000, activities: 10_000, problemIssues: 100_000, vus: 64, seed: 12 },
  full: {
    name: 'full',
    orgs: 100,
    members: 60_000,
    proposals: 1_000_000,
    activities: 100_000,
    problemIssues: 1_000_000,
    vus: 64,
    seed: 13,
  },
};

/** What the scenarios need to know about the generated data. */
export interface DatasetInfo {
  scale: string;
  largestOrgId: number;
  largestOrgMembers: number;
  totals: Record<string, number>;
  /**
   * The search index built into the dump: documents and seconds (the indexing rate of issue #5), and the documents
   * per record kind (proposal, activity, outcome, problem_issue, coop_item, info_report).
   */
  searchIndex?: { documents: number; seconds: number; kinds?: Record<string, number> };
}

// ── Generation context and phases ───────────────────────────────

export interface OrgInfo {
  id: number;
  place: string;
  /** 区 / 县 / 市 */
  x: string;
  memberCount: number;
  termIds: number[];
  sectorIds: number[];
  committeeIds: number[];
  groupIds: number[];
  studioIds: number[];
  unitIds: number[];
  memberIds: number[];
  /** Plenary sessions, oldest first. */
  sessions: SessionInfo[];
  /** Members with an account (they can file proposals): [member id, account id]. */
  memberAccounts: Array<[number, number]>;
  /** Collective proposers with their agent's account (null when the organization has no member accounts). */
  collectives: Array<[number, number | null]>;
  /** proposal_staff accounts (they register and assign). */
  officeAccountIds: number[];
  /** The units that receive most assignments (set by the proposals phase). */
  busyUnitIds?: number[];
}

export interface SessionInfo {
  id: number;
  name: string;
  /** 'YYYY-MM-DD' */
  start: string;
  end: string;
}

export interface GenContext {
  client: pg.Client;
  scale: Scale;
  rng: Rng;
  ids: Ids;
  orgs: OrgInfo[];
  passwordHash: string;
  totals: Record<string, number>;
  log: (msg: string) => void;
}

/**
 * One step of generation. EXTENSION POINT: later issues add phases after `members` — proposals (every state over
 * ten years, with assignments, replies and evaluations; the largest organization ~10%), activities with
 * attendance, problem-list issues with department responses. Add a phase object here and include any file it reads
 * in HASHED_FILES so the cache is regenerated.
 */
export interface GeneratorPhase {
  name: string;
  run(ctx: GenContext): Promise<void>;
}

/** Organization sizes: Zipf-like, the largest capped at ~10% (or 1/n for tiny scales), excess spread by water-filling. */
export function orgShares(n: number): number[] {
  const cap = Math.max(0.1, 1 / n);
  let shares = Array.from({ length: n }, (_, k) => 1 / (k + 1));
  for (let iter = 0; iter < 50; iter++) {
    const capped = shares.map((s) => s >= cap);
    const fixed = capped.filter(Boolean).length * cap;
    const freeSum = shares.reduce((a, s, k) => a + (capped[k] ? 0 : s), 0);
    shares = shares.map((s, k) => (capped[k] ? cap : (s * (1 - fixed)) / freeSum));
    if (shares.every((s) => s <= cap + 1e-9)) break;
  }
  return shares;
}

const CN_DIGITS = '零一二三四五六七八九';
function cn(n: number): string {
  if (n < 10) return CN_DIGITS[n];
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  return `${CN_DIGITS[Math.floor(n / 10)]}十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
}

const fill = (tpl: string, o: OrgInfo) => tpl.replaceAll('{p}', o.place).replaceAll('{x}', o.x);

/** Unique mainland mobile numbers: an affine bijection on 8 digits behind a few real prefixes. */
const mobileOf = (i: number) =>
  `1${['38', '39', '58', '59', '87', '36'][i % 6]}${String((i * 7919 + 1234567) % 100_000_000).padStart(8, '0')}`;

const orgsPhase: GeneratorPhase = {
  name: 'organizations, terms, sessions',
  async run(ctx) {
    const { scale, rng } = ctx;
    const shares = orgShares(scale.orgs);
    const places = [...PLACES];
    const cols = {
      id: [] as number[],
      code: [] as string[],
      name: [] as string[],
      short: [] as string[],
      parent: [] as (number | null)[],
      level: [] as string[],
      region: [] as string[],
    };
    for (let k = 0; k < scale.orgs; k++) {
      const id = ctx.ids.take('organizations');
      const top = k === 0;
      const place = top ? '江渝' : `${places[(k - 1) % places.length]}${k > places.length ? cn(Math.ceil(k / places.length)) : ''}`;
      const x = top ? '市' : rng.chance(0.55) ? '区' : '县';
      cols.id.push(id);
      cols.code.push(`bench-${String(k).padStart(3, '0')}`);
      cols.name.push(`政协${place}${x}委员会`);
      cols.short.push(`${place}${x}政协`);
      cols.parent.push(top ? null : 1);
      cols.level.push(top ? 'municipal' : x === '区' ? 'district' : 'county');
      cols.region.push(`${place}${x}`);
      ctx.orgs.push({
        id,
        place,
        x,
        memberCount: Math.max(20, Math.round(shares[k] * scale.members)),
        termIds: [],
        sectorIds: [],
        committeeIds: [],
        groupIds: [],
        studioIds: [],
        unitIds: [],
        memberIds: [],
        sessions: [],
        memberAccounts: [],
        collectives: [],
        officeAccountIds: [],
      });
    }
    await insertColumns(ctx.client, 'organizations', {
      id: ['bigint', cols.id],
      code: ['text', cols.code],
      name: ['text', cols.name],
      short_name: ['text', cols.short],
      parent_id: ['bigint', cols.parent],
      level: ['text', cols.level],
      region: ['text', cols.region],
    });
    const t = { id: [] as number[], org: [] as number[], num: [] as number[], start: [] as string[], end: [] as (string | null)[] };
    const s = {
      id: [] as number[],
      org: [] as number[],
      term: [] as number[],
      num: [] as number[],
      name: [] as string[],
      start: [] as string[],
      end: [] as string[],
    };
    for (const o of ctx.orgs) {
      // Ten years of sessions: the 10th term (2017–2021) and the 11th (2022–2026), one plenary session each January.
      for (const [num, y0, y1, sessions] of [
        [10, 2017, 2021, 5],
        [11, 2022, null, 5],
      ] as const) {
        const termId = ctx.ids.take('terms');
        o.termIds.push(termId);
        t.id.push(termId);
        t.org.push(o.id);
        t.num.push(num);
        t.start.push(`${y0}-01-01`);
        t.end.push(y1 ? `${y1}-12-31` : null);
        for (let n = 1; n <= sessions; n++) {
          const day = 5 + rng.int(15);
          const sessionId = ctx.ids.take('plenary_sessions');
          o.sessions.push({
            id: sessionId,
            name: sessionName(num, n),
            start: `${y0 + n - 1}-01-${String(day).padStart(2, '0')}`,
            end: `${y0 + n - 1}-01-${String(day + 4).padStart(2, '0')}`,
          });
          s.id.push(sessionId);
          s.org.push(o.id);
          s.term.push(termId);
          s.num.push(n);
          s.name.push(sessionName(num, n));
          s.start.push(`${y0 + n - 1}-01-${String(day).padStart(2, '0')}`);
          s.end.push(`${y0 + n - 1}-01-${String(day + 4).padStart(2, '0')}`);
        }
      }
    }
    ctx.totals.organizations = scale.orgs;
    ctx.totals.terms = await insertColumns(ctx.client, 'terms', {
      id: ['bigint', t.id],
      org_id: ['bigint', t.org],
      number: ['int', t.num],
      start_date: ['date', t.start],
      end_date: ['date', t.end],
    });
    ctx.totals.plenary_sessions = await insertColumns(ctx.client, 'plenary_sessions', {
      id: ['bigint', s.id],
      org_id: ['bigint', s.org],
      term_id: ['bigint', s.term],
      number: ['int', s.num],
      name: ['text', s.name],
      start_date: ['date', s.start],
      end_date: ['date', s.end],
    });
  },
};

const catalogsPhase: GeneratorPhase = {
  name: 'sectors, committees, groups, studios',
  async run(ctx) {
    const { rng } = ctx;
    for (const [table, key, namesOf] of [
      ['sectors', 'sectorIds', (o: OrgInfo) => SECTORS.slice(0, Math.min(SECTORS.length, 16 + Math.round(o.memberCount / 200)))],
      ['committees', 'committeeIds', (o: OrgInfo) => COMMITTEES.slice(0, o.memberCount > 400 ? 10 : 7)],
      [
        'member_groups',
        'groupIds',
        (o: OrgInfo) =>
          Array.from({ length: Math.min(99, Math.max(3, Math.ceil(o.memberCount / 40))) }, (_, i) => `第${cn(i + 1)}委员小组`),
      ],
    ] as const) {
      const c = { id: [] as number[], org: [] as number[], name: [] as string[], sort: [] as number[] };
      for (const o of ctx.orgs) {
        namesOf(o).forEach((name, i) => {
          const id = ctx.ids.take(table);
          o[key].push(id);
          c.id.push(id);
          c.org.push(o.id);
          c.name.push(name);
          c.sort.push(i + 1);
        });
      }
      ctx.totals[table] = await insertColumns(ctx.client, table, {
        id: ['bigint', c.id],
        org_id: ['bigint', c.org],
        name: ['text', c.name],
        sort: ['int', c.sort],
      });
    }
    const st = { id: [] as number[], org: [] as number[], name: [] as string[], theme: [] as string[], place: [] as string[] };
    for (const o of ctx.orgs) {
      const used = new Set<string>();
      for (let i = 0; i < Math.max(1, Math.ceil(o.memberCount / 100)); i++) {
        let name = `${personName(rng, rng.chance(0.6) ? 'male' : 'female')}委员工作室`;
        if (used.has(name)) name = `${name.slice(0, -3)}${cn(i + 1)}号委员工作室`;
        used.add(name);
        const id = ctx.ids.take('studios');
        o.studioIds.push(id);
        st.id.push(id);
        st.org.push(o.id);
        st.name.push(name);
        st.theme.push(rng.pick(STUDIO_THEMES));
        st.place.push(`${o.place}${o.x}${rng.pick(ROADS)}${1 + rng.int(300)}号`);
      }
    }
    ctx.totals.studios = await insertColumns(ctx.client, 'studios', {
      id: ['bigint', st.id],
      org_id: ['bigint', st.org],
      name: ['text', st.name],
      theme: ['text', st.theme],
      place: ['text', st.place],
    });
  },
};

const unitsPhase: GeneratorPhase = {
  name: 'handling units',
  async run(ctx) {
    const { rng } = ctx;
    const u = {
      id: [] as number[],
      org: [] as number[],
      name: [] as string[],
      group: [] as string[],
      contact: [] as string[],
      phone: [] as string[],
      duties: [] as string[],
    };
    const uo = { unit: [] as number[], org: [] as number[] };
    for (const o of ctx.orgs) {
      for (const [group, names] of Object.entries(UNITS)) {
        for (const tpl of names) {
          const id = ctx.ids.take('units');
          o.unitIds.push(id);
          u.id.push(id);
          u.org.push(o.id);
          u.name.push(fill(tpl, o));
          u.group.push(group);
          u.contact.push(personName(rng, rng.chance(0.5) ? 'male' : 'female'));
          u.phone.push(`023-${6000_0000 + rng.int(3999_9999)}`);
          u.duties.push(rng.pick(UNIT_DUTIES));
          uo.unit.push(id);
          uo.org.push(o.id);
          // Some enterprises of a district also serve the municipal organization.
          if (group === 'other' && o.id !== ctx.orgs[0].id && rng.chance(0.1)) {
            uo.unit.push(id);
            uo.org.push(ctx.orgs[0].id);
          }
        }
      }
    }
    ctx.totals.units = await insertColumns(ctx.client, 'units', {
      id: ['bigint', u.id],
      org_id: ['bigint', u.org],
      name: ['text', u.name],
      unit_group: ['text', u.group],
      contact_name: ['text', u.contact],
      contact_phone: ['text', u.phone],
      duties: ['text', u.duties],
    });
    ctx.totals.unit_orgs = await insertColumns(
      ctx.client,
      'unit_orgs',
      { unit_id: ['bigint', uo.unit], org_id: ['bigint', uo.org] },
      false,
    );
  },
};

/** Accounts of members (60% of members), staff of every organization, unit handlers and the virtual users. */
const peoplePhase: GeneratorPhase = {
  name: 'members, accounts, role grants, collectives',
  async run(ctx) {
    const { rng, scale } = ctx;
    const a = {
      id: [] as number[],
      username: [] as string[],
      phone: [] as (string | null)[],
      email: [] as string[],
      display: [] as string[],
      last: [] as number[],
    };
    const g = { account: [] as number[], org: [] as number[], role: [] as string[], unit: [] as (number | null)[], title: [] as string[] };
    const m = {
      id: [] as number[],
      org: [] as number[],
      account: [] as (number | null)[],
      name: [] as string[],
      gender: [] as string[],
      sector: [] as number[],
      group: [] as number[],
      standing: [] as boolean[],
      employer: [] as string[],
      phone: [] as string[],
      email: [] as string[],
      address: [] as string[],
      active: [] as boolean[],
    };
    const mt = { member: [] as number[], term: [] as number[] };
    const mc = { member: [] as number[], committee: [] as number[] };
    const ms = { member: [] as number[], studio: [] as number[] };
    let phoneSeq = 0;
    const account = (username: string, display: string, orgId: number, withPhone = true) => {
      const id = ctx.ids.take('accounts');
      const phone = withPhone ? mobileOf(phoneSeq++) : null;
      a.id.push(id);
      a.username.push(username);
      a.phone.push(phone);
      a.email.push('');
      a.display.push(display);
      a.last.push(orgId);
      return { id, phone };
    };
    const grant = (accountId: number, orgId: number, role: string, unitId: number | null = null, title = '') => {
      g.account.push(accountId);
      g.org.push(orgId);
      g.role.push(role);
      g.unit.push(unitId);
      g.title.push(title);
    };
    const STAFF: Array<[string, number, string]> = [
      ['org_admin', 1, '系统管理员'],
      ['proposal_staff', 2, '提案委员会办公室'],
      ['info_staff', 1, '社情民意信息科'],
      ['general_staff', 2, '办公室'],
      ['leader', 2, '副主席'],
    ];
    ctx.orgs.forEach((o, k) => {
      for (const [role, count, title] of STAFF) {
        for (let i = 0; i < count; i++) {
          const acc = account(`o${k}_${role}_${i + 1}`, personName(rng, rng.chance(0.6) ? 'male' : 'female'), o.id);
          grant(acc.id, o.id, role, null, title);
          if (role === 'proposal_staff') o.officeAccountIds.push(acc.id);
        }
      }
      for (const unitId of o.unitIds) {
        const acc = account(`o${k}_unit_${unitId}`, personName(rng, rng.chance(0.5) ? 'male' : 'female'), o.id);
        grant(acc.id, o.id, 'unit_handler', unitId, '承办联络员');
      }
      for (let i = 0; i < o.memberCount; i++) {
        const id = ctx.ids.take('members');
        o.memberIds.push(id);
        const female = rng.chance(0.35);
        const name = personName(rng, female ? 'female' : 'male');
        let accountId: number | null = null;
        let phone = mobileOf(50_000_000 + i + o.id * 100_000);
        if (rng.chance(0.6)) {
          const acc = account(`m${id}`, name, o.id);
          accountId = acc.id;
          phone = acc.phone!;
          o.memberAccounts.push([id, acc.id]);
          grant(acc.id, o.id, 'member', null, '委员');
        }
        m.id.push(id);
        m.org.push(o.id);
        m.account.push(accountId);
        m.name.push(name);
        m.gender.push(female ? 'female' : 'male');
        m.sector.push(rng.pick(o.sectorIds));
        m.group.push(rng.pick(o.groupIds));
        m.standing.push(rng.chance(0.12));
        m.employer.push(fill(rng.pick(EMPLOYERS), o));
        m.phone.push(phone);
        m.email.push(rng.chance(0.3) ? `m${id}@example.cn` : '');
        m.address.push(`${o.place}${o.x}${rng.pick(ROADS)}${1 + rng.int(500)}号`);
        m.active.push(rng.chance(0.97));
        mt.member.push(id);
        mt.term.push(o.termIds[1]);
        if (rng.chance(0.45)) {
          mt.member.push(id);
          mt.term.push(o.termIds[0]);
        }
        const nCommittees = rng.chance(0.7) ? (rng.chance(0.2) ? 2 : 1) : 0;
        const cs = new Set<number>();
        while (cs.size < nCommittees) cs.add(rng.pick(o.committeeIds));
        for (const c of cs) {
          mc.member.push(id);
          mc.committee.push(c);
        }
        if (rng.chance(0.05)) {
          ms.member.push(id);
          ms.studio.push(rng.pick(o.studioIds));
        }
      }
    });
    const top = ctx.orgs[0];
    for (let i = 0; i < scale.vus; i++) {
      const acc = account(vuUsername(i), `压测用户${i + 1}`, top.id, false);
      grant(acc.id, top.id, 'general_staff', null, '压测');
    }
    ctx.totals.accounts = await insertColumns(ctx.client, 'accounts', {
      id: ['bigint', a.id],
      username: ['text', a.username],
      phone: ['text', a.phone],
      email: ['text', a.email],
      display_name: ['text', a.display],
      password_hash: ['text', a.id.map(() => ctx.passwordHash)],
      last_org_id: ['bigint', a.last],
    });
    ctx.totals.role_grants = await insertColumns(ctx.client, 'role_grants', {
      account_id: ['bigint', g.account],
      org_id: ['bigint', g.org],
      role: ['text', g.role],
      unit_id: ['bigint', g.unit],
      title: ['text', g.title],
    });
    ctx.totals.members = await insertColumns(ctx.client, 'members', {
      id: ['bigint', m.id],
      org_id: ['bigint', m.org],
      account_id: ['bigint', m.account],
      name: ['text', m.name],
      gender: ['text', m.gender],
      sector_id: ['bigint', m.sector],
      group_id: ['bigint', m.group],
      is_standing_committee: ['bool', m.standing],
      employer: ['text', m.employer],
      phone: ['text', m.phone],
      email: ['text', m.email],
      address: ['text', m.address],
      active: ['bool', m.active],
    });
    ctx.totals.member_terms = await insertColumns(
      ctx.client,
      'member_terms',
      { member_id: ['bigint', mt.member], term_id: ['bigint', mt.term] },
      false,
    );
    ctx.totals.member_committees = await insertColumns(
      ctx.client,
      'member_committees',
      { member_id: ['bigint', mc.member], committee_id: ['bigint', mc.committee] },
      false,
    );
    ctx.totals.member_studios = await insertColumns(
      ctx.client,
      'member_studios',
      { member_id: ['bigint', ms.member], studio_id: ['bigint', ms.studio] },
      false,
    );

    // Collective proposers: the participating parties and people's organizations of every place, one agent each.
    const c = { id: [] as number[], org: [] as number[], kind: [] as string[], name: [] as string[] };
    const ag = { collective: [] as number[], account: [] as number[] };
    for (const o of ctx.orgs) {
      const memberAccounts = m.account.filter((x, i) => x != null && m.org[i] === o.id) as number[];
      for (const [kind, names] of [
        ['party', PARTIES],
        ['people_org', PEOPLE_ORGS],
      ] as const) {
        for (const n of names) {
          const id = ctx.ids.take('collective_proposers');
          c.id.push(id);
          c.org.push(o.id);
          c.kind.push(kind);
          c.name.push(kind === 'party' ? `${n}${o.place}${o.x}委员会` : `${o.place}${o.x}${n}`);
          const agent = memberAccounts.length ? rng.pick(memberAccounts) : null;
          if (agent != null) {
            ag.collective.push(id);
            ag.account.push(agent);
          }
          o.collectives.push([id, agent]);
        }
      }
    }
    ctx.totals.collective_proposers = await insertColumns(ctx.client, 'collective_proposers', {
      id: ['bigint', c.id],
      org_id: ['bigint', c.org],
      kind: ['text', c.kind],
      name: ['text', c.name],
    });
    ctx.totals.collective_agents = await insertColumns(
      ctx.client,
      'collective_agents',
      { collective_id: ['bigint', ag.collective], account_id: ['bigint', ag.account] },
      false,
    );
  },
};

export const PHASES: GeneratorPhase[] = [
  orgsPhase,
  catalogsPhase,
  unitsPhase,
  peoplePhase,
  // Proposals (bench/gen-proposals.ts): 1 M over ten years at full scale, every state, with assignments, replies,
  // evaluations and contacts; the largest organization holds ~100k.
  proposalsPhase,
  // Activities (bench/gen-activities.ts): 100k at full scale with attendance, speeches, outcomes, instructions and
  // 1 M problem-list issues with the units' answers.
  activitiesPhase,
];

/** Files whose content decides whether a cached dump is still valid. */
const SEARCH_DIR = path.join(HERE, '../src/server/modules/search');
const HASHED_FILES = [
  ...['generate.ts', 'gen-proposals.ts', 'gen-activities.ts', 'db.ts', 'vocab.ts'].map((f) => path.join(HERE, f)),
  // The search index is built into the dump by the product's indexer: the catch-up over every kind (hooks.ts),
  // every kind's source, the row writer and the text it indexes (words, keywords, segmentation).
  ...['hooks.ts', 'search.index.ts', 'search.text.ts'].map((f) => path.join(SEARCH_DIR, f)),
  ...fs
    .readdirSync(path.join(SEARCH_DIR, 'sources'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort()
    .map((f) => path.join(SEARCH_DIR, 'sources', f)),
  path.join(HERE, '../src/server/lib/segment.ts'),
];

/**
 * The cache key: the generator's own files and the scale. Migrations are not in it: a dump records the migrations
 * it was generated with, and a restore migrates forward when later ones were added (new tables start empty), so a
 * schema change elsewhere does not cost a regeneration. A dump whose migrations changed or vanished is regenerated.
 */
export function schemaHash(scale: Scale): string {
  const h = createHash('sha256');
  for (const f of HASHED_FILES) h.update(fs.readFileSync(f));
  h.update(JSON.stringify(scale));
  return h.digest('hex').slice(0, 12);
}

/** The migration files (SQL) with their content hashes, as a dump records them. */
function migrationFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((x) => x.endsWith('.sql'))
    .sort())
    out[f] = createHash('sha256')
      .update(fs.readFileSync(path.join(MIGRATIONS_DIR, f)))
      .digest('hex')
      .slice(0, 16);
  return out;
}

/** Whether every migration a dump was generated with is still here, unchanged (later ones may have been added). */
function dumpMigrationsValid(dump: string): boolean {
  const side = `${dump}.migrations.json`;
  if (!fs.existsSync(side)) return false;
  const then = JSON.parse(fs.readFileSync(side, 'utf8')) as Record<string, string>;
  const now = migrationFiles();
  return Object.entries(then).every(([f, h]) => now[f] === h);
}

async function generateInto(url: string, scale: Scale, log: (m: string) => void): Promise<void> {
  await recreateDatabase(url);
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    await runMigrations(database);
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const ctx: GenContext = {
      client,
      scale,
      rng: makeRng(scale.seed),
      ids: new Ids(),
      orgs: [],
      passwordHash: await hashPassword(BENCH_PASSWORD),
      totals: {},
      log,
    };
    await client.query('begin');
    for (const phase of PHASES) {
      const t0 = Date.now();
      await phase.run(ctx);
      log(`  ${phase.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    // Identity sequences continue after the explicit ids, so the app's own inserts do not collide.
    for (const table of ctx.ids.tables()) {
      const { rows } = await client.query<{ seq: string | null }>(`select pg_get_serial_sequence($1, 'id') as seq`, [table]);
      if (rows[0]?.seq) await client.query(`select setval($1, (select coalesce(max(id), 0) + 1 from ${table}), false)`, [rows[0].seq]);
    }
    await client.query(`create table bench_meta (key text primary key, value jsonb not null)`);
    const info: DatasetInfo = {
      scale: scale.name,
      largestOrgId: ctx.orgs[0].id,
      largestOrgMembers: ctx.orgs[0].memberCount,
      totals: ctx.totals,
    };
    await client.query(`insert into bench_meta values ('dataset', $1)`, [JSON.stringify(info)]);
    await client.query('commit');
    await client.query('analyze');
  } finally {
    await client.end();
  }
  // The search index of every record kind (proposals, activities, outcomes, problem-list issues, cooperation items,
  // 社情民意 reports), built by the product's own indexer (`refreshAll`, as `npm run cli -- reindex --all` runs it), so
  // the dump holds it and app instances with the worker on start with nothing to catch up.
  const indexDb = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    // A bulk load into an offline database, as PostgreSQL's manual advises: the GIN indexes are dropped first and
    // built once at the end (CREATE INDEX sorts; maintaining them row by row costs more than cutting the words).
    // The rate reported includes building them again.
    const gin = await indexDb.rows<{ name: string; def: string }>(
      sql`select indexname as name, indexdef as def from pg_indexes where tablename = 'search_documents' and indexdef ilike '%using gin%'`,
    );
    const t0 = Date.now();
    for (const g of gin) await indexDb.rows(sql.raw(`drop index ${g.name}`));
    const n = await refreshAll(indexDb, { all: true });
    const written = (Date.now() - t0) / 1000;
    await indexDb.rows(sql`set maintenance_work_mem = '512MB'`);
    for (const g of gin) await indexDb.rows(sql.raw(g.def));
    const seconds = (Date.now() - t0) / 1000;
    const byKind = await indexDb.rows<{ kind: string; n: number | string }>(
      sql`select kind, count(*) as n from search_documents group by kind order by kind`,
    );
    const kinds = Object.fromEntries(byKind.map((r) => [r.kind, Number(r.n)]));
    log(
      `  search index: ${n} documents in ${seconds.toFixed(1)} s (${Math.round(n / Math.max(seconds, 0.001))} docs/s; rows ${written.toFixed(1)} s, GIN indexes ${(seconds - written).toFixed(1)} s); ${JSON.stringify(kinds)}`,
    );
    const searchIndex = { documents: n, seconds: Math.round(seconds * 10) / 10, kinds };
    await indexDb.rows(sql`update bench_meta set value = value || ${JSON.stringify({ searchIndex })}::jsonb where key = 'dataset'`);
    // A database in service is vacuumed by autovacuum: without it the visibility map is empty, index-only scans
    // read the heap and the first dashboard misses measure a state production never stays in.
    await indexDb.rows(sql`vacuum (analyze)`);
  } finally {
    await indexDb.close();
  }
}

export async function readDatasetInfo(url: string): Promise<DatasetInfo> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ value: DatasetInfo }>(`select value from bench_meta where key = 'dataset'`);
    return rows[0].value;
  } finally {
    await client.end();
  }
}

export interface PreparedDatabase {
  url: string;
  info: DatasetInfo;
  source: 'generated' | 'cache' | 'reused';
  seconds: number;
  dump: string;
}

/**
 * Makes `url` hold a fresh copy of the scale's data: restores the cached dump when its hash matches, otherwise
 * generates and dumps. Always starts from a clean copy, because scenarios write.
 */
export async function prepareDatabase(
  url: string,
  scale: Scale,
  opts: { fresh?: boolean; reuse?: boolean; log?: (m: string) => void } = {},
): Promise<PreparedDatabase> {
  const log = opts.log ?? ((m: string) => console.error(m));
  const t0 = Date.now();
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const dump = path.join(CACHE_DIR, `${scale.name}-${schemaHash(scale)}.dumpdir`);
  let source: PreparedDatabase['source'] = 'cache';
  if (opts.reuse && !opts.fresh && (await databaseHolds(url))) {
    // --reuse: the database a previous run left (scenarios' writes included), migrated forward; no restore.
    log(`reusing ${dbNameOf(url)} as the previous run left it`);
    source = 'reused';
    const migrated = await openDatabase({ databaseUrl: url, poolSize: 1 });
    try {
      await runMigrations(migrated);
    } finally {
      await migrated.close();
    }
  } else if (!opts.fresh && fs.existsSync(path.join(dump, 'toc.dat')) && dumpMigrationsValid(dump)) {
    log(`restoring ${path.relative(process.cwd(), dump)} into ${dbNameOf(url)}`);
    await recreateDatabase(url);
    execFileSync('pg_restore', ['--no-owner', '-j', '2', '-d', url, dump], { stdio: ['ignore', 'ignore', 'inherit'] });
    // Migrations added since the dump was made (their tables start empty).
    const migrated = await openDatabase({ databaseUrl: url, poolSize: 1 });
    try {
      await runMigrations(migrated);
    } finally {
      await migrated.close();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('vacuum (analyze)'); // as after generating: restored tables have no visibility map yet
    await client.end();
  } else {
    source = 'generated';
    log(`generating scale ${scale.name} (${scale.orgs} orgs, ${scale.members} members) into ${dbNameOf(url)}`);
    await generateInto(url, scale, log);
    const tmp = `${dump}.tmp`;
    const d0 = Date.now();
    fs.rmSync(tmp, { recursive: true, force: true });
    // Directory format, one job per core and light compression: a single-threaded gzip -6 of the custom format took
    // about 550 s at 1 M proposals, most of it compressing.
    execFileSync('pg_dump', ['-Fd', '-j', '2', '-Z', '1', '-f', tmp, url], { stdio: ['ignore', 'ignore', 'inherit'] });
    fs.writeFileSync(`${dump}.migrations.json`, JSON.stringify(migrationFiles(), null, 1));
    fs.rmSync(dump, { recursive: true, force: true });
    fs.renameSync(tmp, dump);
    log(`  dump: ${((Date.now() - d0) / 1000).toFixed(1)} s`);
    // Drop stale dumps of the same scale.
    for (const f of fs.readdirSync(CACHE_DIR))
      if (f.startsWith(`${scale.name}-`) && !f.startsWith(path.basename(dump)))
        fs.rmSync(path.join(CACHE_DIR, f), { recursive: true, force: true });
  }
  const info = await readDatasetInfo(url);
  const seconds = (Date.now() - t0) / 1000;
  log(`database ready (${source}) in ${seconds.toFixed(1)} s: ${JSON.stringify(info.totals)}`);
  return { url, info, source, seconds, dump };
}

/** Whether the database exists and holds generated organizations. */
async function databaseHolds(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const r = await client.query<{ n: string }>('select count(*) as n from organizations');
    return Number(r.rows[0].n) > 0;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export { DEFAULT_URL, dbNameOf, defaultBenchUrl, withDatabase };

// CLI: npx tsx bench/generate.ts --scale quick [--fresh]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const scaleName = args.includes('--scale') ? args[args.indexOf('--scale') + 1] : 'quick';
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`unknown scale ${scaleName}`);
  prepareDatabase(process.env.DATABASE_URL || defaultBenchUrl(scale.name), scale, { fresh: args.includes('--fresh') }).catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
