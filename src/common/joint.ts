/**
 * Joint activities (联合协商 and other types across organizations) and the activities dashboard (活动概况):
 * the invitation life cycle as a transition table, labels and the API shapes shared by the server and the web.
 * (No import from ./activities: that module imports JointView from here.)
 */
import { z } from 'zod';
import type { Role } from './roles';

type Label = { zh: string; en: string };

// ── Invitation life cycle ────────────────────────────────────
export const JOINT_STATUSES = ['invited', 'accepted', 'declined', 'withdrawn'] as const;
export type JointStatus = (typeof JOINT_STATUSES)[number];
export const JOINT_STATUS_LABELS: Record<JointStatus, Label> = {
  invited: { zh: '待答复', en: 'Invited' },
  accepted: { zh: '已接受', en: 'Accepted' },
  declined: { zh: '已谢绝', en: 'Declined' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
export const JOINT_ACTIONS = ['invite', 'accept', 'decline', 'withdraw'] as const;
export type JointAction = (typeof JOINT_ACTIONS)[number];
export const JOINT_ACTION_LABELS: Record<JointAction, Label> = {
  invite: { zh: '邀请联合', en: 'Invite' },
  accept: { zh: '接受邀请', en: 'Accept' },
  decline: { zh: '谢绝邀请', en: 'Decline' },
  withdraw: { zh: '撤回邀请', en: 'Withdraw' },
};
/** `host` = activity staff of the host organization; `partner` = org admin of the invited organization. */
export type JointSide = 'host' | 'partner';
/** `null` as `from`: the first invitation (no row yet). A declined or withdrawn organization may be invited again. */
export const JOINT_TRANSITIONS: ReadonlyArray<{ from: JointStatus | null; to: JointStatus; action: JointAction; side: JointSide }> = [
  { from: null, to: 'invited', action: 'invite', side: 'host' },
  { from: 'declined', to: 'invited', action: 'invite', side: 'host' },
  { from: 'withdrawn', to: 'invited', action: 'invite', side: 'host' },
  { from: 'invited', to: 'accepted', action: 'accept', side: 'partner' },
  { from: 'invited', to: 'declined', action: 'decline', side: 'partner' },
  { from: 'invited', to: 'withdrawn', action: 'withdraw', side: 'host' },
];
export const findJointTransition = (from: JointStatus | null, action: JointAction) => JOINT_TRANSITIONS.find((t) => t.from === from && t.action === action);
export const jointActionsFor = (from: JointStatus, side: JointSide): JointAction[] =>
  JOINT_TRANSITIONS.filter((t) => t.from === from && t.side === side).map((t) => t.action);

/** Who answers an invitation on behalf of the invited organization. */
export const JOINT_RESPOND_ROLES = ['org_admin'] as const satisfies readonly Role[];
/** Office actions a partner organization's staff may not take: the activity itself stays the host's. */
export const HOST_ONLY_ACTIONS = ['edit', 'cancel', 'add_outcome'] as const;

// ── API shapes ───────────────────────────────────────────────
export const JointInviteBody = z.object({ orgId: z.number().int().positive() });
export const JointVersionBody = z.object({ version: z.number().int().positive() });
export const JointDeclineBody = z.object({ reason: z.string().trim().min(1).max(500), version: z.number().int().positive() });

export const JointPartnerView = z.object({
  id: z.number(),
  orgId: z.number(),
  orgName: z.string(),
  status: z.enum(JOINT_STATUSES),
  reason: z.string(),
  invitedAt: z.string(),
  respondedAt: z.string().nullable(),
  version: z.number(),
  /** What the caller may do with this row (host staff: withdraw). */
  abilities: z.array(z.enum(JOINT_ACTIONS)),
});
export type JointPartnerView = z.infer<typeof JointPartnerView>;

/** The joint block of the activity page. */
export const JointView = z.object({
  hostOrgId: z.number(),
  hostOrgName: z.string(),
  /** host: the caller acts for the host organization; partner: for an accepted partner organization. */
  side: z.enum(['host', 'partner']),
  actingOrgId: z.number(),
  partners: z.array(JointPartnerView),
  /** Host staff may invite another organization (activity not cancelled or closed). */
  canInviteOrg: z.boolean(),
});
export type JointView = z.infer<typeof JointView>;

export const JointOrgOption = z.object({ id: z.number(), name: z.string() });

export const JointInvitationQuery = z.object({
  status: z.enum(JOINT_STATUSES).default('invited'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const JointInvitationItem = z.object({
  id: z.number(),
  status: z.enum(JOINT_STATUSES),
  reason: z.string(),
  invitedAt: z.string(),
  respondedAt: z.string().nullable(),
  version: z.number(),
  hostOrgId: z.number(),
  hostOrgName: z.string(),
  activity: z.object({ id: z.number(), type: z.string(), topic: z.string(), startsAt: z.string(), endsAt: z.string(), place: z.string(), online: z.boolean(), status: z.string() }),
  abilities: z.array(z.enum(JOINT_ACTIONS)),
});
export type JointInvitationItem = z.infer<typeof JointInvitationItem>;

// ── Dashboard (活动概况) ─────────────────────────────────────
export const ActivityDashboardQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });
const AttendanceBucket = z.object({ id: z.number().nullable(), name: z.string(), invited: z.number(), attended: z.number(), onLeave: z.number(), absent: z.number(), rate: z.number().nullable() });
export const ActivityDashboardView = z.object({
  year: z.number(),
  /** Years that hold any activity of the organization (hosted or joined), for the year switch. */
  years: z.array(z.number()),
  byTypeMonth: z.array(z.object({ type: z.string(), month: z.number(), count: z.number() })),
  byStatus: z.array(z.object({ status: z.string(), count: z.number() })),
  attendanceByGroup: z.array(AttendanceBucket),
  attendanceBySector: z.array(AttendanceBucket),
  problems: z.object({
    issues: z.number(),
    responded: z.number(),
    converted: z.number(),
    resolved: z.number(),
    cannotResolve: z.number(),
    overdue: z.number(),
  }),
  joint: z.object({ hosted: z.number(), joined: z.number(), invitationsPending: z.number(), invitationsSent: z.number() }),
});
export type ActivityDashboardView = z.infer<typeof ActivityDashboardView>;
