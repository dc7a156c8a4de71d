import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, InputNumber, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { INFO_LEVEL_LABELS, type InfoStatsRow, type InfoStatsView } from '@common/info';
import { get } from '../api';
import { useChart } from '../components/charts/useChart';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, PageHeader } from '../ui';

type Group = 'bySubmitter' | 'bySector' | 'byOrg';

function MonthChart({
  rows,
  labels,
}: {
  rows: InfoStatsRow[];
  labels: { received: string; issued: string; adopted: string; instructed: string };
}) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: labels.received, type: 'bar', data: rows.map((r) => r.received), itemStyle: { color: '#90a4ae' } },
        { name: labels.issued, type: 'bar', data: rows.map((r) => r.issued), itemStyle: { color: '#c62828' } },
        { name: labels.adopted, type: 'bar', data: rows.map((r) => r.adopted), itemStyle: { color: '#00838f' } },
        { name: labels.instructed, type: 'bar', data: rows.map((r) => r.instructed), itemStyle: { color: '#f9a825' } },
      ],
    }),
    [rows, labels],
  );
  const ref = useChart(option);
  return <div ref={ref} data-testid="info-month-chart" style={{ width: '100%', height: 300 }} />;
}

function LevelChart({
  adopted,
  instructed,
  labels,
}: {
  adopted: InfoStatsView['adoptedByLevel'];
  instructed: InfoStatsView['instructedByLevel'];
  labels: { levels: string[]; adopted: string; instructed: string };
}) {
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis', confine: true },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: labels.levels },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: labels.adopted,
          type: 'bar',
          data: adopted.map((a) => a.count),
          itemStyle: { color: '#00838f' },
          label: { show: true, position: 'top' },
        },
        {
          name: labels.instructed,
          type: 'bar',
          data: instructed.map((a) => a.count),
          itemStyle: { color: '#f9a825' },
          label: { show: true, position: 'top' },
        },
      ],
    }),
    [adopted, instructed, labels],
  );
  const ref = useChart(option);
  return <div ref={ref} style={{ width: '100%', height: 260 }} />;
}

/** 社情民意统计: received, issued, issues, adopted upward and instructed by level, fed back; by month, submitter, sector, organization. */
export default function InfoStatsPage() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [group, setGroup] = useState<Group>('bySubmitter');
  const q = useQuery({
    queryKey: ['info-stats', orgId, year],
    queryFn: () => get<InfoStatsView>(`/api/orgs/${orgId}/info-stats?year=${year}`),
  });
  const s = q.data;
  const labels = useMemo(
    () => ({
      received: L('收到', 'Received'),
      issued: L('编发采用', 'Issued'),
      adopted: L('上级采用', 'Adopted upward'),
      instructed: L('领导批示', 'Instructed'),
    }),
    [L],
  );
  const levelLabels = useMemo(
    () => ({
      levels: (s?.adoptedByLevel ?? []).map((a) => p(INFO_LEVEL_LABELS[a.level])),
      adopted: labels.adopted,
      instructed: labels.instructed,
    }),
    [s, p, labels],
  );
  const totals: Array<[string, number | undefined]> = [
    [L('收到信息', 'Received'), s?.totals.received],
    [L('编发采用', 'Issued'), s?.totals.issued],
    [L('编发期数', 'Issues'), s?.totals.issues],
    [L('上级采用', 'Adopted upward'), s?.totals.adopted],
    [L('领导批示', 'Instructed'), s?.totals.instructed],
    [L('落实反馈', 'Fed back'), s?.totals.fedBack],
  ];
  return (
    <div>
      <PageHeader
        title={L('社情民意统计', 'Information statistics')}
        sub={L('按年度统计，数据来自每一条信息记录', 'Per year, counted from the records')}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space>
          <Typography.Text>{L('年度', 'Year')}</Typography.Text>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} aria-label={L('年度', 'Year')} />
        </Space>
      </Card>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="info-totals">
        {totals.map(([label, v]) => (
          <Col key={label} xs={12} sm={8} lg={4}>
            <Card size="small" loading={q.isPending}>
              <Statistic title={label} value={v ?? 0} />
            </Card>
          </Col>
        ))}
      </Row>
      {s ? (
        <Row gutter={[12, 12]}>
          <Col xs={24} lg={14}>
            <Card size="small" title={L('按月', 'By month')}>
              <MonthChart rows={s.byMonth} labels={labels} />
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={L('上级采用与领导批示（按层级）', 'Adopted and instructed, by level')}>
              <LevelChart adopted={s.adoptedByLevel} instructed={s.instructedByLevel} labels={levelLabels} />
            </Card>
          </Col>
          <Col span={24}>
            <Card
              size="small"
              title={L('分组统计', 'Breakdown')}
              extra={
                <Segmented<Group>
                  value={group}
                  onChange={setGroup}
                  options={[
                    { value: 'bySubmitter', label: L('报送方', 'Submitter') },
                    { value: 'bySector', label: L('界别', 'Sector') },
                    { value: 'byOrg', label: L('组织', 'Organization') },
                  ]}
                />
              }
            >
              <DataTable<InfoStatsRow>
                rowKey="key"
                mobileLayout="compact"
                dataSource={s[group]}
                columns={[
                  { title: L('名称', 'Name'), dataIndex: 'label' },
                  { title: labels.received, dataIndex: 'received' },
                  { title: labels.issued, dataIndex: 'issued' },
                  { title: labels.adopted, dataIndex: 'adopted' },
                  { title: labels.instructed, dataIndex: 'instructed' },
                  { title: L('落实反馈', 'Fed back'), dataIndex: 'fedBack' },
                ]}
              />
            </Card>
          </Col>
        </Row>
      ) : null}
    </div>
  );
}
