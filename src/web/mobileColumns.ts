/**
 * How a table's columns become a card on a phone (see `DataTable` in ui.tsx): one column is the card's title
 * line, action columns become a button row at the bottom, the rest become small "label：value" lines.
 * Pure functions, no React, so they can be tested in node.
 */

type Breakpoint = 'xxl' | 'xl' | 'lg' | 'md' | 'sm' | 'xs' | 'xxxl';

/** The fields of an antd column that the phone layout reads. */
export interface MobileColumnLike {
  key?: string | number | bigint;
  dataIndex?: unknown;
  title?: unknown;
  responsive?: readonly Breakpoint[];
  /** Not shown on a phone. */
  mobileHidden?: boolean;
  children?: readonly unknown[];
}

/** Column keys that hold buttons: shown as the card's bottom row. */
export const ACTION_KEYS: ReadonlySet<string> = new Set(['actions', 'action', 'op', 'ops', 'operation']);

/** A column's id for `mobileTitle` / `mobileActions`: its key, else its dataIndex ("a.b" for a path). */
export function columnId(col: MobileColumnLike): string | undefined {
  if (col.key !== undefined && col.key !== null) return String(col.key);
  const di = col.dataIndex;
  if (typeof di === 'string' || typeof di === 'number') return String(di);
  if (Array.isArray(di)) return di.map(String).join('.');
  return undefined;
}

/** The value at a column's dataIndex (a name, a number or a path), as antd's Table reads it. */
export function cellValue(record: unknown, dataIndex: unknown): unknown {
  if (dataIndex === undefined || dataIndex === null || dataIndex === '') return undefined;
  const path = Array.isArray(dataIndex) ? (dataIndex as unknown[]) : [dataIndex];
  let v: unknown = record;
  for (const p of path) {
    if (v === null || v === undefined || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[String(p)];
  }
  return v;
}

const emptyTitle = (t: unknown) => t === undefined || t === null || t === false || (typeof t === 'string' && t.trim() === '');

/**
 * Splits columns for the phone card. Hidden: `mobileHidden`, or `responsive` without a breakpoint that is on
 * now (a phone is `xs`, or `sm` from 576 px). Actions: a key in ACTION_KEYS, an id in `mobileActions`, or a
 * column without a title (it has no label to show). Title: the column whose id is `mobileTitle`, else the first
 * remaining column. Column groups are flattened to their leaves.
 */
export function splitColumns<C extends MobileColumnLike>(
  columns: readonly C[],
  opts: { mobileTitle?: string; mobileActions?: readonly string[]; screens?: Partial<Record<Breakpoint, boolean>> } = {},
): { title?: C; lines: C[]; actions: C[] } {
  const screens = opts.screens ?? { xs: true };
  const leaves: C[] = [];
  const walk = (cols: readonly C[]) => {
    for (const c of cols) {
      if (c.mobileHidden) continue;
      if (c.responsive && !c.responsive.some((b) => screens[b])) continue;
      if (Array.isArray(c.children) && c.children.length) walk(c.children as C[]);
      else leaves.push(c);
    }
  };
  walk(columns);
  const actionIds = new Set(opts.mobileActions ?? []);
  const isAction = (c: C) => {
    const id = columnId(c);
    return (id !== undefined && (actionIds.has(id) || (c.key !== undefined && ACTION_KEYS.has(String(c.key))))) || emptyTitle(c.title);
  };
  const actions = leaves.filter(isAction);
  const rest = leaves.filter((c) => !isAction(c));
  const title = (opts.mobileTitle !== undefined ? leaves.find((c) => columnId(c) === opts.mobileTitle) : undefined) ?? rest[0];
  return { title, lines: rest.filter((c) => c !== title), actions: actions.filter((c) => c !== title) };
}

/** A rendered cell worth a line: not null, undefined, false or an empty string. */
export function hasContent(node: unknown): boolean {
  return !(node === null || node === undefined || node === false || (typeof node === 'string' && node.trim() === ''));
}
