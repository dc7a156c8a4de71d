import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Descriptions, Empty, Flex, Form, Input, Select, Space, Spin, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import {
  COOP_ACTION_LABELS,
  POINT_ACTION_LABELS,
  type CoopAction,
  type CoopItemView,
  type CoopPointView,
  type PointAction,
} from '@common/cooperation';
import { get, patch, post } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { PageHeader, useErrorHandler } from '../ui';
import { RecordLinks } from '../components/RecordLinks';
import { CoopStatusTag, FormDialog, PointStatusTag, PointsBar, fmtDay, useCampaignOptions } from './coop/common';

const itemKey = (id: number) => ['coop-item', id] as const;
type Dialog = { kind: 'edit' | 'suspend' | 'point' | 'progress' } | { kind: 'step'; point: CoopPointView; action: PointAction } | null;

function PointCard({ pt, onAct, onLog }: { pt: CoopPointView; onAct: (a: PointAction) => void; onLog: () => void }) {
  const { L, p } = useLang();
  return (
    <Card size="small" style={{ marginBottom: 8 }} data-testid={`coop-point-${pt.seq}`}>
      <Flex justify="space-between" wrap gap={8} align="start">
        <Space orientation="vertical" size={2} style={{ flex: 1, minWidth: 220 }}>
          <Typography.Text strong>
            {pt.seq}. {pt.content}
          </Typography.Text>
          <Flex wrap gap={6} align="center">
            <PointStatusTag status={pt.status} />
            {pt.ownerName ? <Tag>{L('责任方：', 'Owner: ') + pt.ownerName}</Tag> : null}
            {pt.dueDate ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{L('时限 ', 'Due ') + pt.dueDate}</Typography.Text> : null}
          </Flex>
          {pt.target ? <Typography.Text type="secondary">{L('目标：', 'Target: ') + pt.target}</Typography.Text> : null}
          {pt.evidence ? (
            <Typography.Text>
              {L('佐证：', 'Evidence: ')}
              {pt.evidence}
              {pt.evidenceRef ? <Typography.Text type="secondary">（{pt.evidenceRef}）</Typography.Text> : null}
            </Typography.Text>
          ) : null}
        </Space>
        <Flex wrap gap={6}>
          {pt.abilities.map((a) => (
            <Button key={a} size="small" type={a === 'complete' ? 'primary' : 'default'} onClick={() => onAct(a)}>
              {p(POINT_ACTION_LABELS[a])}
            </Button>
          ))}
          {pt.canLog ? (
            <Button size="small" onClick={onLog}>
              {L('记录进展', 'Log progress')}
            </Button>
          ) : null}
        </Flex>
      </Flex>
    </Card>
  );
}

/** One cooperation item: parties, consensus points with evidence, progress log, links. */
export default function CoopItemPage() {
  const { id } = useParams();
  const itemId = Number(id);
  const { L, p } = useLang();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const onError = useErrorHandler();
  const q = useQuery({ queryKey: itemKey(itemId), queryFn: () => get<CoopItemView>(`/api/coop-items/${itemId}`) });
  const campaigns = useCampaignOptions(orgId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [logPoint, setLogPoint] = useState<number | null>(null);
  const it = q.data;
  if (q.isPending) return <Spin />;
  if (!it) return <Empty description={q.error?.message} />;
  const set = (v: CoopItemView) => {
    qc.setQueryData(itemKey(itemId), v);
    void qc.invalidateQueries({ queryKey: ['coop-items'] });
  };
  const close = () => setDialog(null);
  const step = (action: 'complete' | 'resume') =>
    modal.confirm({
      title: p(COOP_ACTION_LABELS[action]) + '？',
      okText: p(COOP_ACTION_LABELS[action]),
      onOk: async () => {
        try {
          set(await post<CoopItemView>(`/api/coop-items/${itemId}/${action}`, { version: it.version }));
        } catch (err) {
          onError(err, undefined, () => void q.refetch());
        }
      },
    });
  const actionButton = (a: CoopAction) => {
    const label = p(COOP_ACTION_LABELS[a]);
    switch (a) {
      case 'edit':
        return <Button key={a} onClick={() => setDialog({ kind: 'edit' })}>{label}</Button>;
      case 'complete':
        return <Button key={a} type="primary" onClick={() => step('complete')}>{label}</Button>;
      case 'resume':
        return <Button key={a} onClick={() => step('resume')}>{label}</Button>;
      case 'suspend':
        return <Button key={a} danger onClick={() => setDialog({ kind: 'suspend' })}>{label}</Button>;
      case 'add_point':
        return <Button key={a} onClick={() => setDialog({ kind: 'point' })}>{label}</Button>;
      case 'add_progress':
        return (
          <Button key={a} onClick={() => { setLogPoint(null); setDialog({ kind: 'progress' }); }}>
            {label}
          </Button>
        );
    }
  };
  const owner = it.viewer === 'owner';
  const loggable = it.pointList.filter((x) => x.canLog);
  const pointName = new Map(it.pointList.map((x) => [x.id, `${x.seq}. ${x.content}`]));
  return (
    <div>
      <PageHeader
        title={it.title}
        sub={
          <Space wrap size={4}>
            <CoopStatusTag status={it.status} />
            {!owner ? <Tag color="purple">{L('本单位为合作方', 'We are a party')}</Tag> : null}
            <span>{L('牵头：', 'Lead: ') + it.orgName}</span>
          </Space>
        }
        extra={it.abilities.filter((a) => a !== 'add_progress' || owner || loggable.length > 0).map(actionButton)}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
          <Descriptions.Item label={L('合作方', 'Parties')}>
            <Flex wrap gap={4}>
              {it.partyList.map((x) => (
                <Tag key={x.id} color={x.orgId ? 'blue' : undefined}>
                  {x.name}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label={L('共识事项进度', 'Points done')}>
            <PointsBar done={it.pointsDone} total={it.points} />
          </Descriptions.Item>
          {it.campaignName ? (
            <Descriptions.Item label={L('履职实践活动', 'Campaign')}>{owner ? <Link to={`/campaigns/${it.campaignId}`}>{it.campaignName}</Link> : it.campaignName}</Descriptions.Item>
          ) : null}
          {it.originActivity ? (
            <Descriptions.Item label={L('来源活动', 'Arose from')}>
              {owner ? <Link to={`/activities/${it.originActivity.id}`}>{it.originActivity.topic}</Link> : it.originActivity.topic}
              <Typography.Text type="secondary"> · {it.originActivity.organizerName} · {fmtDay(it.originActivity.startsAt)}</Typography.Text>
            </Descriptions.Item>
          ) : null}
          {it.memberList.length ? <Descriptions.Item label={L('参与委员', 'Members')}>{it.memberList.map((m) => m.name).join('、')}</Descriptions.Item> : null}
          {it.statusReason ? <Descriptions.Item label={L('说明', 'Reason')}>{it.statusReason}</Descriptions.Item> : null}
        </Descriptions>
        {it.summary ? <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>{it.summary}</Typography.Paragraph> : null}
      </Card>
      <Typography.Title level={5}>{L('共识事项', 'Consensus points')}</Typography.Title>
      {it.pointList.length ? (
        it.pointList.map((pt) => (
          <PointCard
            key={pt.id}
            pt={pt}
            onAct={(action) => setDialog({ kind: 'step', point: pt, action })}
            onLog={() => {
              setLogPoint(pt.id);
              setDialog({ kind: 'progress' });
            }}
          />
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('尚无共识事项', 'No consensus points yet')} />
      )}
      <Card size="small" title={L('进展记录', 'Progress log')} style={{ margin: '12px 0' }} data-testid="coop-progress">
        {it.progress.length ? (
          <Timeline
            items={it.progress.map((e) => ({
              children: (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {e.happenedOn} · {e.authorOrgName} {e.authorName}
                    {e.pointId ? ` · ${pointName.get(e.pointId) ?? ''}` : ''}
                  </Typography.Text>
                  <div>{e.body}</div>
                </div>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('尚无进展记录', 'No progress yet')} />
        )}
      </Card>
      <RecordLinks type="cooperation_item" id={itemId} />

      {dialog?.kind === 'edit' ? (
        <FormDialog
          title={L('编辑合作事项', 'Edit the item')}
          onClose={close}
          initial={{ title: it.title, summary: it.summary, campaignId: it.campaignId ?? undefined }}
          send={async (v) => set(await patch<CoopItemView>(`/api/coop-items/${itemId}`, { title: v.title, summary: v.summary ?? '', campaignId: v.campaignId ?? null, version: it.version }))}
        >
          <Form.Item name="title" label={L('事项名称', 'Title')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="summary" label={L('事项概述', 'Summary')}>
            <Input.TextArea rows={4} maxLength={5000} />
          </Form.Item>
          <Form.Item name="campaignId" label={L('所属履职实践活动', 'Campaign')}>
            <Select allowClear options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {dialog?.kind === 'suspend' ? (
        <FormDialog title={L('中止合作事项', 'Suspend the item')} okText={p(COOP_ACTION_LABELS.suspend)} onClose={close} send={async (v) => set(await post<CoopItemView>(`/api/coop-items/${itemId}/suspend`, { reason: v.reason, version: it.version }))}>
          <Form.Item name="reason" label={L('中止原因', 'Reason')} rules={[{ required: true, message: L('请填写原因', 'Give a reason') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {dialog?.kind === 'point' ? (
        <FormDialog
          title={L('添加共识事项', 'Add a consensus point')}
          onClose={close}
          send={async (v) =>
            set(
              await post<CoopItemView>(`/api/coop-items/${itemId}/points`, {
                content: v.content,
                ownerPartyId: v.ownerPartyId ?? null,
                target: v.target ?? '',
                dueDate: v.dueDate ? (v.dueDate as dayjs.Dayjs).format('YYYY-MM-DD') : null,
                version: it.version,
              }),
            )
          }
        >
          <Form.Item name="content" label={L('共识内容', 'What was agreed')} rules={[{ required: true }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="ownerPartyId" label={L('责任方', 'Owner')}>
            <Select allowClear options={it.partyList.map((x) => ({ value: x.id, label: x.name }))} />
          </Form.Item>
          <Form.Item name="target" label={L('目标', 'Target')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="dueDate" label={L('完成时限', 'Due date')}>
            <DatePicker />
          </Form.Item>
        </FormDialog>
      ) : null}
      {dialog?.kind === 'step' ? (
        <FormDialog
          title={`${p(POINT_ACTION_LABELS[dialog.action])}：${dialog.point.content}`}
          okText={p(POINT_ACTION_LABELS[dialog.action])}
          onClose={close}
          initial={{ evidence: dialog.point.evidence, evidenceRef: dialog.point.evidenceRef }}
          send={async (v) => set(await post<CoopItemView>(`/api/coop-points/${dialog.point.id}/step`, { action: dialog.action, evidence: v.evidence ?? '', evidenceRef: v.evidenceRef ?? '', version: dialog.point.version }))}
        >
          <Form.Item
            name="evidence"
            label={L('佐证材料（完成时必填）', 'Evidence (required to mark done)')}
            rules={dialog.action === 'complete' ? [{ required: true, message: L('标记完成须填写佐证材料', 'Evidence is required to mark it done') }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="evidenceRef" label={L('附件或文号', 'Attachment or document reference')}>
            <Input maxLength={300} />
          </Form.Item>
        </FormDialog>
      ) : null}
      {dialog?.kind === 'progress' ? (
        <FormDialog
          title={L('记录进展', 'Log progress')}
          onClose={close}
          initial={{ pointId: logPoint ?? (owner ? undefined : loggable[0]?.id), happenedOn: dayjs() }}
          send={async (v) =>
            set(await post<CoopItemView>(`/api/coop-items/${itemId}/progress`, { body: v.body, pointId: v.pointId ?? null, happenedOn: (v.happenedOn as dayjs.Dayjs | undefined)?.format('YYYY-MM-DD') }))
          }
        >
          <Form.Item name="pointId" label={L('共识事项', 'Consensus point')} rules={owner ? [] : [{ required: true, message: L('请选择本单位负责的共识事项', 'Choose a point your organization owns') }]}>
            <Select allowClear={owner} placeholder={owner ? L('（整体进展）', '(the item as a whole)') : undefined} options={loggable.map((x) => ({ value: x.id, label: `${x.seq}. ${x.content}` }))} />
          </Form.Item>
          <Form.Item name="happenedOn" label={L('日期', 'Date')}>
            <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="body" label={L('进展情况', 'What happened')} rules={[{ required: true, message: L('请填写进展情况', 'Describe the progress') }]}>
            <Input.TextArea rows={4} maxLength={2000} />
          </Form.Item>
        </FormDialog>
      ) : null}
    </div>
  );
}
