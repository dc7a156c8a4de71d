/**
 * Request builders used by the load process. A scenario names a weighted mix of these kinds; each builder turns
 * the scenario's data into one HTTP request. EXTENSION POINT: later issues add kinds here (member home, unit
 * inbox, office intake list, proposal detail, dashboards, search, similar proposals, submit/register/assign/
 * reply/evaluate) and the data they need to `LoadData`.
 */
import { makeRng, personName } from './vocab';

/** Identifiers of the target organization's records, read from the database before the run. */
export interface LoadData {
  orgId: number;
  memberIds: number[];
  sectorIds: number[];
  termIds: number[];
  currentTermId: number;
  committeeIds: number[];
  queries: string[];
  unitGroups: string[];
  /** Proposals of the organization (not drafts), a random sample for detail requests. */
  proposalIds: number[];
  proposalStates: string[];
  proposalCategoryIds: number[];
  /** Sessions that hold proposals. */
  proposalSessionIds: number[];
  /** Keyset cursors into the intake list ([id]) and the unit inbox ([deadline, id]), from random positions. */
  intakeCursors: string[];
  inboxCursors: string[];
  /** Units the write scenario assigns to (独办). */
  assignUnitIds: number[];
  /** Whether GET /api/orgs/:orgId/proposal-stats exists in this build. */
  hasStats: boolean;
  /** Activities (issue #4): types and months that hold activities, list cursors ([startsAt, id]) and problem-inbox
   * cursors ([responseDue, id]) of the units the unit-handler virtual users hold. */
  activityTypes: string[];
  activityMonths: string[];
  activityCursors: string[];
  issueInboxCursors: string[];
  /** Search (issue #5): queries built from the generator's vocabulary, and proposals to find similar ones for. */
  searchQueries: string[];
}

/** Which signed-in account a request is made as: the connection's general staff VU or one of its role VUs. */
export type As = 'unit' | 'office' | 'member';

export interface Session {
  cookie: string;
  csrf: string;
  /** The connection's proposal-side virtual users (unit handler, proposal office, member). */
  as?: Partial<Record<As, Session>>;
}

export interface BuiltRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  as?: As;
  /** The name the request's figures are reported under (default: the kind). */
  label?: string;
}

export interface BuildEnv {
  data: LoadData;
  /** A process-wide counter, unique across every target of one load process (used for unique names). */
  seq: () => number;
  /** A tag unique to this run, put into created names so they can be counted afterwards. */
  tag: string;
  /** State of the current connection (multi-step flows keep theirs here). */
  conn: Record<string, unknown>;
}

/**
 * Multi-step flows: after a request of `kind`, `next` sees the response and may keep the connection in the flow
 * (its next request is built by the same kind, whatever the mix would pick) and report an acknowledged record.
 */
export interface FlowHooks {
  active: (conn: Record<string, unknown>) => boolean;
  onResponse: (status: number, body: string, conn: Record<string, unknown>) => { registered?: [number, string] } | void;
}

const rng = makeRng(Number(process.pid));
const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
const q = (params: Record<string, string | number>) =>
  Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

export const BUILDERS: Record<string, (env: BuildEnv) => BuiltRequest> = {
  ceilingRead: ({ data }) => ({ method: 'GET', path: `/members/${pick(data.memberIds)}` }),
  me: () => ({ method: 'GET', path: '/api/auth/me' }),
  orgDetail: ({ data }) => ({ method: 'GET', path: `/api/orgs/${data.orgId}` }),
  catalogs: ({ data }) => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/catalogs/${pick(['sectors', 'committees', 'groups', 'studios'])}`,
  }),
  memberList: ({ data }) => ({ method: 'GET', path: `/api/orgs/${data.orgId}/members?${q({ limit: 20 })}` }),
  memberListBySector: ({ data }) => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/members?${q({ limit: 20, sectorId: pick(data.sectorIds) })}`,
  }),
  memberListByTerm: ({ data }) => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/members?${q({ limit: 20, termId: pick(data.termIds) })}`,
  }),
  memberListByCommittee: ({ data }) => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/members?${q({ limit: 20, committeeId: pick(data.committeeIds) })}`,
  }),
  memberSearch: ({ data }) => ({ method: 'GET', path: `/api/orgs/${data.orgId}/members?${q({ limit: 20, q: pick(data.queries) })}` }),
  memberDetail: ({ data }) => ({ method: 'GET', path: `/api/members/${pick(data.memberIds)}` }),
  unitList: ({ data }) => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/units?${q(rng.chance(0.5) ? { limit: 20 } : { limit: 20, unitGroup: pick(data.unitGroups) })}`,
  }),
  createMember: ({ data, seq, tag }) => {
    const female = rng.chance(0.35);
    return {
      method: 'POST',
      path: `/api/orgs/${data.orgId}/members`,
      body: {
        // The tag and sequence make every created name unique, so double writes can be counted afterwards.
        name: `${personName(rng, female ? 'female' : 'male')}-${tag}-${seq()}`,
        gender: female ? 'female' : 'male',
        sectorId: pick(data.sectorIds),
        termIds: [data.currentTermId],
        committeeIds: [pick(data.committeeIds)],
        employer: '压测单位有限公司',
        phone: `139${String(rng.int(1e8)).padStart(8, '0')}`,
      },
    };
  },
};

/** Proposal submission as a plenary week has it: a member files and submits, the office registers and assigns. */
type FlowState = { step: number; id?: number; version?: number };
const flowOf = (conn: Record<string, unknown>) => (conn.flow ??= { step: 0 }) as FlowState;
const FLOW_STEPS = ['proposalCreate', 'proposalSubmit', 'proposalRegister', 'proposalAssign'];
BUILDERS.proposalFlow = ({ data, seq, tag, conn }) => {
  const f = flowOf(conn);
  const label = FLOW_STEPS[f.step];
  switch (f.step) {
    case 0: {
      const year = 2026;
      return {
        method: 'POST',
        path: `/api/orgs/${data.orgId}/proposals`,
        as: 'member',
        label,
        body: {
          kind: 'individual',
          // The tag and sequence make every subject unique, so double writes can be counted afterwards.
          subject: `关于加快推进${pick(['老旧小区改造', '基层医疗卫生服务', '城乡公交一体化', '养老服务体系建设'])}的建议-${tag}-${seq()}`,
          body: `<h3>一、基本情况</h3><p>${year}年以来，相关工作取得积极进展，但仍存在统筹协调不够、资金投入不足等问题。</p><h3>二、意见建议</h3><p>建议加强统筹协调，加大投入力度，强化人才支撑，完善考核评价。</p>`,
          categoryId: pick(data.proposalCategoryIds),
          isPublic: true,
        },
      };
    }
    case 1:
      return { method: 'POST', path: `/api/proposals/${f.id}/submit`, as: 'member', label, body: { version: f.version } };
    case 2:
      return { method: 'POST', path: `/api/proposals/${f.id}/register`, as: 'office', label, body: { version: f.version } };
    default:
      return {
        method: 'POST',
        path: `/api/proposals/${f.id}/assign`,
        as: 'office',
        label,
        body: { assignMode: 'sole', units: [pick(data.assignUnitIds)], version: f.version },
      };
  }
};

export const FLOWS: Record<string, FlowHooks> = {
  proposalFlow: {
    active: (conn) => flowOf(conn).step > 0,
    onResponse: (status, body, conn) => {
      const f = flowOf(conn);
      if (status < 200 || status > 299) {
        conn.flow = { step: 0 };
        return;
      }
      let view: { id?: number; version?: number; numberLabel?: string | null } = {};
      try {
        view = JSON.parse(body) as typeof view;
      } catch {
        conn.flow = { step: 0 };
        return;
      }
      const registered =
        f.step === 2 && view.id != null && view.numberLabel ? ([view.id, view.numberLabel] as [number, string]) : undefined;
      conn.flow = f.step >= 3 ? { step: 0 } : { step: f.step + 1, id: view.id, version: view.version };
      return registered ? { registered } : undefined;
    },
  },
};

// ── Proposal reads ──────────────────────────────────────────────
Object.assign(BUILDERS, {
  /** 承办单位待办: first page, no filter (sorted by deadline). */
  unitInbox: ({ data }: BuildEnv): BuiltRequest => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/unit-inbox?${q({ limit: 20 })}`,
    as: 'unit',
  }),
  /** The inbox's next page from a random keyset position (status filter half of the time). */
  unitInboxNext: ({ data }: BuildEnv): BuiltRequest => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/unit-inbox?${q(rng.chance(0.5) ? { limit: 20, cursor: pick(data.inboxCursors) } : { limit: 20, status: 'received', cursor: pick(data.inboxCursors) })}`,
    as: 'unit',
  }),
  /** 提案受理列表 with the filters the office uses (state, category, session), newest first. */
  intakeList: ({ data }: BuildEnv): BuiltRequest => {
    const roll = rng.int(4);
    const filter: Record<string, string | number> = { limit: 20 };
    if (roll === 0 || roll === 3) filter.state = pick(data.proposalStates);
    if (roll === 1 || roll === 3) filter.categoryId = pick(data.proposalCategoryIds);
    if (roll === 2 || roll === 3) filter.sessionId = pick(data.proposalSessionIds);
    return { method: 'GET', path: `/api/orgs/${data.orgId}/proposals?${q(filter)}`, as: 'office' };
  },
  intakeListNext: ({ data }: BuildEnv): BuiltRequest => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/proposals?${q(rng.chance(0.5) ? { limit: 20, cursor: pick(data.intakeCursors) } : { limit: 20, state: 'closed', cursor: pick(data.intakeCursors) })}`,
    as: 'office',
  }),
  proposalDetail: ({ data }: BuildEnv): BuiltRequest => ({ method: 'GET', path: `/api/proposals/${pick(data.proposalIds)}`, as: 'office' }),
  /** 提案统计 for the newest session or the whole of a year (the dashboard's two scopes). */
  proposalStats: ({ data }: BuildEnv): BuiltRequest => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/proposal-stats${rng.chance(0.5) ? '' : `?${q({ sessionId: pick(data.proposalSessionIds) })}`}`,
    as: 'office',
  }),
});

// ── Activity reads (issue #4) ───────────────────────────────────
const ACTIVITY_STATUSES = ['planned', 'held', 'minutes_filed', 'closed'];
const monthEnd = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};
Object.assign(BUILDERS, {
  /** 活动日历: one month of the organization's activities. */
  activityCalendar: ({ data }: BuildEnv): BuiltRequest => {
    const m = pick(data.activityMonths);
    return { method: 'GET', path: `/api/orgs/${data.orgId}/activities/calendar?${q({ from: `${m}-01`, to: monthEnd(m) })}` };
  },
  /** 活动列表 with the filters staff use (type, status, month), newest first; or a next page from a cursor. */
  activityList: ({ data }: BuildEnv): BuiltRequest => {
    const roll = rng.int(5);
    const filter: Record<string, string | number> = { limit: 20 };
    if (roll === 0 || roll === 3) filter.type = pick(data.activityTypes);
    if (roll === 1 || roll === 3) filter.status = pick(ACTIVITY_STATUSES);
    if (roll === 2) filter.month = pick(data.activityMonths);
    if (roll === 4 && data.activityCursors.length) filter.cursor = pick(data.activityCursors);
    return { method: 'GET', path: `/api/orgs/${data.orgId}/activities?${q(filter)}` };
  },
  /** 问题清单待办 of a department: first page, a status filter, or a next page. */
  issueInbox: ({ data }: BuildEnv): BuiltRequest => {
    const roll = rng.int(3);
    const filter: Record<string, string | number> = { limit: 20 };
    if (roll === 1) filter.status = pick(['open', 'responded', 'in_progress']);
    if (roll === 2 && data.issueInboxCursors.length) filter.cursor = pick(data.issueInboxCursors);
    return { method: 'GET', path: `/api/orgs/${data.orgId}/problem-inbox?${q(filter)}`, as: 'unit' };
  },
});

// ── Search (issue #5) ────────────────────────────────────────────
Object.assign(BUILDERS, {
  /** The search box: ranked, highlighted, with facets, scoped to the organization (office user). */
  search: ({ data }: BuildEnv): BuiltRequest => ({
    method: 'GET',
    path: `/api/orgs/${data.orgId}/search?${q({ q: pick(data.searchQueries) })}`,
    as: 'office',
  }),
  /** The review screen's similar-proposals panel (top 5 across all years). */
  similar: ({ data }: BuildEnv): BuiltRequest => ({ method: 'GET', path: `/api/proposals/${pick(data.proposalIds)}/similar`, as: 'office' }),
});

// ── Duty records and the leaders' dashboard (issue #7) ───────────
Object.assign(BUILDERS, {
  /** One member's duty record (履职档案) of the current year, as the office opens it. */
  dutyMember: ({ data }: BuildEnv): BuiltRequest => ({ method: 'GET', path: `/api/orgs/${data.orgId}/duty/members/${pick(data.memberIds)}` }),
  /** The leaders' dashboard (驾驶舱): proposals, activities, information, duty and obligations in one answer. */
  leaderDashboard: ({ data }: BuildEnv): BuiltRequest => ({ method: 'GET', path: `/api/orgs/${data.orgId}/leader-dashboard` }),
});

export type Kind = keyof typeof BUILDERS;

/** The mixed read workload against one organization (weights are relative). */
export const MIXED_READ: Record<string, number> = {
  memberList: 10,
  memberListBySector: 10,
  memberListByTerm: 8,
  memberListByCommittee: 8,
  memberSearch: 10,
  memberDetail: 20,
  unitList: 10,
  catalogs: 8,
  orgDetail: 6,
  me: 10,
  // Proposals (issue #3): member home is /api/auth/me + member detail above; unit inbox, office intake list,
  // proposal detail and the dashboard (added in run.ts when the route exists).
  unitInbox: 6,
  unitInboxNext: 3,
  intakeList: 6,
  intakeListNext: 3,
  proposalDetail: 12,
};
