import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Input, Select, Space } from 'antd';
import {
  PROPOSAL_KINDS,
  PROPOSAL_KIND_LABELS,
  PROPOSAL_STATES,
  PROPOSAL_STATE_LABELS,
  type ProposalKind,
  type ProposalState,
} from '@common/proposals';
import { usePaged, useSessions } from '../data';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, LoadMore, PageHeader, useIsMobile } from '../ui';
import { fmtTime, KindTag, ProposalCards, StateTag, useProposalCategories, type ProposalItem } from '../proposals';

interface Filters {
  state?: ProposalState;
  sessionId?: number;
  categoryId?: number;
  kind?: ProposalKind;
  q?: string;
}

/** The proposal office's intake list: every submitted proposal, filtered in SQL, keyset "load more". */
export default function ProposalReviewPage() {
  const { t, L, p } = useLang();
  const orgId = useOrgId();
  const mobile = useIsMobile();
  const [filters, setFilters] = useState<Filters>({ state: 'submitted' });
  const [q, setQ] = useState('');
  const list = usePaged<ProposalItem>('proposal-review', `/api/orgs/${orgId}/proposals`, { ...filters });
  const sessions = useSessions(orgId);
  const categories = useProposalCategories(orgId);
  const set = (k: keyof Filters, v: unknown) => setFilters((f) => ({ ...f, [k]: v === null || v === '' ? undefined : v }));

  return (
    <div>
      <PageHeader title={t('proposalReview')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={L('案由关键词', 'Words of the subject')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => set('q', v.trim())}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('status')}
            style={{ width: 140 }}
            value={filters.state}
            onChange={(v) => set('state', v)}
            options={PROPOSAL_STATES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: p(PROPOSAL_STATE_LABELS[s]) }))}
          />
          <Select
            allowClear
            placeholder={L('会议', 'Session')}
            style={{ width: 200 }}
            value={filters.sessionId}
            onChange={(v) => set('sessionId', v)}
            options={(sessions.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
          <Select
            allowClear
            placeholder={L('分类', 'Category')}
            style={{ width: 150 }}
            value={filters.categoryId}
            onChange={(v) => set('categoryId', v)}
            options={(categories.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            allowClear
            placeholder={L('类型', 'Kind')}
            style={{ width: 130 }}
            value={filters.kind}
            onChange={(v) => set('kind', v)}
            options={PROPOSAL_KINDS.map((k) => ({ value: k, label: p(PROPOSAL_KIND_LABELS[k]) }))}
          />
          <Button
            onClick={() => {
              setFilters({});
              setQ('');
            }}
          >
            {t('reset')}
          </Button>
        </Space>
      </Card>
      {mobile ? (
        <ProposalCards items={list.items} loading={list.isPending} />
      ) : (
        <DataTable<ProposalItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.items}
          columns={[
            { title: L('提案号', 'Number'), dataIndex: 'numberLabel', render: (v: string | null) => v ?? '—' },
            {
              title: L('案由', 'Subject'),
              dataIndex: 'subject',
              render: (v: string, r) => <Link to={`/proposals/${r.id}`}>{v || L('（未填写案由）', '(no subject)')}</Link>,
            },
            { title: t('status'), dataIndex: 'state', render: (s: ProposalState) => <StateTag state={s} /> },
            { title: L('类型', 'Kind'), dataIndex: 'kind', render: (k: ProposalKind) => <KindTag kind={k} /> },
            { title: L('领衔人', 'First proposer'), dataIndex: 'proposerName' },
            { title: L('联名人数', 'Proposers'), dataIndex: 'proposerCount' },
            { title: L('分类', 'Category'), dataIndex: 'categoryName', render: (v: string | null) => v ?? '—' },
            { title: L('会议', 'Session'), dataIndex: 'sessionName', render: (v: string | null) => v ?? '—' },
            { title: L('提交时间', 'Submitted'), dataIndex: 'submittedAt', render: (v: string | null) => fmtTime(v) },
          ]}
        />
      )}
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </div>
  );
}
