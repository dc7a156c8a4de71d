import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Select, Space, Typography } from 'antd';
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
import { DataTable, LoadMore, PageHeader, useErrorHandler, useIsMobile } from '../ui';
import { download } from '../api';
import { FileWordOutlined } from '@ant-design/icons';
import { fmtTime, KindTag, ProposalCards, StateTag, useProposalCategories, type ProposalItem } from '../proposals';
import { BulkAssignDialog } from './proposal/BulkAssign';
import { BulkRegisterDialog } from './proposal/BulkRegister';
import { actionable, bulkTargets, filtersFromSearch, hasLetter, searchOfFilters, type ReviewFilters, type ReviewWalk } from './proposal/reviewSelection';

/** Keys typed in a field or a dialog are the field's, not the list's. */
const typing = (e: KeyboardEvent) =>
  !!(e.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable=true], .ant-select, .ant-modal, .ant-drawer');

/** After a filter is picked the keys belong to the list again (a focused picker would keep j/k/x for itself). */
const blurPicker = () => setTimeout(() => (document.activeElement as HTMLElement | null)?.blur?.(), 0);

/** The proposal office's intake list: every submitted proposal, filtered in SQL, keyset "load more". */
export default function ProposalReviewPage() {
  const { t, L, p } = useLang();
  const orgId = useOrgId();
  const mobile = useIsMobile();
  // The filters live in the address: opening a proposal and coming back (or reloading) keeps them.
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search, PROPOSAL_STATES, PROPOSAL_KINDS);
  const setFilters = (f: ReviewFilters) => setSearch(searchOfFilters(f), { replace: true });
  const [q, setQ] = useState(filters.q ?? '');
  const list = usePaged<ProposalItem>('proposal-review', `/api/orgs/${orgId}/proposals`, { ...filters });
  const sessions = useSessions(orgId);
  const categories = useProposalCategories(orgId);
  const set = (k: keyof ReviewFilters, v: unknown) => {
    setFilters({ ...filters, [k]: v === null || v === '' ? undefined : v });
    if (k !== 'q') blurPicker();
  };
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [selected, setSelected] = useState<number[]>([]);
  const [cursor, setCursor] = useState(0);
  const [bulkOpen, setBulkOpen] = useState<'assign' | 'register' | null>(null);
  const items = list.items;
  const targets = bulkTargets(items, selected);
  const anyActionable = items.some(actionable);
  const anyRegistrable = items.some((i) => i.abilities.includes('register'));
  const anyAssignable = items.some((i) => i.abilities.includes('assign'));
  const anyLetters = items.some(hasLetter);
  // The proposals of the last 批量交办: their 交办函 are one click away.
  const [justAssigned, setJustAssigned] = useState<number[]>([]);
  const [printing, setPrinting] = useState(false);
  const printLetters = (ids: number[]) => {
    setPrinting(true);
    download(`/api/orgs/${orgId}/assignment-letters.docx?ids=${ids.join(',')}`, `assignment-letters-${ids.length}.docx`)
      .catch((err: unknown) => onError(err))
      .finally(() => setPrinting(false));
  };
  // Handed to the proposal page so that it can offer 下一件 (the next row of this list) and the way back to it.
  const searchText = search.toString();
  const walk = useMemo<ReviewWalk>(() => ({ reviewSearch: searchText, ids: items.map((i) => i.id) }), [searchText, items]);

  // Keyboard for the clerk: j/k or ↓/↑ move, x or space ticks, Shift+X ticks every actionable row loaded,
  // r opens 批量立案 and a 批量交办 for the ticked rows, Enter opens the current proposal.
  useEffect(() => {
    if (mobile) return;
    const onKey = (e: KeyboardEvent) => {
      if (typing(e) || e.ctrlKey || e.metaKey || e.altKey || bulkOpen) return;
      const row = items[cursor];
      if (e.key === 'j' || e.key === 'ArrowDown') setCursor((c) => Math.min(items.length - 1, c + 1));
      else if (e.key === 'k' || e.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
      else if ((e.key === 'x' || e.key === ' ') && row && actionable(row))
        setSelected((s) => (s.includes(row.id) ? s.filter((x) => x !== row.id) : [...s, row.id]));
      else if (e.key === 'X') setSelected(items.filter(actionable).map((i) => i.id));
      else if (e.key === 'r' && targets.register.length) setBulkOpen('register');
      else if (e.key === 'a' && targets.assign.length) setBulkOpen('assign');
      else if (e.key === 'Enter' && row) void navigate(`/proposals/${row.id}`, { state: walk });
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [mobile, items, cursor, bulkOpen, targets.register.length, targets.assign.length, navigate, walk]);
  // The list shrinks after a bulk action: keep the cursor on a row.
  useEffect(() => {
    if (cursor > 0 && cursor >= items.length) setCursor(Math.max(0, items.length - 1));
  }, [cursor, items.length]);
  useEffect(() => {
    document.querySelector(`tr[data-row-key="${items[cursor]?.id}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor, items]);

  return (
    <div>
      <PageHeader
        title={t('proposalReview')}
        extra={
          filters.sessionId ? (
            <Button
              icon={<FileWordOutlined />}
              onClick={() =>
                void download(
                  `/api/sessions/${filters.sessionId}/proposal-compilation.docx`,
                  `proposal-compilation-${filters.sessionId}.docx`,
                ).catch((err: unknown) => onError(err))
              }
            >
              {L('下载本次会议提案汇编', 'Compilation of this session (Word)')}
            </Button>
          ) : (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {L('选择会议后可下载提案汇编', 'Pick a session to download its compilation')}
            </Typography.Text>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={L('案由关键词', 'Words of the subject')}
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              // The clear button empties the field: the filter goes with it.
              if (!e.target.value && filters.q) set('q', '');
            }}
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
              setFilters({ state: 'submitted' });
              setQ('');
              setSelected([]);
            }}
          >
            {t('reset')}
          </Button>
        </Space>
      </Card>
      {!mobile && anyActionable ? (
        <Flex align="center" gap={12} wrap style={{ marginBottom: 8 }}>
          {anyRegistrable ? (
            <Button type="primary" disabled={!targets.register.length} onClick={() => setBulkOpen('register')}>
              {L(`批量立案（${targets.register.length}）`, `Register selected (${targets.register.length})`)}
            </Button>
          ) : null}
          {anyAssignable ? (
            <Button type="primary" disabled={!targets.assign.length} onClick={() => setBulkOpen('assign')}>
              {L(`批量交办（${targets.assign.length}）`, `Assign selected (${targets.assign.length})`)}
            </Button>
          ) : null}
          {anyLetters ? (
            <Button
              icon={<FileWordOutlined />}
              disabled={!targets.letters.length || targets.letters.length > 200}
              loading={printing}
              title={targets.letters.length > 200 ? L('一次最多 200 件', 'At most 200 at a time') : undefined}
              onClick={() => printLetters(targets.letters.map((i) => i.id))}
            >
              {L(`下载交办函（${targets.letters.length}）`, `Assignment letters (${targets.letters.length})`)}
            </Button>
          ) : null}
          <Button onClick={() => setSelected(items.filter(actionable).map((i) => i.id))}>
            {L(`全选已加载（${items.filter(actionable).length}）`, `Select all loaded (${items.filter(actionable).length})`)}
          </Button>
          {selected.length ? <Button onClick={() => setSelected([])}>{L('清除选择', 'Clear selection')}</Button> : null}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {L(
              '键盘：j/k 上下移动，x 勾选，Shift+X 全选，r 批量立案，a 批量交办，Enter 打开',
              'Keys: j/k move, x tick, Shift+X all, r register, a assign, Enter open',
            )}
          </Typography.Text>
        </Flex>
      ) : null}
      {bulkOpen === 'assign' && targets.assign.length ? (
        <BulkAssignDialog
          orgId={orgId}
          items={targets.assign}
          onClose={() => setBulkOpen(null)}
          onDone={(n) => {
            void message.success(L(`已交办 ${n} 件提案`, `${n} proposals assigned`));
            setJustAssigned(targets.assign.map((i) => i.id));
            setSelected([]);
            void qc.invalidateQueries({ queryKey: ['proposal-review'] });
          }}
        />
      ) : null}
      {justAssigned.length ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setJustAssigned([]) }}
          style={{ marginBottom: 8 }}
          title={L(`刚交办 ${justAssigned.length} 件提案，可一次下载它们的交办函（每件一函，各起一页）。`, `${justAssigned.length} proposals just assigned; download their letters in one file.`)}
          action={
            <Button size="small" type="primary" icon={<FileWordOutlined />} loading={printing} onClick={() => printLetters(justAssigned)}>
              {L('下载交办函', 'Download letters')}
            </Button>
          }
        />
      ) : null}
      {bulkOpen === 'register' && targets.register.length ? (
        <BulkRegisterDialog
          orgId={orgId}
          items={targets.register}
          onClose={() => setBulkOpen(null)}
          onDone={(done) => {
            const labels = done.map((d) => d.numberLabel).filter((x): x is string => !!x);
            const range = labels.length > 1 ? `${labels[0]} 至 ${labels[labels.length - 1]}` : (labels[0] ?? '');
            void message.success(L(`已立案 ${done.length} 件：${range}`, `${done.length} proposals registered: ${range}`));
            setSelected([]);
            void qc.invalidateQueries({ queryKey: ['proposal-review'] });
          }}
        />
      ) : null}
      {mobile ? (
        <ProposalCards items={list.items} loading={list.isPending} />
      ) : (
        <DataTable<ProposalItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.items}
          rowSelection={
            anyActionable
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as number[]),
                  getCheckboxProps: (r: ProposalItem) => ({ disabled: !actionable(r) }),
                }
              : undefined
          }
          rowClassName={(_, i) => (i === cursor ? 'xs-row-current' : '')}
          onRow={(_, i) => ({ onClick: () => i !== undefined && setCursor(i) })}
          columns={[
            { title: L('提案号', 'Number'), dataIndex: 'numberLabel', render: (v: string | null) => v ?? '—' },
            {
              title: L('案由', 'Subject'),
              dataIndex: 'subject',
              render: (v: string, r) => (
                <Link to={`/proposals/${r.id}`} state={walk}>
                  {v || L('（未填写案由）', '(no subject)')}
                </Link>
              ),
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
