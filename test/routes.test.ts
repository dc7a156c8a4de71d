/**
 * Route coverage: every /api route declares its permission (or public), and a user of another organization
 * gets 404 on every route that names a record or an organization. A route this file does not know fails the
 * test, so new routes must be added here with a valid body (a 400 from validation would hide a missing 404).
 */
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@common/roles';
import {
  activities,
  activityOrgs,
  activityOutcomes,
  activityParticipants,
  problemIssueUnits,
  problemIssues,
  collectiveProposers,
  committees,
  memberGroups,
  members,
  notifications,
  plenarySessions,
  proposalAssignments,
  proposalAttachments,
  proposalCategories,
  proposalProposers,
  proposals,
  roleGrants,
  sectors,
  studios,
  terms,
  // coop
  campaigns,
  coopItems,
  coopParties,
  coopPoints,
  recordLinks,
  studioRequests,
  studioShifts,
  // ── info (社情民意) ──
  infoIssues,
  infoReports,
  leaderAttendances,
  workFulfilments,
  workObligations,
} from '@server/db/schema/index';
import { DEFAULT_PROPOSAL_SETTINGS } from '@common/proposals';
import { DEFAULT_ACTIVITY_SETTINGS } from '@common/activities';
import { DEFAULT_DUTY_SETTINGS } from '@common/duty';
import { DEFAULT_RATING_CONFIG } from '@common/studios';
import { dutyManualEntries } from '@server/db/schema/index';
import authPlugin from '@server/plugins/auth';
import { writeAudit } from '@server/lib/audit';
import { createAccount, createOrg, createTestApp, createUnit, login, type Client, type TestContext } from './helpers';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

const apiRoutes = () => ctx.app.routeList.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/** Routes that name no organization or record: national data, or the caller's own things. */
const NOT_TENANT_SCOPED: Record<string, string> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'own session',
  'GET /api/auth/me': 'own session',
  'POST /api/auth/password': 'own account',
  'POST /api/auth/switch-org': 'body orgId — tested below',
  'GET /api/orgs': 'lists only own organizations — tested below',
  'POST /api/orgs': 'platform admins only — tested below',
  'GET /api/me': 'own profile',
  'PATCH /api/me': 'own profile',
  'GET /api/notifications': 'own notifications — tested below',
  'GET /api/notifications/unread-count': 'own notifications',
  'POST /api/notifications/read-all': 'own notifications',
  'GET /api/calendar/compute': 'national calendar',
  'GET /api/calendar/days': 'national calendar',
  'GET /api/calendar/overrides': 'national calendar',
  'PUT /api/calendar/overrides/:day': 'platform admins only',
  'DELETE /api/calendar/overrides/:day': 'platform admins only',
  'GET /api/calendar/years': 'national calendar',
  'PUT /api/calendar/years/:year': 'platform admins only',
  'GET /api/public/orgs/:code/proposals': 'public disclosure page (only public, replied proposals; no contact details)',
  'GET /api/public/proposals/:id': 'public disclosure page (only public, replied proposals; no contact details)',
};

describe('route declarations', () => {
  it('every API route declares a permission or public', () => {
    const undeclared = apiRoutes().filter((r) => !r.config.public && !r.config.permission);
    expect(undeclared).toEqual([]);
    expect(apiRoutes().length).toBeGreaterThan(40);
  });

  it('registering a route that declares neither fails', async () => {
    const app = Fastify();
    await app.register(cookie);
    await app.register(authPlugin);
    expect(() => app.get('/api/undeclared', async () => 'x')).toThrow(/declares neither/);
    expect(() => app.get('/api/unknown-perm', { config: { permission: 'nope.nothing' } }, async () => 'x')).toThrow(/unknown permission/);
    await app.close();
  });
});

describe('another organization gets 404', () => {
  let a: { id: number };
  let outsider: Client;
  let outsiderOrgId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const { db } = ctx.database;
    a = await createOrg(ctx.database);
    const b = await createOrg(ctx.database);
    outsiderOrgId = b.id;
    const unitA = await createUnit(ctx.database, a.id);
    const unitB = await createUnit(ctx.database, b.id);
    const [term] = await db.insert(terms).values({ orgId: a.id, number: 11, startDate: '2022-01-01' }).returning();
    const [session] = await db
      .insert(plenarySessions)
      .values({ orgId: a.id, termId: term.id, number: 3, name: '十一届三次会议', startDate: '2026-01-10', endDate: '2026-01-13' })
      .returning();
    const [sector] = await db.insert(sectors).values({ orgId: a.id, name: '经济界' }).returning();
    await db.insert(committees).values({ orgId: a.id, name: '提案委员会' });
    await db.insert(memberGroups).values({ orgId: a.id, name: '第一小组' });
    const [studio] = await db.insert(studios).values({ orgId: a.id, name: '工作室' }).returning();
    const ownerA = await createAccount(ctx.database, [{ orgId: a.id, role: 'member' }]);
    const [member] = await db.insert(members).values({ orgId: a.id, name: '田某', accountId: ownerA.id }).returning();
    const [collective] = await db.insert(collectiveProposers).values({ orgId: a.id, kind: 'party', name: '民建某区委会' }).returning();
    const [grant] = await db.insert(roleGrants).values({ accountId: ownerA.id, orgId: a.id, role: 'leader' }).returning();
    const [note] = await db.insert(notifications).values({ accountId: ownerA.id, orgId: a.id, kind: 'test', title: '通知' }).returning();
    await db.transaction((tx) =>
      writeAudit(
        tx,
        { accountId: ownerA.id, name: 'x', requestId: 'r' },
        { orgId: a.id, entityType: 'member', entityId: member.id, action: 'create' },
      ),
    );
    Object.assign(ids, {
      term: term.id,
      session: session.id,
      sector: sector.id,
      member: member.id,
      collective: collective.id,
      unit: unitA.id,
      grant: grant.id,
      notification: note.id,
      account: ownerA.id,
    });
    const [proposalCategory] = await db.insert(proposalCategories).values({ orgId: a.id, name: '经济建设' }).returning();
    const [proposal] = await db
      .insert(proposals)
      .values({
        orgId: a.id,
        sessionId: session.id,
        kind: 'individual',
        firstProposerMemberId: member.id,
        subject: '关于x的建议',
        body: '<p>x</p>',
        state: 'submitted',
        isPublic: true,
        createdByAccountId: ownerA.id,
      })
      .returning();
    await db.insert(proposalProposers).values({ proposalId: proposal.id, memberId: member.id, role: 'first', status: 'confirmed' });
    Object.assign(ids, { proposal: proposal.id, proposalCategory: proposalCategory.id });
    const [assignment] = await db
      .insert(proposalAssignments)
      .values({
        orgId: a.id,
        proposalId: proposal.id,
        unitId: unitA.id,
        role: 'sole',
        assignedOn: '2026-01-20',
        windowEnd: '2026-02-03',
        deadline: '2026-04-20',
      })
      .returning();
    ids.assignment = assignment.id;
    const [attachment] = await db
      .insert(proposalAttachments)
      .values({ orgId: a.id, proposalId: proposal.id, filename: 'x.pdf', ext: 'pdf', mime: 'application/pdf', size: 4, sha256: 'x', content: Buffer.from('%PDF') })
      .returning();
    ids.attachment = attachment.id;
    // Activities: an activity with a participant, an outcome and a problem-list issue sent to unit A.
    const [activity] = await db
      .insert(activities)
      .values({ orgId: a.id, type: '专题协商会', topic: '协商', organizerKind: 'office', organizerName: '办公室', startsAt: new Date('2025-12-05T01:00:00Z'), endsAt: new Date('2025-12-05T04:00:00Z') })
      .returning();
    const [participant] = await db.insert(activityParticipants).values({ orgId: a.id, activityId: activity.id, kind: 'member', memberId: member.id, name: '田某' }).returning();
    const [outcome] = await db.insert(activityOutcomes).values({ orgId: a.id, activityId: activity.id, kind: 'consultation_report', title: '协商报告' }).returning();
    const [issue] = await db.insert(problemIssues).values({ orgId: a.id, outcomeId: outcome.id, activityId: activity.id, seq: 1, title: '问题', responseDue: '2026-01-20' }).returning();
    await db.insert(problemIssueUnits).values({ orgId: a.id, issueId: issue.id, unitId: unitA.id });
    Object.assign(ids, { activity: activity.id, participant: participant.id, outcome: outcome.id, issue: issue.id });
    // Joint activities: A's activity is joint with a third organization C (accepted); the outsider is in neither.
    const c = await createOrg(ctx.database);
    const [jointRow] = await db.insert(activityOrgs).values({ activityId: activity.id, orgId: c.id, hostOrgId: a.id, startsAt: activity.startsAt, status: 'accepted' }).returning();
    ids.activityOrg = jointRow.id;
    // Cooperation (coop): a campaign, an item with a party and a point, a link from the item to the activity.
    const [campaign] = await db.insert(campaigns).values({ orgId: a.id, name: '唱响双城记', startDate: '2025-03-01' }).returning();
    const [coopItem] = await db.insert(coopItems).values({ orgId: a.id, title: '渝石进川', campaignId: campaign.id }).returning();
    const [party] = await db.insert(coopParties).values({ itemId: coopItem.id, partyOrgId: a.id, name: '本组织' }).returning();
    const [point] = await db.insert(coopPoints).values({ itemId: coopItem.id, seq: 1, content: '专列', ownerPartyId: party.id }).returning();
    const [link] = await db.insert(recordLinks).values({ orgId: a.id, fromType: 'cooperation_item', fromId: coopItem.id, toType: 'activity', toId: activity.id }).returning();
    Object.assign(ids, { studio: studio.id, campaign: campaign.id, coopItem: coopItem.id, coopPoint: point.id, link: link.id });
    // Studio work: a shift and a public request of the member at the studio.
    const [shift] = await db.insert(studioShifts).values({ orgId: a.id, studioId: studio.id, memberId: member.id, day: '2025-05-07', slot: 'am' }).returning();
    const [studioRequest] = await db
      .insert(studioRequests)
      .values({ orgId: a.id, studioId: studio.id, requesterName: '张某', content: '诉求', receivedOn: '2025-05-07', receivedByMemberId: member.id })
      .returning();
    Object.assign(ids, { shift: shift.id, studioRequest: studioRequest.id });
    // ── info (社情民意): an issued report in a bulletin issue ──
    const [infoIssue] = await db.insert(infoIssues).values({ orgId: a.id, year: 2026, number: 1, issuedOn: '2026-03-02' }).returning();
    const [infoReport] = await db
      .insert(infoReports)
      .values({ orgId: a.id, title: '关于x的建议', suggestion: '建议', status: 'editing', submitterName: '田某', createdByAccountId: ownerA.id, submittedAt: new Date(), issueId: infoIssue.id })
      .returning();
    Object.assign(ids, { infoIssue: infoIssue.id, infoReport: infoReport.id });
    // Duty records: a manual entry of the member.
    const [dutyManual] = await db.insert(dutyManualEntries).values({ orgId: a.id, memberId: member.id, item: '志愿服务', points: 2, occurredOn: '2025-07-01' }).returning();
    ids.dutyManual = dutyManual.id;

    // Work system: an obligation with a fulfilment, and a leader's attendance at the activity.
    const [obligation] = await db.insert(workObligations).values({ orgId: a.id, code: 'report_hearing', name: '听取汇报', frequency: 'months', everyMonths: 2, startDate: '2025-01-01' }).returning();
    const [fulfilment] = await db.insert(workFulfilments).values({ orgId: a.id, obligationId: obligation.id, fulfilledOn: '2025-03-01', note: '听取汇报' }).returning();
    const [leaderAtt] = await db.insert(leaderAttendances).values({ orgId: a.id, activityId: activity.id, leaderName: '张某' }).returning();
    Object.assign(ids, { obligation: obligation.id, fulfilment: fulfilment.id, leaderAttendance: leaderAtt.id });

    // The outsider holds every organization role in B (not platform admin).
    const roles = ROLES.filter((r) => r !== 'platform_admin') as Role[];
    const acc = await createAccount(
      ctx.database,
      roles.map((role) => ({ orgId: b.id, role, unitId: role === 'unit_handler' ? unitB.id : null })),
    );
    outsider = await login(ctx.app, acc.username);
  });

  /** Valid bodies, so that the tenant check (not validation) decides. */
  const BODIES: Record<string, unknown> = {
    'PATCH /api/orgs/:orgId': { name: '改名', version: 1 },
    'POST /api/orgs/:orgId/terms': { number: 12, startDate: '2027-01-01' },
    'PATCH /api/terms/:id': { endDate: '2027-01-01', version: 1 },
    'POST /api/orgs/:orgId/sessions': { termId: 1, number: 4, startDate: '2027-01-10', endDate: '2027-01-12' },
    'PATCH /api/sessions/:id': { name: '改名', version: 1 },
    'POST /api/orgs/:orgId/catalogs/:catalog': { name: '新界别' },
    'PATCH /api/catalogs/:catalog/:id': { name: '改名', version: 1 },
    'POST /api/orgs/:orgId/members': { name: '新委员' },
    'PATCH /api/members/:id': { name: '改名', version: 1 },
    'POST /api/orgs/:orgId/collectives': { kind: 'party', name: '新党派' },
    'PATCH /api/collectives/:id': { name: '改名', version: 1 },
    'POST /api/orgs/:orgId/units': { name: '新单位', unitGroup: 'government' },
    'PATCH /api/units/:id': { name: '改名', version: 1 },
    'POST /api/orgs/:orgId/accounts': { username: 'newone', displayName: '新人', grants: [{ role: 'member' }] },
    'PATCH /api/orgs/:orgId/accounts/:id': { displayName: '改名', version: 1 },
    'POST /api/orgs/:orgId/accounts/:id/reset-password': {},
    'POST /api/orgs/:orgId/grants': { accountId: 1, role: 'member' },
    'POST /api/notifications/:id/read': {},
    'POST /api/orgs/:orgId/proposals': { subject: '关于x的建议' },
    'PATCH /api/proposals/:id': { subject: '改', version: 1 },
    'POST /api/proposals/:id/cosigners': { memberIds: [1] },
    'POST /api/proposals/:id/cosign': { decision: 'confirm' },
    'POST /api/proposals/:id/submit': { version: 1 },
    'POST /api/proposals/:id/resubmit': { version: 1 },
    'POST /api/proposals/:id/register': { version: 1 },
    'POST /api/orgs/:orgId/proposals/register-bulk': { items: [{ proposalId: 1, version: 1 }] },
    'POST /api/proposals/:id/merge': { targetId: 1, version: 1 },
    'POST /api/proposals/:id/not-register': { reason: '属于个人或家庭私事', conversionKind: 'opinion', version: 1 },
    'POST /api/proposals/:id/withdraw': { proposerConsent: true, note: '同意', version: 1 },
    'POST /api/proposals/:id/return': { comments: '请修改', version: 1 },
    'POST /api/orgs/:orgId/proposal-categories': { name: '新分类' },
    'PATCH /api/proposal-categories/:id': { name: '改名', version: 1 },
    'PUT /api/orgs/:orgId/proposal-settings': { config: DEFAULT_PROPOSAL_SETTINGS, version: 0 },
    'POST /api/proposals/:id/assign': { assignMode: 'sole', units: [1], version: 1 },
    'POST /api/orgs/:orgId/proposals/assign-bulk': { items: [{ proposalId: 1, assignMode: 'sole', units: [1], version: 1 }] },
    'POST /api/proposal-assignments/:id/sign': { version: 1 },
    'POST /api/proposal-assignments/:id/request-adjustment': { reason: '不属于本单位职责', version: 1 },
    'POST /api/proposal-assignments/:id/approve-adjustment': { units: [1], version: 1 },
    'POST /api/proposal-assignments/:id/reject-adjustment': { reason: '属于本单位职责', version: 1 },
    // Handling (unit side)
    'POST /api/proposal-assignments/:id/opinion': { opinion: '同意主办单位意见', version: 1 },
    'POST /api/proposal-assignments/:id/contacts': { form: 'phone', contactDate: '2026-03-02', notes: '电话沟通' },
    'POST /api/proposal-assignments/:id/request-extension': { reason: '需跨部门协调', version: 1 },
    'POST /api/proposal-assignments/:id/approve-extension': { version: 1 },
    'POST /api/proposal-assignments/:id/reject-extension': { reason: '时间充足', version: 1 },
    'POST /api/proposal-assignments/:id/override-opinions': { reason: '协办单位逾期未复', version: 1 },
    'POST /api/proposal-assignments/:id/reply': { grade: 'A', body: '<p>答复</p>', signer: '张三', version: 1 },
    'POST /api/proposal-assignments/:id/progress': { body: '进展' },
    // Evaluation, re-handling, closing, supervision, selection
    'POST /api/proposals/:id/evaluate': { workRating: 'satisfied', resultRating: 'satisfied' },
    'POST /api/proposals/:id/complete-evaluation': { version: 1 },
    'POST /api/proposals/:id/rehandle': { reason: '委员不满意', version: 1 },
    'POST /api/proposals/:id/close': { version: 1 },
    'POST /api/proposals/:id/good': { isGood: true, version: 1 },
    'POST /api/proposals/:id/supervisions': { kind: 'visit', happenedOn: '2026-03-02', notes: '走访' },
    // Activities
    'POST /api/orgs/:orgId/activities': { type: '视察', topic: '视察', organizerKind: 'office', organizerName: '办公室', startsAt: '2025-12-05T09:00:00+08:00', endsAt: '2025-12-05T12:00:00+08:00' },
    'PATCH /api/activities/:id': { topic: '改', version: 1 },
    'POST /api/activities/:id/hold': { version: 1 },
    'POST /api/activities/:id/cancel': { reason: '延期', version: 1 },
    'POST /api/activities/:id/minutes': { minutes: '<p>纪要</p>', version: 1 },
    'POST /api/activities/:id/close': { version: 1 },
    'POST /api/activities/:id/participants': { memberIds: [1] },
    'POST /api/activity-participants/:id/attendance': { attendance: 'attended', version: 1 },
    'POST /api/activity-participants/:id/leave-decision': { decision: 'approve', version: 1 },
    'POST /api/activities/:id/leave': { reason: '出差' },
    'POST /api/activities/:id/sign-code': {},
    'POST /api/activities/:id/sign-in': { code: '123456' },
    'POST /api/activities/:id/speeches': { kind: 'written', title: '书面发言', body: '<p>建议</p>' },
    'PUT /api/orgs/:orgId/activity-settings': { config: DEFAULT_ACTIVITY_SETTINGS, version: 0 },
    'POST /api/activities/:id/outcomes': { kind: 'consultation_report', title: '协商报告' },
    'PATCH /api/activity-outcomes/:id': { title: '改', version: 1 },
    'POST /api/activity-outcomes/:id/instructions': { leader: '某书记', level: '区', text: '请抓好落实', instructedOn: '2025-12-10' },
    'POST /api/activity-outcomes/:id/issues': { title: '问题', unitIds: [1] },
    'POST /api/problem-issues/:id/respond': { commitment: '承诺', measures: '措施', plannedCompletion: '2026-06-30' },
    'POST /api/problem-issues/:id/progress': { body: '进展' },
    'POST /api/problem-issues/:id/settle': { result: 'converted', version: 1 },
    'POST /api/problem-issues/:id/close': { version: 1 },
    // Joint activities
    'POST /api/activities/:id/orgs': { orgId: 1 },
    'POST /api/activity-orgs/:id/accept': { version: 1 },
    'POST /api/activity-orgs/:id/decline': { reason: '时间冲突', version: 1 },
    'POST /api/activity-orgs/:id/withdraw': { version: 1 },
    // Cooperation (coop)
    'POST /api/orgs/:orgId/coop-items': { title: '合作事项' },
    'PATCH /api/coop-items/:id': { title: '改', version: 1 },
    'POST /api/coop-items/:id/complete': { version: 1 },
    'POST /api/coop-items/:id/suspend': { reason: '暂缓', version: 1 },
    'POST /api/coop-items/:id/resume': { version: 1 },
    'POST /api/coop-items/:id/points': { content: '共识', version: 1 },
    'POST /api/coop-points/:id/step': { action: 'start', version: 1 },
    'POST /api/coop-items/:id/progress': { body: '进展' },
    'POST /api/orgs/:orgId/campaigns': { name: '新活动', startDate: '2026-01-01' },
    'PATCH /api/campaigns/:id': { name: '改', version: 1 },
    'POST /api/campaigns/:id/activities': { activityIds: [1] },
    'PUT /api/studios/:id/members': { memberIds: [], leadMemberId: null, version: 0 },
    'POST /api/record-links/:type/:id': { toType: 'campaign', toId: 1 },
    'POST /api/studios/:id/shifts': { memberId: 1, day: '2025-05-07', slot: 'am' },
    'PATCH /api/studio-shifts/:id': { note: '改', version: 1 },
    'POST /api/studio-shifts/:id/step': { action: 'mark_done', version: 1 },
    'POST /api/studios/:id/requests': { requesterName: '张某', content: '诉求', receivedOn: '2025-05-07', receivedByMemberId: 1 },
    'POST /api/studio-requests/:id/step': { action: 'accept', version: 1 },
    'POST /api/orgs/:orgId/studio-ratings/freeze': { year: 2025, version: 0 },
    'POST /api/orgs/:orgId/studio-ratings/unfreeze': { year: 2025, version: 0 },
    'PUT /api/orgs/:orgId/studio-rating-settings': { config: DEFAULT_RATING_CONFIG, version: 0 },
    'PUT /api/studios/:id/rating-manual': { year: 2025, criterionKey: 'review', score: 1 },
    // ── info (社情民意) ──
    'POST /api/orgs/:orgId/info-reports': { title: '关于x的建议', submitterKind: 'officer' },
    'PATCH /api/info-reports/:id': { title: '改', version: 1 },
    'POST /api/info-reports/:id/submit': { version: 1 },
    'POST /api/info-reports/:id/accept': { version: 1 },
    'POST /api/info-reports/:id/return': { comments: '请修改', version: 1 },
    'POST /api/info-reports/:id/reject': { reason: '重复', version: 1 },
    'POST /api/info-reports/:id/merge': { sourceIds: [1], version: 1 },
    'POST /api/info-reports/:id/adoptions': { bodyName: '市政协', level: 'municipal', adoptedOn: '2026-03-02' },
    'POST /api/info-reports/:id/instructions': { leader: '某书记', level: 'county', text: '请研究', instructedOn: '2026-03-02' },
    'POST /api/info-reports/:id/feedback': { unitName: '县民政局', text: '已落实', fedBackOn: '2026-03-02' },
    'POST /api/info-reports/:id/archive': { version: 1 },
    'POST /api/orgs/:orgId/info-issues': { reportIds: [1], issuedOn: '2026-03-02' },
    // Duty records
    'POST /api/orgs/:orgId/duty/years/:year/recompute': {},
    'POST /api/orgs/:orgId/duty/years/:year/freeze': { version: 0 },
    'POST /api/orgs/:orgId/duty/years/:year/unfreeze': { version: 0 },
    'PUT /api/orgs/:orgId/duty/settings': { config: DEFAULT_DUTY_SETTINGS, version: 0 },
    'POST /api/orgs/:orgId/duty/manual': { memberId: 1, item: '志愿服务', points: 2, occurredOn: '2025-07-01' },
    'PATCH /api/duty-manual/:id': { points: 3, version: 1 },
    'POST /api/duty-manual/:id/delete': { version: 1 },
    // Work system
    'POST /api/orgs/:orgId/work-obligations': { name: '听取汇报', frequency: 'yearly', startDate: '2025-01-01' },
    'POST /api/orgs/:orgId/work-obligations/defaults': { startDate: '2025-01-01' },
    'PATCH /api/work-obligations/:id': { name: '改', version: 1 },
    'POST /api/work-obligations/:id/fulfilments': { fulfilledOn: '2025-06-01', note: '听取汇报' },
    'PATCH /api/work-fulfilments/:id': { note: '改', version: 1 },
    'POST /api/orgs/:orgId/leader-attendances': { activityId: 1, leaderName: '李某' },
    // Search
    'POST /api/orgs/:orgId/proposals/similar': { subject: '关于x的建议', body: '<p>x</p>' },
  };
  /** Valid query strings for GET routes that require one. */
  const QUERIES: Record<string, string> = {
    'GET /api/orgs/:orgId/proposal-stats/items': '?metric=received',
    'GET /api/orgs/:orgId/assignment-letters.docx': '?ids=1',
    'GET /api/orgs/:orgId/activities/calendar': '?from=2025-12-01&to=2025-12-31',
    'GET /api/orgs/:orgId/activity-attendance': '?year=2025',
    'GET /api/orgs/:orgId/search': '?q=%E5%BB%BA%E8%AE%AE',
    'GET /api/orgs/:orgId/link-candidates': '?type=activity',
    'GET /api/orgs/:orgId/info-stats': '?year=2026',
    'GET /api/orgs/:orgId/duty/scores': '?year=2025',
    'GET /api/orgs/:orgId/duty/groups': '?year=2025',
    'GET /api/orgs/:orgId/duty/manual': '?year=2025',
    'GET /api/orgs/:orgId/leader-dashboard/items': '?metric=solved',
    'GET /api/orgs/:orgId/work-link-candidates': '?kind=activity',
  };
  const MULTIPART = new Set([
    'POST /api/orgs/:orgId/members/import',
    'POST /api/orgs/:orgId/units/import',
    'POST /api/proposals/:id/attachments',
    'POST /api/proposal-assignments/:id/attachments',
  ]);

  function fill(url: string): string {
    return url
      .replace(':orgId', String(a.id))
      .replace(/^\/api\/catalogs\/:catalog\/:id$/, `/api/catalogs/sectors/${ids.sector}`)
      .replace(':catalog', 'sectors')
      .replace(/^\/api\/terms\/:id/, `/api/terms/${ids.term}`)
      .replace(/^\/api\/sessions\/:id/, `/api/sessions/${ids.session}`)
      .replace(/^\/api\/members\/:id/, `/api/members/${ids.member}`)
      .replace(/^\/api\/collectives\/:id/, `/api/collectives/${ids.collective}`)
      .replace(/^\/api\/units\/:id/, `/api/units/${ids.unit}`)
      .replace(/^\/api\/grants\/:id/, `/api/grants/${ids.grant}`)
      .replace(/^\/api\/notifications\/:id/, `/api/notifications/${ids.notification}`)
      .replace(/^\/api\/proposals\/:id/, `/api/proposals/${ids.proposal}`)
      .replace(/^(\/api\/orgs\/\d+\/proposals)\/:id\//, `$1/${ids.proposal}/`)
      .replace(/^\/api\/proposal-categories\/:id/, `/api/proposal-categories/${ids.proposalCategory}`)
      .replace(/^\/api\/proposal-assignments\/:id/, `/api/proposal-assignments/${ids.assignment}`)
      .replace(/^\/api\/proposal-attachments\/:id/, `/api/proposal-attachments/${ids.attachment}`)
      .replace(/^\/api\/activities\/:id/, `/api/activities/${ids.activity}`)
      .replace(/^\/api\/activity-participants\/:id/, `/api/activity-participants/${ids.participant}`)
      .replace(/^\/api\/activity-outcomes\/:id/, `/api/activity-outcomes/${ids.outcome}`)
      .replace(/^\/api\/problem-issues\/:id/, `/api/problem-issues/${ids.issue}`)
      .replace(/^\/api\/activity-orgs\/:id/, `/api/activity-orgs/${ids.activityOrg}`)
      // Cooperation (coop)
      .replace(/^\/api\/coop-items\/:id/, `/api/coop-items/${ids.coopItem}`)
      .replace(/^\/api\/coop-points\/:id/, `/api/coop-points/${ids.coopPoint}`)
      .replace(/^\/api\/campaigns\/:id\/activities\/:activityId/, `/api/campaigns/${ids.campaign}/activities/${ids.activity}`)
      .replace(/^\/api\/campaigns\/:id/, `/api/campaigns/${ids.campaign}`)
      .replace(/^\/api\/studios\/:id/, `/api/studios/${ids.studio}`)
      .replace(/^\/api\/studio-shifts\/:id/, `/api/studio-shifts/${ids.shift}`)
      .replace(/^\/api\/studio-requests\/:id/, `/api/studio-requests/${ids.studioRequest}`)
      .replace(/^\/api\/record-links\/:type\/:id/, `/api/record-links/cooperation_item/${ids.coopItem}`)
      .replace(/^\/api\/record-links\/:id/, `/api/record-links/${ids.link}`)
      .replace(/^\/api\/info-reports\/:id/, `/api/info-reports/${ids.infoReport}`)
      .replace(/^\/api\/info-issues\/:id/, `/api/info-issues/${ids.infoIssue}`)
      .replace(/^(\/api\/orgs\/\d+\/duty\/members)\/:memberId/, `$1/${ids.member}`)
      .replace(/^(\/api\/orgs\/\d+\/duty\/years)\/:year/, '$1/2025')
      .replace(/^\/api\/duty-manual\/:id/, `/api/duty-manual/${ids.dutyManual}`)
      .replace(/^\/api\/work-obligations\/:id/, `/api/work-obligations/${ids.obligation}`)
      .replace(/^\/api\/work-fulfilments\/:id/, `/api/work-fulfilments/${ids.fulfilment}`)
      .replace(/^\/api\/leader-attendances\/:id/, `/api/leader-attendances/${ids.leaderAttendance}`)
      .replace(/\/accounts\/:id/, `/accounts/${ids.account}`);
  }

  function multipart(): { payload: string; headers: Record<string, string> } {
    const boundary = '----xsboundary';
    const payload = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.xlsx"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\nnot really a workbook\r\n--${boundary}--\r\n`;
    return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }

  it('on every route that names an organization or a record', async () => {
    const scoped = apiRoutes().filter((r) => !NOT_TENANT_SCOPED[key(r)]);
    const unknown = scoped.filter((r) => !r.url.includes(':'));
    expect(unknown.map(key), 'routes without :orgId/:id must be listed in NOT_TENANT_SCOPED with a reason').toEqual([]);
    const needsBody = scoped.filter((r) => ['POST', 'PATCH', 'PUT'].includes(r.method) && !MULTIPART.has(key(r)) && !(key(r) in BODIES));
    expect(needsBody.map(key), 'add a valid body to BODIES').toEqual([]);
    const failures: string[] = [];
    for (const r of scoped) {
      const url = fill(r.url) + (QUERIES[key(r)] ?? '');
      expect(url, `no fixture for ${key(r)}`).not.toMatch(/:\w+/);
      const res = MULTIPART.has(key(r))
        ? await outsider.req(r.method as 'POST', url, multipart().payload, multipart().headers)
        : await outsider.req(r.method as 'GET', url, BODIES[key(r)]);
      if (res.statusCode !== 404) failures.push(`${key(r)} → ${res.statusCode} ${res.body.slice(0, 120)}`);
      else expect(res.json().code).toBe('not_found');
    }
    expect(failures).toEqual([]);
    console.log(
      `cross-organization 404 verified on ${scoped.length} routes; ${Object.keys(NOT_TENANT_SCOPED).length} routes are not tenant-scoped`,
    );
  });

  it("an account of org A is 404 through the outsider's own organization too", async () => {
    const res = await outsider.get(`/api/orgs/${outsiderOrgId}/accounts/${ids.account}`);
    expect(res.statusCode).toBe(404);
  });

  it('lists never include the other organization', async () => {
    const orgs = (await outsider.get('/api/orgs')).json().items.map((o: { id: number }) => o.id);
    expect(orgs).not.toContain(a.id);
    const notes = (await outsider.get('/api/notifications')).json().items.map((n: { id: number }) => n.id);
    expect(notes).not.toContain(ids.notification);
    expect((await outsider.post('/api/auth/switch-org', { orgId: a.id })).statusCode).toBe(404);
    expect((await outsider.post('/api/orgs', { code: 'zz-x', name: 'x', shortName: 'x', level: 'district' })).statusCode).toBe(403);
  });
});
