import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, InputNumber, List, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  FREQUENCIES,
  FREQUENCY_LABELS,
  LINK_KINDS,
  LINK_KIND_LABELS,
  type FulfilmentView,
  type LinkKind,
  type ObligationView,
} from '@common/worksystem';
import { WorkLinkPicker } from '../components/pickers';
import { get, patch, post } from '../api';
import { usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { LoadMore, PageHeader, useErrorHandler } from '../ui';
import { LeaderAttendanceSection } from './WorkSystemLeaders';

const KEY = (orgId: number) => ['work-obligations', orgId];

export function ClockTag({ o }: { o: ObligationView }) {
  const { L } = useLang();
  const c = o.clock;
  const tag =
    c.state === 'overdue' ? (
      <Tag color="red" data-testid="clock-overdue">
        {L('逾期', 'Overdue')}
      </Tag>
    ) : c.state === 'fulfilled' ? (
      <Tag color="green" data-testid="clock-fulfilled">
        {L('已落实', 'Fulfilled')}
      </Tag>
    ) : (
      <Tag color="gold" data-testid="clock-pending">
        {L('待落实', 'Pending')}
      </Tag>
    );
  return (
    <Space size={4} wrap>
      {tag}
      {c.previousMissed ? <Tag color="volcano">{L('上年度未完成', 'Previous year missed')}</Tag> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {L('应于', 'Due')} {c.due}
        {c.dueProvisional ? L('（暂定）', ' (provisional)') : ''}
        {c.missingLeaders.length ? L(` · 未落实：${c.missingLeaders.join('、')}`, ` · missing: ${c.missingLeaders.join(', ')}`) : ''}
      </Typography.Text>
    </Space>
  );
}

function FulfilModal({ o, onClose }: { o: ObligationView; onClose: () => void }) {
  const { L, p, t } = useLang();
  const [form] = Form.useForm();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const linkKind = Form.useWatch('linkKind', form) as LinkKind | undefined;
  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as {
      fulfilledOn: dayjs.Dayjs;
      note: string;
      evidence?: string;
      attachmentRef?: string;
      leaders?: string[];
      linkKind?: string;
      linkId?: number;
    } | null;
    if (!v) return;
    setBusy(true);
    try {
      await post(`/api/work-obligations/${o.id}/fulfilments`, {
        fulfilledOn: v.fulfilledOn.format('YYYY-MM-DD'),
        note: v.note,
        evidence: v.evidence ?? '',
        attachmentRef: v.attachmentRef ?? '',
        leaders: v.leaders ?? [],
        linkKind: v.linkKind ?? null,
        linkId: v.linkKind ? (v.linkId ?? null) : null,
      });
      await qc.invalidateQueries({ queryKey: KEY(o.orgId) });
      await qc.invalidateQueries({ queryKey: ['work-fulfilments', o.id] });
      await qc.invalidateQueries({ queryKey: ['leader-dashboard'] });
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
      title={L('登记落实情况', 'Record fulfilment')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('save')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{o.name}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ fulfilledOn: dayjs(), leaders: o.leaders.length === 1 ? o.leaders : [] }}>
        <Form.Item name="fulfilledOn" label={L('落实日期', 'Date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="note" label={L('落实情况', 'What was done')} rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea rows={2} data-testid="fulfil-note" />
        </Form.Item>
        <Form.Item name="evidence" label={L('佐证材料', 'Evidence')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} placeholder={L('如：会议纪要、文件名称', 'e.g. minutes, document')} />
        </Form.Item>
        <Form.Item name="attachmentRef" label={L('附件/文号', 'Attachment or document no.')} rules={[{ max: 500 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="leaders" label={L('参与领导', 'Leaders involved')}>
          <Select mode="tags" options={o.leaders.map((l) => ({ value: l, label: l }))} tokenSeparators={[',', '，', '、']} />
        </Form.Item>
        <Form.Item name="linkKind" label={L('关联记录类型', 'Kind of linked record')}>
          <Select
            allowClear
            options={LINK_KINDS.map((k) => ({ value: k, label: p(LINK_KIND_LABELS[k]) }))}
            onChange={() => form.setFieldValue('linkId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="linkId"
          label={L('关联记录', 'Linked record')}
          rules={[{ required: !!linkKind, message: L('请选择要关联的记录，或清除关联记录类型', 'Choose the record, or clear the kind') }]}
        >
          {/* A new search per kind (the key resets what was typed). */}
          <WorkLinkPicker key={linkKind ?? ''} orgId={o.orgId} kind={linkKind} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ObligationModal({ o, onClose }: { o: ObligationView | null; onClose: () => void }) {
  const { L, p, t } = useLang();
  const orgId = useOrgId();
  const [form] = Form.useForm();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const frequency = Form.useWatch('frequency', form) as string | undefined;
  const submit = async () => {
    const v = (await form.validateFields().catch(() => null)) as {
      name: string;
      description?: string;
      frequency: string;
      everyMonths?: number | null;
      responsible?: string;
      leaders?: string[];
      startDate: dayjs.Dayjs;
      active?: boolean;
    } | null;
    if (!v) return;
    const body = {
      name: v.name,
      description: v.description ?? '',
      frequency: v.frequency,
      everyMonths: v.frequency === 'months' ? (v.everyMonths ?? null) : null,
      responsible: v.responsible ?? '',
      leaders: v.leaders ?? [],
      startDate: v.startDate.format('YYYY-MM-DD'),
    };
    setBusy(true);
    try {
      if (o) await patch(`/api/work-obligations/${o.id}`, { ...body, version: o.version });
      else await post(`/api/orgs/${orgId}/work-obligations`, body);
      await qc.invalidateQueries({ queryKey: KEY(orgId) });
      onClose();
    } catch (err) {
      onError(err, form, () => void qc.invalidateQueries({ queryKey: KEY(orgId) }).then(onClose));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={o ? L('编辑事项', 'Edit obligation') : L('新增事项', 'New obligation')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('save')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={o ? { ...o, startDate: dayjs(o.startDate) } : { frequency: 'yearly', startDate: dayjs().startOf('year') }}
      >
        <Form.Item name="name" label={L('事项', 'Obligation')} rules={[{ required: true, max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={L('说明', 'Description')} rules={[{ max: 2000 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Flex gap={8} wrap>
          <Form.Item name="frequency" label={L('频次', 'Frequency')} rules={[{ required: true }]} style={{ minWidth: 160 }}>
            <Select options={FREQUENCIES.map((f) => ({ value: f, label: p(FREQUENCY_LABELS[f]) }))} />
          </Form.Item>
          {frequency === 'months' ? (
            <Form.Item name="everyMonths" label={L('间隔月数', 'Every N months')} rules={[{ required: true }]}>
              <InputNumber min={1} max={24} />
            </Form.Item>
          ) : null}
          <Form.Item name="startDate" label={L('起始日期', 'Start date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.Item name="responsible" label={L('责任主体', 'Responsible')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        <Form.Item name="leaders" label={L('责任领导', 'Leaders')}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function Fulfilments({ o }: { o: ObligationView }) {
  const { L, p } = useLang();
  const list = usePaged<FulfilmentView>('work-fulfilments', `/api/work-obligations/${o.id}/fulfilments`, {}, true, 20);
  if (list.isPending) return <Spin size="small" />;
  if (!list.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('尚无落实记录', 'No fulfilments yet')} />;
  return (
    <>
      <List
        size="small"
        dataSource={list.items}
        renderItem={(f) => (
          <List.Item key={f.id}>
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <Tag>{f.fulfilledOn}</Tag>
                  <span>{f.note}</span>
                </Space>
              }
              description={
                <Space wrap size={4}>
                  {f.leaders.map((l) => (
                    <Tag key={l} color="blue">
                      {l}
                    </Tag>
                  ))}
                  {f.evidence ? (
                    <Typography.Text type="secondary">
                      {L('佐证：', 'Evidence: ')}
                      {f.evidence}
                    </Typography.Text>
                  ) : null}
                  {f.linkKind && f.linkId ? (
                    f.linkKind === 'activity' ? (
                      <Link to={`/activities/${f.linkId}`}>{f.linkTitle ?? p(LINK_KIND_LABELS[f.linkKind])}</Link>
                    ) : f.linkKind === 'proposal' ? (
                      <Link to={`/proposals/${f.linkId}`}>{f.linkTitle ?? p(LINK_KIND_LABELS[f.linkKind])}</Link>
                    ) : (
                      <Typography.Text>{f.linkTitle ?? p(LINK_KIND_LABELS[f.linkKind])}</Typography.Text>
                    )
                  ) : null}
                </Space>
              }
            />
          </List.Item>
        )}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </>
  );
}

/** 党委政协工作制度 (e.g. 荣昌 "五个一"): the obligations with their clocks, fulfilments, and leaders at consultations. */
export default function WorkSystemPage() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const s = useSession();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const manage = s.can('worksystem.manage');
  const q = useQuery({ queryKey: KEY(orgId), queryFn: () => get<{ items: ObligationView[] }>(`/api/orgs/${orgId}/work-obligations`) });
  const [fulfil, setFulfil] = useState<ObligationView | null>(null);
  const [edit, setEdit] = useState<ObligationView | 'new' | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const seed = async () => {
    try {
      await post(`/api/orgs/${orgId}/work-obligations/defaults`, { startDate: dayjs().startOf('year').format('YYYY-MM-DD') });
      await qc.invalidateQueries({ queryKey: KEY(orgId) });
    } catch (err) {
      onError(err);
    }
  };
  const items = q.data?.items ?? [];
  return (
    <div>
      <PageHeader
        title={L('党委政协工作制度', 'Party-committee work system')}
        sub={L(
          '党委、政府支持政协工作的制度性安排及落实情况，逾期自动标记',
          'Recurring obligations toward the CPPCC, their fulfilments and overdue flags',
        )}
        extra={
          manage ? (
            <>
              {q.data && !items.length ? (
                <Button onClick={() => void seed()}>{L('按“五个一”初始化', 'Start from the five defaults')}</Button>
              ) : null}
              <Button type="primary" onClick={() => setEdit('new')}>
                {L('新增事项', 'New obligation')}
              </Button>
            </>
          ) : null
        }
      />
      {q.isPending ? <Spin /> : null}
      {q.data && !items.length ? <Empty description={L('尚未配置工作制度事项', 'No obligations yet')} /> : null}
      <Flex vertical gap={12}>
        {items.map((o) => (
          <Card
            key={o.id}
            size="small"
            data-testid={`obligation-${o.code}`}
            title={
              <Typography.Text strong style={{ whiteSpace: 'normal' }}>
                {o.name}
              </Typography.Text>
            }
            extra={!o.active ? <Tag>{L('停用', 'Inactive')}</Tag> : null}
          >
            <Flex vertical gap={6}>
              <ClockTag o={o} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p(FREQUENCY_LABELS[o.frequency])}
                {o.frequency === 'months' ? L(`（${o.everyMonths} 个月）`, ` (${o.everyMonths})`) : ''} · {L('责任主体', 'Responsible')}：
                {o.responsible || '—'}
                {o.leaders.length ? ` · ${o.leaders.join('、')}` : ''} · {L('自', 'since')} {o.startDate}
              </Typography.Text>
              <Flex gap={8} wrap align="center">
                <Typography.Text data-testid={`fulfilments-${o.code}`}>
                  {L('累计落实', 'Fulfilled')} <b>{o.fulfilments}</b> {L('次', 'times')}
                  {o.lastFulfilledOn ? L(`，最近 ${o.lastFulfilledOn}`, `, last ${o.lastFulfilledOn}`) : ''}
                </Typography.Text>
                <Button size="small" onClick={() => setOpen(open === o.id ? null : o.id)}>
                  {open === o.id ? L('收起记录', 'Hide') : L('落实记录', 'Fulfilments')}
                </Button>
                {o.abilities.fulfil ? (
                  <Button size="small" type="primary" onClick={() => setFulfil(o)} data-testid={`fulfil-${o.code}`}>
                    {L('登记落实', 'Record')}
                  </Button>
                ) : null}
                {o.abilities.edit ? (
                  <Button size="small" onClick={() => setEdit(o)}>
                    {L('编辑', 'Edit')}
                  </Button>
                ) : null}
              </Flex>
              {open === o.id ? <Fulfilments o={o} /> : null}
            </Flex>
          </Card>
        ))}
      </Flex>
      <LeaderAttendanceSection />
      {fulfil ? <FulfilModal o={fulfil} onClose={() => setFulfil(null)} /> : null}
      {edit ? <ObligationModal o={edit === 'new' ? null : edit} onClose={() => setEdit(null)} /> : null}
    </div>
  );
}
