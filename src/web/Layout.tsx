import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Avatar, Badge, Button, Drawer, Dropdown, Flex, Layout, Menu, Segmented, Select, Spin, Typography } from 'antd';
import { BellOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import type { AuthMe } from '@common/auth';
import { ROLE_LABELS } from '@common/roles';
import { get, post, setCsrf } from './api';
import { SearchBox } from './components/SearchBox';
import { useLang } from './i18n';
import { NAV, visibleNav, type NavItem } from './nav';
import { buildMenu, groupKey, menuSelection } from './navMenu';
import { activeRoles } from './perms';
import { ME_KEY, useSession } from './session';
import { useErrorHandler, useIsMobile } from './ui';

export const UNREAD_KEY = ['notifications', 'unread-count'] as const;

function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const session = useSession();
  const { t } = useLang();
  const location = useLocation();
  const items = visibleNav(session).filter((n) => n.menu);
  const { selected, group } = menuSelection(location.pathname, items, NAV);
  // The current page's area is open on load; moving into another area opens that one and closes the rest, so the
  // menu stays short. Pages outside the menu (profile, search) leave it as it was.
  const [openKeys, setOpenKeys] = useState<string[]>(group ? [groupKey(group)] : []);
  const [openedFor, setOpenedFor] = useState(group);
  if (group && group !== openedFor) {
    setOpenedFor(group);
    setOpenKeys([groupKey(group)]);
  }
  const link = (n: NavItem) => ({
    key: n.path,
    icon: n.icon,
    label: (
      <Link to={n.path} onClick={onNavigate}>
        {t(n.label)}
      </Link>
    ),
  });
  return (
    <Menu
      theme="dark"
      mode="inline"
      // Every page link stays in the document while its area is closed (the browser smoke test collects them).
      forceSubMenuRender
      selectedKeys={selected ? [selected] : []}
      openKeys={openKeys}
      onOpenChange={setOpenKeys}
      items={buildMenu(items).map((e) =>
        e.kind === 'item' ? link(e.item) : { key: groupKey(e.group.key), icon: e.group.icon, label: t(e.group.label), children: e.items.map(link) },
      )}
    />
  );
}

function OrgSwitcher() {
  const { me } = useSession();
  const { t } = useLang();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const mobile = useIsMobile();
  if (me.orgs.length === 0) return <Typography.Text type="secondary">{t('noOrg')}</Typography.Text>;
  return (
    <Select
      aria-label={t('switchOrg')}
      value={me.activeOrgId ?? undefined}
      loading={busy}
      style={{ minWidth: mobile ? 120 : 200, maxWidth: mobile ? 150 : 280 }}
      popupMatchSelectWidth={false}
      showSearch={{ optionFilterProp: 'label' }}
      options={me.orgs.map((o) => ({ value: o.id, label: mobile ? o.shortName || o.name : o.name }))}
      onChange={async (orgId: number) => {
        setBusy(true);
        try {
          const next = await post<AuthMe>('/api/auth/switch-org', { orgId });
          setCsrf(next.csrfToken);
          qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
          qc.setQueryData(ME_KEY, next);
          void navigate('/');
        } catch (err) {
          onError(err);
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}

function Bell() {
  const { t } = useLang();
  const { data } = useQuery({ queryKey: UNREAD_KEY, queryFn: () => get<{ count: number }>('/api/notifications/unread-count'), refetchInterval: 30_000 });
  return (
    <Link to="/notifications" aria-label={t('notifications')}>
      <Badge count={data?.count ?? 0} size="small" overflowCount={99}>
        <BellOutlined style={{ fontSize: 18, color: '#555' }} />
      </Badge>
    </Link>
  );
}

function UserMenu() {
  const { me } = useSession();
  const { t, p } = useLang();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const mobile = useIsMobile();
  const roles = activeRoles(me);
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', disabled: true, label: <span>{me.displayName}（{roles.map((r) => p(ROLE_LABELS[r])).join('、') || (me.isPlatformAdmin ? p(ROLE_LABELS.platform_admin) : '—')}）</span> },
          { type: 'divider' },
          { key: '/profile', icon: <UserOutlined />, label: t('profile') },
          { key: '/change-password', icon: <KeyOutlined />, label: t('changePassword') },
          { key: 'logout', icon: <LogoutOutlined />, label: t('logout') },
        ],
        onClick: async ({ key }) => {
          if (key === 'logout') {
            try {
              await post('/api/auth/logout');
            } finally {
              setCsrf('');
              qc.clear();
              window.location.assign('/login');
            }
            return;
          }
          void navigate(key);
        },
      }}
    >
      <Button type="text" style={{ paddingInline: 4 }} aria-label={me.displayName}>
        <Avatar size="small" style={{ background: '#b71c1c' }}>
          {me.displayName.slice(0, 1)}
        </Avatar>
        {mobile ? null : <span style={{ marginLeft: 6 }}>{me.displayName}</span>}
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t, lang, setLang } = useLang();
  const mobile = useIsMobile();
  const [drawer, setDrawer] = useState(false);
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {mobile ? (
        <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} size={240} styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}>
          <div className="xs-brand">{t('appShort')}</div>
          <SideMenu onNavigate={() => setDrawer(false)} />
        </Drawer>
      ) : (
        <Layout.Sider width={220} breakpoint="lg" collapsedWidth={64}>
          <div className="xs-brand">{t('appShort')}</div>
          <SideMenu />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="xs-header">
          {mobile ? <Button type="text" icon={<MenuOutlined />} aria-label={t('menu')} onClick={() => setDrawer(true)} /> : null}
          <OrgSwitcher />
          <Flex flex={1} />
          <SearchBox />
          <Segmented
            size="small"
            value={lang}
            aria-label={t('language')}
            options={[
              { value: 'zh-CN', label: mobile ? '中' : '中文' },
              { value: 'en', label: mobile ? 'EN' : 'English' },
            ]}
            onChange={(v) => setLang(v as typeof lang)}
          />
          <Bell />
          <UserMenu />
        </Layout.Header>
        <Layout.Content className="xs-content">
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 48 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
