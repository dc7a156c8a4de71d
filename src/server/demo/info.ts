/**
 * Demo 社情民意信息: 秀山 with reports in every state (田晓峰 `xs_member` has a draft, a returned, a submitted and an
 * instructed one), five bulletin issues of 2026, adoptions by 市/全国政协, leader instructions and department
 * feedback; 荣昌 with exactly five leader instructions (市领导批示) on its information reports, which the
 * leadership dashboard counts. Proposals the demo converted to 社情民意 arrive as submitted reports, linked.
 */
import { eq } from 'drizzle-orm';
import type { Tx } from '@server/db/client';
import {
  collectiveProposers,
  convertedItems,
  infoIssueCounters,
  infoIssues,
  infoReportAdoptions,
  infoReportAuthors,
  infoReportFeedback,
  infoReportInstructions,
  infoReportRevisions,
  infoReports,
  members,
  organizations,
  studios,
} from '@server/db/schema/index';
import { writeAuditMany, type AuditActor, type AuditEntry } from '@server/lib/audit';
import { createReportFromProposal } from '@server/modules/info/commands/convert-proposal';
import { INFO_TEXTS, type DemoInfoText } from './info-text';

const ACTOR: AuditActor = { accountId: null, name: 'demo loader', requestId: 'demo-loader' };
type Bump = (k: string, n?: number) => void;
const at = (day: string, time = '10:00') => new Date(`${day}T${time}:00+08:00`);

interface Plan {
  text: DemoInfoText;
  /** First author: a named member, or the n-th member of the organization (by id); '' = none. Co-authors alike. */
  author: string | number;
  co?: Array<string | number>;
  kind?: 'member' | 'collective' | 'studio' | 'officer';
  source?: string;
  status: string;
  submitted?: string;
  /** Issue key (see ISSUES) for issued and later states. */
  issue?: string;
  adoptions?: Array<{ bodyName: string; level: string; on: string }>;
  instructions?: Array<{ leader: string; level: string; text: string; on: string }>;
  feedback?: Array<{ unitName: string; text: string; on: string }>;
  returnComments?: string;
  rejectReason?: string;
  mergedInto?: number;
  revised?: boolean;
}

export async function loadDemoInfo(tx: Tx, bump: Bump): Promise<void> {
  const audits = new Map<number, Array<Omit<AuditEntry, 'orgId'>>>();
  const audit = (orgId: number, entityType: string, entityId: number, action: string, after: Record<string, unknown>, when: Date) => {
    const list = audits.get(orgId) ?? [];
    list.push({ entityType, entityId, action, after, reason: '演示数据 demo data', at: when > new Date() ? new Date() : when });
    audits.set(orgId, list);
  };

  async function loadOrg(code: string, issueDays: Record<string, string>, plans: Plan[], staffName: string) {
    const [org] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, code));
    if (!org) return;
    const ms = await tx
      .select({ id: members.id, name: members.name, accountId: members.accountId })
      .from(members)
      .where(eq(members.orgId, org.id))
      .orderBy(members.id);
    const byName = new Map(ms.map((m) => [m.name, m]));
    const others = ms.filter((m) => m.accountId == null);
    const who = (a: string | number) => (typeof a === 'number' ? others[a] : byName.get(a));
    const cols = await tx
      .select({ id: collectiveProposers.id, name: collectiveProposers.name })
      .from(collectiveProposers)
      .where(eq(collectiveProposers.orgId, org.id));
    const sts = await tx.select({ id: studios.id, name: studios.name }).from(studios).where(eq(studios.orgId, org.id));

    // Bulletin issues: numbered 1… in the order of their days (gapless), counter set to the last.
    const keys = Object.keys(issueDays).sort((a, b) => issueDays[a].localeCompare(issueDays[b]));
    const issueIds = new Map<string, number>();
    const perYear = new Map<number, number>();
    for (const k of keys) {
      const day = issueDays[k];
      const year = Number(day.slice(0, 4));
      const number = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, number);
      const [row] = await tx
        .insert(infoIssues)
        .values({ orgId: org.id, year, number, issuedOn: day, title: '', createdAt: at(day, '16:00'), updatedAt: at(day, '16:00') })
        .returning({ id: infoIssues.id });
      issueIds.set(k, row.id);
      audit(org.id, 'info_issue', row.id, 'create', { year, number, issuedOn: day }, at(day, '16:00'));
    }
    for (const [year, last] of perYear) await tx.insert(infoIssueCounters).values({ orgId: org.id, year, lastNumber: last });
    bump('info_issues', keys.length);

    const ids: number[] = [];
    for (const p of plans) {
      const first = p.author !== '' ? who(p.author) : undefined;
      if (p.author && !first) throw new Error(`demo info: no member ${p.author} in ${code}`);
      const kind = p.kind ?? 'member';
      const collective = kind === 'collective' ? cols.find((c) => c.name === p.source) : undefined;
      const studio = kind === 'studio' ? sts.find((s) => s.name === p.source) : undefined;
      if (kind === 'collective' && !collective) throw new Error(`demo info: no collective ${p.source}`);
      if (kind === 'studio' && !studio) throw new Error(`demo info: no studio ${p.source}`);
      const issueDay = p.issue ? issueDays[p.issue] : undefined;
      const submitted = p.submitted ?? issueDay;
      const created = submitted ? at(submitted, '09:00') : new Date();
      const [row] = await tx
        .insert(infoReports)
        .values({
          orgId: org.id,
          title: p.text.title,
          situation: p.text.situation,
          analysis: p.text.analysis,
          suggestion: p.text.suggestion,
          status: p.status,
          submitterKind: kind,
          submitterName: collective?.name ?? studio?.name ?? (kind === 'officer' ? (p.source ?? staffName) : (first?.name ?? '')),
          collectiveId: collective?.id ?? null,
          studioId: studio?.id ?? null,
          createdByAccountId: first?.accountId ?? null,
          submittedAt: p.status === 'draft' ? null : created,
          issuedAt: issueDay ? at(issueDay, '12:00') : null,
          issueId: p.issue ? issueIds.get(p.issue)! : null,
          archivedAt: p.status === 'archived' ? at(p.feedback?.[0]?.on ?? issueDay ?? '2026-01-01', '17:00') : null,
          returnComments: p.returnComments ?? '',
          rejectReason: p.rejectReason ?? '',
          mergedIntoId: p.mergedInto != null ? ids[p.mergedInto] : null,
          createdAt: created,
          updatedAt: created,
        })
        .returning({ id: infoReports.id });
      ids.push(row.id);
      const authors = [
        ...(first ? [{ reportId: row.id, memberId: first.id, role: 'first' }] : []),
        ...(p.co ?? []).map((n) => {
          const m = who(n);
          if (!m) throw new Error(`demo info: no member ${n} in ${code}`);
          return { reportId: row.id, memberId: m.id, role: 'co' };
        }),
      ];
      if (authors.length) await tx.insert(infoReportAuthors).values(authors);
      audit(org.id, 'info_report', row.id, 'create', { status: p.status, title: p.text.title }, created);
      if (p.revised && issueDay) {
        await tx
          .insert(infoReportRevisions)
          .values({
            orgId: org.id,
            reportId: row.id,
            title: p.text.title.replace('的建议', '的意见建议'),
            situation: p.text.situation,
            analysis: p.text.analysis,
            suggestion: p.text.suggestion,
            editorName: staffName,
            note: '压缩篇幅，规范标题',
            createdAt: at(issueDay, '10:00'),
          });
      }
      if (p.adoptions?.length)
        await tx
          .insert(infoReportAdoptions)
          .values(
            p.adoptions.map((a) => ({
              reportId: row.id,
              orgId: org.id,
              bodyName: a.bodyName,
              level: a.level,
              adoptedOn: a.on,
              createdAt: at(a.on, '15:00'),
            })),
          );
      if (p.instructions?.length)
        await tx
          .insert(infoReportInstructions)
          .values(
            p.instructions.map((i) => ({
              reportId: row.id,
              orgId: org.id,
              leader: i.leader,
              level: i.level,
              text: i.text,
              instructedOn: i.on,
              createdAt: at(i.on, '15:00'),
            })),
          );
      if (p.feedback?.length)
        await tx
          .insert(infoReportFeedback)
          .values(
            p.feedback.map((f) => ({
              reportId: row.id,
              orgId: org.id,
              unitName: f.unitName,
              text: f.text,
              fedBackOn: f.on,
              createdAt: at(f.on, '15:00'),
            })),
          );
      bump('info_adoptions', p.adoptions?.length ?? 0);
      bump('info_instructions', p.instructions?.length ?? 0);
    }
    // Merged sources credit their authors on the target.
    for (const [i, p] of plans.entries()) {
      if (p.mergedInto == null) continue;
      const target = ids[p.mergedInto];
      const src = await tx.select().from(infoReportAuthors).where(eq(infoReportAuthors.reportId, ids[i]));
      const have = await tx.select({ m: infoReportAuthors.memberId }).from(infoReportAuthors).where(eq(infoReportAuthors.reportId, target));
      const add = src
        .filter((a) => !have.some((h) => h.m === a.memberId))
        .map((a) => ({ reportId: target, memberId: a.memberId, role: 'co', creditedViaMergeFrom: ids[i] }));
      if (add.length) await tx.insert(infoReportAuthors).values(add);
    }
    bump('info_reports', plans.length);
  }

  const T = INFO_TEXTS;
  // ── 秀山: every state, five issues of 2026 ──
  await loadOrg(
    'cq-xiushan',
    { a: '2026-02-10', b: '2026-03-16', c: '2026-04-20', d: '2026-06-15', e: '2026-09-08' },
    [
      {
        text: T.xsBusSafety,
        author: '田晓峰',
        status: 'instructed',
        issue: 'c',
        submitted: '2026-04-08',
        revised: true,
        adoptions: [{ bodyName: '重庆市政协', level: 'municipal', on: '2026-05-06' }],
        instructions: [
          {
            leader: '县委书记',
            level: 'county',
            text: '请县交通运输委会同公安、应急部门抓好农村客运安全监管，6月底前报送落实情况。',
            on: '2026-05-12',
          },
        ],
      },
      { text: T.xsMarket, author: '田晓峰', status: 'draft' },
      {
        text: T.xsCold,
        author: '田晓峰',
        status: 'returned',
        submitted: '2026-10-20',
        returnComments: '请补充全县冷链设施数量和损耗率等数据，分析部分再聚焦一些。',
      },
      { text: T.xsTeaBrand, author: '田晓峰', status: 'submitted', submitted: '2026-11-18' },
      { text: T.xsElderMeals, author: 1, status: 'editing', submitted: '2026-11-05' },
      { text: T.xsWater, author: 2, status: 'issued', issue: 'e', submitted: '2026-08-25' },
      {
        text: T.xsEcommerce,
        author: 3,
        status: 'adopted',
        issue: 'd',
        submitted: '2026-06-01',
        adoptions: [
          { bodyName: '重庆市政协', level: 'municipal', on: '2026-07-03' },
          { bodyName: '全国政协', level: 'national', on: '2026-08-20' },
        ],
      },
      {
        text: T.xsSchoolBus,
        author: 4,
        status: 'fed_back',
        issue: 'b',
        submitted: '2026-03-02',
        instructions: [{ leader: '县长', level: 'county', text: '请县教委牵头研究校车运营补贴办法。', on: '2026-03-25' }],
        feedback: [{ unitName: '县教委', text: '已新增校车 8 辆，覆盖 6 个偏远村校，运营补贴纳入 2026 年预算。', on: '2026-05-20' }],
      },
      {
        text: T.xsFlood,
        author: 2,
        status: 'archived',
        issue: 'a',
        submitted: '2026-01-22',
        feedback: [{ unitName: '县水利局', text: '已完成 3 处山洪预警设施改造。', on: '2026-04-10' }],
      },
      { text: T.xsDuplicate, author: 3, status: 'rejected', submitted: '2026-05-10', rejectReason: '所反映问题已在第3期编发，内容重复。' },
      { text: T.xsTourismToilets, author: 4, co: [1], status: 'editing', submitted: '2026-11-10' },
      { text: T.xsTourismSigns, author: 5, status: 'merged', submitted: '2026-11-12', mergedInto: 10 },
      {
        text: T.xsLivestock,
        author: '',
        kind: 'collective',
        source: '民盟秀山县支部',
        status: 'issued',
        issue: 'd',
        submitted: '2026-06-02',
      },
      { text: T.xsYouthJobs, author: '', kind: 'studio', source: '洪安片区政协委员工作室', status: 'submitted', submitted: '2026-11-20' },
      {
        text: T.xsRoadLights,
        author: '',
        kind: 'officer',
        source: '吴丽（县政协信息科）',
        status: 'issued',
        issue: 'a',
        submitted: '2026-02-01',
      },
    ],
    '吴丽',
  );

  // ── 荣昌: five 市领导批示 on information reports (counted by the leadership dashboard) ──
  await loadOrg(
    'cq-rongchang',
    { a: '2025-10-15', b: '2025-12-12', c: '2026-03-10', d: '2026-06-18' },
    [
      {
        text: T.rcPigGermplasm,
        author: '葛志鹏',
        status: 'instructed',
        issue: 'b',
        adoptions: [{ bodyName: '重庆市政协', level: 'municipal', on: '2025-12-20' }],
        instructions: [
          {
            leader: '市政府分管领导',
            level: 'municipal',
            text: '荣昌猪种质资源保护很重要，请市农业农村委支持荣昌建好保种场。',
            on: '2025-12-26',
          },
        ],
      },
      {
        text: T.rcTechTransfer,
        author: '葛志鹏',
        status: 'fed_back',
        issue: 'b',
        instructions: [
          { leader: '市委分管领导', level: 'municipal', text: '请市科技局研究支持生猪科技成果就地转化的政策措施。', on: '2026-01-08' },
        ],
        feedback: [{ unitName: '区科技局', text: '已出台成果转化奖补办法，首批支持项目 6 个。', on: '2026-04-02' }],
      },
      {
        text: T.rcFinance,
        author: '',
        kind: 'collective',
        source: '民进荣昌区委会',
        status: 'instructed',
        issue: 'c',
        adoptions: [{ bodyName: '重庆市政协', level: 'municipal', on: '2026-03-28' }],
        instructions: [
          { leader: '市政府分管领导', level: 'municipal', text: '请市金融监管部门指导荣昌开展畜牧业活体抵押贷款试点。', on: '2026-04-09' },
        ],
      },
      {
        text: T.rcVet,
        author: '',
        kind: 'studio',
        source: '“荣猪兴业”委员工作室',
        status: 'archived',
        issue: 'a',
        instructions: [
          { leader: '市委分管领导', level: 'municipal', text: '基层兽医队伍建设要纳入乡村人才振兴统筹考虑。', on: '2025-11-03' },
        ],
        feedback: [{ unitName: '区畜牧发展中心', text: '已定向招录村级防疫员 24 名。', on: '2026-01-15' }],
      },
      {
        text: T.rcManure,
        author: '葛志鹏',
        status: 'instructed',
        issue: 'd',
        instructions: [
          {
            leader: '市政府分管领导',
            level: 'municipal',
            text: '请市生态环境局会同市农业农村委研究畜禽粪污资源化利用支持政策。',
            on: '2026-07-02',
          },
        ],
      },
      { text: T.rcCeramics, author: '', kind: 'collective', source: '民盟荣昌区委会', status: 'issued', issue: 'd' },
      { text: T.rcSummer, author: '葛志鹏', status: 'submitted', submitted: '2026-11-16' },
    ],
    '何敏',
  );

  // ── Proposals the demo converted to 社情民意 arrive as submitted reports, linked to their origin ──
  const conv = await tx
    .select({
      id: convertedItems.id,
      orgId: convertedItems.orgId,
      proposalId: convertedItems.originProposalId,
      at: convertedItems.createdAt,
    })
    .from(convertedItems)
    .where(eq(convertedItems.kind, 'social_info'));
  for (const c of conv) {
    if (c.proposalId == null) continue;
    const id = await createReportFromProposal(tx, ACTOR, {
      proposalId: c.proposalId,
      convertedItemId: c.id,
      reason: '提案不予立案，转社情民意',
    });
    await tx.update(infoReports).set({ submittedAt: c.at, createdAt: c.at, updatedAt: c.at }).where(eq(infoReports.id, id));
  }
  bump('info_reports_from_proposals', conv.length);
  for (const [orgId, entries] of audits) await writeAuditMany(tx, ACTOR, orgId, entries);
}
