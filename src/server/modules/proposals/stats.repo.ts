/**
 * 提案统计: every number of the dashboard as SQL aggregates over the proposals of one session (or a year, or the whole
 * organization), and the drill-down rows behind each number. A number and its drill-down share one predicate
 * (`PROPOSAL_PREDICATES`, `ASSIGNMENT_PREDICATES`, `EVALUATION_PREDICATES`), so the list always explains the count.
 *
 * Definitions (domain §2 "Statistics"):
 * - received: every non-draft proposal; registered: REGISTERED_STATES; assigned: assigned or later;
 *   replied (办复): replied / evaluated / closed, or rehandling (it had a reply).
 * - Replying assignments: open (not closed by a reassignment) lead / sole / separate assignments. Their first reply
 *   is the earliest reply row (China date); on time when that day ≤ the assignment's deadline (an approved extension
 *   counts). Overdue: still open for a reply, past the deadline, the proposal in assigned / handling / rehandling.
 * - Satisfaction: the evaluation rows of each proposal's latest finished round (rows that are not pending);
 *   rates = (满意 + 基本满意) / rated; 未表态 rows are counted apart.
 * - Grades: the latest round's reply per assignment.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '@server/db/client';
import { RATINGS, REGISTERED_STATES, type ProposalStatsViewT, type StatsFractionT, type StatsMetric } from '@common/proposals';
import { invalid } from '@server/lib/errors';
import type { WorkCalendar } from '@server/lib/workdays';
import { loadSettings } from './proposals.repo';

// ── Dashboard cache ─────────────────────────────────────────
export interface StatsStamp {
  orgSeq: number;
  platformSeq: number;
  calendarStamp: string;
  today: string;
}

/** The cached dashboard of this scope if nothing has changed since it was computed (checked in the same query). */
export async function cachedStats(db: DbOrTx, orgId: number, scopeKey: string, calendarStamp: string, today: string): Promise<unknown> {
  const [row] = await rowsOf<{ view: unknown }>(
    db,
    sql`select c.view from proposal_stats_cache c
         where c.org_id = ${orgId} and c.scope_key = ${scopeKey} and c.today = ${today}::date
           and c.calendar_stamp = ${calendarStamp}
           and c.org_seq = coalesce((select seq from audit_heads where chain_key = ${String(orgId)}), 0)
           and c.platform_seq = coalesce((select seq from audit_heads where chain_key = 'platform'), 0)`,
  );
  return row?.view;
}

/** Stores a computed dashboard unless a newer one (by the organization's chain head) is already there. */
export async function storeStats(db: DbOrTx, orgId: number, scopeKey: string, stamp: StatsStamp, view: unknown): Promise<void> {
  await db.execute(sql`
    insert into proposal_stats_cache (org_id, scope_key, org_seq, platform_seq, calendar_stamp, today, view)
    values (${orgId}, ${scopeKey}, ${stamp.orgSeq}, ${stamp.platformSeq}, ${stamp.calendarStamp}, ${stamp.today}::date, ${JSON.stringify(view)}::jsonb)
    on conflict (org_id, scope_key) do update
      set org_seq = excluded.org_seq, platform_seq = excluded.platform_seq, calendar_stamp = excluded.calendar_stamp,
          today = excluded.today, view = excluded.view, computed_at = now()
      where proposal_stats_cache.org_seq <= excluded.org_seq`);
}

async function rowsOf<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}

const list = (xs: readonly string[]) => sql.raw(`(${xs.map((x) => `'${x}'`).join(', ')})`);
const ASSIGNED_STATES = ['assigned', 'handling', 'replied', 'evaluated', 'closed', 'rehandling'] as const;
const REPLIED_STATES = ['replied', 'evaluated', 'closed', 'rehandling'] as const;
const OPEN_FOR_REPLY = ['assigned', 'handling', 'rehandling'] as const;
const REPLYING_ROLES = ['lead', 'sole', 'separate'] as const;
const OPEN_ASSIGNMENT = ['assigned', 'received', 'adjustment_requested'] as const;
const SATISFIED = ['satisfied', 'basically_satisfied'] as const;

export interface Scope {
  orgId: number;
  sessionId: number | null;
  year: number | null;
}

/** Proposals (alias `p`) in scope; drafts never count. */
export function scopeSql(s: Scope): SQL {
  const base = sql`p.org_id = ${s.orgId} and p.state <> 'draft'`;
  if (s.sessionId != null) return sql`${base} and p.session_id = ${s.sessionId}`;
  if (s.year != null) {
    return sql`${base} and p.session_id in (select ps.id from plenary_sessions ps where ps.org_id = ${s.orgId}
      and ps.start_date >= ${`${s.year}-01-01`}::date and ps.start_date < ${`${s.year + 1}-01-01`}::date)`;
  }
  return base;
}

// ── Predicates shared by the aggregates and the drill-down ──
const P = {
  received: sql`true`,
  registered: sql`p.state in ${list(REGISTERED_STATES)}`,
  merged: sql`p.state = 'merged'`,
  converted: sql`p.state = 'not_registered'`,
  withdrawn: sql`p.state = 'withdrawn'`,
  assigned: sql`p.state in ${list(ASSIGNED_STATES)}`,
  replied: sql`p.state in ${list(REPLIED_STATES)}`,
  /** Needs `contactJoin(scope)` in the FROM. */
  contacted: sql`p.state in ${list(ASSIGNED_STATES)} and pcx.proposal_id is not null`,
};
/** The in-scope proposals with a contact record (面商), as `pcx` — one grouped pass, no per-proposal lookups. */
const contactJoin = (s: Scope) => sql`left join (
    select distinct pc.proposal_id from proposal_contacts pc join proposals p on p.id = pc.proposal_id
    where ${scopeSql(s)} and pc.org_id = ${s.orgId}
  ) pcx on pcx.proposal_id = p.id`;
const sectorKey = sql`case when p.collective_id is not null then 'collective' else coalesce(m.sector_id::text, 'none') end`;
const categoryKey = sql`coalesce(p.category_id::text, 'none')`;

const replying = sql`a.role in ${list(REPLYING_ROLES)}`;
const A = {
  unit: sql`true`,
  replying,
  replied_assignments: sql`${replying} and fr.first_day is not null`,
  on_time: sql`${replying} and fr.first_day <= a.deadline`,
  late: sql`${replying} and fr.first_day > a.deadline`,
  overdue: (today: string) =>
    sql`${replying} and a.status in ${list(OPEN_ASSIGNMENT)} and a.deadline < ${today}::date and p.state in ${list(OPEN_FOR_REPLY)}`,
  graded: sql`fr.grade is not null`,
};

const E = {
  rated: sql`e.status = 'rated'`,
  no_response: sql`e.status = 'no_response'`,
  work_satisfied: sql`e.status = 'rated' and e.work_rating in ${list(SATISFIED)}`,
  result_satisfied: sql`e.status = 'rated' and e.result_rating in ${list(SATISFIED)}`,
};

/**
 * Open assignments (alias `a`) of proposals in scope, with `fr.first_day` (the first reply's China date) and `fr.grade`
 * (the latest round's grade), both from one grouped pass over the scope's replies (no per-row lookups).
 */
const assignmentFrom = (s: Scope, joins: SQL = sql``) => sql`
  from proposal_assignments a
  join proposals p on p.id = a.proposal_id
  left join (
    select r.assignment_id, ((min(r.replied_at) at time zone 'UTC') + interval '8 hours')::date as first_day,
      (array_agg(r.grade order by r.round desc))[1] as grade
    from proposal_replies r join proposals p on p.id = r.proposal_id
    where ${scopeSql(s)} and r.org_id = ${s.orgId}
    group by r.assignment_id
  ) fr on fr.assignment_id = a.id
  ${joins}
  where ${scopeSql(s)} and a.org_id = ${s.orgId} and a.status <> 'closed'`;

/** Evaluation rows (alias `e`) of each in-scope proposal's latest finished round, joined to the proposal `p`. */
const evaluationFrom = (s: Scope, joins: SQL = sql``) => sql`
  from (
    select e.*, max(e.round) over (partition by e.proposal_id) as last_round
    from proposal_evaluations e join proposals p on p.id = e.proposal_id
    where ${scopeSql(s)} and e.org_id = ${s.orgId} and e.status <> 'pending'
  ) e
  join proposals p on p.id = e.proposal_id
  ${joins}
  where e.round = e.last_round`;

// ── Sessions ────────────────────────────────────────────────
export interface SessionRow {
  id: number;
  name: string;
  startDate: string;
  proposals: number;
}

/** The organization's sessions, newest first, with their non-draft proposal counts. */
export async function sessionsOf(db: DbOrTx, orgId: number): Promise<SessionRow[]> {
  return rowsOf<SessionRow>(
    db,
    sql`select s.id, s.name, s.start_date::text as "startDate",
          (select count(*)::int from proposals p where p.org_id = ${orgId} and p.session_id = s.id and p.state <> 'draft') as proposals
        from plenary_sessions s where s.org_id = ${orgId} order by s.start_date desc, s.id desc`,
  );
}

// ── The dashboard ───────────────────────────────────────────
const n = (v: unknown) => Number(v ?? 0);

export interface Totals {
  received: number;
  registered: number;
  merged: number;
  converted: number;
  withdrawn: number;
  assigned: number;
  replied: number;
  contacted: number;
}

export async function totals(db: DbOrTx, s: Scope): Promise<Totals> {
  const [r] = await rowsOf<Record<keyof Totals, number>>(
    db,
    sql`select count(*)::int as received,
          count(*) filter (where ${P.registered})::int as registered,
          count(*) filter (where ${P.merged})::int as merged,
          count(*) filter (where ${P.converted})::int as converted,
          count(*) filter (where ${P.withdrawn})::int as withdrawn,
          count(*) filter (where ${P.assigned})::int as assigned,
          count(*) filter (where ${P.replied})::int as replied,
          count(*) filter (where ${P.contacted})::int as contacted
        from proposals p ${contactJoin(s)} where ${scopeSql(s)}`,
  );
  return {
    received: n(r.received),
    registered: n(r.registered),
    merged: n(r.merged),
    converted: n(r.converted),
    withdrawn: n(r.withdrawn),
    assigned: n(r.assigned),
    replied: n(r.replied),
    contacted: n(r.contacted),
  };
}

export interface BreakdownRow {
  key: string;
  name: string;
  received: number;
  registered: number;
  assigned: number;
  replied: number;
}

const breakdownCounts = sql`count(*)::int as received,
  count(*) filter (where ${P.registered})::int as registered,
  count(*) filter (where ${P.assigned})::int as assigned,
  count(*) filter (where ${P.replied})::int as replied`;

export async function byCategory(db: DbOrTx, s: Scope): Promise<BreakdownRow[]> {
  return rowsOf<BreakdownRow>(
    db,
    sql`select ${categoryKey} as key, coalesce(min(c.name), '') as name, min(c.sort) as sort, ${breakdownCounts}
        from proposals p left join proposal_categories c on c.id = p.category_id
        where ${scopeSql(s)} group by 1 order by received desc, sort nulls last, key`,
  );
}

export async function bySector(db: DbOrTx, s: Scope): Promise<BreakdownRow[]> {
  return rowsOf<BreakdownRow>(
    db,
    sql`select ${sectorKey} as key, coalesce(min(sc.name), '') as name, ${breakdownCounts}
        from proposals p left join members m on m.id = p.first_proposer_member_id left join sectors sc on sc.id = m.sector_id
        where ${scopeSql(s)} group by 1 order by received desc, key`,
  );
}

export interface UnitRow {
  unitId: number;
  unitName: string;
  assigned: number;
  replying: number;
  replied: number;
  onTime: number;
  overdue: number;
}

export interface GradeRow {
  code: string;
  count: number;
}

export interface DayRow {
  unitId: number;
  day: string;
  count: number;
  kind: 'assigned' | 'replied';
}

/**
 * One pass over the scope's assignments, grouped four ways (GROUPING SETS): per unit (the league table), per grade,
 * and per unit and day of assignment / first reply (for the average working days; the calendar is applied in JS).
 */
export async function assignmentAggregates(
  db: DbOrTx,
  s: Scope,
  today: string,
): Promise<{ units: UnitRow[]; grades: GradeRow[]; days: DayRow[] }> {
  const rows = await rowsOf<{
    set: number;
    unitId: number | null;
    grade: string | null;
    assignedOn: string | null;
    firstDay: string | null;
    assigned: number;
    replying: number;
    replied: number;
    onTime: number;
    overdue: number;
  }>(
    db,
    sql`select grouping(a.unit_id, fr.grade, a.assigned_on, fr.first_day)::int as set,
          a.unit_id as "unitId", fr.grade, a.assigned_on::text as "assignedOn", fr.first_day::text as "firstDay",
          count(*)::int as assigned,
          count(*) filter (where ${A.replying})::int as replying,
          count(*) filter (where ${A.replied_assignments})::int as replied,
          count(*) filter (where ${A.on_time})::int as "onTime",
          count(*) filter (where ${A.overdue(today)})::int as overdue
        ${assignmentFrom(s)}
        group by grouping sets ((a.unit_id), (fr.grade), (a.unit_id, a.assigned_on), (a.unit_id, fr.first_day))`,
  );
  // grouping() bits, high to low: unit_id, grade, assigned_on, first_day (1 = not grouped by it).
  const UNIT = 0b0111;
  const GRADE = 0b1011;
  const BY_ASSIGNED = 0b0101;
  const BY_REPLY = 0b0110;
  const unitRows = rows.filter((r) => r.set === UNIT);
  const names = unitRows.length
    ? new Map(
        (
          await rowsOf<{ id: number; name: string }>(
            db,
            sql`select id, name from units where id in (${sql.join(
              unitRows.map((r) => sql`${r.unitId}`),
              sql`, `,
            )})`,
          )
        ).map((u) => [u.id, u.name]),
      )
    : new Map<number, string>();
  const units = unitRows
    .map((r) => ({
      unitId: r.unitId!,
      unitName: names.get(r.unitId!) ?? '',
      assigned: r.assigned,
      replying: r.replying,
      replied: r.replied,
      onTime: r.onTime,
      overdue: r.overdue,
    }))
    .sort((x, y) => y.assigned - x.assigned || x.unitId - y.unitId);
  const grades = rows
    .filter((r) => r.set === GRADE && r.grade != null)
    .map((r) => ({ code: r.grade!, count: r.assigned }))
    .sort((x, y) => x.code.localeCompare(y.code));
  const days: DayRow[] = [];
  for (const r of rows) {
    if (r.set === BY_ASSIGNED && r.replied > 0) days.push({ unitId: r.unitId!, day: r.assignedOn!, count: r.replied, kind: 'assigned' });
    if (r.set === BY_REPLY && r.firstDay != null) days.push({ unitId: r.unitId!, day: r.firstDay, count: r.replied, kind: 'replied' });
  }
  return { units, grades, days };
}

export interface RatingTotals {
  rated: number;
  noResponse: number;
  workSatisfied: number;
  resultSatisfied: number;
  work: Record<string, number>;
  result: Record<string, number>;
}

export async function ratings(db: DbOrTx, s: Scope): Promise<RatingTotals> {
  const cols = RATINGS.map(
    (r) => sql`, count(*) filter (where e.status = 'rated' and e.work_rating = ${r})::int as ${sql.raw(`"w_${r}"`)},
      count(*) filter (where e.status = 'rated' and e.result_rating = ${r})::int as ${sql.raw(`"r_${r}"`)}`,
  );
  const [r] = await rowsOf<Record<string, number>>(
    db,
    sql`select count(*) filter (where ${E.rated})::int as rated,
          count(*) filter (where ${E.no_response})::int as "noResponse",
          count(*) filter (where ${E.work_satisfied})::int as "workSatisfied",
          count(*) filter (where ${E.result_satisfied})::int as "resultSatisfied"
          ${sql.join(cols, sql``)}
        ${evaluationFrom(s)}`,
  );
  return {
    rated: n(r.rated),
    noResponse: n(r.noResponse),
    workSatisfied: n(r.workSatisfied),
    resultSatisfied: n(r.resultSatisfied),
    work: Object.fromEntries(RATINGS.map((x) => [x, n(r[`w_${x}`])])),
    result: Object.fromEntries(RATINGS.map((x) => [x, n(r[`r_${x}`])])),
  };
}

/** Evaluation rows still pending in the current round of in-scope proposals. */
export async function pendingEvaluations(db: DbOrTx, s: Scope): Promise<number> {
  const [r] = await rowsOf<{ c: number }>(
    db,
    sql`select count(*)::int as c from proposal_evaluations e join proposals p on p.id = e.proposal_id
        where ${scopeSql(s)} and e.org_id = ${s.orgId} and e.status = 'pending' and e.round = p.round`,
  );
  return n(r.c);
}

/**
 * Satisfaction per unit: the evaluation rows of the proposals each unit replied to (replying assignments).
 * Both CTEs are MATERIALIZED: inlined, the planner misjudged them as one row each and re-ran the evaluation scan
 * once per unit-proposal pair (20 ms against 2 ms at 10k proposals, growing with the square of the session).
 */
export async function unitRatings(
  db: DbOrTx,
  s: Scope,
): Promise<Array<{ unitId: number; rated: number; workSatisfied: number; resultSatisfied: number }>> {
  return rowsOf(
    db,
    sql`with ev as materialized (
          select e.proposal_id, count(*) filter (where ${E.rated}) as rated,
            count(*) filter (where ${E.work_satisfied}) as ws, count(*) filter (where ${E.result_satisfied}) as rs
          ${evaluationFrom(s)} group by e.proposal_id),
        pu as materialized (
          select distinct a.unit_id, a.proposal_id from proposal_assignments a join proposals p on p.id = a.proposal_id
          where ${scopeSql(s)} and a.org_id = ${s.orgId} and a.status <> 'closed' and ${A.replying})
        select pu.unit_id as "unitId", sum(ev.rated)::int as rated, sum(ev.ws)::int as "workSatisfied", sum(ev.rs)::int as "resultSatisfied"
        from pu join ev on ev.proposal_id = pu.proposal_id group by pu.unit_id`,
  );
}

// ── Working days ────────────────────────────────────────────
/**
 * Average working days from assignment to first reply, per unit and overall: Σ W(reply) − Σ W(assigned) over the
 * replied assignments, where W(d) counts working days from a fixed origin (so each distinct day is looked up once).
 */
export function averageWorkdays(
  cal: WorkCalendar,
  rows: DayRow[],
): { perUnit: Map<number, { avg: number; provisional: boolean }>; overall: { avg: number; provisional: boolean } | null } {
  const days = [...new Set(rows.map((r) => r.day))].sort();
  const w = new Map<string, number>();
  let provisional = false;
  const provisionalDays = new Set<string>();
  let acc = 0;
  for (let i = 0; i < days.length; i++) {
    if (i > 0) {
      const step = cal.workdaysBetween(days[i - 1], days[i]);
      acc += step.count;
      if (step.provisional) provisional = true;
    }
    w.set(days[i], acc);
    if (!cal.isCoveredYear(Number(days[i].slice(0, 4)))) provisionalDays.add(days[i]);
  }
  const sums = new Map<number, { sum: number; replied: number; provisional: boolean }>();
  let total = 0;
  let count = 0;
  for (const r of rows) {
    const e = sums.get(r.unitId) ?? { sum: 0, replied: 0, provisional: false };
    const v = (w.get(r.day) ?? 0) * r.count;
    if (r.kind === 'replied') {
      e.sum += v;
      e.replied += r.count;
      total += v;
      count += r.count;
    } else {
      e.sum -= v;
      total -= v;
    }
    if (provisionalDays.has(r.day)) e.provisional = true;
    sums.set(r.unitId, e);
  }
  const round1 = (x: number) => Math.round(x * 10) / 10;
  const perUnit = new Map(
    [...sums].filter(([, e]) => e.replied > 0).map(([k, e]) => [k, { avg: round1(e.sum / e.replied), provisional: e.provisional }]),
  );
  return { perUnit, overall: count > 0 ? { avg: round1(total / count), provisional } : null };
}

// ── Drill-down ──────────────────────────────────────────────
export interface ItemRow {
  rowId: number;
  proposalId: number;
  numberLabel: string | null;
  subject: string;
  state: string;
  proposerName: string;
  categoryName: string | null;
  unitName: string | null;
  deadline: string | null;
  repliedOn: string | null;
  grade: string | null;
  evaluatorName: string | null;
  workRating: string | null;
  resultRating: string | null;
}

const proposalCols = sql`p.id as "proposalId", p.number_label as "numberLabel", p.subject, p.state,
  coalesce(cp.name, m.name, '') as "proposerName", c.name as "categoryName"`;
const proposalJoins = sql`left join members m on m.id = p.first_proposer_member_id
  left join collective_proposers cp on cp.id = p.collective_id
  left join proposal_categories c on c.id = p.category_id`;

const PROPOSAL_METRICS = [
  'received',
  'registered',
  'merged',
  'converted',
  'withdrawn',
  'assigned',
  'replied',
  'contacted',
  'category',
  'sector',
] as const;
const ASSIGNMENT_METRICS = ['unit', 'replying', 'replied_assignments', 'on_time', 'late', 'overdue', 'grade'] as const;
const idKey = (key: string | undefined, required: boolean): number | null => {
  if (key === undefined) {
    if (required) throw invalid('key', 'required');
    return null;
  }
  if (!/^\d{1,15}$/.test(key)) throw invalid('key', 'invalid_format');
  return Number(key);
};

/** The rows behind a number, keyset by their own id descending (`afterId` = the previous page's last rowId). */
export async function items(
  db: DbOrTx,
  s: Scope,
  metric: StatsMetric,
  key: string | undefined,
  today: string,
  afterId: number | null,
  limit: number,
): Promise<ItemRow[]> {
  const after = (col: SQL) => (afterId != null ? sql` and ${col} < ${afterId}` : sql``);
  if ((PROPOSAL_METRICS as readonly string[]).includes(metric)) {
    let pred: SQL;
    if (metric === 'category') {
      if (!key) throw invalid('key', 'required');
      pred = key === 'none' ? sql`p.category_id is null` : sql`p.category_id = ${idKey(key, true)}`;
    } else if (metric === 'sector') {
      if (!key) throw invalid('key', 'required');
      pred = key === 'collective' || key === 'none' ? sql`${sectorKey} = ${key}` : sql`${sectorKey} = ${String(idKey(key, true))}`;
    } else pred = P[metric as Exclude<(typeof PROPOSAL_METRICS)[number], 'category' | 'sector'>];
    return rowsOf<ItemRow>(
      db,
      sql`select p.id as "rowId", ${proposalCols}, null as "unitName", p.deadline::text as deadline, null as "repliedOn", null as grade,
            null as "evaluatorName", null as "workRating", null as "resultRating"
          from proposals p ${proposalJoins} ${contactJoin(s)}
          where ${scopeSql(s)} and ${pred}${after(sql`p.id`)} order by p.id desc limit ${limit}`,
    );
  }
  if ((ASSIGNMENT_METRICS as readonly string[]).includes(metric)) {
    let pred: SQL;
    if (metric === 'grade') {
      if (!key) throw invalid('key', 'required');
      pred = sql`fr.grade = ${key}`;
    } else if (metric === 'unit') {
      pred = sql`a.unit_id = ${idKey(key, true)}`;
    } else {
      const base = metric === 'overdue' ? A.overdue(today) : A[metric as 'replying' | 'replied_assignments' | 'on_time' | 'late'];
      const unitId = idKey(key, false);
      pred = unitId != null ? sql`${base} and a.unit_id = ${unitId}` : base;
    }
    return rowsOf<ItemRow>(
      db,
      sql`select a.id as "rowId", ${proposalCols}, u.name as "unitName",
            a.deadline::text as deadline, fr.first_day::text as "repliedOn", fr.grade,
            null as "evaluatorName", null as "workRating", null as "resultRating"
          ${assignmentFrom(s, sql`${proposalJoins} join units u on u.id = a.unit_id`)} and ${pred}${after(sql`a.id`)} order by a.id desc limit ${limit}`,
    );
  }
  // Evaluation rows.
  let pred: SQL;
  if (metric === 'work_rating' || metric === 'result_rating') {
    if (!key) throw invalid('key', 'required');
    if (!(RATINGS as readonly string[]).includes(key)) throw invalid('key', 'invalid_option', { options: RATINGS.join(', ') });
    pred =
      metric === 'work_rating' ? sql`e.status = 'rated' and e.work_rating = ${key}` : sql`e.status = 'rated' and e.result_rating = ${key}`;
  } else pred = E[metric as keyof typeof E];
  return rowsOf<ItemRow>(
    db,
    sql`select e.id as "rowId", ${proposalCols}, null as "unitName", null as deadline, null as "repliedOn", null as grade,
          coalesce(ec.name, em.name, '') as "evaluatorName", e.work_rating as "workRating", e.result_rating as "resultRating"
        ${evaluationFrom(
          s,
          sql`${proposalJoins} join proposal_proposers pp on pp.id = e.proposer_id
            left join members em on em.id = pp.member_id left join collective_proposers ec on ec.id = pp.collective_id`,
        )} and ${pred}${after(sql`e.id`)}
        order by e.id desc limit ${limit}`,
  );
}

// ── The view ────────────────────────────────────────────────
const frac = (num: number, den: number): StatsFractionT => ({ num, den });

/** Every number of the dashboard for one scope (the queries run side by side; none loops over proposals). */
export async function buildStats(
  db: DbOrTx,
  scope: Scope,
  session: SessionRow | null,
  sessions: SessionRow[],
  today: string,
  cal: WorkCalendar,
): Promise<ProposalStatsViewT> {
  const [t, cats, secs, { units, grades: gradeRows, days }, rt, pending, unitRt, settings] = await Promise.all([
    totals(db, scope),
    byCategory(db, scope),
    bySector(db, scope),
    assignmentAggregates(db, scope, today),
    ratings(db, scope),
    pendingEvaluations(db, scope),
    unitRatings(db, scope),
    loadSettings(db, scope.orgId),
  ]);
  const avg = averageWorkdays(cal, days);
  const unitR = new Map(unitRt.map((r) => [r.unitId, r]));
  const labels = new Map(settings.config.gradeLabels.map((g) => [g.code, g.label]));
  const graded = gradeRows.reduce((a, g) => a + g.count, 0);
  // Every configured grade, in the configured order, then any code no longer configured.
  const codes = [...settings.config.gradeLabels.map((g) => g.code), ...gradeRows.map((g) => g.code).filter((c) => !labels.has(c))];
  const gradeCount = new Map(gradeRows.map((g) => [g.code, g.count]));
  const replyingReplied = units.reduce((a, u) => a + u.replied, 0);
  const onTime = units.reduce((a, u) => a + u.onTime, 0);
  return {
    scope: { sessionId: scope.sessionId, sessionName: session?.name ?? null, year: scope.year },
    sessions,
    today,
    ...t,
    registrationRate: frac(t.registered, t.received),
    replyRate: frac(t.replied, t.assigned),
    onTimeRate: frac(onTime, replyingReplied),
    contactRate: frac(t.contacted, t.assigned),
    workSatisfaction: frac(rt.workSatisfied, rt.rated),
    resultSatisfaction: frac(rt.resultSatisfied, rt.rated),
    ratings: RATINGS.map((r) => ({ rating: r, work: rt.work[r] ?? 0, result: rt.result[r] ?? 0 })),
    rated: rt.rated,
    noResponse: rt.noResponse,
    pendingEvaluations: pending,
    grades: codes.map((code) => ({
      code,
      label: labels.get(code) ?? code,
      count: gradeCount.get(code) ?? 0,
      share: frac(gradeCount.get(code) ?? 0, graded),
    })),
    byCategory: cats.map((c) => ({
      key: c.key,
      name: c.name,
      received: c.received,
      registered: c.registered,
      assigned: c.assigned,
      replied: c.replied,
    })),
    bySector: secs.map((c) => ({
      key: c.key,
      name: c.name,
      received: c.received,
      registered: c.registered,
      assigned: c.assigned,
      replied: c.replied,
    })),
    byUnit: units.map((u) => {
      const r = unitR.get(u.unitId);
      const a = avg.perUnit.get(u.unitId);
      const rated = r?.rated ?? 0;
      return {
        unitId: u.unitId,
        unitName: u.unitName,
        assigned: u.assigned,
        replying: u.replying,
        replied: u.replied,
        onTime: frac(u.onTime, u.replied),
        workSatisfaction: frac(r?.workSatisfied ?? 0, rated),
        resultSatisfaction: frac(r?.resultSatisfied ?? 0, rated),
        satisfaction: frac((r?.workSatisfied ?? 0) + (r?.resultSatisfied ?? 0), 2 * rated),
        avgWorkdays: a?.avg ?? null,
        avgWorkdaysProvisional: a?.provisional ?? false,
        overdue: u.overdue,
      };
    }),
    overdue: units.reduce((a, u) => a + u.overdue, 0),
    avgWorkdays: avg.overall?.avg ?? null,
    avgWorkdaysProvisional: avg.overall?.provisional ?? false,
  };
}
