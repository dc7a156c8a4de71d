import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Empty, Flex, Form, Row, Select, Spin, Statistic, Tag, Typography } from 'antd';
import { COOP_STATUSES, COOP_STATUS_LABELS, type CampaignView, type CoopListItem } from '@common/cooperation';
import { ACTIVITY_STATUS_LABELS, type ActivityListItem, type ActivityStatus } from '@common/activities';
import { del, get, post, qs, type Page } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, PageHeader, useErrorHandler } from '../ui';
import { RecordLinks } from '../components/RecordLinks';
import { CoopStatusTag, FormDialog, PointsBar, fmtDay } from './coop/common';

function AddActivities({ campaign, onClose, onSaved }: { campaign: CampaignView; onClose: () => void; onSaved: (v: CampaignView) => void }) {
  const { L } = useLang();
  const orgId = useOrgId();
  const found = useQuery({ queryKey: ['activities', 'pick', orgId], queryFn: () => get<Page<ActivityListItem>>(`/api/orgs/${orgId}/activities${qs({ limit: 200 })}`) });
  const have = new Set(campaign.activityList.map((a) => a.id));
  return (
    <FormDialog title={L('归入活动', 'Add activities')} onClose={onClose} send={async (v) => onSaved(await post<CampaignView>(`/api/campaigns/${campaign.id}/activities`, { activityIds: v.activityIds }))}>
      <Form.Item name="activityIds" label={L('本组织的活动', 'Activities of the organization')} rules={[{ required: true, message: L('请选择活动', 'Choose activities') }]}>
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          loading={found.isFetching}
          options={(found.data?.items ?? []).filter((a) => !have.has(a.id)).map((a) => ({ value: a.id, label: `${fmtDay(a.startsAt)} ${a.topic}` }))}
        />
      </Form.Item>
    </FormDialog>
  );
}

/**
 * A campaign: participating members (distinct members who attended one of its activities or are named on one of
 * its cooperation items), items by status, its activities and items.
 */
export default function CampaignPage() {
  const { id } = useParams();
  const campaignId = Number(id);
  const { L, p } = useLang();
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const onError = useErrorHandler();
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: ['campaign', campaignId], queryFn: () => get<CampaignView>(`/api/campaigns/${campaignId}`) });
  const c = q.data;
  if (q.isPending) return <Spin />;
  if (!c) return <Empty description={q.error?.message} />;
  const set = (v: CampaignView) => qc.setQueryData(['campaign', campaignId], v);
  const stats: Array<[string, number, string]> = [
    [L('参与委员（人）', 'Participating members'), c.counts.members, L(`出席活动 ${c.counts.membersAttended} 人、合作事项参与 ${c.counts.membersNamed} 人，去重合计`, `${c.counts.membersAttended} attended, ${c.counts.membersNamed} named on items, counted once`)],
    [L('活动', 'Activities'), c.counts.activities, ''],
    [L('合作事项', 'Cooperation items'), c.counts.items, COOP_STATUSES.map((s) => `${p(COOP_STATUS_LABELS[s])} ${c.counts.itemsByStatus[s]}`).join(' · ')],
  ];
  return (
    <div>
      <PageHeader title={c.name} sub={`${c.startDate} — ${c.endDate ?? L('至今', 'ongoing')}`} />
      {c.description ? <Typography.Paragraph>{c.description}</Typography.Paragraph> : null}
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="campaign-counts">
        {stats.map(([label, v, hint]) => (
          <Col key={label} xs={24} sm={8}>
            <Card size="small">
              <Statistic title={label} value={v} />
              {hint ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{hint}</Typography.Text> : null}
            </Card>
          </Col>
        ))}
      </Row>
      <Card size="small" title={L('合作事项', 'Cooperation items')} style={{ marginBottom: 12 }} extra={<Link to={`/coop-items?campaign=${c.id}`}>{L('筛选查看', 'Open in list')}</Link>}>
        <DataTable<CoopListItem>
          rowKey="id"
          dataSource={c.itemList}
          columns={[
            { title: L('事项', 'Item'), key: 't', render: (_: unknown, i) => <Link to={`/coop-items/${i.id}`}>{i.title}</Link> },
            { title: L('合作方', 'Parties'), key: 'p', render: (_: unknown, i) => i.parties.join('、') },
            { title: L('共识事项', 'Points'), key: 'n', render: (_: unknown, i) => <PointsBar done={i.pointsDone} total={i.points} /> },
            { title: L('状态', 'Status'), key: 's', render: (_: unknown, i) => <CoopStatusTag status={i.status} /> },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={L('活动', 'Activities')}
        style={{ marginBottom: 12 }}
        extra={
          c.canManage ? (
            <Button size="small" onClick={() => setAdding(true)}>
              {L('归入活动', 'Add activities')}
            </Button>
          ) : null
        }
      >
        <DataTable
          rowKey="id"
          dataSource={c.activityList}
          columns={[
            { title: L('日期', 'Date'), key: 'd', render: (_: unknown, a: CampaignView['activityList'][number]) => fmtDay(a.startsAt) },
            { title: L('主题', 'Topic'), key: 't', render: (_: unknown, a: CampaignView['activityList'][number]) => <Link to={`/activities/${a.id}`}>{a.topic}</Link> },
            { title: L('类型', 'Type'), key: 'y', render: (_: unknown, a: CampaignView['activityList'][number]) => <Tag>{a.type}</Tag> },
            { title: L('出席委员', 'Attended'), dataIndex: 'attended', key: 'n' },
            { title: L('状态', 'Status'), key: 's', render: (_: unknown, a: CampaignView['activityList'][number]) => p(ACTIVITY_STATUS_LABELS[a.status as ActivityStatus]) },
            ...(c.canManage
              ? [
                  {
                    title: '',
                    key: 'x',
                    render: (_: unknown, a: CampaignView['activityList'][number]) => (
                      <Button
                        size="small"
                        type="link"
                        danger
                        onClick={() =>
                          modal.confirm({
                            title: L('将该活动移出？', 'Remove this activity from the campaign?'),
                            onOk: async () => {
                              try {
                                set(await del<CampaignView>(`/api/campaigns/${c.id}/activities/${a.id}`));
                              } catch (err) {
                                onError(err);
                              }
                            },
                          })
                        }
                      >
                        {L('移出', 'Remove')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Flex vertical>
        <RecordLinks type="campaign" id={c.id} />
      </Flex>
      {adding ? <AddActivities campaign={c} onClose={() => setAdding(false)} onSaved={set} /> : null}
    </div>
  );
}
