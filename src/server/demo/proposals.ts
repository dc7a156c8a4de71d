/**
 * Demo proposals: the 秀山 bus-line proposal at its end state (closed, grade A, both proposers satisfied) and about
 * two hundred generated proposals in every state across 秀山, 重庆市, 成都市 and 南川 — with categories, gapless numbers
 * per session (and the counters advanced to match), assignments in every mode, co-handler opinions, 面商 records,
 * replies A/B/C, evaluations (some 不满意, some 未表态), re-handling, key proposals under a supervising leader, good
 * proposals, overdue assignments and clocks across the 2026 Spring Festival.
 *
 * Rows are written directly (batch inserts), each step with the audit row its real command writes (entityType
 * 'proposal', the same action names and before/after states), so every proposal's timeline tells its story.
 * Deterministic: a seeded PRNG per organization; dates of the finished stories are fixed, the clocks still running
 * (awaiting sign-for, being handled, awaiting evaluation, re-handling) are laid out back from the load date.
 */
import { sql } from 'drizzle-orm';
import {
  DEFAULT_PROPOSAL_SETTINGS,
  proposalNumberLabel,
  type AssignMode,
  type AssignmentRole,
  type ContactForm,
  type ConversionKind,
  type ProposalState,
  type Rating,
  type SupervisionKind,
} from '@common/proposals';
import type { Tx } from '@server/db/client';
import {
  accounts as accountsTable,
  convertedItems,
  proposalAssignments,
  proposalCategories,
  proposalContacts,
  proposalConversions,
  proposalEvaluations,
  proposalNumberCounters,
  proposalProgress,
  proposalProposers,
  proposalReplies,
  proposalRevisions,
  proposals,
  proposalSupervisions,
} from '@server/db/schema/index';
import { writeAuditMany, type AuditActor, type AuditEntry } from '@server/lib/audit';
import { loadWorkCalendar, todayInChina, type WorkCalendar } from '@server/lib/workdays';
import { personName, rng, type Rng } from './generate';
import {
  CLOSE_NOTES,
  CO_OPINIONS,
  CONTACT_NOTES,
  CONVERSION_NOTES,
  DEMO_CATEGORIES,
  DEMO_TOPICS,
  docPrefix,
  EVALUATION_COMMENTS,
  EXTENSION_REASONS,
  GOOD_NOTES,
  MERGE_NOTES,
  PROGRESS_BODIES,
  REHANDLING_REASONS,
  REPLY_BODIES,
  RETURN_COMMENTS,
  SUPERVISION_NOTES,
  WITHDRAW_NOTES,
  type DemoTopic,
} from './proposals-text';

/** The 秀山 story's subject (案由); tests and the README find the proposal by it. */
export const XIUSHAN_STORY_SUBJECT = '关于开通秀山县城至峨溶镇公交线路的建议';

type ProposalInsert = typeof proposals.$inferInsert;
type AssignmentInsert = typeof proposalAssignments.$inferInsert;
type Entry = Omit<AuditEntry, 'orgId'>;

interface MemberRef {
  id: number;
  name: string;
  accountId: number | null;
}
interface OrgCtx {
  code: string;
  id: number;
  place: string;
  prefix: string;
  towns: string[];
  sessions: Array<{ id: number; name: string; startDate: string; endDate: string }>;
  members: MemberRef[];
  collectives: Array<{ id: number; name: string; agentAccountId: number | null }>;
  units: Array<{ id: number; name: string }>;
  categories: Map<string, number>;
  /** The office account entering paper proposals and reviewing (秀山: xs_proposal); else the platform admin. */
  officeAccountId: number;
  leaderAccountId: number | null;
  handlerAccounts: Map<number, number>;
  r: Rng;
}

interface ProposerPlan {
  memberId: number | null;
  collectiveId: number | null;
  accountId: number | null;
  role: 'first' | 'cosigner';
  status: 'invited' | 'confirmed' | 'declined';
  creditedViaMergeFrom: Plan | null;
  invitedAt: Date;
  respondedAt: Date | null;
  id?: number;
}
interface AssignmentPlan {
  row: Omit<AssignmentInsert, 'proposalId'>;
  replaces: AssignmentPlan | null;
  id?: number;
}
interface Event {
  at: Date;
  entry: () => Entry;
}
interface Plan {
  org: OrgCtx;
  row: Omit<ProposalInsert, 'createdByAccountId'> & { createdByAccountId: number };
  proposers: ProposerPlan[];
  assignments: AssignmentPlan[];
  contacts: Array<{ a: AssignmentPlan; form: ContactForm; contactDate: string; notes: string; by: number | null; at: Date; id?: number }>;
  replies: Array<{
    a: AssignmentPlan;
    round: number;
    grade: string;
    body: string;
    docNumber: string;
    signer: string;
    by: number | null;
    at: Date;
    id?: number;
  }>;
  progress: Array<{ a: AssignmentPlan; body: string; by: number | null; at: Date; id?: number }>;
  evaluations: Array<{
    p: ProposerPlan;
    round: number;
    status: string;
    workRating: Rating | null;
    resultRating: Rating | null;
    comments: string;
    by: number | null;
    ratedAt: Date | null;
    createdAt: Date;
  }>;
  supervisions: Array<{
    kind: SupervisionKind;
    happenedOn: string;
    notes: string;
    leader: number | null;
    by: number | null;
    at: Date;
    id?: number;
  }>;
  revisions: Array<Omit<typeof proposalRevisions.$inferInsert, 'proposalId'>>;
  conversion: { reason: string; kind: ConversionKind; note: string; at: Date } | null;
  mergedInto: Plan | null;
  events: Event[];
  clock: number;
  topic: DemoTopic;
  id?: number;
}

const DEMO_ACTOR: AuditActor = { accountId: null, name: 'demo loader', requestId: 'demo-loader' };
/** Steps the system takes (the last sign-for moves the proposal on, the last reply completes the round). */
const SYSTEM_ACTOR: AuditActor = { accountId: null, name: '系统', requestId: 'demo-loader' };
const DAY = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const maxDay = (a: string, b: string) => (a > b ? a : b);
const minDay = (a: string, b: string) => (a < b ? a : b);
/** A moment on a China calendar day (UTC+8) at the given minute of the working day (from 09:00). */
const atDay = (iso: string, minute: number) => new Date(Date.parse(`${iso}T09:00:00+08:00`) + minute * 60_000);

interface Ctx {
  tx: Tx;
  cal: WorkCalendar;
  /** The load date (China), not earlier than mid-2026 so the running clocks come after the 2026 session. */
  today: string;
}

// ── Building one proposal, step by step ─────────────────────
class Builder {
  constructor(
    readonly c: Ctx,
    readonly p: Plan,
  ) {}

  private get r() {
    return this.p.org.r;
  }

  /** The next moment on `day` for this proposal (strictly after its previous step). */
  at(day: string): Date {
    const t = Math.max(atDay(minDay(day, this.c.today), this.r.int(420)).getTime(), this.p.clock + 7 * 60_000);
    this.p.clock = t;
    return new Date(t);
  }

  private event(at: Date, entry: () => Entry) {
    this.p.events.push({ at, entry });
    this.p.row.updatedAt = at;
  }

  private transition(
    day: string,
    action: string,
    from: ProposalState,
    to: ProposalState,
    after: () => Record<string, unknown> = () => ({}),
    reason = '',
    bump = true,
    before: Record<string, unknown> = {},
  ): Date {
    const at = this.at(day);
    this.event(at, () => ({
      entityType: 'proposal',
      entityId: this.p.id!,
      action,
      before: { state: from, ...before },
      after: { state: to, ...after() },
      reason: reason || undefined,
    }));
    this.p.row.state = to;
    if (bump) this.p.row.version = (this.p.row.version ?? 1) + 1;
    return at;
  }

  private step(
    day: string,
    a: AssignmentPlan,
    action: string,
    to: string,
    after: () => Record<string, unknown> = () => ({}),
    reason = '',
  ): Date {
    const at = this.at(day);
    const from = a.row.status!;
    this.event(at, () => ({
      entityType: 'proposal',
      entityId: this.p.id!,
      action,
      before: { assignmentId: a.id!, unitId: a.row.unitId, status: from },
      after: { assignmentId: a.id!, unitId: a.row.unitId, status: to, ...after() },
      reason: reason || undefined,
    }));
    a.row.status = to;
    a.row.version = (a.row.version ?? 1) + 1;
    a.row.updatedAt = at;
    return at;
  }

  create(day: string) {
    const at = this.at(day);
    this.p.row.createdAt = at;
    const row = this.p.row;
    this.event(at, () => ({
      entityType: 'proposal',
      entityId: this.p.id!,
      action: 'create',
      after: {
        state: 'draft',
        kind: row.kind === 'collective' ? 'collective' : 'individual',
        subject: row.subject,
        collectiveId: row.collectiveId ?? null,
        firstProposerMemberId: row.firstProposerMemberId ?? null,
      },
    }));
    for (const pr of this.p.proposers) {
      pr.invitedAt = at;
      if (pr.role === 'first') pr.respondedAt = at;
    }
  }

  /** 邀请联名 and each co-signer's answer (the invited ones stay invited when `answer` is false). */
  cosigners(day: string, answer = true) {
    const invited = this.p.proposers.filter((x) => x.role === 'cosigner' && !x.creditedViaMergeFrom);
    if (!invited.length) return;
    const at = this.at(day);
    for (const x of invited) x.invitedAt = at;
    const wasIndividual = this.p.row.kind === 'individual';
    this.event(at, () => ({
      entityType: 'proposal',
      entityId: this.p.id!,
      action: 'invite',
      before: { state: 'draft' },
      after: { state: 'draft', invitedMemberIds: invited.map((x) => x.memberId), kind: 'joint' },
    }));
    if (wasIndividual) this.p.row.kind = 'joint';
    if (!answer) {
      for (const x of invited) x.status = 'invited';
      return;
    }
    for (const x of invited) {
      const d = addDays(day, 1 + this.r.int(2));
      const when = this.at(d);
      x.respondedAt = when;
      this.event(when, () => ({
        entityType: 'proposal',
        entityId: this.p.id!,
        action: 'cosign',
        before: { state: 'draft' },
        after: { state: 'draft', memberIds: [x.memberId], status: x.status },
      }));
    }
  }

  submit(day: string, session: OrgCtx['sessions'][number]) {
    const period = day >= session.startDate && day <= session.endDate ? 'plenary' : 'between_sessions';
    const at = this.transition(day, 'submit', 'draft', 'submitted', () => ({ sessionId: session.id, period }));
    Object.assign(this.p.row, { sessionId: session.id, period, submittedAt: at });
  }

  returnForRevision(day: string, resubmitOn: string | null) {
    const comments = this.r.pick(RETURN_COMMENTS);
    const round = this.p.revisions.length + 1;
    const at = this.transition(day, 'return', 'submitted', 'returned', () => ({ round }), comments);
    Object.assign(this.p.row, { reviewedAt: at, reviewedByAccountId: this.p.org.officeAccountId });
    const rev: Plan['revisions'][number] = {
      round,
      comments,
      subjectBefore: this.p.row.subject!,
      bodyBefore: this.p.row.body!,
      returnedByAccountId: this.p.org.officeAccountId,
      returnedAt: at,
    };
    this.p.revisions.push(rev);
    if (resubmitOn) {
      this.p.row.body = `${this.p.row.body}<p>（已根据提案委意见补充具体措施。）</p>`;
      const at2 = this.transition(resubmitOn, 'resubmit', 'returned', 'submitted', () => ({ round, subject: this.p.row.subject }));
      Object.assign(rev, { subjectAfter: this.p.row.subject, bodyAfter: this.p.row.body, resubmittedAt: at2 });
    }
  }

  register(day: string) {
    // The number is given later, in registration order per session (see `numberProposals`).
    const at = this.transition(day, 'register', 'submitted', 'registered', () => ({
      number: this.p.row.number,
      numberLabel: this.p.row.numberLabel,
      sessionId: this.p.row.sessionId,
    }));
    Object.assign(this.p.row, { registeredAt: at, reviewedAt: at, reviewedByAccountId: this.p.org.officeAccountId });
  }

  notRegister(day: string) {
    const reason = this.r.pick(DEFAULT_PROPOSAL_SETTINGS.notRegisterReasons.slice(0, 3));
    const kind = this.r.pick(['opinion', 'social_info', 'member_letter', 'department_reference'] as const);
    const note = this.r.pick(CONVERSION_NOTES);
    const conv = { reason, kind, note, at: new Date(0) };
    const at = this.transition(
      day,
      'not_register',
      'submitted',
      'not_registered',
      () => ({ conversionKind: kind, convertedItemId: convertedIds.get(this.p)! }),
      reason,
    );
    conv.at = at;
    this.p.conversion = conv;
    Object.assign(this.p.row, { reviewNote: note, reviewedAt: at, reviewedByAccountId: this.p.org.officeAccountId });
  }

  withdraw(day: string, from: 'submitted' | 'registered' = 'submitted') {
    const note = this.r.pick(WITHDRAW_NOTES);
    const at = this.transition(day, 'withdraw', from, 'withdrawn', () => ({ proposerConsent: true }), note);
    Object.assign(this.p.row, { proposerConsent: true, reviewNote: note, reviewedAt: at, reviewedByAccountId: this.p.org.officeAccountId });
  }

  /** 并案 into `target` (submitted or registered at that moment); its proposers are credited on the target. */
  mergeInto(day: string, target: Plan) {
    const note = this.r.pick(MERGE_NOTES);
    const at = this.transition(
      day,
      'merge',
      'submitted',
      'merged',
      () => ({ mergedIntoId: target.id!, mergedIntoLabel: target.row.numberLabel ?? null }),
      note,
    );
    Object.assign(this.p.row, { reviewNote: note, reviewedAt: at, reviewedByAccountId: this.p.org.officeAccountId });
    this.p.mergedInto = target;
    const credited: ProposerPlan[] = [];
    for (const x of this.p.proposers.filter((y) => y.status === 'confirmed')) {
      const dup = target.proposers.some(
        (y) => (x.memberId != null && y.memberId === x.memberId) || (x.collectiveId != null && y.collectiveId === x.collectiveId),
      );
      if (dup) continue;
      const c: ProposerPlan = {
        ...x,
        role: 'cosigner',
        status: 'confirmed',
        creditedViaMergeFrom: this.p,
        invitedAt: at,
        respondedAt: at,
        id: undefined,
      };
      target.proposers.push(c);
      credited.push(c);
    }
    const subject = this.p.row.subject;
    target.events.push({
      at: new Date(at.getTime() + 1000),
      entry: () => ({
        entityType: 'proposal',
        entityId: target.id!,
        action: 'merge_in',
        after: {
          mergedFromId: this.p.id!,
          mergedFromSubject: subject,
          creditedMemberIds: credited.filter((c) => c.memberId != null).map((c) => c.memberId),
          creditedCollectiveIds: credited.filter((c) => c.collectiveId != null).map((c) => c.collectiveId),
        },
        reason: note,
      }),
    });
  }

  /** 交办 on `day`: one assignment per unit, the clocks from the calendar and the default settings. */
  assign(day: string, mode: AssignMode, unitIds: number[], key: boolean) {
    const s = DEFAULT_PROPOSAL_SETTINGS;
    const w = this.c.cal.addWorkdays(day, s.adjustmentWindowWorkdays);
    const due = this.c.cal.addWorkdays(this.c.cal.addMonths(day, s.replyMonths).date, 0);
    const opinion = this.c.cal.addWorkdays(this.c.cal.addMonths(day, s.coHandlerOpinionMonths).date, 0);
    const roles: AssignmentRole[] = unitIds.map((_, i) => (mode === 'lead_co' ? (i === 0 ? 'lead' : 'co') : mode));
    const org = this.p.org;
    const at = this.at(day);
    for (const [i, unitId] of unitIds.entries()) {
      this.p.assignments.push({
        replaces: null,
        row: {
          orgId: org.id,
          unitId,
          role: roles[i],
          status: 'assigned',
          assignedOn: day,
          windowEnd: w.date,
          windowProvisional: w.provisional,
          deadline: due.date,
          deadlineProvisional: due.provisional,
          opinionDue: roles[i] === 'co' ? opinion.date : null,
          createdByAccountId: org.officeAccountId,
          createdAt: at,
          updatedAt: at,
          version: 1,
        },
      });
    }
    const supervisor = key ? org.leaderAccountId : null;
    Object.assign(this.p.row, {
      assignMode: mode,
      assignedAt: at,
      deadline: due.date,
      deadlineProvisional: due.provisional,
      isKey: key && supervisor != null,
      supervisorAccountId: supervisor,
    });
    this.p.clock = at.getTime() - 7 * 60_000;
    this.transition(day, 'assign', 'registered', 'assigned', () => ({
      assignMode: mode,
      units: unitIds,
      roles,
      deadline: due.date,
      deadlineProvisional: due.provisional,
      windowEnd: w.date,
      isKey: key && supervisor != null,
      supervisorAccountId: supervisor,
    }));
  }

  /** 签收 by one unit. */
  sign(a: AssignmentPlan, day: string) {
    const at = this.step(day, a, 'sign', 'received');
    a.row.receivedAt = at;
    a.row.receivedByAccountId = this.p.org.handlerAccounts.get(a.row.unitId) ?? null;
  }

  /** 申请调整 by one unit (within its window); the office has not answered yet. */
  requestAdjustment(a: AssignmentPlan, day: string) {
    const reason = '所提事项主要涉及其他部门职责，申请调整承办单位。';
    const at = this.step(day, a, 'request_adjustment', 'adjustment_requested', () => ({ adjustmentReason: reason }), reason);
    Object.assign(a.row, { adjustmentReason: reason, adjustmentRequestedAt: at });
  }

  /** Every open assignment signs for it (in order, a working day or a few apart), then the proposal moves to handling. */
  signAll(day: string) {
    let d = day;
    for (const a of this.p.assignments.filter((x) => x.row.status === 'assigned')) {
      d = this.c.cal.addWorkdays(d, this.r.int(2)).date;
      this.sign(a, d);
    }
    this.transition(d, 'receive', 'assigned', 'handling');
    return d;
  }

  contact(a: AssignmentPlan, form: ContactForm, day: string, notes?: string) {
    const by = this.p.org.handlerAccounts.get(a.row.unitId) ?? null;
    day = minDay(day, this.c.today);
    const c = { a, form, contactDate: day, notes: notes ?? this.r.pick(CONTACT_NOTES[form]), by, at: new Date(0) };
    c.at = this.step(day, a, 'add_contact', a.row.status!, () => ({ contactId: (c as { id?: number }).id, form, contactDate: day }));
    this.p.contacts.push(c);
  }

  opinion(a: AssignmentPlan, day: string, text?: string) {
    const opinion = text ?? this.r.pick(CO_OPINIONS);
    const at = this.step(day, a, 'submit_opinion', 'opinion_given', () => ({ opinion }));
    a.row.opinion = opinion;
    a.row.opinionAt = at;
  }

  extension(a: AssignmentPlan, day: string, outcome: 'requested' | 'approved' | 'rejected', decideOn?: string) {
    const reason = this.r.pick(EXTENSION_REASONS);
    const at = this.step(day, a, 'request_extension', a.row.status!, () => ({ extensionStatus: 'requested' }), reason);
    Object.assign(a.row, { extensionStatus: 'requested', extensionReason: reason, extensionRequestedAt: at });
    if (outcome === 'requested') return;
    const on = decideOn ?? this.c.cal.addWorkdays(day, 2).date;
    if (outcome === 'rejected') {
      const note = '所提理由不充分，请按期答复。';
      this.step(on, a, 'reject_extension', a.row.status!, () => ({ extensionStatus: 'rejected' }), note);
      Object.assign(a.row, { extensionStatus: 'rejected', extensionNote: note });
      return;
    }
    const s = DEFAULT_PROPOSAL_SETTINGS;
    const cap = this.c.cal.addMonths(a.row.assignedOn, s.maxMonths).date;
    const moved = this.c.cal.addWorkdays(minDay(this.c.cal.addMonths(a.row.deadline, s.extensionMonths).date, cap), 0);
    const original = a.row.deadline;
    this.step(on, a, 'approve_extension', a.row.status!, () => ({
      extensionStatus: 'approved',
      deadlineBefore: original,
      deadline: moved.date,
      deadlineProvisional: moved.provisional,
    }));
    Object.assign(a.row, {
      extensionStatus: 'approved',
      originalDeadline: a.row.originalDeadline ?? original,
      deadline: moved.date,
      deadlineProvisional: moved.provisional,
    });
    const open = this.p.assignments.filter((x) => x.row.status !== 'closed').map((x) => x.row.deadline);
    this.p.row.deadline = open.reduce((m, d) => maxDay(m, d));
  }

  reply(a: AssignmentPlan, day: string, grade: string, body?: string) {
    const org = this.p.org;
    const unit = org.units.find((u) => u.id === a.row.unitId)!;
    const year = day.slice(0, 4);
    const docNumber = `${docPrefix(org.place, unit.name)}〔${year}〕${10 + this.r.int(180)}号`;
    const signer = personName(this.r, this.r.chance(0.7) ? 'male' : 'female', signerNames);
    const sug = this.p.topic.suggestions;
    const text = body ?? REPLY_BODIES[grade].replace('{s}', this.p.row.subject!).replace('{a}', sug[0]).replace('{b}', sug[1]);
    const round = this.p.row.round ?? 1;
    const rep = { a, round, grade, body: text, docNumber, signer, by: org.handlerAccounts.get(a.row.unitId) ?? null, at: new Date(0) };
    rep.at = this.step(day, a, 'reply', 'replied', () => ({ replyId: (rep as { id?: number }).id, round, grade, docNumber }));
    a.row.repliedAt = rep.at;
    this.p.replies.push(rep);
  }

  /** The last reply of the round: handling|rehandling → replied, the evaluation rows, disclosure. */
  completeReplies(day: string) {
    const from = this.p.row.state as ProposalState;
    const due = this.c.cal.addWorkdays(day, DEFAULT_PROPOSAL_SETTINGS.evaluationWorkdays);
    const round = this.p.row.round ?? 1;
    const disclose = !!this.p.row.isPublic && !this.p.row.disclosedAt;
    const confirmed = this.p.proposers.filter((x) => x.status === 'confirmed');
    const at = this.transition(day, 'complete_replies', from, 'replied', () => ({
      round,
      evaluationDue: due.date,
      evaluationDueProvisional: due.provisional,
      evaluations: confirmed.length,
      disclosed: disclose,
    }));
    Object.assign(this.p.row, { repliedAt: at, evaluationDue: due.date, evaluationDueProvisional: due.provisional });
    if (disclose) this.p.row.disclosedAt = at;
    for (const pr of confirmed) {
      this.p.evaluations.push({
        p: pr,
        round,
        status: 'pending',
        workRating: null,
        resultRating: null,
        comments: '',
        by: null,
        ratedAt: null,
        createdAt: at,
      });
    }
    return due.date;
  }

  /** One proposer rates the round (their evaluation row). */
  evaluate(pr: ProposerPlan, day: string, work: Rating, result: Rating, comments?: string) {
    const ev = this.p.evaluations.find((e) => e.p === pr && e.round === (this.p.row.round ?? 1))!;
    const text = comments ?? this.r.pick(EVALUATION_COMMENTS[result]);
    const after = () => ({ round: ev.round, proposerId: pr.id!, workRating: work, resultRating: result });
    const at = this.transition(day, 'evaluate', 'replied', 'replied', after, text, false);
    Object.assign(ev, {
      status: 'rated',
      workRating: work,
      resultRating: result,
      comments: text,
      by: pr.accountId ?? this.p.org.officeAccountId,
      ratedAt: at,
    });
  }

  /** replied → evaluated: by the last rating, or after the due date (the rest 未表态). */
  completeEvaluation(day: string, how: 'all_rated' | 'expired' | 'office') {
    const round = this.p.row.round ?? 1;
    const rows = this.p.evaluations.filter((e) => e.round === round);
    const pending = rows.filter((e) => e.status === 'pending');
    for (const e of pending) e.status = 'no_response';
    const rated = rows.filter((e) => e.status === 'rated');
    const dissatisfied = rated.some((e) => e.workRating === 'dissatisfied' || e.resultRating === 'dissatisfied');
    const at = this.transition(day, 'complete_evaluation', 'replied', 'evaluated', () => ({
      round,
      how,
      rated: rated.length,
      noResponse: pending.length,
      dissatisfied,
    }));
    this.p.row.evaluatedAt = at;
  }

  /** 重新办理: as the command writes it — each replying assignment's reopen, then the proposal's step. */
  rehandle(day: string) {
    const reason = REHANDLING_REASONS[0];
    const round = (this.p.row.round ?? 1) + 1;
    const due = this.c.cal.addWorkdays(this.c.cal.addMonths(day, DEFAULT_PROPOSAL_SETTINGS.replyMonths).date, 0);
    const reopened = this.p.assignments.filter((x) => x.row.status === 'replied' && x.row.role !== 'co');
    for (const a of reopened) {
      this.step(day, a, 'reopen', 'received', () => ({ round, deadline: due.date }));
      Object.assign(a.row, { round, deadline: due.date, deadlineProvisional: due.provisional, repliedAt: null });
    }
    const after = () => ({ round, deadline: due.date, reopened: reopened.map((a) => a.id!) });
    this.transition(day, 'order_rehandling', 'evaluated', 'rehandling', after, reason, true, { round: round - 1 });
    Object.assign(this.p.row, {
      round,
      rehandlingReason: reason,
      deadline: due.date,
      deadlineProvisional: due.provisional,
      repliedAt: null,
      evaluationDue: null,
      evaluationDueProvisional: false,
      evaluatedAt: null,
    });
  }

  progress(a: AssignmentPlan, day: string) {
    const body = this.r.pick(PROGRESS_BODIES);
    const pr: Plan['progress'][number] = { a, body, by: this.p.org.handlerAccounts.get(a.row.unitId) ?? null, at: new Date(0) };
    pr.at = this.step(day, a, 'report_progress', 'replied', () => ({ progressId: pr.id }));
    this.p.progress.push(pr);
  }

  close(day: string) {
    const note = this.r.pick(CLOSE_NOTES);
    const at = this.transition(day, 'close', 'evaluated', 'closed', () => ({}), note);
    this.p.row.closedAt = at;
  }

  supervise(kind: SupervisionKind, day: string) {
    const org = this.p.org;
    const notes = this.r.pick(SUPERVISION_NOTES[kind]);
    day = minDay(day, this.c.today);
    const s: Plan['supervisions'][number] = {
      kind,
      happenedOn: day,
      notes,
      leader: org.leaderAccountId,
      by: org.officeAccountId,
      at: new Date(0),
    };
    s.at = this.at(day);
    this.event(s.at, () => ({
      entityType: 'proposal',
      entityId: this.p.id!,
      action: 'supervise',
      after: { supervisionId: s.id, kind, happenedOn: day, leaderAccountId: org.leaderAccountId },
      reason: notes,
    }));
    this.p.supervisions.push(s);
  }

  /** 好提案, as the office selects it. */
  markGood(day: string) {
    const note = GOOD_NOTES[0];
    const at = this.at(day);
    this.event(at, () => ({
      entityType: 'proposal',
      entityId: this.p.id!,
      action: 'select_good',
      before: { isGood: false },
      after: { isGood: true },
      reason: note,
    }));
    Object.assign(this.p.row, { isGood: true, goodNote: note, goodAt: at, version: (this.p.row.version ?? 1) + 1 });
  }
}

const signerNames = new Set<string>();
const convertedIds = new WeakMap<Plan, number>();

// ── Scenarios ────────────────────────────────────────────────
type Scenario =
  | 'draft'
  | 'submitted'
  | 'returned'
  | 'registered'
  | 'not_registered'
  | 'withdrawn'
  | 'assigned'
  | 'handling'
  | 'overdue'
  | 'replied'
  | 'evaluated'
  | 'closed'
  | 'rehandling';

interface PlanOpts {
  scenario: Scenario;
  session: OrgCtx['sessions'][number];
  /** First proposer: this member (else picked). */
  first?: MemberRef;
  /** Force the lead (or sole) unit. */
  unitId?: number;
  mode?: AssignMode;
  key?: boolean;
  variant?: number;
  /** Another proposal (by this member, or anyone) is merged into this one when it is registered. */
  mergeFrom?: MemberRef | true;
  /** This member is invited to co-sign (a draft's invitation stays open). */
  invite?: MemberRef;
}

function resolveUnits(org: OrgCtx, topic: DemoTopic): number[] {
  const out: number[] = [];
  for (const k of topic.units) {
    const re = new RegExp(k);
    const u = org.units.find((x) => re.test(x.name) && !out.includes(x.id));
    if (u) out.push(u.id);
  }
  return out;
}

/** A proposal skeleton: topic, text, proposers. */
function newPlan(c: Ctx, org: OrgCtx, o: PlanOpts, topic?: DemoTopic): Plan {
  const r = org.r;
  const t = topic ?? r.pick(DEMO_TOPICS);
  const town = r.pick(org.towns);
  const fill = (s: string) => s.replaceAll('{t}', town).replaceAll('{p}', org.place).replaceAll('{x}', org.prefix);
  const [s1, s2, s3] = t.suggestions.map(fill);
  const body = `<p>情况：${fill(t.situation)}</p><p>分析：${fill(t.analysis)}</p><p>建议：一是${s1}；二是${s2}；三是${s3}。</p>`;
  const collective = !o.first && !o.invite && org.collectives.length > 0 && r.chance(0.14);
  const proposers: ProposerPlan[] = [];
  let first: MemberRef | null = null;
  let collectiveId: number | null = null;
  let createdBy = org.officeAccountId;
  const blank = { creditedViaMergeFrom: null, invitedAt: new Date(0), respondedAt: null } as const;
  if (collective) {
    const col = r.pick(org.collectives);
    collectiveId = col.id;
    createdBy = col.agentAccountId ?? org.officeAccountId;
    proposers.push({ memberId: null, collectiveId, accountId: col.agentAccountId, role: 'first', status: 'confirmed', ...blank });
  } else {
    first = o.first ?? r.pick(org.members);
    createdBy = first.accountId ?? org.officeAccountId;
    proposers.push({ memberId: first.id, collectiveId: null, accountId: first.accountId, role: 'first', status: 'confirmed', ...blank });
    if (r.chance(0.35)) {
      const n = 1 + r.int(3);
      for (let i = 0; i < n; i++) {
        const m = r.pick(org.members);
        if (proposers.some((x) => x.memberId === m.id)) continue;
        proposers.push({
          memberId: m.id,
          collectiveId: null,
          accountId: m.accountId,
          role: 'cosigner',
          status: r.chance(0.1) ? 'declined' : 'confirmed',
          ...blank,
        });
      }
    }
  }
  if (o.invite && !proposers.some((x) => x.memberId === o.invite!.id)) {
    proposers.push({
      memberId: o.invite.id,
      collectiveId: null,
      accountId: o.invite.accountId,
      role: 'cosigner',
      status: 'confirmed',
      ...blank,
    });
  }
  const suggested = resolveUnits(org, t);
  return {
    org,
    topic: { ...t, suggestions: [s1, s2, s3] },
    row: {
      orgId: org.id,
      kind: collective ? 'collective' : 'individual',
      collectiveId,
      firstProposerMemberId: first?.id ?? null,
      subject: fill(t.subject),
      body,
      categoryId: org.categories.get(t.cat) ?? null,
      suggestedUnitIds: suggested,
      isPublic: !r.chance(0.12),
      state: 'draft',
      createdByAccountId: createdBy,
      version: 1,
      round: 1,
    },
    proposers,
    assignments: [],
    contacts: [],
    replies: [],
    progress: [],
    evaluations: [],
    supervisions: [],
    revisions: [],
    conversion: null,
    mergedInto: null,
    events: [],
    clock: 0,
  };
}

const GRADES = ['A', 'A', 'A', 'B', 'B', 'C'];
const FORMS: ContactForm[] = ['phone', 'phone', 'in_person', 'meeting', 'site_visit', 'online', 'letter'];

/** Units for the assignment: the topic's units, filled up from the organization's government departments. */
function pickUnits(org: OrgCtx, p: Plan, mode: AssignMode, forced?: number): number[] {
  const r = org.r;
  const ids = [...(p.row.suggestedUnitIds ?? [])];
  if (forced !== undefined) {
    const i = ids.indexOf(forced);
    if (i >= 0) ids.splice(i, 1);
    ids.unshift(forced);
  }
  const want = mode === 'sole' ? 1 : 2 + (r.chance(0.25) ? 1 : 0);
  while (ids.length < want) {
    const u = r.pick(org.units.slice(5));
    if (!ids.includes(u.id)) ids.push(u.id);
  }
  return ids.slice(0, want);
}

/** Handling up to (not including) the replies: contacts, co opinions. Returns the day the unit is ready to reply. */
function handle(b: Builder, day: string, opts: { contacts?: boolean; opinions?: boolean } = {}): string {
  const r = b.p.org.r;
  const cal = b.c.cal;
  let d = day;
  let ready = day;
  for (const a of b.p.assignments.filter((x) => x.row.status === 'received')) {
    if (a.row.role === 'co') {
      if (opts.opinions === false) continue;
      const on = cal.addWorkdays(day, 5 + r.int(10)).date;
      b.opinion(a, on);
      ready = maxDay(ready, on);
      continue;
    }
    if (opts.contacts !== false && r.chance(0.8)) {
      d = cal.addWorkdays(d, 3 + r.int(8)).date;
      b.contact(a, r.pick(FORMS), d);
      if (r.chance(0.3)) b.contact(a, r.pick(FORMS), (d = cal.addWorkdays(d, 5 + r.int(5)).date));
      ready = maxDay(ready, d);
    }
  }
  return ready;
}

function replyAll(b: Builder, day: string, grades?: string[]): string {
  const r = b.p.org.r;
  let d = day;
  const replying = b.p.assignments.filter((x) => x.row.status === 'received' && x.row.role !== 'co');
  for (const [i, a] of replying.entries()) {
    d = b.c.cal.addWorkdays(d, r.int(3)).date;
    b.reply(a, d, grades?.[i] ?? r.pick(GRADES));
  }
  return d;
}

/** Ratings: mostly satisfied; `dissatisfied` forces one 不满意; `answered` is the share that answers at all. */
function rateAll(b: Builder, day: string, o: { dissatisfied?: boolean; answered?: number; skip?: ProposerPlan } = {}): string {
  const r = b.p.org.r;
  let d = day;
  const rows = b.p.evaluations.filter((e) => e.round === (b.p.row.round ?? 1) && e.status === 'pending');
  for (const [i, e] of rows.entries()) {
    if (e.p === o.skip) continue;
    if (i > 0 && r.next() > (o.answered ?? 0.9)) continue;
    d = b.c.cal.addWorkdays(d, 1 + r.int(3)).date;
    const bad = o.dissatisfied && i === 0;
    const work: Rating = bad ? 'basically_satisfied' : r.chance(0.8) ? 'satisfied' : 'basically_satisfied';
    const result: Rating = bad ? 'dissatisfied' : r.chance(0.7) ? 'satisfied' : 'basically_satisfied';
    b.evaluate(e.p, d, work, result);
  }
  return d;
}

/**
 * Runs one proposal through its scenario. Plenary proposals of a session are submitted during it and handled in
 * the following months; the ones whose clocks still run are laid out back from `today`.
 */
function runScenario(c: Ctx, org: OrgCtx, o: PlanOpts, extra: Plan[]): Plan {
  const r = org.r;
  const p = newPlan(c, org, o);
  const b = new Builder(c, p);
  const cal = c.cal;
  const s = o.session;
  const wd = (d: string, n: number) => cal.addWorkdays(d, n).date;
  // Plenary: submitted during the session. Live: between sessions, back from today.
  let submitOn = addDays(s.startDate, r.int(4));
  if (submitOn > s.endDate) submitOn = s.endDate;
  const backFrom = (days: number) => maxDay(addDays(c.today, -days), addDays(s.endDate, 3));
  const mode: AssignMode =
    o.mode ?? ((p.row.suggestedUnitIds?.length ?? 0) >= 2 ? r.pick(['lead_co', 'lead_co', 'separate', 'sole'] as const) : 'sole');

  const start = (submit: string, withCosigners = true) => {
    b.create(addDays(submit, -(2 + r.int(12))));
    if (withCosigners) b.cosigners(addDays(submit, -1));
    b.submit(submit, s);
  };
  const assignOn = (day: string) => b.assign(day, mode, pickUnits(org, p, mode, o.unitId), !!o.key);
  /** 并案: a similar proposal submitted during the session is merged into this one on its registration day. */
  const register = (day: string) => {
    b.register(day);
    if (!o.mergeFrom) return;
    const src = newPlan(c, org, { scenario: 'registered', session: s, first: o.mergeFrom === true ? undefined : o.mergeFrom }, p.topic);
    const sb = new Builder(c, src);
    const sub = day > addDays(s.endDate, 20) ? addDays(day, -(2 + r.int(5))) : minDay(addDays(s.startDate, r.int(4)), s.endDate);
    sb.create(addDays(sub, -(2 + r.int(10))));
    sb.cosigners(addDays(sub, -1));
    sb.submit(sub, s);
    src.clock = Math.max(src.clock, (p.row.registeredAt as Date).getTime());
    sb.mergeInto(day, p);
    extra.push(src);
  };

  switch (o.scenario) {
    case 'draft': {
      b.create(backFrom(1 + r.int(20)));
      if (p.proposers.length > 1) b.cosigners(c.today, o.invite ? false : r.chance(0.5));
      break;
    }
    case 'submitted': {
      start(backFrom(1 + r.int(6)));
      break;
    }
    case 'returned': {
      const sub = backFrom(8 + r.int(10));
      start(sub);
      b.returnForRevision(wd(sub, 3), null);
      break;
    }
    case 'registered': {
      const sub = backFrom(12 + r.int(10));
      start(sub);
      if (r.chance(0.3)) {
        b.returnForRevision(wd(sub, 2), wd(sub, 4));
        b.register(wd(sub, 7));
      } else b.register(wd(sub, 4));
      break;
    }
    case 'not_registered': {
      start(submitOn);
      b.notRegister(wd(s.endDate, 4 + r.int(8)));
      break;
    }
    case 'withdrawn': {
      start(submitOn);
      b.withdraw(wd(s.endDate, 3 + r.int(8)));
      break;
    }
    case 'assigned': {
      const on = wd(backFrom(0), -r.int(4));
      start(addDays(on, -(8 + r.int(6))));
      b.register(addDays(on, -(2 + r.int(3))));
      assignOn(on);
      // The lead (or sole) unit has not signed for it yet (待签收); some co-units have, or asked for an adjustment.
      const others = p.assignments.slice(1);
      for (const a of others) if (r.chance(0.5)) b.sign(a, minDay(wd(on, 1), c.today));
      const last = others.at(-1);
      if (o.variant === 1 && last && last.row.status === 'assigned') b.requestAdjustment(last, minDay(wd(on, 2), c.today));
      break;
    }
    case 'handling': {
      const on = backFrom(15 + r.int(45));
      start(addDays(on, -(10 + r.int(10))));
      register(addDays(on, -(3 + r.int(4))));
      assignOn(on);
      const signed = b.signAll(wd(on, 1));
      handle(b, signed, { opinions: r.chance(0.6) });
      if (o.variant === 1)
        b.extension(
          p.assignments.find((x) => x.row.role !== 'co')!,
          minDay(wd(signed, 10), c.today),
          'requested',
        );
      if (o.key) b.supervise('visit', minDay(wd(signed, 8), c.today));
      break;
    }
    case 'overdue': {
      // A plenary proposal assigned in the weeks before the Spring Festival; the deadline passed unanswered.
      start(submitOn);
      register(wd(s.endDate, 3 + r.int(5)));
      assignOn(wd(s.endDate, 10 + r.int(6)));
      const signed = b.signAll(wd(p.row.assignedAt!.toISOString().slice(0, 10), 2));
      handle(b, signed, { opinions: r.chance(0.5) });
      if (o.variant === 1)
        b.extension(
          p.assignments.find((x) => x.row.role !== 'co')!,
          wd(p.row.deadline!, -10),
          'approved',
        );
      if (o.variant === 2)
        b.extension(
          p.assignments.find((x) => x.row.role !== 'co')!,
          wd(p.row.deadline!, -8),
          'rejected',
        );
      if (o.key) {
        b.supervise('meeting', wd(signed, 20));
        b.supervise('note', wd(p.row.deadline!, 3));
      }
      break;
    }
    case 'replied': {
      const replyOn = wd(backFrom(0), -(1 + r.int(7)));
      const on = addDays(replyOn, -(60 + r.int(25)));
      start(addDays(on, -(10 + r.int(8))));
      b.register(addDays(on, -(3 + r.int(4))));
      assignOn(on);
      const signed = b.signAll(wd(on, 1));
      const ready = handle(b, signed);
      replyAll(b, minDay(maxDay(wd(ready, 1), replyOn), c.today));
      const done = p.replies.at(-1)!.at.toISOString().slice(0, 10);
      b.completeReplies(done);
      // Some have rated already; the others are awaiting.
      if (p.evaluations.length > 1 && r.chance(0.5))
        b.evaluate(p.evaluations[1].p, minDay(wd(done, 1), c.today), 'satisfied', 'basically_satisfied');
      break;
    }
    case 'evaluated':
    case 'closed':
    case 'rehandling': {
      start(submitOn);
      register(wd(s.endDate, 3 + r.int(6)));
      const on = wd(s.endDate, 10 + r.int(8));
      assignOn(on);
      const signed = b.signAll(wd(on, 1 + r.int(3)));
      const ready = handle(b, signed);
      if (o.key) b.supervise(r.pick(['visit', 'meeting', 'site_inspection'] as const), wd(ready, 3));
      const late = r.chance(0.12);
      const replyBase = late ? wd(p.row.deadline!, 3 + r.int(6)) : maxDay(wd(ready, 5 + r.int(10)), wd(on, 25 + r.int(20)));
      const rehandled = o.scenario === 'rehandling' || o.variant === 3;
      replyAll(b, replyBase, rehandled ? ['C', 'B', 'C'] : undefined);
      const done = p.replies.at(-1)!.at.toISOString().slice(0, 10);
      const due = b.completeReplies(done);
      const dissatisfied = rehandled || o.variant === 2;
      const silent = o.variant === 4;
      const last = silent ? done : rateAll(b, done, { dissatisfied, answered: 0.85 });
      const allRated = p.evaluations.every((e) => e.status === 'rated');
      if (silent || !allRated) b.completeEvaluation(wd(due, 1), 'expired');
      else b.completeEvaluation(last, 'all_rated');
      const evaluatedOn = (p.row.evaluatedAt as Date).toISOString().slice(0, 10);
      if (o.scenario === 'evaluated') break;
      if (rehandled) {
        const orderOn = o.scenario === 'rehandling' ? maxDay(wd(backFrom(10 + r.int(30)), 0), wd(evaluatedOn, 3)) : wd(evaluatedOn, 4);
        b.rehandle(orderOn);
        const lead = p.assignments.find((x) => x.row.status === 'received' && x.row.role !== 'co')!;
        b.contact(lead, 'in_person', wd(orderOn, 4), '重新办理：上门听取提案人意见，逐项研究可落实的措施。');
        if (o.scenario === 'rehandling') break;
        replyAll(b, wd(orderOn, 30 + r.int(15)), ['B', 'A', 'B']);
        const done2 = p.replies.at(-1)!.at.toISOString().slice(0, 10);
        const due2 = b.completeReplies(done2);
        const last2 = rateAll(b, done2, { answered: 1 });
        if (p.evaluations.every((e) => e.status === 'rated')) b.completeEvaluation(last2, 'all_rated');
        else b.completeEvaluation(wd(due2, 1), 'expired');
      }
      const grades = p.replies.filter((x) => x.round === p.row.round).map((x) => x.grade);
      const evalDay = (p.row.evaluatedAt as Date).toISOString().slice(0, 10);
      if (grades.includes('B')) {
        const bReply = p.replies.find((x) => x.round === p.row.round && x.grade === 'B')!;
        b.progress(bReply.a, wd(evalDay, 5));
      }
      b.close(wd(evalDay, 8 + r.int(15)));
      if (o.variant === 5) b.markGood(wd((p.row.closedAt as Date).toISOString().slice(0, 10), 20));
      break;
    }
  }
  return p;
}

// ── The 秀山 story ───────────────────────────────────────────
function xiushanStory(c: Ctx, org: OrgCtx, member: MemberRef, cosigner: MemberRef): Plan {
  const session = org.sessions.at(-1)!;
  const topic: DemoTopic = {
    cat: '交通出行',
    subject: XIUSHAN_STORY_SUBJECT,
    situation: '',
    analysis: '',
    suggestions: ['开通秀山县城至峨溶镇的公交线路', '沿线设置站点和候车设施', ''],
    units: ['交通运输', '万方'],
  };
  const p = newPlan(c, org, { scenario: 'closed', session, first: member }, topic);
  p.row.body =
    '<p>情况：峨溶镇地处县境东北部、湘渝两省市交界处，距县城约45公里，常住人口两万余人。镇上没有直达县城的公交车，群众进城办事、就医、上学，要先坐农村客运到洪安镇，再换乘公交，单程往往要两个多小时。</p>' +
    '<p>分析：一是客运线路规划没有覆盖峨溶至县城方向；二是沿线道路条件已经改善，具备开行公交的基础；三是群众出行需求集中在赶场日和节假日，客流有保障。</p>' +
    '<p>建议：一是由县交通运输部门牵头，尽快论证并开通县城至峨溶镇的公交线路；二是合理设置沿线站点，在场镇和人口集中的村组设候车亭；三是根据客流安排班次，赶场日适当加密。</p>';
  p.row.isPublic = true;
  p.row.suggestedUnitIds = resolveUnits(org, topic);
  p.proposers.splice(1);
  p.proposers.push({
    memberId: cosigner.id,
    collectiveId: null,
    accountId: cosigner.accountId,
    role: 'cosigner',
    status: 'confirmed',
    creditedViaMergeFrom: null,
    invitedAt: new Date(0),
    respondedAt: null,
  });
  const b = new Builder(c, p);
  const [lead, co] = p.row.suggestedUnitIds!;
  b.create('2026-01-06');
  b.cosigners('2026-01-07');
  b.submit('2026-01-13', session);
  b.register('2026-01-21');
  b.assign('2026-01-30', 'lead_co', [lead, co], false);
  const [la, ca] = p.assignments;
  b.signAll('2026-02-02');
  b.contact(
    la,
    'site_visit',
    '2026-02-11',
    '与田晓峰委员一道沿县城—洪安—峨溶方向全线踏勘，查看道路、会车条件和拟设站点，听取沿线群众意见。',
  );
  b.opinion(
    ca,
    '2026-02-27',
    '我公司同意开行该线路：可调配两台中型公交车，首末班与县城公交衔接，每日往返6个班次，票价按城乡公交标准执行。',
  );
  b.contact(
    la,
    'meeting',
    '2026-03-18',
    '在峨溶镇召开线路开通座谈会，提案人、万方汽车运输公司、峨溶镇政府和村民代表参加，逐项商定线路走向、站点和班次。',
  );
  b.reply(
    la,
    '2026-04-15',
    'A',
    '<p>田晓峰委员：</p><p>您提出的《关于开通秀山县城至峨溶镇公交线路的建议》收悉。我委会同万方汽车运输公司多次实地踏勘，并在峨溶镇召开座谈会听取意见，现答复如下：</p>' +
      '<p>一、县城至峨溶镇公交线路已开通，线路全长45公里，每日往返6个班次，途经洪安镇，首末班与县城公交衔接。</p><p>二、沿线在场镇和人口集中的村组设置停靠站点，候车亭分批建设。</p><p>三、赶场日和节假日根据客流加开班次。</p><p>感谢您对全县交通工作的关心和支持。</p>',
  );
  b.completeReplies('2026-04-15');
  b.evaluate(p.proposers[0], '2026-04-20', 'satisfied', 'satisfied', '线路开通后群众在家门口就能坐上公交车，办理认真、沟通充分。');
  b.evaluate(p.proposers[1], '2026-04-22', 'satisfied', 'satisfied', '');
  b.completeEvaluation('2026-04-22', 'all_rated');
  b.close('2026-04-29');
  p.row.reviewNote = '';
  return p;
}

// ── Loading ──────────────────────────────────────────────────
/** Which organizations get proposals, how many per state (current session) and, for 秀山, a finished earlier session. */
const CURRENT_MIX: Array<[Scenario, number]> = [
  ['draft', 2],
  ['submitted', 2],
  ['returned', 1],
  ['registered', 2],
  ['not_registered', 2],
  ['withdrawn', 1],
  ['assigned', 2],
  ['handling', 3],
  ['overdue', 2],
  ['replied', 2],
  ['evaluated', 3],
  ['closed', 7],
  ['rehandling', 1],
];
const ORG_PLANS: Array<{ code: string; scale: number; history?: number }> = [
  { code: 'cq-xiushan', scale: 2, history: 26 },
  { code: 'cq-nanchuan', scale: 1 },
  { code: 'cq', scale: 1 },
  { code: 'cd', scale: 1 },
];

async function orgContext(
  c: Ctx,
  code: string,
  accounts: Map<string, number>,
  towns: string[],
  place: string,
  prefix: string,
): Promise<OrgCtx> {
  const { tx } = c;
  const q = async <T>(query: ReturnType<typeof sql>) => ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
  const [org] = await q<{ id: number }>(sql`select id from organizations where code = ${code}`);
  const orgId = Number(org.id);
  const sessions = (
    await q<{ id: number; name: string; start_date: string; end_date: string }>(
      sql`select id, name, start_date::text, end_date::text from plenary_sessions where org_id = ${orgId} order by start_date`,
    )
  ).map((s) => ({ id: Number(s.id), name: s.name, startDate: s.start_date, endDate: s.end_date }));
  const members = (
    await q<{ id: number; name: string; account_id: number | null }>(
      sql`select id, name, account_id from members where org_id = ${orgId} order by id`,
    )
  ).map((m) => ({
    id: Number(m.id),
    name: m.name,
    accountId: m.account_id == null ? null : Number(m.account_id),
  }));
  const collectives = (
    await q<{ id: number; name: string; agent: number | null }>(
      sql`select c.id, c.name, (select min(a.account_id) from collective_agents a where a.collective_id = c.id) as agent from collective_proposers c where c.org_id = ${orgId} order by c.id`,
    )
  ).map((x) => ({ id: Number(x.id), name: x.name, agentAccountId: x.agent == null ? null : Number(x.agent) }));
  const units = (await q<{ id: number; name: string }>(sql`select id, name from units where org_id = ${orgId} order by id`)).map((u) => ({
    id: Number(u.id),
    name: u.name,
  }));
  const handlers = await q<{ unit_id: number; account_id: number }>(
    sql`select unit_id, min(account_id) as account_id from role_grants where org_id = ${orgId} and role = 'unit_handler' and unit_id is not null group by unit_id`,
  );
  const leaders = await q<{ account_id: number }>(
    sql`select min(account_id) as account_id from role_grants where org_id = ${orgId} and role = 'leader'`,
  );
  const staff = await q<{ account_id: number | null }>(
    sql`select min(account_id) as account_id from role_grants where org_id = ${orgId} and role = 'proposal_staff'`,
  );
  const cats = await tx
    .insert(proposalCategories)
    .values(DEMO_CATEGORIES.map((name, i) => ({ orgId, name, sort: (i + 1) * 10 })))
    .returning({ id: proposalCategories.id, name: proposalCategories.name, sort: proposalCategories.sort });
  return {
    code,
    id: orgId,
    place,
    prefix,
    towns,
    sessions,
    members,
    collectives,
    units,
    categories: new Map(cats.map((x) => [x.name, x.id])),
    officeAccountId: staff[0]?.account_id != null ? Number(staff[0].account_id) : accounts.get('admin')!,
    leaderAccountId: leaders[0]?.account_id != null ? Number(leaders[0].account_id) : null,
    handlerAccounts: new Map(handlers.map((h) => [Number(h.unit_id), Number(h.account_id)])),
    r: rng(`${code}:proposals`),
  };
}

/** Gapless numbers per session in registration order. */
function numberProposals(all: Plan[]): Map<number, number> {
  const bySession = new Map<number, Plan[]>();
  for (const p of all) {
    if (!p.row.registeredAt || p.row.sessionId == null) continue;
    const list = bySession.get(p.row.sessionId) ?? [];
    list.push(p);
    bySession.set(p.row.sessionId, list);
  }
  const last = new Map<number, number>();
  for (const [sessionId, list] of bySession) {
    list.sort((a, b) => (a.row.registeredAt as Date).getTime() - (b.row.registeredAt as Date).getTime());
    const name = list[0].org.sessions.find((s) => s.id === sessionId)!.name;
    list.forEach((p, i) => {
      p.row.number = i + 1;
      p.row.numberLabel = proposalNumberLabel(name, i + 1);
    });
    last.set(sessionId, list.length);
  }
  return last;
}

async function insertChunks<T extends Record<string, unknown>, R>(rows: T[], insert: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < rows.length; i += 200) out.push(...(await insert(rows.slice(i, i + 200))));
  return out;
}

export interface DemoOrgInfo {
  code: string;
  place: string;
  prefix: string;
  towns: string[];
}

/**
 * Writes the demo proposals inside the loader's transaction (after organizations, people and accounts exist).
 * Returns row counts for the loader's summary.
 */
export async function loadDemoProposals(
  tx: Tx,
  orgs: DemoOrgInfo[],
  accounts: Map<string, number>,
  bump: (k: string, n?: number) => void,
): Promise<void> {
  const cal = await loadWorkCalendar(tx);
  // Events end yesterday at the latest, so nothing is dated after the moment of loading.
  const c: Ctx = { tx, cal, today: maxDay(addDays(todayInChina(), -1), '2026-07-01') };
  signerNames.clear();
  const all: Plan[] = [];
  const orgCtx: OrgCtx[] = [];
  for (const spec of ORG_PLANS) {
    const info = orgs.find((o) => o.code === spec.code);
    if (!info) continue;
    const org = await orgContext(c, spec.code, accounts, info.towns, info.place, info.prefix);
    orgCtx.push(org);
    const current = org.sessions.at(-1)!;
    const plans: Plan[] = [];
    const run = (o: PlanOpts) => {
      const merged: Plan[] = [];
      const p = runScenario(c, org, o, merged);
      plans.push(p, ...merged);
      return p;
    };

    // 秀山: the story, the member's and the transport committee's proposals, and the finished previous session.
    const xsMember = org.members.find((m) => m.accountId != null && m.accountId === accounts.get('xs_member'));
    const transport = org.units.find((u) => /交通运输/.test(u.name));
    if (spec.code === 'cq-xiushan' && xsMember && transport) {
      const cosigner = org.members.find((m) => m.id !== xsMember.id && m.accountId == null)!;
      const story = xiushanStory(c, org, xsMember, cosigner);
      plans.push(story);
      const previous = org.sessions.at(-2)!;
      const hist: Scenario[] = ['not_registered', 'not_registered', 'withdrawn'];
      for (let i = 0; i < (spec.history ?? 0); i++) {
        const variant = i % 6 === 1 ? 3 : i % 9 === 4 ? 5 : i % 7 === 2 ? 4 : 0;
        run({
          scenario: i < 23 ? 'closed' : hist[i - 23],
          session: previous,
          variant,
          key: i === 3,
          mergeFrom: i % 10 === 0 ? true : undefined,
        });
      }
      // 田晓峰 as first proposer in every state a member sees (the story is his closed one).
      const mine: Scenario[] = [
        'draft',
        'submitted',
        'returned',
        'registered',
        'not_registered',
        'withdrawn',
        'assigned',
        'handling',
        'replied',
        'evaluated',
        'rehandling',
      ];
      // In 'replied' only co-signers have rated so far: 田晓峰's own evaluation is awaited.
      for (const scenario of mine) run({ scenario, session: current, first: xsMember });
      // His proposal merged into another one (he is credited there and gets its reply).
      run({ scenario: 'handling', session: current, mergeFrom: xsMember });
      // Co-signing: an open invitation to 田晓峰, and a co-signed proposal of someone else that he may rate.
      const others = org.members.filter((m) => m.id !== xsMember.id);
      run({ scenario: 'draft', session: current, first: others[3], invite: xsMember });
      run({ scenario: 'replied', session: current, first: others[5], invite: xsMember });
      // 县交通运输委's inbox: awaiting sign-for, being handled (one overdue, one key with a supervising leader), replied.
      run({ scenario: 'assigned', session: current, unitId: transport.id, mode: 'sole' });
      run({ scenario: 'assigned', session: current, unitId: transport.id, mode: 'lead_co' });
      run({ scenario: 'handling', session: current, unitId: transport.id, mode: 'lead_co', key: true, variant: 1 });
      run({ scenario: 'overdue', session: current, unitId: transport.id, mode: 'sole', key: true });
      run({ scenario: 'replied', session: current, unitId: transport.id, mode: 'sole' });
      run({ scenario: 'closed', session: current, unitId: transport.id, mode: 'separate', variant: 5 });
    }
    for (const [scenario, n] of CURRENT_MIX) {
      for (let i = 0; i < n * spec.scale; i++) {
        const variant =
          scenario === 'closed'
            ? [0, 5, 3, 0, 4, 0, 2][i % 7]
            : scenario === 'evaluated'
              ? [2, 0, 4][i % 3]
              : scenario === 'overdue'
                ? i % 3
                : i % 2;
        const key = (scenario === 'closed' && i === 1) || (scenario === 'overdue' && i === 0);
        const mergeFrom = (scenario === 'closed' && i % 4 === 0) || (scenario === 'overdue' && i === 1) ? true : undefined;
        run({ scenario, session: current, variant, key, mergeFrom });
      }
    }
    all.push(...plans);
  }
  const counters = numberProposals(all);

  // ── Rows ──
  const inserted = await insertChunks(
    all.map((p) => ({ ...p.row })),
    (chunk) => tx.insert(proposals).values(chunk).returning({ id: proposals.id, subject: proposals.subject }),
  );
  inserted.forEach((row, i) => {
    if (row.subject !== all[i].row.subject) throw new Error('demo proposals: insert order mismatch');
    all[i].id = row.id;
  });
  for (const p of all.filter((x) => x.mergedInto)) {
    await tx
      .update(proposals)
      .set({ mergedIntoId: p.mergedInto!.id! })
      .where(sql`${proposals.id} = ${p.id!}`);
  }
  bump('proposals', all.length);

  const proposers = all.flatMap((p) => p.proposers.map((x) => ({ p, x })));
  const prIds = await insertChunks(
    proposers.map(({ p, x }) => ({
      proposalId: p.id!,
      memberId: x.memberId,
      collectiveId: x.collectiveId,
      role: x.role,
      status: x.status,
      creditedViaMergeFrom: x.creditedViaMergeFrom?.id ?? null,
      invitedAt: x.invitedAt,
      respondedAt: x.status === 'invited' ? null : (x.respondedAt ?? x.invitedAt),
    })),
    (chunk) => tx.insert(proposalProposers).values(chunk).returning({ id: proposalProposers.id, proposalId: proposalProposers.proposalId }),
  );
  prIds.forEach((row, i) => {
    if (row.proposalId !== proposers[i].p.id) throw new Error('demo proposers: insert order mismatch');
    proposers[i].x.id = row.id;
  });

  const assignments = all.flatMap((p) => p.assignments.map((a) => ({ p, a })));
  const aIds = await insertChunks(
    assignments.map(({ p, a }) => ({ ...a.row, proposalId: p.id! })),
    (chunk) =>
      tx.insert(proposalAssignments).values(chunk).returning({ id: proposalAssignments.id, proposalId: proposalAssignments.proposalId }),
  );
  aIds.forEach((row, i) => {
    if (row.proposalId !== assignments[i].p.id) throw new Error('demo assignments: insert order mismatch');
    assignments[i].a.id = row.id;
  });
  bump('proposal_assignments', assignments.length);

  const contacts = all.flatMap((p) => p.contacts.map((x) => ({ p, x })));
  if (contacts.length) {
    const ids = await insertChunks(
      contacts.map(({ p, x }) => ({
        orgId: p.org.id,
        proposalId: p.id!,
        assignmentId: x.a.id!,
        form: x.form,
        contactDate: x.contactDate,
        notes: x.notes,
        createdByAccountId: x.by,
        createdAt: x.at,
      })),
      (chunk) => tx.insert(proposalContacts).values(chunk).returning({ id: proposalContacts.id }),
    );
    ids.forEach((row, i) => (contacts[i].x.id = row.id));
  }
  const replies = all.flatMap((p) => p.replies.map((x) => ({ p, x })));
  if (replies.length) {
    const ids = await insertChunks(
      replies.map(({ p, x }) => ({
        orgId: p.org.id,
        proposalId: p.id!,
        assignmentId: x.a.id!,
        unitId: x.a.row.unitId,
        round: x.round,
        grade: x.grade,
        body: x.body,
        docNumber: x.docNumber,
        signer: x.signer,
        repliedByAccountId: x.by,
        repliedAt: x.at,
      })),
      (chunk) => tx.insert(proposalReplies).values(chunk).returning({ id: proposalReplies.id }),
    );
    ids.forEach((row, i) => (replies[i].x.id = row.id));
  }
  const progress = all.flatMap((p) => p.progress.map((x) => ({ p, x })));
  if (progress.length) {
    const ids = await tx
      .insert(proposalProgress)
      .values(
        progress.map(({ p, x }) => ({
          orgId: p.org.id,
          proposalId: p.id!,
          assignmentId: x.a.id!,
          body: x.body,
          createdByAccountId: x.by,
          createdAt: x.at,
        })),
      )
      .returning({ id: proposalProgress.id });
    ids.forEach((row, i) => (progress[i].x.id = row.id));
  }
  const evaluations = all.flatMap((p) =>
    p.evaluations.map((e) => ({
      orgId: p.org.id,
      proposalId: p.id!,
      proposerId: e.p.id!,
      round: e.round,
      status: e.status,
      workRating: e.workRating,
      resultRating: e.resultRating,
      comments: e.comments,
      ratedByAccountId: e.status === 'rated' ? e.by : null,
      ratedAt: e.ratedAt,
      createdAt: e.createdAt,
    })),
  );
  if (evaluations.length)
    await insertChunks(evaluations, (chunk) => tx.insert(proposalEvaluations).values(chunk).returning({ id: proposalEvaluations.id }));
  const supervisions = all.flatMap((p) => p.supervisions.map((s) => ({ p, s })));
  if (supervisions.length) {
    const ids = await tx
      .insert(proposalSupervisions)
      .values(
        supervisions.map(({ p, s }) => ({
          orgId: p.org.id,
          proposalId: p.id!,
          kind: s.kind,
          happenedOn: s.happenedOn,
          notes: s.notes,
          leaderAccountId: s.leader,
          createdByAccountId: s.by,
          createdAt: s.at,
        })),
      )
      .returning({ id: proposalSupervisions.id });
    ids.forEach((row, i) => (supervisions[i].s.id = row.id));
  }
  const revisions = all.flatMap((p) => p.revisions.map((v) => ({ ...v, proposalId: p.id! })));
  if (revisions.length) await tx.insert(proposalRevisions).values(revisions);
  const converted = all.filter((p) => p.conversion);
  if (converted.length) {
    const items = await tx
      .insert(convertedItems)
      .values(
        converted.map((p) => ({
          orgId: p.org.id,
          kind: p.conversion!.kind,
          title: p.row.subject!,
          body: p.row.body!,
          originProposalId: p.id!,
          createdAt: p.conversion!.at,
          updatedAt: p.conversion!.at,
        })),
      )
      .returning({ id: convertedItems.id, origin: convertedItems.originProposalId });
    items.forEach((it, i) => {
      if (it.origin !== converted[i].id) throw new Error('demo converted items: insert order mismatch');
      convertedIds.set(converted[i], it.id);
    });
    await tx.insert(proposalConversions).values(
      converted.map((p) => ({
        orgId: p.org.id,
        proposalId: p.id!,
        reason: p.conversion!.reason,
        conversionKind: p.conversion!.kind,
        note: p.conversion!.note,
        convertedItemId: convertedIds.get(p)!,
        createdByAccountId: p.org.officeAccountId,
        createdAt: p.conversion!.at,
      })),
    );
  }
  const counterRows = [...counters].map(([sessionId, lastNumber]) => ({
    sessionId,
    lastNumber,
    orgId: all.find((p) => p.row.sessionId === sessionId)!.org.id,
  }));
  if (counterRows.length) await tx.insert(proposalNumberCounters).values(counterRows);

  // Who took each step, for the timeline: proposers their own steps (the office when they have no account: it
  // enters paper proposals), units theirs, the office the review and handling decisions, the leader supervision.
  const names = new Map((await tx.select({ id: accountsTable.id, name: accountsTable.displayName }).from(accountsTable)).map((a) => [a.id, a.name]));
  const asActor = (accountId: number | null | undefined): AuditActor =>
    accountId != null && names.has(accountId) ? { accountId, name: names.get(accountId)!, requestId: 'demo-loader' } : SYSTEM_ACTOR;
  const PROPOSER_STEPS = ['create', 'edit', 'invite', 'submit', 'resubmit'];
  const UNIT_STEPS = ['sign', 'request_adjustment', 'submit_opinion', 'add_contact', 'request_extension', 'reply', 'report_progress', 'receive', 'complete_replies'];
  const actorOf = (p: Plan, entry: Entry): AuditActor => {
    const after = (entry.after ?? {}) as { unitId?: number; proposerId?: number; memberIds?: number[] };
    const office = asActor(p.org.officeAccountId);
    if (entry.entityType !== 'proposal') return office;
    if (PROPOSER_STEPS.includes(entry.action)) {
      const first = p.proposers.find((x) => x.role === 'first');
      return first?.accountId != null ? asActor(first.accountId) : office;
    }
    if (entry.action === 'cosign' || entry.action === 'evaluate') {
      const who = p.proposers.find((x) => (after.proposerId != null ? x.id === after.proposerId : after.memberIds?.includes(x.memberId ?? -1)));
      return who?.accountId != null ? asActor(who.accountId) : office;
    }
    if (UNIT_STEPS.includes(entry.action)) {
      const handler = after.unitId != null ? p.org.handlerAccounts.get(after.unitId) : undefined;
      return handler != null ? asActor(handler) : entry.action === 'receive' || entry.action === 'complete_replies' ? SYSTEM_ACTOR : office;
    }
    if (entry.action === 'supervise') return asActor(p.org.leaderAccountId) ?? office;
    return office;
  };

  // ── Audit rows: the categories, then every step of every proposal in the order it happened ──
  for (const org of orgCtx) {
    const entries: Entry[] = [...org.categories].map(([name, id]) => ({
      entityType: 'proposal_category',
      entityId: id,
      action: 'create',
      after: { name, sort: (DEMO_CATEGORIES.indexOf(name) + 1) * 10, active: true },
      reason: '演示数据 demo data',
    }));
    const events = all.filter((p) => p.org === org).flatMap((p) => p.events.map((e) => ({ ...e, p })));
    events.sort((a, b) => a.at.getTime() - b.at.getTime());
    entries.push(
      ...events.map((e) => {
        const entry = e.entry();
        return { ...entry, at: e.at, actor: actorOf(e.p, entry) };
      }),
    );
    await writeAuditMany(tx, DEMO_ACTOR, org.id, entries);
    bump('proposal_categories', org.categories.size);
  }
}
