import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Timeline,
  Typography,
  type FormInstance,
} from 'antd';
import {
  ASSIGNMENT_ACTION_LABELS,
  type AssignmentAction,
  type HandlingView,
  CONVERSION_KIND_LABELS,
  PROPOSAL_ACTION_LABELS,
  PROPOSAL_PERIOD_LABELS,
  PROPOSAL_STATE_LABELS,
  PROPOSER_STATUS_LABELS,
  type ProposalAction,
  type ProposalState,
} from '@common/proposals';
import { ApiError, download, get, patch, post, qs, type Page } from '../api';
import type { Member } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { PageHeader, useErrorHandler } from '../ui';
import { AutosaveStatus } from '../components/AutosaveStatus';
import { useAutosave } from '../hooks/useAutosave';
import { FileWordOutlined } from '@ant-design/icons';
import { useDialogFocus, useEnterSubmits } from '../components/dialog';
import { AssignFields, assignInput } from './proposal/BulkAssign';
import { SuggestPanel } from '../components/SuggestPanel';
import { UnitPicker } from '../components/pickers';
import { DRAFT_FIELDS, readValues, restoreValues, sameValues, valuesOf, waitingCosigners, type DraftValues } from './proposal/draftValues';
import { Attachments } from '../components/Attachments';
import { SimilarPanel } from '../components/SimilarPanel';
import { RecordLinks } from '../components/RecordLinks';
import { HANDLING_STATES, HandlingPanel, handlingKey } from './proposal/Handling';
import type { z } from 'zod';
import { EvaluationPanel } from './proposal/Evaluation';
import { nextInWalk, walkOf } from './proposal/reviewSelection';
import {
  fmtTime,
  htmlToText,
  KindTag,
  proposalKey,
  StateTag,
  textToHtml,
  useProposalCategories,
  useProposalSettings,
  type Proposal,
  type ProposalItem,
  type Timeline as TimelineItem,
} from '../proposals';

const storageKey = (id: number) => `xs.proposal-draft.${id}`;

/**
 * The draft editor with autosave (useAutosave, shared with the 社情民意 report editor): every change is kept in
 * localStorage at once and PATCHed (with the version) after a pause. A 409 asks whether to keep what was typed
 * (save it over the newer version) or load the newer version; what was typed is never dropped without that choice.
 */
function DraftEditor({
  proposal,
  versionRef,
  onSaved,
  flushRef,
  form,
}: {
  proposal: Proposal;
  versionRef: { current: number };
  onSaved: (p: Proposal) => void;
  flushRef: { current: () => Promise<boolean> };
  /** The page's: a refused submit (案由 or 正文 empty) puts its error on the field. */
  form: FormInstance<DraftValues>;
}) {
  const { L } = useLang();
  const orgId = useOrgId();
  const categories = useProposalCategories(orgId);
  const { status, onChange } = useAutosave<DraftValues, Proposal>({
    id: proposal.id,
    record: proposal,
    form,
    versionRef,
    flushRef,
    storageKey,
    valuesOf,
    read: readValues,
    restore: restoreValues,
    same: sameValues,
    save: (id, sent, version) =>
      patch<Proposal>(`/api/proposals/${id}`, {
        subject: sent.subject,
        body: textToHtml(sent.body),
        categoryId: sent.categoryId,
        suggestedUnitIds: sent.suggestedUnitIds,
        isPublic: sent.isPublic,
        version,
      }),
    load: (id) => get<Proposal>(`/api/proposals/${id}`),
    onSaved,
    conflict: {
      title: L('草稿已在别处修改', 'The draft was changed elsewhere'),
      content: L(
        '此草稿在其他窗口或设备上被修改过。您刚才输入的内容仍保留在本页和本机中。',
        'This draft was changed in another window or device. What you typed is still kept on this page and on this device.',
      ),
      okText: L('保留我的内容并保存', 'Keep mine and save'),
      cancelText: L('载入最新版本', 'Load the newer version'),
    },
    fieldErrors: DRAFT_FIELDS,
  });

  return (
    <Card
      title={L('编辑提案', 'Edit proposal')}
      extra={<AutosaveStatus status={status} onSaveNow={() => void flushRef.current()} />}
      style={{ marginBottom: 16 }}
    >
      <Form form={form} layout="vertical" onValuesChange={onChange}>
        <Form.Item name="subject" label={L('案由', 'Subject')} extra={L('一事一案，简明扼要', 'One matter per proposal, stated briefly')}>
          <Input maxLength={200} showCount placeholder={L('关于……的建议', 'Proposal on …')} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <Form.Item name="categoryId" label={L('分类', 'Category')}>
              <Select
                allowClear
                options={(categories.data?.items ?? [])
                  .filter((c) => c.active || c.id === proposal.categoryId)
                  .map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={10}>
            <Form.Item name="isPublic" label={L('是否公开', 'Public')} valuePropName="checked">
              <Switch checkedChildren={L('公开', 'Public')} unCheckedChildren={L('不公开', 'Not public')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="suggestedUnitIds"
          label={L('建议承办单位', 'Suggested handling units')}
          extra={L('可选多个，供提案委交办时参考', 'Optional; the proposal office takes them into account when assigning')}
        >
          <UnitPicker orgId={proposal.orgId} single={false} names={proposal.suggestedUnits} />
        </Form.Item>
        <Form.Item name="body" label={L('正文（情况分析与具体建议）', 'Body (analysis and concrete suggestions)')}>
          <Input.TextArea autoSize={{ minRows: 10, maxRows: 30 }} maxLength={50_000} />
        </Form.Item>
      </Form>
      <Attachments proposalId={proposal.id} assignmentId={null} uploadUrl={`/api/proposals/${proposal.id}/attachments`} />
    </Card>
  );
}

// ── Co-signers ──────────────────────────────────────────────
function InviteBox({ proposal, onDone }: { proposal: Proposal; onDone: (p: Proposal) => void }) {
  const { L } = useLang();
  const orgId = useOrgId();
  const onError = useErrorHandler();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const taken = new Set(proposal.proposers.map((x) => x.memberId).filter((x): x is number => x != null));
  const found = useQuery({
    queryKey: ['members', 'pick', orgId, q],
    queryFn: () => get<Page<Member>>(`/api/orgs/${orgId}/members${qs({ q: q || undefined, active: 'true', limit: 30 })}`),
  });
  const invite = async () => {
    setBusy(true);
    try {
      onDone(await post<Proposal>(`/api/proposals/${proposal.id}/cosigners`, { memberIds: picked }));
      setPicked([]);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Flex gap={8} wrap style={{ marginTop: 12 }}>
      <Select
        mode="multiple"
        showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
        style={{ flex: 1, minWidth: 200 }}
        placeholder={L('搜索委员姓名', 'Search members')}
        value={picked}
        onChange={setPicked}
        loading={found.isFetching}
        options={(found.data?.items ?? [])
          .filter((m) => !taken.has(m.id))
          .map((m) => ({ value: m.id, label: `${m.name}${m.sectorName ? `（${m.sectorName}）` : ''}` }))}
      />
      <Button type="primary" disabled={!picked.length} loading={busy} onClick={invite}>
        {L('邀请联名', 'Invite')}
      </Button>
    </Flex>
  );
}

/**
 * An invitation to co-sign (联名邀请), answered here. It stands at the top of the page, above the text: on a phone the
 * proposers card comes after the whole body, and an invitation found only there is easily missed.
 */
function CosignInvitation({ proposal, onDone }: { proposal: Proposal; onDone: (p: Proposal) => void }) {
  const { L } = useLang();
  const orgId = useOrgId();
  const { me } = useSession();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  // Which proposer row is mine: my member record (members are linked to accounts).
  const mine = useQuery({
    queryKey: ['members', 'self', orgId, me.accountId],
    queryFn: () => get<Page<Member>>(`/api/orgs/${orgId}/members${qs({ q: me.displayName, limit: 20 })}`),
  });
  const myMemberId = mine.data?.items.find((m) => m.accountId === me.accountId)?.id;
  const myStatus = proposal.proposers.find((x) => x.role === 'cosigner' && x.memberId === myMemberId && !x.creditedViaMergeFrom)?.status;
  const cosign = async (decision: 'confirm' | 'decline') => {
    setBusy(true);
    try {
      onDone(await post<Proposal>(`/api/proposals/${proposal.id}/cosign`, { decision }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert
      type={myStatus === 'confirmed' ? 'success' : myStatus === 'declined' ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="cosign-invitation"
      title={
        myStatus === 'confirmed'
          ? L('您已附议此提案（提交前可改为谢绝）', 'You co-signed this proposal (you may still decline before it is submitted)')
          : myStatus === 'declined'
            ? L('您已谢绝联名（提交前可改为附议）', 'You declined (you may still co-sign before it is submitted)')
            : L(`${proposal.proposerName} 邀请您联名此提案`, `${proposal.proposerName} invites you to co-sign`)
      }
      description={
        <Flex wrap gap={8} style={{ marginTop: 8 }}>
          {myStatus !== 'confirmed' ? (
            <Button type="primary" loading={busy} onClick={() => void cosign('confirm')}>
              {L('确认附议', 'Co-sign')}
            </Button>
          ) : null}
          {myStatus !== 'declined' ? (
            <Button loading={busy} onClick={() => void cosign('decline')}>
              {L('谢绝', 'Decline')}
            </Button>
          ) : null}
        </Flex>
      }
    />
  );
}

function Proposers({ proposal, onDone }: { proposal: Proposal; onDone: (p: Proposal) => void }) {
  const { L, p } = useLang();
  return (
    <Card title={L('提案人', 'Proposers')} size="small" style={{ marginBottom: 16 }}>
      <Space wrap>
        {proposal.proposers.map((x) => (
          <Tag
            key={x.id}
            color={x.role === 'first' ? 'red' : x.status === 'confirmed' ? 'green' : x.status === 'declined' ? 'default' : 'orange'}
          >
            {x.name}
            {x.role === 'first'
              ? L('（领衔）', ' (first)')
              : `（${p(PROPOSER_STATUS_LABELS[x.status])}${x.creditedViaMergeFrom ? L('，并案', ', merged') : ''}）`}
          </Tag>
        ))}
      </Space>
      {proposal.abilities.includes('invite') ? <InviteBox proposal={proposal} onDone={onDone} /> : null}
    </Card>
  );
}

// ── Timeline ────────────────────────────────────────────────
const EXTRA_ACTIONS: Record<string, [string, string]> = {
  create: ['创建草稿', 'Created'],
  update: ['修改', 'Updated'],
  merge_in: ['并入其他提案', 'Another proposal merged in'],
  attach: ['上传附件', 'Attachment added'],
  detach: ['删除附件', 'Attachment removed'],
  select_good: ['评为好提案', 'Selected as a good proposal'],
  unselect_good: ['取消好提案', 'Good-proposal selection withdrawn'],
  supervise: ['督办', 'Supervision'],
};

function ProposalTimeline({ proposal }: { proposal: Proposal }) {
  const { L, p, lang } = useLang();
  const id = proposal.id;
  const q = useQuery({
    queryKey: ['proposal-timeline', id],
    queryFn: () => get<{ items: TimelineItem[] }>(`/api/proposals/${id}/timeline`),
  });
  // Unit steps name their unit: the names come from the handling record (shared with the handling panel's query).
  const handling = useQuery({
    queryKey: handlingKey(id),
    enabled: HANDLING_STATES.includes(proposal.state),
    queryFn: () => get<z.infer<typeof HandlingView>>(`/api/proposals/${id}/handling`),
  });
  const unitName = (details: Record<string, unknown>) =>
    typeof details.unitId === 'number' ? handling.data?.assignments.find((a) => a.unitId === details.unitId)?.unitName : undefined;
  const label = (a: string, details: Record<string, unknown>) => {
    if (a === 'cosign' && details.status === 'confirmed') return L('确认附议', 'Co-signed');
    if (a === 'cosign' && details.status === 'declined') return L('谢绝联名', 'Declined to co-sign');
    if (a in PROPOSAL_ACTION_LABELS) return p(PROPOSAL_ACTION_LABELS[a as ProposalAction]);
    if (a in ASSIGNMENT_ACTION_LABELS) {
      const unit = unitName(details);
      return p(ASSIGNMENT_ACTION_LABELS[a as AssignmentAction]) + (unit ? L(`（${unit}）`, ` (${unit})`) : '');
    }
    const x = EXTRA_ACTIONS[a];
    return x ? x[lang === 'en' ? 1 : 0] : a;
  };
  return (
    <Card title={L('流转记录', 'Timeline')} size="small" style={{ marginBottom: 16 }}>
      {q.isPending ? (
        <Spin />
      ) : !q.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={q.data.items.map((e) => ({
            key: e.id,
            content: (
              <div>
                <div>
                  <strong>{label(e.action, e.details)}</strong> · {e.actorName}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {fmtTime(e.at)}
                  {e.fromState && e.toState && e.fromState !== e.toState
                    ? ` · ${p(PROPOSAL_STATE_LABELS[e.fromState])} → ${p(PROPOSAL_STATE_LABELS[e.toState])}`
                    : ''}
                </Typography.Text>
                {e.reason ? <div style={{ whiteSpace: 'pre-wrap' }}>{e.reason}</div> : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

// ── Review actions ──────────────────────────────────────────
type ReviewAction = 'register' | 'merge' | 'not_register' | 'return' | 'withdraw' | 'assign';
const REVIEW_ACTIONS: ReviewAction[] = ['register', 'assign', 'merge', 'not_register', 'return', 'withdraw'];
const REVIEW_URL: Record<ReviewAction, string> = {
  register: 'register',
  merge: 'merge',
  not_register: 'not-register',
  return: 'return',
  withdraw: 'withdraw',
  assign: 'assign',
};

function MergeTargetSelect({
  proposal,
  value,
  onChange,
  preset,
}: {
  proposal: Proposal;
  value?: number;
  onChange?: (v: number) => void;
  preset?: { value: number; label: string };
}) {
  const { L } = useLang();
  const [q, setQ] = useState('');
  const digits = /^\d+$/.test(q) ? Number(q) : null;
  const found = useQuery({
    queryKey: ['proposals', 'merge-target', proposal.orgId, q],
    queryFn: async () => {
      const params = { q: digits == null ? q || undefined : undefined, limit: 100 };
      const [reg, sub] = await Promise.all([
        get<Page<ProposalItem>>(`/api/orgs/${proposal.orgId}/proposals${qs({ ...params, state: 'registered' })}`),
        get<Page<ProposalItem>>(`/api/orgs/${proposal.orgId}/proposals${qs({ ...params, state: 'submitted' })}`),
      ]);
      return [...reg.items, ...sub.items].filter((x) => x.id !== proposal.id && (digits == null || x.number === digits || x.id === digits));
    },
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      value={value}
      onChange={onChange}
      loading={found.isFetching}
      placeholder={L('输入提案号或案由搜索', 'Type a number or words of the subject')}
      options={[
        ...(preset && !(found.data ?? []).some((x) => x.id === preset.value) ? [preset] : []),
        ...(found.data ?? []).map((x) => ({
          value: x.id,
          label: `${x.numberLabel ?? L('（未立案）', '(not registered)')} ${x.subject}`,
        })),
      ]}
    />
  );
}

/** The chosen category as text (no input: Enter in the 立案 dialog keeps submitting it). */
function CategoryValue({ value, names }: { value?: number; names: Map<number, string> }) {
  const { L } = useLang();
  return <Typography.Text strong>{value != null ? (names.get(value) ?? '—') : L('（未分类）', '(none)')}</Typography.Text>;
}

/** 立案 may classify the proposal too: a click on a suggested category takes it. */
function RegisterCategory({ proposal, form }: { proposal: Proposal; form: FormInstance }) {
  const { L } = useLang();
  const categories = useProposalCategories(proposal.orgId);
  const names = new Map((categories.data?.items ?? []).map((c) => [c.id, c.name]));
  return (
    <>
      <Form.Item noStyle dependencies={['categoryId']}>
        {() => (
          <SuggestPanel
            orgId={proposal.orgId}
            proposalId={proposal.id}
            show="category"
            picked={[form.getFieldValue('categoryId') as number]}
            onPickCategory={(id) => form.setFieldsValue({ categoryId: id })}
          />
        )}
      </Form.Item>
      <Form.Item name="categoryId" label={L('分类', 'Category')} initialValue={proposal.categoryId ?? undefined}>
        <CategoryValue names={names} />
      </Form.Item>
    </>
  );
}

function ReviewDialog({
  action,
  proposal,
  onClose,
  onDone,
  mergeTarget,
}: {
  action: ReviewAction;
  proposal: Proposal;
  onClose: () => void;
  onDone: (p: Proposal) => void;
  /** Proposed from the similar-proposals panel (并案). */
  mergeTarget?: { value: number; label: string };
}) {
  const { L, p } = useLang();
  const settings = useProposalSettings(proposal.orgId, action === 'not_register');
  const onError = useErrorHandler();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const finish = async (v: Record<string, unknown>) => {
    if (action === 'assign') v = assignInput(v as Parameters<typeof assignInput>[0]);
    setBusy(true);
    try {
      const res = await post<Proposal>(`/api/proposals/${proposal.id}/${REVIEW_URL[action]}`, { ...v, version: proposal.version });
      onDone(res);
      onClose();
    } catch (err) {
      onError(err, form, () => void qc.invalidateQueries({ queryKey: proposalKey(proposal.id) }));
    } finally {
      setBusy(false);
    }
  };
  const cfg = settings.data?.config;
  const focusIn = useDialogFocus();
  useEffect(() => {
    if (cfg && form.getFieldValue('conversionKind') == null) form.setFieldsValue({ conversionKind: cfg.conversionKinds[0] });
  }, [cfg, form]);
  useEnterSubmits(form);
  return (
    <Modal
      open
      title={p(PROPOSAL_ACTION_LABELS[action])}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ danger: action === 'withdraw' || action === 'not_register' }}
      destroyOnHidden
    >
      <div ref={focusIn} tabIndex={-1} style={{ outline: 'none' }}>
        <Form form={form} layout="vertical" onFinish={finish} initialValues={mergeTarget ? { targetId: mergeTarget.value } : undefined}>
          {action === 'assign' ? <AssignFields orgId={proposal.orgId} form={form} proposalId={proposal.id} /> : null}
          {action === 'register' ? (
            <Typography.Paragraph>
              {L('立案后将按会议届次自动编号。确定立案？', 'The proposal gets the next number of its session. Register it?')}
            </Typography.Paragraph>
          ) : null}
          {action === 'register' ? <RegisterCategory proposal={proposal} form={form} /> : null}
          {action === 'merge' ? (
            <>
              <Form.Item name="targetId" label={L('并入提案', 'Merge into')} rules={[{ required: true }]}>
                <MergeTargetSelect proposal={proposal} preset={mergeTarget} />
              </Form.Item>
              <Form.Item name="note" label={L('说明', 'Note')}>
                <Input maxLength={1000} />
              </Form.Item>
            </>
          ) : null}
          {action === 'not_register' ? (
            <>
              <Form.Item name="reason" label={L('不予立案理由', 'Reason')} rules={[{ required: true }]}>
                <Select loading={settings.isPending} options={(cfg?.notRegisterReasons ?? []).map((r) => ({ value: r, label: r }))} />
              </Form.Item>
              <Form.Item name="conversionKind" label={L('转化方式', 'Convert to')} rules={[{ required: true }]}>
                <Select options={(cfg?.conversionKinds ?? []).map((k) => ({ value: k, label: p(CONVERSION_KIND_LABELS[k]) }))} />
              </Form.Item>
              <Form.Item name="note" label={L('说明', 'Note')}>
                <Input maxLength={1000} />
              </Form.Item>
            </>
          ) : null}
          {action === 'return' ? (
            <Form.Item name="comments" label={L('修改意见', 'Comments for the proposer')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
            </Form.Item>
          ) : null}
          {action === 'withdraw' ? (
            <>
              <Form.Item
                name="proposerConsent"
                valuePropName="checked"
                rules={[
                  {
                    validator: (_, v) =>
                      v ? Promise.resolve() : Promise.reject(new Error(L('撤案须经提案人同意', 'The proposer must consent'))),
                  },
                ]}
              >
                <Checkbox>{L('提案人已同意撤案', 'The proposer consents to the withdrawal')}</Checkbox>
              </Form.Item>
              <Form.Item name="note" label={L('撤案说明', 'Note')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={1000} />
              </Form.Item>
            </>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}

// ── The page ────────────────────────────────────────────────
function ReadView({ proposal }: { proposal: Proposal }) {
  const { L, p } = useLang();
  return (
    <Card style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'n', label: L('提案号', 'Number'), children: proposal.numberLabel ?? '—' },
          { key: 'c', label: L('分类', 'Category'), children: proposal.categoryName ?? '—' },
          { key: 'f', label: L('领衔人', 'First proposer'), children: proposal.proposerName },
          { key: 's', label: L('会议', 'Session'), children: proposal.sessionName ?? '—' },
          { key: 'per', label: L('提出时段', 'Period'), children: proposal.period ? p(PROPOSAL_PERIOD_LABELS[proposal.period]) : '—' },
          { key: 'sub', label: L('提交时间', 'Submitted'), children: fmtTime(proposal.submittedAt) },
          { key: 'pub', label: L('是否公开', 'Public'), children: proposal.isPublic ? L('公开', 'Public') : L('不公开', 'Not public') },
          { key: 'u', label: L('建议承办单位', 'Suggested units'), children: proposal.suggestedUnits.map((u) => u.name).join('、') || '—' },
        ]}
      />
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 16, marginBottom: 0 }}>
        {htmlToText(proposal.body) || L('（正文为空）', '(no body)')}
      </Typography.Paragraph>
      <Attachments proposalId={proposal.id} assignmentId={null} />
    </Card>
  );
}

function Outcome({ proposal }: { proposal: Proposal }) {
  const { L, p } = useLang();
  const items: ReactNode[] = [];
  if (proposal.mergedInto)
    items.push(
      <Alert
        key="mi"
        type="info"
        title={
          <span>
            {L('已并入：', 'Merged into: ')}
            <Link
              to={`/proposals/${proposal.mergedInto.id}`}
            >{`${proposal.mergedInto.numberLabel ?? ''} ${proposal.mergedInto.subject}`}</Link>
          </span>
        }
      />,
    );
  if (proposal.mergedFrom.length)
    items.push(
      <Alert
        key="mf"
        type="info"
        title={
          <span>
            {L('并入本案的提案：', 'Merged into this one: ')}
            {proposal.mergedFrom.map((m, i) => (
              <span key={m.id}>
                {i ? '、' : ''}
                <Link to={`/proposals/${m.id}`}>{m.subject}</Link>
              </span>
            ))}
          </span>
        }
      />,
    );
  if (proposal.conversion)
    items.push(
      <Alert
        key="cv"
        type="warning"
        title={`${L('不予立案', 'Not registered')}：${proposal.conversion.reason}（${p(CONVERSION_KIND_LABELS[proposal.conversion.conversionKind])}）`}
        description={proposal.conversion.note || undefined}
      />,
    );
  const lastRevision = proposal.revisions[proposal.revisions.length - 1];
  if (proposal.state === 'returned' && lastRevision)
    items.push(
      <Alert
        key="rv"
        type="warning"
        showIcon
        title={L(
          `提案委退回修改意见（第 ${lastRevision.round} 次，${fmtTime(lastRevision.returnedAt)}）`,
          `Returned for revision (round ${lastRevision.round}, ${fmtTime(lastRevision.returnedAt)})`,
        )}
        description={<span style={{ whiteSpace: 'pre-wrap' }}>{lastRevision.comments}</span>}
      />,
    );
  if (proposal.state === 'withdrawn' && proposal.reviewNote)
    items.push(<Alert key="wd" type="warning" title={`${L('撤案说明', 'Withdrawal note')}：${proposal.reviewNote}`} />);
  if (!items.length) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {items}
    </Space>
  );
}

export default function ProposalPage() {
  const { id: raw } = useParams();
  const id = Number(raw);
  const valid = Number.isSafeInteger(id) && id > 0;
  const { L, p } = useLang();
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const session = useSession();
  const onError = useErrorHandler();
  const q = useQuery({ queryKey: proposalKey(id), enabled: valid, queryFn: () => get<Proposal>(`/api/proposals/${id}`), retry: false });
  const versionRef = useRef(0);
  const flushRef = useRef<() => Promise<boolean>>(async () => true);
  const [draftForm] = Form.useForm<DraftValues>();
  const [dialog, setDialog] = useState<ReviewAction | null>(null);
  const [mergeTarget, setMergeTarget] = useState<{ value: number; label: string } | undefined>();
  const [busy, setBusy] = useState(false);
  // Opened from the intake list: 下一件 walks that list in its order, 返回列表 goes back to it with its filters.
  const location = useLocation();
  const navigate = useNavigate();
  const walk = walkOf(location.state);
  const nextId = nextInWalk(walk, id);
  const goNext = useCallback(() => {
    if (nextId !== null) void navigate(`/proposals/${nextId}`, { state: walk });
  }, [navigate, nextId, walk]);
  const canRegister = !!q.data?.abilities.includes('register');
  useEffect(() => {
    // n: next proposal of the list; r: 立案 (the dialog then confirms with Enter). Not while typing or in a dialog.
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || dialog) return;
      if ((e.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable=true], .ant-select, .ant-modal')) return;
      if (e.key === 'n' && nextId !== null) goNext();
      else if (e.key === 'r' && canRegister) setDialog('register');
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, nextId, goNext, canRegister]);
  const loadedVersion = q.data?.version;
  const seenId = useRef<number | null>(null);
  useEffect(() => {
    // The version the editor builds on: taken when the proposal is first loaded, then only from our own responses.
    if (loadedVersion != null && seenId.current !== id) {
      seenId.current = id;
      versionRef.current = loadedVersion;
    }
  }, [id, loadedVersion]);

  const onDone = useCallback(
    (res: Proposal) => {
      versionRef.current = res.version;
      qc.setQueryData(proposalKey(res.id), res);
      void qc.invalidateQueries({ queryKey: ['proposal-timeline', res.id] });
      void qc.invalidateQueries({ queryKey: ['proposal-assignments', res.id] });
      void qc.invalidateQueries({ queryKey: ['my-proposals'] });
      void qc.invalidateQueries({ queryKey: ['proposal-review'] });
    },
    [qc],
  );
  const onSaved = useCallback((res: Proposal) => qc.setQueryData(proposalKey(res.id), res), [qc]);
  /** After a step taken in a panel (handling, evaluation): reload the proposal, its timeline and its assignments. */
  const refresh = useCallback(() => {
    void qc.invalidateQueries({ queryKey: proposalKey(id) });
    void qc.invalidateQueries({ queryKey: ['proposal-timeline', id] });
    void qc.invalidateQueries({ queryKey: ['proposal-assignments', id] });
    void qc.invalidateQueries({ queryKey: ['proposal-handling', id] });
    void qc.invalidateQueries({ queryKey: ['proposal-evaluations', id] });
  }, [qc, id]);

  if (!valid || (q.isError && q.error instanceof ApiError && q.error.status === 404))
    return <Result status="404" title={L('提案不存在', 'Proposal not found')} />;
  if (q.isError) return <Result status="error" title={q.error.message} />;
  if (!q.data) return <Spin />;
  const proposal = q.data;
  const can = (a: ProposalAction) => proposal.abilities.includes(a);
  const submitAction: 'submit' | 'resubmit' | null = can('submit') ? 'submit' : can('resubmit') ? 'resubmit' : null;
  // 提交 waits for every invited co-signer's answer (the server refuses it before): say so instead of a refusal.
  const waiting = submitAction ? waitingCosigners(proposal.proposers) : [];

  const submit = () => {
    if (!submitAction) return;
    modal.confirm({
      title: p(PROPOSAL_ACTION_LABELS[submitAction]),
      content: L(
        '提交后将交提案委审查，不能再修改。确定提交？',
        'The proposal goes to the proposal office for review and can no longer be edited. Submit it?',
      ),
      onOk: async () => {
        setBusy(true);
        try {
          if (!(await flushRef.current())) return;
          const res = await post<Proposal>(`/api/proposals/${id}/${submitAction}`, { version: versionRef.current });
          localStorage.removeItem(storageKey(id));
          onDone(res);
          void message.success(L('已提交', 'Submitted'));
        } catch (err) {
          // 案由 or 正文 empty: the error goes under the field and the page scrolls to it (a toast alone is gone
          // before a phone user finds the field).
          onError(err, can('edit') ? draftForm : undefined, () => void qc.invalidateQueries({ queryKey: proposalKey(id) }));
        } finally {
          setBusy(false);
        }
      },
    });
  };

  const reviewButtons = REVIEW_ACTIONS.filter(can);
  return (
    <div>
      <PageHeader
        title={proposal.subject || L('（未填写案由）', '(no subject yet)')}
        sub={
          <Space wrap size={4}>
            <StateTag state={proposal.state as ProposalState} />
            <KindTag kind={proposal.kind} />
            {proposal.numberLabel ? <Tag>{proposal.numberLabel}</Tag> : null}
          </Space>
        }
        extra={
          <>
            {submitAction ? (
              <Button type="primary" loading={busy} disabled={waiting.length > 0} onClick={submit}>
                {p(PROPOSAL_ACTION_LABELS[submitAction])}
              </Button>
            ) : null}
            {reviewButtons.map((a) => (
              <Button
                key={a}
                type={a === 'register' ? 'primary' : 'default'}
                danger={a === 'withdraw' || a === 'not_register'}
                onClick={() => setDialog(a)}
              >
                {p(PROPOSAL_ACTION_LABELS[a])}
              </Button>
            ))}
            {walk ? (
              <Link to={`/proposal-review${walk.reviewSearch ? `?${walk.reviewSearch}` : ''}`}>
                <Button>{L('返回列表', 'Back to the list')}</Button>
              </Link>
            ) : null}
            {nextId !== null ? (
              <Button onClick={goNext} title={L('快捷键 n', 'Key n')}>
                {L('下一件 (n)', 'Next (n)')}
              </Button>
            ) : null}
            {session.can('proposals.review') && proposal.assignedAt ? (
              <Button
                icon={<FileWordOutlined />}
                onClick={() =>
                  void download(`/api/proposals/${proposal.id}/assignment-letter.docx`, `assignment-letter-${proposal.id}.docx`).catch(
                    (err: unknown) => onError(err),
                  )
                }
              >
                {L('交办函', 'Assignment letter')}
              </Button>
            ) : null}
          </>
        }
      />
      <Outcome proposal={proposal} />
      {waiting.length ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="cosigners-waiting"
          title={L(
            `尚有 ${waiting.length} 位联名委员未确认附议（${waiting.join('、')}），全部答复后才能提交`,
            `${waiting.length} co-signers have not answered yet (${waiting.join(', ')}); the proposal can be submitted once all have`,
          )}
        />
      ) : null}
      {can('cosign') ? <CosignInvitation proposal={proposal} onDone={onDone} /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          {can('edit') ? (
            <DraftEditor
              key={proposal.id}
              proposal={proposal}
              versionRef={versionRef}
              onSaved={onSaved}
              flushRef={flushRef}
              form={draftForm}
            />
          ) : (
            <ReadView proposal={proposal} />
          )}
          <HandlingPanel proposal={proposal} onChanged={refresh} />
          <EvaluationPanel proposal={proposal} onChanged={refresh} />
        </Col>
        <Col xs={24} lg={8}>
          {can('edit') ? (
            <SimilarPanel
              source={{ kind: 'draft', orgId: proposal.orgId, subject: proposal.subject, body: proposal.body, excludeId: proposal.id }}
            />
          ) : can('merge') ? (
            <SimilarPanel
              source={{ kind: 'saved', proposalId: proposal.id }}
              onMerge={(it) => (
                setMergeTarget({ value: it.id, label: `${it.label || L('（未立案）', '(not registered)')} ${it.title}` }),
                setDialog('merge')
              )}
            />
          ) : null}
          <Proposers proposal={proposal} onDone={onDone} />
          {proposal.state !== 'draft' && session.can('links.manage') ? <RecordLinks type="proposal" id={proposal.id} /> : null}
          <ProposalTimeline proposal={proposal} />
        </Col>
      </Row>
      {dialog ? (
        <ReviewDialog
          action={dialog}
          proposal={proposal}
          mergeTarget={dialog === 'merge' ? mergeTarget : undefined}
          onClose={() => (setDialog(null), setMergeTarget(undefined))}
          onDone={(res) => {
            onDone(res);
            // Say what happened (the number on 立案) and where to go next.
            const what = p(PROPOSAL_ACTION_LABELS[dialog]);
            const more = nextId !== null ? L('，按 n 处理下一件', '; press n for the next one') : '';
            void message.success(
              res.numberLabel && dialog === 'register' ? L(`已立案：${res.numberLabel}${more}`, `Registered: ${res.numberLabel}${more}`) : L(`已${what}${more}`, `${what}: done${more}`),
            );
          }}
        />
      ) : null}
    </div>
  );
}
