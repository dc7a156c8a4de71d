import { sql } from 'drizzle-orm';
import { ACTIVITY_READER_ROLES } from '@common/activities';
import { COOP_READER_ROLES, type LinkType } from '@common/cooperation';
import { INFO_READER_ROLES } from '@common/info';
import { PROPOSAL_READER_ROLES, REGISTERED_STATES } from '@common/proposals';
import type { Database, DbOrTx } from '@server/db/client';
import type { Actor } from '@server/lib/context';

export interface RecordRef {
  type: LinkType;
  id: number;
}
export interface SeenRecord {
  orgId: number;
  orgName: string;
  title: string;
}
export const refKey = (r: RecordRef) => `${r.type}:${r.id}`;

const holds = (actor: Actor, orgId: number, roles: readonly string[]) =>
  actor.isPlatformAdmin || actor.grants.some((g) => g.orgId === orgId && roles.includes(g.role));
const inOrg = (actor: Actor, orgId: number) => actor.isPlatformAdmin || actor.grants.some((g) => g.orgId === orgId);

interface Row {
  id: number;
  org_id: number;
  org_name: string;
  title: string;
  /** activity: the caller is invited; proposal: the caller is a proposer. */
  mine?: boolean;
  state?: string;
  is_public?: boolean;
  party_orgs?: number[] | string | null;
}

/** One statement per record type: the rows with what visibility needs to know about the caller. */
function queryFor(type: LinkType, ids: number[], accountId: number) {
  const idList = sql.join(
    ids.map((i) => sql`${i}`),
    sql`, `,
  );
  switch (type) {
    case 'activity':
      return sql`select a.id, a.org_id, o.short_name as org_name, a.topic as title,
                        exists (select 1 from activity_participants p join members m on m.id = p.member_id
                                 where p.activity_id = a.id and m.account_id = ${accountId}) as mine,
                        coalesce((select array_agg(ao.org_id) from activity_orgs ao where ao.activity_id = a.id and ao.status = 'accepted'), '{}') as party_orgs
                   from activities a join organizations o on o.id = a.org_id where a.id in (${idList})`;
    case 'outcome':
      return sql`select x.id, x.org_id, o.short_name as org_name, x.title from activity_outcomes x join organizations o on o.id = x.org_id where x.id in (${idList})`;
    case 'proposal':
      return sql`select p.id, p.org_id, o.short_name as org_name, coalesce(nullif(p.subject, ''), '（无案由）') as title, p.state, p.is_public,
                        exists (select 1 from proposal_proposers pp join members m on m.id = pp.member_id
                                 where pp.proposal_id = p.id and m.account_id = ${accountId}) as mine
                   from proposals p join organizations o on o.id = p.org_id where p.id in (${idList})`;
    case 'cooperation_item':
      return sql`select i.id, i.org_id, o.short_name as org_name, i.title,
                        coalesce((select array_agg(cp.party_org_id) from coop_parties cp where cp.item_id = i.id and cp.party_org_id is not null), '{}') as party_orgs
                   from coop_items i join organizations o on o.id = i.org_id where i.id in (${idList})`;
    case 'campaign':
      return sql`select c.id, c.org_id, o.short_name as org_name, c.name as title from campaigns c join organizations o on o.id = c.org_id where c.id in (${idList})`;
    case 'info_report':
      return sql`select r.id, r.org_id, o.short_name as org_name, coalesce(nullif(r.title, ''), '（无标题）') as title, r.status as state,
                        (r.created_by_account_id = ${accountId} or exists (select 1 from info_report_authors au join members m on m.id = au.member_id
                                 where au.report_id = r.id and m.account_id = ${accountId})) as mine
                   from info_reports r join organizations o on o.id = r.org_id where r.id in (${idList})`;
    case 'studio_request':
      return sql`select q.id, q.org_id, o.short_name as org_name, s.name || '·' || q.requester_name || '：' || left(q.content, 30) as title
                   from studio_requests q join studios s on s.id = q.studio_id join organizations o on o.id = q.org_id where q.id in (${idList})`;
  }
}

/** An array of organization ids as the driver returns it (an array, or PGlite's '{1,2}' text). */
const orgList = (v: Row['party_orgs']): number[] =>
  (typeof v === 'string' ? v.replace(/[{}]/g, '').split(',').filter(Boolean) : (v ?? [])).map(Number);

/** Whether the caller may see the record (the same rules as the record's own page, read conservatively). */
function visible(actor: Actor, type: LinkType, r: Row): boolean {
  switch (type) {
    case 'activity':
      // Joint activities: readers of an organization that accepted the host's invitation see it too (as its page does).
      return [r.org_id, ...orgList(r.party_orgs)].some((o) => holds(actor, o, ACTIVITY_READER_ROLES)) || !!r.mine;
    case 'outcome':
      return holds(actor, r.org_id, ACTIVITY_READER_ROLES);
    case 'proposal':
      if (r.mine) return true;
      if (r.state === 'draft') return false;
      return holds(actor, r.org_id, PROPOSAL_READER_ROLES) || (!!r.is_public && REGISTERED_STATES.includes(r.state as never) && inOrg(actor, r.org_id));
    case 'cooperation_item':
      return [r.org_id, ...orgList(r.party_orgs)].some((o) => holds(actor, o, COOP_READER_ROLES));
    case 'campaign':
    case 'studio_request':
      return holds(actor, r.org_id, COOP_READER_ROLES);
    case 'info_report':
      // A draft is its author's; a filed report is the information office's and leaders' (as its page).
      return !!r.mine || (r.state !== 'draft' && holds(actor, r.org_id, INFO_READER_ROLES));
  }
}

/**
 * The records among `refs` that the caller may see, with their titles (from each record's own table) and
 * organizations. One statement per record type present, whatever the number of links.
 */
export async function seeRecords(database: Database, actor: Actor, refs: RecordRef[], tx?: DbOrTx): Promise<Map<string, SeenRecord>> {
  const out = new Map<string, SeenRecord>();
  const byType = new Map<LinkType, number[]>();
  for (const r of refs) byType.set(r.type, [...new Set([...(byType.get(r.type) ?? []), r.id])]);
  await Promise.all(
    [...byType].map(async ([type, ids]) => {
      const rows = await database.rows<Row>(queryFor(type, ids, actor.accountId), tx);
      for (const r of rows) if (visible(actor, type, r)) out.set(refKey({ type, id: Number(r.id) }), { orgId: Number(r.org_id), orgName: r.org_name, title: r.title });
    }),
  );
  return out;
}

export interface LinkRow {
  id: number;
  org_id: number;
  from_type: LinkType;
  from_id: number;
  to_type: LinkType;
  to_id: number;
  note: string;
}

/** Links on either side of a record (bounded). */
export async function linksOf(database: Database, ref: RecordRef): Promise<LinkRow[]> {
  return database.rows<LinkRow>(sql`
    select id, org_id, from_type, from_id, to_type, to_id, note from record_links
     where (from_type = ${ref.type} and from_id = ${ref.id}) or (to_type = ${ref.type} and to_id = ${ref.id})
     order by id limit 500`);
}

/** Records of one organization whose titles contain `q`, for the link picker (newest first, 20). */
export async function candidates(database: Database, orgId: number, type: LinkType, q: string) {
  const like = `%${q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  const table = {
    activity: sql`select id, topic as title from activities where org_id = ${orgId} and topic ilike ${like}`,
    outcome: sql`select id, title from activity_outcomes where org_id = ${orgId} and title ilike ${like}`,
    proposal: sql`select id, subject as title from proposals where org_id = ${orgId} and state <> 'draft' and subject ilike ${like}`,
    cooperation_item: sql`select id, title from coop_items where org_id = ${orgId} and title ilike ${like}`,
    campaign: sql`select id, name as title from campaigns where org_id = ${orgId} and name ilike ${like}`,
    info_report: sql`select id, title from info_reports where org_id = ${orgId} and status <> 'draft' and title ilike ${like}`,
    studio_request: sql`select id, requester_name || '：' || left(content, 30) as title from studio_requests where org_id = ${orgId} and content ilike ${like}`,
  }[type];
  return database.rows<{ id: number; title: string }>(sql`${table} order by id desc limit 20`);
}
