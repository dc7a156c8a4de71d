import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Button, Card, DatePicker, Empty, Form, Input, List, Modal, Select, Space, Spin, Tag, Typography } from 'antd';
import { INSTRUCTION_LEVELS, OUTCOME_KIND_LABELS, type IssueView, type OutcomeView } from '@common/activities';
import { get, post } from '../api';
import { useLang } from '../i18n';
import { htmlToText } from '../proposals';
import { useOrgId } from '../session';
import { PageHeader, useErrorHandler } from '../ui';
import { UnitPicker } from '../components/pickers';
import { IssueCard } from './activity/IssueCard';
import { RecordLinks } from '../components/RecordLinks';

/** An outcome: findings and recommendations, leader instructions (批示), and its problem list. */
export default function ActivityOutcomePage() {
  const { id } = useParams();
  const outcomeId = Number(id);
  const { L, p, t } = useLang();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const key = ['activity-outcome', outcomeId];
  const q = useQuery({ queryKey: key, queryFn: () => get<OutcomeView>(`/api/activity-outcomes/${outcomeId}`) });
  const [dialog, setDialog] = useState<'instruction' | 'issue' | null>(null);
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const o = q.data;
  if (q.isPending) return <Spin />;
  if (!o) return <Empty description={q.error?.message} />;
  const setIssue = (v: IssueView) => qc.setQueryData<OutcomeView>(key, { ...o, issues: o.issues.map((i) => (i.id === v.id ? v : i)) });
  const save = async () => {
    const v = (await form.validateFields().catch(() => null)) as Record<string, unknown> | null;
    if (!v) return;
    setBusy(true);
    try {
      const next =
        dialog === 'instruction'
          ? await post<OutcomeView>(`/api/activity-outcomes/${o.id}/instructions`, {
              ...v,
              instructedOn: (v.instructedOn as dayjs.Dayjs).format('YYYY-MM-DD'),
            })
          : await post<OutcomeView>(`/api/activity-outcomes/${o.id}/issues`, {
              ...v,
              responseDue: v.responseDue ? (v.responseDue as dayjs.Dayjs).format('YYYY-MM-DD') : undefined,
            });
      qc.setQueryData(key, next);
      setDialog(null);
      form.resetFields();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div>
      <PageHeader
        title={o.title}
        sub={
          <Space wrap size={4}>
            <Tag color="red">{p(OUTCOME_KIND_LABELS[o.kind])}</Tag>
            <Link to={`/activities/${o.activityId}`}>{o.activityTopic}</Link>
            {o.authorName ? <Typography.Text type="secondary">{o.authorName}</Typography.Text> : null}
          </Space>
        }
        extra={
          o.canManage ? (
            <>
              <Button onClick={() => setDialog('instruction')}>{L('登记批示', 'Add instruction')}</Button>
              <Button type="primary" onClick={() => setDialog('issue')}>
                {L('新增问题', 'Add issue')}
              </Button>
            </>
          ) : null
        }
      />
      <Card size="small" title={L('主要发现', 'Findings')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{htmlToText(o.findings) || '—'}</Typography.Paragraph>
      </Card>
      <Card size="small" title={L('意见建议', 'Recommendations')} style={{ marginBottom: 12 }}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {htmlToText(o.recommendations) || '—'}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={L('领导批示', 'Leader instructions')} style={{ marginBottom: 12 }}>
        <List
          dataSource={o.instructions}
          locale={{ emptyText: L('暂无', 'None yet') }}
          renderItem={(x) => (
            <List.Item>
              <Space wrap size={4}>
                <Tag>{x.level}</Tag>
                <Typography.Text strong>{x.leader}</Typography.Text>
                <Typography.Text type="secondary">{x.instructedOn}</Typography.Text>
                <span>「{x.text}」</span>
              </Space>
            </List.Item>
          )}
        />
      </Card>
      <RecordLinks type="outcome" id={o.id} />
      <Typography.Title level={5}>
        {L('问题清单', 'Problem list')}（{o.issues.length}）
      </Typography.Title>
      {o.issues.length ? (
        o.issues.map((i) => <IssueCard key={i.id} issue={i} onChanged={setIssue} />)
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无问题', 'No issues yet')} />
      )}
      {dialog ? (
        <Modal
          open
          title={
            dialog === 'instruction'
              ? L('登记领导批示', 'Add a leader instruction')
              : L('新增问题并交部门表态', 'Add an issue for departments')
          }
          onCancel={() => setDialog(null)}
          onOk={() => void save()}
          okText={t('save')}
          confirmLoading={busy}
          destroyOnHidden
        >
          <Form form={form} layout="vertical">
            {dialog === 'instruction' ? (
              <>
                <Form.Item name="leader" label={L('批示领导', 'Leader')} rules={[{ required: true }]}>
                  <Input maxLength={50} placeholder={L('如：区委书记', 'e.g. district party secretary')} />
                </Form.Item>
                <Form.Item name="level" label={L('层级', 'Level')} rules={[{ required: true }]} initialValue="区">
                  <Select options={INSTRUCTION_LEVELS.map((x) => ({ value: x, label: x }))} />
                </Form.Item>
                <Form.Item name="text" label={L('批示内容', 'Text')} rules={[{ required: true }]}>
                  <Input.TextArea autoSize={{ minRows: 3 }} maxLength={2000} />
                </Form.Item>
                <Form.Item name="instructedOn" label={L('批示日期', 'Date')} rules={[{ required: true }]}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </>
            ) : (
              <>
                <Form.Item name="title" label={L('问题', 'Issue')} rules={[{ required: true }]}>
                  <Input maxLength={300} />
                </Form.Item>
                <Form.Item name="detail" label={L('具体情况', 'Details')}>
                  <Input.TextArea autoSize={{ minRows: 2 }} maxLength={5000} />
                </Form.Item>
                <Form.Item name="unitIds" label={L('责任部门', 'Departments')} rules={[{ required: true }]}>
                  <UnitPicker orgId={orgId} single={false} />
                </Form.Item>
                <Form.Item name="responseDue" label={L('表态期限（不填按设置的工作日数）', 'Answer due (default from settings)')}>
                  <DatePicker style={{ width: '100%' }} />
                </Form.Item>
              </>
            )}
          </Form>
        </Modal>
      ) : null}
    </div>
  );
}
