import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import type { z } from 'zod';
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
import { get } from './api';
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
