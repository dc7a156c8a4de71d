import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@common/roles';
import { NAV, NAV_GROUPS } from './nav';
import { buildMenu, menuSelection, routeMatches, type MenuEntry } from './navMenu';
import { makeSession } from './session';

/** A signed-in session in organization 1 holding the given roles. */
function sessionWith(...roles: Role[]) {
  return makeSession(
    {
      accountId: 1,
      username: 'u',
      displayName: 'U',
      locale: 'zh-CN',
      activeOrgId: 1,
      isPlatformAdmin: roles.includes('platform_admin'),
      mustChangePassword: false,
      csrfToken: '',
      grants: roles.map((role, i) => ({ id: i + 1, orgId: 1, orgName: '秀山县政协', role, unitId: null, unitName: null, title: '' })),
      orgs: [{ id: 1, name: '秀山县政协', shortName: '秀山' }],
    },
    () => Promise.resolve(),
  );
}

const menuItemsOf = (...roles: Role[]) => NAV.filter((n) => n.menu && n.visible(sessionWith(...roles)));
/** The menu as text: a page as its path, an area as `key[path, …]`. */
const shape = (entries: MenuEntry[]) =>
  entries.map((e) => (e.kind === 'item' ? e.item.path : `${e.group.key}[${e.items.map((n) => n.path).join(', ')}]`));

describe('NAV areas', () => {
  it('puts every menu page in an area, so none falls to the bottom of the menu unsorted', () => {
    expect(NAV.filter((n) => n.menu && !n.group).map((n) => n.path)).toEqual([]);
  });

  it('gives every detail page reachable from the menu an area, so a deep link opens it', () => {
    const ungrouped = NAV.filter((n) => !n.menu && !n.group).map((n) => n.path);
    expect(ungrouped.sort()).toEqual(['/profile', '/search']);
  });

  it('names parents that are menu pages of the same area', () => {
    for (const n of NAV.filter((x) => x.parent)) {
      const parent = NAV.find((x) => x.path === n.parent);
      expect(parent?.menu, n.path).toBe(true);
      expect(parent?.group, n.path).toBe(n.group);
    }
  });
});

describe('buildMenu', () => {
  it('keeps a member’s menu flat: each of his own pages at the top level, only the directory as an area', () => {
    expect(shape(buildMenu(menuItemsOf('member')))).toEqual([
      '/',
      '/my-proposals',
      '/my-activities',
      '/my-info',
      '/my-duty',
      'directory[/orgs, /terms, /catalogs, /members, /collectives, /units]',
      '/calendar',
      '/notifications',
    ]);
  });

  it('keeps a handling unit’s menu short: its two inboxes at the top level', () => {
    expect(shape(buildMenu(menuItemsOf('unit_handler')))).toEqual([
      '/',
      '/unit-inbox',
      '/problem-inbox',
      'directory[/orgs, /terms, /catalogs, /collectives, /units]',
      '/calendar',
      '/notifications',
    ]);
  });

  it('groups an admin’s thirty pages into areas, accounts and the audit log apart as 系统管理', () => {
    const items = menuItemsOf('org_admin');
    const entries = buildMenu(items);
    expect(items.length).toBeGreaterThan(25);
    expect(entries.length).toBeLessThanOrEqual(11);
    expect(shape(entries)).toContain(
      'proposals[/proposal-review, /proposal-supervision, /proposal-dashboard, /proposal-categories, /proposal-settings]',
    );
    expect(shape(entries)).toContain('directory[/orgs, /terms, /catalogs, /members, /collectives, /units]');
    expect(shape(entries)).toContain('system[/accounts, /audit]');
  });

  it('lists every page a role may open exactly once, for each role alone and for a leader who is also a member', () => {
    const cases: Role[][] = [...ROLES.map((r) => [r]), ['member', 'leader']];
    for (const roles of cases) {
      const items = menuItemsOf(...roles);
      const listed = buildMenu(items).flatMap((e) => (e.kind === 'item' ? [e.item.path] : e.items.map((n) => n.path)));
      expect(listed.sort(), roles.join('+')).toEqual(items.map((n) => n.path).sort());
    }
  });

  it('shows 系统管理 only to the organization admin (and the platform admin)', () => {
    for (const role of ROLES) {
      const s = shape(buildMenu(menuItemsOf(role)));
      const system = s.some((e) => e.startsWith('system[') || e === '/accounts' || e === '/audit');
      expect(system, role).toBe(role === 'org_admin' || role === 'platform_admin');
    }
  });

  it('orders the top level by area: dashboard first, the 驾驶舱 and work system next, calendar and notifications last', () => {
    const s = shape(buildMenu(menuItemsOf('leader')));
    expect(s[0]).toBe('/');
    expect(s[1]).toBe('worksystem[/leader-dashboard, /work-system]');
    expect(s.slice(-2)).toEqual(['/calendar', '/notifications']);
    // Every labelled area but the admin's 系统管理.
    expect(s.filter((e) => e.includes('['))).toHaveLength(NAV_GROUPS.filter((g) => 'label' in g && g.key !== 'system').length);
  });

  it('gives the general office its work-system ledger in an area named for it, not for leaders', () => {
    const s = shape(buildMenu(menuItemsOf('general_staff')));
    expect(s[1]).toBe('worksystem[/leader-dashboard, /work-system]');
    expect(NAV_GROUPS.find((g) => g.key === 'worksystem')).toMatchObject({ label: 'navGroupWorkSystem' });
  });

  it('merges the areas of a person holding several roles', () => {
    const s = shape(buildMenu(menuItemsOf('member', 'leader')));
    expect(s).toContain('proposals[/my-proposals, /proposal-supervision, /proposal-dashboard]');
    expect(s).toContain('duty[/my-duty, /duty, /duty-rules]');
  });
});

describe('menuSelection', () => {
  const admin = menuItemsOf('org_admin');
  const member = menuItemsOf('member');
  const unit = menuItemsOf('unit_handler');

  it('highlights the page itself and opens its area', () => {
    expect(menuSelection('/audit', admin, NAV)).toEqual({ selected: '/audit', group: 'system' });
    expect(menuSelection('/accounts', admin, NAV)).toEqual({ selected: '/accounts', group: 'system' });
    expect(menuSelection('/', admin, NAV)).toEqual({ selected: '/', group: 'start' });
  });

  it('highlights the list above a detail page, and not a page that only shares a prefix', () => {
    expect(menuSelection('/duty/members/7', admin, NAV)).toEqual({ selected: '/duty', group: 'duty' });
    expect(menuSelection('/duty-rules', admin, NAV)).toEqual({ selected: '/duty-rules', group: 'duty' });
    expect(menuSelection('/activities/12', admin, NAV)).toEqual({ selected: '/activities', group: 'activities' });
  });

  it('highlights the caller’s own entry to the area for a proposal deep link', () => {
    expect(menuSelection('/proposals/123', member, NAV).selected).toBe('/my-proposals');
    expect(menuSelection('/proposals/123', unit, NAV).selected).toBe('/unit-inbox');
    expect(menuSelection('/proposals/123', admin, NAV)).toEqual({ selected: '/proposal-review', group: 'proposals' });
  });

  it('prefers a detail page’s parent over the first page of the area', () => {
    expect(menuSelection('/studio-requests/4', admin, NAV)).toEqual({ selected: '/studios', group: 'coop' });
  });

  it('selects nothing for pages outside the menu', () => {
    expect(menuSelection('/profile', admin, NAV)).toEqual({});
    expect(menuSelection('/no-such-page', admin, NAV)).toEqual({});
  });
});

describe('routeMatches', () => {
  it('matches parameters one segment each', () => {
    expect(routeMatches('/proposals/:id', '/proposals/12')).toBe(true);
    expect(routeMatches('/proposals/:id', '/proposals/12/')).toBe(true);
    expect(routeMatches('/proposals/:id', '/proposals')).toBe(false);
    expect(routeMatches('/duty/members/:id', '/duty/12')).toBe(false);
    expect(routeMatches('/', '/x')).toBe(false);
  });
});
