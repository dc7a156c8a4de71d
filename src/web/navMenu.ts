import { NAV_GROUPS, type NavGroupKey, type NavItem } from './nav';

type LabelledGroup = Extract<(typeof NAV_GROUPS)[number], { label: unknown }>;

/** One entry of the side menu: a page at the top level, or an area holding two or more pages. */
export type MenuEntry = { kind: 'item'; item: NavItem } | { kind: 'group'; group: LabelledGroup; items: NavItem[] };

/** The antd menu key of an area (kept apart from page paths). */
export const groupKey = (key: NavGroupKey) => `group:${key}`;

const isLabelled = (g: (typeof NAV_GROUPS)[number]): g is LabelledGroup => 'label' in g;

/**
 * Builds the side menu from the caller's visible menu pages: areas in `NAV_GROUPS` order, pages in `NAV` order
 * within an area. An area with a single visible page shows that page directly — a one-item submenu only adds a
 * click. Pages without an area go last.
 */
export function buildMenu(items: NavItem[]): MenuEntry[] {
  const entries: MenuEntry[] = [];
  for (const g of NAV_GROUPS) {
    const inGroup = items.filter((n) => n.group === g.key);
    if (isLabelled(g) && inGroup.length > 1) entries.push({ kind: 'group', group: g, items: inGroup });
    else entries.push(...inGroup.map((item) => ({ kind: 'item' as const, item })));
  }
  entries.push(...items.filter((n) => n.group === undefined).map((item) => ({ kind: 'item' as const, item })));
  return entries;
}

/** Whether a route pattern such as `/proposals/:id` matches a location's path. */
export function routeMatches(pattern: string, pathname: string): boolean {
  if (pattern === '/') return pathname === '/';
  const a = pattern.split('/');
  const b = pathname.replace(/\/+$/, '').split('/');
  return a.length === b.length && a.every((part, i) => part.startsWith(':') || part === b[i]);
}

/**
 * The menu page to highlight for a location, and the area to open. A menu page matches its own path and the
 * paths below it (`/duty/members/7` → `/duty`, but `/duty-rules` is not below `/duty`); the longest match wins.
 * A detail page outside any menu path (`/proposals/123`) highlights its `parent` when visible, else the first
 * visible page of its area (a member's 我的提案, a unit's 承办提案, the office's 提案审查).
 */
export function menuSelection(pathname: string, menuItems: NavItem[], nav: NavItem[]): { selected?: string; group?: NavGroupKey } {
  const below = (p: string) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`));
  const direct = menuItems.filter((n) => below(n.path)).sort((x, y) => y.path.length - x.path.length)[0];
  if (direct) return { selected: direct.path, group: direct.group };
  const page = nav.find((n) => routeMatches(n.path, pathname));
  if (!page?.group) return {};
  const parent = page.parent ? menuItems.find((n) => n.path === page.parent) : undefined;
  const first = parent ?? menuItems.find((n) => n.group === page.group);
  return first ? { selected: first.path, group: first.group } : { group: page.group };
}
