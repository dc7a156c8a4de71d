import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { ROLE_LABELS, UNIT_GROUP_LABELS, type Role } from '@common/roles';
import type { ActivityListItem, IssueInboxItem, MyActivityItem } from '@common/activities';
import { DASHBOARD_METRIC_LABELS, type DashboardMetric, type LeaderDashboardView } from '@common/worksystem';
import type { UnitInboxItem } from '@common/proposals';
import { GENDER_LABELS } from '@common/people';
import type { z } from 'zod';
import type { MeView, NotificationView } from '@common/accounts';
import { get, qs, type Page } from '../api';
import { useCatalog, useFirstPage, useOrgs, useTerms, type Account, type Collective, type Member, type Unit } from '../data';
import { ActivityStatusTag, AttendanceTag } from './activity/common';
import { useLang, type DictKey } from '../i18n';
import { activeRoles } from '../perms';
import { NAV } from '../nav';
import { todayInChina, type ProposalItem } from '../proposals';
import { isOverdue } from './unitInbox';
import { useOrgId, useSession } from '../session';
import { PageHeader } from '../ui';


// ECharts loads only for callers who see the chart (not for members and handling units).
const MembersBySector = lazy(() => import('../components/MembersBySector'));

/** Count shown as "N" or "N+" when the first page was full. */
const countOf = (page: Page<unknown> | undefined) => (page ? `${page.items.length}${page.nextCursor ? '+' : ''}` : '—');

function Shortcuts({ paths }: { paths: string[] }) {
  const session = useSession();
  const { t } = useLang();
  const items = NAV.filter((n) => paths.includes(n.path) && n.visible(session));
  if (!items.length) return null;
  return (
    <Space wrap>
      {items.map((n) => (
        <Link key={n.path} to={n.path}>
          <Button icon={n.icon}>{t(n.label as DictKey)}</Button>
        </Link>
      ))}
    </Space>
  );
}

function Section({ title, children, extra }: { title: ReactNode; children: ReactNode; extra?: ReactNode }) {
  return (
    <Card title={title} extra={extra} style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}

function Stat({ title, value, to, alert }: { title: string; value: ReactNode; to?: string; alert?: boolean }) {
  const body = <Statistic title={title} value={value as string} valueStyle={alert ? { color: '#cf1322' } : undefined} />;
  return (
    <Col xs={12} sm={8} md={6}>
      <Card size="small" hoverable={!!to}>
        {to ? <Link to={to}>{body}</Link> : body}
      </Card>
    </Col>
  );
}

function AdminPanel() {
  const orgId = useOrgId();
  const { L } = useLang();
  const terms = useTerms(orgId);
  const sectors = useCatalog(orgId, 'sectors');
  const accounts = useFirstPage<Account>('accounts', `/api/orgs/${orgId}/accounts`);
  return (
    <Section title={L('组织管理', 'Organization administration')}>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Stat title={L('账号', 'Accounts')} value={countOf(accounts.data)} to="/accounts" />
        <Stat title={L('届次', 'Terms')} value={terms.data?.items.length ?? '—'} to="/terms" />
        <Stat title={L('界别', 'Sectors')} value={sectors.data?.items.length ?? '—'} to="/catalogs" />
      </Row>
      <Shortcuts paths={['/accounts', '/audit', '/terms', '/catalogs', '/members', '/units']} />
    </Section>
  );
}

function PlatformPanel() {
  const { L } = useLang();
  const orgs = useOrgs();
  return (
    <Section title={L('平台管理', 'Platform administration')}>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Stat title={L('政协组织', 'Organizations')} value={orgs.data?.items.length ?? '—'} to="/orgs" />
      </Row>
      <Shortcuts paths={['/orgs', '/calendar', '/accounts', '/audit']} />
    </Section>
  );
}

function ProposalPanel() {
  const orgId = useOrgId();
  const { L } = useLang();
  const units = useFirstPage<Unit>('units', `/api/orgs/${orgId}/units`);
  const collectives = useFirstPage<Collective>('collectives', `/api/orgs/${orgId}/collectives`);
  const pending = useFirstPage<ProposalItem>('proposal-review', `/api/orgs/${orgId}/proposals`, { state: 'submitted' }, true, 100);
  return (
    <Section title={L('提案工作', 'Proposal office')}>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Stat title={L('待审查提案', 'Proposals awaiting review')} value={countOf(pending.data)} to="/proposal-review" />
        <Stat title={L('承办单位', 'Handling units')} value={countOf(units.data)} to="/units" />
        <Stat title={L('集体提案者', 'Collective proposers')} value={countOf(collectives.data)} to="/collectives" />
      </Row>
      <Shortcuts paths={['/proposal-review', '/proposal-categories', '/units', '/members', '/collectives']} />
    </Section>
  );
}

/** yyyy-mm-dd of a day `days` from today, in the organization's time (China). */
const dayFromToday = (days: number, now: number) => new Date(now + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** "12月3日 周三 14:30" of an ISO time, in China time. */
function useWhen() {
  const { lang } = useLang();
  return (iso: string) =>
    new Date(iso).toLocaleString(lang === 'en' ? 'en-GB' : 'zh-CN', { timeZone: 'Asia/Shanghai', month: 'short', day: 'numeric', weekday: 'short', hour: '2-digit', minute: '2-digit' });
}

function UpcomingList({ items, loading, extra }: { items: ActivityListItem[]; loading: boolean; extra?: (a: ActivityListItem) => ReactNode }) {
  const { L } = useLang();
  const when = useWhen();
  return (
    <List
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('近期没有安排活动', 'Nothing scheduled soon')} /> }}
      renderItem={(a) => (
        <List.Item key={a.id} extra={extra?.(a)}>
          <List.Item.Meta
            title={<Link to={`/activities/${a.id}`}>{a.topic}</Link>}
            description={
              <Space wrap size={4}>
                <span>{when(a.startsAt)}</span>
                <span>·</span>
                <span>{a.type}</span>
                {a.place ? <span>· {a.place}</span> : null}
              </Space>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** The office's day: what is coming up in the next 30 days and the minutes still to file. */
function OfficePanel() {
  const { L } = useLang();
  const orgId = useOrgId();
  const { can } = useSession();
  const canActivities = can('activities.read');
  const [now] = useState(() => Date.now());
  const from = dayFromToday(0, now);
  const soon = useQuery({
    queryKey: ['activities-calendar', orgId, from, 'home'],
    enabled: canActivities,
    queryFn: () => get<{ items: ActivityListItem[] }>(`/api/orgs/${orgId}/activities/calendar` + qs({ from, to: dayFromToday(30, now) })),
  });
  const held = useFirstPage<ActivityListItem>('activities', `/api/orgs/${orgId}/activities`, { status: 'held' }, canActivities, 100);
  const upcoming = (soon.data?.items ?? []).filter((a) => a.status === 'planned' && Date.parse(a.endsAt) >= now);
  const minutesLate = (held.data?.items ?? []).filter((a) => a.minutesDue && a.minutesDue < from).length;
  return (
    <Section title={L('日常工作', 'Daily work')}>
      {canActivities ? (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            <Stat title={L('30 天内的活动', 'Activities in the next 30 days')} value={soon.isPending ? '—' : upcoming.length} to="/calendar" />
            <Stat title={L('纪要待提交', 'Minutes to file')} value={countOf(held.data)} to="/activities?status=held" />
            <Stat title={L('纪要已逾期', 'Minutes overdue')} value={held.isPending ? '—' : minutesLate} to="/activities?status=held" alert={minutesLate > 0} />
          </Row>
          <Typography.Title level={5}>{L('近期活动', 'Coming up')}</Typography.Title>
          <UpcomingList items={upcoming.slice(0, 6)} loading={soon.isPending} extra={(a) => <ActivityStatusTag status={a.status} />} />
        </>
      ) : null}
      <div style={{ marginTop: 12 }}>
        <Shortcuts paths={['/activities', '/activity-attendance', '/work-system', '/calendar', '/members', '/terms', '/catalogs']} />
      </div>
    </Section>
  );
}

function MemberPanel() {
  const { L, p } = useLang();
  const me = useQuery({ queryKey: ['me-profile'], queryFn: () => get<z.infer<typeof MeView>>('/api/me') });
  const notes = useQuery({ queryKey: ['notifications', 'home'], queryFn: () => get<Page<z.infer<typeof NotificationView>>>('/api/notifications' + qs({ limit: 5 })) });
  const orgId = useOrgId();
  const { me: auth } = useSession();
  const mine = useFirstPage<Member>('members', `/api/orgs/${orgId}/members`, { q: auth.displayName }, true, 20);
  const member = mine.data?.items.find((m) => m.accountId === auth.accountId);
  const proposals = useFirstPage<ProposalItem>('my-proposals', `/api/orgs/${orgId}/proposals/mine`, {}, true, 100);
  const invitations = (proposals.data?.items ?? []).filter((x) => x.abilities.includes('cosign')).length;
  const drafts = (proposals.data?.items ?? []).filter((x) => x.abilities.includes('edit')).length;
  const { can } = useSession();
  const activities = useFirstPage<MyActivityItem>('my-activities', `/api/orgs/${orgId}/activities/mine`, {}, can('activities.participate'), 50);
  const [now] = useState(() => Date.now());
  // The list is newest first: the ones still to come, soonest first.
  const upcoming = (activities.data?.items ?? [])
    .filter((a) => a.status !== 'cancelled' && Date.parse(a.endsAt) >= now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .slice(0, 5);
  return (
    <Row gutter={16}>
      {can('activities.participate') ? (
        <Col xs={24}>
          <Section title={L('我的近期活动', 'My upcoming activities')} extra={<Link to="/my-activities">{L('全部', 'All')}</Link>}>
            <UpcomingList
              items={upcoming}
              loading={activities.isPending}
              extra={(a) => {
                const mine = a as MyActivityItem;
                return mine.leaveStatus === 'pending' ? <Tag color="orange">{L('请假待批', 'Leave pending')}</Tag> : <AttendanceTag value={mine.attendance} />;
              }}
            />
          </Section>
        </Col>
      ) : null}
      <Col xs={24}>
        <Section title={L('我的提案', 'My proposals')} extra={<Link to="/my-proposals">{L('全部', 'All')}</Link>}>
          <Row gutter={[12, 12]}>
            <Stat title={L('我的提案', 'My proposals')} value={countOf(proposals.data)} to="/my-proposals" />
            <Stat title={L('待修改/草稿', 'Drafts to finish')} value={proposals.isPending ? '—' : drafts} to="/my-proposals" />
            <Stat title={L('联名邀请', 'Co-signing invitations')} value={proposals.isPending ? '—' : invitations} to="/my-proposals" />
          </Row>
        </Section>
      </Col>
      <Col xs={24} md={12}>
        <Section title={L('我的档案', 'My profile')} extra={<Link to="/profile">{L('编辑', 'Edit')}</Link>}>
          {me.isPending ? (
            <Skeleton active />
          ) : (
            <Descriptions column={1} size="small">
              <Descriptions.Item label={L('姓名', 'Name')}>{me.data?.displayName}</Descriptions.Item>
              <Descriptions.Item label={L('手机号', 'Phone')}>{me.data?.phone || '—'}</Descriptions.Item>
              <Descriptions.Item label={L('电子邮箱', 'E-mail')}>{me.data?.email || '—'}</Descriptions.Item>
              {member ? (
                <>
                  <Descriptions.Item label={L('性别', 'Gender')}>{p(GENDER_LABELS[member.gender]) || '—'}</Descriptions.Item>
                  <Descriptions.Item label={L('界别', 'Sector')}>{member.sectorName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={L('委员小组', 'Group')}>{member.groupName ?? '—'}</Descriptions.Item>
                  <Descriptions.Item label={L('专门委员会', 'Committees')}>{member.committeeNames.join('、') || '—'}</Descriptions.Item>
                  <Descriptions.Item label={L('届次', 'Terms')}>{member.termNumbers.map((n) => L(`第${n}届`, `Term ${n}`)).join('、') || '—'}</Descriptions.Item>
                </>
              ) : null}
            </Descriptions>
          )}
        </Section>
      </Col>
      <Col xs={24} md={12}>
        <Section title={L('最新通知', 'Latest notifications')} extra={<Link to="/notifications">{L('全部', 'All')}</Link>}>
          <List
            loading={notes.isPending}
            dataSource={notes.data?.items ?? []}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无通知', 'No notifications')} /> }}
            renderItem={(n) => (
              <List.Item>
                <List.Item.Meta title={<Typography.Text strong={!n.read}>{n.title}</Typography.Text>} description={new Date(n.createdAt).toLocaleString()} />
              </List.Item>
            )}
          />
        </Section>
      </Col>
    </Row>
  );
}

/** A handling unit's work: proposals to sign for and in hand (with the overdue ones), problem-list issues to answer. */
function UnitWorkPanel() {
  const { L } = useLang();
  const orgId = useOrgId();
  const { can } = useSession();
  // The same first pages as the inbox's tabs (same query keys), so opening the inbox shows them at once.
  const toSign = useFirstPage<z.infer<typeof UnitInboxItem>>('unit-inbox-count', `/api/orgs/${orgId}/unit-inbox`, { status: 'assigned' }, can('proposals.handle'));
  const inHand = useFirstPage<z.infer<typeof UnitInboxItem>>('unit-inbox-count', `/api/orgs/${orgId}/unit-inbox`, { status: 'received' }, can('proposals.handle'));
  const issues = useFirstPage<IssueInboxItem>('problem-inbox', `/api/orgs/${orgId}/problem-inbox`, { status: 'open' }, can('activities.respond'));
  // Each unit by its own clock: a co-unit's is its opinion date, not the lead's reply deadline (as in the inbox).
  const today = todayInChina();
  const overdue = (inHand.data?.items ?? []).filter((r) => isOverdue(r, today)).length;
  return (
    <Section title={L('待办事项', 'To do')}>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {can('proposals.handle') ? (
          <>
            <Stat title={L('提案待签收', 'Proposals to sign for')} value={countOf(toSign.data)} to="/unit-inbox" alert={!!toSign.data?.items.length} />
            <Stat title={L('提案办理中', 'Proposals in hand')} value={countOf(inHand.data)} to="/unit-inbox" />
            <Stat title={L('办理已逾期', 'Overdue')} value={inHand.isPending ? '—' : overdue} to="/unit-inbox" alert={overdue > 0} />
          </>
        ) : null}
        {can('activities.respond') ? <Stat title={L('问题清单待表态', 'Problems to answer')} value={countOf(issues.data)} to="/problem-inbox" alert={!!issues.data?.items.length} /> : null}
      </Row>
      <Shortcuts paths={['/unit-inbox', '/problem-inbox']} />
    </Section>
  );
}

function UnitPanel({ unitIds }: { unitIds: number[] }) {
  const { L, p } = useLang();
  const units = useQuery({ queryKey: ['units', 'mine', unitIds], queryFn: () => Promise.all(unitIds.map((id) => get<Unit>(`/api/units/${id}`))) });
  return (
    <Section title={L('我的承办单位', 'My handling unit')}>
      {units.isPending ? (
        <Skeleton active />
      ) : (
        (units.data ?? []).map((u) => (
          <Descriptions key={u.id} column={{ xs: 1, md: 2 }} size="small" title={u.name} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={L('单位类别', 'Group')}>{p(UNIT_GROUP_LABELS[u.unitGroup])}</Descriptions.Item>
            <Descriptions.Item label={L('联系人', 'Contact')}>{u.contactName || '—'}</Descriptions.Item>
            <Descriptions.Item label={L('联系电话', 'Phone')}>{u.contactPhone || '—'}</Descriptions.Item>
            <Descriptions.Item label={L('单位职能', 'Duties')}>{u.duties || '—'}</Descriptions.Item>
          </Descriptions>
        ))
      )}
      {unitIds.length === 0 ? <Empty description={L('尚未绑定承办单位', 'No unit assigned')} /> : null}
    </Section>
  );
}

const LEADER_FIGURES: DashboardMetric[] = ['hearings', 'cityInstructions', 'converted', 'leaderConsultations', 'solved'];

/** What a leader reads first: the work system's figures (the same as the 驾驶舱, one request) and where to go next. */
function LeaderPanel() {
  const orgId = useOrgId();
  const { L, p } = useLang();
  const { can } = useSession();
  const dash = useQuery({
    queryKey: ['leader-dashboard', orgId],
    enabled: can('worksystem.read'),
    queryFn: () => get<LeaderDashboardView>(`/api/orgs/${orgId}/leader-dashboard`),
  });
  const proposals = dash.data?.proposals;
  return (
    <Section title={L('履职成效', 'Results at a glance')} extra={can('worksystem.read') ? <Link to="/leader-dashboard">{L('领导驾驶舱', 'Leadership dashboard')}</Link> : null}>
      {can('worksystem.read') ? (
        <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
          {LEADER_FIGURES.map((m) => (
            <Stat key={m} title={p(DASHBOARD_METRIC_LABELS[m])} value={dash.data ? dash.data.figures[m] : '—'} to="/leader-dashboard" />
          ))}
          <Stat
            title={L('提案满意率', 'Proposers satisfied')}
            value={proposals ? (proposals.rated ? `${Math.round((proposals.satisfied / proposals.rated) * 100)}%` : '—') : '—'}
            to="/leader-dashboard"
          />
          <Stat
            title={L('工作制度逾期', 'Work-system items overdue')}
            value={dash.data ? dash.data.obligations.overdue : '—'}
            to="/work-system"
            alert={!!dash.data?.obligations.overdue}
          />
        </Row>
      ) : null}
      <Shortcuts paths={['/leader-dashboard', '/proposal-dashboard', '/proposal-supervision', '/activity-dashboard', '/work-system', '/duty']} />
      {can('members.read') ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {L('各界别委员人数', 'Members by sector')}
          </Typography.Title>
          <Suspense fallback={<Skeleton active />}>
            <MembersBySector />
          </Suspense>
        </>
      ) : null}
    </Section>
  );
}

export default function HomePage() {
  const session = useSession();
  const { me } = session;
  const { L, p } = useLang();
  const roles = activeRoles(me);
  const has = (r: Role) => roles.includes(r);
  const unitIds = me.grants.filter((g) => g.orgId === me.activeOrgId && g.role === 'unit_handler' && g.unitId != null).map((g) => g.unitId!);
  const orgName = me.orgs.find((o) => o.id === me.activeOrgId)?.name ?? '';
  return (
    <div>
      <PageHeader
        title={L(`您好，${me.displayName}`, `Hello, ${me.displayName}`)}
        sub={
          <Space wrap size={4}>
            <span>{orgName}</span>
            {roles.map((r) => (
              <Tag key={r} color="red">
                {p(ROLE_LABELS[r])}
              </Tag>
            ))}
          </Space>
        }
      />
      {me.isPlatformAdmin ? <PlatformPanel /> : null}
      {has('org_admin') ? <AdminPanel /> : null}
      {has('leader') ? <LeaderPanel /> : null}
      {has('proposal_staff') ? <ProposalPanel /> : null}
      {has('general_staff') || has('info_staff') ? <OfficePanel /> : null}
      {has('unit_handler') ? <UnitWorkPanel /> : null}
      {has('unit_handler') ? <UnitPanel unitIds={unitIds} /> : null}
      {has('member') ? <MemberPanel /> : null}
      {roles.length === 0 && !me.isPlatformAdmin ? <Empty description={L('您在当前组织没有角色。', 'You hold no role in this organization.')} /> : null}
    </div>
  );
}
