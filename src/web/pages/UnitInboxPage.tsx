import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Segmented, Space, Spin, Tag, Typography } from 'antd';
import type { z } from 'zod';
import { ASSIGNMENT_ROLE_LABELS, type AssignmentStatus, type UnitInboxItem } from '@common/proposals';
import { post } from '../api';
import { useFirstPage, usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, LoadMore, PageHeader, useIsMobile } from '../ui';
import { Countdown, proposalKey, StateTag, todayInChina, useWorkdayCounter } from '../proposals';
import { isOverdue, signable, signEach } from './unitInbox';
import {
  AssignmentButtons,
  AssignmentDialog,
  AssignmentStatusTag,
  handlingKey,
  runningClock,
  useSign,
  type DialogAction,
} from './proposal/Handling';

type Item = z.infer<typeof UnitInboxItem>;
type Tab = 'assigned' | 'received' | 'replied' | 'all';

/** Steps offered from the list; the rest (面商, 延期, 进展) are on the proposal page. */
const INBOX_ACTIONS = ['sign', 'request_adjustment', 'reply', 'submit_opinion'] as const;
const inboxAbilities = (r: Item): Item => ({
  ...r,
  abilities: r.abilities.filter((x) => (INBOX_ACTIONS as readonly string[]).includes(x)),
});

/** The countdown of the clock that runs now (签收 window, co-handler opinion, or the reply), else the state reached. */
function Clock({ r, count }: { r: Item; count: ReturnType<typeof useWorkdayCounter> }) {
  const { L } = useLang();
  const clock = runningClock(r);
  if (!clock)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.status === 'replied' ? L('已答复', 'Replied') : r.status === 'opinion_given' ? L('已提交意见', 'Opinion given') : '—'}
      </Typography.Text>
    );
  // The reply countdown comes from the server; the others are counted here with the same calendar.
  const left = clock.kind === 'reply' ? { count: r.workdaysLeft, provisional: r.countdownProvisional } : count(clock.due);
  const label = clock.kind === 'sign' ? L('签收', 'Sign-for') : clock.kind === 'opinion' ? L('协办意见', 'Opinion') : L('答复', 'Reply');
  return (
    <Flex vertical gap={2} align="flex-start">
      {left ? <Countdown left={left.count} provisional={left.provisional || clock.provisional} /> : <Spin size="small" />}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label} {clock.due}
        {clock.kind !== 'reply' ? ` · ${L('答复', 'Reply')} ${r.deadline}` : ''}
      </Typography.Text>
    </Flex>
  );
}

/** 批量签收 with one confirmation: signs the rows one by one and reports how many went through and which were refused. */
function useBulkSign(onDone: () => void) {
  const { L } = useLang();
  const { modal, message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const start = (rows: Item[], after: () => void) => {
    modal.confirm({
      title: L(`签收这 ${rows.length} 件提案？`, `Sign for these ${rows.length} proposals?`),
      content: L(
        '签收后开始计算答复期限。不属于本单位职责的提案，请不要签收，改用“申请调整”。',
        'The reply clock starts once signed for. Request an adjustment instead for any that is not your unit’s to handle.',
      ),
      okText: L('签收', 'Sign for'),
      cancelText: L('取消', 'Cancel'),
      onOk: async () => {
        setProgress(0);
        const out = await signEach(rows, (r) => post(`/api/proposal-assignments/${r.id}/sign`, { version: r.version }), setProgress);
        setProgress(null);
        after();
        onDone();
        if (!out.failed.length) void message.success(L(`已签收 ${out.signed} 件`, `Signed for ${out.signed}`));
        else
          modal.warning({
            title: L(`已签收 ${out.signed} 件，${out.failed.length} 件未签收`, `Signed for ${out.signed}; ${out.failed.length} not`),
            content: (
              <ul style={{ paddingInlineStart: 18, margin: 0 }}>
                {out.failed.map((f) => (
                  <li key={f.id}>
                    {rows.find((r) => r.id === f.id)?.subject}：{f.message}
                  </li>
                ))}
              </ul>
            ),
          });
      },
    });
  };
  return { start, progress };
}

function Subject({ r }: { r: Item }) {
  const { L } = useLang();
  return (
    <Space size={4} wrap>
      {r.isKey ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          {L('重点', 'Key')}
        </Tag>
      ) : null}
      <Link to={`/proposals/${r.proposalId}`} style={{ fontWeight: 500 }}>
        {r.subject}
      </Link>
    </Space>
  );
}

export default function UnitInboxPage() {
  const { t, L, p } = useLang();
  const orgId = useOrgId();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  // Until a tab is picked: 待签收 when something waits to be signed for, else 办理中.
  const [picked, setTab] = useState<Tab | null>(null);
  const toSign = useFirstPage<Item>('unit-inbox-count', `/api/orgs/${orgId}/unit-inbox`, { status: 'assigned' });
  const inHand = useFirstPage<Item>('unit-inbox-count', `/api/orgs/${orgId}/unit-inbox`, { status: 'received' });
  const tab: Tab = picked ?? (toSign.data && !toSign.data.items.length ? 'received' : 'assigned');
  const list = usePaged<Item>('unit-inbox', `/api/orgs/${orgId}/unit-inbox`, { status: tab === 'all' ? undefined : tab });
  // How many wait in the two tabs that need work (first 200 of each; the inbox is sorted by deadline).
  const tally = (q: typeof toSign) => {
    const n = q.data?.items.length;
    return n ? L(`（${n}${q.data?.nextCursor ? '+' : ''}）`, ` (${n}${q.data?.nextCursor ? '+' : ''})`) : '';
  };
  // Late on the clock each unit is on (a co-unit's opinion, else the reply), as the list's countdown shows it.
  const today = todayInChina();
  const overdue = (inHand.data?.items ?? []).filter((r) => isOverdue(r, today)).length;
  const [open, setOpen] = useState<{ action: DialogAction; item: Item } | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['unit-inbox'] });
    void qc.invalidateQueries({ queryKey: ['unit-inbox-count'] });
  };
  const done = (proposalId: number) => {
    refresh();
    void qc.invalidateQueries({ queryKey: handlingKey(proposalId) });
    void qc.invalidateQueries({ queryKey: proposalKey(proposalId) });
  };
  const { sign, busyId } = useSign(refresh);
  const bulk = useBulkSign(refresh);
  const [selected, setSelected] = useState<number[]>([]);
  const toSignHere = tab === 'assigned' ? signable(list.items) : [];
  const ticked = toSignHere.filter((r) => selected.includes(r.id));
  const bulkRows = ticked.length ? ticked : toSignHere;
  const count = useWorkdayCounter(list.items.map((r) => runningClock(r)?.due));
  const latest = open ? (list.items.find((x) => x.id === open.item.id) ?? open.item) : null;
  const buttons = (r: Item) => (
    <Flex vertical gap={4} align="flex-start">
      <AssignmentButtons
        assignment={inboxAbilities(r)}
        onOpen={(action) => setOpen({ action, item: r })}
        onSign={() => void sign(r)}
        signing={busyId === r.id}
      />
      {/* Why a lead unit in hand has no 答复 yet: its reply waits for the co-units' opinions (会签). */}
      {r.status === 'received' && r.opinionsPending > 0 && !r.abilities.includes('reply') ? (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {L(`待 ${r.opinionsPending} 家协办单位提交意见后答复`, `Reply after ${r.opinionsPending} co-unit opinion(s)`)}
        </Typography.Text>
      ) : null}
    </Flex>
  );

  return (
    <div>
      <PageHeader
        title={t('unitInbox')}
        sub={
          tab === 'replied'
            ? L('已答复的提案，期限最近的在最上面', 'Replied proposals, the latest deadline on top')
            : L('按期限先后排列，最先到期的在最上面', 'Sorted by deadline: what is due first is on top')
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <Segmented<Tab>
            value={tab}
            onChange={setTab}
            options={[
              { value: 'assigned', label: L('待签收', 'To sign for') + tally(toSign) },
              { value: 'received', label: L('办理中', 'In hand') + tally(inHand) },
              { value: 'replied', label: L('已答复', 'Replied') },
              { value: 'all', label: t('all') },
            ]}
          />
          {toSignHere.length > 1 ? (
            <Button
              type="primary"
              loading={bulk.progress !== null}
              onClick={() => bulk.start(bulkRows, () => setSelected([]))}
              data-testid="bulk-sign"
            >
              {bulk.progress !== null
                ? L(`签收中 ${bulk.progress}/${bulkRows.length}`, `Signing ${bulk.progress}/${bulkRows.length}`)
                : ticked.length
                  ? L(`签收所选（${ticked.length}）`, `Sign for selected (${ticked.length})`)
                  : L(`全部签收（${toSignHere.length}）`, `Sign for all (${toSignHere.length})`)}
            </Button>
          ) : null}
          {overdue ? (
            <Tag color="red" style={{ cursor: 'pointer' }} onClick={() => setTab('received')}>
              {L(`${overdue} 件已逾期`, `${overdue} overdue`)}
            </Tag>
          ) : null}
        </Flex>
      </Card>
      {mobile ? (
        list.isPending ? (
          <Spin />
        ) : !list.items.length ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无提案', 'Nothing here')} />
        ) : (
          <Flex vertical gap={8}>
            {list.items.map((r) => (
              <Card key={r.id} size="small" data-testid={`inbox-${r.id}`}>
                <Flex justify="space-between" align="flex-start" gap={8}>
                  <Subject r={r} />
                </Flex>
                <Flex wrap gap={4} style={{ marginTop: 6 }}>
                  <Clock r={r} count={count} />
                </Flex>
                <Flex wrap gap={4} style={{ marginTop: 6 }}>
                  <Tag color={r.role === 'lead' ? 'red' : undefined}>{p(ASSIGNMENT_ROLE_LABELS[r.role])}</Tag>
                  <AssignmentStatusTag status={r.status as AssignmentStatus} />
                  <StateTag state={r.proposalState} />
                </Flex>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {r.numberLabel ?? '—'} · {r.unitName}
                </Typography.Text>
                <div style={{ marginTop: 8 }}>{buttons(r)}</div>
              </Card>
            ))}
          </Flex>
        )
      ) : (
        <DataTable<Item>
          rowKey="id"
          loading={list.isPending}
          rowSelection={
            toSignHere.length > 1
              ? {
                  selectedRowKeys: ticked.map((r) => r.id),
                  onChange: (keys) => setSelected(keys.map(Number)),
                  getCheckboxProps: (r) => ({ disabled: !r.abilities.includes('sign') }),
                }
              : undefined
          }
          dataSource={list.items}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无提案', 'Nothing here')} /> }}
          columns={[
            { title: L('期限', 'Due'), key: 'due', width: 230, render: (_: unknown, r) => <Clock r={r} count={count} /> },
            {
              title: L('案由', 'Subject'),
              key: 'subject',
              render: (_: unknown, r) => (
                <div style={{ minWidth: 240, maxWidth: 520 }}>
                  <Subject r={r} />
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {r.numberLabel ?? '—'}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: L('承办方式', 'Role'),
              key: 'role',
              render: (_: unknown, r) => (
                <Space size={4} orientation="vertical">
                  <Tag color={r.role === 'lead' ? 'red' : undefined}>{p(ASSIGNMENT_ROLE_LABELS[r.role])}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.unitName}
                  </Typography.Text>
                </Space>
              ),
            },
            { title: t('status'), key: 'status', render: (_: unknown, r) => <AssignmentStatusTag status={r.status as AssignmentStatus} /> },
            { title: L('操作', 'Actions'), key: 'actions', render: (_: unknown, r) => buttons(r) },
          ]}
        />
      )}
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      {open && latest ? (
        <AssignmentDialog
          action={open.action}
          assignment={latest}
          orgId={orgId}
          subject={latest.subject}
          onClose={() => setOpen(null)}
          onDone={() => done(latest.proposalId)}
        />
      ) : null}
    </div>
  );
}
