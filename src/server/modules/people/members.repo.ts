import { and, count, desc, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { committees, memberCommittees, memberGroups, members, memberStudios, memberTerms, sectors, terms } from '@server/db/schema/index';
import { GENDERS, type Gender, type MemberFilter, type MemberSummary } from '@common/people';
import { containsPattern } from './people.repo';

/** Term, committee and studio links aggregated per member inside the same query (no N+1). */
const termsAgg = sql<Array<{ id: number; number: number }>>`(
  select coalesce(json_agg(json_build_object('id', t.id, 'number', t.number) order by t.number), '[]'::json)
  from member_terms mt join terms t on t.id = mt.term_id where mt.member_id = members.id)`;
const committeesAgg = sql<Array<{ id: number; name: string }>>`(
  select coalesce(json_agg(json_build_object('id', c.id, 'name', c.name) order by c.sort, c.id), '[]'::json)
  from member_committees mc join committees c on c.id = mc.committee_id where mc.member_id = members.id)`;
const studiosAgg = sql<number[]>`(
  select coalesce(json_agg(ms.studio_id order by ms.studio_id), '[]'::json)
  from member_studios ms where ms.member_id = members.id)`;

const selection = {
  m: members,
  sectorName: sectors.name,
  groupName: memberGroups.name,
  terms: termsAgg,
  committees: committeesAgg,
  studioIds: studiosAgg,
};

export type MemberRow = {
  m: typeof members.$inferSelect;
  sectorName: string | null;
  groupName: string | null;
  terms: Array<{ id: number; number: number }>;
  committees: Array<{ id: number; name: string }>;
  studioIds: number[];
};

const base = (db: DbOrTx) =>
  db
    .select(selection)
    .from(members)
    .leftJoin(sectors, eq(sectors.id, members.sectorId))
    .leftJoin(memberGroups, eq(memberGroups.id, members.groupId));

/** Filters of the member list, all in SQL; term and committee filters are EXISTS subqueries. */
function filterSql(orgId: number, f: MemberFilter): SQL[] {
  const where: SQL[] = [eq(members.orgId, orgId)];
  if (f.sectorId) where.push(eq(members.sectorId, f.sectorId));
  if (f.noSector) where.push(isNull(members.sectorId));
  if (f.groupId) where.push(eq(members.groupId, f.groupId));
  if (f.isStandingCommittee !== undefined) where.push(eq(members.isStandingCommittee, f.isStandingCommittee));
  if (f.active !== undefined) where.push(eq(members.active, f.active));
  if (f.termId) where.push(sql`exists (select 1 from member_terms x where x.member_id = members.id and x.term_id = ${f.termId})`);
  if (f.committeeId) where.push(sql`exists (select 1 from member_committees x where x.member_id = members.id and x.committee_id = ${f.committeeId})`);
  if (f.q) {
    const p = containsPattern(f.q);
    where.push(or(ilike(members.name, p), ilike(members.employer, p))!);
  }
  return where;
}

/** One page of members ordered by id descending (keyset: rows with id < afterId). Takes `limit` rows. */
export async function listMembers(db: DbOrTx, orgId: number, f: MemberFilter, afterId: number | null, limit: number): Promise<MemberRow[]> {
  const where = filterSql(orgId, f);
  if (afterId != null) where.push(lt(members.id, afterId));
  // Pick the page's ids first on the (org_id, id) index, then decorate only those rows: with the joins in the
  // same query the planner may walk the primary key backwards across every organization (seen in the bench).
  const pageIds = db.select({ id: members.id }).from(members).where(and(...where)).orderBy(desc(members.id)).limit(limit);
  return (await base(db).where(inArray(members.id, pageIds)).orderBy(desc(members.id))) as MemberRow[];
}

/** The organization's current term: the highest-numbered one (the term a new member defaults to); null when none. */
export async function currentTerm(db: DbOrTx, orgId: number): Promise<{ id: number; number: number } | null> {
  const [t] = await db.select({ id: terms.id, number: terms.number }).from(terms).where(eq(terms.orgId, orgId)).orderBy(desc(terms.number)).limit(1);
  return t ?? null;
}

/**
 * Counts of current members (see `MemberSummaryView`), one GROUP BY per grouping over the member list's own filter
 * (`termId` + `active`), so a bar of the chart and the list it opens count the same rows. Served by
 * `member_terms_term_idx` and the members' primary key; no member row leaves the database.
 */
export async function memberSummary(db: DbOrTx, orgId: number, term: { id: number; number: number } | null): Promise<MemberSummary> {
  const where = and(...filterSql(orgId, { active: true, termId: term?.id }));
  const [totals] = await db
    .select({ total: count(), standing: sql<number>`count(*) filter (where ${members.isStandingCommittee})`.mapWith(Number) })
    .from(members)
    .where(where);
  const bySector = await db
    .select({ sectorId: members.sectorId, name: sectors.name, count: count() })
    .from(members)
    .leftJoin(sectors, eq(sectors.id, members.sectorId))
    .where(where)
    .groupBy(members.sectorId, sectors.name, sectors.sort)
    .orderBy(desc(count()), sectors.sort, members.sectorId);
  const genders = await db.select({ gender: members.gender, count: count() }).from(members).where(where).groupBy(members.gender);
  const byCommittee = await db
    .select({ committeeId: committees.id, name: committees.name, count: count() })
    .from(memberCommittees)
    .innerJoin(members, eq(members.id, memberCommittees.memberId))
    .innerJoin(committees, eq(committees.id, memberCommittees.committeeId))
    // The org condition on committees is redundant but lets the planner start from the organization's few
    // committees and walk member_committees_committee_idx instead of scanning every organization's links.
    .where(and(where, eq(committees.orgId, orgId)))
    .groupBy(committees.id, committees.name, committees.sort)
    .orderBy(committees.sort, committees.id);
  // A gender outside the enum (none is written today) counts as "not given" rather than failing the response.
  const byGender = new Map<Gender, number>();
  for (const g of genders) {
    const key = (GENDERS as readonly string[]).includes(g.gender) ? (g.gender as Gender) : '';
    byGender.set(key, (byGender.get(key) ?? 0) + g.count);
  }
  return {
    term,
    total: totals?.total ?? 0,
    standing: totals?.standing ?? 0,
    bySector,
    byGender: GENDERS.filter((g) => byGender.has(g)).map((gender) => ({ gender, count: byGender.get(gender)! })),
    byCommittee,
  };
}

export async function getMember(db: DbOrTx, id: number): Promise<MemberRow | undefined> {
  const [row] = (await base(db).where(eq(members.id, id))) as MemberRow[];
  return row;
}

export interface MemberLinks {
  termIds?: number[];
  committeeIds?: number[];
  studioIds?: number[];
}

/** Replaces, for each member, the link sets that are present (absent sets stay as they are). */
export async function setMemberLinks(tx: DbOrTx, entries: Array<{ memberId: number; links: MemberLinks }>): Promise<void> {
  const having = (k: keyof MemberLinks) => entries.filter((e) => e.links[k] !== undefined).map((e) => e.memberId);
  const del = async (ids: number[], run: (chunk: number[]) => Promise<unknown>) => {
    for (let i = 0; i < ids.length; i += 1000) await run(ids.slice(i, i + 1000));
  };
  await del(having('termIds'), (ids) => tx.delete(memberTerms).where(inArray(memberTerms.memberId, ids)));
  await del(having('committeeIds'), (ids) => tx.delete(memberCommittees).where(inArray(memberCommittees.memberId, ids)));
  await del(having('studioIds'), (ids) => tx.delete(memberStudios).where(inArray(memberStudios.memberId, ids)));
  const t: Array<typeof memberTerms.$inferInsert> = [];
  const c: Array<typeof memberCommittees.$inferInsert> = [];
  const s: Array<typeof memberStudios.$inferInsert> = [];
  for (const { memberId, links } of entries) {
    for (const termId of new Set(links.termIds ?? [])) t.push({ memberId, termId });
    for (const committeeId of new Set(links.committeeIds ?? [])) c.push({ memberId, committeeId });
    for (const studioId of new Set(links.studioIds ?? [])) s.push({ memberId, studioId });
  }
  for (let i = 0; i < t.length; i += 1000) await tx.insert(memberTerms).values(t.slice(i, i + 1000));
  for (let i = 0; i < c.length; i += 1000) await tx.insert(memberCommittees).values(c.slice(i, i + 1000));
  for (let i = 0; i < s.length; i += 1000) await tx.insert(memberStudios).values(s.slice(i, i + 1000));
}

export async function insertMembers(tx: DbOrTx, values: Array<typeof members.$inferInsert>): Promise<Array<typeof members.$inferSelect>> {
  const out: Array<typeof members.$inferSelect> = [];
  for (let i = 0; i < values.length; i += 500) out.push(...(await tx.insert(members).values(values.slice(i, i + 500)).returning()));
  return out;
}

/** Keys "name|phone" of the organization's members among the given names (import duplicate check). */
export async function existingMemberKeys(db: DbOrTx, orgId: number, names: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const unique = [...new Set(names)];
  for (let i = 0; i < unique.length; i += 1000) {
    const rows = await db
      .select({ name: members.name, phone: members.phone })
      .from(members)
      .where(and(eq(members.orgId, orgId), inArray(members.name, unique.slice(i, i + 1000))));
    for (const r of rows) out.add(`${r.name}|${r.phone}`);
  }
  return out;
}

/** True when another member of the organization already links this account. */
export async function accountLinked(db: DbOrTx, orgId: number, accountId: number, exceptId?: number): Promise<boolean> {
  const rows = await db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.accountId, accountId)));
  return rows.some((r) => r.id !== exceptId);
}
