import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Form, Input, Modal, Radio, Select, Space, Spin, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { z } from 'zod';
import {
  EVALUATION_STATUS_LABELS,
  PROPOSAL_ACTION_LABELS,
  RATINGS,
  RATING_LABELS,
  REGISTERED_STATES,
  SUPERVISION_KINDS,
  SUPERVISION_KIND_LABELS,
  type EvaluationStatus,
  type EvaluationView,
  type EvaluationsView,
  type ProposalState,
  type ProposalViewT,
  type Rating,
  type SupervisionView,
} from '@common/proposals';
import { ApiError, get, post } from '../../api';
import { useLang } from '../../i18n';
import { useSession } from '../../session';
import { DataTable, useErrorHandler, useIsMobile } from '../../ui';
import { useDialogFocus, useEnterSubmits } from '../../components/dialog';
import { fmtTime } from '../../proposals';

type Evaluations = z.infer<typeof EvaluationsView>;
type EvaluationRow = z.infer<typeof EvaluationView>;
type Supervision = z.infer<typeof SupervisionView>;

/** States in which the proposers' evaluation exists (the first reply has come in). */
const EVALUATION_STATES: readonly ProposalState[] = ['replied', 'evaluated', 'closed', 'rehandling'];

/** Today's date in China (YYYY-MM-DD), whatever the browser's time zone. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
/** Calendar days from today (China) to `day`: negative once it has passed. */
export const daysUntil = (day: string, today = todayInChina()) =>
  Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);

const RATING_COLORS: Record<Rating, string> = { satisfied: 'green', basically_satisfied: 'blue', dissatisfied: 'red' };
const STATUS_COLORS: Record<EvaluationStatus, string> = { pending: 'processing', rated: 'success', no_response: 'default' };

function RatingTag({ rating }: { rating: Rating | null }) {
  const { p } = useLang();
  return rating ? (
    <Tag color={RATING_COLORS[rating]}>{p(RATING_LABELS[rating])}</Tag>
  ) : (
    <Typography.Text type="secondary">—</Typography.Text>
  );
}

function StatusTag({ status }: { status: EvaluationStatus }) {
  const { p } = useLang();
  return <Tag color={STATUS_COLORS[status]}>{p(EVALUATION_STATUS_LABELS[status])}</Tag>;
}

/** "截止 2026-03-20（还有 5 天）" — the evaluation window, with a countdown while it is open. */
function DueLine({ due, provisional, open }: { due: string; provisional: boolean; open: boolean }) {
  const { L } = useLang();
  const left = daysUntil(due);
  const tail = !open
    ? ''
    : left > 0
      ? L(`（还有 ${left} 天）`, ` (${left} day${left === 1 ? '' : 's'} left)`)
      : left === 0
        ? L('（今天截止）', ' (ends today)')
        : L('（已过截止日期）', ' (the window has closed)');
  return (
    <Typography.Text type={open && left < 0 ? 'danger' : open && left <= 3 ? 'warning' : 'secondary'}>
      {L('评价截止：', 'Evaluate by: ') + due}
      {provisional ? L('（暂定，日历未发布）', ' (provisional: calendar not yet published)') : ''}
      {tail}
    </Typography.Text>
  );
}

// ── A proposer rates the handling ───────────────────────────
interface RatingValues {
  workRating: Rating;
  resultRating: Rating;
  comments?: string;
}

/** A rating kept on this device (see RatingForm), with anything unreadable dropped. */
export function readKeptRating(key: string, storage: Pick<Storage, 'getItem'> = localStorage): Partial<RatingValues> {
  try {
    const raw: unknown = JSON.parse(storage.getItem(key) ?? 'null');
    if (!raw || typeof raw !== 'object') return {};
    const v = raw as Record<string, unknown>;
    const rating = (x: unknown) => (RATINGS as readonly unknown[]).includes(x) ? (x as Rating) : undefined;
    return {
      workRating: rating(v.workRating),
      resultRating: rating(v.resultRating),
      comments: typeof v.comments === 'string' ? v.comments.slice(0, 2000) : undefined,
    };
  } catch {
    return {};
  }
}

function RatingForm({ row, proposal, onDone }: { row: EvaluationRow; proposal: ProposalViewT; onDone: () => void }) {
  const { L, p } = useLang();
  const { modal, message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const onError = useErrorHandler();
  const ratingOptions = RATINGS.map((r) => ({ value: r, label: p(RATING_LABELS[r]) }));
  // What was picked and typed is kept on this device until it is sent: a phone user who is interrupted (a call,
  // another app) finds the ratings and the reason again instead of an empty form.
  const keptKey = `xs.evaluation-draft.${row.id}`;
  const [kept] = useState(() => readKeptRating(keptKey));
  const keep = (_: unknown, all: Partial<RatingValues>) => {
    try {
      localStorage.setItem(keptKey, JSON.stringify(all));
    } catch {
      // Storage full or disabled: the form still works, it is only not kept.
    }
  };
  const send = async (v: RatingValues) => {
    setBusy(true);
    try {
      await post(`/api/proposals/${proposal.id}/evaluate`, { ...v, comments: v.comments ?? '', proposerId: row.proposerId });
      localStorage.removeItem(keptKey);
      void message.success(L('评价已提交', 'Evaluation sent'));
      onDone();
    } catch (err) {
      // The form stays open with what was typed.
      onError(err, form, onDone);
    } finally {
      setBusy(false);
    }
  };
  const finish = (v: RatingValues) => {
    modal.confirm({
      title: L('提交评价', 'Send the evaluation'),
      content: L('评价提交后不能修改。确定提交？', 'An evaluation cannot be changed once sent. Send it?'),
      onOk: () => send(v),
    });
  };
  return (
    <Card size="small" type="inner" title={L(`评价（${row.proposerName}）`, `Evaluate (${row.proposerName})`)} style={{ marginBottom: 12 }}>
      <Form form={form} layout="vertical" onFinish={finish} disabled={busy} initialValues={kept} onValuesChange={keep}>
        <Form.Item
          name="workRating"
          label={L('对办理工作', 'The handling (work)')}
          rules={[{ required: true, message: L('请选择对办理工作的评价', 'Rate the handling') }]}
        >
          <Radio.Group options={ratingOptions} />
        </Form.Item>
        <Form.Item
          name="resultRating"
          label={L('对办理结果', 'The result')}
          rules={[{ required: true, message: L('请选择对办理结果的评价', 'Rate the result') }]}
        >
          <Radio.Group options={ratingOptions} />
        </Form.Item>
        <Form.Item name="comments" label={L('意见和建议', 'Comments')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item noStyle dependencies={['workRating', 'resultRating']}>
          {() =>
            form.getFieldValue('workRating') === 'dissatisfied' || form.getFieldValue('resultRating') === 'dissatisfied' ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title={L(
                  '评为“不满意”时，请在意见中写明理由，提案委可据此要求重新办理。',
                  'When dissatisfied, say why: the office may order re-handling.',
                )}
              />
            ) : null
          }
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {L('提交评价', 'Send the evaluation')}
        </Button>
      </Form>
    </Card>
  );
}

// ── The ratings, every round ────────────────────────────────
function RatingsList({ items }: { items: EvaluationRow[] }) {
  const { L } = useLang();
  const mobile = useIsMobile();
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无评价', 'No evaluations yet')} />;
  if (mobile)
    return (
      <Flex vertical gap={8}>
        {items.map((r) => (
          <div key={r.id} style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 8 }}>
            <Flex justify="space-between" align="center" wrap gap={4}>
              <strong>{r.proposerName}</strong>
              <StatusTag status={r.status} />
            </Flex>
            {r.status === 'rated' ? (
              <div style={{ marginTop: 4 }}>
                {L('办理工作', 'Work')} <RatingTag rating={r.workRating} /> {L('办理结果', 'Result')} <RatingTag rating={r.resultRating} />
              </div>
            ) : null}
            {r.comments ? <div style={{ whiteSpace: 'pre-wrap', marginTop: 4 }}>{r.comments}</div> : null}
            {r.ratedAt ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {fmtTime(r.ratedAt)}
              </Typography.Text>
            ) : null}
          </div>
        ))}
      </Flex>
    );
  return (
    <DataTable<EvaluationRow>
      rowKey="id"
      dataSource={items}
      columns={[
        { title: L('提案人', 'Proposer'), dataIndex: 'proposerName' },
        { title: L('状态', 'Status'), dataIndex: 'status', render: (s: EvaluationStatus) => <StatusTag status={s} /> },
        { title: L('办理工作', 'Work'), dataIndex: 'workRating', render: (v: Rating | null) => <RatingTag rating={v} /> },
        { title: L('办理结果', 'Result'), dataIndex: 'resultRating', render: (v: Rating | null) => <RatingTag rating={v} /> },
        {
          title: L('意见', 'Comments'),
          dataIndex: 'comments',
          render: (v: string) => <div style={{ whiteSpace: 'pre-wrap', maxWidth: 360 }}>{v || '—'}</div>,
        },
        { title: L('评价时间', 'Rated at'), dataIndex: 'ratedAt', render: (v: string | null) => fmtTime(v) },
      ]}
    />
  );
}

// ── Office steps: 评价结束 / 重新办理 / 办结 / 好提案 ─────────
type OfficeStep = 'complete_evaluation' | 'order_rehandling' | 'close' | 'good';
const STEP_URL: Record<OfficeStep, string> = {
  complete_evaluation: 'complete-evaluation',
  order_rehandling: 'rehandle',
  close: 'close',
  good: 'good',
};

function OfficeDialog({
  step,
  proposal,
  pending,
  onClose,
  onDone,
}: {
  step: OfficeStep;
  proposal: ProposalViewT;
  /** Proposers who have not rated yet (评价结束 turns them into 未表态). */
  pending: number;
  onClose: () => void;
  onDone: () => void;
}) {
  const { L, p } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const onError = useErrorHandler();
  const focusIn = useDialogFocus();
  useEnterSubmits(form);
  const title =
    step === 'good'
      ? proposal.isGood
        ? L('取消好提案', 'Withdraw the good-proposal mark')
        : L('评为好提案', 'Mark as a good proposal')
      : p(PROPOSAL_ACTION_LABELS[step]);
  const finish = async (v: Record<string, unknown>) => {
    setBusy(true);
    try {
      const body = step === 'good' ? { isGood: !proposal.isGood, note: v.note ?? '' } : v;
      await post(`/api/proposals/${proposal.id}/${STEP_URL[step]}`, { ...body, version: proposal.version });
      void message.success(L('已完成', 'Done'));
      onDone();
      onClose();
    } catch (err) {
      onError(err, form, onDone);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ danger: step === 'order_rehandling' }}
      destroyOnHidden
    >
      <div ref={focusIn} tabIndex={-1} style={{ outline: 'none' }}>
        <Form form={form} layout="vertical" onFinish={finish}>
          {step === 'complete_evaluation' ? (
            <Typography.Paragraph>
              {pending
                ? L(
                    `评价期限已过，尚有 ${pending} 位提案人未评价，将记为“未表态”。确定结束评价？`,
                    `The window has closed; ${pending} proposer(s) have not rated and will be recorded as “no response”. Finish the evaluation?`,
                  )
                : L('确定结束评价？', 'Finish the evaluation?')}
            </Typography.Paragraph>
          ) : null}
          {step === 'order_rehandling' ? (
            <>
              <Typography.Paragraph type="secondary">
                {L(
                  '重新办理后，答复单位须在新的期限内再次答复，提案人再次评价。',
                  'The replying units answer again within a new deadline, and the proposers evaluate again.',
                )}
              </Typography.Paragraph>
              <Form.Item name="reason" label={L('重新办理理由', 'Reason')} rules={[{ required: true, whitespace: true }]}>
                <Input.TextArea autoSize={{ minRows: 3 }} maxLength={1000} showCount />
              </Form.Item>
            </>
          ) : null}
          {step === 'close' ? (
            <Form.Item name="note" label={L('办结说明', 'Note')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          ) : null}
          {step === 'good' ? (
            <Form.Item name="note" label={proposal.isGood ? L('说明', 'Note') : L('评选说明', 'Why it is a good proposal')}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
            </Form.Item>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}

// ── Supervision records (督办) ──────────────────────────────
function SupervisionDialog({ proposalId, onClose, onDone }: { proposalId: number; onClose: () => void; onDone: () => void }) {
  const { L, p } = useLang();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const onError = useErrorHandler();
  const focusIn = useDialogFocus();
  useEnterSubmits(form);
  const finish = async (v: { kind: string; happenedOn: Dayjs; notes: string }) => {
    setBusy(true);
    try {
      await post(`/api/proposals/${proposalId}/supervisions`, { ...v, happenedOn: v.happenedOn.format('YYYY-MM-DD') });
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
      title={L('添加督办记录', 'Add a supervision record')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      destroyOnHidden
    >
      <div ref={focusIn} tabIndex={-1} style={{ outline: 'none' }}>
        <Form form={form} layout="vertical" onFinish={finish} initialValues={{ kind: 'visit', happenedOn: dayjs(todayInChina()) }}>
          <Form.Item name="kind" label={L('督办方式', 'Kind')} rules={[{ required: true }]}>
            <Select options={SUPERVISION_KINDS.map((k) => ({ value: k, label: p(SUPERVISION_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="happenedOn" label={L('日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(todayInChina()), 'day')} />
          </Form.Item>
          <Form.Item name="notes" label={L('督办情况', 'Notes')} rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function SupervisionCard({ proposal }: { proposal: ProposalViewT }) {
  const { L, p } = useLang();
  const qc = useQueryClient();
  const [adding, setAdding] = useState(false);
  const key = ['proposal-supervisions', proposal.id];
  const q = useQuery({
    queryKey: key,
    retry: false,
    queryFn: () => get<{ items: Supervision[] }>(`/api/proposals/${proposal.id}/supervisions`),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['proposal-timeline', proposal.id] });
  };
  if (q.isError && q.error instanceof ApiError && (q.error.status === 404 || q.error.status === 403)) return null;
  return (
    <Card
      title={
        <Space size={4} wrap>
          {L('督办记录', 'Supervision')}
          {proposal.isKey ? <Tag color="red">{L('重点提案', 'Key proposal')}</Tag> : null}
        </Space>
      }
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        <Button size="small" onClick={() => setAdding(true)}>
          {L('添加记录', 'Add')}
        </Button>
      }
    >
      {q.isPending ? (
        <Spin />
      ) : q.isError ? (
        <Typography.Text type="danger">{q.error.message}</Typography.Text>
      ) : !q.data.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无督办记录', 'No supervision records')} />
      ) : (
        <Flex vertical gap={10}>
          {q.data.items.map((s) => (
            <div key={s.id}>
              <Space size={4} wrap>
                <Tag color="volcano">{p(SUPERVISION_KIND_LABELS[s.kind])}</Tag>
                <strong>{s.happenedOn}</strong>
                <Typography.Text type="secondary">
                  {s.leaderName ? L(`领导：${s.leaderName}`, `Leader: ${s.leaderName}`) : ''}
                  {s.leaderName ? ' · ' : ''}
                  {L('记录人：', 'By ')}
                  {s.createdByName}
                </Typography.Text>
              </Space>
              <div style={{ whiteSpace: 'pre-wrap' }}>{s.notes}</div>
            </div>
          ))}
        </Flex>
      )}
      {adding ? <SupervisionDialog proposalId={proposal.id} onClose={() => setAdding(false)} onDone={refresh} /> : null}
    </Card>
  );
}

// ── The panel ───────────────────────────────────────────────
function EvaluationCard({ proposal, onChanged }: { proposal: ProposalViewT; onChanged: () => void }) {
  const { L } = useLang();
  const [step, setStep] = useState<OfficeStep | null>(null);
  const q = useQuery({
    queryKey: ['proposal-evaluations', proposal.id],
    retry: false,
    queryFn: () => get<Evaluations>(`/api/proposals/${proposal.id}/evaluations`),
  });
  const can = (a: ProposalViewT['abilities'][number]) => proposal.abilities.includes(a);
  const data = q.data;
  const current = data ? data.items.filter((r) => r.round === data.round) : [];
  const pending = current.filter((r) => r.status === 'pending').length;
  const dissatisfied = current.some((r) => r.workRating === 'dissatisfied' || r.resultRating === 'dissatisfied');
  const windowOpen = proposal.state === 'replied';
  const dueOver = !!data?.due && daysUntil(data.due) < 0;
  // Only offer what the server accepts: 评价结束 after the window, 重新办理 when someone is dissatisfied.
  const buttons: OfficeStep[] = [];
  if (can('complete_evaluation') && (dueOver || pending === 0)) buttons.push('complete_evaluation');
  if (can('order_rehandling') && dissatisfied) buttons.push('order_rehandling');
  if (can('close')) buttons.push('close');
  const mine = current.filter((r) => r.mine);
  const rounds = data ? [...new Set(data.items.map((r) => r.round))].sort((a, b) => b - a) : [];

  if (q.isError && q.error instanceof ApiError && q.error.status === 404) return null;
  return (
    <Card
      title={L('提案人评价', 'Proposers’ evaluation')}
      size="small"
      style={{ marginBottom: 16 }}
      extra={
        buttons.length ? (
          <Space size={4} wrap>
            {buttons.map((b) => (
              <Button
                key={b}
                size="small"
                type={b === 'close' ? 'primary' : 'default'}
                danger={b === 'order_rehandling'}
                onClick={() => setStep(b)}
              >
                {b === 'complete_evaluation'
                  ? L('评价结束', 'Finish evaluation')
                  : b === 'order_rehandling'
                    ? L('重新办理', 'Re-handle')
                    : L('办结', 'Close')}
              </Button>
            ))}
          </Space>
        ) : null
      }
    >
      {q.isError ? (
        <Typography.Text type="danger">{q.error.message}</Typography.Text>
      ) : !data ? (
        <Spin />
      ) : (
        <>
          {proposal.state === 'closed' ? (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={L(`已办结（${fmtTime(proposal.closedAt)}）`, `Closed (${fmtTime(proposal.closedAt)})`)}
            />
          ) : null}
          {proposal.state === 'rehandling' ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title={L(
                `重新办理中（第 ${proposal.round} 轮）：承办单位再次答复后，提案人将再次评价。`,
                `Being re-handled (round ${proposal.round}): the proposers evaluate again after the new reply.`,
              )}
            />
          ) : null}
          {data.due && windowOpen ? (
            <div style={{ marginBottom: 12 }}>
              <DueLine due={data.due} provisional={data.dueProvisional} open={windowOpen} />
            </div>
          ) : null}
          {windowOpen ? mine.map((r) => <RatingForm key={r.id} row={r} proposal={proposal} onDone={onChanged} />) : null}
          {rounds.length <= 1 ? (
            <RatingsList items={data.items} />
          ) : (
            rounds.map((round) => (
              <div key={round} style={{ marginBottom: 12 }}>
                <Typography.Text strong>{L(`第 ${round} 轮`, `Round ${round}`)}</Typography.Text>
                <RatingsList items={data.items.filter((r) => r.round === round)} />
              </div>
            ))
          )}
        </>
      )}
      {step ? <OfficeDialog step={step} proposal={proposal} pending={pending} onClose={() => setStep(null)} onDone={onChanged} /> : null}
    </Card>
  );
}

function GoodProposal({ proposal, onChanged }: { proposal: ProposalViewT; onChanged: () => void }) {
  const { L } = useLang();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  const office = can('proposals.review');
  if (!office && !proposal.isGood) return null;
  return (
    <Card size="small" style={{ marginBottom: 16 }}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          {proposal.isGood ? (
            <>
              <Tag color="gold">{L('好提案', 'Good proposal')}</Tag>
              {proposal.goodNote ? <span style={{ whiteSpace: 'pre-wrap' }}>{proposal.goodNote}</span> : null}
            </>
          ) : (
            <Typography.Text type="secondary">{L('尚未评为好提案', 'Not marked as a good proposal')}</Typography.Text>
          )}
        </div>
        {office ? (
          <Button size="small" onClick={() => setOpen(true)}>
            {proposal.isGood ? L('取消好提案', 'Withdraw the mark') : L('评为好提案', 'Mark as good')}
          </Button>
        ) : null}
      </Flex>
      {open ? <OfficeDialog step="good" proposal={proposal} pending={0} onClose={() => setOpen(false)} onDone={onChanged} /> : null}
    </Card>
  );
}

/** The proposers' evaluation, re-handling, closing, supervision and good-proposal selection. */
export function EvaluationPanel({ proposal, onChanged }: { proposal: ProposalViewT; onChanged: () => void }) {
  const { can } = useSession();
  const state = proposal.state;
  return (
    <>
      {EVALUATION_STATES.includes(state) ? <EvaluationCard proposal={proposal} onChanged={onChanged} /> : null}
      {REGISTERED_STATES.includes(state) ? <GoodProposal proposal={proposal} onChanged={onChanged} /> : null}
      {REGISTERED_STATES.includes(state) && can('proposals.supervise') ? <SupervisionCard proposal={proposal} /> : null}
    </>
  );
}
