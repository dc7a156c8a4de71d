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

export interface NavItem {
  path: string;
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
  { path: '/', label: 'home', icon: <DashboardOutlined />, visible: () => true, menu: true },
  {
    path: '/my-proposals',
    label: 'myProposals',
    icon: <FileTextOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.propose') && isMember(s),
    menu: true,
  },
  {
    path: '/proposal-review',
    label: 'proposalReview',
    icon: <FileSearchOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.review'),
    menu: true,
  },
  { path: '/unit-inbox', label: 'unitInbox', icon: <InboxOutlined />, visible: (s) => hasOrg(s) && s.can('proposals.handle'), menu: true },
  {
    path: '/proposal-supervision',
    label: 'proposalSupervision',
    icon: <AlertOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.supervise'),
    menu: true,
  },
  {
    path: '/proposal-dashboard',
    label: 'proposalDashboard',
    icon: <BarChartOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.supervise'),
    menu: true,
  },
  {
    path: '/proposals/:id',
    label: 'proposal',
    icon: <FileTextOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.read'),
    menu: false,
  },
  {
    path: '/my-activities',
    label: 'myActivities',
    icon: <ScheduleOutlined />,
    visible: (s) => hasOrg(s) && s.can('activities.participate') && isMember(s),
    menu: true,
  },
  { path: '/activities', label: 'activities', icon: <CommentOutlined />, visible: (s) => hasOrg(s) && s.can('activities.read'), menu: true },
  {
    path: '/activity-attendance',
    label: 'activityAttendance',
    icon: <SolutionOutlined />,
    visible: (s) => hasOrg(s) && s.can('activities.read'),
    menu: true,
  },
  { path: '/problem-inbox', label: 'problemInbox', icon: <CheckSquareOutlined />, visible: (s) => hasOrg(s) && s.can('activities.respond'), menu: true },
  { path: '/activities/:id', label: 'activity', icon: <CommentOutlined />, visible: (s) => hasOrg(s) && s.can('activities.participate'), menu: false },
  {
    path: '/activity-outcomes/:id',
    label: 'activityOutcome',
    icon: <CommentOutlined />,
    visible: (s) => hasOrg(s) && s.can('activities.read'),
    menu: false,
  },
  // ── Cooperation items, campaigns, studios (coop) ──
  { path: '/coop-items', label: 'coopItems', icon: <NodeIndexOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: true },
  { path: '/coop-items/:id', label: 'coopItem', icon: <NodeIndexOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: false },
  { path: '/campaigns', label: 'campaigns', icon: <FlagOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: true },
  { path: '/campaigns/:id', label: 'campaign', icon: <FlagOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: false },
  { path: '/studios', label: 'studios', icon: <HomeOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: true },
  { path: '/studios/:id', label: 'studio', icon: <HomeOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: false },
  { path: '/studio-ratings', label: 'studioRatings', icon: <HomeOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: true },
  { path: '/studio-requests/:id', label: 'studioRequest', icon: <HomeOutlined />, visible: (s) => hasOrg(s) && s.can('coop.read'), menu: false },
  // ── info (社情民意) ──
  { path: '/my-info', label: 'myInfo', icon: <EditOutlined />, visible: (s) => hasOrg(s) && s.can('info.submit') && isMember(s), menu: true },
  { path: '/info-desk', label: 'infoDesk', icon: <ReadOutlined />, visible: (s) => hasOrg(s) && s.can('info.stats'), menu: true },
  { path: '/info-stats', label: 'infoStats', icon: <LineChartOutlined />, visible: (s) => hasOrg(s) && s.can('info.stats'), menu: true },
  { path: '/info-reports/:id', label: 'infoReport', icon: <ReadOutlined />, visible: (s) => hasOrg(s) && s.can('info.read'), menu: false },
  { path: '/orgs', label: 'orgs', icon: <ApartmentOutlined />, visible: (s) => hasOrg(s) && s.can('orgs.read'), menu: true },
  { path: '/terms', label: 'terms', icon: <FieldTimeOutlined />, visible: (s) => hasOrg(s) && s.can('orgs.read'), menu: true },
  { path: '/catalogs', label: 'catalogs', icon: <ProfileOutlined />, visible: (s) => hasOrg(s) && s.can('orgs.read'), menu: true },
  { path: '/members', label: 'members', icon: <TeamOutlined />, visible: (s) => hasOrg(s) && s.can('members.read'), menu: true },
  {
    path: '/collectives',
    label: 'collectives',
    icon: <UsergroupAddOutlined />,
    visible: (s) => hasOrg(s) && s.can('collectives.read'),
    menu: true,
  },
  { path: '/units', label: 'units', icon: <BankOutlined />, visible: (s) => hasOrg(s) && s.can('units.read'), menu: true },
  { path: '/accounts', label: 'accounts', icon: <IdcardOutlined />, visible: (s) => hasOrg(s) && s.can('accounts.read'), menu: true },
  {
    path: '/proposal-categories',
    label: 'proposalCategories',
    icon: <TagsOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.configure'),
    menu: true,
  },
  {
    path: '/proposal-settings',
    label: 'proposalSettings',
    icon: <SettingOutlined />,
    visible: (s) => hasOrg(s) && s.can('proposals.configure'),
    menu: true,
  },
  { path: '/audit', label: 'audit', icon: <AuditOutlined />, visible: (s) => hasOrg(s) && s.can('audit.read'), menu: true },
  { path: '/calendar', label: 'calendar', icon: <CalendarOutlined />, visible: () => true, menu: true },
  { path: '/notifications', label: 'notifications', icon: <BellOutlined />, visible: () => true, menu: true },
  { path: '/profile', label: 'profile', icon: <UserOutlined />, visible: () => true, menu: false },
  // Work system and leadership dashboard
  { path: '/leader-dashboard', label: 'leaderDashboard', icon: <FundOutlined />, visible: (s) => hasOrg(s) && s.can('worksystem.read'), menu: true },
  { path: '/work-system', label: 'workSystem', icon: <ReconciliationOutlined />, visible: (s) => hasOrg(s) && s.can('worksystem.read'), menu: true },
  { path: '/search', label: 'search', icon: <FileSearchOutlined />, visible: (s) => hasOrg(s) && s.can('search.read'), menu: false },
  // ── joint activities and the activities dashboard ──
  { path: '/joint-invitations', label: 'jointInvitations', icon: <MailOutlined />, visible: (s) => hasOrg(s) && s.can('activities.joint_respond'), menu: true },
  { path: '/activity-dashboard', label: 'activityDashboard', icon: <PieChartOutlined />, visible: (s) => hasOrg(s) && s.can('activities.read'), menu: true },
  // Duty records (履职档案)
  { path: '/my-duty', label: 'myDuty', icon: <TrophyOutlined />, visible: (s) => hasOrg(s) && s.can('duty.self') && isMember(s), menu: true },
  { path: '/duty', label: 'duty', icon: <TrophyOutlined />, visible: (s) => hasOrg(s) && s.can('duty.read'), menu: true },
  { path: '/duty/members/:id', label: 'dutyMember', icon: <TrophyOutlined />, visible: (s) => hasOrg(s) && s.can('duty.read'), menu: false },
  { path: '/duty-rules', label: 'dutyRules', icon: <SettingOutlined />, visible: (s) => hasOrg(s) && s.can('duty.read'), menu: true },
];

export const visibleNav = (s: Session) => NAV.filter((n) => n.visible(s));
