/**
 * The `proposals` generator phase: ten years of proposals in every state, per organization and plenary session,
 * with proposers, number counters, assignments (交办), replies (答复), evaluations (评价), contacts (面商) and
 * conversions of not-registered proposals, plus the proposal-side virtual users. Rows are flushed every ~20k
 * proposals, so the full scale (1 M proposals) never holds more than one chunk in memory.
 */
import { insertColumns } from './db';
import type { GenContext, GeneratorPhase, OrgInfo } from './generate';
import {
  BODY_PROBLEMS,
  BODY_SITUATION,
  BODY_SUGGESTIONS,
  CONTACT_NOTES,
  EVALUATION_COMMENTS,
  PROPOSAL_CATEGORIES,
  PROPOSAL_TOPICS,
  REPLY_SENTENCES,
  SUBJECT_TEMPLATES,
  cumulative,
  personName,
  type Rng,
} from './vocab';

/** Proposal-side virtual users of the largest organization (sessions are shared between connections). */
export const PROPOSAL_VUS = 8;
export const unitVuUsername = (i: number) => `bench_unit_vu_${String(i + 1).padStart(3, '0')}`;
export const officeVuUsername = (i: number) => `bench_office_vu_${String(i + 1).padStart(3, '0')}`;
export const memberVuUsername = (i: number) => `bench_member_vu_${String(i + 1).padStart(3, '0')}`;

const DAY = 86_400_000;
const dayOf = (s: string) => Date.parse(`${s}T00:00:00Z`);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A time of day in office hours (China time = UTC+8), as an ISO timestamp. */
const at = (rng: Rng, dayMs: number) => new Date(dayMs + (1 + rng.int(8)) * 3_600_000 + rng.int(3_600_000)).toISOString();
const addMonths = (ms: number, n: number) => {
  const d = new Date(ms);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.getTime();
};
/** Moves a Saturday/Sunday to the next Monday (the bench has no holiday calendar). */
const workday = (ms: number) => {
  const wd = new Date(ms).getUTCDay();
  return wd === 6 ? ms + 2 * DAY : wd === 0 ? ms + DAY : ms;
};

type State =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'registered'
  | 'merged'
  | 'not_registered'
  | 'withdrawn'
  | 'assigned'
  | 'handling'
  | 'replied'
  | 'evaluated'
  | 'closed'
  | 'rehandling';
const STATES: State[] = [
  'draft',
  'submitted',
  'returned',
  'registered',
  'merged',
  'not_registered',
  'withdrawn',
  'assigned',
  'handling',
  'replied',
  'evaluated',
  'closed',
  'rehandling',
];
/** State mix by the session's age in years (0 = the current session, still running). */
const STATE_WEIGHTS: Record<'current' | 'last' | 'old', number[]> = {
  //        draft sub ret reg mrg notr wdr asg hdl rpl evl  cls reh
  current: [3, 5, 2, 4, 6, 10, 4, 5, 28, 12, 10, 10, 1],
  last: [0, 0, 0, 0, 6, 10, 3, 0, 1, 2, 12, 65, 1],
  old: [0, 0, 0, 0, 6, 9, 3, 0, 0, 0, 3, 79, 0],
};
const STATE_CUM = { current: cumulative(STATE_WEIGHTS.current), last: cumulative(STATE_WEIGHTS.last), old: cumulative(STATE_WEIGHTS.old) };
const NUMBERED = new Set<State>(['registered', 'assigned', 'handling', 'replied', 'evaluated', 'closed', 'rehandling']);
const ASSIGNED = new Set<State>(['assigned', 'handling', 'replied', 'evaluated', 'closed', 'rehandling']);
const REPLIED = new Set<State>(['replied', 'evaluated', 'closed']);
const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'];
const RATING_CUM = cumulative([75, 20, 5]);
const GRADES = ['A', 'B', 'C'];
const GRADE_CUM = cumulative([50, 35, 15]);
const CONTACT_FORMS = ['in_person', 'phone', 'meeting', 'site_visit', 'online', 'letter'];
const CONVERSIONS: Array<[string, string]> = [
  ['opinion', '属于一般性工作意见建议'],
  ['social_info', '内容反映社情民意，宜作为信息报送'],
  ['member_letter', '属于个人或家庭私事'],
  ['department_reference', '建议较为原则，转有关部门参考'],
];

/** Column buffers for one chunk of every proposal table; `flush` inserts them in foreign-key order. */
function buffers() {
  const cols = <K extends string>(...names: K[]) => Object.fromEntries(names.map((n) => [n, [] as unknown[]])) as Record<K, unknown[]>;
  return {
    p: cols(
      'id',
      'org',
      'session',
      'kind',
      'collective',
      'first',
      'subject',
      'body',
      'category',
      'isPublic',
      'period',
      'state',
      'number',
      'numberLabel',
      'mergedInto',
      'reviewNote',
      'submittedAt',
      'registeredAt',
      'reviewedAt',
      'reviewedBy',
      'assignMode',
      'assignedAt',
      'deadline',
      'isKey',
      'round',
      'repliedAt',
      'evaluationDue',
      'evaluatedAt',
      'closedAt',
      'disclosedAt',
      'createdBy',
      'createdAt',
      'updatedAt',
    ),
    pp: cols('id', 'proposal', 'member', 'collective', 'role', 'status', 'mergedFrom', 'invitedAt', 'respondedAt'),
    a: cols(
      'id',
      'org',
      'proposal',
      'unit',
      'role',
      'status',
      'assignedOn',
      'windowEnd',
      'deadline',
      'receivedAt',
      'receivedBy',
      'round',
      'opinion',
      'opinionAt',
      'opinionDue',
      'extensionStatus',
      'extensionReason',
      'originalDeadline',
      'repliedAt',
      'createdBy',
      'createdAt',
    ),
    r: cols('id', 'org', 'proposal', 'assignment', 'unit', 'round', 'grade', 'body', 'docNumber', 'signer', 'repliedAt'),
    e: cols('id', 'org', 'proposal', 'proposer', 'round', 'status', 'work', 'result', 'comments', 'ratedAt', 'createdAt'),
    c: cols('id', 'org', 'proposal', 'assignment', 'form', 'date', 'notes', 'createdAt'),
    ci: cols('id', 'org', 'kind', 'title', 'body', 'origin', 'createdAt'),
    pc: cols('id', 'org', 'proposal', 'reason', 'kind', 'item', 'createdBy', 'createdAt'),
  };
}
type Buffers = ReturnType<typeof buffers>;

async function flush(ctx: GenContext, b: Buffers): Promise<void> {
  const t0 = Date.now();
  await flushTables(ctx, b);
  ctx.log(`    ${b.p.id.length} proposals with their rows written in ${Date.now() - t0} ms`);
}
async function flushTables(ctx: GenContext, b: Buffers): Promise<void> {
  const { client, totals } = ctx;
  const add = (k: string, n: number) => (totals[k] = (totals[k] ?? 0) + n);
  add(
    'proposals',
    await insertColumns(client, 'proposals', {
      id: ['bigint', b.p.id],
      org_id: ['bigint', b.p.org],
      session_id: ['bigint', b.p.session],
      kind: ['text', b.p.kind],
      collective_id: ['bigint', b.p.collective],
      first_proposer_member_id: ['bigint', b.p.first],
      subject: ['text', b.p.subject],
      body: ['text', b.p.body],
      category_id: ['bigint', b.p.category],
      is_public: ['bool', b.p.isPublic],
      period: ['text', b.p.period],
      state: ['text', b.p.state],
      number: ['int', b.p.number],
      number_label: ['text', b.p.numberLabel],
      merged_into_id: ['bigint', b.p.mergedInto],
      review_note: ['text', b.p.reviewNote],
      submitted_at: ['timestamptz', b.p.submittedAt],
      registered_at: ['timestamptz', b.p.registeredAt],
      reviewed_at: ['timestamptz', b.p.reviewedAt],
      reviewed_by_account_id: ['bigint', b.p.reviewedBy],
      assign_mode: ['text', b.p.assignMode],
      assigned_at: ['timestamptz', b.p.assignedAt],
      deadline: ['date', b.p.deadline],
      is_key: ['bool', b.p.isKey],
      round: ['int', b.p.round],
      replied_at: ['timestamptz', b.p.repliedAt],
      evaluation_due: ['date', b.p.evaluationDue],
      evaluated_at: ['timestamptz', b.p.evaluatedAt],
      closed_at: ['timestamptz', b.p.closedAt],
      disclosed_at: ['timestamptz', b.p.disclosedAt],
      created_by_account_id: ['bigint', b.p.createdBy],
      created_at: ['timestamptz', b.p.createdAt],
      updated_at: ['timestamptz', b.p.updatedAt],
    }),
  );
  add(
    'proposal_proposers',
    await insertColumns(client, 'proposal_proposers', {
      id: ['bigint', b.pp.id],
      proposal_id: ['bigint', b.pp.proposal],
      member_id: ['bigint', b.pp.member],
      collective_id: ['bigint', b.pp.collective],
      role: ['text', b.pp.role],
      status: ['text', b.pp.status],
      credited_via_merge_from: ['bigint', b.pp.mergedFrom],
      invited_at: ['timestamptz', b.pp.invitedAt],
      responded_at: ['timestamptz', b.pp.respondedAt],
    }),
  );
  add(
    'proposal_assignments',
    await insertColumns(client, 'proposal_assignments', {
      id: ['bigint', b.a.id],
      org_id: ['bigint', b.a.org],
      proposal_id: ['bigint', b.a.proposal],
      unit_id: ['bigint', b.a.unit],
      role: ['text', b.a.role],
      status: ['text', b.a.status],
      assigned_on: ['date', b.a.assignedOn],
      window_end: ['date', b.a.windowEnd],
      deadline: ['date', b.a.deadline],
      received_at: ['timestamptz', b.a.receivedAt],
      received_by_account_id: ['bigint', b.a.receivedBy],
      round: ['int', b.a.round],
      opinion: ['text', b.a.opinion],
      opinion_at: ['timestamptz', b.a.opinionAt],
      opinion_due: ['date', b.a.opinionDue],
      extension_status: ['text', b.a.extensionStatus],
      extension_reason: ['text', b.a.extensionReason],
      original_deadline: ['date', b.a.originalDeadline],
      replied_at: ['timestamptz', b.a.repliedAt],
      created_by_account_id: ['bigint', b.a.createdBy],
      created_at: ['timestamptz', b.a.createdAt],
      updated_at: ['timestamptz', b.a.createdAt],
    }),
  );
  add(
    'proposal_replies',
    await insertColumns(client, 'proposal_replies', {
      id: ['bigint', b.r.id],
      org_id: ['bigint', b.r.org],
      proposal_id: ['bigint', b.r.proposal],
      assignment_id: ['bigint', b.r.assignment],
      unit_id: ['bigint', b.r.unit],
      round: ['int', b.r.round],
      grade: ['text', b.r.grade],
      body: ['text', b.r.body],
      doc_number: ['text', b.r.docNumber],
      signer: ['text', b.r.signer],
      replied_at: ['timestamptz', b.r.repliedAt],
    }),
  );
  add(
    'proposal_evaluations',
    await insertColumns(client, 'proposal_evaluations', {
      id: ['bigint', b.e.id],
      org_id: ['bigint', b.e.org],
      proposal_id: ['bigint', b.e.proposal],
      proposer_id: ['bigint', b.e.proposer],
      round: ['int', b.e.round],
      status: ['text', b.e.status],
      work_rating: ['text', b.e.work],
      result_rating: ['text', b.e.result],
      comments: ['text', b.e.comments],
      rated_at: ['timestamptz', b.e.ratedAt],
      created_at: ['timestamptz', b.e.createdAt],
    }),
  );
  add(
    'proposal_contacts',
    await insertColumns(client, 'proposal_contacts', {
      id: ['bigint', b.c.id],
      org_id: ['bigint', b.c.org],
      proposal_id: ['bigint', b.c.proposal],
      assignment_id: ['bigint', b.c.assignment],
      form: ['text', b.c.form],
      contact_date: ['date', b.c.date],
      notes: ['text', b.c.notes],
      created_at: ['timestamptz', b.c.createdAt],
    }),
  );
  add(
    'converted_items',
    await insertColumns(client, 'converted_items', {
      id: ['bigint', b.ci.id],
      org_id: ['bigint', b.ci.org],
      kind: ['text', b.ci.kind],
      title: ['text', b.ci.title],
      body: ['text', b.ci.body],
      origin_proposal_id: ['bigint', b.ci.origin],
      created_at: ['timestamptz', b.ci.createdAt],
      updated_at: ['timestamptz', b.ci.createdAt],
    }),
  );
  add(
    'proposal_conversions',
    await insertColumns(client, 'proposal_conversions', {
      id: ['bigint', b.pc.id],
      org_id: ['bigint', b.pc.org],
      proposal_id: ['bigint', b.pc.proposal],
      reason: ['text', b.pc.reason],
      conversion_kind: ['text', b.pc.kind],
      converted_item_id: ['bigint', b.pc.item],
      created_by_account_id: ['bigint', b.pc.createdBy],
      created_at: ['timestamptz', b.pc.createdAt],
    }),
  );
}

/** Text from the templates: {t} topic, {k} keyword, {p}{x} place, {n} number, {y} year. */
function textMaker(rng: Rng) {
  return (tpl: string, o: OrgInfo, topic: string, kws: string[], year: number) =>
    tpl
      .replaceAll('{t}', topic)
      .replaceAll('{p}', o.place)
      .replaceAll('{x}', o.x)
      .replaceAll('{y}', String(year - 1))
      .replace(/\{k\}/g, () => rng.pick(kws))
      .replace(/\{n\}/g, () => String(2 + rng.int(60)));
}

export const proposalsPhase: GeneratorPhase = {
  name: 'proposals (every state, ten years), assignments, replies, evaluations',
  async run(ctx) {
    const { rng, scale, ids } = ctx;
    const now = dayOf(new Date().toISOString().slice(0, 10));
    const fill = textMaker(rng);
    const { orgShares } = await import('./generate');
    const shares = orgShares(ctx.orgs.length);
    let b = buffers();
    let buffered = 0;

    // Categories per organization.
    const cat = { id: [] as number[], org: [] as number[], name: [] as string[], sort: [] as number[] };
    const catsOf = new Map<number, number[]>();
    for (const o of ctx.orgs) {
      const list: number[] = [];
      PROPOSAL_CATEGORIES.forEach((name, i) => {
        const id = ids.take('proposal_categories');
        list.push(id);
        cat.id.push(id);
        cat.org.push(o.id);
        cat.name.push(name);
        cat.sort.push(i + 1);
      });
      catsOf.set(o.id, list);
    }
    ctx.totals.proposal_categories = await insertColumns(ctx.client, 'proposal_categories', {
      id: ['bigint', cat.id],
      org_id: ['bigint', cat.org],
      name: ['text', cat.name],
      sort: ['int', cat.sort],
    });

    const counters = { session: [] as number[], org: [] as number[], last: [] as number[] };
    const body = (o: OrgInfo, topic: string, kws: string[], year: number) => {
      const part = (title: string, pool: string[], min: number, max: number) => {
        const n = min + rng.int(max - min + 1);
        const start = rng.int(pool.length);
        const sentences = Array.from({ length: Math.min(n, pool.length) }, (_, i) =>
          fill(pool[(start + i) % pool.length], o, topic, kws, year),
        );
        return `<h3>${title}</h3><p>${sentences.join('</p><p>')}</p>`;
      };
      return (
        part('一、基本情况', BODY_SITUATION, 2, 5) +
        part('二、存在的问题', BODY_PROBLEMS, 2, 6) +
        part('三、意见建议', BODY_SUGGESTIONS, 2, 6)
      );
    };

    for (const [k, o] of ctx.orgs.entries()) {
      const total = Math.max(20, Math.round(shares[k] * scale.proposals));
      const categories = catsOf.get(o.id)!;
      // Units by a Zipf-like weight over a per-organization order: a few units receive most assignments.
      const unitOrder = [...o.unitIds].sort(() => rng.next() - 0.5);
      const unitCum = cumulative(unitOrder.map((_, i) => 1 / (i + 1) ** 0.9));
      o.busyUnitIds = unitOrder.slice(0, PROPOSAL_VUS);
      const pickUnits = (n: number) => {
        const out = new Set<number>();
        while (out.size < Math.min(n, unitOrder.length)) out.add(rng.weighted(unitOrder, unitCum));
        return [...out];
      };
      // Active members file more: the first members in a random order are picked far more often.
      const proposers = [...o.memberAccounts].sort(() => rng.next() - 0.5);
      const pickProposer = () => proposers[Math.floor(proposers.length * rng.next() ** 2)];
      const agents = o.collectives.filter((c) => c[1] != null) as Array<[number, number]>;
      const office = o.officeAccountIds;
      if (!proposers.length) continue;
      const sessions = o.sessions;
      for (const [si, session] of sessions.entries()) {
        const s0 = dayOf(session.start);
        const s1 = dayOf(session.end);
        const age = sessions.length - 1 - si;
        const weights = age === 0 ? STATE_CUM.current : age === 1 ? STATE_CUM.last : STATE_CUM.old;
        // The newest session is still running; it has the same share as a full year.
        const n = Math.round(total / sessions.length);
        const bound = Math.min(now, s0 + 340 * DAY);
        type Spec = { state: State; submit: number; kind: string; first: [number, number] | null; collective: [number, number] | null };
        const specs: Spec[] = [];
        for (let i = 0; i < n; i++) {
          let state = rng.weighted(STATES, weights);
          if (!proposers.length) state = 'draft';
          const kindRoll = rng.next();
          const kind = kindRoll < 0.7 ? 'individual' : kindRoll < 0.88 || !agents.length ? 'joint' : 'collective';
          const collective = kind === 'collective' ? rng.pick(agents) : null;
          const first = kind === 'collective' ? null : pickProposer();
          // Time needed after submission for the state's chain of events, then a submission day that leaves room.
          const chain = {
            draft: 0,
            submitted: 10,
            returned: 20,
            registered: 25,
            merged: 20,
            not_registered: 20,
            withdrawn: 20,
            assigned: 35,
            handling: 60,
            replied: 120,
            evaluated: 150,
            closed: 200,
            rehandling: 200,
          }[state];
          const room = Math.max(0, Math.floor((bound - s0) / DAY) - chain);
          const plenary = rng.chance(0.75) && room >= 5;
          const submit = s0 + (plenary ? rng.int(5) : rng.int(room + 1)) * DAY;
          specs.push({ state, submit, kind, first, collective });
        }
        specs.sort((x, y) => x.submit - y.submit);
        let number = 0;
        const numbered: Array<{ id: number; members: Set<number>; proposerIds: number[] }> = [];
        for (const sp of specs) {
          let state = sp.state;
          const id = ids.take('proposals');
          const [catIdx, topic, kws] = rng.pick(PROPOSAL_TOPICS);
          const year = Number(session.start.slice(0, 4));
          const subject = fill(rng.pick(SUBJECT_TEMPLATES), o, topic, kws, year);
          const createdBy = sp.collective ? sp.collective[1] : sp.first![1];
          const submitTs = at(rng, sp.submit);
          let mergedInto: number | null = null;
          let target: (typeof numbered)[number] | undefined;
          if (state === 'merged') {
            target = numbered.length ? numbered[rng.int(numbered.length)] : undefined;
            if (!target) state = 'withdrawn';
            else mergedInto = target.id;
          }
          const isNumbered = NUMBERED.has(state);
          const num = isNumbered ? ++number : null;
          const reviewDay = sp.submit + (3 + rng.int(20)) * DAY;
          const reviewed = state !== 'draft' && state !== 'submitted';
          const assignedOn = workday(reviewDay + (2 + rng.int(12)) * DAY);
          const isPublic = rng.chance(0.9);
          const isKey = ASSIGNED.has(state) && rng.chance(0.04);
          const round = state === 'rehandling' || (state === 'closed' && rng.chance(0.03)) ? 2 : 1;
          // Events after assignment: reply day (per round), evaluation, close.
          const replyDay1 = assignedOn + (25 + rng.int(70)) * DAY;
          const rehandleDay = replyDay1 + (25 + rng.int(15)) * DAY;
          const replyDay = round === 2 ? rehandleDay + (20 + rng.int(60)) * DAY : replyDay1;
          const evalDue = workday(replyDay + 28 * DAY);
          const evaluatedDay = replyDay + (3 + rng.int(25)) * DAY;
          const closedDay = evaluatedDay + (5 + rng.int(40)) * DAY;
          const last =
            state === 'closed'
              ? closedDay
              : state === 'evaluated'
                ? evaluatedDay
                : REPLIED.has(state)
                  ? replyDay
                  : ASSIGNED.has(state)
                    ? assignedOn
                    : reviewed
                      ? reviewDay
                      : sp.submit;
          const updated = at(rng, Math.min(last, now));

          // Proposers: the first (member or collective) and, for joint proposals, confirmed co-signers.
          const proposerIds: number[] = [];
          const memberSet = new Set<number>();
          const addProposer = (
            member: number | null,
            collective: number | null,
            role: string,
            status: string,
            mergedFrom: number | null,
            pid = id,
          ) => {
            const ppId = ids.take('proposal_proposers');
            b.pp.id.push(ppId);
            b.pp.proposal.push(pid);
            b.pp.member.push(member);
            b.pp.collective.push(collective);
            b.pp.role.push(role);
            b.pp.status.push(status);
            b.pp.mergedFrom.push(mergedFrom);
            b.pp.invitedAt.push(submitTs);
            b.pp.respondedAt.push(status === 'invited' ? null : submitTs);
            return ppId;
          };
          if (sp.collective) proposerIds.push(addProposer(null, sp.collective[0], 'first', 'confirmed', null));
          else {
            memberSet.add(sp.first![0]);
            proposerIds.push(addProposer(sp.first![0], null, 'first', 'confirmed', null));
          }
          if (sp.kind === 'joint') {
            const cosigners = 1 + rng.int(4);
            for (let c = 0; c < cosigners; c++) {
              const m = rng.pick(o.memberIds);
              if (memberSet.has(m)) continue;
              memberSet.add(m);
              const status = state === 'draft' && rng.chance(0.5) ? 'invited' : rng.chance(0.05) ? 'declined' : 'confirmed';
              const ppId = addProposer(m, null, 'cosigner', status, null);
              if (status === 'confirmed') proposerIds.push(ppId);
            }
          }
          // A merged proposal credits its first proposer on the target (when not already one of its proposers).
          if (target && sp.first && !target.members.has(sp.first[0])) {
            target.members.add(sp.first[0]);
            const ppId = addProposer(sp.first[0], null, 'cosigner', 'confirmed', id, target.id);
            target.proposerIds.push(ppId);
          }
          if (isNumbered) numbered.push({ id, members: memberSet, proposerIds });

          b.p.id.push(id);
          b.p.org.push(o.id);
          b.p.session.push(state === 'draft' ? null : session.id);
          b.p.kind.push(sp.kind);
          b.p.collective.push(sp.collective?.[0] ?? null);
          b.p.first.push(sp.first?.[0] ?? null);
          b.p.subject.push(subject);
          b.p.body.push(body(o, topic, kws, year));
          b.p.category.push(rng.chance(0.95) ? categories[catIdx] : null);
          b.p.isPublic.push(isPublic);
          b.p.period.push(state === 'draft' ? null : sp.submit >= s0 && sp.submit <= s1 ? 'plenary' : 'between_sessions');
          b.p.state.push(state);
          b.p.number.push(num);
          b.p.numberLabel.push(num ? `${session.name}第${String(num).padStart(4, '0')}号` : null);
          b.p.mergedInto.push(mergedInto);
          b.p.reviewNote.push(state === 'merged' ? '内容相近，并案办理' : state === 'withdrawn' ? '经提案人同意撤案' : '');
          b.p.submittedAt.push(state === 'draft' ? null : submitTs);
          b.p.registeredAt.push(isNumbered ? at(rng, reviewDay) : null);
          b.p.reviewedAt.push(reviewed ? at(rng, reviewDay) : null);
          b.p.reviewedBy.push(reviewed && office.length ? rng.pick(office) : null);
          b.p.assignedAt.push(ASSIGNED.has(state) ? at(rng, assignedOn) : null);
          b.p.isKey.push(isKey);
          b.p.round.push(round);
          b.p.repliedAt.push(REPLIED.has(state) ? at(rng, replyDay) : null);
          b.p.evaluationDue.push(REPLIED.has(state) ? ymd(evalDue) : state === 'rehandling' ? ymd(workday(replyDay1 + 28 * DAY)) : null);
          b.p.evaluatedAt.push(state === 'evaluated' || state === 'closed' ? at(rng, evaluatedDay) : null);
          b.p.closedAt.push(state === 'closed' ? at(rng, closedDay) : null);
          b.p.disclosedAt.push(isPublic && REPLIED.has(state) ? at(rng, replyDay) : null);
          b.p.createdBy.push(createdBy);
          b.p.createdAt.push(at(rng, sp.submit - rng.int(10) * DAY));
          b.p.updatedAt.push(updated);

          // 交办: assignments for assigned-or-later proposals.
          let deadline: string | null = null;
          let assignMode: string | null = null;
          const replying: Array<{ id: number; unit: number }> = [];
          if (ASSIGNED.has(state)) {
            const roll = rng.next();
            assignMode = roll < 0.4 ? 'lead_co' : roll < 0.55 ? 'separate' : 'sole';
            const unitIds = pickUnits(assignMode === 'lead_co' ? 2 + rng.int(3) : assignMode === 'separate' ? 2 + rng.int(2) : 1);
            const roles =
              assignMode === 'lead_co'
                ? unitIds.map((_, i) => (i === 0 ? 'lead' : 'co'))
                : unitIds.map(() => (assignMode === 'separate' ? 'separate' : 'sole'));
            const round1Deadline = workday(addMonths(assignedOn, 3));
            const roundDeadline = round === 2 ? workday(addMonths(rehandleDay, 3)) : round1Deadline;
            let maxDeadline = 0;
            let anyAssigned = false;
            unitIds.forEach((unit, i) => {
              const role = roles[i];
              const aid = ids.take('proposal_assignments');
              const isCo = role === 'co';
              let status: string;
              if (state === 'assigned')
                status = i === unitIds.length - 1 && !anyAssigned ? 'assigned' : rng.chance(0.5) ? 'assigned' : 'received';
              else if (state === 'handling')
                status = isCo
                  ? rng.chance(0.6)
                    ? 'opinion_given'
                    : 'received'
                  : role === 'separate' && i > 0 && rng.chance(0.4)
                    ? 'replied'
                    : 'received';
              else if (state === 'rehandling') status = isCo ? 'opinion_given' : 'received';
              else status = isCo ? 'opinion_given' : 'replied';
              if (status === 'assigned') anyAssigned = true;
              const extension = !isCo && status !== 'assigned' && rng.chance(0.03);
              let dl = isCo ? round1Deadline : roundDeadline;
              const original = extension ? ymd(dl) : null;
              if (extension) dl = workday(addMonths(dl, 1));
              maxDeadline = Math.max(maxDeadline, dl);
              const receivedDay = assignedOn + (1 + rng.int(4)) * DAY;
              b.a.id.push(aid);
              b.a.org.push(o.id);
              b.a.proposal.push(id);
              b.a.unit.push(unit);
              b.a.role.push(role);
              b.a.status.push(status);
              b.a.assignedOn.push(ymd(assignedOn));
              b.a.windowEnd.push(ymd(workday(assignedOn + 7 * DAY)));
              b.a.deadline.push(ymd(dl));
              b.a.receivedAt.push(status === 'assigned' ? null : at(rng, receivedDay));
              b.a.receivedBy.push(null);
              b.a.round.push(isCo ? 1 : round);
              b.a.opinion.push(
                status === 'opinion_given'
                  ? fill('我单位同意主办单位的办理意见，将在{k}方面积极配合做好相关工作。', o, topic, kws, year)
                  : '',
              );
              b.a.opinionAt.push(status === 'opinion_given' ? at(rng, receivedDay + (5 + rng.int(20)) * DAY) : null);
              b.a.opinionDue.push(isCo ? ymd(workday(addMonths(assignedOn, 1))) : null);
              b.a.extensionStatus.push(extension ? 'approved' : 'none');
              b.a.extensionReason.push(extension ? '涉及多个部门协调，需延期答复' : '');
              b.a.originalDeadline.push(original);
              b.a.repliedAt.push(status === 'replied' ? at(rng, replyDay) : null);
              b.a.createdBy.push(office.length ? rng.pick(office) : null);
              b.a.createdAt.push(at(rng, assignedOn));
              if (!isCo) replying.push({ id: aid, unit });
              // 答复: one reply per replying unit and completed round.
              const doneRounds = REPLIED.has(state) ? round : state === 'rehandling' ? 1 : status === 'replied' ? 1 : 0;
              if (!isCo) {
                for (let rr = 1; rr <= doneRounds; rr++) {
                  const day = rr === round ? replyDay : replyDay1;
                  b.r.id.push(ids.take('proposal_replies'));
                  b.r.org.push(o.id);
                  b.r.proposal.push(id);
                  b.r.assignment.push(aid);
                  b.r.unit.push(unit);
                  b.r.round.push(rr);
                  b.r.grade.push(rng.weighted(GRADES, GRADE_CUM));
                  b.r.body.push(`<p>${REPLY_SENTENCES.map((s) => fill(s, o, topic, kws, year)).join('</p><p>')}</p>`);
                  b.r.docNumber.push(`${o.place}${o.x}函〔${new Date(day).getUTCFullYear()}〕${1 + rng.int(400)}号`);
                  b.r.signer.push(personName(rng, rng.chance(0.7) ? 'male' : 'female'));
                  b.r.repliedAt.push(at(rng, day));
                }
              }
            });
            deadline = ymd(maxDeadline);
          }
          b.p.assignMode.push(assignMode);
          b.p.deadline.push(deadline);

          // 面商: ~60% of the proposals in handling or later have contacts by their replying units.
          if (replying.length && state !== 'assigned' && rng.chance(0.6)) {
            for (const rep of replying) {
              for (let c = 0, nc = 1 + rng.int(2); c < nc; c++) {
                const day = Math.min(now, assignedOn + (5 + rng.int(40)) * DAY);
                b.c.id.push(ids.take('proposal_contacts'));
                b.c.org.push(o.id);
                b.c.proposal.push(id);
                b.c.assignment.push(rep.id);
                b.c.form.push(rng.pick(CONTACT_FORMS));
                b.c.date.push(ymd(day));
                b.c.notes.push(rng.pick(CONTACT_NOTES));
                b.c.createdAt.push(at(rng, day));
              }
            }
          }

          // 评价: one row per confirmed proposer and evaluated round (pending in a replied proposal's current round).
          const evalRounds = state === 'evaluated' || state === 'closed' ? round : state === 'replied' || state === 'rehandling' ? 1 : 0;
          for (let rr = 1; rr <= evalRounds; rr++) {
            const pendingRound = state === 'replied' && rr === round;
            const forcedDissatisfied = (state === 'rehandling' || round === 2) && rr === 1;
            proposerIds.forEach((ppId, pi) => {
              const status = pendingRound
                ? rng.chance(0.4)
                  ? 'rated'
                  : 'pending'
                : rng.chance(0.1) && !(forcedDissatisfied && pi === 0)
                  ? 'no_response'
                  : 'rated';
              const rated = status === 'rated';
              const dis = forcedDissatisfied && pi === 0;
              const day = (rr === round ? replyDay : replyDay1) + (2 + rng.int(20)) * DAY;
              b.e.id.push(ids.take('proposal_evaluations'));
              b.e.org.push(o.id);
              b.e.proposal.push(id);
              b.e.proposer.push(ppId);
              b.e.round.push(rr);
              b.e.status.push(status);
              b.e.work.push(rated ? (dis ? 'basically_satisfied' : rng.weighted(RATINGS, RATING_CUM)) : null);
              b.e.result.push(rated ? (dis ? 'dissatisfied' : rng.weighted(RATINGS, RATING_CUM)) : null);
              b.e.comments.push(rated ? rng.pick(EVALUATION_COMMENTS) : '');
              b.e.ratedAt.push(rated ? at(rng, Math.min(day, now)) : null);
              b.e.createdAt.push(at(rng, rr === round ? replyDay : replyDay1));
            });
          }

          // 不予立案: the converted record.
          if (state === 'not_registered') {
            const [conv, reason] = rng.pick(CONVERSIONS);
            const itemId = ids.take('converted_items');
            b.ci.id.push(itemId);
            b.ci.org.push(o.id);
            b.ci.kind.push(conv);
            b.ci.title.push(subject);
            b.ci.body.push('');
            b.ci.origin.push(id);
            b.ci.createdAt.push(at(rng, reviewDay));
            b.pc.id.push(ids.take('proposal_conversions'));
            b.pc.org.push(o.id);
            b.pc.proposal.push(id);
            b.pc.reason.push(reason);
            b.pc.kind.push(conv);
            b.pc.item.push(itemId);
            b.pc.createdBy.push(office.length ? rng.pick(office) : null);
            b.pc.createdAt.push(at(rng, reviewDay));
          }
          buffered++;
        }
        if (number > 0) {
          counters.session.push(session.id);
          counters.org.push(o.id);
          counters.last.push(number);
        }
        if (buffered >= 20_000) {
          await flush(ctx, b);
          b = buffers();
          buffered = 0;
        }
      }
    }
    await flush(ctx, b);
    ctx.totals.proposal_number_counters = await insertColumns(
      ctx.client,
      'proposal_number_counters',
      { session_id: ['bigint', counters.session], org_id: ['bigint', counters.org], last_number: ['int', counters.last] },
      false,
    );
    await addVirtualUsers(ctx);
  },
};

/**
 * Proposal-side virtual users of the largest organization: unit handlers of its busiest units (the unit inbox),
 * proposal office staff (intake list, register, assign, dashboard) and members with a members row (file and submit).
 */
async function addVirtualUsers(ctx: GenContext): Promise<void> {
  const top = ctx.orgs[0];
  const a = { id: [] as number[], username: [] as string[], display: [] as string[] };
  const g = { account: [] as number[], role: [] as string[], unit: [] as (number | null)[], title: [] as string[] };
  const m = {
    id: [] as number[],
    account: [] as number[],
    name: [] as string[],
    sector: [] as number[],
    group: [] as number[],
    phone: [] as string[],
  };
  for (let i = 0; i < PROPOSAL_VUS; i++) {
    for (const [username, role, title] of [
      [unitVuUsername(i), 'unit_handler', '压测承办员'],
      [officeVuUsername(i), 'proposal_staff', '压测提案办'],
      [memberVuUsername(i), 'member', '压测委员'],
    ] as const) {
      const id = ctx.ids.take('accounts');
      a.id.push(id);
      a.username.push(username);
      a.display.push(`${title}${i + 1}`);
      g.account.push(id);
      g.role.push(role);
      g.unit.push(role === 'unit_handler' ? top.busyUnitIds![i % top.busyUnitIds!.length] : null);
      g.title.push(title);
      if (role === 'member') {
        m.id.push(ctx.ids.take('members'));
        m.account.push(id);
        m.name.push(`压测委员${i + 1}`);
        m.sector.push(top.sectorIds[0]);
        m.group.push(top.groupIds[0]);
        m.phone.push(`1990000${String(i).padStart(4, '0')}`);
      }
    }
  }
  ctx.totals.accounts += await insertColumns(ctx.client, 'accounts', {
    id: ['bigint', a.id],
    username: ['text', a.username],
    email: ['text', a.id.map(() => '')],
    display_name: ['text', a.display],
    password_hash: ['text', a.id.map(() => ctx.passwordHash)],
    last_org_id: ['bigint', a.id.map(() => top.id)],
  });
  ctx.totals.role_grants += await insertColumns(ctx.client, 'role_grants', {
    account_id: ['bigint', g.account],
    org_id: ['bigint', g.account.map(() => top.id)],
    role: ['text', g.role],
    unit_id: ['bigint', g.unit],
    title: ['text', g.title],
  });
  ctx.totals.members += await insertColumns(ctx.client, 'members', {
    id: ['bigint', m.id],
    org_id: ['bigint', m.id.map(() => top.id)],
    account_id: ['bigint', m.account],
    name: ['text', m.name],
    gender: ['text', m.id.map(() => 'male')],
    sector_id: ['bigint', m.sector],
    group_id: ['bigint', m.group],
    employer: ['text', m.id.map(() => '压测单位有限公司')],
    phone: ['text', m.phone],
    email: ['text', m.id.map(() => '')],
    address: ['text', m.id.map(() => '')],
    active: ['bool', m.id.map(() => true)],
  });
}
