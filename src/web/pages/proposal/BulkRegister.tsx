import { useState } from 'react';
import { Alert, Form, Modal, Typography } from 'antd';
import type { z } from 'zod';
import type { RegisterBulkResult } from '@common/proposals';
import { ApiError, post } from '../../api';
import { useDialogFocus, useEnterSubmits } from '../../components/dialog';
import { useLang } from '../../i18n';
import type { ProposalItem } from '../../proposals';
import { useErrorHandler } from '../../ui';

interface BulkError {
  proposalId: number;
  message: string;
}
type Registered = z.infer<typeof RegisterBulkResult>['items'];

/**
 * 批量立案 from the intake list: the ticked submitted proposals, numbered in `items` order (oldest submission first).
 * All or nothing: when any one is refused (changed meanwhile, another state) none is registered, and the dialog lists
 * which ones and why, so the clerk can untick them and confirm again. Enter confirms.
 */
export function BulkRegisterDialog({
  orgId,
  items,
  onClose,
  onDone,
}: {
  orgId: number;
  items: ProposalItem[];
  onClose: () => void;
  onDone: (registered: Registered) => void;
}) {
  const { L } = useLang();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<BulkError[]>([]);
  const onError = useErrorHandler();
  const focusIn = useDialogFocus();
  useEnterSubmits(form);
  const finish = async () => {
    if (busy) return;
    setBusy(true);
    setErrors([]);
    try {
      const res = await post<{ items: Registered }>(`/api/orgs/${orgId}/proposals/register-bulk`, {
        items: items.map((i) => ({ proposalId: i.id, version: i.version })),
      });
      onDone(res.items);
      onClose();
    } catch (err) {
      const details = err instanceof ApiError ? (err.details as { errors?: BulkError[] } | undefined) : undefined;
      if (details?.errors?.length) setErrors(details.errors);
      else onError(err);
    } finally {
      setBusy(false);
    }
  };
  const subjectOf = (id: number) => items.find((i) => i.id === id)?.subject ?? `#${id}`;
  return (
    <Modal
      open
      title={L(`批量立案（${items.length} 件）`, `Register ${items.length} proposals`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={L('立案', 'Register')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <div ref={focusIn} tabIndex={-1} style={{ outline: 'none' }}>
        <Typography.Paragraph>
          {L(
            '以下提案将按提交时间先后依次编号立案，提案人会收到通知。确定立案？',
            'These proposals get the next numbers of their session, oldest submission first; the proposers are notified. Register them?',
          )}
        </Typography.Paragraph>
        <ol style={{ maxHeight: 240, overflow: 'auto', paddingInlineStart: 22, margin: '0 0 12px' }}>
          {items.map((i) => (
            <li key={i.id}>
              <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                {i.subject || L('（未填写案由）', '(no subject)')}
              </Typography.Text>
            </li>
          ))}
        </ol>
        {errors.length ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={L(`${errors.length} 件不能立案，未立案任何提案。请取消勾选后重试：`, `${errors.length} cannot be registered; nothing was registered:`)}
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
        <Form form={form} onFinish={() => void finish()}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {L('Enter 立案；全部成功或全部不立案。', 'Enter registers; all or nothing.')}
          </Typography.Text>
        </Form>
      </div>
    </Modal>
  );
}
