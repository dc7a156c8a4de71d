import { sql } from 'drizzle-orm';
import { sessionName } from '@common/orgs';
import type { Database, Tx } from '@server/db/client';
import {
  accounts,
  collectiveAgents,
  collectiveProposers,
  committees,
  memberCommittees,
  memberGroups,
  memberStudios,
  memberTerms,
  members,
  organizations,
  plenarySessions,
  roleGrants,
  sectors,
  studios,
  terms,
  units,
} from '@server/db/schema/index';
import { writeAuditMany, type AuditActor, type AuditEntry } from '@server/lib/audit';
import { hashPassword } from '@server/lib/passwords';
import { indexAllRecords } from '@server/modules/search/hooks';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './accounts';
import { DEMO_ORGS, SECTORS, type DemoNamedMember, type DemoOrg } from './orgs';
import { commonUnits, demoPhone, employerFor, personName, rng, type Rng } from './generate';
import { loadDemoProposals } from './proposals';
import { loadDemoActivities } from './activities';
import { loadDemoJoint } from './joint';
// Cooperation items, campaigns and studios (coop)
import { loadDemoCooperation } from './cooperation';
// ── info (社情民意) ──
import { loadDemoInfo } from './info';
// Studio work (委员工作室): 南川's duty roster, public requests and star ratings.
import { loadDemoStudios } from './studios';
// Duty records (履职档案) of 秀山.
import { loadDemoDuty } from './duty';
// Work system (五个一) and the leadership dashboard's 荣昌 figures
import { loadDemoWorkSystem } from './worksystem';

/** Every audit row the loader writes names this actor. */
export const DEMO_ACTOR: AuditActor = { accountId: null, name: 'demo loader', requestId: 'demo-loader' };

export type DemoLoadResult =
  { status: 'loaded'; counts: Record<string, number> } | { status: 'already_loaded' } | { status: 'refused'; reason: string };

interface OrgIds {
  org: DemoOrg;
  id: number;
  currentTermId: number;
  previousTermId: number | null;
  sectors: Map<string, number>;
  committees: Map<string, number>;
  groups: number[];
  studios: Map<string, number>;
  units: Map<string, number>;
}

interface MemberPlan extends DemoNamedMember {
  phone: string;
  address: string;
  id?: number;
}

/**
 * Loads the demo organizations, people, units and accounts in ONE transaction, marking every
 * organization and account `is_demo`. Refuses (and changes nothing) when the database holds any
 * non-demo organization or account; a second run finds the demo data and does nothing.
 */
export async function loadDemo(database: Database): Promise<DemoLoadResult> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return database.db.transaction(async (tx) => {
    const [state] = await database.rows<{ real_orgs: number; demo_orgs: number; real_accounts: number }>(
      sql`select (select count(*) from organizations where not is_demo)::int as real_orgs,
                 (select count(*) from organizations where is_demo)::int as demo_orgs,
                 (select count(*) from accounts where not is_demo)::int as real_accounts`,
      tx,
    );
    if (state.real_orgs > 0 || state.real_accounts > 0) {
      return {
        status: 'refused',
        reason: `the database already holds real data (${state.real_orgs} non-demo organizations, ${state.real_accounts} non-demo accounts); demo data is only loaded into an empty database`,
      };
    }
    if (state.demo_orgs > 0) return { status: 'already_loaded' };

    const counts: Record<string, number> = {};
    const bump = (k: string, n = 1) => (counts[k] = (counts[k] ?? 0) + n);
    const byCode = new Map<string, OrgIds>();
    for (const org of DEMO_ORGS) byCode.set(org.code, await loadOrg(tx, org, byCode, bump));

    // The demo accounts (one per role), each password-hashed with argon2id. One hash serves every demo
    // account: the password is published in the README, so distinct salts would protect nothing.
    const accountIds = new Map<string, number>();
    for (const a of DEMO_ACCOUNTS) {
      const grants = a.grants.map((g) => {
        const o = byCode.get(g.org);
        if (!o) throw new Error(`demo account ${a.username}: unknown organization ${g.org}`);
        const unitId = g.unit ? o.units.get(g.unit) : null;
        if (g.unit && !unitId) throw new Error(`demo account ${a.username}: unknown unit ${g.unit} in ${g.org}`);
        return { orgId: o.id, role: g.role, unitId: unitId ?? null, title: g.title ?? '' };
      });
      accountIds.set(a.username, await createAccount(tx, a.username, a.displayName, passwordHash, grants, bump));
    }

    for (const org of DEMO_ORGS) await loadPeople(tx, byCode.get(org.code)!, accountIds, passwordHash, bump);
    await flushAudits(tx);
    // Proposals in every state (the 秀山 bus-line story among them), with their own audit rows.
    await loadDemoProposals(tx, DEMO_ORGS, accountIds, bump);
    // Consultations, inspections and research (the 荣昌, 开州 and 民建巴南 stories among them).
    await loadDemoActivities(tx, bump);
    // ── joint activities: the 九龙坡–新都 joint consultation and a pending invitation to 新都 ──
    await loadDemoJoint(tx, bump);
    // Cooperation (coop): the 南川–金牛 渝石进川 item, the 唱响双城记·建功新南川 campaign, the studio's members.
    await loadDemoCooperation(tx, bump);
    // ── info (社情民意): reports in every state, bulletin issues, adoptions, instructions (荣昌: five) ──
    await loadDemoInfo(tx, bump);
    // 南川 “唱响双城记”委员工作室: Wednesday roster, two public requests (one became a 社情民意 report), star ratings.
    await loadDemoStudios(database, tx, bump);
    // 秀山's duty ledgers (2025 frozen, 2026 open), computed from the records above, with a few manual entries.
    await loadDemoDuty(database, tx, bump);
    // The 荣昌 work system (五个一) and the records behind the dashboard's figures; after the activities and
    // information demos, because it only adds what they leave missing.
    await loadDemoWorkSystem(tx, bump);
    // The search index, in the same transaction (so a fresh `npm start` can search at once).
    bump('searchDocuments', await indexAllRecords(tx));
    return { status: 'loaded', counts };
  });
}

type Bump = (k: string, n?: number) => void;

// Audit rows are collected per organization and appended in bulk before the transaction commits
// (same rows as one writeAudit call each, at a fraction of the statements).
const pendingAudits = new WeakMap<Tx, Map<number, Array<Omit<AuditEntry, 'orgId'>>>>();

async function audit(tx: Tx, orgId: number, entityType: string, entityId: number, after: Record<string, unknown>) {
  let byOrg = pendingAudits.get(tx);
  if (!byOrg) pendingAudits.set(tx, (byOrg = new Map()));
  const list = byOrg.get(orgId) ?? [];
  list.push({ entityType, entityId, action: 'create', after, reason: '演示数据 demo data' });
  byOrg.set(orgId, list);
}

async function flushAudits(tx: Tx) {
  for (const [orgId, entries] of pendingAudits.get(tx) ?? []) await writeAuditMany(tx, DEMO_ACTOR, orgId, entries);
  pendingAudits.delete(tx);
}

async function createAccount(
  tx: Tx,
  username: string,
  displayName: string,
  passwordHash: string,
  grants: Array<{ orgId: number; role: string; unitId: number | null; title: string }>,
  bump: Bump,
): Promise<number> {
  const [acc] = await tx
    .insert(accounts)
    .values({ username, displayName, passwordHash, isDemo: true, lastOrgId: grants[0]?.orgId ?? null })
    .returning({ id: accounts.id });
  await audit(tx, grants[0].orgId, 'account', acc.id, { username, displayName });
  bump('accounts');
  for (const g of grants) {
    const [row] = await tx
      .insert(roleGrants)
      .values({ accountId: acc.id, ...g })
      .returning({ id: roleGrants.id });
    await audit(tx, g.orgId, 'grant', row.id, { accountId: acc.id, role: g.role, unitId: g.unitId, title: g.title });
    bump('grants');
  }
  return acc.id;
}

/** The organization with its terms, sessions, catalogues and handling units. */
async function loadOrg(tx: Tx, org: DemoOrg, byCode: Map<string, OrgIds>, bump: Bump): Promise<OrgIds> {
  const parentId = org.parent ? byCode.get(org.parent)!.id : null;
  const values = { code: org.code, name: org.name, shortName: org.shortName, parentId, level: org.level, region: org.region };
  const [row] = await tx
    .insert(organizations)
    .values({ ...values, isDemo: true })
    .returning({ id: organizations.id });
  const orgId = row.id;
  await audit(tx, orgId, 'organization', orgId, values);
  bump('organizations');

  const termIds: number[] = [];
  for (const t of org.terms) {
    const [term] = await tx
      .insert(terms)
      .values({ orgId, number: t.number, startDate: t.startDate, endDate: t.endDate })
      .returning({ id: terms.id });
    await audit(tx, orgId, 'term', term.id, { number: t.number, startDate: t.startDate, endDate: t.endDate });
    bump('terms');
    termIds.push(term.id);
    for (const [number, startDate, endDate] of t.sessions) {
      const name = sessionName(t.number, number);
      const [s] = await tx
        .insert(plenarySessions)
        .values({ orgId, termId: term.id, number, name, startDate, endDate })
        .returning({ id: plenarySessions.id });
      await audit(tx, orgId, 'session', s.id, { termId: term.id, number, name, startDate, endDate });
      bump('sessions');
    }
  }

  const named = async (table: typeof sectors, entityType: string, names: string[]) => {
    const rows = await tx
      .insert(table)
      .values(names.map((name, i) => ({ orgId, name, sort: (i + 1) * 10 })))
      .returning({ id: table.id, name: table.name, sort: table.sort });
    for (const r of rows) await audit(tx, orgId, entityType, r.id, { name: r.name, sort: r.sort });
    bump(entityType, rows.length);
    return rows;
  };
  const sectorRows = await named(sectors, 'sectors', SECTORS);
  const committeeRows = await named(committees, 'committees', org.committees);
  const groupRows = await named(memberGroups, 'groups', org.groups);
  const studioRows = await tx
    .insert(studios)
    .values(org.studios.map((s) => ({ orgId, ...s })))
    .returning({ id: studios.id, name: studios.name });
  for (const [i, s] of studioRows.entries()) await audit(tx, orgId, 'studios', s.id, org.studios[i]);
  bump('studios', studioRows.length);

  const r = rng(`${org.code}:units`);
  const taken = new Set<string>();
  const unitSpecs = [...commonUnits(org), ...org.extraUnits];
  const unitRows = await tx
    .insert(units)
    .values(
      unitSpecs.map((u, i) => ({
        orgId,
        name: u.name,
        unitGroup: u.group,
        duties: u.duties,
        contactName: personName(r, r.chance(0.5) ? 'male' : 'female', taken),
        contactPhone: `${org.code.startsWith('cd') ? '028' : '023'}-6${String(1000000 + i * 137 + r.int(100)).slice(1)}`,
      })),
    )
    .returning();
  for (const u of unitRows) {
    await audit(tx, orgId, 'unit', u.id, {
      name: u.name,
      unitGroup: u.unitGroup,
      duties: u.duties,
      contactName: u.contactName,
      contactPhone: u.contactPhone,
      orgIds: [],
    });
  }
  bump('units', unitRows.length);

  return {
    org,
    id: orgId,
    currentTermId: termIds[termIds.length - 1],
    previousTermId: termIds.length > 1 ? termIds[termIds.length - 2] : null,
    sectors: new Map(sectorRows.map((s) => [s.name, s.id])),
    committees: new Map(committeeRows.map((c) => [c.name, c.id])),
    groups: groupRows.map((g) => g.id),
    studios: new Map(studioRows.map((s) => [s.name, s.id])),
    units: new Map(unitRows.map((u) => [u.name, u.id])),
  };
}

/** Sector weights: the party sector is the largest, as in a real roster. */
function randomSector(r: Rng): string {
  if (r.chance(0.22)) return '中共';
  return r.pick(SECTORS.slice(1));
}

/** Members (named ones first, one per collective agent's sector, then fictional ones) and collective proposers. */
async function loadPeople(tx: Tx, o: OrgIds, accountIds: Map<string, number>, passwordHash: string, bump: Bump) {
  const { org } = o;
  const r = rng(`${org.code}:members`);
  const taken = new Set<string>(org.namedMembers.map((m) => m.name));
  const plans: MemberPlan[] = [];
  const add = (m: DemoNamedMember) =>
    plans.push({ ...m, phone: demoPhone(o.id * 100 + plans.length), address: `${org.region}${r.pick(org.towns)}` });
  for (const m of org.namedMembers) add(m);
  const agentSectors = org.collectives.map((c) => c.agentSector).filter((s): s is string => !!s);
  for (const sector of agentSectors) {
    const gender = r.chance(0.35) ? 'female' : 'male';
    add({ name: personName(r, gender, taken), gender, sector, employer: employerFor(r, org, sector), standing: r.chance(0.4) });
  }
  while (plans.length < org.memberCount) {
    const gender = r.chance(0.35) ? 'female' : 'male';
    const sector = randomSector(r);
    add({ name: personName(r, gender, taken), gender, sector, employer: employerFor(r, org, sector), standing: r.chance(0.18) });
  }

  const committeeNames = [...o.committees.keys()];
  const studioNames = [...o.studios.keys()];
  // Rows first, then one insert per table for the whole organization; audit rows one per member.
  const rows = plans.map((p) => {
    const values = {
      orgId: o.id,
      accountId: p.account ? accountIds.get(p.account)! : null,
      name: p.name,
      gender: p.gender,
      sectorId: o.sectors.get(p.sector)!,
      groupId: p.group != null ? o.groups[p.group] : r.pick(o.groups),
      isStandingCommittee: !!p.standing,
      employer: p.employer,
      phone: p.phone,
      email: r.chance(0.3) ? `member${p.phone.slice(-4)}@example.com` : '',
      address: p.address,
    };
    const termIds = o.previousTermId && r.chance(0.6) ? [o.previousTermId, o.currentTermId] : [o.currentTermId];
    const committeeIds = (p.committees ?? (r.chance(p.standing ? 0.8 : 0.4) ? [r.pick(committeeNames)] : [])).map((c) =>
      o.committees.get(c)!,
    );
    const studioIds = p.studio
      ? [o.studios.get(p.studio)!]
      : studioNames.length && r.chance(0.12)
        ? [o.studios.get(r.pick(studioNames))!]
        : [];
    return { plan: p, values, termIds, committeeIds, studioIds };
  });
  const inserted = await tx
    .insert(members)
    .values(rows.map((x) => x.values))
    .returning({ id: members.id, phone: members.phone });
  const idByPhone = new Map(inserted.map((m) => [m.phone, m.id]));
  for (const x of rows) x.plan.id = idByPhone.get(x.plan.phone)!;
  await tx.insert(memberTerms).values(rows.flatMap((x) => x.termIds.map((termId) => ({ memberId: x.plan.id!, termId }))));
  const mc = rows.flatMap((x) => x.committeeIds.map((committeeId) => ({ memberId: x.plan.id!, committeeId })));
  if (mc.length) await tx.insert(memberCommittees).values(mc);
  const ms = rows.flatMap((x) => x.studioIds.map((studioId) => ({ memberId: x.plan.id!, studioId })));
  if (ms.length) await tx.insert(memberStudios).values(ms);
  for (const x of rows) {
    await audit(tx, o.id, 'member', x.plan.id!, { ...x.values, termIds: x.termIds, committeeIds: x.committeeIds, studioIds: x.studioIds });
  }
  bump('members', rows.length);

  // Collective proposers; a party or people's organization acts through one of its members (an agent account).
  let agentNo = 0;
  for (const c of org.collectives) {
    const [row] = await tx
      .insert(collectiveProposers)
      .values({ orgId: o.id, kind: c.kind, name: c.name })
      .returning({ id: collectiveProposers.id });
    const agentIds: number[] = [];
    const agent = c.agentSector ? plans.find((p) => p.sector === c.agentSector && !p.account) : undefined;
    if (agent) {
      agentNo++;
      const username = `${org.abbr}_agent${agentNo}`;
      agent.account = username;
      const accountId = await createAccount(
        tx,
        username,
        agent.name,
        passwordHash,
        [{ orgId: o.id, role: 'member', unitId: null, title: `${c.name}联络人` }],
        bump,
      );
      await tx
        .update(members)
        .set({ accountId })
        .where(sql`${members.id} = ${agent.id!}`);
      await tx.insert(collectiveAgents).values({ collectiveId: row.id, accountId });
      agentIds.push(accountId);
    }
    await audit(tx, o.id, 'collective', row.id, { kind: c.kind, name: c.name, accountIds: agentIds });
    bump('collectives');
  }
}
