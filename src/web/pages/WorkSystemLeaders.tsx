import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Button, Card, Empty, Form, Input, List, Modal, Popconfirm, Select, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ActivityListItem } from '@common/activities';
import type { LeaderAttendanceView } from '@common/worksystem';
import { del, post } from '../api';
import { useFirstPage, usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { LoadMore, useErrorHandler } from '../ui';

function AddModal({ onClose }: { onClose: () => void }) {
  const { L, t } = useLang();
  const orgId = useOrgId();
  const [form] = Form.useForm();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const acts = useFirstPage<ActivityListItem>('activities', `/api/orgs/${orgId}/activities`, {}, true, 200);
  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as { activityId: number; leaderName: string; leaderTitle?: string } | null;
    if (!v) return;
    setBusy(true);
    try {
      await post(`/api/orgs/${orgId}/leader-attendances`, {
        activityId: v.activityId,
        leaderName: v.leaderName,
        leaderTitle: v.leaderTitle ?? '',
      });
      await qc.invalidateQueries({ queryKey: ['leader-attendances'] });
      await qc.invalidateQueries({ queryKey: ['leader-dashboard'] });
      onClose();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  const options = (acts.data?.items ?? [])
    .filter((a) => a.status !== 'planned' && a.status !== 'cancelled')
    .map((a) => ({ value: a.id, label: `${dayjs(a.startsAt).format('YYYY-MM-DD')} ${a.type} · ${a.topic}` }));
  return (
    <Modal
      open
      title={L('登记领导出席', 'Record a leader attending')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('save')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="activityId" label={L('协商活动', 'Activity')} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={options} loading={acts.isPending} />
        </Form.Item>
        <Form.Item name="leaderName" label={L('领导姓名', 'Leader')} rules={[{ required: true, max: 50 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="leaderTitle" label={L('职务', 'Title')} rules={[{ max: 100 }]}>
          <Input placeholder={L('如：区委书记', 'e.g. district party secretary')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 党政领导出席政协协商活动: one row per leader and activity; the dashboard counts the activities. */
export function LeaderAttendanceSection() {
  const { L } = useLang();
  const orgId = useOrgId();
  const s = useSession();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const [adding, setAdding] = useState(false);
  const list = usePaged<LeaderAttendanceView>('leader-attendances', `/api/orgs/${orgId}/leader-attendances`, {}, true, 20);
  const remove = async (id: number) => {
    try {
      await del(`/api/leader-attendances/${id}`);
      await qc.invalidateQueries({ queryKey: ['leader-attendances'] });
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={L('党政领导参加政协协商', 'Leaders at CPPCC consultations')}
      extra={
        s.can('worksystem.manage') ? (
          <Button size="small" onClick={() => setAdding(true)}>
            {L('登记出席', 'Record')}
          </Button>
        ) : null
      }
    >
      {list.isPending ? <Spin size="small" /> : null}
      {!list.isPending && !list.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      <List
        size="small"
        dataSource={list.items}
        renderItem={(r) => (
          <List.Item
            key={r.id}
            actions={
              r.abilities.delete
                ? [
                    <Popconfirm key="d" title={L('删除该出席记录？', 'Delete this record?')} onConfirm={() => void remove(r.id)}>
                      <Button size="small" type="link" danger>
                        {L('删除', 'Delete')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              title={<Link to={`/activities/${r.activityId}`}>{r.activityTopic}</Link>}
              description={
                <>
                  <Tag>{dayjs(r.activityStartsAt).format('YYYY-MM-DD')}</Tag>
                  <Tag color="blue">{r.activityType}</Tag>
                  <Typography.Text>
                    {r.leaderTitle}
                    {r.leaderName}
                  </Typography.Text>
                </>
              }
            />
          </List.Item>
        )}
      />
      {list.items.length ? (
        <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      ) : null}
      {adding ? <AddModal onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}
