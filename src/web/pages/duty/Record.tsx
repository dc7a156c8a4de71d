import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { z } from 'zod';
import { DUTY_SOURCE_LABELS, DUTY_YEAR_STATE_LABELS, type DutyEntryView, type DutyManualView, type DutyRecordView } from '@common/duty';
import { download, get, patch, post } from '../../api';
import { useLang } from '../../i18n';
import { DataTable, PageHeader, useErrorHandler, useIsMobile } from '../../ui';

export type DutyRecord = z.infer<typeof DutyRecordView>;
type Entry = z.infer<typeof DutyEntryView>;
type Manual = z.infer<typeof DutyManualView>;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const gradeColor = (grade: string, last: boolean) => (last ? 'red' : grade === '优秀' ? 'green' : 'blue');

/**
 * One member's year: total, grade, rank, the yearly minimums, the points per item, and every point with a link to
 * the record it came from (an activity, a proposal, an information report; manual entries open their evidence).
 * `base` is the record's API URL (`…/duty/me` or `…/duty/members/:id`).
 */
export function DutyRecordPanel({ base, title }: { base: string; title: (r: DutyRecord | undefined) => string }) {
  const { L, p } = useLang();
  const [year, setYear] = useState<number>(() => new Date().getFullYear());
  const [manualOpen, setManualOpen] = useState<Manual | 'new' | null>(null);
  const [evidence, setEvidence] = useState<Manual | null>(null);
  const q = useQuery({ queryKey: ['duty-record', base, year], queryFn: () => get<DutyRecord>(`${base}?year=${year}`) });
  const r = q.data;
  const onError = useErrorHandler();
  const mobile = useIsMobile();
  const lastBandLabel = r?.grade === '不称职';
  const manualById = new Map((r?.manual ?? []).map((m) => [m.id, m]));

  const entryTitle = (e: Entry) => {
    if (e.link) return <Link to={e.link}>{e.title}</Link>;
    const m = manualById.get(e.sourceId);
    return m ? <Typography.Link onClick={() => setEvidence(m)}>{e.title}</Typography.Link> : <Typography.Text>{e.title}</Typography.Text>;
  };

  return (
    <div>
      <PageHeader
        title={title(r)}
        sub={L(
          '积分由系统根据出勤、提案、发言、社情民意等记录自动生成，点击任一条目可查看来源',
          'Points come from attendance, proposals, speeches and information reports; click an entry to open its source',
        )}
        extra={
          <>
            <Select
              aria-label={L('年度', 'Year')}
              value={year}
              style={{ width: 110 }}
              onChange={setYear}
              options={(r?.years ?? [year]).map((y) => ({ value: y, label: `${y}${L('年度', '')}` }))}
            />
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download(`${base}/statement.docx?year=${year}`, 'statement.docx').catch((e: unknown) => onError(e))}
              data-testid="duty-statement"
            >
              {L('年度履职报告', 'Annual statement')}
            </Button>
          </>
        }
      />
      {q.isPending ? <Spin /> : null}
      {r ? (
        <>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Row gutter={[16, 12]}>
              <Col xs={12} md={6}>
                <Statistic title={L('年度积分', 'Points')} value={fmt(r.total)} data-testid="duty-total" />
              </Col>
              <Col xs={12} md={6}>
                <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 14, marginBottom: 4 }}>{L('履职等次', 'Grade')}</div>
                <Tag color={gradeColor(r.grade, lastBandLabel)} style={{ fontSize: 16, padding: '4px 10px' }} data-testid="duty-grade">
                  {r.grade}
                </Tag>
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={L('全体委员排名', 'Rank')} value={r.rank ?? '—'} suffix={r.of ? `/ ${r.of}` : undefined} />
              </Col>
              <Col xs={12} md={6}>
                <div style={{ color: 'rgba(0,0,0,.45)', fontSize: 14, marginBottom: 4 }}>{L('年度状态', 'Year')}</div>
                <Tag color={r.state === 'frozen' ? 'default' : 'processing'}>{p(DUTY_YEAR_STATE_LABELS[r.state])}</Tag>
              </Col>
            </Row>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginTop: 12 }}>
              <Descriptions.Item label={L('委员', 'Member')}>{r.member.name}</Descriptions.Item>
              <Descriptions.Item label={L('界别', 'Sector')}>{r.member.sector ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={L('委员小组', 'Group')}>{r.member.group ?? '—'}</Descriptions.Item>
            </Descriptions>
            {r.meetsMinimums ? (
              <Alert
                type="success"
                showIcon
                title={L(
                  `已达到年度基本要求（提案或社情民意 ${r.proposalsOrReports} 件，参加活动 ${r.activities} 次）`,
                  `Yearly minimums met (${r.proposalsOrReports} proposals or reports, ${r.activities} activities)`,
                )}
              />
            ) : (
              <Alert
                type="warning"
                showIcon
                title={L(
                  `未达到年度基本要求：提案或社情民意 ${r.proposalsOrReports}/${r.minimums.proposalsOrReports} 件，参加活动 ${r.activities}/${r.minimums.activities} 次`,
                  `Yearly minimums not met: ${r.proposalsOrReports}/${r.minimums.proposalsOrReports} proposals or reports, ${r.activities}/${r.minimums.activities} activities`,
                )}
              />
            )}
          </Card>
          <Card size="small" title={L('分项积分', 'Points per item')} style={{ marginBottom: 12 }}>
            {r.items.length ? (
              <Flex wrap gap={8}>
                {r.items.map((i) => (
                  <Tag key={`${i.ruleKey}:${i.item}`} style={{ padding: '4px 8px', fontSize: 13 }}>
                    {i.item} × {i.count}：<b>{fmt(i.points)}</b>
                  </Tag>
                ))}
              </Flex>
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('本年度暂无计分记录', 'No points this year')} />
            )}
          </Card>
          <Card
            size="small"
            title={L('履职明细', 'Entries')}
            style={{ marginBottom: 12 }}
            extra={
              r.computedAt ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {L('计算于', 'Computed')} {dayjs(r.computedAt).format('YYYY-MM-DD HH:mm')}
                </Typography.Text>
              ) : null
            }
          >
            {mobile ? (
              <Flex vertical data-testid="duty-entries">
                {r.entries.map((e) => (
                  <div key={e.id} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
                    <Flex justify="space-between" gap={8}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {e.occurredOn} · {e.item}
                      </Typography.Text>
                      <Points e={e} />
                    </Flex>
                    <div>
                      <Tag>{p(DUTY_SOURCE_LABELS[e.sourceType])}</Tag>
                      {entryTitle(e)}
                    </div>
                  </div>
                ))}
                {r.entries.length ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
              </Flex>
            ) : (
              <DataTable<Entry>
                rowKey="id"
                dataSource={r.entries}
                data-testid="duty-entries"
                columns={[
                  { title: L('日期', 'Date'), dataIndex: 'occurredOn', key: 'd', width: 110 },
                  { title: L('事项', 'Item'), dataIndex: 'item', key: 'i' },
                  {
                    title: L('来源', 'Source'),
                    key: 's',
                    render: (_: unknown, e) => (
                      <Flex vertical gap={2}>
                        <Tag style={{ width: 'fit-content' }}>{p(DUTY_SOURCE_LABELS[e.sourceType])}</Tag>
                        {entryTitle(e)}
                      </Flex>
                    ),
                  },
                  { title: L('积分', 'Points'), key: 'p', align: 'right', render: (_: unknown, e) => <Points e={e} /> },
                ]}
              />
            )}
          </Card>
          {r.abilities.addManual || r.manual.length ? (
            <Card
              size="small"
              title={L('手工登记', 'Manual entries')}
              extra={
                r.abilities.addManual ? (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setManualOpen('new')} data-testid="duty-manual-add">
                    {L('登记履职事项', 'Add an entry')}
                  </Button>
                ) : null
              }
            >
              <DataTable<Manual>
                rowKey="id"
                dataSource={r.manual}
                columns={[
                  { title: L('日期', 'Date'), dataIndex: 'occurredOn', key: 'd', width: 110 },
                  { title: L('事项', 'Item'), dataIndex: 'item', key: 'i' },
                  { title: L('积分', 'Points'), key: 'p', render: (_: unknown, m) => `${fmt(m.points)} × ${m.count}` },
                  { title: L('佐证', 'Evidence'), dataIndex: 'evidence', key: 'e' },
                  {
                    title: L('操作', 'Actions'),
                    key: 'actions',
                    render: (_: unknown, m) =>
                      r.abilities.addManual ? (
                        <Flex gap={4}>
                          <Button size="small" onClick={() => setManualOpen(m)}>
                            {L('编辑', 'Edit')}
                          </Button>
                          <DeleteManual m={m} onDone={() => void q.refetch()} />
                        </Flex>
                      ) : null,
                  },
                ]}
              />
            </Card>
          ) : null}
          {manualOpen ? (
            <ManualForm
              orgBase={base.replace(/\/members\/\d+$/, '')}
              memberId={r.member.id}
              entry={manualOpen === 'new' ? null : manualOpen}
              onClose={() => setManualOpen(null)}
            />
          ) : null}
          <Modal open={!!evidence} title={evidence?.item} footer={null} onCancel={() => setEvidence(null)}>
            {evidence ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={L('日期', 'Date')}>{evidence.occurredOn}</Descriptions.Item>
                <Descriptions.Item label={L('积分', 'Points')}>{`${fmt(evidence.points)} × ${evidence.count}`}</Descriptions.Item>
                <Descriptions.Item label={L('说明', 'Note')}>{evidence.note || '—'}</Descriptions.Item>
                <Descriptions.Item label={L('佐证材料', 'Evidence')}>{evidence.evidence || '—'}</Descriptions.Item>
                <Descriptions.Item label={L('登记人', 'Entered by')}>{evidence.createdBy || '—'}</Descriptions.Item>
              </Descriptions>
            ) : null}
          </Modal>
        </>
      ) : null}
    </div>
  );
}

function Points({ e }: { e: Entry }) {
  const { L } = useLang();
  return (
    <span style={{ color: e.points < 0 ? '#cf1322' : undefined, whiteSpace: 'nowrap' }}>
      {e.points > 0 ? '+' : ''}
      {fmt(e.points)}
      {e.capped ? <Tag style={{ marginLeft: 4 }}>{L(`超上限（原 ${fmt(e.rawPoints)}）`, `capped (was ${fmt(e.rawPoints)})`)}</Tag> : null}
    </span>
  );
}

function DeleteManual({ m, onDone }: { m: Manual; onDone: () => void }) {
  const { L } = useLang();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const del = useMutation({
    mutationFn: () => post(`/api/duty-manual/${m.id}/delete`, { version: m.version }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['duty-record'] });
      onDone();
    },
    onError: (e) => onError(e, undefined, onDone),
  });
  return (
    <Popconfirm title={L('确定删除？', 'Delete this?')} onConfirm={() => del.mutate()}>
      <Button size="small" danger loading={del.isPending}>
        {L('删除', 'Delete')}
      </Button>
    </Popconfirm>
  );
}

interface ManualValues {
  item: string;
  points: number;
  count: number;
  occurredOn: dayjs.Dayjs;
  note?: string;
  evidence?: string;
}

/** Add or edit a manual entry (staff); a frozen year refuses with the server's message. */
function ManualForm({
  orgBase,
  memberId,
  entry,
  onClose,
}: {
  orgBase: string;
  memberId: number;
  entry: Manual | null;
  onClose: () => void;
}) {
  const { L } = useLang();
  const [form] = Form.useForm<ManualValues>();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: ManualValues) => {
      const body = {
        item: v.item,
        points: v.points,
        count: v.count,
        occurredOn: v.occurredOn.format('YYYY-MM-DD'),
        note: v.note ?? '',
        evidence: v.evidence ?? '',
      };
      return entry
        ? patch(`/api/duty-manual/${entry.id}`, { ...body, version: entry.version })
        : post(`${orgBase}/manual`, { ...body, memberId });
    },
    onSuccess: () => {
      void message.success(L('已保存', 'Saved'));
      void qc.invalidateQueries({ queryKey: ['duty-record'] });
      onClose();
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Modal
      open
      title={entry ? L('编辑履职事项', 'Edit entry') : L('登记履职事项', 'Add an entry')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okText={L('保存', 'Save')}
    >
      <Form<ManualValues>
        form={form}
        layout="vertical"
        initialValues={entry ? { ...entry, occurredOn: dayjs(entry.occurredOn) } : { count: 1, points: 2, occurredOn: dayjs() }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="item" label={L('履职事项', 'Item')} rules={[{ required: true, max: 60 }]}>
          <Input placeholder={L('如：参加防汛救灾志愿服务', 'e.g. flood-relief volunteering')} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="points" label={L('每次分值', 'Points each')} rules={[{ required: true }]}>
            <InputNumber min={-100} max={100} step={0.5} />
          </Form.Item>
          <Form.Item name="count" label={L('次数', 'Count')} rules={[{ required: true }]}>
            <InputNumber min={1} max={100} />
          </Form.Item>
          <Form.Item name="occurredOn" label={L('日期', 'Date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label={L('说明', 'Note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="evidence"
          label={L('佐证材料（附件编号或文字说明）', 'Evidence (attachment reference or text)')}
          rules={[{ max: 1000 }]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
