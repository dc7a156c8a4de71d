import { useState } from 'react';
import { Alert, Form, Modal, Radio, Switch, Typography, type FormInstance } from 'antd';
import { ASSIGN_MODE_LABELS, ASSIGN_MODES, MODE_UNIT_COUNT, type AssignMode } from '@common/proposals';
import { ApiError, post } from '../../api';
import { useDialogFocus, useEnterSubmits } from '../../components/dialog';
import { LeaderPicker, UnitPicker } from '../../components/pickers';
import { SuggestPanel } from '../../components/SuggestPanel';
import { useLang } from '../../i18n';
import { useProposalSettings, type ProposalItem } from '../../proposals';
import { useErrorHandler } from '../../ui';

interface BulkError {
  index: number;
  proposalId: number;
  message: string;
}

/**
 * 批量交办: the same mode and units (and, optionally, the key flag with its supervising leader) for every selected
 * registered proposal. All or nothing: when any item cannot be assigned the server assigns none, and the dialog lists
 * which ones and why, so the clerk can deselect them and try again.
 */
export function BulkAssignDialog({
  orgId,
  items,
  onClose,
  onDone,
}: {
  orgId: number;
  items: ProposalItem[];
  onClose: () => void;
  onDone: (count: number) => void;
}) {
  const { L } = useLang();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<BulkError[]>([]);
  const onError = useErrorHandler();
  const focusIn = useDialogFocus();
  useEnterSubmits(form);
  const finish = async (v: { assignMode: AssignMode; units: number[]; isKey?: boolean; supervisorAccountId?: number | null }) => {
    setBusy(true);
    setErrors([]);
    try {
      await post(`/api/orgs/${orgId}/proposals/assign-bulk`, {
        items: items.map((i) => ({ proposalId: i.id, ...assignInput(v), version: i.version })),
      });
      onDone(items.length);
      onClose();
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { errors?: BulkError[] } | undefined) : undefined;
      if (details?.errors?.length) setErrors(details.errors);
      else onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  const subjectOf = (id: number) => {
    const it = items.find((i) => i.id === id);
    return it ? `${it.numberLabel ?? ''} ${it.subject}`.trim() : `#${id}`;
  };
  return (
    <Modal
      open
      title={L(`批量交办（${items.length} 件）`, `Assign ${items.length} proposals`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={L('交办', 'Assign')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <div
        ref={focusIn}
        tabIndex={-1}
        style={{ outline: 'none' }}
        onKeyDown={(e) => {
          // Ctrl+Enter submits from anywhere, also from inside a picker (where Enter picks an option).
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.stopPropagation();
            form.submit();
          }
        }}
      >
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, expandable: true }}>
          {items.map((i) => i.numberLabel ?? i.subject).join('、')}
        </Typography.Paragraph>
        {errors.length ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={L(
              `${errors.length} 件不能交办，未交办任何提案。请取消勾选后重试：`,
              `${errors.length} cannot be assigned; nothing was assigned:`,
            )}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {errors.map((e) => (
                  <li key={e.proposalId}>
                    {subjectOf(e.proposalId)}：{e.message}
                  </li>
                ))}
              </ul>
            }
          />
        ) : null}
        <Form form={form} layout="vertical" onFinish={finish} initialValues={{ units: [] }}>
          <AssignFields orgId={orgId} form={form} autoFocus />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {L('Ctrl+Enter 交办；全部成功或全部不交办。', 'Ctrl+Enter assigns; all or nothing.')}
          </Typography.Text>
        </Form>
      </div>
    </Modal>
  );
}

/** What 交办 asks for, in one place for the single and the bulk dialog: mode, units in order (主办+协办: the first leads), key flag with its supervising leader. */
export function AssignFields({ orgId, form, autoFocus, proposalId }: { orgId: number; form: FormInstance; autoFocus?: boolean; proposalId?: number }) {
  const { L, p } = useLang();
  const units = (): number[] => form.getFieldValue('units') ?? [];
  const cfg = useProposalSettings(orgId).data?.config;
  return (
    <>
      {proposalId ? (
        <Form.Item noStyle dependencies={['units', 'assignMode']}>
          {() => (
            <SuggestPanel
              orgId={orgId}
              proposalId={proposalId}
              show="units"
              picked={units()}
              onPickLead={(id) => form.setFieldsValue({ units: form.getFieldValue('assignMode') === 'sole' ? [id] : [id, ...units().filter((u) => u !== id)] })}
              onPickCo={(id) => units().includes(id) || form.setFieldsValue({ assignMode: 'lead_co', units: [...units(), id] })}
            />
          )}
        </Form.Item>
      ) : null}
      <Form.Item name="assignMode" label={L('交办方式', 'Mode')} rules={[{ required: true }]} initialValue="sole">
        <Radio.Group
          options={ASSIGN_MODES.map((m) => ({ value: m, label: p(ASSIGN_MODE_LABELS[m]) }))}
          onChange={() => form.setFieldsValue({ units: [] })}
        />
      </Form.Item>
      <Form.Item noStyle dependencies={['assignMode']}>
        {() => {
          const mode = (form.getFieldValue('assignMode') ?? 'sole') as AssignMode;
          const { min, max } = MODE_UNIT_COUNT[mode];
          const range = min === max ? `${min}` : `${min}–${max}`;
          return (
            <Form.Item
              name="units"
              label={L('承办单位', 'Handling units')}
              extra={mode === 'lead_co' ? L('第一个为主办单位，其余为协办单位', 'The first unit leads; the others co-handle') : undefined}
              rules={[
                {
                  validator: (_, v: number[] | undefined) =>
                    (v?.length ?? 0) >= min && (v?.length ?? 0) <= max
                      ? Promise.resolve()
                      : Promise.reject(new Error(L(`请选择 ${range} 个单位`, `Pick ${range} unit(s)`))),
                },
              ]}
            >
              <UnitPicker orgId={orgId} single={mode === 'sole'} autoFocus={autoFocus} />
            </Form.Item>
          );
        }}
      </Form.Item>
      {cfg ? (
        <Form.Item noStyle dependencies={['assignMode']}>
          {() => (
            // The clocks the assignment will start, from the organization's settings (the dates are set by the server).
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: -8 }}>
              {L(
                `期限：承办单位于 ${cfg.adjustmentWindowWorkdays} 个工作日内签收或申请调整；交办之日起 ${cfg.replyMonths} 个月内答复（遇节假日顺延）` +
                  (form.getFieldValue('assignMode') === 'lead_co' ? `；协办意见 ${cfg.coHandlerOpinionMonths} 个月内送主办单位` : '') +
                  '。',
                `Clocks: sign or ask for an adjustment within ${cfg.adjustmentWindowWorkdays} working days; reply within ${cfg.replyMonths} months of assignment (moved to the next working day)` +
                  (form.getFieldValue('assignMode') === 'lead_co' ? `; co-handler opinions within ${cfg.coHandlerOpinionMonths} months` : '') +
                  '.',
              )}
            </Typography.Paragraph>
          )}
        </Form.Item>
      ) : null}
      <Form.Item name="isKey" label={L('重点提案', 'Key proposal')} valuePropName="checked" initialValue={false}>
        <Switch />
      </Form.Item>
      <Form.Item noStyle dependencies={['isKey']}>
        {() =>
          form.getFieldValue('isKey') ? (
            <Form.Item
              name="supervisorAccountId"
              label={L('督办领导', 'Supervising leader')}
              rules={[{ required: true, message: L('重点提案须选择督办领导', 'A key proposal needs a supervising leader') }]}
            >
              <LeaderPicker orgId={orgId} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
    </>
  );
}

/** The assignment fields of a 交办 request from the form's values (no supervisor unless key). */
export const assignInput = (v: { assignMode: AssignMode; units: number[]; isKey?: boolean; supervisorAccountId?: number | null }) => ({
  assignMode: v.assignMode,
  units: v.units,
  isKey: !!v.isKey,
  supervisorAccountId: v.isKey ? (v.supervisorAccountId ?? null) : null,
});
