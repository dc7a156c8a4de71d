import { type ReactNode } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import type { z } from 'zod';
import type { DaysResponse } from '@common/calendar';
import {
  PROPOSAL_KIND_LABELS,
  PROPOSAL_STATE_LABELS,
  type ProposalCategoryView,
  type ProposalKind,
  type ProposalListItem,
  type ProposalSettingsView,
  type ProposalState,
  type ProposalViewT,
  type TimelineEntry,
} from '@common/proposals';
import { get, qs } from './api';
import { useLang } from './i18n';

export type ProposalItem = z.infer<typeof ProposalListItem>;
export type Proposal = ProposalViewT;
export type ProposalCategory = z.infer<typeof ProposalCategoryView>;
export type ProposalSettings = z.infer<typeof ProposalSettingsView>;
export type Timeline = z.infer<typeof TimelineEntry>;

const STATE_COLORS: Partial<Record<ProposalState, string>> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  registered: 'success',
  merged: 'purple',
  not_registered: 'error',
  withdrawn: 'default',
};

export function StateTag({ state }: { state: ProposalState }) {
  const { p } = useLang();
  return <Tag color={STATE_COLORS[state] ?? 'blue'}>{p(PROPOSAL_STATE_LABELS[state])}</Tag>;
}

export function KindTag({ kind }: { kind: ProposalKind }) {
  const { p } = useLang();
  return <Tag color={kind === 'collective' ? 'gold' : kind === 'joint' ? 'cyan' : undefined}>{p(PROPOSAL_KIND_LABELS[kind])}</Tag>;
}

export const proposalKey = (id: number) => ['proposal', id] as const;

export const useProposalCategories = (orgId: number) =>
  useQuery({
    queryKey: ['proposal-categories', orgId],
    queryFn: () => get<{ items: ProposalCategory[] }>(`/api/orgs/${orgId}/proposal-categories`),
  });

export const useProposalSettings = (orgId: number, enabled = true) =>
  useQuery({
    queryKey: ['proposal-settings', orgId],
    enabled,
    queryFn: () => get<ProposalSettings>(`/api/orgs/${orgId}/proposal-settings`),
  });

/** "2026-11-27 09:30" in local time. */
export const fmtTime = (iso: string | null | undefined) => {
  if (!iso) return '—';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/** Phone layout of a proposal list: one card per proposal instead of a wide table. */
export function ProposalCards({
  items,
  loading,
  extra,
}: {
  items: ProposalItem[];
  loading: boolean;
  extra?: (r: ProposalItem) => ReactNode;
}) {
  const { L } = useLang();
  if (loading) return <Spin />;
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Flex vertical gap={8}>
      {items.map((r) => (
        <Card key={r.id} size="small">
          {/* The whole title line is the tap target (a bare text link is 16 px tall on a phone). */}
          <Link to={`/proposals/${r.id}`} style={{ fontWeight: 500, display: 'block', padding: '6px 0' }}>
            {r.subject || L('（未填写案由）', '(no subject yet)')}
          </Link>
          <Flex wrap gap={4}>
            <StateTag state={r.state} />
            <KindTag kind={r.kind} />
            {r.numberLabel ? <Tag>{r.numberLabel}</Tag> : null}
            {extra?.(r)}
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.proposerName}
            {r.categoryName ? ` · ${r.categoryName}` : ''} · {fmtTime(r.submittedAt ?? r.updatedAt)}
          </Typography.Text>
        </Card>
      ))}
    </Flex>
  );
}

// ── Body text ⇄ the server's (sanitized) HTML ────────────────
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** Plain text (one paragraph a line) → the HTML the server stores. */
export const textToHtml = (text: string) =>
  text.trim()
    ? text
        .split('\n')
        .map((l) => `<p>${esc(l)}</p>`)
        .join('')
    : '';
/** Stored HTML → plain text for a textarea or a read view (never rendered as HTML). */
export function htmlToText(html: string): string {
  if (!html) return '';
  const marked = html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|li|h3|h4|blockquote|tr)>/gi, '\n');
  const doc = new DOMParser().parseFromString(marked, 'text/html');
  return (doc.body.textContent ?? '').replace(/\n$/, '');
}

// ── Working-day countdowns ──────────────────────────────────
/** Today's date in China (deadlines are Beijing dates), "YYYY-MM-DD". */
export const todayInChina = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const dayNumber = (iso: string) => Math.round(Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000);
const isoOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);

export interface WorkdayCount {
  /** Working days from today to the date (negative when past). */
  count: number;
  /** The span crosses a year whose holidays are not published yet. */
  provisional: boolean;
}

/**
 * Counts working days from today to each of `dates` with the same rule as the server (days after today up to the
 * date, holidays and make-up working days from /api/calendar/days). Returns null for a date until its years load.
 */
export function useWorkdayCounter(dates: (string | null | undefined)[]): (date: string | null | undefined) => WorkdayCount | null {
  const today = todayInChina();
  const ty = +today.slice(0, 4);
  const years = new Set<number>();
  for (const d of dates) {
    if (!d || !/^\d{4}-\d{2}-\d{2}$/.test(d)) continue;
    const y = +d.slice(0, 4);
    for (let i = Math.min(y, ty); i <= Math.max(y, ty); i++) years.add(i);
  }
  const list = [...years].sort();
  const calendars = useQueries({
    queries: list.map((y) => ({
      queryKey: ['calendar-days', y],
      staleTime: 3_600_000,
      queryFn: () => get<z.infer<typeof DaysResponse>>(`/api/calendar/days${qs({ year: y })}`),
    })),
  });
  const loaded = new Map<number, CalendarYearDays>();
  calendars.forEach((q, i) => {
    if (q.data) loaded.set(list[i], q.data);
  });
  return (date) => (date ? countWorkdays(today, date, loaded) : null);
}

/** The year data /api/calendar/days returns: the non-ordinary days and whether the year is a guess. */
export type CalendarYearDays = Pick<z.infer<typeof DaysResponse>, 'provisional'> & { days: { date: string; workday: boolean }[] };

/**
 * Working days after `today` up to `date` (negative when `date` is past), as the server's WorkCalendar counts them;
 * null when a year the span crosses is not in `years`.
 */
export function countWorkdays(today: string, date: string, years: ReadonlyMap<number, CalendarYearDays>): WorkdayCount | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{4}-\d{2}-\d{2}$/.test(today)) return null;
  const a = dayNumber(today);
  const b = dayNumber(date);
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const special = new Map<string, boolean>();
  let provisional = false;
  for (let y = +isoOf(lo).slice(0, 4); y <= +isoOf(hi).slice(0, 4); y++) {
    const yd = years.get(y);
    if (!yd) return null;
    if (yd.provisional && lo !== hi) provisional = true;
    for (const d of yd.days) special.set(d.date, d.workday);
  }
  let count = 0;
  for (let d = lo + 1; d <= hi; d++) {
    const wd = special.get(isoOf(d)) ?? ![0, 6].includes(new Date(d * 86_400_000).getUTCDay());
    if (wd) count++;
  }
  return { count: b >= a ? count : -count, provisional };
}

/** 剩 N 个工作日 / 今日到期 / 逾期 N 个工作日: red when overdue, orange within 5 working days. */
export function Countdown({ left, provisional, prefix }: { left: number; provisional?: boolean; prefix?: string }) {
  const { L } = useLang();
  const text =
    left < 0
      ? L(`逾期 ${-left} 个工作日`, `Overdue by ${-left} working day${left === -1 ? '' : 's'}`)
      : left === 0
        ? L('今日到期', 'Due today')
        : L(`剩 ${left} 个工作日`, `${left} working day${left === 1 ? '' : 's'} left`);
  const color = left < 0 ? 'red' : left <= 5 ? 'orange' : 'green';
  return (
    <Tag color={color} style={{ marginInlineEnd: 0 }}>
      {prefix ? `${prefix} ` : ''}
      {text}
      {provisional ? L('（暂定）', ' (provisional)') : ''}
    </Tag>
  );
}

/** The unit picker lives with the other pickers; re-exported for the proposal pages. */
export { UnitPicker } from './components/pickers';
