import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { COOP_STATUSES, COOP_STATUS_LABELS, type CoopItemView, type CoopListItem, type CoopStatus } from '@common/cooperation';
import { post } from '../api';
import { usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, LoadMore, PageHeader, useIsMobile } from '../ui';
import { MemberPicker } from '../components/pickers';
import { CoopStatusTag, FormDialog, PartyFields, PointsBar, partiesFrom, useCampaignOptions, usePartnerOrgs } from './coop/common';

/** New cooperation item: parties, consensus points (owner chosen among the parties), named members, origin. */
export function CoopItemDialog({ orgId, originActivityId, originTopic, onClose, onSaved }: { orgId: number; originActivityId?: number; originTopic?: string; onClose: () => void; onSaved: (v: CoopItemView) => void }) {
  const { L } = useLang();
  const campaigns = useCampaignOptions(orgId);
  const orgs = usePartnerOrgs(orgId);
  const orgName = new Map((orgs.data?.items ?? []).map((o) => [o.id, o.name]));
  return (
    <FormDialog
      title={L('新建合作事项', 'New cooperation item')}
      onClose={onClose}
      initial={{ points: [{}] }}
      send={async (v) => {
        // The organization itself first, so that it can own points too.
        const parties = [{ orgId }, ...partiesFrom(v)];
        const points = ((v.points as Array<{ content?: string; owner?: string; target?: string; dueDate?: { format(f: string): string } | null }>) ?? [])
          .filter((p) => p.content?.trim())
          .map((p) => ({ content: p.content!, target: p.target ?? '', dueDate: p.dueDate ? p.dueDate.format('YYYY-MM-DD') : null, ownerParty: p.owner ? parties.findIndex((x) => ('orgId' in x ? `o${x.orgId}` : `n${x.name}`) === p.owner) : null }))
          .map((p) => ({ ...p, ownerParty: p.ownerParty != null && p.ownerParty >= 0 ? p.ownerParty : null }));
        onSaved(
          await post<CoopItemView>(`/api/orgs/${orgId}/coop-items`, {
            title: v.title,
            summary: v.summary ?? '',
            campaignId: v.campaignId ?? null,
            originActivityId: originActivityId ?? null,
            parties,
            points,
            memberIds: v.memberIds ?? [],
          }),
        );
      }}
    >
      {originTopic ? (
        <Typography.Paragraph type="secondary">
          {L('来源活动：', 'Arose from: ')}
          {originTopic}
        </Typography.Paragraph>
      ) : null}
      <Form.Item name="title" label={L('事项名称', 'Title')} rules={[{ required: true, message: L('请填写事项名称', 'Enter a title') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="summary" label={L('事项概述', 'Summary')}>
        <Input.TextArea rows={3} maxLength={5000} />
      </Form.Item>
      <Form.Item name="campaignId" label={L('所属履职实践活动', 'Campaign')}>
        <Select allowClear options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
      </Form.Item>
      <PartyFields orgId={orgId} />
      <Form.Item noStyle shouldUpdate>
        {(form) => {
          const opts = [
            { value: `o${orgId}`, label: L('本组织', 'Our organization') },
            ...((form.getFieldValue('partyOrgIds') as number[] | undefined) ?? []).map((id) => ({ value: `o${id}`, label: orgName.get(id) ?? String(id) })),
            ...String((form.getFieldValue('outsideParties') as string | undefined) ?? '')
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean)
              .map((n) => ({ value: `n${n}`, label: n })),
          ];
          return (
            <Form.List name="points">
              {(fields, { add, remove }) => (
                <Card size="small" title={L('共识事项', 'Consensus points')} style={{ marginBottom: 12 }}>
                  {fields.map((f) => (
                    <Flex key={f.key} vertical gap={4} style={{ marginBottom: 8, borderBottom: '1px dashed #eee', paddingBottom: 8 }}>
                      <Flex gap={6} align="start">
                        <Form.Item name={[f.name, 'content']} style={{ flex: 1, margin: 0 }}>
                          <Input placeholder={L('共识内容', 'What was agreed')} />
                        </Form.Item>
                        <Button type="text" icon={<MinusCircleOutlined />} aria-label={L('删除此项', 'Remove')} onClick={() => remove(f.name)} />
                      </Flex>
                      <Flex wrap gap={6}>
                        <Form.Item name={[f.name, 'owner']} style={{ margin: 0, minWidth: 150 }}>
                          <Select allowClear placeholder={L('责任方', 'Owner')} options={opts} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'target']} style={{ margin: 0, flex: 1, minWidth: 140 }}>
                          <Input placeholder={L('目标', 'Target')} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'dueDate']} style={{ margin: 0 }}>
                          <DatePicker placeholder={L('完成时限', 'Due')} />
                        </Form.Item>
                      </Flex>
                    </Flex>
                  ))}
                  <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({})}>
                    {L('添加共识事项', 'Add a point')}
                  </Button>
                </Card>
              )}
            </Form.List>
          );
        }}
      </Form.Item>
      <Form.Item name="memberIds" label={L('参与委员', 'Participating members')}>
        <MemberPicker orgId={orgId} />
      </Form.Item>
    </FormDialog>
  );
}

/** Cooperation items the organization leads or is a party to, with filters. */
export default function CoopItemsPage() {
  const { L, p, t } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const campaigns = useCampaignOptions(orgId);
  const [status, setStatus] = useState<CoopStatus | undefined>();
  const [campaignId, setCampaignId] = useState<number | undefined>(params.get('campaign') ? Number(params.get('campaign')) : undefined);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const list = usePaged<CoopListItem>('coop-items', `/api/orgs/${orgId}/coop-items`, { status, campaignId, q });
  return (
    <div>
      <PageHeader
        title={L('合作事项', 'Cooperation items')}
        sub={L('本组织牵头或作为合作方参与的跨区域合作事项', 'Cross-region items your organization leads or is a party to')}
        extra={
          session.can('coop.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {L('新建合作事项', 'New item')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8}>
          <Select allowClear placeholder={t('status')} style={{ minWidth: 120 }} value={status} onChange={setStatus} options={COOP_STATUSES.map((s) => ({ value: s, label: p(COOP_STATUS_LABELS[s]) }))} />
          <Select allowClear placeholder={L('履职实践活动', 'Campaign')} style={{ minWidth: 200 }} value={campaignId} onChange={setCampaignId} options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          <Input.Search allowClear placeholder={L('事项名称关键词', 'Words of the title')} style={{ maxWidth: 240 }} onSearch={(v) => setQ(v.trim())} />
        </Flex>
      </Card>
      {mobile ? (
        <Flex vertical gap={8}>
          {!list.isPending && !list.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
          {list.items.map((i) => (
            <Card key={i.id} size="small">
              <Link to={`/coop-items/${i.id}`} style={{ fontWeight: 500 }}>
                {i.title}
              </Link>
              <Flex wrap gap={4} style={{ marginTop: 6 }} align="center">
                <CoopStatusTag status={i.status} />
                {i.orgId !== orgId ? <Tag color="purple">{L('合作方', 'Party')}</Tag> : null}
                <PointsBar done={i.pointsDone} total={i.points} />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {i.parties.join('、')}
              </Typography.Text>
            </Card>
          ))}
        </Flex>
      ) : (
        <DataTable<CoopListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.items}
          columns={[
            {
              title: L('事项', 'Item'),
              key: 'title',
              render: (_: unknown, i) => (
                <Space orientation="vertical" size={0}>
                  <Link to={`/coop-items/${i.id}`} style={{ fontWeight: 500 }}>
                    {i.title}
                  </Link>
                  {i.campaignName ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{i.campaignName}</Typography.Text> : null}
                </Space>
              ),
            },
            { title: L('牵头组织', 'Lead'), key: 'org', render: (_: unknown, i) => (i.orgId === orgId ? i.orgName : <Tag color="purple">{i.orgName}</Tag>) },
            { title: L('合作方', 'Parties'), key: 'parties', render: (_: unknown, i) => i.parties.join('、') },
            { title: L('共识事项', 'Points'), key: 'points', render: (_: unknown, i) => <PointsBar done={i.pointsDone} total={i.points} /> },
            { title: t('status'), key: 'status', render: (_: unknown, i) => <CoopStatusTag status={i.status} /> },
          ]}
        />
      )}
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      {creating ? <CoopItemDialog orgId={orgId} onClose={() => setCreating(false)} onSaved={(v) => void navigate(`/coop-items/${v.id}`)} /> : null}
    </div>
  );
}
