import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Button, Card, DatePicker, Empty, Form, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import {
  CONVERT_ACTIONS,
  REQUEST_ACTION_LABELS,
  REQUEST_OUTCOME_LABELS,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
  type RequestAction,
  type RequestListView,
  type RequestStatus,
  type RequestView,
} from '@common/studios';
import { get, post, qs } from '../../api';
import { useLang } from '../../i18n';
import { DataTable } from '../../ui';
import { FormDialog } from '../coop/common';

const STATUS_COLORS: Record<RequestStatus, string> = { pending: 'warning', in_progress: 'processing', closed: 'success' };

/** What each action asks for in its dialog. */
const needsTitle = (a: RequestAction) => (CONVERT_ACTIONS as readonly string[]).includes(a);
const needsText = (a: RequestAction) => a === 'reply' || a === 'close' || a === 'reopen';

/** 群众诉求: the studio's requests, registered by the office and turned into a proposal, a report, an item or a reply. */
export function StudioRequests({ studioId, members }: { studioId: number; members: Array<{ id: number; name: string }> }) {
  const { L, p } = useLang();
  const qc = useQueryClient();
  const [status, setStatus] = useState<RequestStatus | 'all'>('all');
  const [registering, setRegistering] = useState(false);
  const [acting, setActing] = useState<{ r: RequestView; action: RequestAction } | null>(null);
  const q = useQuery({
    queryKey: ['studio-requests', studioId, status],
    queryFn: () => get<RequestListView>(`/api/studios/${studioId}/requests${qs({ status: status === 'all' ? undefined : status })}`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['studio-requests', studioId] });
  return (
    <Card
      size="small"
      title={L('群众诉求', 'Public requests')}
      style={{ marginBottom: 12 }}
      extra={
        <Space wrap>
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as RequestStatus | 'all')}
            options={[
              { value: 'all', label: L('全部', 'All') },
              ...REQUEST_STATUSES.map((s) => ({ value: s, label: p(REQUEST_STATUS_LABELS[s]) })),
            ]}
          />
          {q.data?.canRegister ? (
            <Button type="primary" onClick={() => setRegistering(true)}>
              {L('登记诉求', 'Register a request')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <DataTable<RequestView>
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('尚无群众诉求', 'No requests yet')} /> }}
        expandable={{
          expandedRowRender: (r) => (
            <div>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{r.content}</Typography.Paragraph>
              {r.reply ? (
                <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                  {L('答复：', 'Reply: ')}
                  {r.reply}
                </Typography.Paragraph>
              ) : null}
            </div>
          ),
        }}
        columns={[
          { title: L('受理日期', 'Received'), dataIndex: 'receivedOn', key: 'd' },
          {
            title: L('诉求人', 'Requester'),
            key: 'who',
            render: (_: unknown, r) => (
              <span>
                {r.requesterName}
                {r.contact ? <Typography.Text type="secondary">（{r.contact}）</Typography.Text> : null}
              </span>
            ),
          },
          {
            title: L('诉求内容', 'Content'),
            key: 'c',
            render: (_: unknown, r) => (r.content.length > 40 ? `${r.content.slice(0, 40)}…` : r.content),
          },
          { title: L('接待委员', 'Received by'), dataIndex: 'receivedByName', key: 'm' },
          {
            title: L('状态', 'Status'),
            key: 's',
            render: (_: unknown, r) => <Tag color={STATUS_COLORS[r.status]}>{p(REQUEST_STATUS_LABELS[r.status])}</Tag>,
          },
          {
            title: L('办理方式', 'Outcome'),
            key: 'o',
            render: (_: unknown, r) =>
              !r.outcome ? (
                '—'
              ) : (
                <span>
                  {r.outcomeLink ? (
                    <Link to={r.outcomeLink}>{p(REQUEST_OUTCOME_LABELS[r.outcome])}</Link>
                  ) : (
                    p(REQUEST_OUTCOME_LABELS[r.outcome])
                  )}
                  {r.outcomeDraft ? (
                    <Typography.Text type="secondary">
                      {L(`（草稿，待${r.receivedByName}完善提交）`, ` (a draft for ${r.receivedByName} to complete and submit)`)}
                    </Typography.Text>
                  ) : null}
                </span>
              ),
          },
          {
            title: '',
            key: 'x',
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                {r.abilities.map((a) => (
                  <Button key={a} size="small" onClick={() => setActing({ r, action: a })}>
                    {p(REQUEST_ACTION_LABELS[a])}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {registering ? (
        <FormDialog
          title={L('登记群众诉求', 'Register a public request')}
          onClose={() => setRegistering(false)}
          initial={{ receivedOn: dayjs() }}
          send={async (v) => {
            await post<RequestView>(`/api/studios/${studioId}/requests`, {
              requesterName: v.requesterName,
              contact: v.contact ?? '',
              content: v.content,
              receivedOn: (v.receivedOn as dayjs.Dayjs).format('YYYY-MM-DD'),
              receivedByMemberId: v.receivedByMemberId,
            });
            refresh();
          }}
        >
          <Form.Item name="requesterName" label={L('诉求人', 'Requester')} rules={[{ required: true }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="contact" label={L('联系方式（仅工作人员可见）', 'Contact (staff only)')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="content" label={L('诉求内容', 'Content')} rules={[{ required: true }]}>
            <Input.TextArea rows={4} maxLength={3000} showCount />
          </Form.Item>
          <Form.Item name="receivedOn" label={L('受理日期', 'Date received')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="receivedByMemberId" label={L('接待委员', 'Received by')} rules={[{ required: true }]}>
            <Select options={members.map((m) => ({ value: m.id, label: m.name }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {acting ? (
        <FormDialog
          title={`${p(REQUEST_ACTION_LABELS[acting.action])} · ${acting.r.requesterName}`}
          okText={p(REQUEST_ACTION_LABELS[acting.action])}
          onClose={() => setActing(null)}
          send={async (v) => {
            await post<RequestView>(`/api/studio-requests/${acting.r.id}/step`, {
              action: acting.action,
              title: v.title || undefined,
              replyText: v.replyText ?? '',
              version: acting.r.version,
            });
            refresh();
          }}
        >
          <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
            {acting.r.content}
          </Typography.Paragraph>
          {needsTitle(acting.action) ? (
            <>
              <Typography.Paragraph>
                {acting.action === 'to_cooperation_item'
                  ? L(
                      `将新建合作事项，${acting.r.receivedByName}列为参与委员。`,
                      `A cooperation item will be created with ${acting.r.receivedByName} as participant.`,
                    )
                  : L(
                      `将为接待委员${acting.r.receivedByName}生成草稿，由其完善后提交。`,
                      `A draft will be created for ${acting.r.receivedByName} to complete and submit.`,
                    )}
              </Typography.Paragraph>
              <Form.Item name="title" label={L('标题（可选，默认取诉求内容）', 'Title (optional)')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : null}
          {needsText(acting.action) ? (
            <Form.Item
              name="replyText"
              label={acting.action === 'reply' ? L('答复内容', 'Reply') : L('说明', 'Note')}
              rules={acting.action === 'reply' ? [{ required: true }] : []}
            >
              <Input.TextArea rows={3} maxLength={3000} />
            </Form.Item>
          ) : null}
        </FormDialog>
      ) : null}
    </Card>
  );
}
