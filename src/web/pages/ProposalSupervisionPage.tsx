import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Card, Empty, Flex, Select, Space, Spin, Tabs, Tag, Typography } from 'antd';
import type { z } from 'zod';
import {
  OVERDUE_CLOCKS,
  OVERDUE_CLOCK_LABELS,
  PROPOSAL_STATE_LABELS,
  type KeyProposalItem,
  type OverdueClock,
  type OverdueItem,
  type ProposalState,
} from '@common/proposals';
import { useFirstPage, usePaged, type Unit } from '../data';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, LoadMore, PageHeader, useIsMobile } from '../ui';
import { StateTag, type ProposalItem } from '../proposals';

type Overdue = z.infer<typeof OverdueItem>;
/** A key proposal (重点提案) with its supervising leader, reply deadline and supervision records count. */
type KeyItem = z.infer<typeof KeyProposalItem> & Partial<Pick<ProposalItem, 'proposerName' | 'categoryName'>>;
/** States a key proposal may be in (registered or later). */
const KEY_STATES: ProposalState[] = ['registered', 'assigned', 'handling', 'replied', 'evaluated', 'rehandling', 'closed'];

/** "逾期 3 个工作日" in red, "今日到期" / "2 个工作日后到期" in orange. */
export function OverdueText({ days }: { days: number }) {
  const { L } = useLang();
  if (days > 0)
    return (
      <Typography.Text type="danger" strong>
        {L(`逾期 ${days} 个工作日`, `${days} working day${days === 1 ? '' : 's'} overdue`)}
      </Typography.Text>
    );
  if (days === 0) return <Typography.Text type="warning">{L('今日到期', 'Due today')}</Typography.Text>;
  return (
    <Typography.Text type="warning">{L(`${-days} 个工作日后到期`, `Due in ${-days} working day${days === -1 ? '' : 's'}`)}</Typography.Text>
  );
}

function Deadline({ day, provisional }: { day: string | null | undefined; provisional?: boolean }) {
  const { L } = useLang();
  if (!day) return <>—</>;
  return (
    <span>
      {day}
      {provisional ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {L('（暂定）', ' (provisional)')}
        </Typography.Text>
      ) : null}
    </span>
  );
}

const subjectLink = (id: number, subject: string, numberLabel: string | null) => (
  <Link to={`/proposals/${id}`}>
    {numberLabel ? <Typography.Text type="secondary">{numberLabel} </Typography.Text> : null}
    {subject}
  </Link>
);

function Cards<T>({
  items,
  loading,
  render,
  rowKey,
}: {
  items: T[];
  loading: boolean;
  render: (r: T) => ReactNode;
  rowKey: (r: T) => string | number;
}) {
  if (loading) return <Spin />;
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Flex vertical gap={8}>
      {items.map((r) => (
        <Card key={rowKey(r)} size="small">
          {render(r)}
        </Card>
      ))}
    </Flex>
  );
}

// ── 逾期 ────────────────────────────────────────────────────
function OverdueTab() {
  const { L, p, t } = useLang();
  const orgId = useOrgId();
  const mobile = useIsMobile();
  // The filters live in the address (the dashboard links here with ?clock=reply; back from a proposal keeps them).
  const [search, setSearch] = useSearchParams();
  const clockParam = search.get('clock');
  const clock = OVERDUE_CLOCKS.find((c) => c === clockParam);
  const within = [3, 5, 10].find((n) => String(n) === search.get('within')) ?? 0;
  const unitParam = Number(search.get('unitId'));
  const unitId = Number.isSafeInteger(unitParam) && unitParam > 0 ? unitParam : undefined;
  const setParam = (k: string, v: string | number | undefined) =>
    setSearch(
      (sp) => {
        const next = new URLSearchParams(sp);
        if (v === undefined || v === 0 || v === '') next.delete(k);
        else next.set(k, String(v));
        return next;
      },
      { replace: true },
    );
  const setClock = (v: OverdueClock | undefined) => setParam('clock', v);
  const setWithin = (v: number) => setParam('within', v);
  const setUnitId = (v: number | undefined) => setParam('unitId', v);
  const units = useFirstPage<Unit>('units', `/api/orgs/${orgId}/units`, { active: 'true' });
  const list = usePaged<Overdue>('proposal-overdue', `/api/orgs/${orgId}/proposals/overdue`, { clock, unitId, withinWorkdays: within });
  const rowKey = (r: Overdue) => `${r.clock}:${r.proposalId}:${r.assignmentId ?? 0}:${r.deadline}`;
  const clockTag = (c: OverdueClock) => (
    <Tag color={c === 'evaluation' ? 'purple' : c === 'sign' ? 'cyan' : 'blue'}>{p(OVERDUE_CLOCK_LABELS[c])}</Tag>
  );

  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={L('环节', 'Clock')}
            style={{ width: 140 }}
            value={clock}
            onChange={(v) => setClock(v ?? undefined)}
            options={OVERDUE_CLOCKS.map((c) => ({ value: c, label: p(OVERDUE_CLOCK_LABELS[c]) }))}
          />
          <Select
            style={{ width: 240 }}
            value={within}
            onChange={setWithin}
            options={[
              { value: 0, label: L('仅已逾期', 'Overdue only') },
              { value: 3, label: L('含 3 个工作日内即将到期', 'Also due within 3 working days') },
              { value: 5, label: L('含 5 个工作日内即将到期', 'Also due within 5 working days') },
              { value: 10, label: L('含 10 个工作日内即将到期', 'Also due within 10 working days') },
            ]}
          />
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={L('承办单位', 'Unit')}
            style={{ width: 200 }}
            value={unitId}
            onChange={(v) => setUnitId(v ?? undefined)}
            loading={units.isPending}
            options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
          <Button
            onClick={() => setSearch(new URLSearchParams(), { replace: true })}
          >
            {t('reset')}
          </Button>
        </Space>
      </Card>
      {list.isError ? (
        <Typography.Text type="danger">{list.error.message}</Typography.Text>
      ) : mobile ? (
        <Cards
          items={list.items}
          loading={list.isPending}
          rowKey={rowKey}
          render={(r) => (
            <>
              <div style={{ fontWeight: 500 }}>{subjectLink(r.proposalId, r.subject, r.numberLabel)}</div>
              <Flex wrap gap={4} style={{ marginTop: 6 }} align="center">
                {clockTag(r.clock)}
                {r.isKey ? <Tag color="red">{L('重点', 'Key')}</Tag> : null}
                <OverdueText days={r.workdaysOverdue} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {r.unitName ?? L('提案人', 'Proposers')} · {L('期限', 'Due')} {r.deadline}
                {r.deadlineProvisional ? L('（暂定）', ' (provisional)') : ''}
                {r.supervisorName ? ` · ${L('督办领导', 'Supervisor')} ${r.supervisorName}` : ''}
              </Typography.Text>
            </>
          )}
        />
      ) : (
        <DataTable<Overdue>
          rowKey={rowKey}
          loading={list.isPending}
          dataSource={list.items}
          columns={[
            { title: L('提案', 'Proposal'), key: 's', render: (_, r) => subjectLink(r.proposalId, r.subject, r.numberLabel) },
            { title: L('环节', 'Clock'), dataIndex: 'clock', render: (c: OverdueClock) => clockTag(c) },
            {
              title: L('承办单位', 'Unit'),
              dataIndex: 'unitName',
              render: (v: string | null, r) => v ?? (r.clock === 'evaluation' ? L('（提案人评价）', '(proposers)') : '—'),
            },
            {
              title: L('期限', 'Due'),
              dataIndex: 'deadline',
              render: (v: string, r) => <Deadline day={v} provisional={r.deadlineProvisional} />,
            },
            { title: L('逾期', 'Overdue'), dataIndex: 'workdaysOverdue', render: (d: number) => <OverdueText days={d} /> },
            {
              title: L('督办领导', 'Supervising leader'),
              dataIndex: 'supervisorName',
              render: (v: string | null, r) => (
                <Space size={4}>
                  {r.isKey ? <Tag color="red">{L('重点', 'Key')}</Tag> : null}
                  {v ?? '—'}
                </Space>
              ),
            },
          ]}
        />
      )}
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </>
  );
}

// ── 重点提案 ────────────────────────────────────────────────
function KeyTab() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const mobile = useIsMobile();
  const [state, setState] = useState<ProposalState | undefined>();
  const list = usePaged<KeyItem>('proposal-key', `/api/orgs/${orgId}/proposals/key`, { state });
  const supervised = (r: KeyItem) =>
    r.supervisionCount
      ? L(
          `督办 ${r.supervisionCount} 次，最近 ${r.lastSupervisedOn ?? '—'}`,
          `${r.supervisionCount} record(s), last ${r.lastSupervisedOn ?? '—'}`,
        )
      : L('尚无督办记录', 'No supervision yet');
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder={L('状态', 'Status')}
          style={{ width: 160 }}
          value={state}
          onChange={(v) => setState(v ?? undefined)}
          options={KEY_STATES.map((s) => ({ value: s, label: p(PROPOSAL_STATE_LABELS[s]) }))}
        />
      </Card>
      {list.isError ? (
        <Typography.Text type="danger">{list.error.message}</Typography.Text>
      ) : mobile ? (
        <Cards
          items={list.items}
          loading={list.isPending}
          rowKey={(r) => r.id}
          render={(r) => (
            <>
              <div style={{ fontWeight: 500 }}>{subjectLink(r.id, r.subject, r.numberLabel)}</div>
              <Flex wrap gap={4} style={{ marginTop: 6 }}>
                <StateTag state={r.state} />
                {r.categoryName ? <Tag>{r.categoryName}</Tag> : null}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {r.proposerName ? `${r.proposerName} · ` : ''}
                {L('督办领导', 'Supervisor')} {r.supervisorName ?? '—'}
                {r.deadline
                  ? ` · ${L('答复期限', 'Reply due')} ${r.deadline}${r.deadlineProvisional ? L('（暂定）', ' (provisional)') : ''}`
                  : ''}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {supervised(r)}
              </Typography.Text>
            </>
          )}
        />
      ) : (
        <DataTable<KeyItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.items}
          columns={[
            { title: L('提案', 'Proposal'), key: 's', render: (_, r) => subjectLink(r.id, r.subject, r.numberLabel) },
            { title: L('状态', 'Status'), dataIndex: 'state', render: (s: ProposalState) => <StateTag state={s} /> },
            { title: L('领衔人', 'First proposer'), dataIndex: 'proposerName', render: (v?: string) => v ?? '—' },
            { title: L('督办领导', 'Supervising leader'), dataIndex: 'supervisorName', render: (v: string | null) => v ?? '—' },
            {
              title: L('答复期限', 'Reply due'),
              dataIndex: 'deadline',
              render: (v: string | null, r) => <Deadline day={v} provisional={r.deadlineProvisional} />,
            },
            { title: L('督办情况', 'Supervision'), key: 'sv', render: (_, r) => supervised(r) },
          ]}
        />
      )}
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </>
  );
}

/** 督办与逾期: every clock past its deadline (or due soon), and the key proposals under a leader's supervision. */
export default function ProposalSupervisionPage() {
  const { t, L } = useLang();
  const [search, setSearch] = useSearchParams();
  const tab = search.get('tab') === 'key' ? 'key' : 'overdue';
  const setTab = (k: string) => setSearch(k === 'key' ? { tab: 'key' } : {}, { replace: true });
  return (
    <div>
      <PageHeader title={t('proposalSupervision')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'overdue', label: L('逾期', 'Overdue'), children: <OverdueTab /> },
          { key: 'key', label: L('重点提案', 'Key proposals'), children: <KeyTab /> },
        ]}
      />
    </div>
  );
}
