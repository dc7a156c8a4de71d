import { useState } from 'react';
import dayjs from 'dayjs';
import { Button, Card, DatePicker, Descriptions, Flex, Form, Input, Modal, Space, Tag, Timeline, Typography } from 'antd';
import { ISSUE_ACTION_LABELS, ISSUE_STATUS_LABELS, type IssueAction, type IssueView } from '@common/activities';
import { post } from '../../api';
import { useLang } from '../../i18n';
import { useErrorHandler } from '../../ui';
import { IssueStatusTag } from './common';

/** One problem-list issue: its units' answers (表态), progress, and the caller's actions from `abilities`. */
export function IssueCard({ issue, onChanged }: { issue: IssueView; onChanged: (v: IssueView) => void }) {
  const { L, p, t } = useLang();
  const onError = useErrorHandler();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<IssueAction | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (action: IssueAction, v: Record<string, unknown>) => {
    const base = `/api/problem-issues/${issue.id}`;
    if (action === 'respond')
      return post<IssueView>(`${base}/respond`, { ...v, plannedCompletion: (v.plannedCompletion as dayjs.Dayjs).format('YYYY-MM-DD') });
    if (action === 'progress') return post<IssueView>(`${base}/progress`, v);
    if (action === 'close') return post<IssueView>(`${base}/close`, { version: issue.version });
    return post<IssueView>(`${base}/settle`, { result: action, reason: v.reason ?? '', version: issue.version });
  };
  const run = async (action: IssueAction) => {
    const v = action === 'close' ? {} : ((await form.validateFields().catch(() => null)) as Record<string, unknown> | null);
    if (!v) return;
    setBusy(true);
    try {
      onChanged(await send(action, v));
      setOpen(null);
      form.resetFields();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`issue-${issue.id}`}>
      <Flex justify="space-between" wrap gap={8}>
        <Space wrap size={4}>
          <Typography.Text strong>
            {issue.seq}. {issue.title}
          </Typography.Text>
          <IssueStatusTag status={issue.status} />
          {issue.result && issue.status === 'closed' ? <Tag>{p(ISSUE_STATUS_LABELS[issue.result])}</Tag> : null}
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {L('表态期限', 'Answer due')} {issue.responseDue}
        </Typography.Text>
      </Flex>
      {issue.detail ? (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0' }}>
          {issue.detail}
        </Typography.Paragraph>
      ) : null}
      {issue.resultReason ? (
        <Typography.Paragraph style={{ margin: '4px 0' }}>
          {L('说明：', 'Note: ')}
          {issue.resultReason}
        </Typography.Paragraph>
      ) : null}
      {issue.units.map((u) => (
        <Descriptions
          key={u.unitId}
          size="small"
          column={1}
          bordered
          style={{ marginTop: 6 }}
          title={
            <Typography.Text style={{ fontSize: 13 }}>
              {u.unitName}
              {u.respondedAt ? '' : L('（待表态）', ' (not answered yet)')}
            </Typography.Text>
          }
        >
          {u.respondedAt ? (
            <>
              <Descriptions.Item label={L('承诺事项', 'Commitment')}>{u.commitment}</Descriptions.Item>
              <Descriptions.Item label={L('具体措施', 'Measures')}>{u.measures}</Descriptions.Item>
              <Descriptions.Item label={L('计划完成', 'Planned')}>{u.plannedCompletion}</Descriptions.Item>
            </>
          ) : null}
        </Descriptions>
      ))}
      {issue.updates.length ? (
        <Timeline
          style={{ marginTop: 12, marginBottom: 0 }}
          items={issue.updates.map((u) => ({ content: `${u.createdAt.slice(0, 10)} ${u.authorName}：${u.body}` }))}
        />
      ) : null}
      {issue.abilities.length ? (
        <Space wrap style={{ marginTop: 8 }}>
          {issue.abilities.map((x) => (
            <Button
              key={x}
              size="small"
              type={x === 'respond' || x === 'converted' ? 'primary' : 'default'}
              onClick={() => (x === 'close' ? void run('close') : setOpen(x))}
              loading={busy && x === 'close'}
            >
              {p(ISSUE_ACTION_LABELS[x])}
            </Button>
          ))}
        </Space>
      ) : null}
      {open ? (
        <Modal
          open
          title={p(ISSUE_ACTION_LABELS[open])}
          onCancel={() => setOpen(null)}
          onOk={() => void run(open)}
          okText={t('save')}
          confirmLoading={busy}
          destroyOnHidden
        >
          <Form form={form} layout="vertical">
            {open === 'respond' ? (
              <>
                <Form.Item name="commitment" label={L('承诺事项', 'Commitment')} rules={[{ required: true }]}>
                  <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
                </Form.Item>
                <Form.Item name="measures" label={L('具体措施', 'Measures')} rules={[{ required: true }]}>
                  <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
                </Form.Item>
                <Form.Item name="plannedCompletion" label={L('计划完成时间', 'Planned completion')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </>
            ) : open === 'progress' ? (
              <Form.Item name="body" label={L('落实进展', 'Progress')} rules={[{ required: true }]}>
                <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
              </Form.Item>
            ) : (
              <Form.Item name="reason" label={L('说明', 'Note')} rules={[{ required: open === 'cannot_resolve' }]}>
                <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
              </Form.Item>
            )}
          </Form>
        </Modal>
      ) : null}
    </Card>
  );
}
