import { useCallback, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Drawer, Empty, Flex, Row, Segmented, Select, Spin, Table, Tag, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import {
  RATING_LABELS,
  statsRate,
  type ProposalState,
  type ProposalStatsItemT,
  type ProposalStatsViewT,
  type Rating,
  type StatsFractionT,
  type StatsMetric,
} from '@common/proposals';
import { download, get, qs } from '../api';
import { usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, LoadMore, PageHeader, useErrorHandler, useIsMobile } from '../ui';
import { StateTag } from '../proposals';
import { DrillBarChart } from '../components/charts/DrillBarChart';
import { DrillPieChart } from '../components/charts/DrillPieChart';

type Stats = ProposalStatsViewT;
type UnitRow = Stats['byUnit'][number];
/** What the drawer lists: a metric, its optional key, and the title shown. */
interface Drill {
  metric: StatsMetric;
  key?: string;
  title: string;
}

const pct = (f: StatsFractionT) => {
  const r = statsRate(f);
  return r == null ? '—' : `${(r * 100).toFixed(1)}%`;
};

/** The session picker's value: `s:<id>` (one session) or `y:<year>` (every session of a year). */
function parseScope(v: string | undefined): { sessionId?: number; year?: number } {
  if (!v) return {};
  const [k, n] = v.split(':');
  return k === 'y' ? { year: Number(n) } : { sessionId: Number(n) };
}

// ── KPI card ────────────────────────────────────────────────
function Kpi({
  title,
  value,
  sub,
  onClick,
  tone,
}: {
  title: string;
  value: ReactNode;
  sub?: ReactNode;
  onClick?: () => void;
  tone?: 'danger';
}) {
  const { L } = useLang();
  const body = (
    <>
      <Typography.Text type="secondary">{title}</Typography.Text>
      <div style={{ fontSize: 28, fontWeight: 600, lineHeight: 1.3, color: tone === 'danger' ? '#c62828' : undefined }}>{value}</div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {sub ?? '\u00a0'}
      </Typography.Text>
    </>
  );
  return (
    <Card size="small" hoverable={!!onClick} style={{ height: '100%' }}>
      {onClick ? (
        <button
          type="button"
          onClick={onClick}
          aria-label={L(`${title}：查看明细`, `${title}: show the proposals`)}
          style={{ all: 'unset', display: 'block', width: '100%', cursor: 'pointer' }}
        >
          {body}
        </button>
      ) : (
        body
      )}
    </Card>
  );
}

/** A number that opens the drill-down drawer. */
function DrillNum({ value, onClick, danger }: { value: ReactNode; onClick: () => void; danger?: boolean }) {
  return (
    <Button type="link" size="small" danger={danger} onClick={onClick} style={{ padding: 0, height: 'auto' }}>
      {value}
    </Button>
  );
}

// ── The drill-down drawer ───────────────────────────────────
function DrillDrawer({
  drill,
  scope,
  onClose,
}: {
  drill: Drill | null;
  scope: { sessionId?: number; year?: number };
  onClose: () => void;
}) {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const list = usePaged<ProposalStatsItemT>(
    'proposal-stats-items',
    `/api/orgs/${orgId}/proposal-stats/items`,
    { ...scope, metric: drill?.metric, key: drill?.key },
    !!drill,
  );
  const rating = (r: string | null) => (r ? p(RATING_LABELS[r as Rating]) : '—');
  const detail = (r: ProposalStatsItemT) => {
    const bits: string[] = [];
    if (r.unitName) bits.push(r.unitName);
    if (r.deadline) bits.push(L(`期限 ${r.deadline}`, `due ${r.deadline}`));
    if (r.repliedOn) bits.push(L(`答复 ${r.repliedOn}`, `replied ${r.repliedOn}`));
    if (r.grade) bits.push(L(`等级 ${r.grade}`, `grade ${r.grade}`));
    if (r.evaluatorName)
      bits.push(`${r.evaluatorName}：${L('工作', 'work')}${rating(r.workRating)} / ${L('结果', 'result')}${rating(r.resultRating)}`);
    return bits.join(' · ');
  };
  return (
    <Drawer open={!!drill} onClose={onClose} title={drill?.title} size={Math.min(680, window.innerWidth)} destroyOnHidden>
      {list.isLoading ? (
        <Spin />
      ) : list.isError ? (
        <Alert type="error" showIcon title={(list.error as Error).message} />
      ) : !list.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Flex vertical gap={8}>
          {list.items.map((r) => (
            <Card key={r.rowId} size="small">
              <Link to={`/proposals/${r.proposalId}`} style={{ fontWeight: 500 }}>
                {r.subject}
              </Link>
              <Flex wrap gap={4} style={{ marginTop: 6 }}>
                <StateTag state={r.state as ProposalState} />
                {r.numberLabel ? <Tag>{r.numberLabel}</Tag> : null}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.proposerName}
                {r.categoryName ? ` · ${r.categoryName}` : ''}
                {detail(r) ? ` · ${detail(r)}` : ''}
              </Typography.Text>
            </Card>
          ))}
          <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
        </Flex>
      )}
    </Drawer>
  );
}

// ── Unit league table ───────────────────────────────────────
type SortKey = 'onTime' | 'satisfaction' | 'avgWorkdays' | 'assigned';
const sortValue = (u: UnitRow, k: SortKey): number | null =>
  k === 'onTime'
    ? statsRate(u.onTime)
    : k === 'satisfaction'
      ? statsRate(u.satisfaction)
      : k === 'avgWorkdays'
        ? u.avgWorkdays
        : u.assigned;

function sortUnits(rows: UnitRow[], k: SortKey): UnitRow[] {
  // Rates and counts: high first; working days: few first; units without data last.
  const dir = k === 'avgWorkdays' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = sortValue(a, k);
    const y = sortValue(b, k);
    if (x == null && y == null) return a.unitName.localeCompare(b.unitName, 'zh');
    if (x == null) return 1;
    if (y == null) return -1;
    return (x - y) * dir || a.unitName.localeCompare(b.unitName, 'zh');
  });
}

function UnitLeague({ rows, open }: { rows: UnitRow[]; open: (d: Drill) => void }) {
  const { L } = useLang();
  const mobile = useIsMobile();
  const [sort, setSort] = useState<SortKey>('onTime');
  const sorted = useMemo(() => sortUnits(rows, sort), [rows, sort]);
  const sortOptions = [
    { value: 'onTime', label: L('按期办复率', 'On time') },
    { value: 'satisfaction', label: L('满意率', 'Satisfaction') },
    { value: 'avgWorkdays', label: L('平均工作日', 'Avg. working days') },
    { value: 'assigned', label: L('承办件数', 'Assigned') },
  ];
  const workdays = (u: UnitRow) =>
    u.avgWorkdays == null ? '—' : `${u.avgWorkdays}${u.avgWorkdaysProvisional ? L('（暂定）', ' (provisional)') : ''}`;
  const rate = (f: StatsFractionT) => (
    <span>
      {pct(f)}{' '}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {f.num}/{f.den}
      </Typography.Text>
    </span>
  );
  const header = (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <span>{L('承办单位办理情况', 'Handling units')}</span>
      <Flex align="center" gap={6}>
        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 400 }}>
          {L('排序', 'Sort by')}
        </Typography.Text>
        <Select
          size="small"
          value={sort}
          onChange={setSort}
          options={sortOptions}
          style={{ width: 132 }}
          aria-label={L('排序', 'Sort by')}
        />
      </Flex>
    </Flex>
  );
  if (!rows.length)
    return (
      <Card size="small" title={header}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      </Card>
    );
  if (mobile)
    return (
      <Card size="small" title={header} styles={{ body: { padding: 8 } }}>
        <Flex vertical gap={8}>
          {sorted.map((u, i) => (
            <Card key={u.unitId} size="small">
              <Flex justify="space-between" gap={8}>
                <Typography.Text strong>
                  {i + 1}. {u.unitName}
                </Typography.Text>
                <DrillNum
                  value={L(`${u.assigned} 件`, `${u.assigned}`)}
                  onClick={() =>
                    open({ metric: 'unit', key: String(u.unitId), title: L(`${u.unitName} 承办的提案`, `Assigned to ${u.unitName}`) })
                  }
                />
              </Flex>
              <Flex wrap gap={12} style={{ fontSize: 13, marginTop: 4 }}>
                <span>
                  {L('按期', 'On time')}{' '}
                  <DrillNum
                    value={pct(u.onTime)}
                    onClick={() =>
                      open({ metric: 'on_time', key: String(u.unitId), title: L(`${u.unitName} 按期答复`, `${u.unitName}: on time`) })
                    }
                  />
                </span>
                <span>
                  {L('满意率', 'Satisfied')} {pct(u.satisfaction)}
                </span>
                <span>
                  {u.avgWorkdays == null ? L('平均工作日 —', 'Avg. —') : L(`平均 ${workdays(u)} 工作日`, `avg. ${workdays(u)} w.d.`)}
                </span>
                {u.overdue ? (
                  <span>
                    {L('逾期', 'Overdue')}{' '}
                    <DrillNum
                      danger
                      value={u.overdue}
                      onClick={() =>
                        open({ metric: 'overdue', key: String(u.unitId), title: L(`${u.unitName} 逾期未答复`, `${u.unitName}: overdue`) })
                      }
                    />
                  </span>
                ) : null}
              </Flex>
            </Card>
          ))}
        </Flex>
      </Card>
    );
  return (
    <Card size="small" title={header}>
      <DataTable<UnitRow>
        rowKey="unitId"
        dataSource={sorted}
        columns={[
          { title: '#', key: 'rank', width: 48, render: (_, __, i) => i + 1 },
          { title: L('承办单位', 'Unit'), dataIndex: 'unitName' },
          {
            title: L('承办件数', 'Assigned'),
            dataIndex: 'assigned',
            align: 'right',
            render: (_, u) => (
              <DrillNum
                value={u.assigned}
                onClick={() =>
                  open({ metric: 'unit', key: String(u.unitId), title: L(`${u.unitName} 承办的提案`, `Assigned to ${u.unitName}`) })
                }
              />
            ),
          },
          {
            title: L('已答复', 'Replied'),
            key: 'replied',
            align: 'right',
            render: (_, u) => (
              <DrillNum
                value={`${u.replied}/${u.replying}`}
                onClick={() =>
                  open({ metric: 'replied_assignments', key: String(u.unitId), title: L(`${u.unitName} 已答复`, `${u.unitName}: replied`) })
                }
              />
            ),
          },
          {
            title: L('按期办复率', 'On time'),
            key: 'onTime',
            align: 'right',
            render: (_, u) => (
              <Button
                type="link"
                size="small"
                style={{ padding: 0 }}
                onClick={() =>
                  open({ metric: 'on_time', key: String(u.unitId), title: L(`${u.unitName} 按期答复`, `${u.unitName}: on time`) })
                }
              >
                {rate(u.onTime)}
              </Button>
            ),
          },
          { title: L('满意率', 'Satisfaction'), key: 'sat', align: 'right', render: (_, u) => rate(u.satisfaction) },
          { title: L('平均办理工作日', 'Avg. working days'), key: 'wd', align: 'right', render: (_, u) => workdays(u) },
          {
            title: L('逾期', 'Overdue'),
            dataIndex: 'overdue',
            align: 'right',
            render: (_, u) =>
              u.overdue ? (
                <DrillNum
                  danger
                  value={u.overdue}
                  onClick={() =>
                    open({ metric: 'overdue', key: String(u.unitId), title: L(`${u.unitName} 逾期未答复`, `${u.unitName}: overdue`) })
                  }
                />
              ) : (
                0
              ),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
        {L(
          '满意率为办理工作、办理结果两项中「满意」「基本满意」所占比例（未表态不计入）；平均办理工作日按工作日历计算，从交办到首次答复。',
          'Satisfaction: share of "satisfied" and "basically satisfied" over both dimensions (no-response rows excluded). Working days follow the calendar, from assignment to the first reply.',
        )}
      </Typography.Text>
    </Card>
  );
}

// ── The page ────────────────────────────────────────────────
export default function ProposalDashboardPage() {
  const { L, t } = useLang();
  const orgId = useOrgId();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [pick, setPick] = useState<string | undefined>();
  const [drill, setDrill] = useState<Drill | null>(null);
  const [chart, setChart] = useState<'category' | 'sector'>('category');
  const [exporting, setExporting] = useState(false);
  const scope = parseScope(pick);
  const q = useQuery({
    queryKey: ['proposal-stats', orgId, scope],
    queryFn: () => get<Stats>(`/api/orgs/${orgId}/proposal-stats` + qs(scope)),
  });
  const v = q.data;
  // The drawer lists rows of the scope the numbers came from (the server's default session included).
  const drillScope = v
    ? v.scope.sessionId != null
      ? { sessionId: v.scope.sessionId }
      : v.scope.year != null
        ? { year: v.scope.year }
        : {}
    : scope;
  const open = useCallback((d: Drill) => setDrill(d), []);

  const scopeOptions = useMemo(() => {
    if (!v) return [];
    const years = [...new Set(v.sessions.map((s) => Number(s.startDate.slice(0, 4))))];
    return [
      {
        label: L('会议（次）', 'Sessions'),
        options: v.sessions.map((s) => ({ value: `s:${s.id}`, label: `${s.name}（${s.proposals}）` })),
      },
      { label: L('年度', 'Years'), options: years.map((y) => ({ value: `y:${y}`, label: L(`${y} 年全部会议`, `All sessions of ${y}`) })) },
    ];
  }, [v, L]);
  const pickValue = v
    ? v.scope.sessionId != null
      ? `s:${v.scope.sessionId}`
      : v.scope.year != null
        ? `y:${v.scope.year}`
        : undefined
    : pick;

  const catData = useMemo(
    () => (v?.byCategory ?? []).map((c) => ({ name: c.key === 'none' ? L('未分类', 'Uncategorized') : c.name, value: c.received })),
    [v, L],
  );
  const sectorData = useMemo(
    () =>
      (v?.bySector ?? []).map((c) => ({
        name: c.key === 'collective' ? L('集体提案', 'Collective') : c.key === 'none' ? L('未填界别', 'No sector') : c.name,
        value: c.received,
      })),
    [v, L],
  );
  const gradeData = useMemo(() => (v?.grades ?? []).map((g) => ({ name: `${g.code} ${g.label}`, value: g.count })), [v]);
  const onCategory = useCallback(
    (i: number) => {
      const c = v?.byCategory[i];
      if (c) open({ metric: 'category', key: c.key, title: L(`分类：${catData[i]?.name}`, `Category: ${catData[i]?.name}`) });
    },
    [v, open, L, catData],
  );
  const onSector = useCallback(
    (i: number) => {
      const c = v?.bySector[i];
      if (c) open({ metric: 'sector', key: c.key, title: L(`界别：${sectorData[i]?.name}`, `Sector: ${sectorData[i]?.name}`) });
    },
    [v, open, L, sectorData],
  );
  const onGrade = useCallback(
    (i: number) => {
      const g = v?.grades[i];
      if (g) open({ metric: 'grade', key: g.code, title: L(`答复等级 ${g.code}（${g.label}）`, `Grade ${g.code} (${g.label})`) });
    },
    [v, open, L],
  );

  const exportXlsx = async () => {
    setExporting(true);
    try {
      await download(`/api/orgs/${orgId}/proposal-stats.xlsx` + qs(drillScope), 'proposal-stats.xlsx');
      message.success(L('已导出', 'Exported'));
    } catch (err) {
      onError(err);
    } finally {
      setExporting(false);
    }
  };

  const scopeName = v
    ? (v.scope.sessionName ?? (v.scope.year != null ? L(`${v.scope.year} 年`, `${v.scope.year}`) : L('全部提案', 'All proposals')))
    : '';
  const rateSub = (f: StatsFractionT) => `${f.num} / ${f.den}`;
  const col = { xs: 24, sm: 12, lg: 6 } as const;

  return (
    <>
      <PageHeader
        title={L('提案统计', 'Proposal statistics')}
        sub={v ? L(`${scopeName} · 统计日期 ${v.today}`, `${scopeName} · as of ${v.today}`) : undefined}
        extra={
          <>
            <Select
              style={{ minWidth: 220, maxWidth: '100%' }}
              value={pickValue}
              onChange={(val: string) => setPick(val)}
              options={scopeOptions}
              placeholder={L('选择会议', 'Choose a session')}
              aria-label={L('统计范围', 'Scope')}
              loading={q.isLoading}
            />
            <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} loading={exporting} disabled={!v}>
              {t('exportXlsx')}
            </Button>
          </>
        }
      />
      {q.isLoading ? (
        <Spin />
      ) : q.isError || !v ? (
        <Alert
          type="error"
          showIcon
          title={(q.error as Error | null)?.message ?? ''}
          action={<Button onClick={() => void q.refetch()}>{t('reload')}</Button>}
        />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            <Col {...col}>
              <Kpi
                title={L('收到提案', 'Received')}
                value={v.received}
                sub={L(
                  `并案 ${v.merged} · 不予立案 ${v.converted} · 撤案 ${v.withdrawn}`,
                  `merged ${v.merged} · not registered ${v.converted} · withdrawn ${v.withdrawn}`,
                )}
                onClick={() => open({ metric: 'received', title: L('收到的提案', 'Received proposals') })}
              />
            </Col>
            <Col {...col}>
              <Kpi
                title={L('立案', 'Registered')}
                value={v.registered}
                sub={L(`交办 ${v.assigned}`, `assigned ${v.assigned}`)}
                onClick={() => open({ metric: 'registered', title: L('立案的提案', 'Registered proposals') })}
              />
            </Col>
            <Col {...col}>
              <Kpi
                title={L('立案率', 'Registration rate')}
                value={pct(v.registrationRate)}
                sub={rateSub(v.registrationRate)}
                onClick={() => open({ metric: 'registered', title: L('立案的提案', 'Registered proposals') })}
              />
            </Col>
            <Col {...col}>
              <Kpi
                title={L('办复率', 'Reply rate')}
                value={pct(v.replyRate)}
                sub={rateSub(v.replyRate)}
                onClick={() => open({ metric: 'replied', title: L('已办复的提案', 'Replied proposals') })}
              />
            </Col>
            <Col {...col}>
              <Kpi
                title={L('按期办复率', 'Replied on time')}
                value={pct(v.onTimeRate)}
                sub={L(`${rateSub(v.onTimeRate)}（按承办单位计）`, `${rateSub(v.onTimeRate)} (per unit)`)}
                onClick={() => open({ metric: 'on_time', title: L('按期答复', 'Replied on time') })}
              />
            </Col>
            <Col {...col}>
              <Kpi
                title={L('办理工作满意率', 'Satisfaction: handling')}
                value={pct(v.workSatisfaction)}
                sub={rateSub(v.workSatisfaction)}
                onClick={() => open({ metric: 'work_satisfied', title: L('对办理工作满意、基本满意', 'Satisfied with the handling') })}
              />
            </Col>
            <Col {...col}>
              <Kpi
                title={L('办理结果满意率', 'Satisfaction: result')}
                value={pct(v.resultSatisfaction)}
                sub={rateSub(v.resultSatisfaction)}
                onClick={() => open({ metric: 'result_satisfied', title: L('对办理结果满意、基本满意', 'Satisfied with the result') })}
              />
            </Col>
            <Col {...col}>
              <Kpi
                title={L('面商率', 'Contact rate')}
                value={pct(v.contactRate)}
                sub={rateSub(v.contactRate)}
                onClick={() => open({ metric: 'contacted', title: L('办理中与提案人面商的提案', 'Proposals with a contact') })}
              />
            </Col>
          </Row>

          <Card size="small">
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Flex align="center" gap={8} wrap>
                <Typography.Text strong>{L('逾期未答复', 'Overdue replies')}</Typography.Text>
                <DrillNum
                  danger={v.overdue > 0}
                  value={L(`${v.overdue} 件`, `${v.overdue}`)}
                  onClick={() => open({ metric: 'overdue', title: L('逾期未答复', 'Overdue replies') })}
                />
                {v.avgWorkdays != null ? (
                  <Typography.Text type="secondary">
                    {L(`平均办理 ${v.avgWorkdays} 个工作日`, `average ${v.avgWorkdays} working days to reply`)}
                    {v.avgWorkdaysProvisional ? L('（暂定）', ' (provisional)') : ''}
                  </Typography.Text>
                ) : null}
              </Flex>
              {/* The count above is of overdue replies: the supervision list opens on that clock, so the numbers agree. */}
              <Link to="/proposal-supervision?clock=reply">{L('到督办页处理 →', 'Go to supervision →')}</Link>
            </Flex>
          </Card>

          <Row gutter={[12, 12]}>
            <Col xs={24} lg={10}>
              <Card size="small" title={L('答复等级', 'Reply grades')} style={{ height: '100%' }}>
                {gradeData.some((g) => g.value > 0) ? (
                  <DrillPieChart data={gradeData} onPick={onGrade} />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('尚无答复', 'No replies yet')} />
                )}
              </Card>
            </Col>
            <Col xs={24} lg={14}>
              <Card
                size="small"
                title={L('提案分布', 'Proposals by group')}
                extra={
                  <Segmented
                    size="small"
                    value={chart}
                    onChange={(x) => setChart(x as 'category' | 'sector')}
                    options={[
                      { value: 'category', label: L('按分类', 'Category') },
                      { value: 'sector', label: L('按界别', 'Sector') },
                    ]}
                  />
                }
                style={{ height: '100%' }}
              >
                {(chart === 'category' ? catData : sectorData).length ? (
                  chart === 'category' ? (
                    <DrillBarChart data={catData} onPick={onCategory} />
                  ) : (
                    <DrillBarChart data={sectorData} onPick={onSector} color="#1565c0" />
                  )
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                )}
              </Card>
            </Col>
          </Row>

          <Card size="small" title={L('评价情况', 'Evaluations')}>
            <Table
              size="small"
              pagination={false}
              rowKey="rating"
              scroll={{ x: 'max-content' }}
              dataSource={[
                ...v.ratings.map((r) => ({ rating: r.rating as string, work: r.work, result: r.result })),
                { rating: 'no_response', work: v.noResponse, result: v.noResponse },
              ]}
              columns={[
                {
                  title: L('评价', 'Rating'),
                  dataIndex: 'rating',
                  render: (r: string) =>
                    r === 'no_response'
                      ? L('未表态（不计入满意率）', 'No response (not counted)')
                      : L(RATING_LABELS[r as Rating].zh, RATING_LABELS[r as Rating].en),
                },
                {
                  title: L('办理工作', 'Handling'),
                  dataIndex: 'work',
                  align: 'right',
                  render: (n: number, r) => (
                    <DrillNum
                      value={n}
                      onClick={() =>
                        r.rating === 'no_response'
                          ? open({ metric: 'no_response', title: L('未表态', 'No response') })
                          : open({
                              metric: 'work_rating',
                              key: r.rating,
                              title: L(
                                `办理工作「${RATING_LABELS[r.rating as Rating].zh}」`,
                                `Handling: ${RATING_LABELS[r.rating as Rating].en}`,
                              ),
                            })
                      }
                    />
                  ),
                },
                {
                  title: L('办理结果', 'Result'),
                  dataIndex: 'result',
                  align: 'right',
                  render: (n: number, r) => (
                    <DrillNum
                      value={n}
                      onClick={() =>
                        r.rating === 'no_response'
                          ? open({ metric: 'no_response', title: L('未表态', 'No response') })
                          : open({
                              metric: 'result_rating',
                              key: r.rating,
                              title: L(
                                `办理结果「${RATING_LABELS[r.rating as Rating].zh}」`,
                                `Result: ${RATING_LABELS[r.rating as Rating].en}`,
                              ),
                            })
                      }
                    />
                  ),
                },
              ]}
            />
            {v.pendingEvaluations ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 8 }}>
                {L(`另有 ${v.pendingEvaluations} 条评价尚在评价期内。`, `${v.pendingEvaluations} more evaluations are still open.`)}
              </Typography.Text>
            ) : null}
          </Card>

          <UnitLeague rows={v.byUnit} open={open} />
        </Flex>
      )}
      <DrillDrawer drill={drill} scope={drillScope} onClose={() => setDrill(null)} />
    </>
  );
}
