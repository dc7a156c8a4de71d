import { lazy, Suspense, useEffect, useMemo, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Flex, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { AuthMe } from '@common/auth';
import type { Lang } from '@common/messages';
import { ApiError, get, setApiLang, setCsrf } from './api';
import { initialLang, LangContext, makeLangApi } from './i18n';
import { makeSession, ME_KEY, SessionContext } from './session';
import { NAV } from './nav';
import { AppLayout } from './Layout';

/**
 * A lazily loaded page. After a new release the old chunk names are gone: reload once to fetch the new build
 * instead of showing a broken page.
 */
function page(load: () => Promise<{ default: ComponentType }>): LazyExoticComponent<ComponentType> {
  return lazy(() =>
    load().then(
      (m) => {
        sessionStorage.removeItem('xs.reloaded');
        return m;
      },
      (err: unknown) => {
        if (!sessionStorage.getItem('xs.reloaded')) {
          sessionStorage.setItem('xs.reloaded', '1');
          window.location.reload();
        }
        throw err;
      },
    ),
  );
}

const LoginPage = page(() => import('./pages/LoginPage'));
const ChangePasswordPage = page(() => import('./pages/ChangePasswordPage'));
const NotFoundPage = page(() => import('./pages/NotFoundPage'));
/** Public disclosure (公开): no login. */
const PublicProposalsPage = page(() => import('./pages/PublicProposalsPage'));

const PAGES: Record<string, LazyExoticComponent<ComponentType>> = {
  '/': page(() => import('./pages/HomePage')),
  '/my-proposals': page(() => import('./pages/MyProposalsPage')),
  '/proposal-review': page(() => import('./pages/ProposalReviewPage')),
  '/proposals/:id': page(() => import('./pages/ProposalPage')),
  '/unit-inbox': page(() => import('./pages/UnitInboxPage')),
  '/proposal-supervision': page(() => import('./pages/ProposalSupervisionPage')),
  '/proposal-dashboard': page(() => import('./pages/ProposalDashboardPage')),
  '/proposal-settings': page(() => import('./pages/ProposalSettingsPage')),
  '/proposal-categories': page(() => import('./pages/ProposalCategoriesPage')),
  '/orgs': page(() => import('./pages/OrgsPage')),
  '/terms': page(() => import('./pages/TermsPage')),
  '/catalogs': page(() => import('./pages/CatalogsPage')),
  '/members': page(() => import('./pages/MembersPage')),
  '/collectives': page(() => import('./pages/CollectivesPage')),
  '/units': page(() => import('./pages/UnitsPage')),
  '/accounts': page(() => import('./pages/AccountsPage')),
  '/audit': page(() => import('./pages/AuditPage')),
  '/calendar': page(() => import('./pages/CalendarPage')),
  '/activities': page(() => import('./pages/ActivitiesPage')),
  '/activities/:id': page(() => import('./pages/ActivityPage')),
  '/activity-outcomes/:id': page(() => import('./pages/ActivityOutcomePage')),
  '/my-activities': page(() => import('./pages/ActivityMinePage')),
  '/activity-attendance': page(() => import('./pages/ActivityAttendancePage')),
  '/problem-inbox': page(() => import('./pages/ActivityProblemInboxPage')),
  // joint activities and the activities dashboard
  '/joint-invitations': page(() => import('./pages/JointInvitationsPage')),
  '/activity-dashboard': page(() => import('./pages/ActivityDashboardPage')),
  '/notifications': page(() => import('./pages/NotificationsPage')),
  '/profile': page(() => import('./pages/ProfilePage')),
  '/search': page(() => import('./pages/SearchPage')),
  // Cooperation items, campaigns, studios (coop)
  '/coop-items': page(() => import('./pages/CoopItemsPage')),
  '/coop-items/:id': page(() => import('./pages/CoopItemPage')),
  '/campaigns': page(() => import('./pages/CampaignsPage')),
  '/campaigns/:id': page(() => import('./pages/CampaignPage')),
  '/studios': page(() => import('./pages/StudiosPage')),
  '/studios/:id': page(() => import('./pages/StudioPage')),
  '/studio-ratings': page(() => import('./pages/StudioRatingsPage')),
  '/studio-requests/:id': page(() => import('./pages/StudioRequestRedirect')),
  // ── info (社情民意) ──
  '/my-info': page(() => import('./pages/InfoMinePage')),
  '/info-desk': page(() => import('./pages/InfoDeskPage')),
  '/info-stats': page(() => import('./pages/InfoStatsPage')),
  '/info-reports/:id': page(() => import('./pages/InfoReportPage')),
  // Duty records (履职档案)
  '/my-duty': page(() => import('./pages/DutyMinePage')),
  '/duty': page(() => import('./pages/DutyRankingPage')),
  '/duty/members/:id': page(() => import('./pages/DutyMemberPage')),
  '/duty-rules': page(() => import('./pages/DutyRulesPage')),
  // Work system and leadership dashboard
  '/leader-dashboard': page(() => import('./pages/LeaderDashboardPage')),
  '/work-system': page(() => import('./pages/WorkSystemPage')),
};

const Loading = () => (
  <Flex justify="center" align="center" style={{ minHeight: 240 }}>
    <Spin />
  </Flex>
);

async function fetchMe(): Promise<AuthMe | null> {
  try {
    const me = await get<AuthMe>('/api/auth/me');
    setCsrf(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null;
    throw err;
  }
}

export function Root() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  setApiLang(lang);
  const qc = useQueryClient();
  const setLang = (l: Lang) => {
    localStorage.setItem('xs.lang', l);
    setApiLang(l);
    setLangState(l);
    void qc.invalidateQueries();
  };
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
    document.documentElement.lang = lang;
  }, [lang]);
  const langApi = makeLangApi(lang, setLang);

  return (
    <LangContext.Provider value={langApi}>
      <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#b71c1c', borderRadius: 6 } }}>
        <AntApp>
          <Suspense fallback={<Loading />}>
            <Gate />
          </Suspense>
        </AntApp>
      </ConfigProvider>
    </LangContext.Provider>
  );
}

function Gate() {
  const qc = useQueryClient();
  const location = useLocation();
  const meQuery = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 60_000 });
  const me = meQuery.data;
  const session = useMemo(
    () => (me ? makeSession(me, async () => void (await qc.invalidateQueries({ queryKey: ME_KEY }))) : null),
    [me, qc],
  );

  if (location.pathname.startsWith('/public/')) {
    return (
      <Routes>
        <Route path="/public/:code/proposals/:id?" element={<PublicProposalsPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    );
  }
  if (meQuery.isPending) return <Loading />;
  if (!me || !session) {
    if (location.pathname === '/login') return <LoginPage />;
    const next = location.pathname === '/' ? '' : `?next=${encodeURIComponent(location.pathname + location.search)}`;
    return <Navigate to={`/login${next}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;

  return (
    <SessionContext.Provider value={session}>
      <Routes>
        <Route path="/login" element={<Navigate to="/" replace />} />
        <Route path="/change-password" element={<ChangePasswordPage />} />
        <Route element={<AppLayout />}>
          {NAV.filter((n) => n.visible(session)).map((n) => {
            const Page = PAGES[n.path];
            return <Route key={n.path} path={n.path} element={<Page />} />;
          })}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </SessionContext.Provider>
  );
}
