import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { chainHeads, inReadSnapshot } from '@server/lib/snapshot';
import { z } from 'zod';
import {
  ProposalStatsItem,
  ProposalStatsItemsQuery,
  ProposalStatsQuery,
  ProposalStatsView,
  type ProposalStatsItemT,
} from '@common/proposals';
import type { DbOrTx } from '@server/db/client';
import { invalid } from '@server/lib/errors';
import { decodeCursor, page, pageResponse } from '@server/lib/paging';
import { OrgParams } from '@server/lib/schemas';
import { loadWorkCalendar, todayInChina } from '@server/lib/workdays';
import { sendXlsx } from '../people/excel';
import { statsWorkbook } from './stats.excel';
import * as statsRepo from './stats.repo';
import { buildStats } from './stats.repo';

const tags = ['proposals'];

/** The session (or year) the numbers cover: the given one, else the latest session with proposals, else the whole org. */
export async function resolveScope(db: DbOrTx, orgId: number, q: { sessionId?: number; year?: number }) {
  const sessions = await statsRepo.sessionsOf(db, orgId);
  let session: statsRepo.SessionRow | null = null;
  if (q.sessionId != null) {
    session = sessions.find((s) => s.id === q.sessionId) ?? null;
    if (!session) throw invalid('sessionId', 'unknown_ref', { value: q.sessionId });
  } else if (q.year == null) session = sessions.find((s) => s.proposals > 0) ?? null;
  const scope: statsRepo.Scope = { orgId, sessionId: session?.id ?? null, year: session ? null : (q.year ?? null) };
  return { scope, session, sessions };
}

function rowCursor(cursor: string | undefined): number | null {
  const v = decodeCursor<unknown[]>(cursor);
  if (!v) return null;
  if (typeof v[0] !== 'number' || !Number.isSafeInteger(v[0])) throw invalid('cursor', 'invalid_format');
  return v[0];
}

/** 提案统计 (leaders and the office): the dashboard, the rows behind each number, and the Excel workbook. */
const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get(
    '/api/orgs/:orgId/proposal-stats',
    {
      config: { permission: 'proposals.supervise' },
      schema: {
        tags,
        summary: '提案统计（立案率、办复率、按期办复率、满意率、面商率、分类/界别/承办单位）',
        params: OrgParams,
        querystring: ProposalStatsQuery,
        response: { 200: ProposalStatsView },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const cal = await loadWorkCalendar(db);
      const today = todayInChina();
      // Served from the cache while nothing in the organization (nor the calendar) has changed since it was
      // computed; otherwise computed in one snapshot together with the chain heads it reflects, then stored.
      const scopeKey = `s=${req.query.sessionId ?? ''};y=${req.query.year ?? ''}`;
      const hit = await statsRepo.cachedStats(db, orgId, scopeKey, cal.stamp, today);
      if (hit) return hit as Awaited<ReturnType<typeof buildStats>>;
      const { view, heads } = await inReadSnapshot(db, async (tx) => {
        const heads = await chainHeads(tx, orgId);
        const { scope, session, sessions } = await resolveScope(tx, orgId, req.query);
        return { view: await buildStats(tx, scope, session, sessions, today, cal), heads };
      });
      await statsRepo.storeStats(db, orgId, scopeKey, { ...heads, calendarStamp: cal.stamp, today }, view);
      return view;
    },
  );

  app.get(
    '/api/orgs/:orgId/proposal-stats/items',
    {
      config: { permission: 'proposals.supervise' },
      schema: {
        tags,
        summary: '统计数字背后的提案（下钻明细）',
        params: OrgParams,
        querystring: ProposalStatsItemsQuery,
        response: { 200: pageResponse(ProposalStatsItem) },
      },
    },
    async (req) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const { metric, key, cursor, limit, ...q } = req.query;
      const after = rowCursor(cursor);
      const rows = await inReadSnapshot(db, async (tx) => {
        const { scope } = await resolveScope(tx, orgId, q);
        return statsRepo.items(tx, scope, metric, key, todayInChina(), after, limit + 1);
      });
      const res = page(rows, limit, (r) => [r.rowId]);
      return { items: res.items as ProposalStatsItemT[], nextCursor: res.nextCursor };
    },
  );

  app.get(
    '/api/orgs/:orgId/proposal-stats.xlsx',
    {
      config: { permission: 'proposals.supervise' },
      schema: {
        tags,
        summary: '导出提案统计（Excel：总览、按分类、按界别、按承办单位、逾期清单）',
        params: OrgParams,
        querystring: ProposalStatsQuery,
        response: { 200: z.any() },
      },
    },
    async (req, reply) => {
      const { orgId } = req.params;
      req.authorize(orgId);
      const today = todayInChina();
      const cal = await loadWorkCalendar(db);
      const { view, overdue } = await inReadSnapshot(db, async (tx) => {
        const { scope, session, sessions } = await resolveScope(tx, orgId, req.query);
        return {
          view: await buildStats(tx, scope, session, sessions, today, cal),
          overdue: await statsRepo.items(tx, scope, 'overdue', undefined, today, null, 100_000),
        };
      });
      const buf = await statsWorkbook(view, overdue);
      const label = view.scope.sessionName ?? (view.scope.year != null ? `${view.scope.year}年` : '全部');
      return sendXlsx(reply, `提案统计-${label}-${today.replace(/-/g, '')}.xlsx`, buf);
    },
  );
};
export default statsRoutes;
