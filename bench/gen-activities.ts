/**
 * The `activities` generator phase (issue #4 at scale): ten years of activities per organization in every status,
 * with invited members and their attendance (and leave), some speeches, outcomes with leader instructions, and the
 * problem lists (问题清单) their outcomes break into, each issue sent to one to three handling units with the units'
 * answers. Full scale: 100k activities and 1 M problem-list issues; the largest organization holds ~10%, and its
 * busiest units (those the unit-handler virtual users hold) receive a realistic share of the issues, so the
 * department inbox scenario reads a long list. Rows are flushed in chunks, so memory stays bounded.
 */
import { insertColumns } from './db';
import type { GenContext, GeneratorPhase } from './generate';
import { PROPOSAL_TOPICS, cumulative, personName, type Rng } from './vocab';

const DAY = 86_400_000;
const dayOf = (s: string) => Date.parse(`${s}T00:00:00Z`);
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A Saturday or Sunday moves to the next Monday (the bench has no holiday calendar). */
const workday = (ms: number) => {
  const wd = new Date(ms).getUTCDay();
  return wd === 6 ? ms + 2 * DAY : wd === 0 ? ms + DAY : ms;
};
/** Adds n working days (Mon–Fri). */
const addWorkdays = (ms: number, n: number) => {
  let d = ms;
  for (let k = 0; k < n; ) {
    d += DAY;
    const wd = new Date(d).getUTCDay();
    if (wd !== 0 && wd !== 6) k++;
  }
  return d;
};

/** The default activity types with their share of an organization's year. */
const TYPES: Array<[string, number, 'consult' | 'inspect' | 'research' | 'meeting' | 'other']> = [
  ['全体会议', 1, 'meeting'],
  ['常委会议', 4, 'meeting'],
  ['专题议政性常委会', 3, 'consult'],
  ['专题协商会', 8, 'consult'],
  ['双周协商座谈会', 10, 'consult'],
  ['对口协商', 8, 'consult'],
  ['界别协商', 8, 'consult'],
  ['提案办理协商', 8, 'consult'],
  ['联合协商', 2, 'consult'],
  ['网络议政', 4, 'consult'],
  ['视察', 12, 'inspect'],
  ['调研', 14, 'research'],
  ['民主监督', 6, 'inspect'],
  ['委员工作室活动', 8, 'other'],
  ['学习培训', 4, 'other'],
];
const TYPE_CUM = cumulative(TYPES.map((t) => t[1]));
const OUTCOME_KIND: Record<string, string> = {
  consult: 'consultation_report',
  inspect: 'inspection_report',
  research: 'research_report',
  meeting: 'proposal_advice',
};
const TOPIC_FORMS = ['围绕“{t}”开展{y}', '{t}{y}', '关于推动{t}高质量发展的{y}', '聚焦{t}问题{y}'];
const ISSUE_FORMS = [
  '{t}统筹协调机制不健全',
  '{t}资金投入不足，保障力度不够',
  '{t}专业人才短缺',
  '{t}基础设施建设滞后',
  '{t}政策落实“最后一公里”不畅',
  '{t}部门间信息共享不充分',
  '{t}监管和考核机制有待完善',
  '{t}群众知晓率和参与度不高',
];
const COMMITMENTS = ['高度重视，已列入年度重点工作', '认真研究，逐项落实', '积极推进，按期完成', '纳入专项规划统筹解决'];
const MEASURES = [
  '成立工作专班，明确责任分工和时间节点',
  '争取上级资金支持，加大本级财政投入',
  '完善联席会议制度，定期会商解决问题',
  '开展专项行动，建立问题台账销号管理',
];
const LEVELS = ['市', '区', '县', '省（市）'];

function buffers() {
  const cols = <K extends string>(...names: K[]) => Object.fromEntries(names.map((n) => [n, [] as unknown[]])) as Record<K, unknown[]>;
  return {
    a: cols('id', 'org', 'type', 'topic', 'okind', 'oname', 'oref', 'starts', 'ends', 'place', 'online', 'status', 'minutes', 'mdue', 'mfiled', 'cancel'),
    p: cols('org', 'activity', 'member', 'attendance', 'signed', 'leave', 'reason'),
    s: cols('org', 'activity', 'kind', 'author', 'title', 'body'),
    o: cols('id', 'org', 'activity', 'kind', 'title', 'findings', 'recs'),
    ins: cols('org', 'outcome', 'leader', 'level', 'text', 'on'),
    i: cols('id', 'org', 'outcome', 'activity', 'seq', 'title', 'status', 'result', 'reason', 'due', 'closed'),
    iu: cols('org', 'issue', 'unit', 'commitment', 'measures', 'planned', 'responded'),
  };
}
type Buffers = ReturnType<typeof buffers>;

async function flush(ctx: GenContext, b: Buffers): Promise<void> {
  const c = ctx.client;
  const add = (k: string, n: number) => (ctx.totals[k] = (ctx.totals[k] ?? 0) + n);
  add(
    'activities',
    await insertColumns(c, 'activities', {
      id: ['bigint', b.a.id],
      org_id: ['bigint', b.a.org],
      type: ['text', b.a.type],
      topic: ['text', b.a.topic],
      organizer_kind: ['text', b.a.okind],
      organizer_name: ['text', b.a.oname],
      organizer_ref_id: ['bigint', b.a.oref],
      starts_at: ['timestamptz', b.a.starts],
      ends_at: ['timestamptz', b.a.ends],
      place: ['text', b.a.place],
      online: ['bool', b.a.online],
      status: ['text', b.a.status],
      minutes: ['text', b.a.minutes],
      minutes_due: ['date', b.a.mdue],
      minutes_filed_at: ['timestamptz', b.a.mfiled],
      cancel_reason: ['text', b.a.cancel],
    }),
  );
  // Participants take the member's own name (joined), as the product stores it.
  const P = 20_000;
  for (let i = 0; i < b.p.org.length; i += P) {
    const s = (k: keyof Buffers['p']) => b.p[k].slice(i, i + P);
    await c.query(
      `insert into activity_participants (org_id, activity_id, kind, member_id, name, attendance, signed_in_at, leave_status, leave_reason)
       select u.org, u.act, 'member', u.mem, m.name, u.att, u.signed, u.leave, u.reason
         from unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::timestamptz[], $6::text[], $7::text[])
              as u(org, act, mem, att, signed, leave, reason)
         join members m on m.id = u.mem`,
      [s('org'), s('activity'), s('member'), s('attendance'), s('signed'), s('leave'), s('reason')],
    );
  }
  add('activity_participants', b.p.org.length);
  add(
    'activity_speeches',
    await insertColumns(
      c,
      'activity_speeches',
      {
        org_id: ['bigint', b.s.org],
        activity_id: ['bigint', b.s.activity],
        kind: ['text', b.s.kind],
        author_name: ['text', b.s.author],
        title: ['text', b.s.title],
        body: ['text', b.s.body],
      },
      false,
    ),
  );
  add(
    'activity_outcomes',
    await insertColumns(c, 'activity_outcomes', {
      id: ['bigint', b.o.id],
      org_id: ['bigint', b.o.org],
      activity_id: ['bigint', b.o.activity],
      kind: ['text', b.o.kind],
      title: ['text', b.o.title],
      findings: ['text', b.o.findings],
      recommendations: ['text', b.o.recs],
    }),
  );
  add(
    'outcome_instructions',
    await insertColumns(
      c,
      'outcome_instructions',
      {
        org_id: ['bigint', b.ins.org],
        outcome_id: ['bigint', b.ins.outcome],
        leader: ['text', b.ins.leader],
        level: ['text', b.ins.level],
        text: ['text', b.ins.text],
        instructed_on: ['date', b.ins.on],
      },
      false,
    ),
  );
  add(
    'problem_issues',
    await insertColumns(c, 'problem_issues', {
      id: ['bigint', b.i.id],
      org_id: ['bigint', b.i.org],
      outcome_id: ['bigint', b.i.outcome],
      activity_id: ['bigint', b.i.activity],
      seq: ['int', b.i.seq],
      title: ['text', b.i.title],
      status: ['text', b.i.status],
      result: ['text', b.i.result],
      result_reason: ['text', b.i.reason],
      response_due: ['date', b.i.due],
      closed_at: ['timestamptz', b.i.closed],
    }),
  );
  add(
    'problem_issue_units',
    await insertColumns(
      c,
      'problem_issue_units',
      {
        org_id: ['bigint', b.iu.org],
        issue_id: ['bigint', b.iu.issue],
        unit_id: ['bigint', b.iu.unit],
        commitment: ['text', b.iu.commitment],
        measures: ['text', b.iu.measures],
        planned_completion: ['date', b.iu.planned],
        responded_at: ['timestamptz', b.iu.responded],
      },
      false,
    ),
  );
}

/** Distinct random picks (k ≤ n) from xs. */
function sample<T>(rng: Rng, xs: readonly T[], k: number): T[] {
  if (k >= xs.length) return [...xs];
  const seen = new Set<number>();
  const out: T[] = [];
  while (out.length < k) {
    const i = rng.int(xs.length);
    if (!seen.has(i)) {
      seen.add(i);
      out.push(xs[i]);
    }
  }
  return out;
}

export const activitiesPhase: GeneratorPhase = {
  name: 'activities, attendance, outcomes, problem lists',
  async run(ctx) {
    const { rng, scale, ids } = ctx;
    const today = dayOf(new Date().toISOString().slice(0, 10));
    const totalMembers = ctx.orgs.reduce((s, o) => s + o.memberCount, 0);
    // Expected outcomes per activity (past, not cancelled, of a type with an outcome, 70% of those), used to size
    // the problem lists so the total lands near the target.
    const withOutcome = TYPES.filter((t) => t[2] !== 'other').reduce((s, t) => s + t[1], 0) / TYPE_CUM[TYPE_CUM.length - 1];
    const outcomesExpected = scale.activities * 0.9 * 0.97 * withOutcome * 0.7;
    const issuesPerOutcome = Math.max(1, scale.problemIssues / Math.max(1, outcomesExpected));
    let b = buffers();
    let buffered = 0;

    for (const o of ctx.orgs) {
      const n = Math.max(5, Math.round((scale.activities * o.memberCount) / totalMembers));
      const first = dayOf(o.sessions[0]?.start ?? '2017-01-01');
      const span = today + 60 * DAY - first;
      const busy = o.busyUnitIds ?? [];
      for (let k = 0; k < n; k++) {
        const id = ids.take('activities');
        const [type, , family] = rng.weighted(TYPES, TYPE_CUM);
        const day = workday(first + Math.floor((rng.next() * span) / DAY) * DAY);
        const morning = rng.chance(0.6);
        const starts = day + (morning ? 1 : 6.5) * 3_600_000; // 09:00 or 14:30 in China (UTC+8)
        const ends = starts + (2 + rng.int(3)) * 3_600_000;
        const topicCore = rng.pick(PROPOSAL_TOPICS)[1];
        const topic = rng.pick(TOPIC_FORMS).replace('{t}', topicCore).replace('{y}', type);
        const okRoll = rng.next();
        const [okind, oname, oref] =
          type === '委员工作室活动' && o.studioIds.length
            ? ['studio', `${o.place}委员工作室`, rng.pick(o.studioIds)]
            : okRoll < 0.45
              ? ['office', `${o.place}${o.x}政协办公室`, null]
              : okRoll < 0.8 && o.committeeIds.length
                ? ['committee', `${o.place}${o.x}政协专门委员会`, rng.pick(o.committeeIds)]
                : okRoll < 0.92 && o.sectorIds.length
                  ? ['sector', `${o.place}${o.x}政协界别`, rng.pick(o.sectorIds)]
                  : ['office', `${o.place}${o.x}政协办公室`, null];
        const past = starts < today;
        const age = (today - day) / DAY;
        let status: string;
        if (!past) status = 'planned';
        else if (rng.chance(0.03)) status = 'cancelled';
        else if (age < 12) status = 'held';
        else status = rng.chance(0.04) ? 'held' : rng.chance(0.3) ? 'minutes_filed' : 'closed';
        const mdue = past && status !== 'cancelled' ? ymd(addWorkdays(day, 7)) : null;
        const filed = status === 'minutes_filed' || status === 'closed';
        b.a.id.push(id);
        b.a.org.push(o.id);
        b.a.type.push(type);
        b.a.topic.push(topic);
        b.a.okind.push(okind);
        b.a.oname.push(oname);
        b.a.oref.push(oref);
        b.a.starts.push(new Date(starts).toISOString());
        b.a.ends.push(new Date(ends).toISOString());
        b.a.place.push(`${o.place}${o.x}政协${rng.pick(['第一', '第二', '第三'])}会议室`);
        b.a.online.push(type === '网络议政');
        b.a.status.push(status);
        b.a.minutes.push(filed ? `<p>会议围绕${topicCore}进行了深入协商，形成共识如下：……</p>` : '');
        b.a.mdue.push(mdue);
        b.a.mfiled.push(filed ? new Date(addWorkdays(day, 1 + rng.int(7)) + 3 * 3_600_000).toISOString() : null);
        b.a.cancel.push(status === 'cancelled' ? '因工作安排调整，活动取消' : '');

        // Invited members and attendance (plenary: a large share of the organization).
        const size = type === '全体会议' ? Math.min(o.memberIds.length, 60 + rng.int(60)) : 8 + rng.int(25);
        const invited = sample(rng, o.memberIds, size);
        for (const m of invited) {
          let att = 'invited';
          let leave = 'none';
          let reason = '';
          if (status === 'cancelled') {
            // invitations stay as they were
          } else if (past) {
            const r = rng.next();
            if (r < 0.84) att = 'attended';
            else if (r < 0.93) {
              att = 'on_leave';
              leave = 'approved';
              reason = rng.pick(['因公出差', '身体原因', '参加其他会议']);
            } else att = 'absent';
          } else if (rng.chance(0.04)) {
            leave = 'pending';
            reason = '因公出差';
          }
          b.p.org.push(o.id);
          b.p.activity.push(id);
          b.p.member.push(m);
          b.p.attendance.push(att);
          b.p.signed.push(att === 'attended' && rng.chance(0.6) ? new Date(starts - rng.int(1_200_000)).toISOString() : null);
          b.p.leave.push(leave);
          b.p.reason.push(reason);
        }
        buffered += 1 + invited.length;

        if (!past || status === 'cancelled') continue;
        // Speeches at a third of the held activities.
        if (rng.chance(0.33)) {
          for (let s = 0, ns = 2 + rng.int(4); s < ns; s++) {
            b.s.org.push(o.id);
            b.s.activity.push(id);
            b.s.kind.push(rng.chance(0.7) ? 'oral' : 'written');
            b.s.author.push(personName(rng, rng.chance(0.35) ? 'female' : 'male'));
            b.s.title.push(`关于${topicCore}的几点建议`);
            b.s.body.push(`建议进一步加强${topicCore}工作的统筹协调，完善政策措施，强化督促落实。`);
          }
        }
        if (family === 'other' || !rng.chance(0.7)) continue;
        const outcomeId = ids.take('activity_outcomes');
        b.o.id.push(outcomeId);
        b.o.org.push(o.id);
        b.o.activity.push(id);
        b.o.kind.push(OUTCOME_KIND[family]);
        b.o.title.push(`关于${topicCore}的${family === 'research' ? '调研报告' : family === 'inspect' ? '视察报告' : '协商报告'}`);
        b.o.findings.push(`<p>${topicCore}工作取得积极成效，但仍存在一些短板和不足。</p>`);
        b.o.recs.push(`<p>建议强化统筹、加大投入、完善机制，推动${topicCore}工作提质增效。</p>`);
        if (rng.chance(0.12)) {
          b.ins.org.push(o.id);
          b.ins.outcome.push(outcomeId);
          b.ins.leader.push(`${personName(rng, 'male')}（${o.place}${o.x}委书记）`);
          b.ins.level.push(rng.pick(LEVELS));
          b.ins.text.push('请相关部门认真研究吸纳，抓好落实。');
          b.ins.on.push(ymd(day + (5 + rng.int(20)) * DAY));
        }
        // The problem list: around issuesPerOutcome issues, each to one to three units.
        const count = Math.max(1, Math.round(issuesPerOutcome * (0.4 + rng.next() * 1.2)));
        const due = addWorkdays(day, 15);
        for (let seq = 1; seq <= count; seq++) {
          const issueId = ids.take('problem_issues');
          let st: string;
          let result: string | null = null;
          const r = rng.next();
          if (age < 30) st = r < 0.4 ? 'open' : r < 0.75 ? 'responded' : 'in_progress';
          else if (age < 200) st = r < 0.04 ? 'open' : r < 0.15 ? 'responded' : r < 0.5 ? 'in_progress' : r < 0.7 ? 'converted' : r < 0.9 ? 'resolved' : 'cannot_resolve';
          else st = r < 0.01 ? 'open' : r < 0.03 ? 'in_progress' : 'closed';
          if (st === 'converted' || st === 'resolved' || st === 'cannot_resolve') result = st;
          if (st === 'closed') {
            const rr = rng.next();
            result = rr < 0.45 ? 'converted' : rr < 0.88 ? 'resolved' : 'cannot_resolve';
          }
          b.i.id.push(issueId);
          b.i.org.push(o.id);
          b.i.outcome.push(outcomeId);
          b.i.activity.push(id);
          b.i.seq.push(seq);
          b.i.title.push(rng.pick(ISSUE_FORMS).replace('{t}', topicCore));
          b.i.status.push(st);
          b.i.result.push(result);
          b.i.reason.push(result === 'cannot_resolve' ? '受政策和资金条件限制，暂不具备解决条件' : '');
          b.i.due.push(ymd(due));
          b.i.closed.push(st === 'closed' ? new Date(Math.min(today, due + (30 + rng.int(150)) * DAY)).toISOString() : null);
          const nu = 1 + (rng.chance(0.35) ? 1 : 0) + (rng.chance(0.1) ? 1 : 0);
          const unitsOf = new Set<number>();
          // The busiest units take ~40% of the largest organization's issues (their handlers are the inbox VUs).
          if (busy.length && rng.chance(0.4)) unitsOf.add(rng.pick(busy));
          while (unitsOf.size < nu && o.unitIds.length) unitsOf.add(rng.pick(o.unitIds));
          for (const u of unitsOf) {
            const responded = st !== 'open';
            b.iu.org.push(o.id);
            b.iu.issue.push(issueId);
            b.iu.unit.push(u);
            b.iu.commitment.push(responded ? rng.pick(COMMITMENTS) : '');
            b.iu.measures.push(responded ? rng.pick(MEASURES) : '');
            b.iu.planned.push(responded ? ymd(due + (30 + rng.int(180)) * DAY) : null);
            b.iu.responded.push(responded ? new Date(Math.min(today, due - rng.int(10) * DAY) + 2 * 3_600_000).toISOString() : null);
          }
          buffered += 1 + unitsOf.size;
        }
        if (buffered > 60_000) {
          await flush(ctx, b);
          b = buffers();
          buffered = 0;
        }
      }
    }
    await flush(ctx, b);
  },
};

