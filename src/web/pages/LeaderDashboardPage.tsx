import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { Card, Col, Drawer, Empty, Flex, List, Row, Spin, Statistic, Tag, Typography } from 'antd';
import { ISSUE_STATUS_LABELS, type IssueStatus } from '@common/activities';
import { PROPOSAL_STATE_LABELS, type ProposalState } from '@common/proposals';
import { DASHBOARD_METRIC_LABELS, type DashboardItem, type DashboardMetric, type LeaderDashboardView } from '@common/worksystem';
import { get } from '../api';
import { usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { LoadMore, PageHeader, useIsMobile } from '../ui';
import { DrillBarChart } from '../components/charts/DrillBarChart';
import { DrillPieChart } from '../components/charts/DrillPieChart';
import MembersBySector from '../components/MembersBySector';

/** Fulfilled green, pending amber, overdue red. */
const OBLIGATION_COLORS = ['#2e7d32', '#f9a825', '#c62828'];
const FIGURE_ORDER: DashboardMetric[] = ['hearings', 'cityInstructions', 'converted', 'leaderConsultations', 'solved'];
const UNITS: Record<DashboardMetric, { zh: string; en: string }> = {
  hearings: { zh: '次', en: 'times' },
  cityInstructions: { zh: '次', en: 'times' },
  converted: { zh: '篇', en: 'items' },
  leaderConsultations: { zh: '次', en: 'times' },
  solved: { zh: '个', en: 'problems' },
};

/** The records behind one figure, newest first, in a drawer (full width on a phone). */
function Drill({ metric, onClose }: { metric: DashboardMetric | null; onClose: () => void }) {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const mobile = useIsMobile();
  const list = usePaged<DashboardItem>('leader-dashboard-items', `/api/orgs/${orgId}/leader-dashboard/items`, { metric: metric ?? 'solved' }, metric != null);
  return (
    <Drawer open={metric != null} onClose={onClose} width={mobile ? '100%' : 560} title={metric ? p(DASHBOARD_METRIC_LABELS[metric]) : ''} destroyOnHidden>
      {list.isPending ? <Spin /> : null}
      {!list.isPending && !list.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无记录', 'No records')} /> : null}
      <List
        data-testid="drill-list"
        dataSource={list.items}
        renderItem={(it) => (
          <List.Item key={`${it.kind}-${it.id}`}>
            <List.Item.Meta
              title={it.link ? <Link to={it.link}>{it.title}</Link> : it.title}
              description={
                <>
                  {it.date ? <Tag>{it.date}</Tag> : null}
                  <Typography.Text type="secondary">{it.detail}</Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {list.items.length ? <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} /> : null}
    </Drawer>
  );
}

/** 驾驶舱: the seed sentence computed from records, each figure opening the records behind it; charts of the rest. */
export default function LeaderDashboardPage() {
  const { L, p, lang } = useLang();
  const orgId = useOrgId();
  const navigate = useNavigate();
  const { can } = useSession();
  const [metric, setMetric] = useState<DashboardMetric | null>(null);
  const q = useQuery({ queryKey: ['leader-dashboard', orgId], queryFn: () => get<LeaderDashboardView>(`/api/orgs/${orgId}/leader-dashboard`) });
  if (!q.data) return q.isError ? <Empty description={L('加载失败', 'Failed to load')} /> : <Spin />;
  const d = q.data;
  const f = d.figures;
  const num = (m: DashboardMetric) => (
    <Typography.Link strong onClick={() => setMetric(m)} data-testid={`sentence-${m}`}>
      {f[m]}
    </Typography.Link>
  );
  const proposals = d.proposals.byStatus.map((x) => ({ name: p(PROPOSAL_STATE_LABELS[x.key as ProposalState]) || x.key, value: x.count }));
  const issues = d.activities.issuesByStatus.map((x) => ({ name: p(ISSUE_STATUS_LABELS[x.key as IssueStatus]) || x.key, value: x.count }));
  const obligations = [
    { name: L('已落实', 'Fulfilled'), value: d.obligations.fulfilled },
    { name: L('待落实', 'Pending'), value: d.obligations.pending },
    { name: L('逾期', 'Overdue'), value: d.obligations.overdue },
  ];
  const satisfaction = d.proposals.rated ? Math.round((d.proposals.satisfied / d.proposals.rated) * 1000) / 10 : null;
  return (
    <div>
      <PageHeader title={L('领导驾驶舱', 'Leadership dashboard')} sub={L('“五个一”工作制度成效、提案、协商活动与社情民意，数字均由记录实时统计，点击可查看明细', 'Figures are counted from the records; click one to see them')} />
      <Card size="small" style={{ marginBottom: 16, background: '#fff8f6' }} data-testid="seed-sentence">
        {lang === 'en' ? (
          <Typography.Paragraph style={{ margin: 0 }}>
            So far the party committee has heard the CPPCC report {num('hearings')} times; research outcomes and information received {num('cityInstructions')} instructions from city leaders; {num('converted')} reports,
            information items and consultation opinions were converted into concrete measures; district leaders attended {num('leaderConsultations')} thematic consultations; {num('solved')} problems were solved.
          </Typography.Paragraph>
        ) : (
          <Typography.Paragraph style={{ margin: 0, fontSize: 15, lineHeight: 1.9 }}>
            截至目前，区委听取区政协工作汇报 {num('hearings')} 次；区政协调研成果、社情民意信息获市领导批示 {num('cityInstructions')} 次；{num('converted')}{' '}
            篇调研报告、社情民意信息、协商意见转化为具体举措；区委、区政府领导参加区政协专题协商 {num('leaderConsultations')} 次；推动解决问题 {num('solved')} 个。
          </Typography.Paragraph>
        )}
      </Card>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(150px, 1fr))', gap: 12, marginBottom: 16 }}>
        {FIGURE_ORDER.map((m) => (
          <div key={m}>
            <Card size="small" hoverable onClick={() => setMetric(m)} data-testid={`figure-${m}`} style={{ height: '100%' }}>
              <Statistic title={p(DASHBOARD_METRIC_LABELS[m])} value={f[m]} suffix={p(UNITS[m])} valueStyle={{ color: '#b71c1c' }} />
              {m === 'cityInstructions' ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {L(`成果 ${f.cityInstructionsOutcomes} · 信息 ${f.cityInstructionsInfo}`, `outcomes ${f.cityInstructionsOutcomes} · information ${f.cityInstructionsInfo}`)}
                </Typography.Text>
              ) : null}
              {m === 'converted' ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {L(`成果 ${f.convertedOutcomes} · 信息 ${f.convertedInfo}`, `outcomes ${f.convertedOutcomes} · information ${f.convertedInfo}`)}
                </Typography.Text>
              ) : null}
            </Card>
          </div>
        ))}
      </div>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={L('工作制度落实', 'Work-system obligations')} extra={<Link to="/work-system">{L('查看', 'Open')}</Link>}>
            {obligations.some((x) => x.value > 0) ? (
              <DrillPieChart data={obligations} colors={OBLIGATION_COLORS} onPick={() => navigate('/work-system')} height={220} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('尚未设置工作制度事项', 'No obligations set up yet')} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={L('问题清单办理', 'Problem lists')}>
            {issues.length ? <DrillPieChart data={issues} height={220} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={L('提案办理', 'Proposals')}
            extra={
              satisfaction != null ? (
                <Typography.Text type="secondary">
                  {L('满意率', 'Satisfied')} {satisfaction}%
                </Typography.Text>
              ) : null
            }
          >
            {proposals.length ? <DrillBarChart data={proposals} /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={L('协商议政活动（按类型）', 'Activities by type')}>
            {d.activities.byType.length ? <DrillBarChart data={d.activities.byType.map((x) => ({ name: x.key, value: x.count }))} color="#1565c0" /> : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
        {can('members.read') ? (
          <Col xs={24}>
            <Card size="small" title={L('各界别委员人数', 'Members by sector')} extra={<Link to="/members">{L('委员名单', 'Members')}</Link>}>
              <MembersBySector />
            </Card>
          </Col>
        ) : null}
        {d.information ? (
          <Col xs={24}>
            <Card size="small" title={L('社情民意信息', 'Information reports')}>
              <Flex gap={24} wrap>
                <Statistic title={L('收到', 'Received')} value={d.information.received} />
                <Statistic title={L('编发', 'Issued')} value={d.information.issued} />
                <Statistic title={L('获批示', 'Instructed')} value={d.information.instructed} />
              </Flex>
            </Card>
          </Col>
        ) : null}
      </Row>
      <Drill metric={metric} onClose={() => setMetric(null)} />
    </div>
  );
}
