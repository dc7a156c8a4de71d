import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Flex, Form, Input, Modal, Progress, Select, Tag } from 'antd';
import { COOP_STATUS_LABELS, POINT_STATUS_LABELS, type CoopStatus, type PointStatus } from '@common/cooperation';
import { get } from '../../api';
import { useLang } from '../../i18n';
import { useErrorHandler } from '../../ui';

const COOP_COLORS: Record<CoopStatus, string> = { active: 'processing', completed: 'success', suspended: 'default' };
const POINT_COLORS: Record<PointStatus, string> = { not_started: 'default', in_progress: 'processing', done: 'success', blocked: 'error' };

export function CoopStatusTag({ status }: { status: CoopStatus }) {
  const { p } = useLang();
  return <Tag color={COOP_COLORS[status]}>{p(COOP_STATUS_LABELS[status])}</Tag>;
}

export function PointStatusTag({ status }: { status: PointStatus }) {
  const { p } = useLang();
  return <Tag color={POINT_COLORS[status]}>{p(POINT_STATUS_LABELS[status])}</Tag>;
}

/** Points done out of all, as a small bar. */
export function PointsBar({ done, total }: { done: number; total: number }) {
  const { L } = useLang();
  if (!total) return <span style={{ color: '#999' }}>{L('无共识事项', 'No points')}</span>;
  return (
    <Flex align="center" gap={6} style={{ minWidth: 120 }}>
      <Progress percent={Math.round((done / total) * 100)} size="small" showInfo={false} style={{ width: 70, margin: 0 }} />
      <span style={{ fontSize: 12 }}>
        {done}/{total}
      </span>
    </Flex>
  );
}

export const fmtDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

/** Organizations that may be named as parties (every organization of the deployment). */
export const usePartnerOrgs = (orgId: number, enabled = true) =>
  useQuery({
    queryKey: ['coop-partner-orgs', orgId],
    enabled,
    queryFn: () => get<{ items: Array<{ id: number; name: string }> }>(`/api/orgs/${orgId}/coop-partner-orgs`),
  });

export const useCampaignOptions = (orgId: number) =>
  useQuery({
    queryKey: ['campaigns', orgId],
    queryFn: () => get<{ items: Array<{ id: number; name: string }> }>(`/api/orgs/${orgId}/campaigns`),
  });

/** A dialog with one form; `send` posts the values; errors land on their fields. */
export function FormDialog({
  title,
  onClose,
  send,
  children,
  okText,
  initial,
}: {
  title: string;
  onClose: () => void;
  send: (v: Record<string, unknown>) => Promise<void>;
  children: React.ReactNode;
  okText?: string;
  initial?: Record<string, unknown>;
}) {
  const { t } = useLang();
  const [form] = Form.useForm();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    const v = (await form.validateFields().catch(() => null)) as Record<string, unknown> | null;
    if (!v) return;
    setBusy(true);
    try {
      await send(v);
      onClose();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void ok()} okText={okText ?? t('save')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={initial}>
        {children}
      </Form>
    </Modal>
  );
}

/** Parties of a new item: organizations of the deployment and outside bodies by name. */
export function PartyFields({ orgId }: { orgId: number }) {
  const { L } = useLang();
  const orgs = usePartnerOrgs(orgId);
  return (
    <>
      <Form.Item
        name="partyOrgIds"
        label={L('合作方组织（本平台）', 'Partner organizations (on this platform)')}
        extra={L(
          '本组织自动列为合作方；所选组织的工作人员可查看事项并报送其负责事项的进展',
          'Your organization is a party; staff of the chosen organizations can see the item and log progress on their points',
        )}
      >
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
          placeholder={L('选择组织', 'Choose organizations')}
        />
      </Form.Item>
      <Form.Item name="outsideParties" label={L('其他合作方（单位名称，每行一个）', 'Outside bodies (one per line)')}>
        <Input.TextArea rows={2} placeholder={L('如：成都铁路局', 'e.g. Chengdu Railway Bureau')} />
      </Form.Item>
    </>
  );
}

/** The parties part of a create body from PartyFields' values. */
export function partiesFrom(v: Record<string, unknown>) {
  const orgIds = (v.partyOrgIds as number[] | undefined) ?? [];
  const names = String((v.outsideParties as string | undefined) ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...orgIds.map((orgId) => ({ orgId })), ...names.map((name) => ({ name }))];
}
