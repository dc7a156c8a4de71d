import { useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Pagination,
  Popconfirm,
  Segmented,
  Select,
  Space,
  Tabs,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { z } from 'zod';
import {
  DUTY_YEAR_STATE_LABELS,
  type DutyGroupRow,
  type DutyListFilter,
  type DutyRecomputeView,
  type DutyScoreRow,
  type DutyScoresView,
  type DutyYearView,
} from '@common/duty';
import { get, post, qs } from '../api';
import { useCatalog } from '../data';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, PageHeader, useErrorHandler } from '../ui';

type Year = z.infer<typeof DutyYearView>;
type Score = z.infer<typeof DutyScoreRow>;
type Group = z.infer<typeof DutyGroupRow>;
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const PAGE = 20;

/** 履职档案 (staff and leaders): the year's state and actions, the member ranking with its lists, sector and group rankings. */
export default function DutyRankingPage() {
  const { L } = useLang();
  const orgId = useOrgId();
  const base = `/api/orgs/${orgId}/duty`;
  const [year, setYear] = useState(() => new Date().getFullYear());
  const years = useQuery({ queryKey: ['duty-years', orgId], queryFn: () => get<{ items: Year[] }>(`${base}/years`) });
  const y = years.data?.items.find((x) => x.year === year);
  const yearOptions = [...new Set([new Date().getFullYear(), ...(years.data?.items ?? []).map((x) => x.year)])].sort((a, b) => b - a);
  return (
    <div>
      <PageHeader
        title={L('履职档案', 'Duty records')}
        sub={L(
          '委员履职积分排名、界别与小组排名、低于合格线和未达年度基本要求名单',
          'Member ranking, sector and group rankings, below-threshold and missed-minimum lists',
        )}
        extra={
          <Select
            aria-label={L('年度', 'Year')}
            value={year}
            style={{ width: 110 }}
            onChange={setYear}
            options={yearOptions.map((v) => ({ value: v, label: `${v}${L('年度', '')}` }))}
          />
        }
      />
      <YearBar year={year} y={y} base={base} />
      <Tabs
        items={[
          { key: 'members', label: L('委员排名', 'Members'), children: <Scores base={base} year={year} /> },
          { key: 'sector', label: L('界别排名', 'By sector'), children: <Groups base={base} year={year} by="sector" /> },
          { key: 'group', label: L('小组排名', 'By group'), children: <Groups base={base} year={year} by="group" /> },
        ]}
      />
    </div>
  );
}

function YearBar({ year, y, base }: { year: number; y: Year | undefined; base: string }) {
  const { L, p } = useLang();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['duty-years'] });
    void qc.invalidateQueries({ queryKey: ['duty-scores'] });
    void qc.invalidateQueries({ queryKey: ['duty-groups'] });
  };
  const recompute = useMutation({
    mutationFn: () => post<z.infer<typeof DutyRecomputeView>>(`${base}/years/${year}/recompute`),
    onSuccess: (r) => {
      void message.success(
        L(
          `已重新计算：${r.members} 名委员，${r.entries} 条记录，用时 ${r.ms} 毫秒`,
          `Recomputed: ${r.members} members, ${r.entries} entries in ${r.ms} ms`,
        ),
      );
      refresh();
    },
    onError: (e) => onError(e, undefined, refresh),
  });
  const step = useMutation({
    mutationFn: (action: 'freeze' | 'unfreeze') => post(`${base}/years/${year}/${action}`, { version: y?.version ?? 0 }),
    onSuccess: refresh,
    onError: (e) => onError(e, undefined, refresh),
  });
  const ab = y?.abilities;
  return (
    <Card size="small" style={{ marginBottom: 12 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Tag color={y?.state === 'frozen' ? 'default' : 'processing'} data-testid="duty-year-state">
            {p(DUTY_YEAR_STATE_LABELS[y?.state ?? 'open'])}
          </Tag>
          <Typography.Text type="secondary">
            {y?.computedAt
              ? L(
                  `计算于 ${dayjs(y.computedAt).format('YYYY-MM-DD HH:mm')}，${y.members} 名委员`,
                  `Computed ${dayjs(y.computedAt).format('YYYY-MM-DD HH:mm')}, ${y.members} members`,
                )
              : L('尚未计算', 'Not computed yet')}
          </Typography.Text>
        </Space>
        <Space wrap>
          {ab?.recompute ? (
            <Button icon={<ReloadOutlined />} loading={recompute.isPending} onClick={() => recompute.mutate()} data-testid="duty-recompute">
              {L('重新计算', 'Recompute')}
            </Button>
          ) : null}
          {ab?.freeze ? (
            <Popconfirm
              title={L('冻结后该年度积分不再变化，确定冻结？', 'A frozen year never changes. Freeze it?')}
              onConfirm={() => step.mutate('freeze')}
            >
              <Button loading={step.isPending}>{L('冻结年度', 'Freeze')}</Button>
            </Popconfirm>
          ) : null}
          {ab?.unfreeze ? (
            <Popconfirm
              title={L('解除冻结后可重新计算，确定？', 'Unfreeze so the year can be recomputed?')}
              onConfirm={() => step.mutate('unfreeze')}
            >
              <Button loading={step.isPending}>{L('解除冻结', 'Unfreeze')}</Button>
            </Popconfirm>
          ) : null}
        </Space>
      </Flex>
    </Card>
  );
}

function Scores({ base, year }: { base: string; year: number }) {
  const { L } = useLang();
  const orgId = Number(/orgs\/(\d+)/.exec(base)?.[1]);
  const [filter, setFilter] = useState<DutyListFilter>('all');
  const [sectorId, setSectorId] = useState<number | undefined>();
  const [groupId, setGroupId] = useState<number | undefined>();
  const [page, setPage] = useState(1);
  const sectors = useCatalog(orgId, 'sectors');
  const groups = useCatalog(orgId, 'groups');
  const params = { year, filter, sectorId, groupId, offset: (page - 1) * PAGE, limit: PAGE };
  const q = useQuery({
    queryKey: ['duty-scores', base, params],
    queryFn: () => get<z.infer<typeof DutyScoresView>>(`${base}/scores${qs(params)}`),
    placeholderData: keepPreviousData,
  });
  const reset = () => setPage(1);
  return (
    <div>
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented<DutyListFilter>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            reset();
          }}
          options={[
            { value: 'all', label: L('全部', 'All') },
            { value: 'below', label: L('低于合格线', 'Below threshold') },
            { value: 'missed', label: L('未达基本要求', 'Missed minimums') },
          ]}
        />
        <Select
          allowClear
          placeholder={L('界别', 'Sector')}
          style={{ width: 160 }}
          value={sectorId}
          onChange={(v) => {
            setSectorId(v);
            reset();
          }}
          options={(sectors.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select
          allowClear
          placeholder={L('委员小组', 'Group')}
          style={{ width: 170 }}
          value={groupId}
          onChange={(v) => {
            setGroupId(v);
            reset();
          }}
          options={(groups.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
      </Flex>
      <DataTable<Score>
        rowKey="memberId"
        loading={q.isFetching}
        dataSource={q.data?.items ?? []}
        data-testid="duty-scores"
        mobileTitle="name"
        mobileLayout="compact"
        columns={
          [
            { title: L('名次', 'Rank'), dataIndex: 'rank', key: 'rank', width: 64 },
            {
              title: L('委员', 'Member'),
              key: 'name',
              render: (_: unknown, r) => <Link to={`/duty/members/${r.memberId}`}>{r.name}</Link>,
            },
            { title: L('界别', 'Sector'), dataIndex: 'sector', key: 'sector', render: (v: string | null) => v ?? '—' },
            { title: L('小组', 'Group'), dataIndex: 'group', key: 'group', render: (v: string | null) => v ?? '—' },
            { title: L('积分', 'Points'), key: 'total', align: 'right', render: (_: unknown, r) => <b>{fmt(r.total)}</b> },
            {
              title: L('等次', 'Grade'),
              dataIndex: 'grade',
              key: 'grade',
              render: (v: string) => <Tag color={v === '优秀' ? 'green' : v === '不称职' ? 'red' : 'blue'}>{v}</Tag>,
            },
            {
              title: L('年度基本要求', 'Minimums'),
              key: 'min',
              render: (_: unknown, r) =>
                r.meetsMinimums ? (
                  <Tag color="green">{L('已达到', 'Met')}</Tag>
                ) : (
                  <Tag color="orange">
                    {L(
                      `未达到（提案/信息 ${r.proposalsOrReports}，活动 ${r.activities}）`,
                      `Missed (${r.proposalsOrReports} / ${r.activities})`,
                    )}
                  </Tag>
                ),
            },
          ] as TableColumnsType<Score>
        }
      />
      <Flex justify="end" style={{ marginTop: 12 }}>
        <Pagination
          size="small"
          current={page}
          pageSize={PAGE}
          total={q.data?.total ?? 0}
          onChange={setPage}
          showSizeChanger={false}
          showTotal={(t) => L(`共 ${t} 人`, `${t} members`)}
        />
      </Flex>
    </div>
  );
}

function Groups({ base, year, by }: { base: string; year: number; by: 'sector' | 'group' }) {
  const { L } = useLang();
  const q = useQuery({
    queryKey: ['duty-groups', base, year, by],
    queryFn: () => get<{ items: Group[] }>(`${base}/groups?year=${year}&by=${by}`),
  });
  return (
    <DataTable<Group>
      rowKey={(r) => String(r.id ?? 'none')}
      mobileTitle="name"
      mobileLayout="compact"
      loading={q.isPending}
      dataSource={q.data?.items ?? []}
      columns={[
        { title: L('名次', 'Rank'), key: 'rank', width: 64, render: (_: unknown, _r, i) => i + 1 },
        { title: by === 'sector' ? L('界别', 'Sector') : L('委员小组', 'Group'), dataIndex: 'name', key: 'name' },
        { title: L('委员数', 'Members'), dataIndex: 'members', key: 'members' },
        { title: L('平均积分', 'Average'), key: 'avg', render: (_: unknown, r) => <b>{fmt(r.average)}</b> },
        { title: L('最高积分', 'Best'), key: 'best', render: (_: unknown, r) => fmt(r.best) },
        { title: L('低于合格线', 'Below'), dataIndex: 'below', key: 'below' },
        { title: L('未达基本要求', 'Missed'), dataIndex: 'missed', key: 'missed' },
      ]}
    />
  );
}
