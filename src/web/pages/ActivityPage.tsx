import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Flex, Form, Input, List, Modal, Result, Select, Space, Spin, Tag, Typography } from 'antd';
import {
  ATTENDANCE,
  ATTENDANCE_LABELS,
  LEAVE_STATUS_LABELS,
  ORGANIZER_KIND_LABELS,
  OUTCOME_KINDS,
  OUTCOME_KIND_LABELS,
  PARTICIPANT_KIND_LABELS,
  SPEECH_KIND_LABELS,
  type ActivityView,
  type ParticipantView,
} from '@common/activities';
import { ApiError, get, post } from '../api';
import { useLang } from '../i18n';
import { htmlToText, textToHtml } from '../proposals';
import { useOrgId, useSession } from '../session';
import { DataTable, PageHeader, useErrorHandler } from '../ui';
import { MemberPicker, UnitPicker } from '../components/pickers';
import { ActivityFormDialog, ActivityStatusTag, AttendanceTag, activityKey, fmtRange } from './activity/common';
import { JointCard, JointTag } from './activity/JointCard';
import { RecordLinks } from '../components/RecordLinks';

/** A form value as text. */
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

type Dialog = 'edit' | 'cancel' | 'minutes' | 'invite' | 'speech' | 'leave' | 'outcome' | null;

/** A dialog with one form; `fields` are antd Form.Items; `send` posts the values. */
function FormDialog({
  title,
  onClose,
  send,
  children,
}: {
  title: string;
  onClose: () => void;
  send: (v: Record<string, unknown>) => Promise<void>;
  children: React.ReactNode;
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
    <Modal open title={title} onCancel={onClose} onOk={() => void ok()} okText={t('save')} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical">
        {children}
      </Form>
    </Modal>
  );
}

function Participants({ a, onChanged }: { a: ActivityView; onChanged: (v: ActivityView) => void }) {
  const { L, p } = useLang();
  const onError = useErrorHandler();
  const staff = a.abilities.length > 0;
  const canMark = a.abilities.includes('mark_attendance');
  // In a joint activity a partner's staff handle the participants their own organization invited.
  const mine = (r: ParticipantView) => a.joint.side === 'host' || r.orgId === a.joint.actingOrgId;
  const orgNames = new Map([
    [a.joint.hostOrgId, a.joint.hostOrgName],
    ...a.joint.partners.map((x) => [x.orgId, x.orgName] as [number, string]),
  ]);
  const joint = a.joint.partners.some((x) => x.status === 'accepted');
  const act = async (fn: () => Promise<ActivityView>) => {
    try {
      onChanged(await fn());
    } catch (err) {
      onError(err);
    }
  };
  const counts = ATTENDANCE.map((k) => `${p(ATTENDANCE_LABELS[k])} ${a.participants.filter((x) => x.attendance === k).length}`).join(' · ');
  return (
    <DataTable<ParticipantView>
      rowKey="id"
      mobileLayout="compact"
      dataSource={a.participants}
      title={() => <Typography.Text type="secondary">{counts}</Typography.Text>}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('尚未邀请', 'Nobody invited yet')} /> }}
      columns={[
        { title: L('姓名/单位', 'Name'), dataIndex: 'name', key: 'name' },
        { title: L('类别', 'Kind'), key: 'kind', render: (_: unknown, r) => p(PARTICIPANT_KIND_LABELS[r.kind]) },
        ...(joint
          ? [{ title: L('组织', 'Organization'), key: 'org', render: (_: unknown, r: ParticipantView) => orgNames.get(r.orgId) ?? '' }]
          : []),
        {
          title: L('出勤', 'Attendance'),
          key: 'att',
          render: (_: unknown, r) =>
            canMark && mine(r) ? (
              <Select
                size="small"
                style={{ width: 96 }}
                value={r.attendance}
                aria-label={L('出勤', 'Attendance')}
                onChange={(v) =>
                  void act(() => post<ActivityView>(`/api/activity-participants/${r.id}/attendance`, { attendance: v, version: r.version }))
                }
                options={ATTENDANCE.map((k) => ({ value: k, label: p(ATTENDANCE_LABELS[k]) }))}
              />
            ) : (
              <AttendanceTag value={r.attendance} />
            ),
        },
        {
          title: L('请假', 'Leave'),
          key: 'leave',
          render: (_: unknown, r) =>
            r.leaveStatus === 'none' ? (
              '—'
            ) : (
              <Space orientation="vertical" size={2}>
                <Tag color={r.leaveStatus === 'pending' ? 'orange' : undefined}>{p(LEAVE_STATUS_LABELS[r.leaveStatus])}</Tag>
                {r.leaveReason ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.leaveReason}
                  </Typography.Text>
                ) : null}
                {staff && mine(r) && r.leaveStatus === 'pending' ? (
                  <Space size={4}>
                    <Button
                      size="small"
                      type="primary"
                      onClick={() =>
                        void act(() =>
                          post<ActivityView>(`/api/activity-participants/${r.id}/leave-decision`, {
                            decision: 'approve',
                            version: r.version,
                          }),
                        )
                      }
                    >
                      {L('准假', 'Approve')}
                    </Button>
                    <Button
                      size="small"
                      onClick={() =>
                        void act(() =>
                          post<ActivityView>(`/api/activity-participants/${r.id}/leave-decision`, {
                            decision: 'reject',
                            version: r.version,
                          }),
                        )
                      }
                    >
                      {L('不准', 'Refuse')}
                    </Button>
                  </Space>
                ) : null}
              </Space>
            ),
        },
      ]}
    />
  );
}

/** One activity: details, the caller's invitation (leave, sign-in), participants and attendance, speeches, minutes, outcomes. */
export default function ActivityPage() {
  const { id } = useParams();
  const activityId = Number(id);
  const { L, p } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const onError = useErrorHandler();
  const q = useQuery({ queryKey: activityKey(activityId), queryFn: () => get<ActivityView>(`/api/activities/${activityId}`) });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [code, setCode] = useState('');
  const a = q.data;
  if (q.isError && q.error instanceof ApiError && q.error.status === 404)
    return <Result status="404" title="404" subTitle={L('活动不存在，或您无权查看', 'Activity not found, or you may not see it')} />;
  if (q.isPending) return <Spin />;
  if (!a) return <Empty description={q.error?.message} />;
  const set = (v: ActivityView) => {
    qc.setQueryData(activityKey(activityId), v);
    void qc.invalidateQueries({ queryKey: ['activities'] });
  };
  const can = (x: ActivityView['abilities'][number]) => a.abilities.includes(x);
  const step = async (path: string, body: Record<string, unknown> = {}) => {
    try {
      set(await post<ActivityView>(`/api/activities/${a.id}/${path}`, { version: a.version, ...body }));
    } catch (err) {
      onError(err, undefined, () => void q.refetch());
    }
  };
  const showCode = async () => {
    try {
      const c = await post<{ code: string; expiresAt: string }>(`/api/activities/${a.id}/sign-code`, {});
      modal.info({
        title: L('现场签到码', 'Sign-in code'),
        content: (
          <div>
            <Typography.Title level={1} style={{ letterSpacing: 8, textAlign: 'center' }} data-testid="sign-code">
              {c.code}
            </Typography.Title>
            <Typography.Text type="secondary">
              {L('有效至', 'Valid until')} {new Date(c.expiresAt).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai' })}
            </Typography.Text>
          </div>
        ),
      });
    } catch (err) {
      onError(err);
    }
  };
  const signIn = async () => {
    try {
      set(await post<ActivityView>(`/api/activities/${a.id}/sign-in`, { code }));
      setCode('');
    } catch (err) {
      onError(err);
    }
  };

  return (
    <div>
      <PageHeader
        title={a.topic}
        sub={
          <Space wrap size={4}>
            <Tag>{a.type}</Tag>
            <ActivityStatusTag status={a.status} />
            {a.joint.partners.some((x) => x.status === 'accepted') ? <JointTag /> : null}
          </Space>
        }
        extra={
          <>
            {can('edit') ? <Button onClick={() => setDialog('edit')}>{L('编辑', 'Edit')}</Button> : null}
            {can('invite') ? <Button onClick={() => setDialog('invite')}>{L('邀请参加', 'Invite')}</Button> : null}
            {can('sign_code') ? <Button onClick={() => void showCode()}>{L('签到码', 'Sign-in code')}</Button> : null}
            {can('hold') ? (
              <Button type="primary" onClick={() => void step('hold')}>
                {L('确认已举行', 'Mark as held')}
              </Button>
            ) : null}
            {can('file_minutes') ? (
              <Button type="primary" onClick={() => setDialog('minutes')}>
                {L('报送纪要', 'File minutes')}
              </Button>
            ) : null}
            {can('add_outcome') ? <Button onClick={() => setDialog('outcome')}>{L('登记成果', 'Add outcome')}</Button> : null}
            {can('close') ? <Button onClick={() => void step('close')}>{L('归档', 'Close')}</Button> : null}
            {can('cancel') ? (
              <Button danger onClick={() => setDialog('cancel')}>
                {L('取消活动', 'Cancel')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={L('时间', 'Time')}>{fmtRange(a.startsAt, a.endsAt)}</Descriptions.Item>
          <Descriptions.Item label={L('地点', 'Place')}>{a.online ? L('网络参会', 'Online') : a.place || '—'}</Descriptions.Item>
          <Descriptions.Item label={L('主办方', 'Organizer')}>
            {a.organizerName}（{p(ORGANIZER_KIND_LABELS[a.organizerKind])}）
          </Descriptions.Item>
          <Descriptions.Item label={L('纪要期限', 'Minutes due')}>
            {a.minutesFiledAt ? L('已报送', 'Filed') : (a.minutesDue ?? '—')}
            {a.minutesDueProvisional ? <Tag color="orange">{L('暂定', 'Provisional')}</Tag> : null}
          </Descriptions.Item>
          {a.cancelReason ? <Descriptions.Item label={L('取消原因', 'Cancelled because')}>{a.cancelReason}</Descriptions.Item> : null}
        </Descriptions>
        {a.agenda ? (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 8, marginBottom: 0 }}>
            <Typography.Text type="secondary">{L('议程：', 'Agenda: ')}</Typography.Text>
            {htmlToText(a.agenda)}
          </Typography.Paragraph>
        ) : null}
      </Card>
      <JointCard a={a} orgId={orgId} onChanged={set} />
      {a.me ? (
        <Card size="small" title={L('我的参会', 'My attendance')} style={{ marginBottom: 12 }} data-testid="my-attendance">
          <Flex wrap gap={8} align="center">
            <AttendanceTag value={a.me.attendance} />
            {a.me.leaveStatus !== 'none' ? <Tag>{p(LEAVE_STATUS_LABELS[a.me.leaveStatus])}</Tag> : null}
            {a.canSignIn ? (
              <Space.Compact>
                <Input
                  value={code}
                  onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 6))}
                  placeholder={L('6 位签到码', '6-digit code')}
                  style={{ width: 140 }}
                  inputMode="numeric"
                  aria-label={L('签到码', 'Sign-in code')}
                />
                <Button type="primary" disabled={code.length !== 6} onClick={() => void signIn()}>
                  {L('签到', 'Sign in')}
                </Button>
              </Space.Compact>
            ) : null}
            {a.canRequestLeave ? <Button onClick={() => setDialog('leave')}>{L('请假', 'Ask for leave')}</Button> : null}
            {a.status !== 'cancelled' && a.status !== 'closed' ? (
              <Button onClick={() => setDialog('speech')}>{L('提交书面发言', 'Written suggestion')}</Button>
            ) : null}
          </Flex>
        </Card>
      ) : null}
      <Card size="small" title={L('参会人员与出勤', 'Participants & attendance')} style={{ marginBottom: 12 }}>
        <Participants a={a} onChanged={set} />
      </Card>
      <Card
        size="small"
        title={L('发言与书面发言', 'Speeches & written suggestions')}
        style={{ marginBottom: 12 }}
        extra={
          can('record_speech') ? (
            <Button size="small" onClick={() => setDialog('speech')}>
              {L('登记发言', 'Record')}
            </Button>
          ) : null
        }
      >
        <List
          dataSource={a.speeches}
          locale={{ emptyText: L('暂无', 'None yet') }}
          renderItem={(s) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap size={4}>
                    <Tag>{p(SPEECH_KIND_LABELS[s.kind])}</Tag>
                    <span>{s.authorName}</span>
                    <span>《{s.title}》</span>
                  </Space>
                }
                description={<span style={{ whiteSpace: 'pre-wrap' }}>{htmlToText(s.body)}</span>}
              />
            </List.Item>
          )}
        />
      </Card>
      {a.minutes ? (
        <Card size="small" title={L('纪要', 'Minutes')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{htmlToText(a.minutes)}</Typography.Paragraph>
        </Card>
      ) : null}
      {a.outcomes.length || can('add_outcome') ? (
        <Card size="small" title={L('成果', 'Outcomes')} style={{ marginBottom: 12 }}>
          <List
            dataSource={a.outcomes}
            locale={{ emptyText: L('暂无', 'None yet') }}
            renderItem={(o) => (
              <List.Item>
                <Space wrap size={4}>
                  <Tag color="red">{p(OUTCOME_KIND_LABELS[o.kind])}</Tag>
                  {session.can('activities.read') && a.joint.side === 'host' ? (
                    <Link to={`/activity-outcomes/${o.id}`}>{o.title}</Link>
                  ) : (
                    <span>{o.title}</span>
                  )}
                  {o.authorName ? <Typography.Text type="secondary">{o.authorName}</Typography.Text> : null}
                  <Typography.Text type="secondary">
                    {L(`问题 ${o.issues} 项 · 批示 ${o.instructions} 件`, `${o.issues} issues · ${o.instructions} instructions`)}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      <RecordLinks type="activity" id={a.id} />

      {dialog === 'edit' ? (
        <ActivityFormDialog orgId={orgId} activity={a} onClose={() => setDialog(null)} onSaved={(v) => (set(v), setDialog(null))} />
      ) : null}
      {dialog === 'cancel' ? (
        <FormDialog
          title={L('取消活动', 'Cancel the activity')}
          onClose={() => setDialog(null)}
          send={async (v) => set(await post<ActivityView>(`/api/activities/${a.id}/cancel`, { reason: v.reason, version: a.version }))}
        >
          <Form.Item name="reason" label={L('取消原因', 'Reason')} rules={[{ required: true }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {dialog === 'minutes' ? (
        <FormDialog
          title={L('报送纪要', 'File the minutes')}
          onClose={() => setDialog(null)}
          send={async (v) =>
            set(await post<ActivityView>(`/api/activities/${a.id}/minutes`, { minutes: textToHtml(str(v.minutes)), version: a.version }))
          }
        >
          <Form.Item name="minutes" label={L('纪要', 'Minutes')} rules={[{ required: true }]}>
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 20 }} maxLength={50_000} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {dialog === 'leave' ? (
        <FormDialog
          title={L('请假', 'Ask for leave')}
          onClose={() => setDialog(null)}
          send={async (v) => set(await post<ActivityView>(`/api/activities/${a.id}/leave`, { reason: v.reason }))}
        >
          <Form.Item name="reason" label={L('请假事由', 'Reason')} rules={[{ required: true }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {dialog === 'invite' ? (
        <FormDialog
          title={L('邀请参加', 'Invite')}
          onClose={() => setDialog(null)}
          send={async (v) =>
            set(
              await post<ActivityView>(`/api/activities/${a.id}/participants`, {
                memberIds: v.memberIds ?? [],
                unitIds: v.unitIds ?? [],
                experts: v.experts ?? [],
              }),
            )
          }
        >
          <Form.Item name="memberIds" label={L('委员', 'Members')}>
            <MemberPicker orgId={orgId} />
          </Form.Item>
          <Form.Item name="unitIds" label={L('部门代表', 'Departments')}>
            <UnitPicker orgId={orgId} single={false} />
          </Form.Item>
          <Form.Item name="experts" label={L('专家（输入姓名后回车）', 'Experts (type a name, press Enter)')}>
            <Select mode="tags" open={false} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {dialog === 'speech' ? (
        <FormDialog
          title={can('record_speech') ? L('登记发言', 'Record a speech') : L('提交书面发言', 'Written suggestion')}
          onClose={() => setDialog(null)}
          send={async (v) =>
            set(
              await post<ActivityView>(`/api/activities/${a.id}/speeches`, {
                kind: can('record_speech') ? v.kind : 'written',
                participantId: v.participantId ?? null,
                authorName: v.authorName || undefined,
                title: v.title,
                body: textToHtml(str(v.body)),
              }),
            )
          }
        >
          {can('record_speech') ? (
            <>
              <Form.Item name="kind" label={L('类别', 'Kind')} initialValue="oral">
                <Select options={(['oral', 'written'] as const).map((k) => ({ value: k, label: p(SPEECH_KIND_LABELS[k]) }))} />
              </Form.Item>
              <Form.Item name="participantId" label={L('发言人', 'Speaker')}>
                <Select allowClear options={a.participants.map((x) => ({ value: x.id, label: x.name }))} />
              </Form.Item>
              <Form.Item name="authorName" label={L('或填写发言人姓名', 'Or the speaker’s name')}>
                <Input maxLength={50} />
              </Form.Item>
            </>
          ) : null}
          <Form.Item name="title" label={L('题目', 'Title')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="body" label={L('内容', 'Text')}>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={20_000} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {dialog === 'outcome' ? (
        <FormDialog
          title={L('登记成果', 'Add an outcome')}
          onClose={() => setDialog(null)}
          send={async (v) => {
            const o = await post<{ id: number }>(`/api/activities/${a.id}/outcomes`, {
              kind: v.kind,
              title: v.title,
              findings: textToHtml(str(v.findings)),
              recommendations: textToHtml(str(v.recommendations)),
            });
            void qc.invalidateQueries({ queryKey: activityKey(a.id) });
            void navigate(`/activity-outcomes/${o.id}`);
          }}
        >
          <Form.Item name="kind" label={L('成果类型', 'Kind')} initialValue="consultation_report">
            <Select options={OUTCOME_KINDS.map((k) => ({ value: k, label: p(OUTCOME_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="title" label={L('标题', 'Title')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="findings" label={L('主要发现', 'Findings')}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={20_000} />
          </Form.Item>
          <Form.Item name="recommendations" label={L('意见建议', 'Recommendations')}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={20_000} />
          </Form.Item>
        </FormDialog>
      ) : null}
    </div>
  );
}
