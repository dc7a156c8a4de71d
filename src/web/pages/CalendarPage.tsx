import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  COMPUTE_UNITS,
  COMPUTE_UNIT_LABELS,
  DAY_KIND_LABELS,
  OVERRIDE_KINDS,
  OVERRIDE_KIND_LABELS,
  type CalendarComputeResult,
  type CalendarDay,
  type CalendarYearView,
  type ComputeUnit,
  type OverrideKind,
} from '@common/calendar';
import { del, get, put, qs } from '../api';
import { useLang } from '../i18n';
import { useSession } from '../session';
import { PageHeader, useErrorHandler } from '../ui';

function ComputeTool() {
  const { L, p } = useLang();
  const [form] = Form.useForm<{ from: Dayjs; amount: number; unit: ComputeUnit }>();
  const [result, setResult] = useState<CalendarComputeResult | null>(null);
  const onError = useErrorHandler();
  return (
    <Card title={L('期限计算', 'Deadline calculator')} style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="inline"
        initialValues={{ from: dayjs(), amount: 10, unit: 'workdays' }}
        onFinish={async (v) => {
          try {
            setResult(await get<CalendarComputeResult>('/api/calendar/compute' + qs({ from: v.from.format('YYYY-MM-DD'), amount: v.amount, unit: v.unit })));
          } catch (err) {
            onError(err, form);
          }
        }}
      >
        <Space wrap>
          <Form.Item name="from" label={L('起算日期', 'From')} rules={[{ required: true }]} style={{ marginBottom: 8 }}>
            <DatePicker allowClear={false} />
          </Form.Item>
          <Form.Item name="amount" rules={[{ required: true }]} style={{ marginBottom: 8 }}>
            <InputNumber min={-3660} max={3660} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="unit" style={{ marginBottom: 8 }}>
            <Select style={{ width: 120 }} options={COMPUTE_UNITS.map((u) => ({ value: u, label: p(COMPUTE_UNIT_LABELS[u]) }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" style={{ marginBottom: 8 }}>
            {L('计算', 'Compute')}
          </Button>
        </Space>
      </Form>
      {result ? (
        <Alert
          style={{ marginTop: 8 }}
          type={result.provisional ? 'warning' : 'success'}
          showIcon
          title={L(
            `${result.from} 起 ${result.amount} ${p(COMPUTE_UNIT_LABELS[result.unit])}：${result.date}（${dayjs(result.date).format('dddd')}）`,
            `${result.amount} ${p(COMPUTE_UNIT_LABELS[result.unit])} from ${result.from}: ${result.date} (${dayjs(result.date).format('dddd')})`,
          )}
          description={result.provisional ? L('所涉年份尚无国务院放假安排，结果为暂定，公布后须重新计算。', 'A year involved has no published holiday notice yet: the result is provisional and must be recomputed.') : null}
        />
      ) : null}
    </Card>
  );
}

const WEEK_ZH = ['一', '二', '三', '四', '五', '六', '日'];
const WEEK_EN = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'];

function Month({ year, month, days, onPick }: { year: number; month: number; days: Map<string, CalendarDay>; onPick?: (date: string) => void }) {
  const { L, lang, p } = useLang();
  const first = dayjs(new Date(year, month, 1));
  const offset = (first.day() + 6) % 7;
  const count = first.daysInMonth();
  const cells: Array<string | null> = [...Array<null>(offset).fill(null), ...Array.from({ length: count }, (_, i) => first.date(i + 1).format('YYYY-MM-DD'))];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  return (
    <Card size="small" title={L(`${month + 1} 月`, first.format('MMMM'))} className="xs-month">
      <table>
        <thead>
          <tr>
            {(lang === 'en' ? WEEK_EN : WEEK_ZH).map((w) => (
              <th key={w}>{w}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w, i) => (
            <tr key={i}>
              {w.map((date, j) => {
                if (!date) return <td key={j} />;
                const info = days.get(date);
                const kind = info?.kind ?? (j >= 5 ? 'weekend' : 'workday');
                const cls = ['xs-day', kind, info?.source === 'override' ? 'override' : '', onPick ? 'clickable' : ''].join(' ');
                const title = info ? `${date} ${p(DAY_KIND_LABELS[info.kind])}${info.name ? ' · ' + info.name : ''}` : date;
                return (
                  <td key={j}>
                    <span className={cls} title={title} onClick={onPick ? () => onPick(date) : undefined}>
                      {Number(date.slice(8))}
                    </span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function YearView() {
  const { L, p } = useLang();
  const session = useSession();
  const admin = session.can('calendar.manage');
  const [year, setYear] = useState(() => dayjs().year());
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const years = useQuery({ queryKey: ['calendar', 'years'], queryFn: () => get<{ items: CalendarYearView[] }>('/api/calendar/years') });
  const days = useQuery({ queryKey: ['calendar', 'days', year], queryFn: () => get<{ year: number; provisional: boolean; days: CalendarDay[] }>('/api/calendar/days' + qs({ year })) });
  const byDate = useMemo(() => new Map((days.data?.days ?? []).map((d) => [d.date, d])), [days.data]);
  const yearInfo = years.data?.items.find((y) => y.year === year);
  const [picked, setPicked] = useState<string | null>(null);
  const [form] = Form.useForm<{ kind: OverrideKind; name: string }>();
  const [note, setNote] = useState('');
  const reload = () => qc.invalidateQueries({ queryKey: ['calendar'] });

  const pick = (date: string) => {
    const info = byDate.get(date);
    form.resetFields();
    form.setFieldsValue({ kind: info && !info.workday ? 'workday' : 'holiday', name: info?.name ?? '' });
    setPicked(date);
  };
  const saveOverride = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !picked) return;
    try {
      await put(`/api/calendar/overrides/${picked}`, { kind: v.kind, name: v.name ?? '' });
      setPicked(null);
      void message.success(L('已保存', 'Saved'));
      await reload();
    } catch (err) {
      onError(err, form);
    }
  };
  const removeOverride = async () => {
    if (!picked) return;
    try {
      await del(`/api/calendar/overrides/${picked}`);
      setPicked(null);
      await reload();
    } catch (err) {
      onError(err);
    }
  };
  const setOfficial = async (official: boolean) => {
    try {
      await put(`/api/calendar/years/${year}`, { official, note: note || yearInfo?.note || '' });
      void message.success(L('已保存', 'Saved'));
      await reload();
    } catch (err) {
      onError(err);
    }
  };
  const yearOptions = (years.data?.items ?? []).map((y) => ({ value: y.year, label: `${y.year}${y.provisional ? L('（暂定）', ' (provisional)') : ''}` }));
  if (!yearOptions.some((o) => o.value === year)) yearOptions.unshift({ value: year, label: String(year) });
  const pickedInfo = picked ? byDate.get(picked) : undefined;

  return (
    <Card
      title={L('年度节假日', 'Holidays of the year')}
      extra={<Select value={year} onChange={setYear} options={yearOptions} style={{ width: 150 }} />}
      loading={days.isPending}
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }} align="center">
        {days.data?.provisional ? <Tag color="orange">{L('暂定：尚无该年放假安排', 'Provisional: no notice for this year')}</Tag> : <Tag color="green">{L('已有放假安排', 'Notice available')}</Tag>}
        {yearInfo?.inPackage ? <Tag>{L('来自内置数据', 'Built-in data')}</Tag> : null}
        {yearInfo?.official ? <Tag color="blue">{L('管理员已确认', 'Confirmed by admin')}</Tag> : null}
        <span className="xs-day holiday">休</span>
        <Typography.Text type="secondary">{p(DAY_KIND_LABELS.holiday)}</Typography.Text>
        <span className="xs-day adjusted_workday">班</span>
        <Typography.Text type="secondary">{p(DAY_KIND_LABELS.adjusted_workday)}</Typography.Text>
        <span className="xs-day override">1</span>
        <Typography.Text type="secondary">{L('管理员调整', 'Admin override')}</Typography.Text>
      </Flex>
      {admin ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
          <Typography.Text>{L(`${year} 年放假安排已完整录入：`, `${year} notice entered in full:`)}</Typography.Text>
          <Switch checked={!!yearInfo?.official} onChange={setOfficial} />
          <Input placeholder={yearInfo?.note || L('备注（如国办发明电〔2026〕X号）', 'Note (e.g. the notice number)')} value={note} onChange={(e) => setNote(e.target.value)} style={{ maxWidth: 320 }} />
          <Typography.Text type="secondary">{L('点击日期可设置放假/上班', 'Click a day to set it off or working')}</Typography.Text>
        </Flex>
      ) : null}
      <div className="xs-year">
        {Array.from({ length: 12 }, (_, m) => (
          <Month key={m} year={year} month={m} days={byDate} onPick={admin ? pick : undefined} />
        ))}
      </div>
      <Modal
        open={picked !== null}
        title={picked ?? ''}
        onCancel={() => setPicked(null)}
        forceRender
        footer={
          <Space>
            {pickedInfo?.source === 'override' ? (
              <Button danger onClick={removeOverride}>
                {L('删除调整', 'Remove override')}
              </Button>
            ) : null}
            <Button onClick={() => setPicked(null)}>{L('取消', 'Cancel')}</Button>
            <Button type="primary" onClick={saveOverride}>
              {L('保存', 'Save')}
            </Button>
          </Space>
        }
      >
        {pickedInfo ? (
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={L('当前', 'Now')}>
              {p(DAY_KIND_LABELS[pickedInfo.kind])}
              {pickedInfo.name ? ` · ${pickedInfo.name}` : ''}
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={L('设为', 'Set to')} rules={[{ required: true }]}>
            <Select options={OVERRIDE_KINDS.map((k) => ({ value: k, label: p(OVERRIDE_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="name" label={L('名称（如 春节）', 'Name (e.g. Spring Festival)')}>
            <Input maxLength={40} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

export default function CalendarPage() {
  const { t } = useLang();
  return (
    <div>
      <PageHeader title={t('calendar')} />
      <Row>
        <Col span={24}>
          <ComputeTool />
          <YearView />
        </Col>
      </Row>
    </div>
  );
}
