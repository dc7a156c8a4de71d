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
  { path: '/search', label: 'search', icon: <FileSearchOutlined />, visible: (s) => hasOrg(s) && s.can('search.read'), menu: false },
];

export const visibleNav = (s: Session) => NAV.filter((n) => n.visible(s));
