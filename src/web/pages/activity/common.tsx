import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { chinaIso, chinaWallTime } from '../../chinaTime';
import { Col, DatePicker, Form, Input, Modal, Row, Select, Switch, Tag } from 'antd';
import {
  ACTIVITY_STATUS_LABELS,
  ATTENDANCE_LABELS,
  DEFAULT_ACTIVITY_TYPES,
  ISSUE_STATUS_LABELS,
  ORGANIZER_KINDS,
  ORGANIZER_KIND_LABELS,
  type ActivitySettingsConfig,
  type ActivityStatus,
  type ActivityView,
  type Attendance,
  type IssueStatus,
} from '@common/activities';
import { get, patch, post } from '../../api';
import { useLang } from '../../i18n';
import { htmlToText, textToHtml } from '../../proposals';
import { useErrorHandler } from '../../ui';

export const activityKey = (id: number) => ['activity', id] as const;

const STATUS_COLORS: Record<ActivityStatus, string> = {
  planned: 'blue',
  held: 'gold',
  minutes_filed: 'green',
  closed: 'default',
  cancelled: 'red',
};
export function ActivityStatusTag({ status }: { status: ActivityStatus }) {
  const { p } = useLang();
  return <Tag color={STATUS_COLORS[status]}>{p(ACTIVITY_STATUS_LABELS[status])}</Tag>;
}
const ATT_COLORS: Record<Attendance, string> = { invited: 'default', attended: 'green', absent: 'red', on_leave: 'orange' };
export function AttendanceTag({ value }: { value: Attendance }) {
  const { p } = useLang();
  return <Tag color={ATT_COLORS[value]}>{p(ATTENDANCE_LABELS[value])}</Tag>;
}
const ISSUE_COLORS: Record<IssueStatus, string> = {
  open: 'blue',
  responded: 'cyan',
  in_progress: 'gold',
  converted: 'green',
  resolved: 'green',
  cannot_resolve: 'orange',
  closed: 'default',
};
export function IssueStatusTag({ status }: { status: IssueStatus }) {
  const { p } = useLang();
  return <Tag color={ISSUE_COLORS[status]}>{p(ISSUE_STATUS_LABELS[status])}</Tag>;
}

/** "2025-12-05 09:00–12:00" in China time. */
export function fmtRange(startsAt: string, endsAt: string): string {
  const f = (iso: string) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  const a = f(startsAt);
  const b = f(endsAt);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} – ${b}`;
}
/** The China date of an instant. */
export const chinaDay = (iso: string) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(iso));

export const useActivitySettings = (orgId: number) =>
  useQuery({
    queryKey: ['activity-settings', orgId],
    queryFn: () => get<{ config: ActivitySettingsConfig; version: number }>(`/api/orgs/${orgId}/activity-settings`),
  });

interface FormValues {
  type: string;
  topic: string;
  organizerKind: string;
  organizerName: string;
  range: [dayjs.Dayjs, dayjs.Dayjs];
  place?: string;
  online?: boolean;
  agenda?: string;
}

/** New / edit activity dialog. */
export function ActivityFormDialog({
  orgId,
  activity,
  onClose,
  onSaved,
}: {
  orgId: number;
  activity: ActivityView | null;
  onClose: () => void;
  onSaved: (a: ActivityView) => void;
}) {
  const { L, p, t } = useLang();
  const [form] = Form.useForm<FormValues>();
  const onError = useErrorHandler();
  const settings = useActivitySettings(orgId);
  const types = settings.data?.config.types ?? [...DEFAULT_ACTIVITY_TYPES];
  const [busy, setBusy] = useState(false);
  const initial: Partial<FormValues> = activity
    ? {
        type: activity.type,
        topic: activity.topic,
        organizerKind: activity.organizerKind,
        organizerName: activity.organizerName,
        range: [chinaWallTime(activity.startsAt), chinaWallTime(activity.endsAt)],
        place: activity.place,
        online: activity.online,
        agenda: htmlToText(activity.agenda),
      }
    : { organizerKind: 'office', online: false };
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    const body = {
      type: v.type,
      topic: v.topic,
      organizerKind: v.organizerKind,
      organizerName: v.organizerName,
      startsAt: chinaIso(v.range[0]),
      endsAt: chinaIso(v.range[1]),
      place: v.place ?? '',
      online: !!v.online,
      agenda: textToHtml(v.agenda ?? ''),
    };
    try {
      const saved = activity
        ? await patch<ActivityView>(`/api/activities/${activity.id}`, { ...body, version: activity.version })
        : await post<ActivityView>(`/api/orgs/${orgId}/activities`, body);
      onSaved(saved);
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={activity ? L('编辑活动', 'Edit activity') : L('新建活动', 'New activity')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('save')}
      confirmLoading={busy}
      width={720}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={initial}>
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item name="type" label={L('活动类型', 'Type')} rules={[{ required: true }]}>
              <Select options={types.map((x) => ({ value: x, label: x }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="topic" label={L('主题', 'Topic')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="organizerKind" label={L('主办方类型', 'Organizer kind')} rules={[{ required: true }]}>
              <Select options={ORGANIZER_KINDS.map((k) => ({ value: k, label: p(ORGANIZER_KIND_LABELS[k]) }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="organizerName" label={L('主办方', 'Organizer')} rules={[{ required: true }]}>
              <Input maxLength={100} placeholder={L('如：经济委员会', 'e.g. the economic committee')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="range" label={L('时间', 'Time')} rules={[{ required: true }]}>
          <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={16}>
            <Form.Item name="place" label={L('地点', 'Place')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={8}>
            <Form.Item name="online" label={L('网络参会', 'Online')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="agenda" label={L('议程', 'Agenda')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20_000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
