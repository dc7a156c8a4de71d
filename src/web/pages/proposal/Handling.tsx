import { useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Divider, Empty, Flex, Form, Input, Modal, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { FileWordOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import {
  ASSIGN_MODE_LABELS,
  ASSIGNMENT_ACTION_LABELS,
  ASSIGNMENT_ROLE_LABELS,
  ASSIGNMENT_STATUS_LABELS,
  CONTACT_FORM_LABELS,
  CONTACT_FORMS,
  EXTENSION_STATUS_LABELS,
  type AssignmentAction,
  type AssignmentStatus,
  type AssignmentView,
  type ContactView,
  type HandlingView,
  type ProgressView,
  type ProposalState,
  type ProposalViewT,
  type ReplyView,
} from '@common/proposals';
import { download, get, post } from '../../api';
import { Attachments } from '../../components/Attachments';
import { useDialogFocus, useEnterSubmits } from '../../components/dialog';
import { useLang } from '../../i18n';
import { useErrorHandler } from '../../ui';
import {
  Countdown,
  fmtTime,
  htmlToText,
  proposalKey,
  textToHtml,
  UnitPicker,
  useProposalSettings,
  useWorkdayCounter,
  type WorkdayCount,
} from '../../proposals';
import { replyDefaultsFrom, replyDefaultsKey } from '../unitInbox';

export type Assignment = z.infer<typeof AssignmentView>;
type Handling = z.infer<typeof HandlingView>;
type Contact = z.infer<typeof ContactView>;
type Reply = z.infer<typeof ReplyView>;
type Progress = z.infer<typeof ProgressView>;

export const handlingKey = (proposalId: number) => ['proposal-handling', proposalId] as const;

/** States in which the proposal has units (交办 onwards). */
export const HANDLING_STATES: readonly ProposalState[] = ['assigned', 'handling', 'replied', 'evaluated', 'closed', 'rehandling'];

/** Actions taken in a dialog (the others are one click). */
export type DialogAction = Exclude<AssignmentAction, 'sign' | 'reopen'>;
const URL_OF: Record<Exclude<AssignmentAction, 'reopen'>, string> = {
  sign: 'sign',
  request_adjustment: 'request-adjustment',
  approve_adjustment: 'approve-adjustment',
  reject_adjustment: 'reject-adjustment',
  submit_opinion: 'opinion',
  add_contact: 'contacts',
  request_extension: 'request-extension',
  approve_extension: 'approve-extension',
  reject_extension: 'reject-extension',
  override_opinions: 'override-opinions',
  reply: 'reply',
  report_progress: 'progress',
};
/** Append-only records: no version. */
const NO_VERSION: readonly AssignmentAction[] = ['add_contact', 'report_progress'];
/** Long texts kept on this device while the dialog is open, so closing it or an error never loses them. */
const KEEP_DRAFT: readonly AssignmentAction[] = ['reply', 'submit_opinion', 'report_progress'];
/** Button order in a unit's row: the main step first. */
const BUTTON_ORDER: readonly Exclude<AssignmentAction, 'reopen'>[] = [
  'sign',
  'reply',
  'submit_opinion',
  'report_progress',
  'add_contact',
  'request_extension',
  'request_adjustment',
  'approve_adjustment',
  'reject_adjustment',
  'approve_extension',
  'reject_extension',
  'override_opinions',
];
const PRIMARY: readonly AssignmentAction[] = ['sign', 'reply', 'submit_opinion', 'approve_adjustment', 'approve_extension'];

const draftKey = (action: AssignmentAction, id: number) => `xs.handling-draft.${action}.${id}`;
/** The signer and 文号 prefix of this unit's last reply on this device, so each reply does not retype them. */
function readReplyDefaults(unitId: number): Record<string, unknown> {
  try {
    const raw = localStorage.getItem(replyDefaultsKey(unitId));
    return { ...replyDefaultsFrom(raw ? (JSON.parse(raw) as Record<string, unknown>) : null) };
  } catch {
    return {};
  }
}

function readDraft(action: AssignmentAction, id: number): Record<string, unknown> | undefined {
  if (!KEEP_DRAFT.includes(action)) return undefined;
  try {
    const raw = localStorage.getItem(draftKey(action, id));
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const STATUS_COLORS: Record<AssignmentStatus, string> = {
  assigned: 'blue',
  received: 'cyan',
  adjustment_requested: 'orange',
  closed: 'default',
  opinion_given: 'green',
  replied: 'green',
};
export function AssignmentStatusTag({ status }: { status: AssignmentStatus }) {
  const { p } = useLang();
  return <Tag color={STATUS_COLORS[status]}>{p(ASSIGNMENT_STATUS_LABELS[status])}</Tag>;
}

/** Whose clock runs now: 签收 before signing, the co-handler's opinion, or the reply; none once done. */
export function runningClock(a: Assignment): { kind: 'sign' | 'opinion' | 'reply'; due: string; provisional: boolean } | null {
  if (a.status === 'assigned' || a.status === 'adjustment_requested')
    return { kind: 'sign', due: a.windowEnd, provisional: a.windowProvisional };
  if (a.status === 'received' && a.role === 'co' && a.opinionDue) return { kind: 'opinion', due: a.opinionDue, provisional: false };
  if (a.status === 'received') return { kind: 'reply', due: a.deadline, provisional: a.deadlineProvisional };
  return null;
}

/**
 * One dialog for every step a unit or the office takes on an assignment. Stays open on failure (field errors go on
 * the field, a 409 offers a reload); long texts are also kept on this device until the step succeeds.
 */
export function AssignmentDialog({
  action,
  assignment,
  orgId,
  subject,
  onClose,
  onDone,
}: {
  action: DialogAction;
  assignment: Assignment;
  orgId: number;
  /** Shown in the title when opened away from the proposal page (the inbox). */
  subject?: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { L, p } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const onError = useErrorHandler();
  const settings = useProposalSettings(orgId, action === 'reply');
  const focusIn = useDialogFocus();
  useEnterSubmits(form);
  const [initial] = useState(() => ({
    ...(action === 'add_contact' ? { form: 'in_person', contactDate: dayjs() } : {}),
    ...(action === 'reply' ? readReplyDefaults(assignment.unitId) : {}),
    ...readDraft(action, assignment.id),
  }));

  const finish = async (v: Record<string, unknown>) => {
    let body: Record<string, unknown> = { ...v };
    if (action === 'add_contact') body = { ...v, contactDate: (v.contactDate as Dayjs).format('YYYY-MM-DD') };
    if (action === 'reply') body = { ...v, body: textToHtml(typeof v.body === 'string' ? v.body : '') };
    if (!NO_VERSION.includes(action)) body.version = assignment.version;
    setBusy(true);
    try {
      await post(`/api/proposal-assignments/${assignment.id}/${URL_OF[action]}`, body);
      localStorage.removeItem(draftKey(action, assignment.id));
      if (action === 'reply')
        localStorage.setItem(replyDefaultsKey(assignment.unitId), JSON.stringify({ signer: v.signer, docNumber: v.docNumber }));
      const doneText = L(`已${p(ASSIGNMENT_ACTION_LABELS[action])}`, `Done: ${p(ASSIGNMENT_ACTION_LABELS[action])}`);
      if (action === 'reply') {
        // The letter is what gets signed and stamped next: offer it at once, also when replying from the inbox.
        const letter = `/api/proposal-assignments/${assignment.id}/reply-letter.docx`;
        void message.success({
          duration: 8,
          content: (
            <>
              {doneText}{' '}
              <Typography.Link
                onClick={() => void download(letter, `reply-letter-${assignment.id}.docx`).catch((e: unknown) => onError(e))}
              >
                <FileWordOutlined /> {L('下载答复函', 'Reply letter')}
              </Typography.Link>
            </>
          ),
        });
      } else void message.success(doneText);
      onDone();
      onClose();
    } catch (err) {
      onError(err, form, onDone);
    } finally {
      setBusy(false);
    }
  };
  const onValuesChange = () => {
    if (KEEP_DRAFT.includes(action)) localStorage.setItem(draftKey(action, assignment.id), JSON.stringify(form.getFieldsValue(true)));
  };
  const required = (label: string) => [{ required: true, whitespace: true, message: L(`请填写${label}`, `${label} is required`) }];
  const reason = (label: string, max = 1000) => (
    <Form.Item name="reason" label={label} rules={required(label)}>
      <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={max} showCount />
    </Form.Item>
  );
  const grades = settings.data?.config.gradeLabels ?? [];

  let fields: ReactNode;
  switch (action) {
    case 'request_adjustment':
      fields = (
        <>
          <Typography.Paragraph type="secondary">
            {L(
              `请在 ${assignment.windowEnd} 前说明理由，由提案委决定是否改交其他单位。`,
              `Give the reason by ${assignment.windowEnd}; the proposal office decides whether to reassign it.`,
            )}
          </Typography.Paragraph>
          {reason(L('申请调整的理由', 'Reason'))}
        </>
      );
      break;
    case 'approve_adjustment':
      fields = (
        <>
          <Typography.Paragraph type="secondary">{L('调整理由：', 'Reason given: ') + assignment.adjustmentReason}</Typography.Paragraph>
          <Form.Item
            name="units"
            label={L('改交单位', 'Reassign to')}
            rules={[{ required: true, type: 'array', min: 1, message: L('请选择单位', 'Pick a unit') }]}
          >
            <UnitPicker orgId={orgId} single={false} />
          </Form.Item>
          <Form.Item name="note" label={L('说明', 'Note')}>
            <Input maxLength={1000} />
          </Form.Item>
        </>
      );
      break;
    case 'reject_adjustment':
      fields = (
        <>
          <Typography.Paragraph type="secondary">{L('调整理由：', 'Reason given: ') + assignment.adjustmentReason}</Typography.Paragraph>
          {reason(L('不同意的理由', 'Why not'))}
        </>
      );
      break;
    case 'submit_opinion':
      fields = (
        <Form.Item
          name="opinion"
          label={L('协办意见（送主办单位）', 'Opinion for the lead unit')}
          rules={required(L('协办意见', 'The opinion'))}
        >
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} maxLength={5000} showCount />
        </Form.Item>
      );
      break;
    case 'add_contact':
      fields = (
        <>
          <Flex gap={12} wrap>
            <Form.Item name="form" label={L('面商方式', 'Form')} rules={[{ required: true }]} style={{ flex: '1 1 160px' }}>
              <Select options={CONTACT_FORMS.map((f) => ({ value: f, label: p(CONTACT_FORM_LABELS[f]) }))} />
            </Form.Item>
            <Form.Item
              name="contactDate"
              label={L('日期', 'Date')}
              rules={[{ required: true, message: L('请选择日期', 'Pick the date') }]}
              style={{ flex: '1 1 160px' }}
            >
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
            </Form.Item>
          </Flex>
          <Form.Item name="notes" label={L('沟通情况', 'Notes')} rules={required(L('沟通情况', 'Notes'))}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={2000} showCount />
          </Form.Item>
        </>
      );
      break;
    case 'request_extension':
      fields = (
        <>
          <Typography.Paragraph type="secondary">
            {L(
              `当前答复期限 ${assignment.deadline}。每件提案只能申请一次延期，由提案委审批。`,
              `The reply is due ${assignment.deadline}. One extension per assignment; the proposal office decides.`,
            )}
          </Typography.Paragraph>
          {reason(L('延期理由', 'Reason'))}
        </>
      );
      break;
    case 'approve_extension':
      fields = (
        <>
          <Typography.Paragraph type="secondary">{L('延期理由：', 'Reason given: ') + assignment.extensionReason}</Typography.Paragraph>
          <Form.Item name="note" label={L('说明', 'Note')}>
            <Input maxLength={1000} />
          </Form.Item>
        </>
      );
      break;
    case 'reject_extension':
      fields = (
        <>
          <Typography.Paragraph type="secondary">{L('延期理由：', 'Reason given: ') + assignment.extensionReason}</Typography.Paragraph>
          {reason(L('不同意的理由', 'Why not'))}
        </>
      );
      break;
    case 'override_opinions':
      fields = (
        <>
          <Typography.Paragraph type="secondary">
            {L(
              '协办单位尚未全部提交意见。准予后主办单位即可先行答复。',
              'Not every co-unit has given its opinion. Once allowed, the lead unit may reply now.',
            )}
          </Typography.Paragraph>
          {reason(L('理由', 'Reason'))}
        </>
      );
      break;
    case 'reply':
      fields = (
        <>
          <Form.Item
            name="grade"
            label={L('办理结果', 'Result')}
            rules={[{ required: true, message: L('请选择办理结果', 'Pick the result') }]}
          >
            {settings.isPending ? (
              <Spin size="small" />
            ) : (
              <Radio.Group>
                <Flex vertical gap={4}>
                  {grades.map((g) => (
                    <Radio key={g.code} value={g.code}>
                      <strong>{g.code}</strong> {g.label}
                    </Radio>
                  ))}
                </Flex>
              </Radio.Group>
            )}
          </Form.Item>
          <Form.Item name="body" label={L('答复内容', 'Reply')} rules={required(L('答复内容', 'The reply'))}>
            <Input.TextArea autoSize={{ minRows: 8, maxRows: 24 }} maxLength={50_000} />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="docNumber" label={L('文号', 'Document number')} style={{ flex: '1 1 180px' }}>
              <Input maxLength={60} placeholder={L('如：交函〔2026〕12号', 'e.g. 交函〔2026〕12号')} />
            </Form.Item>
            <Form.Item name="signer" label={L('签发人', 'Signed by')} rules={required(L('签发人', 'Signer'))} style={{ flex: '1 1 140px' }}>
              <Input maxLength={40} />
            </Form.Item>
          </Flex>
        </>
      );
      break;
    case 'report_progress':
      fields = (
        <Form.Item name="body" label={L('办理进展', 'Progress')} rules={required(L('办理进展', 'Progress'))}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} maxLength={5000} showCount />
        </Form.Item>
      );
      break;
  }
  const danger = action === 'reject_adjustment' || action === 'reject_extension';
  return (
    <Modal
      open
      title={`${p(ASSIGNMENT_ACTION_LABELS[action])} · ${assignment.unitName}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ danger }}
      width={action === 'reply' ? 720 : undefined}
      destroyOnHidden
    >
      <div ref={focusIn} tabIndex={-1} style={{ outline: 'none' }}>
        {subject ? <Typography.Paragraph strong>{subject}</Typography.Paragraph> : null}
        <Form form={form} layout="vertical" onFinish={finish} initialValues={initial} onValuesChange={onValuesChange}>
          {fields}
        </Form>
        {/* Files go with the reply or opinion and are frozen once it is sent: offer them here, also from the inbox. */}
        {action === 'reply' || action === 'submit_opinion' ? (
          <>
            <Attachments
              proposalId={assignment.proposalId}
              assignmentId={assignment.id}
              uploadUrl={`/api/proposal-assignments/${assignment.id}/attachments`}
            />
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
              {action === 'reply'
                ? L('附件随答复一并报送，答复后不能再添加或删除。', 'Files go with the reply and cannot be changed once it is sent.')
                : L(
                    '附件随协办意见一并送主办单位，提交后不能再添加或删除。',
                    'Files go with the opinion and cannot be changed once it is sent.',
                  )}
            </Typography.Paragraph>
          </>
        ) : null}
      </div>
    </Modal>
  );
}

/** 签收 in one click (with the version); a refused or stale step shows its message and offers a reload. */
export function useSign(onDone: () => void) {
  const { L } = useLang();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [busyId, setBusyId] = useState<number | null>(null);
  const sign = async (a: Pick<Assignment, 'id' | 'version'>) => {
    setBusyId(a.id);
    try {
      await post(`/api/proposal-assignments/${a.id}/sign`, { version: a.version });
      void message.success(L('已签收', 'Signed for'));
      onDone();
    } catch (err) {
      onError(err, undefined, onDone);
    } finally {
      setBusyId(null);
    }
  };
  return { sign, busyId };
}

/** The action buttons an assignment's `abilities` allow. */
export function AssignmentButtons({
  assignment,
  onOpen,
  onSign,
  signing,
  size = 'small',
}: {
  assignment: Assignment;
  onOpen: (action: DialogAction) => void;
  onSign: () => void;
  signing: boolean;
  size?: 'small' | 'middle';
}) {
  const { L, p } = useLang();
  const label = (x: AssignmentAction) =>
    x === 'approve_adjustment'
      ? L('同意调整', 'Approve adjustment')
      : x === 'reject_adjustment'
        ? L('不同意调整', 'Refuse adjustment')
        : p(ASSIGNMENT_ACTION_LABELS[x]);
  const actions = BUTTON_ORDER.filter((x) => assignment.abilities.includes(x));
  if (!actions.length) return null;
  return (
    <Flex gap={6} wrap>
      {actions.map((x) => (
        <Button
          key={x}
          size={size}
          type={PRIMARY.includes(x) ? 'primary' : 'default'}
          danger={x === 'reject_adjustment' || x === 'reject_extension'}
          loading={x === 'sign' && signing}
          onClick={() => (x === 'sign' ? onSign() : onOpen(x))}
        >
          {label(x)}
        </Button>
      ))}
    </Flex>
  );
}

const Muted = ({ children }: { children: ReactNode }) => (
  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
    {children}
  </Typography.Text>
);

function Note({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ marginTop: 4 }}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <span style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{children}</span>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div style={{ marginTop: 10 }}>
      <Typography.Text strong style={{ fontSize: 13 }}>
        {title}
      </Typography.Text>
      <div style={{ borderInlineStart: '3px solid rgba(5,5,5,0.08)', paddingInlineStart: 10, marginTop: 4 }}>{children}</div>
    </div>
  );
}

function ReplyBlock({ r, showRound }: { r: Reply; showRound: boolean }) {
  const { L } = useLang();
  const text = htmlToText(r.body);
  return (
    <div style={{ marginBottom: 8 }}>
      <Space wrap size={4}>
        <Tag color={r.grade === 'A' ? 'green' : r.grade === 'B' ? 'gold' : 'default'} style={{ marginInlineEnd: 0 }}>
          {r.grade} {r.gradeLabel}
        </Tag>
        {showRound ? <Tag style={{ marginInlineEnd: 0 }}>{L(`第 ${r.round} 轮`, `Round ${r.round}`)}</Tag> : null}
        <Muted>
          {r.docNumber ? `${r.docNumber} · ` : ''}
          {L('签发人', 'Signed by')} {r.signer} · {fmtTime(r.repliedAt)}
        </Muted>
      </Space>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: '4px 0 0' }}>{text}</Typography.Paragraph>
    </div>
  );
}

function UnitBlock({
  a,
  contacts,
  replies,
  progress,
  count,
  multiRound,
  waitingFor,
  actions,
}: {
  a: Assignment;
  contacts: Contact[];
  replies: Reply[];
  progress: Progress[];
  count: (d: string | null | undefined) => WorkdayCount | null;
  multiRound: boolean;
  /** Co-units whose opinion the lead still waits for (its reply waits for them unless the office allows it). */
  waitingFor: string[];
  actions: ReactNode;
}) {
  const { L, p } = useLang();
  const onError = useErrorHandler();
  const clock = runningClock(a);
  const left = clock ? count(clock.due) : null;
  const clockLabel =
    clock?.kind === 'sign'
      ? L('签收截止', 'Sign-for by')
      : clock?.kind === 'opinion'
        ? L('协办意见截止', 'Opinion due')
        : L('答复期限', 'Reply due');
  return (
    <div data-testid={`assignment-${a.id}`}>
      <Flex justify="space-between" align="flex-start" wrap gap={8}>
        <Space wrap size={4}>
          <strong>{a.unitName}</strong>
          <Tag color={a.role === 'lead' ? 'red' : undefined}>{p(ASSIGNMENT_ROLE_LABELS[a.role])}</Tag>
          <AssignmentStatusTag status={a.status} />
          {a.extensionStatus !== 'none' && !(a.extensionStatus === 'requested' && a.status !== 'received') ? (
            <Tag color={a.extensionStatus === 'approved' ? 'purple' : a.extensionStatus === 'requested' ? 'orange' : 'default'}>
              {p(EXTENSION_STATUS_LABELS[a.extensionStatus])}
            </Tag>
          ) : null}
        </Space>
        {clock && left ? <Countdown left={left.count} provisional={left.provisional || clock.provisional} /> : null}
      </Flex>
      <div>
        <Muted>
          {clock ? (
            <>
              {clockLabel} {clock.due}
              {clock.provisional ? L('（暂定）', ' (provisional)') : ''}
              {clock.kind !== 'reply' ? ` · ${L('答复期限', 'Reply due')} ${a.deadline}` : ''}
            </>
          ) : (
            <>
              {L('答复期限', 'Reply due')} {a.deadline}
            </>
          )}
          {a.originalDeadline ? ` · ${L('原期限', 'Originally')} ${a.originalDeadline}` : ''}
          {a.receivedAt ? ` · ${L('签收于', 'Signed for')} ${fmtTime(a.receivedAt)}` : ''}
          {a.repliedAt ? ` · ${L('答复于', 'Replied')} ${fmtTime(a.repliedAt)}` : ''}
        </Muted>
      </div>
      {a.adjustmentReason && (a.status === 'adjustment_requested' || a.status === 'closed' || a.adjustmentRejected) ? (
        <Note label={L('调整理由：', 'Adjustment reason: ')}>{a.adjustmentReason}</Note>
      ) : null}
      {a.adjustmentRejected ? <Note label={L('提案委不同意调整：', 'Adjustment refused: ')}>{a.officeNote || '—'}</Note> : null}
      {a.extensionStatus !== 'none' ? <Note label={L('延期理由：', 'Extension reason: ')}>{a.extensionReason}</Note> : null}
      {a.extensionNote ? (
        <Note label={a.extensionStatus === 'rejected' ? L('不同意延期：', 'Extension refused: ') : L('延期说明：', 'Extension note: ')}>
          {a.extensionNote}
        </Note>
      ) : null}
      {a.opinionsOverrideReason ? (
        <Note label={L('准予先行答复：', 'Reply allowed before all opinions: ')}>{a.opinionsOverrideReason}</Note>
      ) : null}
      {a.role === 'co' && a.opinion ? (
        <Section title={L('协办意见', 'Co-handler opinion')}>
          <Muted>{fmtTime(a.opinionAt)}</Muted>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>{a.opinion}</Typography.Paragraph>
        </Section>
      ) : null}
      {replies.length ? (
        <Section title={L('答复', 'Reply')}>
          {replies.map((r) => (
            <ReplyBlock key={r.id} r={r} showRound={multiRound} />
          ))}
          {replies.slice(-1).map((r) => (
            <Typography.Link
              key={`letter-${r.id}`}
              style={{ fontSize: 12 }}
              onClick={() =>
                void download(`/api/proposal-assignments/${r.assignmentId}/reply-letter.docx`, `reply-letter-${r.assignmentId}.docx`).catch(
                  (err: unknown) => onError(err),
                )
              }
            >
              <FileWordOutlined /> {L('下载答复函（Word）', 'Reply letter (Word)')}
            </Typography.Link>
          ))}
        </Section>
      ) : null}
      {progress.length ? (
        <Section title={L('办理进展', 'Progress')}>
          {progress.map((x) => (
            <div key={x.id} style={{ marginBottom: 6 }}>
              <Muted>
                {fmtTime(x.createdAt)}
                {x.createdByName ? ` · ${x.createdByName}` : ''}
              </Muted>
              <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{x.body}</div>
            </div>
          ))}
        </Section>
      ) : null}
      {contacts.length ? (
        <Section title={L('面商记录', 'Contacts with the proposer')}>
          {contacts.map((c) => (
            <div key={c.id} style={{ marginBottom: 6 }}>
              <Space wrap size={4}>
                <Tag style={{ marginInlineEnd: 0 }}>{p(CONTACT_FORM_LABELS[c.form])}</Tag>
                <Muted>
                  {c.contactDate}
                  {c.createdByName ? ` · ${c.createdByName}` : ''}
                </Muted>
              </Space>
              <div style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{c.notes}</div>
            </div>
          ))}
        </Section>
      ) : null}
      <Attachments
        proposalId={a.proposalId}
        assignmentId={a.id}
        uploadUrl={
          a.abilities.includes('reply') || a.abilities.includes('submit_opinion')
            ? `/api/proposal-assignments/${a.id}/attachments`
            : undefined
        }
      />
      {waitingFor.length ? (
        <Typography.Paragraph type="warning" style={{ margin: '8px 0 0' }}>
          {L(
            `待协办单位提交意见后方可答复：${waitingFor.join('、')}`,
            `The reply waits for the co-units' opinions: ${waitingFor.join(', ')}`,
          )}
        </Typography.Paragraph>
      ) : null}
      {actions ? <div style={{ marginTop: 8 }}>{actions}</div> : null}
    </div>
  );
}

/** The handling record (units, opinions, 面商, extension, replies, progress) and the caller's steps on it. */
export function HandlingPanel({ proposal, onChanged }: { proposal: ProposalViewT; onChanged: () => void }) {
  const { L, p } = useLang();
  const qc = useQueryClient();
  const shown = HANDLING_STATES.includes(proposal.state);
  const q = useQuery({
    queryKey: handlingKey(proposal.id),
    enabled: shown,
    queryFn: () => get<Handling>(`/api/proposals/${proposal.id}/handling`),
  });
  const [open, setOpen] = useState<{ action: DialogAction; id: number } | null>(null);
  const done = () => {
    void qc.invalidateQueries({ queryKey: handlingKey(proposal.id) });
    void qc.invalidateQueries({ queryKey: ['unit-inbox'] });
    void qc.invalidateQueries({ queryKey: proposalKey(proposal.id) });
    onChanged();
  };
  const { sign, busyId } = useSign(done);
  const items = q.data?.assignments ?? [];
  const count = useWorkdayCounter(items.map((a) => runningClock(a)?.due));
  if (!shown) return null;
  const current = items.filter((a) => a.status !== 'closed');
  const closed = items.filter((a) => a.status === 'closed');
  const openAssignment = open ? items.find((a) => a.id === open.id) : undefined;
  const multiRound = (q.data?.round ?? 1) > 1;
  const block = (a: Assignment) => (
    <UnitBlock
      key={a.id}
      a={a}
      contacts={(q.data?.contacts ?? []).filter((c) => c.assignmentId === a.id)}
      replies={(q.data?.replies ?? []).filter((r) => r.assignmentId === a.id)}
      progress={(q.data?.progress ?? []).filter((x) => x.assignmentId === a.id)}
      count={count}
      multiRound={multiRound}
      waitingFor={
        a.role === 'lead' && a.status === 'received' && !a.opinionsOverrideReason && !a.abilities.includes('reply')
          ? current.filter((c) => c.role === 'co' && c.status !== 'opinion_given').map((c) => c.unitName)
          : []
      }
      actions={
        <AssignmentButtons
          assignment={a}
          onOpen={(action) => setOpen({ action, id: a.id })}
          onSign={() => void sign(a)}
          signing={busyId === a.id}
        />
      }
    />
  );
  return (
    <Card
      title={L('交办与办理', 'Assignment and handling')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        <Space size={4} wrap>
          {proposal.isKey ? <Tag color="red">{L('重点', 'Key')}</Tag> : null}
          {proposal.assignMode ? <Tag>{p(ASSIGN_MODE_LABELS[proposal.assignMode])}</Tag> : null}
          {multiRound ? <Tag color="orange">{L(`第 ${q.data?.round} 轮办理`, `Round ${q.data?.round}`)}</Tag> : null}
        </Space>
      }
    >
      {proposal.rehandlingReason && proposal.round > 1 ? (
        <Note label={L('重新办理原因：', 'Re-handling ordered: ')}>{proposal.rehandlingReason}</Note>
      ) : null}
      {q.isPending ? (
        <Spin />
      ) : q.isError ? (
        <Typography.Text type="danger">{q.error.message}</Typography.Text>
      ) : !current.length && !closed.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <>
          {current.map((a, i) => (
            <div key={a.id}>
              {i ? <Divider style={{ margin: '12px 0' }} /> : null}
              {block(a)}
            </div>
          ))}
          {closed.length ? (
            <>
              <Divider style={{ margin: '12px 0' }} />
              <Muted>
                {L('已调整（改交其他单位）：', 'Reassigned away: ')}
                {closed.map((a) => `${a.unitName}（${a.adjustmentReason || '—'}）`).join('；')}
              </Muted>
            </>
          ) : null}
        </>
      )}
      {open && openAssignment ? (
        <AssignmentDialog
          action={open.action}
          assignment={openAssignment}
          orgId={proposal.orgId}
          onClose={() => setOpen(null)}
          onDone={done}
        />
      ) : null}
    </Card>
  );
}
