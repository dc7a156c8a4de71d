import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, List, Modal, Select, Space, Tag, Typography } from 'antd';
import type { ActivityView } from '@common/activities';
import { JOINT_STATUS_LABELS, type JointStatus } from '@common/joint';
import { get, post } from '../../api';
import { useLang } from '../../i18n';
import { useErrorHandler } from '../../ui';

const JOINT_COLORS: Record<JointStatus, string> = { invited: 'orange', accepted: 'green', declined: 'red', withdrawn: 'default' };
export function JointStatusTag({ status }: { status: JointStatus }) {
  const { p } = useLang();
  return <Tag color={JOINT_COLORS[status]}>{p(JOINT_STATUS_LABELS[status])}</Tag>;
}

/** The "联合" tag of lists and the host organization's name for partners. */
export function JointTag() {
  const { L } = useLang();
  return <Tag color="purple">{L('联合', 'Joint')}</Tag>;
}

/** Host picks another organization to invite (the list is every other organization of the deployment). */
function InviteOrgDialog({
  a,
  orgId,
  onClose,
  onSaved,
}: {
  a: ActivityView;
  orgId: number;
  onClose: () => void;
  onSaved: (v: ActivityView) => void;
}) {
  const { L, t } = useLang();
  const [form] = Form.useForm<{ orgId: number }>();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const opts = useQuery({
    queryKey: ['joint-org-options', orgId],
    queryFn: () => get<{ items: { id: number; name: string }[] }>(`/api/orgs/${orgId}/joint-org-options`),
  });
  const taken = new Set(a.joint.partners.filter((x) => x.status === 'invited' || x.status === 'accepted').map((x) => x.orgId));
  const ok = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      onSaved(await post<ActivityView>(`/api/activities/${a.id}/orgs`, { orgId: v.orgId }));
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
      title={L('邀请其他政协组织联合举办', 'Invite another organization')}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={t('save')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="orgId" label={L('政协组织', 'Organization')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            loading={opts.isPending}
            aria-label={L('政协组织', 'Organization')}
            options={(opts.data?.items ?? []).filter((o) => !taken.has(o.id)).map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
        <Typography.Text type="secondary">
          {L(
            '对方组织管理员接受邀请后，双方工作人员均可查看和办理本活动。',
            'Once the other organization’s admin accepts, staff of both organizations see and manage this activity.',
          )}
        </Typography.Text>
      </Form>
    </Modal>
  );
}

/** 联合举办: the host and the partner organizations with their invitation status; host staff invite and withdraw. */
export function JointCard({ a, orgId, onChanged }: { a: ActivityView; orgId: number; onChanged: (v: ActivityView) => void }) {
  const { L } = useLang();
  const { modal } = App.useApp();
  const onError = useErrorHandler();
  const [inviting, setInviting] = useState(false);
  const j = a.joint;
  if (!j.partners.length && !j.canInviteOrg) return null;
  const withdraw = (id: number, version: number, name: string) =>
    modal.confirm({
      title: L(`撤回对「${name}」的邀请？`, `Withdraw the invitation to ${name}?`),
      onOk: async () => {
        try {
          await post(`/api/activity-orgs/${id}/withdraw`, { version });
          onChanged(await get<ActivityView>(`/api/activities/${a.id}`));
        } catch (err) {
          onError(err);
        }
      },
    });
  return (
    <Card
      size="small"
      title={L('联合举办', 'Joint activity')}
      style={{ marginBottom: 12 }}
      data-testid="joint-card"
      extra={
        j.canInviteOrg ? (
          <Button size="small" onClick={() => setInviting(true)}>
            {L('邀请其他组织', 'Invite an organization')}
          </Button>
        ) : null
      }
    >
      <List
        size="small"
        dataSource={[
          { key: 'host', name: j.hostOrgName, host: true as const },
          ...j.partners.map((x) => ({ key: String(x.id), name: x.orgName, host: false as const, x })),
        ]}
        renderItem={(r) => (
          <List.Item
            actions={
              !r.host && r.x.abilities.includes('withdraw')
                ? [
                    <Button key="w" size="small" danger onClick={() => withdraw(r.x.id, r.x.version, r.name)}>
                      {L('撤回', 'Withdraw')}
                    </Button>,
                  ]
                : []
            }
          >
            <Space wrap size={4}>
              <span>{r.name}</span>
              {r.host ? <Tag color="blue">{L('主办', 'Host')}</Tag> : <JointStatusTag status={r.x.status} />}
              {!r.host && r.x.reason ? <Typography.Text type="secondary">{r.x.reason}</Typography.Text> : null}
            </Space>
          </List.Item>
        )}
      />
      {inviting ? <InviteOrgDialog a={a} orgId={orgId} onClose={() => setInviting(false)} onSaved={onChanged} /> : null}
    </Card>
  );
}
