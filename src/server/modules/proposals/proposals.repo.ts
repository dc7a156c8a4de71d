import { and, asc, desc, eq, getTableColumns, inArray, lt, ne, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { hoisted, ph, UNNAMED } from '@server/db/prepared';
import {
  accounts,
  auditLog,
  collectiveAgents,
  collectiveProposers,
  convertedItems,
  members,
  plenarySessions,
  proposalCategories,
  proposalConversions,
  proposalProposers,
  proposalRevisions,
  proposals,
  proposalSettings,
  roleGrants,
  unitOrgs,
  units,
} from '@server/db/schema/index';
import { DEFAULT_PROPOSAL_SETTINGS, ProposalSettingsConfig, type ProposalFilter, type ProposalState } from '@common/proposals';
import { readConfig } from '@server/lib/config-cache';

export type ProposalRow = typeof proposals.$inferSelect;

/** The caller's relations to a proposal: one entry per proposer row that is the caller (or a collective they act for). */
export type Relation = Array<{ role: 'first' | 'cosigner'; status: 'invited' | 'confirmed' | 'declined'; merged: boolean }>;

/** ILIKE pattern for free text, with LIKE wildcards escaped. */
export const containsPattern = (q: string) => `%${q.replace(/[\\%_]/g, '\\$&')}%`;

/** What a searched text requires of a subject (as xs_query_grams in migration 0020): its character pairs, or its one character. */
export function queryGrams(q: string): string[] {
  const c = Array.from(q.toLowerCase());
  return c.length <= 1 ? c : [...new Set(c.slice(1).map((x, i) => c[i] + x))];
}

/** A gram held by at least this share of subjects is found sooner by walking the newest rows than through the index. */
export const COMMON_GRAM_SHARE = 0.01;
const GRAM_FREQ_TTL_MS = 10 * 60_000;
const gramFreqCache = new WeakMap<object, { at: number; freq: Map<string, number> }>();

/**
 * The share of subjects holding each common gram, from PostgreSQL's statistics of the index expression (ANALYZE keeps
 * the most common elements with their frequencies; a gram not listed is rarer than every listed one). Cached a few
 * minutes per database handle.
 */
async function gramFrequencies(db: DbOrTx): Promise<Map<string, number>> {
  const hit = gramFreqCache.get(db);
  if (hit && Date.now() - hit.at < GRAM_FREQ_TTL_MS) return hit.freq;
  const res = (await db.execute(sql`
    select x.g, x.f from pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as x(g, f)
    where s.schemaname = current_schema() and s.tablename = 'proposals_subject_grams_idx' and x.g is not null`)) as unknown as {
    rows: Array<{ g: string; f: number | string }>;
  };
  const freq = new Map(res.rows.map((r) => [r.g, Number(r.f)]));
  gramFreqCache.set(db, { at: Date.now(), freq });
  return freq;
}

/** Forgets the cached gram frequencies of a database handle (after an ANALYZE that should count at once). */
export function forgetGramFrequencies(db: DbOrTx): void {
  gramFreqCache.delete(db);
}

/**
 * How to find subjects containing `q`: `walk` the organization's newest rows with ILIKE when every pair of `q` is
 * common (a page of matches comes within a few hundred rows; the index would hand over thousands to sort), or look
 * the pairs up in the `index` when one is rare (walking would read the whole organization: 0.4–1.9 s for the
 * largest at 1 M proposals, against 0.1–0.2 ms through the index). The planner cannot weigh this itself: it
 * multiplies the pairs' frequency by ILIKE's guess and sees every word as rare.
 */
export type SubjectSearchMode = 'walk' | 'index';
export async function subjectSearchMode(db: DbOrTx, q: string): Promise<SubjectSearchMode> {
  const grams = queryGrams(q);
  if (!grams.length) return 'walk';
  const freq = await gramFrequencies(db);
  return Math.min(...grams.map((g) => freq.get(g) ?? 0)) >= COMMON_GRAM_SHARE ? 'walk' : 'index';
}

/** 案由 contains `q` (case-insensitive), for bound values or placeholders: ILIKE decides; in `index` mode the pair index narrows first. */
export const subjectContains = (subject: SQL | typeof proposals.subject, mode: SubjectSearchMode, raw: unknown, pattern: unknown): SQL =>
  mode === 'index'
    ? sql`(xs_grams(${subject}) @> xs_query_grams(${raw}::text) and ${subject} ilike ${pattern}::text)`
    : sql`${subject} ilike ${pattern}::text`;

/** SQL: proposer rows of `proposalId` that are the account (as a member) or a collective it is an agent of. */
const relationSql = (proposalId: SQL | number, accountId: number | Placeholder) => sql<Relation | null>`(
  select json_agg(json_build_object('role', pp.role, 'status', pp.status, 'merged', pp.credited_via_merge_from is not null))
  from proposal_proposers pp left join members pm on pm.id = pp.member_id
  where pp.proposal_id = ${proposalId}
    and (pm.account_id = ${accountId}
         or pp.collective_id in (select ca.collective_id from collective_agents ca where ca.account_id = ${accountId})))`;

export async function getProposal(db: DbOrTx, id: number): Promise<ProposalRow | undefined> {
  const [row] = await db.select().from(proposals).where(eq(proposals.id, id));
  return row;
}

/** Several proposals by id (in no particular order; missing ids are simply absent). */
export async function getProposals(db: DbOrTx, ids: number[]): Promise<ProposalRow[]> {
  return ids.length ? db.select().from(proposals).where(inArray(proposals.id, ids)) : [];
}

export async function relationOf(db: DbOrTx, proposalId: number, accountId: number): Promise<Relation> {
  const res = (await db.execute(sql`select ${relationSql(proposalId, accountId)} as rel`)) as unknown as { rows: Array<{ rel: Relation | null }> };
  return res.rows[0]?.rel ?? [];
}

/** Locks the given proposals FOR UPDATE in id order (so two transactions never wait on each other in a cycle). */
export async function lockProposals(tx: DbOrTx, ids: number[]): Promise<Map<number, ProposalRow>> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const out = new Map<number, ProposalRow>();
  for (const id of sorted) {
    const [row] = await tx.select().from(proposals).where(eq(proposals.id, id)).for('update');
    if (row) out.set(id, row);
  }
  return out;
}

// ── Lists ────────────────────────────────────────────────────
/** Every proposal column but the body (lists never show it; it is most of the row's size). */
const { body: _body, ...proposalListColumns } = getTableColumns(proposals);
const listSelection = (accountId: number | Placeholder, withBody = false) => ({
  p: withBody ? getTableColumns(proposals) : proposalListColumns,
  sessionName: plenarySessions.name,
  categoryName: proposalCategories.name,
  proposerName: sql<string>`coalesce(${collectiveProposers.name}, ${members.name}, '')`,
  proposerCount: sql<number>`(select count(*)::int from proposal_proposers x where x.proposal_id = ${proposals.id} and x.status = 'confirmed')`,
  rel: relationSql(sql`${proposals.id}`, accountId),
});

export type ListRow = {
  /** `body` only on a single proposal's row (getListRow). */
  p: Omit<ProposalRow, 'body'> & { body?: string };
  sessionName: string | null;
  categoryName: string | null;
  proposerName: string;
  proposerCount: number;
  rel: Relation | null;
};

const listBase = (db: DbOrTx, accountId: number | Placeholder, withBody = false) =>
  db
    .select(listSelection(accountId, withBody))
    .from(proposals)
    .leftJoin(plenarySessions, eq(plenarySessions.id, proposals.sessionId))
    .leftJoin(proposalCategories, eq(proposalCategories.id, proposals.categoryId))
    .leftJoin(collectiveProposers, eq(collectiveProposers.id, proposals.collectiveId))
    .leftJoin(members, eq(members.id, proposals.firstProposerMemberId));

/** The office's intake list: every non-draft proposal of the organization, filtered in SQL, id descending. */
export async function listProposals(db: DbOrTx, orgId: number, accountId: number, f: ProposalFilter, afterId: number | null, limit: number): Promise<ListRow[]> {
  const mode = f.q ? await subjectSearchMode(db, f.q) : 'walk';
  const shape = [f.state, f.sessionId, f.categoryId, f.kind, f.q, afterId != null].map((v) => (v ? 1 : 0)).join('') + mode;
  const q = hoisted(db, `proposals.list:${shape}`, () => {
    const where: SQL[] = [eq(proposals.orgId, ph('orgId')), ne(proposals.state, 'draft')];
    if (f.state) where.push(eq(proposals.state, ph('state')));
    if (f.sessionId) where.push(eq(proposals.sessionId, ph('sessionId')));
    if (f.categoryId) where.push(eq(proposals.categoryId, ph('categoryId')));
    if (f.kind) where.push(eq(proposals.kind, ph('kind')));
    if (f.q) where.push(subjectContains(proposals.subject, mode, ph('qRaw'), ph('q')));
    if (afterId != null) where.push(lt(proposals.id, ph('afterId')));
    return listBase(db, ph('accountId'))
      .where(and(...where))
      .orderBy(desc(proposals.id))
      .limit(ph('limit'))
      .prepare(UNNAMED);
  });
  const values = { orgId, accountId, state: f.state, sessionId: f.sessionId, categoryId: f.categoryId, kind: f.kind, afterId, limit };
  return (await q.execute({ ...values, qRaw: f.q, q: f.q ? containsPattern(f.q) : undefined })) as ListRow[];
}

/** Proposals where the caller is a proposer (first, co-signer — invited included — or credited by a merge). */
export async function listMine(
  db: DbOrTx,
  orgId: number,
  accountId: number,
  f: { state?: ProposalState; first?: boolean },
  afterId: number | null,
  limit: number,
): Promise<ListRow[]> {
  const role = f.first === undefined ? sql`true` : f.first ? sql`x.role = 'first'` : sql`x.role = 'cosigner'`;
  const where: SQL[] = [
    eq(proposals.orgId, orgId),
    sql`exists (select 1 from proposal_proposers x left join members xm on xm.id = x.member_id
                where x.proposal_id = ${proposals.id} and ${role}
                  and (xm.account_id = ${accountId}
                       or x.collective_id in (select ca.collective_id from collective_agents ca where ca.account_id = ${accountId})))`,
  ];
  if (f.state) where.push(eq(proposals.state, f.state));
  if (afterId != null) where.push(lt(proposals.id, afterId));
  return (await listBase(db, accountId)
    .where(and(...where))
    .orderBy(desc(proposals.id))
    .limit(limit)) as ListRow[];
}

export async function getListRow(db: DbOrTx, id: number, accountId: number): Promise<ListRow | undefined> {
  const [row] = (await listBase(db, accountId, true).where(eq(proposals.id, id))) as ListRow[];
  return row;
}

/** What the detail view adds to the list row, gathered by the same query as JSON (one round trip per proposal). */
export interface DetailExtras {
  proposers: Array<{
    id: number;
    memberId: number | null;
    collectiveId: number | null;
    name: string;
    role: string;
    status: string;
    creditedViaMergeFrom: number | null;
    respondedAt: string | null;
  }>;
  mergedFrom: Array<{ id: number; subject: string; state: string; numberLabel: string | null }>;
  mergedInto: { id: number; subject: string; state: string; numberLabel: string | null } | null;
  conversion: { reason: string; conversionKind: string; note: string; convertedItemId: number; createdAt: string } | null;
  revisions: Array<{
    id: number;
    round: number;
    comments: string;
    subjectBefore: string;
    bodyBefore: string;
    returnedAt: string;
    subjectAfter: string | null;
    bodyAfter: string | null;
    resubmittedAt: string | null;
  }>;
  suggestedUnits: Array<{ id: number; name: string }>;
}

const detailExtrasSql = sql<DetailExtras>`json_build_object(
  'proposers', coalesce((
    select json_agg(json_build_object('id', x.id, 'memberId', x.member_id, 'collectiveId', x.collective_id,
             'name', coalesce(xm.name, xc.name, ''), 'role', x.role, 'status', x.status,
             'creditedViaMergeFrom', x.credited_via_merge_from, 'respondedAt', x.responded_at)
             order by case when x.role = 'first' then 0 else 1 end, x.id)
      from proposal_proposers x
      left join members xm on xm.id = x.member_id
      left join collective_proposers xc on xc.id = x.collective_id
     where x.proposal_id = ${proposals.id}), '[]'::json),
  'mergedFrom', coalesce((
    select json_agg(json_build_object('id', m.id, 'subject', m.subject, 'state', m.state, 'numberLabel', m.number_label) order by m.id)
      from proposals m where m.merged_into_id = ${proposals.id}), '[]'::json),
  'mergedInto', (select json_build_object('id', t.id, 'subject', t.subject, 'state', t.state, 'numberLabel', t.number_label)
                   from proposals t where t.id = ${proposals.mergedIntoId}),
  'conversion', (select json_build_object('reason', c.reason, 'conversionKind', c.conversion_kind, 'note', c.note,
                          'convertedItemId', c.converted_item_id, 'createdAt', c.created_at)
                   from proposal_conversions c where c.proposal_id = ${proposals.id}),
  'revisions', coalesce((
    select json_agg(json_build_object('id', v.id, 'round', v.round, 'comments', v.comments, 'subjectBefore', v.subject_before,
             'bodyBefore', v.body_before, 'returnedAt', v.returned_at, 'subjectAfter', v.subject_after,
             'bodyAfter', v.body_after, 'resubmittedAt', v.resubmitted_at) order by v.round)
      from proposal_revisions v where v.proposal_id = ${proposals.id}), '[]'::json),
  'suggestedUnits', coalesce((
    select json_agg(json_build_object('id', u.id, 'name', u.name))
      from units u
     where u.id in (select (jsonb_array_elements_text(${proposals.suggestedUnitIds}))::bigint)), '[]'::json)
)`;

export type DetailRow = ListRow & { extras: DetailExtras };

/** One proposal with its body, the caller's relation and every detail part, in one query. */
export async function getDetailRow(db: DbOrTx, id: number, accountId: number): Promise<DetailRow | undefined> {
  const q = hoisted(db, 'proposals.detail', () =>
    db
      .select({ ...listSelection(ph('accountId'), true), extras: detailExtrasSql })
      .from(proposals)
      .leftJoin(plenarySessions, eq(plenarySessions.id, proposals.sessionId))
      .leftJoin(proposalCategories, eq(proposalCategories.id, proposals.categoryId))
      .leftJoin(collectiveProposers, eq(collectiveProposers.id, proposals.collectiveId))
      .leftJoin(members, eq(members.id, proposals.firstProposerMemberId))
      .where(eq(proposals.id, ph('id')))
      .prepare(UNNAMED),
  );
  const [row] = (await q.execute({ id, accountId })) as DetailRow[];
  return row;
}

// ── Detail parts (a fixed number of queries per proposal) ────
export async function proposersOf(db: DbOrTx, proposalId: number) {
  return db
    .select({
      id: proposalProposers.id,
      memberId: proposalProposers.memberId,
      collectiveId: proposalProposers.collectiveId,
      name: sql<string>`coalesce(${members.name}, ${collectiveProposers.name}, '')`,
      role: proposalProposers.role,
      status: proposalProposers.status,
      creditedViaMergeFrom: proposalProposers.creditedViaMergeFrom,
      respondedAt: proposalProposers.respondedAt,
      accountId: members.accountId,
    })
    .from(proposalProposers)
    .leftJoin(members, eq(members.id, proposalProposers.memberId))
    .leftJoin(collectiveProposers, eq(collectiveProposers.id, proposalProposers.collectiveId))
    .where(eq(proposalProposers.proposalId, proposalId))
    .orderBy(sql`case when ${proposalProposers.role} = 'first' then 0 else 1 end`, asc(proposalProposers.id));
}

export async function mergedFromOf(db: DbOrTx, proposalId: number) {
  return db
    .select({ id: proposals.id, subject: proposals.subject, state: proposals.state, numberLabel: proposals.numberLabel })
    .from(proposals)
    .where(eq(proposals.mergedIntoId, proposalId))
    .orderBy(asc(proposals.id));
}

export async function refOf(db: DbOrTx, id: number) {
  const [row] = await db.select({ id: proposals.id, subject: proposals.subject, state: proposals.state, numberLabel: proposals.numberLabel }).from(proposals).where(eq(proposals.id, id));
  return row;
}

export async function conversionOf(db: DbOrTx, proposalId: number) {
  const [row] = await db.select().from(proposalConversions).where(eq(proposalConversions.proposalId, proposalId));
  return row;
}

export async function revisionsOf(db: DbOrTx, proposalId: number) {
  return db.select().from(proposalRevisions).where(eq(proposalRevisions.proposalId, proposalId)).orderBy(asc(proposalRevisions.round));
}

export async function unitNames(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  return db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, ids));
}

// ── References and rules ─────────────────────────────────────
/** The caller's active member row in the organization, if any. */
export async function memberOfAccount(db: DbOrTx, orgId: number, accountId: number) {
  const [row] = await db
    .select()
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.accountId, accountId), eq(members.active, true)));
  return row;
}

export async function isCollectiveAgent(db: DbOrTx, orgId: number, collectiveId: number, accountId: number): Promise<boolean> {
  const rows = await db
    .select({ id: collectiveProposers.id })
    .from(collectiveProposers)
    .innerJoin(collectiveAgents, eq(collectiveAgents.collectiveId, collectiveProposers.id))
    .where(and(eq(collectiveProposers.id, collectiveId), eq(collectiveProposers.orgId, orgId), eq(collectiveAgents.accountId, accountId)));
  return rows.length > 0;
}

export async function activeMembers(db: DbOrTx, orgId: number, ids: number[]) {
  if (!ids.length) return [];
  return db
    .select({ id: members.id, accountId: members.accountId })
    .from(members)
    .where(and(eq(members.orgId, orgId), eq(members.active, true), inArray(members.id, ids)));
}

export async function categoryInOrg(db: DbOrTx, orgId: number, id: number): Promise<boolean> {
  const rows = await db
    .select({ id: proposalCategories.id })
    .from(proposalCategories)
    .where(and(eq(proposalCategories.id, id), eq(proposalCategories.orgId, orgId), eq(proposalCategories.active, true)));
  return rows.length > 0;
}

/** Units that may receive the organization's proposals: its own, or those serving it (unit_orgs). Active only. */
export async function unitsAvailable(db: DbOrTx, orgId: number, ids: number[]): Promise<Set<number>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(
      and(
        inArray(units.id, ids),
        eq(units.active, true),
        or(eq(units.orgId, orgId), sql`exists (select 1 from ${unitOrgs} uo where uo.unit_id = ${units.id} and uo.org_id = ${orgId})`),
      ),
    );
  return new Set(rows.map((r) => r.id));
}

/** The current plenary session (today within its dates) or else the next one; failing both, the latest one. */
export async function sessionForDate(db: DbOrTx, orgId: number, day: string) {
  const [upcoming] = await db
    .select()
    .from(plenarySessions)
    .where(and(eq(plenarySessions.orgId, orgId), sql`${plenarySessions.endDate} >= ${day}`))
    .orderBy(asc(plenarySessions.startDate), asc(plenarySessions.id))
    .limit(1);
  if (upcoming) return upcoming;
  const [latest] = await db
    .select()
    .from(plenarySessions)
    .where(eq(plenarySessions.orgId, orgId))
    .orderBy(desc(plenarySessions.startDate), desc(plenarySessions.id))
    .limit(1);
  return latest;
}

export async function sessionById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(plenarySessions).where(eq(plenarySessions.id, id));
  return row;
}

/** Accounts to notify as the proposers: members counted (first + confirmed, merge-credited included) and collective agents. */
export async function proposerAccountIds(db: DbOrTx, proposalId: number): Promise<number[]> {
  const rows = await db.execute(sql`
    select m.account_id as id from proposal_proposers pp join members m on m.id = pp.member_id
      where pp.proposal_id = ${proposalId} and pp.status = 'confirmed' and m.account_id is not null
    union
    select ca.account_id as id from proposal_proposers pp join collective_agents ca on ca.collective_id = pp.collective_id
      where pp.proposal_id = ${proposalId} and pp.status = 'confirmed'`);
  return (rows as unknown as { rows: Array<{ id: number | string }> }).rows.map((r) => Number(r.id));
}

// ── Settings and categories ──────────────────────────────────
export function loadSettings(db: DbOrTx, orgId: number): Promise<{ config: ProposalSettingsConfig; isDefault: boolean; version: number }> {
  return readConfig(db, `proposal_settings:${orgId}`, () => loadSettingsFromDatabase(db, orgId));
}

async function loadSettingsFromDatabase(db: DbOrTx, orgId: number): Promise<{ config: ProposalSettingsConfig; isDefault: boolean; version: number }> {
  const [row] = await db.select().from(proposalSettings).where(eq(proposalSettings.orgId, orgId));
  if (!row) return { config: DEFAULT_PROPOSAL_SETTINGS, isDefault: true, version: 0 };
  // Keys added to the defaults later fill in for rows saved before them.
  const parsed = ProposalSettingsConfig.safeParse({ ...DEFAULT_PROPOSAL_SETTINGS, ...(row.config as object) });
  return { config: parsed.success ? parsed.data : DEFAULT_PROPOSAL_SETTINGS, isDefault: false, version: row.version };
}

export async function listCategories(db: DbOrTx, orgId: number) {
  return db.select().from(proposalCategories).where(eq(proposalCategories.orgId, orgId)).orderBy(asc(proposalCategories.sort), asc(proposalCategories.id));
}

export async function getCategory(db: DbOrTx, id: number) {
  const [row] = await db.select().from(proposalCategories).where(eq(proposalCategories.id, id));
  return row;
}

// ── Timeline ─────────────────────────────────────────────────
/** The proposal's audit rows, oldest first; autosaves ('edit') are left out. */
export async function auditRowsOf(db: DbOrTx, orgId: number, proposalId: number) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), eq(auditLog.entityType, 'proposal'), eq(auditLog.entityId, String(proposalId)), ne(auditLog.action, 'edit')))
    .orderBy(asc(auditLog.id));
}

export async function convertedItem(db: DbOrTx, id: number) {
  const [row] = await db.select().from(convertedItems).where(eq(convertedItems.id, id));
  return row;
}

/** Enabled accounts holding `leader` in the organization (the supervisors a key proposal may get), by name. */
export async function leadersOf(db: DbOrTx, orgId: number): Promise<Array<{ id: number; name: string }>> {
  return db
    .selectDistinct({ id: accounts.id, name: accounts.displayName })
    .from(roleGrants)
    .innerJoin(accounts, eq(accounts.id, roleGrants.accountId))
    .where(and(eq(roleGrants.orgId, orgId), eq(roleGrants.role, 'leader'), eq(accounts.disabled, false)))
    .orderBy(accounts.displayName, accounts.id);
}
