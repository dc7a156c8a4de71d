import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Segmented, Select, Spin, Statistic, Typography } from 'antd';
import type { ActivityDashboardView } from '@common/joint';
import { get, qs } from '../api';
import { useChart } from '../components/charts/useChart';
import { DrillBarChart } from '../components/charts/DrillBarChart';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { PageHeader } from '../ui';

const PALETTE = ['#c62828', '#1565c0', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#ad1457', '#4e342e', '#37474f', '#9e9d24', '#283593', '#558b2f', '#d84315', '#00695c', '#5d4037'];

/** Activities by type (stacked) and month. */
function TypeMonthChart({ data }: { data: ActivityDashboardView['byTypeMonth'] }) {
  const { L, lang } = useLang();
  const option = useMemo(() => {
    const types = [...new Set(data.map((d) => d.type))];
    const months = Array.from({ length: 12 }, (_, i) => (lang === 'en' ? String(i + 1) : `${i + 1}月`));
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 8, right: 8, top: 32, bottom: 40, containLabel: true },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', minInterval: 1, name: L('次', 'count') },
      color: PALETTE,
      series: types.map((t) => ({
        name: t,
        type: 'bar',
        stack: 'all',
        barMaxWidth: 28,
        data: months.map((_, i) => data.find((d) => d.type === t && d.month === i + 1)?.count ?? 0),
      })),
    };
  }, [data, L, lang]);
  const ref = useChart(option);
  return <div ref={ref} style={{ width: '100%', height: 320 }} data-testid="chart-type-month" />;
}

/** Attendance rate (%) per member group or sector; the tooltip-free label shows the rate. */
function RateBars({ rows }: { rows: ActivityDashboardView['attendanceByGroup'] }) {
  const { L } = useLang();
  const data = useMemo(() => rows.filter((r) => r.rate != null).map((r) => ({ name: r.name || L('（未分组）', '(none)'), value: r.rate ?? 0 })), [rows, L]);
  if (!data.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('本年度暂无已举行活动的出勤记录', 'No attendance recorded for held activities this year')} />;
  return <DrillBarChart data={data} color="#2e7d32" />;
}

/** 活动概况: activities by type and month, attendance by member group and sector, problem-list progress, joint activities. */
export default function ActivityDashboardPage() {
  const { L } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const [year, setYear] = useState<number | undefined>();
  const [by, setBy] = useState<'group' | 'sector'>('group');
  const q = useQuery({
    queryKey: ['activity-dashboard', orgId, year],
    queryFn: () => get<ActivityDashboardView>(`/api/orgs/${orgId}/activity-dashboard${qs({ year })}`),
  });
  const d = q.data;
  const problems = useMemo(
    () =>
      d
        ? [
            { name: L('问题总数', 'Issues'), value: d.problems.issues },
            { name: L('已表态', 'Answered'), value: d.problems.responded },
            { name: L('转化落实', 'Converted'), value: d.problems.converted },
            { name: L('已解决', 'Solved'), value: d.problems.resolved },
            { name: L('暂不能解决', 'Cannot resolve'), value: d.problems.cannotResolve },
            { name: L('表态逾期', 'Overdue'), value: d.problems.overdue },
          ]
        : [],
    [d, L],
  );
  const total = d ? d.byTypeMonth.reduce((s, x) => s + x.count, 0) : 0;
  return (
    <div>
      <PageHeader
        title={L('活动概况', 'Activities overview')}
        sub={L('本组织主办及参加的联合活动均计入', 'Counts the activities the organization hosts and the joint activities it joined')}
        extra={
          <Select
            aria-label={L('年度', 'Year')}
            style={{ width: 110 }}
            value={d?.year}
            onChange={setYear}
            options={(d?.years ?? []).map((y) => ({ value: y, label: L(`${y}年`, String(y)) }))}
          />
        }
      />
      {q.isPending ? <Spin /> : null}
      {d ? (
        <Row gutter={[12, 12]}>
          <Col xs={24}>
            <Card size="small">
              <Row gutter={[12, 12]}>
                <Col xs={12} sm={6}>
                  <Statistic title={L('活动（不含取消）', 'Activities (not cancelled)')} value={total} />
                </Col>
                <Col xs={12} sm={6}>
                  <Statistic title={L('主办联合活动', 'Joint, hosted')} value={d.joint.hosted} />
                </Col>
                <Col xs={12} sm={6}>
                  <Statistic title={L('参加联合活动', 'Joint, joined')} value={d.joint.joined} />
                </Col>
                <Col xs={12} sm={6}>
                  <Statistic title={L('待答复的联合邀请', 'Invitations to answer')} value={d.joint.invitationsPending} />
                  {d.joint.invitationsPending && session.can('activities.joint_respond') ? <Link to="/joint-invitations">{L('去答复', 'Answer')}</Link> : null}
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card size="small" title={L('按类型和月份的活动数', 'Activities by type and month')}>
              {total ? <TypeMonthChart data={d.byTypeMonth} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
            </Card>
          </Col>
          <Col xs={24} lg={10}>
            <Card size="small" title={L('问题清单进展', 'Problem-list progress')}>
              {d.problems.issues ? <DrillBarChart data={problems} color="#1565c0" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('本年度活动暂无问题清单', 'No problem-list issues for this year’s activities')} />}
            </Card>
          </Col>
          <Col xs={24}>
            <Card
              size="small"
              title={L('出勤率（%）', 'Attendance rate (%)')}
              extra={
                <Segmented<'group' | 'sector'>
                  size="small"
                  value={by}
                  onChange={setBy}
                  options={[
                    { value: 'group', label: L('按委员小组', 'By member group') },
                    { value: 'sector', label: L('按界别', 'By sector') },
                  ]}
                />
              }
            >
              <RateBars rows={by === 'group' ? d.attendanceByGroup : d.attendanceBySector} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {L('出勤率 = 出席人次 ÷ 受邀委员人次（已举行的活动）', 'Rate = attended ÷ invited members, over held activities')}
              </Typography.Text>
            </Card>
          </Col>
        </Row>
      ) : null}
    </div>
  );
}
