import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
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
          <Link to={`/proposals/${r.id}`} style={{ fontWeight: 500 }}>
            {r.subject || L('（未填写案由）', '(no subject yet)')}
          </Link>
          <Flex wrap gap={4} style={{ marginTop: 6 }}>
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
