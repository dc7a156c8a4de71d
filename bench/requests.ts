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
}

export interface Session {
  cookie: string;
  csrf: string;
}

export interface BuiltRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
}

export interface BuildEnv {
  data: LoadData;
  /** A process-wide counter, unique across every target of one load process (used for unique names). */
  seq: () => number;
  /** A tag unique to this run, put into created names so they can be counted afterwards. */
  tag: string;
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
  catalogs: ({ data }) => ({ method: 'GET', path: `/api/orgs/${data.orgId}/catalogs/${pick(['sectors', 'committees', 'groups', 'studios'])}` }),
  memberList: ({ data }) => ({ method: 'GET', path: `/api/orgs/${data.orgId}/members?${q({ limit: 20 })}` }),
  memberListBySector: ({ data }) => ({ method: 'GET', path: `/api/orgs/${data.orgId}/members?${q({ limit: 20, sectorId: pick(data.sectorIds) })}` }),
  memberListByTerm: ({ data }) => ({ method: 'GET', path: `/api/orgs/${data.orgId}/members?${q({ limit: 20, termId: pick(data.termIds) })}` }),
  memberListByCommittee: ({ data }) => ({ method: 'GET', path: `/api/orgs/${data.orgId}/members?${q({ limit: 20, committeeId: pick(data.committeeIds) })}` }),
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
};
