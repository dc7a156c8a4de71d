/**
 * Cross-organization cooperation (合作事项), campaigns (履职实践活动), studios (委员工作室) and links between records:
 * states, transition tables, labels and API shapes shared by the server and the web. As elsewhere, the server
 * refuses an action not in a table (409 naming the current state and the allowed ones) and views carry the
 * caller's abilities computed from the same tables.
 */
import { z } from 'zod';
import type { Role } from './roles';
import { patchOf } from './patch';

type Label = { zh: string; en: string };

// ── Roles ────────────────────────────────────────────────────
/** Offices that run cooperation items, campaigns and studios (and write progress for a party organization). */
export const COOP_STAFF_ROLES = ['general_staff', 'proposal_staff', 'org_admin'] as const satisfies readonly Role[];
/** Roles that read the organization's cooperation items, campaigns and studios. */
export const COOP_READER_ROLES = ['general_staff', 'proposal_staff', 'info_staff', 'org_admin', 'leader'] as const satisfies readonly Role[];

// ── Cooperation item life cycle ──────────────────────────────
export const COOP_STATUSES = ['active', 'completed', 'suspended'] as const;
export type CoopStatus = (typeof COOP_STATUSES)[number];
export const COOP_STATUS_LABELS: Record<CoopStatus, Label> = {
  active: { zh: '推进中', en: 'In progress' },
  completed: { zh: '已完成', en: 'Completed' },
  suspended: { zh: '已中止', en: 'Suspended' },
};
export const COOP_ACTIONS = ['edit', 'complete', 'suspend', 'resume', 'add_point', 'add_progress'] as const;
export type CoopAction = (typeof COOP_ACTIONS)[number];
export const COOP_ACTION_LABELS: Record<CoopAction, Label> = {
  edit: { zh: '编辑', en: 'Edit' },
  complete: { zh: '标记完成', en: 'Mark completed' },
  suspend: { zh: '中止', en: 'Suspend' },
  resume: { zh: '恢复推进', en: 'Resume' },
  add_point: { zh: '添加共识事项', en: 'Add a consensus point' },
  add_progress: { zh: '记录进展', en: 'Log progress' },
};
/** `owner` = staff of the owner organization; `party` = staff of a party organization. */
export type CoopActor = 'owner' | 'party';
export const COOP_TRANSITIONS: ReadonlyArray<{ from: CoopStatus; to: CoopStatus; action: CoopAction; roles: readonly CoopActor[] }> = [
  { from: 'active', to: 'active', action: 'edit', roles: ['owner'] },
  { from: 'active', to: 'active', action: 'add_point', roles: ['owner'] },
  { from: 'active', to: 'active', action: 'add_progress', roles: ['owner', 'party'] },
  { from: 'active', to: 'completed', action: 'complete', roles: ['owner'] },
  { from: 'active', to: 'suspended', action: 'suspend', roles: ['owner'] },
  { from: 'suspended', to: 'suspended', action: 'edit', roles: ['owner'] },
  { from: 'suspended', to: 'active', action: 'resume', roles: ['owner'] },
  { from: 'completed', to: 'active', action: 'resume', roles: ['owner'] },
];
export const findCoopTransition = (from: CoopStatus, action: CoopAction) => COOP_TRANSITIONS.find((t) => t.from === from && t.action === action);
export function coopActionsFor(status: CoopStatus, actors: Iterable<CoopActor>): CoopAction[] {
  const mine = new Set(actors);
  const out: CoopAction[] = [];
  for (const t of COOP_TRANSITIONS) if (t.from === status && t.roles.some((r) => mine.has(r)) && !out.includes(t.action)) out.push(t.action);
  return out;
}

// ── Consensus point life cycle ───────────────────────────────
export const POINT_STATUSES = ['not_started', 'in_progress', 'done', 'blocked'] as const;
export type PointStatus = (typeof POINT_STATUSES)[number];
export const POINT_STATUS_LABELS: Record<PointStatus, Label> = {
  not_started: { zh: '未启动', en: 'Not started' },
  in_progress: { zh: '推进中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  blocked: { zh: '受阻', en: 'Blocked' },
};
export const POINT_ACTIONS = ['start', 'complete', 'block', 'resume', 'reopen'] as const;
export type PointAction = (typeof POINT_ACTIONS)[number];
export const POINT_ACTION_LABELS: Record<PointAction, Label> = {
  start: { zh: '启动', en: 'Start' },
  complete: { zh: '标记完成', en: 'Mark done' },
  block: { zh: '标记受阻', en: 'Mark blocked' },
  resume: { zh: '恢复推进', en: 'Resume' },
  reopen: { zh: '重新打开', en: 'Reopen' },
};
/** Status changes are the owner organization's; a party organization logs progress on the points it owns. */
export const POINT_TRANSITIONS: ReadonlyArray<{ from: PointStatus; to: PointStatus; action: PointAction }> = [
  { from: 'not_started', to: 'in_progress', action: 'start' },
  { from: 'not_started', to: 'blocked', action: 'block' },
  { from: 'in_progress', to: 'done', action: 'complete' },
  { from: 'in_progress', to: 'blocked', action: 'block' },
  { from: 'blocked', to: 'in_progress', action: 'resume' },
  { from: 'done', to: 'in_progress', action: 'reopen' },
];
export const findPointTransition = (from: PointStatus, action: PointAction) => POINT_TRANSITIONS.find((t) => t.from === from && t.action === action);
export const pointActionsFrom = (s: PointStatus): PointAction[] => POINT_TRANSITIONS.filter((t) => t.from === s).map((t) => t.action);

// ── Links between records ────────────────────────────────────
export const LINK_TYPES = ['activity', 'outcome', 'proposal', 'cooperation_item', 'campaign', 'info_report', 'studio_request'] as const;
export type LinkType = (typeof LINK_TYPES)[number];
export const LINK_TYPE_LABELS: Record<LinkType, Label> = {
  activity: { zh: '活动', en: 'Activity' },
  outcome: { zh: '活动成果', en: 'Outcome' },
  proposal: { zh: '提案', en: 'Proposal' },
  cooperation_item: { zh: '合作事项', en: 'Cooperation item' },
  campaign: { zh: '履职实践活动', en: 'Campaign' },
  info_report: { zh: '社情民意', en: 'Information report' },
  studio_request: { zh: '群众诉求', en: 'Public request' },
};
/** The web page of a record of each type. */
export const LINK_PATHS: Record<LinkType, string> = {
  activity: '/activities/',
  outcome: '/activity-outcomes/',
  proposal: '/proposals/',
  cooperation_item: '/coop-items/',
  campaign: '/campaigns/',
  info_report: '/info-reports/',
  /** Opens the request's studio page (src/web/pages/StudioRequestRedirect.tsx). */
  studio_request: '/studio-requests/',
};

// ── API shapes ───────────────────────────────────────────────
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const id = z.number().int().positive();
const ver = z.number().int().positive();

export const CoopPartyInput = z.object({
  /** An organization of the deployment; when set, its staff see the item. */
  orgId: id.nullable().optional(),
  /** The name shown (for an organization, defaults to its short name). */
  name: z.string().trim().max(100).default(''),
});
export const CoopPointInput = z.object({
  content: z.string().trim().min(1).max(500),
  /** Index into the item's parties (0-based) on creation; a party id when adding later. */
  ownerParty: z.number().int().min(0).nullable().optional(),
  target: z.string().trim().max(500).default(''),
  dueDate: day.nullable().optional(),
});
export const CoopItemCreateBody = z.object({
  title: z.string().trim().min(1).max(200),
  summary: z.string().trim().max(5000).default(''),
  campaignId: id.nullable().optional(),
  originActivityId: id.nullable().optional(),
  parties: z.array(CoopPartyInput).max(20).default([]),
  points: z.array(CoopPointInput).max(50).default([]),
  memberIds: z.array(id).max(200).default([]),
});
export const CoopItemUpdateBody = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  summary: z.string().trim().max(5000).optional(),
  campaignId: id.nullable().optional(),
  memberIds: z.array(id).max(200).optional(),
  version: ver,
});
export const CoopItemStepBody = z.object({ reason: z.string().trim().max(500).default(''), version: ver });
export const CoopPointAddBody = z.object({
  content: z.string().trim().min(1).max(500),
  ownerPartyId: id.nullable().optional(),
  target: z.string().trim().max(500).default(''),
  dueDate: day.nullable().optional(),
  version: ver,
});
export const CoopPointStepBody = z.object({
  action: z.enum(POINT_ACTIONS),
  evidence: z.string().trim().max(2000).optional(),
  evidenceRef: z.string().trim().max(300).optional(),
  version: ver,
});
export const CoopProgressBody = z.object({
  body: z.string().trim().min(1).max(2000),
  pointId: id.nullable().optional(),
  happenedOn: day.optional(),
});
export const CoopListQuery = z.object({
  status: z.enum(COOP_STATUSES).optional(),
  campaignId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(50).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const CoopPartyView = z.object({ id: z.number(), orgId: z.number().nullable(), name: z.string() });
export const CoopPointView = z.object({
  id: z.number(),
  seq: z.number(),
  content: z.string(),
  ownerPartyId: z.number().nullable(),
  ownerName: z.string(),
  target: z.string(),
  dueDate: z.string().nullable(),
  status: z.enum(POINT_STATUSES),
  evidence: z.string(),
  evidenceRef: z.string(),
  version: z.number(),
  /** Status actions the caller may take. */
  abilities: z.array(z.enum(POINT_ACTIONS)),
  /** Whether the caller may log progress on this point. */
  canLog: z.boolean(),
});
export const CoopProgressView = z.object({
  id: z.number(),
  pointId: z.number().nullable(),
  authorName: z.string(),
  authorOrgName: z.string(),
  happenedOn: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export const CoopListItem = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  title: z.string(),
  status: z.enum(COOP_STATUSES),
  campaignId: z.number().nullable(),
  campaignName: z.string().nullable(),
  parties: z.array(z.string()),
  points: z.number(),
  pointsDone: z.number(),
  updatedAt: z.string(),
  version: z.number(),
});
export const CoopItemView = CoopListItem.extend({
  summary: z.string(),
  statusReason: z.string(),
  originActivity: z.object({ id: z.number(), topic: z.string(), organizerName: z.string(), startsAt: z.string() }).nullable(),
  partyList: z.array(CoopPartyView),
  pointList: z.array(CoopPointView),
  progress: z.array(CoopProgressView),
  memberList: z.array(z.object({ id: z.number(), name: z.string() })),
  /** owner | party — how the caller relates to the item. */
  viewer: z.enum(['owner', 'party']),
  abilities: z.array(z.enum(COOP_ACTIONS)),
});
export type CoopListItem = z.infer<typeof CoopListItem>;
export type CoopItemView = z.infer<typeof CoopItemView>;
export type CoopPointView = z.infer<typeof CoopPointView>;

export const CampaignBody = z.object({
  name: z.string().trim().min(1).max(100),
  startDate: day,
  endDate: day.nullable().optional(),
  description: z.string().trim().max(5000).default(''),
});
export const CampaignUpdateBody = patchOf(CampaignBody).extend({ version: ver });
export const CampaignActivitiesBody = z.object({ activityIds: z.array(id).min(1).max(200) });
export const CampaignListItem = z.object({
  id: z.number(),
  name: z.string(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  description: z.string(),
  activities: z.number(),
  items: z.number(),
  version: z.number(),
});
export const CampaignCounts = z.object({
  activities: z.number(),
  /** Distinct members who attended one of its (not cancelled) activities or are named participants of its items. */
  members: z.number(),
  membersAttended: z.number(),
  membersNamed: z.number(),
  items: z.number(),
  itemsByStatus: z.record(z.enum(COOP_STATUSES), z.number()),
});
export const CampaignView = CampaignListItem.extend({
  counts: CampaignCounts,
  activityList: z.array(z.object({ id: z.number(), topic: z.string(), type: z.string(), startsAt: z.string(), status: z.string(), organizerName: z.string(), attended: z.number() })),
  itemList: z.array(CoopListItem),
  canManage: z.boolean(),
});
export type CampaignListItem = z.infer<typeof CampaignListItem>;
export type CampaignView = z.infer<typeof CampaignView>;

export const StudioListItem = z.object({
  id: z.number(),
  name: z.string(),
  theme: z.string(),
  place: z.string(),
  leadName: z.string().nullable(),
  members: z.number(),
  activities: z.number(),
});
export const StudioView = StudioListItem.extend({
  description: z.string(),
  leadMemberId: z.number().nullable(),
  memberList: z.array(z.object({ id: z.number(), name: z.string(), lead: z.boolean() })),
  activityList: z.array(z.object({ id: z.number(), topic: z.string(), type: z.string(), startsAt: z.string(), status: z.string(), items: z.number() })),
  itemList: z.array(CoopListItem),
  profileVersion: z.number(),
  canManage: z.boolean(),
});
export const StudioMembersBody = z.object({
  memberIds: z.array(id).max(200),
  leadMemberId: id.nullable(),
  description: z.string().trim().max(5000).optional(),
  /** The profile's version; 0 when the studio has no profile yet. */
  version: z.number().int().min(0),
});
export type StudioListItem = z.infer<typeof StudioListItem>;
export type StudioView = z.infer<typeof StudioView>;

export const LinkParams = z.object({ type: z.enum(LINK_TYPES), id: z.coerce.number().int().positive() });
export const LinkAddBody = z.object({ toType: z.enum(LINK_TYPES), toId: id, note: z.string().trim().max(200).default('') });
export const LinkView = z.object({
  id: z.number(),
  type: z.enum(LINK_TYPES),
  recordId: z.number(),
  title: z.string(),
  orgName: z.string(),
  note: z.string(),
  /** outgoing: this record links to it; incoming: it links to this record. */
  direction: z.enum(['outgoing', 'incoming']),
  canRemove: z.boolean(),
});
export const LinkListView = z.object({ items: z.array(LinkView), canAdd: z.boolean() });
export const LinkCandidateQuery = z.object({ type: z.enum(LINK_TYPES), q: z.string().trim().max(50).default('') });
export const LinkCandidate = z.object({ id: z.number(), title: z.string() });
export type LinkView = z.infer<typeof LinkView>;
export type LinkListView = z.infer<typeof LinkListView>;
