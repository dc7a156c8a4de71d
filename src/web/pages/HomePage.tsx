import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { ROLE_LABELS, UNIT_GROUP_LABELS, type Role } from '@common/roles';
import { GENDER_LABELS } from '@common/people';
import type { z } from 'zod';
import type { MeView, NotificationView } from '@common/accounts';
import { get, qs, type Page } from '../api';
import { useCatalog, useFirstPage, useOrgs, useTerms, type Account, type Collective, type Member, type Unit } from '../data';
import { useLang, type DictKey } from '../i18n';
import { activeRoles } from '../perms';
import { NAV } from '../nav';
import type { ProposalItem } from '../proposals';
import { useOrgId, useSession } from '../session';
import { PageHeader } from '../ui';

const BarChart = lazy(() => import('../components/BarChart').then((m) => ({ default: m.BarChart })));

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

function Stat({ title, value, to }: { title: string; value: ReactNode; to?: string }) {
  const body = <Statistic title={title} value={value as string} />;
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

function OfficePanel() {
  const { L } = useLang();
  return (
    <Section title={L('日常工作', 'Daily work')}>
      <Shortcuts paths={['/members', '/terms', '/catalogs', '/calendar']} />
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
  return (
    <Row gutter={16}>
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

/** All members of the organization, page by page (capped), for the leader's overview. */
async function allMembers(orgId: number): Promise<Member[]> {
  const out: Member[] = [];
  let cursor: string | null = '';
  for (let i = 0; i < 25 && cursor !== null; i++) {
    const page: Page<Member> = await get<Page<Member>>(`/api/orgs/${orgId}/members` + qs({ limit: 200, cursor: cursor || undefined }));
    out.push(...page.items);
    cursor = page.nextCursor;
  }
  return out;
}

function LeaderPanel() {
  const orgId = useOrgId();
  const { L } = useLang();
  const members = useQuery({ queryKey: ['members', 'overview', orgId], queryFn: () => allMembers(orgId) });
  const units = useFirstPage<Unit>('units', `/api/orgs/${orgId}/units`);
  const list = members.data ?? [];
  const bySector = new Map<string, number>();
  for (const m of list) if (m.active) bySector.set(m.sectorName ?? L('未分界别', 'No sector'), (bySector.get(m.sectorName ?? L('未分界别', 'No sector')) ?? 0) + 1);
  const data = [...bySector.entries()].map(([name, value]) => ({ name, value })).sort((a, b) => b.value - a.value);
  return (
    <Section title={L('组织概况', 'Organization overview')}>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Stat title={L('在册委员', 'Active members')} value={members.isPending ? '—' : list.filter((m) => m.active).length} />
        <Stat title={L('常委', 'Standing committee')} value={members.isPending ? '—' : list.filter((m) => m.active && m.isStandingCommittee).length} />
        <Stat title={L('承办单位', 'Handling units')} value={countOf(units.data)} />
      </Row>
      <Typography.Title level={5}>{L('各界别委员人数', 'Members by sector')}</Typography.Title>
      {members.isPending ? (
        <Skeleton active />
      ) : data.length ? (
        <Suspense fallback={<Skeleton active />}>
          <BarChart data={data} height={Math.max(200, data.length * 32)} />
        </Suspense>
      ) : (
        <Empty description={L('暂无委员数据', 'No members yet')} />
      )}
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
      {has('unit_handler') ? <UnitPanel unitIds={unitIds} /> : null}
      {has('member') ? <MemberPanel /> : null}
      {roles.length === 0 && !me.isPlatformAdmin ? <Empty description={L('您在当前组织没有角色。', 'You hold no role in this organization.')} /> : null}
    </div>
  );
}
