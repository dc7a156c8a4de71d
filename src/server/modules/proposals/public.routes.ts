import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { PublicProposalItem, PublicProposalQuery, PublicProposalView, REGISTERED_STATES, type ProposalState } from '@common/proposals';
import type { DbOrTx } from '@server/db/client';
import { invalid, notFound } from '@server/lib/errors';
import { decodeCursor, encodeCursor, pageResponse } from '@server/lib/paging';
import { IdParams } from '@server/lib/schemas';
import { containsPattern, loadSettings, subjectContains, subjectSearchMode } from './proposals.repo';

const tags = ['public'];
const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;

/**
 * Contact details never leave through the public page: mobile and landline numbers and e-mail addresses in the
 * published text are masked (the proposal body and the replies are free text typed by people).
 */
export function redactContacts(html: string): string {
  return html
    .replace(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '***@***')
    .replace(/(?<!\d)(?:\+?86[-\s]?)?1[3-9]\d[-\s]?\d{4}[-\s]?\d{4}(?!\d)/g, '***********')
    .replace(/(?<!\d)0\d{2,3}[-\s]?\d{7,8}(?!\d)/g, '***********');
}

const CodeParams = z.object({ code: z.string().trim().min(1).max(60) });
const publicStates = REGISTERED_STATES as readonly string[];

interface PublicRow {
  id: number | string;
  number_label: string | null;
  subject: string;
  category_name: string | null;
  session_name: string | null;
  state: string;
  disclosed_at: Date | string;
  disclosed_key: string;
  proposer_names: string[] | null;
  body?: string;
  org_id?: number | string;
}

/** Confirmed proposers' names only (members or collectives), the first proposer first. */
const selectPublic = (withBody: boolean) => sql`
  select p.id, p.number_label, p.subject, c.name as category_name, s.name as session_name, p.state, p.disclosed_at, p.disclosed_at::text as disclosed_key,
         ${withBody ? sql`p.body, p.org_id,` : sql``}
         (select json_agg(coalesce(m.name, cp.name) order by case when pp.role = 'first' then 0 else 1 end, pp.id)
            from proposal_proposers pp
            left join members m on m.id = pp.member_id
            left join collective_proposers cp on cp.id = pp.collective_id
           where pp.proposal_id = p.id and pp.status = 'confirmed') as proposer_names
    from proposals p
    left join proposal_categories c on c.id = p.category_id
    left join plenary_sessions s on s.id = p.session_id`;

/** Disclosed = public, with disclosedAt set, in a registered-or-later state. */
const disclosed = sql`p.is_public and p.disclosed_at is not null and p.state in (${sql.join(
  publicStates.map((s) => sql`${s}`),
  sql`, `,
)})`;

function present(r: PublicRow): z.infer<typeof PublicProposalItem> {
  return {
    id: Number(r.id),
    numberLabel: r.number_label,
    subject: r.subject,
    categoryName: r.category_name,
    proposerNames: r.proposer_names ?? [],
    sessionName: r.session_name,
    state: r.state as ProposalState,
    disclosedAt: new Date(r.disclosed_at).toISOString(),
  };
}

function publicCursor(cursor: string | undefined): [string, number] | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  if (typeof v[0] !== 'string' || Number.isNaN(Date.parse(v[0])) || typeof v[1] !== 'number' || !Number.isSafeInteger(v[1]))
    throw invalid('cursor', 'invalid_format');
  return [v[0], v[1]];
}

async function repliesOf(db: DbOrTx, proposalId: number) {
  const res = await db.execute(sql`
    select u.name as unit_name, r.round, r.grade, r.body, r.doc_number, r.replied_at
      from proposal_replies r join units u on u.id = r.unit_id
     where r.proposal_id = ${proposalId}
     order by r.round, r.replied_at, r.id`);
  return rowsOf<{ unit_name: string; round: number; grade: string; body: string; doc_number: string; replied_at: Date | string }>(res);
}

/** The public disclosure page (提案公开): no sign-in; public, disclosed proposals only; names, never contact details. */
const publicRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/api/public/orgs/:code/proposals',
    {
      config: { public: true },
      schema: {
        tags,
        summary: '公开的提案及答复（无需登录）',
        params: CodeParams,
        querystring: PublicProposalQuery,
        response: { 200: pageResponse(PublicProposalItem) },
      },
    },
    async (req) => {
      const org = rowsOf<{ id: number | string }>(await db.execute(sql`select id from organizations where code = ${req.params.code}`))[0];
      if (!org) throw notFound();
      const { q, cursor, limit } = req.query;
      const after = publicCursor(cursor);
      const rows = rowsOf<PublicRow>(
        await db.execute(sql`${selectPublic(false)}
          where p.org_id = ${Number(org.id)} and ${disclosed}
            ${q ? sql`and ${subjectContains(sql`p.subject`, await subjectSearchMode(db, q), q, containsPattern(q))}` : sql``}
            ${after ? sql`and (p.disclosed_at, p.id) < (${after[0]}::timestamptz, ${after[1]})` : sql``}
          order by p.disclosed_at desc, p.id desc
          limit ${limit + 1}`),
      );
      const last = rows.length > limit ? rows[limit - 1] : null;
      return { items: rows.slice(0, limit).map(present), nextCursor: last ? encodeCursor([last.disclosed_key, Number(last.id)]) : null };
    },
  );

  app.get(
    '/api/public/proposals/:id',
    {
      config: { public: true },
      schema: { tags, summary: '公开的提案详情及答复（无需登录）', params: IdParams, response: { 200: PublicProposalView } },
    },
    async (req) => {
      const [row] = rowsOf<PublicRow>(await db.execute(sql`${selectPublic(true)} where p.id = ${req.params.id} and ${disclosed}`));
      if (!row) throw notFound();
      const { config } = await loadSettings(db, Number(row.org_id));
      const labels = new Map(config.gradeLabels.map((g) => [g.code, g.label]));
      const replies = await repliesOf(db, Number(row.id));
      return {
        ...present(row),
        body: redactContacts(row.body ?? ''),
        replies: replies.map((r) => ({
          unitName: r.unit_name,
          round: Number(r.round),
          grade: r.grade,
          gradeLabel: labels.get(r.grade) ?? r.grade,
          body: redactContacts(r.body),
          docNumber: r.doc_number,
          repliedAt: new Date(r.replied_at).toISOString(),
        })),
      };
    },
  );
};
export default publicRoutes;
