/**
 * Official documents of the proposal work as Word files: 交办函 (the office's assignment letter), 答复函 (a unit's
 * reply letter) and 提案汇编 (a session's compilation). Loading is a fixed number of queries per document — the
 * compilation reads every proposal and every proposer of the session in two queries, whatever their number.
 */
import type { FastifyRequest } from 'fastify';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { pick } from '@common/messages';
import {
  ASSIGN_MODE_LABELS,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_READER_ROLES,
  PROPOSAL_STATE_LABELS,
  REGISTERED_STATES,
  type AssignMode,
  type AssignmentRole,
  type ProposalKind,
  type ProposalState,
} from '@common/proposals';
import type { Db, DbOrTx } from '@server/db/client';
import {
  collectiveProposers,
  members,
  organizations,
  plenarySessions,
  proposalCategories,
  proposalProposers,
  proposalReplies,
  proposals,
  units,
} from '@server/db/schema/index';
import { unitIdsIn } from '@server/lib/context';
import {
  blankLine,
  bodyParagraph,
  chineseDate,
  keyValueTable,
  labelParagraph,
  letterhead,
  listParagraph,
  officialDocument,
  officialSection,
  packDocx,
  plainParagraph,
  signatureBlock,
  titleParagraph,
} from '@server/lib/docx';
import { htmlToBlocks } from '@server/lib/docx-html';
import { AppError, notFound } from '@server/lib/errors';
import { todayInChina } from '@server/lib/workdays';
import { HeadingLevel, Paragraph, TableOfContents, TextRun, type FileChild, type ISectionOptions } from 'docx';
import * as assignmentsRepo from './assignments.repo';
import { actsForUnit } from './commands/assignment-steps';
import { actorsFor, visibleTo } from './proposals.access';
import * as repo from './proposals.repo';
import { sanitizeBody } from './proposals.text';

type Lang = FastifyRequest['lang'];
export interface DocxFile {
  filename: string;
  /** ASCII fallback name for old clients. */
  ascii: string;
  buf: Buffer;
}

/** States from 交办 on: the assignment letter exists. */
export const ASSIGNED_STATES: readonly ProposalState[] = ['assigned', 'handling', 'replied', 'evaluated', 'closed', 'rehandling'];

const DOCUMENT_NAMES = {
  assignmentLetter: { zh: '交办函', en: 'assignment letter' },
  replyLetter: { zh: '答复函', en: 'reply letter' },
} as const;

const refusedState = (lang: Lang, state: string, doc: keyof typeof DOCUMENT_NAMES) =>
  new AppError(409, 'proposal_document_state', {
    params: {
      state: pick(PROPOSAL_STATE_LABELS[state as ProposalState] ?? { zh: state, en: state }, lang),
      document: pick(DOCUMENT_NAMES[doc], lang),
    },
    details: { state },
  });

const dayOf = (d: Date | string | null | undefined) => (d ? todayInChina(d instanceof Date ? d : new Date(d)) : todayInChina());
const shortNumber = (n: number | null) => (n == null ? '' : `第${String(n).padStart(4, '0')}号`);
const proposalLabel = (p: { numberLabel: string | null; subject: string }) => p.numberLabel ?? `《${p.subject}》`;
const joinNames = (names: string[]) => names.filter(Boolean).join('、');

async function orgName(db: DbOrTx, orgId: number): Promise<string> {
  const [o] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, orgId));
  return o?.name ?? '';
}

/** Confirmed proposers of the proposal (first first), as names. */
async function proposerNames(db: DbOrTx, proposalId: number) {
  return (await repo.proposersOf(db, proposalId)).filter((r) => r.status === 'confirmed');
}

/** The proposal text as an attachment / compilation entry: 案由 (title), proposers, category, body. */
function proposalText(p: { subject: string; body: string }, lines: string[]): ISectionOptions['children'] {
  return [
    titleParagraph(p.subject || '（无案由）'),
    ...lines.map((l) => plainParagraph(l, 'center')),
    blankLine(),
    ...htmlToBlocks(sanitizeBody(p.body)),
  ];
}

// ── 交办函 ───────────────────────────────────────────────────
/** The letter of one assigned proposal (the caller has checked the organization and the state). */
async function assignmentLetterChildren(db: Db, p: repo.ProposalRow, org: string) {
  const [proposers, rows, settings, category] = await Promise.all([
    proposerNames(db, p.id),
    assignmentsRepo.assignmentsOf(db, p.id),
    repo.loadSettings(db, p.orgId),
    p.categoryId ? repo.getCategory(db, p.categoryId) : Promise.resolve(undefined),
  ]);
  const order: Record<string, number> = { lead: 0, sole: 0, separate: 1, co: 2 };
  const open = rows
    .filter((r) => r.a.status !== 'closed')
    .sort((x, y) => (order[x.a.role] ?? 9) - (order[y.a.role] ?? 9) || x.a.id - y.a.id);
  const byRole = (...roles: AssignmentRole[]) => open.filter((r) => roles.includes(r.a.role as AssignmentRole)).map((r) => r.unitName);
  const mode = (p.assignMode ?? 'sole') as AssignMode;
  const modeLabel = ASSIGN_MODE_LABELS[mode]?.zh ?? mode;
  const label = proposalLabel(p);
  const names = joinNames(proposers.map((r) => r.name));
  const deadline =
    p.deadline ??
    open
      .map((r) => r.a.deadline)
      .sort()
      .at(-1) ??
    '';
  const provisional = p.deadlineProvisional || open.some((r) => r.a.deadlineProvisional);
  const windowEnds = [...new Set(open.map((r) => r.a.windowEnd))].sort();
  const opinionDue = open.find((r) => r.a.role === 'co' && r.a.opinionDue)?.a.opinionDue ?? null;
  const cfg = settings.config;
  const office = `${org}提案委员会`;
  const date = chineseDate(dayOf(p.assignedAt));

  const unitLines: Array<[string, string]> =
    mode === 'lead_co'
      ? [
          ['主办单位', joinNames(byRole('lead'))],
          ['协办单位', joinNames(byRole('co'))],
        ]
      : [[mode === 'separate' ? '分办单位' : '承办单位', joinNames(byRole('separate', 'sole', 'lead'))]];
  const provisionalNote = provisional ? '（所在年度法定节假日安排尚未公布，期限暂定，届时以公布的安排为准）' : '';
  const facts: Array<[string, string]> = [
    ['提案编号', p.numberLabel ?? ''],
    ['案由', p.subject],
    ['提案人', names],
    ...(category ? ([['提案类别', category.name]] as Array<[string, string]>) : []),
    ['交办方式', modeLabel + (p.isKey ? '（重点提案）' : '')],
    ...unitLines,
    ['签收及申请调整截止', windowEnds.map(chineseDate).join('、') + `（交办之日起${cfg.adjustmentWindowWorkdays}个工作日内）`],
    ...(opinionDue ? ([['协办意见送达', `${chineseDate(opinionDue)}前`]] as Array<[string, string]>) : []),
    ['答复期限', deadline ? `${chineseDate(deadline)}前${provisionalNote}` : ''],
  ];
  const addressees = joinNames(open.map((r) => r.unitName));
  const children: ISectionOptions['children'] = [
    letterhead(office),
    titleParagraph(`关于交办${label}提案的函`),
    plainParagraph(`${addressees}：`),
    bodyParagraph(
      `现将${label}提案《${p.subject}》（提案人：${names}）交由你单位办理，交办方式为${modeLabel}${p.isKey ? '，列为重点提案' : ''}。具体事项如下：`,
    ),
    keyValueTable(facts),
    blankLine(),
    bodyParagraph(
      `请各承办单位于${windowEnds.length ? chineseDate(windowEnds.at(-1)!) : ''}前签收。如认为不属于本单位职责范围，请在上述期限内向${office}说明理由、申请调整，不得自行转办。`,
    ),
    ...(mode === 'lead_co' && opinionDue
      ? [bodyParagraph(`协办单位请于${chineseDate(opinionDue)}前将协办意见送主办单位，由主办单位会签后统一答复。`)]
      : []),
    bodyParagraph(
      `请于${deadline ? chineseDate(deadline) : ''}前${provisionalNote}将办理结果书面答复提案人，同时抄送${office}。办理前和办理中请主动与提案人沟通联系。确需延期的，请在期限届满前提出申请，延期不超过${cfg.extensionMonths}个月。`,
    ),
    blankLine(),
    plainParagraph('附件：提案原文'),
    ...signatureBlock([office, date]),
    labelParagraph('附件', { pageBreakBefore: true }),
    ...proposalText(p, [`${p.numberLabel ?? ''}\u3000提案人：${names}`]),
  ];
  return { children, title: `关于交办${label}提案的函`, office };
}

export async function assignmentLetter(req: FastifyRequest, db: Db, proposalId: number): Promise<DocxFile> {
  const p = await repo.getProposal(db, proposalId);
  if (!p) throw notFound();
  req.authorize(p.orgId);
  if (!ASSIGNED_STATES.includes(p.state as ProposalState)) throw refusedState(req.lang, p.state, 'assignmentLetter');
  const { children, title, office } = await assignmentLetterChildren(db, p, await orgName(db, p.orgId));
  const doc = officialDocument({ title, creator: office, sections: [officialSection(children)] });
  return { filename: `交办函-${p.numberLabel ?? p.id}.docx`, ascii: `assignment-letter-${p.id}.docx`, buf: await packDocx(doc) };
}

/**
 * 交办函 of several proposals in one Word file (one section each, so every letter starts on a new page), in the
 * order asked: what the clerk prints after a 批量交办. A proposal of another organization (or none) is 404, one not yet
 * assigned is 409 naming it, before anything is built.
 */
export async function assignmentLetters(req: FastifyRequest, db: Db, orgId: number, ids: number[]): Promise<DocxFile> {
  req.authorize(orgId);
  const rows = new Map((await repo.getProposals(db, ids)).map((p) => [p.id, p]));
  const list = ids.map((id) => {
    const p = rows.get(id);
    if (!p || p.orgId !== orgId) throw notFound();
    if (!ASSIGNED_STATES.includes(p.state as ProposalState))
      throw new AppError(409, 'proposal_document_state_of', {
        field: 'ids',
        params: {
          label: proposalLabel(p),
          state: pick(PROPOSAL_STATE_LABELS[p.state as ProposalState] ?? { zh: p.state, en: p.state }, req.lang),
        },
        details: { proposalId: id, state: p.state },
      });
    return p;
  });
  const org = await orgName(db, orgId);
  const sections: ISectionOptions[] = [];
  let office = `${org}提案委员会`;
  for (const p of list) {
    const letter = await assignmentLetterChildren(db, p, org);
    office = letter.office;
    sections.push(officialSection(letter.children, { restartNumbering: true }));
  }
  const doc = officialDocument({ title: `交办函（${list.length} 件）`, creator: office, sections });
  return { filename: `交办函-${list.length}件-${todayInChina()}.docx`, ascii: `assignment-letters-${list.length}.docx`, buf: await packDocx(doc) };
}

// ── 答复函 ───────────────────────────────────────────────────
export async function replyLetter(req: FastifyRequest, db: Db, assignmentId: number): Promise<DocxFile> {
  const a = await assignmentsRepo.getAssignment(db, assignmentId);
  if (!a) throw notFound();
  const actor = req.authorize(a.orgId);
  const p = await repo.getProposal(db, a.proposalId);
  if (!p) throw notFound();
  const rel = await repo.relationOf(db, p.id, actor.accountId);
  const actors = actorsFor(actor, p.orgId, rel);
  const ownUnit = actsForUnit(actor, a);
  if (!ownUnit && !(await visibleTo(db, actor, actors, rel, p))) throw notFound();
  // Those who see it only because it is public get the letter without the unit's contact details.
  const insider =
    ownUnit ||
    rel.length > 0 ||
    PROPOSAL_READER_ROLES.some((r) => actors.has(r)) ||
    (await assignmentsRepo.openAssignedTo(db, p.id, unitIdsIn(actor, p.orgId)));

  const [reply] = await db
    .select({ r: proposalReplies, unitName: units.name, contactName: units.contactName, contactPhone: units.contactPhone })
    .from(proposalReplies)
    .innerJoin(units, eq(units.id, proposalReplies.unitId))
    .where(eq(proposalReplies.assignmentId, a.id))
    .orderBy(desc(proposalReplies.round), desc(proposalReplies.id))
    .limit(1);
  if (!reply) throw new AppError(409, 'proposal_document_no_reply');

  const [org, proposers, settings, siblings] = await Promise.all([
    orgName(db, p.orgId),
    repo.proposersOf(db, p.id),
    repo.loadSettings(db, p.orgId),
    a.role === 'lead' ? assignmentsRepo.assignmentsOf(db, p.id) : Promise.resolve([]),
  ]);
  // The lead unit's reply is copied to the co-handling units (会办单位) of the same round.
  const coUnits = siblings.filter((r) => r.a.role === 'co' && r.a.status !== 'closed').map((r) => r.unitName);
  const first = proposers.find((r) => r.role === 'first' && r.creditedViaMergeFrom == null) ?? proposers[0];
  const salutation = !first ? '提案人：' : first.memberId != null ? `尊敬的${first.name}委员：` : `${first.name}：`;
  const grade = settings.config.gradeLabels.find((g) => g.code === reply.r.grade);
  const label = proposalLabel(p);
  const contact = [reply.contactName && `联系人：${reply.contactName}`, reply.contactPhone && `联系电话：${reply.contactPhone}`]
    .filter(Boolean)
    .join('\u3000');

  const children: ISectionOptions['children'] = [
    plainParagraph(`答复类别：${reply.r.grade}类${grade ? `（${grade.label}）` : ''}`),
    plainParagraph(`签发人：${reply.r.signer}`, 'right'),
    blankLine(),
    titleParagraph(reply.unitName),
    titleParagraph(`对${org}${label}提案的答复`),
    ...(reply.r.docNumber ? [plainParagraph(reply.r.docNumber, 'center'), blankLine()] : []),
    plainParagraph(salutation),
    ...(reply.r.round > 1 ? [bodyParagraph(`（第${reply.r.round}轮办理答复）`)] : []),
    ...htmlToBlocks(sanitizeBody(reply.r.body)),
    ...signatureBlock([reply.unitName, chineseDate(dayOf(reply.r.repliedAt))]),
    blankLine(),
    ...(insider && contact ? [plainParagraph(`（${contact}）`)] : []),
    plainParagraph(`抄送：${joinNames([`${org}提案委员会`, ...coUnits])}`),
  ];
  const doc = officialDocument({ title: `对${label}提案的答复`, creator: reply.unitName, sections: [officialSection(children)] });
  return {
    filename: `答复函-${p.numberLabel ?? p.id}-${reply.unitName}.docx`,
    ascii: `reply-letter-${p.id}-${a.id}.docx`,
    buf: await packDocx(doc),
  };
}

// ── 提案汇编 ─────────────────────────────────────────────────
export interface CompilationTiming {
  proposals: number;
  loadMs: number;
  buildMs: number;
  packMs: number;
}

export async function compilation(
  req: FastifyRequest,
  db: Db,
  sessionId: number,
  timing?: (t: CompilationTiming) => void,
): Promise<DocxFile> {
  const [session] = await db.select().from(plenarySessions).where(eq(plenarySessions.id, sessionId));
  if (!session) throw notFound();
  req.authorize(session.orgId);
  const t0 = performance.now();
  const states = [...REGISTERED_STATES];
  const inSession = and(eq(proposals.orgId, session.orgId), eq(proposals.sessionId, session.id), inArray(proposals.state, states));
  const [org, rows, people] = await Promise.all([
    orgName(db, session.orgId),
    db
      .select({
        id: proposals.id,
        number: proposals.number,
        numberLabel: proposals.numberLabel,
        subject: proposals.subject,
        body: proposals.body,
        kind: proposals.kind,
        isKey: proposals.isKey,
        categoryName: proposalCategories.name,
      })
      .from(proposals)
      .leftJoin(proposalCategories, eq(proposalCategories.id, proposals.categoryId))
      .where(inSession)
      .orderBy(sql`${proposals.number} asc nulls last`, asc(proposals.id)),
    db
      .select({ proposalId: proposalProposers.proposalId, name: sql<string>`coalesce(${members.name}, ${collectiveProposers.name}, '')` })
      .from(proposalProposers)
      .innerJoin(proposals, eq(proposals.id, proposalProposers.proposalId))
      .leftJoin(members, eq(members.id, proposalProposers.memberId))
      .leftJoin(collectiveProposers, eq(collectiveProposers.id, proposalProposers.collectiveId))
      .where(and(inSession, eq(proposalProposers.status, 'confirmed')))
      .orderBy(
        asc(proposalProposers.proposalId),
        sql`case when ${proposalProposers.role} = 'first' then 0 else 1 end`,
        asc(proposalProposers.id),
      ),
  ]);
  const namesOf = new Map<number, string[]>();
  for (const r of people) {
    const list = namesOf.get(r.proposalId) ?? [];
    list.push(r.name);
    namesOf.set(r.proposalId, list);
  }
  const t1 = performance.now();

  const title = `${org}${session.name}提案汇编`;
  const entryTitle = (r: (typeof rows)[number]) => `${shortNumber(r.number)}\u3000${r.subject || '（无案由）'}`;
  const cover: ISectionOptions['children'] = [
    blankLine(),
    blankLine(),
    blankLine(),
    titleParagraph(org),
    titleParagraph(session.name),
    titleParagraph('提案汇编'),
    blankLine(),
    plainParagraph(`共${rows.length}件`, 'center'),
    plainParagraph(`${org}提案委员会\u3000编`, 'center'),
    plainParagraph(chineseDate(todayInChina()), 'center'),
  ];
  // The TOC field is left for Word to fill in (with page numbers) when fields are updated; the plain list after it
  // reads without that. Writing the field's own 1,000 cached entries too would double the document's build time.
  const contents: ISectionOptions['children'] = [
    titleParagraph('目\u3000录', { pageBreakBefore: true }),
    new TableOfContents('目录', {
      hyperlink: true,
      headingStyleRange: '1-1',
      contentChildren: [plainParagraph('（目录及页码在 Word 中“更新域”后生成；各提案见下方提案目录）', 'center')],
    }),
    titleParagraph('提案目录', { pageBreakBefore: true }),
    ...rows.map((r) =>
      listParagraph(`${shortNumber(r.number)}\u3000${r.subject || '（无案由）'}\u3000${joinNames(namesOf.get(r.id) ?? [])}`),
    ),
  ];
  const body: FileChild[] = [];
  for (const r of rows) {
    const names = joinNames(namesOf.get(r.id) ?? []);
    const kind = PROPOSAL_KIND_LABELS[r.kind as ProposalKind]?.zh ?? '';
    body.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(entryTitle(r))] }),
      plainParagraph(`提案人：${names}`, 'center'),
      plainParagraph(
        [r.categoryName ? `类别：${r.categoryName}` : '', kind ? `类型：${kind}` : '', r.isKey ? '重点提案' : '']
          .filter(Boolean)
          .join('\u3000'),
        'center',
      ),
      blankLine(),
      ...htmlToBlocks(sanitizeBody(r.body)),
    );
  }
  const doc = officialDocument({
    title,
    creator: `${org}提案委员会`,
    sections: [officialSection(cover, { pageNumbers: false }), officialSection([...contents, ...body], { restartNumbering: true })],
  });
  const t2 = performance.now();
  const buf = await packDocx(doc);
  const t3 = performance.now();
  timing?.({ proposals: rows.length, loadMs: Math.round(t1 - t0), buildMs: Math.round(t2 - t1), packMs: Math.round(t3 - t2) });
  return { filename: `提案汇编-${session.name}.docx`, ascii: `proposal-compilation-${session.id}.docx`, buf };
}
