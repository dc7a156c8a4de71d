import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, Input, Modal, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { JOINT_STATUSES, JOINT_STATUS_LABELS, type JointInvitationItem, type JointStatus } from '@common/joint';
import { post } from '../api';
import { usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { LoadMore, PageHeader, useErrorHandler } from '../ui';
import { fmtRange } from './activity/common';
import { JointStatusTag } from './activity/JointCard';

/** Decline with a reason. */
function DeclineDialog({ item, onClose, onDone }: { item: JointInvitationItem; onClose: () => void; onDone: () => void }) {
  const { L } = useLang();
  const [form] = Form.useForm<{ reason: string }>();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await post(`/api/activity-orgs/${item.id}/decline`, { reason: v.reason, version: item.version });
      onDone();
      onClose();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={L('谢绝联合活动邀请', 'Decline the invitation')}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={L('谢绝', 'Decline')}
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="reason" label={L('原因', 'Reason')} rules={[{ required: true }]}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 联合活动邀请: invitations from other organizations to hold an activity jointly; the org admin accepts or declines. */
export default function JointInvitationsPage() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [status, setStatus] = useState<JointStatus>('invited');
  const [declining, setDeclining] = useState<JointInvitationItem | null>(null);
  const list = usePaged<JointInvitationItem>('joint-invitations', `/api/orgs/${orgId}/joint-invitations`, { status });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['joint-invitations'] });
    void qc.invalidateQueries({ queryKey: ['activities'] });
  };
  const accept = async (i: JointInvitationItem) => {
    try {
      await post(`/api/activity-orgs/${i.id}/accept`, { version: i.version });
      void message.success(L('已接受，本组织工作人员现在可以查看和办理该活动', 'Accepted: your staff now see and manage the activity'));
      refresh();
    } catch (err) {
      onError(err);
    }
  };
  return (
    <div>
      <PageHeader
        title={L('联合活动邀请', 'Joint-activity invitations')}
        sub={L('其他政协组织邀请本组织联合举办的活动', 'Activities other organizations invite yours to hold jointly')}
      />
      <Segmented<JointStatus>
        style={{ marginBottom: 12 }}
        value={status}
        onChange={setStatus}
        options={JOINT_STATUSES.map((s) => ({ value: s, label: p(JOINT_STATUS_LABELS[s]) }))}
      />
      {list.isPending ? <Spin /> : null}
      {!list.isPending && !list.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无邀请', 'No invitations')} />
      ) : null}
      <Flex vertical gap={8}>
        {list.items.map((i) => (
          <Card key={i.id} size="small" data-testid={`joint-invitation-${i.id}`}>
            <Flex justify="space-between" wrap gap={8} align="start">
              <div style={{ minWidth: 0, flex: '1 1 260px' }}>
                <Typography.Text strong>{i.activity.topic}</Typography.Text>
                <div style={{ marginTop: 4 }}>
                  <Space wrap size={4}>
                    <Tag>{i.activity.type}</Tag>
                    <JointStatusTag status={i.status} />
                  </Space>
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
                  {L('主办：', 'Host: ')}
                  {i.hostOrgName} · {fmtRange(i.activity.startsAt, i.activity.endsAt)}
                  {i.activity.online ? L(' · 网络参会', ' · online') : i.activity.place ? ` · ${i.activity.place}` : ''}
                </Typography.Text>
                {i.reason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                    {L('原因：', 'Reason: ')}
                    {i.reason}
                  </Typography.Text>
                ) : null}
              </div>
              <Space wrap>
                {i.abilities.includes('accept') ? (
                  <Button type="primary" onClick={() => void accept(i)}>
                    {L('接受', 'Accept')}
                  </Button>
                ) : null}
                {i.abilities.includes('decline') ? <Button onClick={() => setDeclining(i)}>{L('谢绝', 'Decline')}</Button> : null}
              </Space>
            </Flex>
          </Card>
        ))}
      </Flex>
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      {declining ? <DeclineDialog item={declining} onClose={() => setDeclining(null)} onDone={refresh} /> : null}
    </div>
  );
}
