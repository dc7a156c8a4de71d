import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  CommentOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  CheckSquareOutlined,
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  BarChartOutlined,
  InboxOutlined,
  AlertOutlined,
  SettingOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  FileTextOutlined,
  TagsOutlined,
  IdcardOutlined,
  ProfileOutlined,
  TeamOutlined,
  UserOutlined,
  UsergroupAddOutlined,
  MailOutlined,
  PieChartOutlined,
  // coop
  FlagOutlined,
  HomeOutlined,
  NodeIndexOutlined,
  // ── info (社情民意) ──
  ReadOutlined,
  EditOutlined,
  LineChartOutlined,
  TrophyOutlined,
  FundOutlined,
  ReconciliationOutlined,
} from '@ant-design/icons';
import type { DictKey } from './i18n';
import type { Session } from './session';
import { activeRoles } from './perms';

/**
 * Areas of the side menu, in menu order. `start` and `end` have no label: their items stand at the top level
 * (the dashboard first; calendar and notifications last). A labelled area with one visible item for the caller
 * shows that item directly, so members and handling units keep a short, flat menu.
 *
 * The 驾驶舱 and the work system are named for what they hold, not for leaders: the general office keeps the
 * work-system ledger and the offices read both, so a "领导" label sent them looking elsewhere. Accounts and the
 * audit log are the organization admin's system pages (系统管理), apart from the directory everyone reads.
 */
export const NAV_GROUPS = [
  { key: 'start' },
  { key: 'worksystem', label: 'navGroupWorkSystem', icon: <FundOutlined /> },
  { key: 'proposals', label: 'navGroupProposals', icon: <FileTextOutlined /> },
  { key: 'activities', label: 'navGroupActivities', icon: <CommentOutlined /> },
  { key: 'coop', label: 'navGroupCoop', icon: <NodeIndexOutlined /> },
  { key: 'info', label: 'navGroupInfo', icon: <ReadOutlined /> },
  { key: 'duty', label: 'navGroupDuty', icon: <TrophyOutlined /> },
  { key: 'directory', label: 'navGroupDirectory', icon: <ApartmentOutlined /> },
  { key: 'system', label: 'navGroupSystem', icon: <SettingOutlined /> },
  { key: 'end' },
] as const satisfies ReadonlyArray<{ key: string; label?: DictKey; icon?: ReactNode }>;
export type NavGroupKey = (typeof NAV_GROUPS)[number]['key'];

export interface NavItem {
  path: string;
  /** The menu area the page belongs to; detail pages (menu: false) name one too, so a deep link opens its area. */
  group?: NavGroupKey;
  /** For a detail page: the menu item to highlight when it is visible (else the area's first visible item). */
  parent?: string;
  label: DictKey;
  icon: ReactNode;
  /** Whether the caller may open this page (mirrors the server's permissions). */
  visible(s: Session): boolean;
  /** Listed in the side menu (pages like the profile live in the user menu). */
  menu: boolean;
}

const hasOrg = (s: Session) => s.orgId != null;
/** Proposing is open to every role on the server, but only members (and collective agents, who are members) file proposals. */
const isMember = (s: Session) => activeRoles(s.me).includes('member');

export const NAV: NavItem[] = [
  { path: '/', group: 'start', label: 'home', icon: <DashboardOutlined />, visible: () => true, menu: true },
  {
    path: '/my-proposals',
    group: 'proposals',
    label: 'myProposals',
    icon: <FileTextOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.propose') && isMember(s),
    menu: true,
  },
  {
    path: '/proposal-review',
    group: 'proposals',
    label: 'proposalReview',
    icon: <FileSearchOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.review'),
    menu: true,
  },
  { path: '/unit-inbox', group: 'proposals', label: 'unitInbox', icon: <InboxOutlined />, visible: (s) => hasOrg(s) && s.can('proposals.handle'), menu: true },
  {
    path: '/proposal-supervision',
    group: 'proposals',
    label: 'proposalSupervision',
    icon: <AlertOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.supervise'),
    menu: true,
  },
  {
    path: '/proposal-dashboard',
    group: 'proposals',
    label: 'proposalDashboard',
    icon: <BarChartOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.supervise'),
    menu: true,
  },
  {
    path: '/proposals/:id',
    group: 'proposals',
    label: 'proposal',
    icon: <FileTextOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.read'),
    menu: false,
  },
  {
    path: '/my-activities',
    group: 'activities',
    label: 'myActivities',
    icon: <ScheduleOutlined />,
    visible: (s) => hasOrg(s) && s.can('activities.participate') && isMember(s),
    menu: true,
  },
  { path: '/activities', group: 'activities', label: 'activities', icon: <CommentOutlined />, visible: (s) => hasOrg(s) && s.can('activities.read'), menu: true },
  {
    path: '/activity-attendance',
    group: 'activities',
    label: 'activityAttendance',
    icon: <SolutionOutlined />,
    visible: (s) => hasOrg(s) && s.can('activities.read'),
    menu: true,
  },
  { path: '/problem-inbox', group: 'activities', label: 'problemInbox', icon: <CheckSquareOutlined />, visible: (s) => hasOrg(s) && s.can('activities.respond'), menu: true },
  { path: '/activities/:id', group: 'activities', label: 'activity', icon: <CommentOutlined />, visible: (s) => hasOrg(s) && s.can('activities.participate'), menu: false },
  {
    path: '/activity-outcomes/:id',
    group: 'activities',
    label: 'activityOutcome',
    icon: <CommentOutlined />,
    visible: (s) => hasOrg(s) && s.can('activities.read'),
    menu: false,
  },
  // ── Cooperation items, campaigns, studios (coop) ──
  { path: '/coop-items', group: 'coop', label: 'coopItems', icon: <NodeIndexOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: true },
  { path: '/coop-items/:id', group: 'coop', label: 'coopItem', icon: <NodeIndexOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: false },
  { path: '/campaigns', group: 'coop', label: 'campaigns', icon: <FlagOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: true },
  { path: '/campaigns/:id', group: 'coop', label: 'campaign', icon: <FlagOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: false },
  { path: '/studios', group: 'coop', label: 'studios', icon: <HomeOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: true },
  { path: '/studios/:id', group: 'coop', label: 'studio', icon: <HomeOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: false },
  { path: '/studio-ratings', group: 'coop', label: 'studioRatings', icon: <HomeOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: true },
  { path: '/studio-requests/:id', group: 'coop', parent: '/studios', label: 'studioRequest', icon: <HomeOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: false },
  // ── info (社情民意) ──
  { path: '/my-info', group: 'info', label: 'myInfo', icon: <EditOutlined />, visible: (s) => hasOrg(s) && s.can('info.submit') && isMember(s), menu: true },
  { path: '/info-desk', group: 'info', label: 'infoDesk', icon: <ReadOutlined />, visible: (s) => hasOrg(s) && s.can('info.stats'), menu: true },
  { path: '/info-stats', group: 'info', label: 'infoStats', icon: <LineChartOutlined />, visible: (s) => hasOrg(s) && s.can('info.stats'), menu: true },
  { path: '/info-reports/:id', group: 'info', label: 'infoReport', icon: <ReadOutlined />, visible: (s) => hasOrg(s) && s.can('info.read'), menu: false },
  { path: '/orgs', group: 'directory', label: 'orgs', icon: <ApartmentOutlined />, visible: (s) => hasOrg(s) && s.can('orgs.read'), menu: true },
  { path: '/terms', group: 'directory', label: 'terms', icon: <FieldTimeOutlined />, visible: (s) => hasOrg(s) && s.can('orgs.read'), menu: true },
  { path: '/catalogs', group: 'directory', label: 'catalogs', icon: <ProfileOutlined />, visible: (s) => hasOrg(s) && s.can('orgs.read'), menu: true },
  { path: '/members', group: 'directory', label: 'members', icon: <TeamOutlined />, visible: (s) => hasOrg(s) && s.can('members.read'), menu: true },
  {
    path: '/collectives',
    group: 'directory',
    label: 'collectives',
    icon: <UsergroupAddOutlined />,
    visible: (s) => hasOrg(s) && s.can('collectives.read'),
    menu: true,
  },
  { path: '/units', group: 'directory', label: 'units', icon: <BankOutlined />, visible: (s) => hasOrg(s) && s.can('units.read'), menu: true },
  { path: '/accounts', group: 'system', label: 'accounts', icon: <IdcardOutlined />, visible: (s) => hasOrg(s) && s.can('accounts.read'), menu: true },
  {
    path: '/proposal-categories',
    group: 'proposals',
    label: 'proposalCategories',
    icon: <TagsOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.configure'),
    menu: true,
  },
  {
    path: '/proposal-settings',
    group: 'proposals',
    label: 'proposalSettings',
    icon: <SettingOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.configure'),
    menu: true,
  },
  { path: '/audit', group: 'system', label: 'audit', icon: <AuditOutlined />, visible: (s) => hasOrg(s) && s.can('audit.read'), menu: true },
  { path: '/calendar', group: 'end', label: 'calendar', icon: <CalendarOutlined />, visible: () => true, menu: true },
  { path: '/notifications', group: 'end', label: 'notifications', icon: <BellOutlined />, visible: () => true, menu: true },
  { path: '/profile', label: 'profile', icon: <UserOutlined />, visible: () => true, menu: false },
  // Work system and leadership dashboard
  { path: '/leader-dashboard', group: 'worksystem', label: 'leaderDashboard', icon: <FundOutlined />, visible: (s) => hasOrg(s) && s.can('worksystem.read'), menu: true },
  { path: '/work-system', group: 'worksystem', label: 'workSystem', icon: <ReconciliationOutlined />, visible: (s) => hasOrg(s) && s.can('worksystem.read'), menu: true },
  { path: '/search', label: 'search', icon: <FileSearchOutlined />, visible: (s) => hasOrg(s) && s.can('search.read'), menu: false },
  // ── joint activities and the activities dashboard ──
  { path: '/joint-invitations', group: 'activities', label: 'jointInvitations', icon: <MailOutlined />, visible: (s) => hasOrg(s) && s.can('activities.joint_respond'), menu: true },
  { path: '/activity-dashboard', group: 'activities', label: 'activityDashboard', icon: <PieChartOutlined />, visible: (s) => hasOrg(s) && s.can('activities.read'), menu: true },
  // Duty records (履职档案)
  { path: '/my-duty', group: 'duty', label: 'myDuty', icon: <TrophyOutlined />, visible: (s) => hasOrg(s) && s.can('duty.self') && isMember(s), menu: true },
  { path: '/duty', group: 'duty', label: 'duty', icon: <TrophyOutlined />, visible: (s) => hasOrg(s) && s.can('duty.read'), menu: true },
  { path: '/duty/members/:id', group: 'duty', label: 'dutyMember', icon: <TrophyOutlined />, visible: (s) => hasOrg(s) && s.can('duty.read'), menu: false },
  { path: '/duty-rules', group: 'duty', label: 'dutyRules', icon: <SettingOutlined />, visible: (s) => hasOrg(s) && s.can('duty.read'), menu: true },
];

export const visibleNav = (s: Session) => NAV.filter((n) => n.visible(s));
