import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Empty, Flex, Segmented, Spin, Typography } from 'antd';
import type { IssueInboxItem, IssueStatus, IssueView } from '@common/activities';
import { get } from '../api';
import { useFirstPage, usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { LoadMore, PageHeader } from '../ui';
import { IssueStatusTag } from './activity/common';
import { IssueCard } from './activity/IssueCard';

function Issue({ item, onChanged }: { item: IssueInboxItem; onChanged: () => void }) {
  const qc = useQueryClient();
  const key = ['problem-issue', item.id];
  const q = useQuery({ queryKey: key, queryFn: () => get<IssueView>(`/api/problem-issues/${item.id}`) });
  if (!q.data) return <Spin size="small" />;
  return (
    <IssueCard
      issue={q.data}
      onChanged={(v) => {
        qc.setQueryData(key, v);
        onChanged();
      }}
    />
  );
}

/** 问题清单 for a department: the issues sent to the caller's units, the earliest answer due first. */
export default function ActivityProblemInboxPage() {
  const { L } = useLang();
  const orgId = useOrgId();
  const qc = useQueryClient();
  // Until a tab is picked: 待表态 when something waits for an answer, else everything.
  const [picked, setTab] = useState<'open' | 'all' | null>(null);
  const waiting = useFirstPage<IssueInboxItem>('problem-inbox', `/api/orgs/${orgId}/problem-inbox`, { status: 'open' });
  const tab = picked ?? (waiting.data && !waiting.data.items.length ? 'all' : 'open');
  const list = usePaged<IssueInboxItem>('problem-inbox', `/api/orgs/${orgId}/problem-inbox`, tab === 'open' ? { status: 'open' satisfies IssueStatus } : { order: 'recent' });
  const [expanded, setExpanded] = useState<number | null>(null);
  return (
    <div>
      <PageHeader title={L('问题清单', 'Problem list')} sub={L('协商成果中交由本单位表态、落实的问题', 'Issues from consultation outcomes sent to your unit to answer and carry out')} />
      <Segmented<'open' | 'all'> style={{ marginBottom: 12 }} value={tab} onChange={setTab} options={[{ value: 'open', label: L('待表态', 'To answer') }, { value: 'all', label: L('全部', 'All') }]} />
      {list.isPending ? <Spin /> : null}
      {!list.isPending && !list.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无问题', 'Nothing here')} /> : null}
      <Flex vertical gap={8}>
        {list.items.map((i) =>
          expanded === i.id ? (
            <Issue key={i.id} item={i} onChanged={() => void qc.invalidateQueries({ queryKey: ['problem-inbox'] })} />
          ) : (
            <Card key={i.id} size="small" hoverable onClick={() => setExpanded(i.id)} data-testid={`inbox-issue-${i.id}`}>
              <Flex justify="space-between" wrap gap={8}>
                <Typography.Text strong>{i.title}</Typography.Text>
                <IssueStatusTag status={i.status} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {i.outcomeTitle} · {i.unitName} · {L('表态期限', 'Answer due')} {i.responseDue}
                {i.responded ? L(' · 本单位已表态', ' · answered') : ''}
              </Typography.Text>
            </Card>
          ),
        )}
      </Flex>
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </div>
  );
}
