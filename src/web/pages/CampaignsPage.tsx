import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Empty, Form, Input, Row, Statistic, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type dayjs from 'dayjs';
import type { CampaignListItem, CampaignView } from '@common/cooperation';
import { get, post } from '../api';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { PageHeader } from '../ui';
import { FormDialog } from './coop/common';

/** 履职实践活动: each with its period and how many activities and cooperation items it groups. */
export default function CampaignsPage() {
  const { L } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const q = useQuery({ queryKey: ['campaigns', orgId], queryFn: () => get<{ items: CampaignListItem[] }>(`/api/orgs/${orgId}/campaigns`) });
  return (
    <div>
      <PageHeader
        title={L('履职实践活动', 'Campaigns')}
        sub={L('以主题活动统筹协商活动与合作事项', 'Themed campaigns that group activities and cooperation items')}
        extra={
          session.can('coop.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {L('新建履职实践活动', 'New campaign')}
            </Button>
          ) : null
        }
      />
      {!q.isPending && !q.data?.items.length ? <Empty description={L('尚无履职实践活动', 'No campaigns yet')} /> : null}
      <Row gutter={[12, 12]}>
        {(q.data?.items ?? []).map((c) => (
          <Col key={c.id} xs={24} md={12} xl={8}>
            <Card size="small" title={<Link to={`/campaigns/${c.id}`}>{c.name}</Link>} loading={q.isPending}>
              <Typography.Text type="secondary">
                {c.startDate} — {c.endDate ?? L('至今', 'ongoing')}
              </Typography.Text>
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginTop: 6 }}>
                {c.description}
              </Typography.Paragraph>
              <Row>
                <Col span={12}>
                  <Statistic title={L('活动', 'Activities')} value={c.activities} />
                </Col>
                <Col span={12}>
                  <Statistic title={L('合作事项', 'Cooperation items')} value={c.items} />
                </Col>
              </Row>
            </Card>
          </Col>
        ))}
      </Row>
      {creating ? (
        <FormDialog
          title={L('新建履职实践活动', 'New campaign')}
          onClose={() => setCreating(false)}
          send={async (v) => {
            const [from, to] = (v.period as [dayjs.Dayjs, dayjs.Dayjs | null] | undefined) ?? [];
            const c = await post<CampaignView>(`/api/orgs/${orgId}/campaigns`, { name: v.name, description: v.description ?? '', startDate: from?.format('YYYY-MM-DD'), endDate: to ? to.format('YYYY-MM-DD') : null });
            void navigate(`/campaigns/${c.id}`);
          }}
        >
          <Form.Item name="name" label={L('名称', 'Name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="period" label={L('起止日期', 'Period')} rules={[{ required: true, message: L('请选择起止日期', 'Choose the period') }]}>
            <DatePicker.RangePicker allowEmpty={[false, true]} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label={L('简介', 'Description')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </FormDialog>
      ) : null}
    </div>
  );
}
