import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Flex, Form, Input, Select, Spin, Tag, Typography } from 'antd';
import { ACTIVITY_STATUS_LABELS, type ActivityStatus } from '@common/activities';
import type { CoopListItem, StudioView } from '@common/cooperation';
import type { Member } from '@common/people';
import { get, put, qs, type Page } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, PageHeader } from '../ui';
import { CoopItemDialog } from './CoopItemsPage';
import { CoopStatusTag, FormDialog, PointsBar, fmtDay } from './coop/common';
import { StudioRatingCard } from './studio/Rating';
import { StudioRequests } from './studio/Requests';
import { StudioRoster } from './studio/Roster';

type StudioActivity = StudioView['activityList'][number];

/** Members of the organization, searched by name; the studio's current members keep their names in the list. */
function StudioMemberPicker({
  id,
  orgId,
  known,
  single,
  value,
  onChange,
}: {
  id?: string;
  orgId: number;
  known: Array<{ id: number; name: string }>;
  single?: boolean;
  value?: number[] | number;
  onChange?: (v: number[] | number) => void;
}) {
  const { L } = useLang();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['members', 'pick', orgId, q],
    queryFn: () => get<Page<Member>>(`/api/orgs/${orgId}/members${qs({ q: q || undefined, active: 'true', limit: 30 })}`),
  });
  const options = new Map(known.map((m) => [m.id, m.name]));
  for (const m of found.data?.items ?? []) options.set(m.id, m.name);
  return (
    <Select
      id={id}
      mode={single ? undefined : 'multiple'}
      allowClear
      value={value}
      onChange={onChange}
      showSearch={{ filterOption: false, onSearch: (v: string) => setQ(v.trim()) }}
      loading={found.isFetching}
      options={[...options].map(([id, name]) => ({ value: id, label: name }))}
      placeholder={L('搜索委员姓名', 'Search members')}
    />
  );
}

/**
 * A studio: members and 领衔委员, its star rating, duty roster and public requests, its activities, and the
 * cooperation items that arose from them.
 */
export default function StudioPage() {
  const { id } = useParams();
  const studioId = Number(id);
  const { L, p } = useLang();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [origin, setOrigin] = useState<StudioActivity | null>(null);
  const q = useQuery({ queryKey: ['studio', studioId], queryFn: () => get<StudioView>(`/api/studios/${studioId}`) });
  const s = q.data;
  if (q.isPending) return <Spin />;
  if (!s) return <Empty description={q.error?.message} />;
  return (
    <div>
      <PageHeader
        title={s.name}
        sub={s.theme}
        extra={s.canManage ? <Button onClick={() => setEditing(true)}>{L('设置成员与领衔委员', 'Members and lead')}</Button> : null}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={L('地点', 'Place')}>{s.place || '—'}</Descriptions.Item>
          <Descriptions.Item label={L('领衔委员', 'Lead member')}>{s.leadName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={L('成员', 'Members')}>
            <Flex wrap gap={4}>
              {s.memberList.length
                ? s.memberList.map((m) => (
                    <Tag key={m.id} color={m.lead ? 'red' : undefined}>
                      {m.name}
                      {m.lead ? L('（领衔）', ' (lead)') : ''}
                    </Tag>
                  ))
                : '—'}
            </Flex>
          </Descriptions.Item>
        </Descriptions>
        {s.description ? <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{s.description}</Typography.Paragraph> : null}
      </Card>
      <StudioRatingCard orgId={orgId} studioId={studioId} />
      <StudioRoster studioId={studioId} members={s.memberList} />
      <StudioRequests studioId={studioId} members={s.memberList} />
      <Card size="small" title={L('工作室活动', 'Studio activities')} style={{ marginBottom: 12 }}>
        <DataTable<StudioActivity>
          rowKey="id"
          dataSource={s.activityList}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={L('尚无以本工作室名义组织的活动', 'No activities organized by this studio')}
              />
            ),
          }}
          columns={[
            { title: L('日期', 'Date'), key: 'd', render: (_: unknown, a) => fmtDay(a.startsAt) },
            { title: L('主题', 'Topic'), key: 't', render: (_: unknown, a) => <Link to={`/activities/${a.id}`}>{a.topic}</Link> },
            { title: L('状态', 'Status'), key: 's', render: (_: unknown, a) => p(ACTIVITY_STATUS_LABELS[a.status as ActivityStatus]) },
            { title: L('产生合作事项', 'Items'), dataIndex: 'items', key: 'n' },
            ...(s.canManage
              ? [
                  {
                    title: '',
                    key: 'x',
                    render: (_: unknown, a: StudioActivity) => (
                      <Button size="small" type="link" onClick={() => setOrigin(a)}>
                        {L('由此形成合作事项', 'Create a cooperation item')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title={L('由工作室活动产生的合作事项', 'Cooperation items that arose here')}>
        <DataTable<CoopListItem>
          rowKey="id"
          dataSource={s.itemList}
          columns={[
            { title: L('事项', 'Item'), key: 't', render: (_: unknown, i) => <Link to={`/coop-items/${i.id}`}>{i.title}</Link> },
            { title: L('共识事项', 'Points'), key: 'n', render: (_: unknown, i) => <PointsBar done={i.pointsDone} total={i.points} /> },
            { title: L('状态', 'Status'), key: 's', render: (_: unknown, i) => <CoopStatusTag status={i.status} /> },
          ]}
        />
      </Card>
      {editing ? (
        <FormDialog
          title={L('设置成员与领衔委员', 'Members and lead member')}
          onClose={() => setEditing(false)}
          initial={{ memberIds: s.memberList.map((m) => m.id), leadMemberId: s.leadMemberId ?? undefined, description: s.description }}
          send={async (v) => {
            qc.setQueryData(
              ['studio', studioId],
              await put<StudioView>(`/api/studios/${studioId}/members`, {
                memberIds: v.memberIds ?? [],
                leadMemberId: v.leadMemberId ?? null,
                description: v.description ?? '',
                version: s.profileVersion,
              }),
            );
            void qc.invalidateQueries({ queryKey: ['studios'] });
          }}
        >
          <Form.Item name="memberIds" label={L('成员', 'Members')}>
            <StudioMemberPicker orgId={orgId} known={s.memberList} />
          </Form.Item>
          <Form.Item
            name="leadMemberId"
            label={L('领衔委员', 'Lead member')}
            extra={L('领衔委员同时列为成员', 'The lead member is also a member')}
          >
            <StudioMemberPicker orgId={orgId} known={s.memberList} single />
          </Form.Item>
          <Form.Item name="description" label={L('简介', 'Description')}>
            <Input.TextArea rows={3} maxLength={5000} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {origin ? (
        <CoopItemDialog
          orgId={orgId}
          originActivityId={origin.id}
          originTopic={origin.topic}
          onClose={() => setOrigin(null)}
          onSaved={(v) => void navigate(`/coop-items/${v.id}`)}
        />
      ) : null}
    </div>
  );
}
