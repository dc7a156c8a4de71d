import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Statistic, Typography } from 'antd';
import type { StudioListItem } from '@common/cooperation';
import { get } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { PageHeader } from '../ui';

/** 委员工作室: theme, place, 领衔委员, members and activities. */
export default function StudiosPage() {
  const { L } = useLang();
  const orgId = useOrgId();
  const q = useQuery({ queryKey: ['studios', orgId], queryFn: () => get<{ items: StudioListItem[] }>(`/api/orgs/${orgId}/studios`) });
  return (
    <div>
      <PageHeader title={L('委员工作室', 'Member studios')} sub={L('工作室成员、领衔委员与工作室活动', 'Members, lead member and activities of each studio')} />
      {!q.isPending && !q.data?.items.length ? <Empty description={L('尚无委员工作室', 'No studios yet')} /> : null}
      <Row gutter={[12, 12]}>
        {(q.data?.items ?? []).map((s) => (
          <Col key={s.id} xs={24} md={12} xl={8}>
            <Card size="small" title={<Link to={`/studios/${s.id}`}>{s.name}</Link>}>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{s.theme}</Typography.Paragraph>
              <Typography.Text type="secondary">
                {s.place}
                {s.leadName ? ` · ${L('领衔委员', 'Lead')}：${s.leadName}` : ''}
              </Typography.Text>
              <Row style={{ marginTop: 8 }}>
                <Col span={12}>
                  <Statistic title={L('成员', 'Members')} value={s.members} />
                </Col>
                <Col span={12}>
                  <Statistic title={L('活动', 'Activities')} value={s.activities} />
                </Col>
              </Row>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
