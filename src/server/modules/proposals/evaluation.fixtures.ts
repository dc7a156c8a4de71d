/**
 * Fixtures of the evaluation slice: a proposal already 已答复 (replied), written directly into the tables as the
 * handling slice leaves it — state replied, round 1, evaluationDue, a sole assignment replied, a reply row, and one
 * pending evaluation row per confirmed proposer.
 */
import { eq } from 'drizzle-orm';
import { proposalAssignments, proposalEvaluations, proposalProposers, proposalReplies, proposals } from '@server/db/schema/index';
import { signedIn, type Client, type TestContext } from '../../../../test/helpers';
import { BODY, shiftDay, type MemberClient, type ProposalOrg } from './proposals.fixtures';

let counter = 0;

export interface RepliedOptions {
  /** Extra confirmed co-signers (member clients); the first proposer is created. */
  cosigners?: number;
  /** An invited (not confirmed) co-signer who gets no evaluation row. */
  invited?: boolean;
  /** A collective proposal, acted for by `agent`. */
  collectiveAgent?: Client;
  evaluationDue?: string;
  isPublic?: boolean;
  disclosed?: boolean;
  isKey?: boolean;
  supervisorAccountId?: number | null;
  state?: string;
  body?: string;
  replyBody?: string;
}

/** A replied proposal with a sole unit (o.unit) and its handler; returns the ids and signed-in people. */
export async function repliedProposal(ctx: TestContext, o: ProposalOrg, opts: RepliedOptions = {}) {
  const { db } = ctx.database;
  const first: MemberClient = await o.member();
  const cosigners: MemberClient[] = [];
  for (let i = 0; i < (opts.cosigners ?? 0); i++) cosigners.push(await o.member());
  const collective = opts.collectiveAgent ? await o.collective([opts.collectiveAgent.accountId]) : null;
  const due = opts.evaluationDue ?? shiftDay(o.today, 21);
  const n = ++counter;
  const [p] = await db
    .insert(proposals)
    .values({
      orgId: o.org.id,
      sessionId: o.session?.id ?? null,
      kind: collective ? 'collective' : cosigners.length ? 'joint' : 'individual',
      collectiveId: collective?.id ?? null,
      firstProposerMemberId: collective ? null : first.memberId,
      subject: `关于改善峨溶镇公交出行的建议${n}`,
      body: opts.body ?? BODY,
      categoryId: o.category.id,
      isPublic: opts.isPublic ?? true,
      state: opts.state ?? 'replied',
      number: n,
      numberLabel: `十一届三次会议第${String(n).padStart(4, '0')}号`,
      submittedAt: new Date(),
      registeredAt: new Date(),
      assignMode: 'sole',
      assignedAt: new Date(),
      deadline: shiftDay(o.today, 60),
      isKey: opts.isKey ?? false,
      supervisorAccountId: opts.supervisorAccountId ?? null,
      round: 1,
      repliedAt: new Date(),
      evaluationDue: due,
      disclosedAt: opts.disclosed === false ? null : new Date(),
      createdByAccountId: first.accountId,
    })
    .returning();
  const proposerRows = await db
    .insert(proposalProposers)
    .values([
      collective
        ? { proposalId: p.id, collectiveId: collective.id, role: 'first', status: 'confirmed' }
        : { proposalId: p.id, memberId: first.memberId, role: 'first', status: 'confirmed' },
      ...cosigners.map((c) => ({ proposalId: p.id, memberId: c.memberId, role: 'cosigner', status: 'confirmed' })),
    ])
    .returning();
  let invited: MemberClient | null = null;
  if (opts.invited) {
    invited = await o.member();
    await db.insert(proposalProposers).values({ proposalId: p.id, memberId: invited.memberId, role: 'cosigner', status: 'invited' });
  }
  const handler = await signedIn(ctx, [{ orgId: o.org.id, role: 'unit_handler', unitId: o.unit.id }]);
  const [a] = await db
    .insert(proposalAssignments)
    .values({
      orgId: o.org.id,
      proposalId: p.id,
      unitId: o.unit.id,
      role: 'sole',
      status: 'replied',
      assignedOn: shiftDay(o.today, -60),
      windowEnd: shiftDay(o.today, -46),
      deadline: shiftDay(o.today, 30),
      receivedAt: new Date(),
      repliedAt: new Date(),
    })
    .returning();
  await db.insert(proposalReplies).values({
    orgId: o.org.id,
    proposalId: p.id,
    assignmentId: a.id,
    unitId: o.unit.id,
    round: 1,
    grade: 'A',
    body: opts.replyBody ?? '<p>已开通县城至峨溶镇公交线路。</p>',
    docNumber: '交函〔2026〕12号',
    signer: '张局长',
  });
  const evaluations = await db
    .insert(proposalEvaluations)
    .values(proposerRows.map((r) => ({ orgId: o.org.id, proposalId: p.id, proposerId: r.id, round: 1 })))
    .returning();
  return { p, first, cosigners, invited, collective, handler, assignment: a, proposerRows, evaluations, due };
}

export type Replied = Awaited<ReturnType<typeof repliedProposal>>;

/** The proposal's current version (after steps). */
export async function versionOf(ctx: TestContext, id: number): Promise<number> {
  const [p] = await ctx.database.db.select({ v: proposals.version }).from(proposals).where(eq(proposals.id, id));
  return p.v;
}
