import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Button, Card, DatePicker, Empty, Flex, Form, Input, Segmented, Select, Space, Tag, TimePicker, Typography } from 'antd';
import {
  SHIFT_ACTION_LABELS,
  SHIFT_SLOT_LABELS,
  SHIFT_SLOTS,
  SHIFT_STATUS_LABELS,
  type ShiftAction,
  type ShiftListView,
  type ShiftShownStatus,
  type ShiftView,
} from '@common/studios';
import { get, patch, post, qs } from '../../api';
import { useLang } from '../../i18n';
import { DataTable, useErrorHandler } from '../../ui';
import { FormDialog } from '../coop/common';

const SHOWN_COLORS: Record<ShiftShownStatus, string> = { planned: 'processing', done: 'success', missed: 'error', cancelled: 'default' };

export function ShiftStatusTag({ shown }: { shown: ShiftShownStatus }) {
  const { p } = useLang();
  return <Tag color={SHOWN_COLORS[shown]}>{p(SHIFT_STATUS_LABELS[shown])}</Tag>;
}

/** 上午 / 下午 / 全天, or the hours of a custom slot. */
export function SlotText({ s }: { s: Pick<ShiftView, 'slot' | 'startTime' | 'endTime'> }) {
  const { p } = useLang();
  return <>{s.slot === 'custom' ? `${s.startTime ?? ''}–${s.endTime ?? ''}` : p(SHIFT_SLOT_LABELS[s.slot])}</>;
}

/** The buttons a shift's abilities allow (到岗, 撤销到岗, 取消, 恢复). */
export function ShiftButtons({ s, onDone }: { s: ShiftView; onDone: (v: ShiftView) => void }) {
  const { p } = useLang();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState<ShiftAction | null>(null);
  const step = async (action: ShiftAction) => {
    setBusy(action);
    try {
      onDone(await post<ShiftView>(`/api/studio-shifts/${s.id}/step`, { action, version: s.version }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space size={4}>
      {s.abilities.map((a) => (
        <Button key={a} size="small" type={a === 'mark_done' ? 'primary' : 'default'} loading={busy === a} onClick={() => void step(a)}>
          {p(SHIFT_ACTION_LABELS[a])}
        </Button>
      ))}
    </Space>
  );
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const toDay = (v: unknown) => (v ? (v as dayjs.Dayjs).format('YYYY-MM-DD') : undefined);
/** An HH:MM time as a dayjs value for the TimePicker (no parse plugin needed). */
const atTime = (t: string | null) => (t ? dayjs(`2000-01-01T${t}:00`) : undefined);
const toTime = (v: unknown) => (v ? (v as dayjs.Dayjs).format('HH:mm') : null);

/** Monday of the week holding `d`. */
const mondayOf = (d: dayjs.Dayjs) => d.startOf('day').subtract((d.day() + 6) % 7, 'day');
const SLOT_ORDER: Record<string, number> = { am: 0, full: 1, pm: 2, custom: 3 };

/**
 * 接待值班: the studio's shifts, planned by the office. The week view shows seven days side by side (stacked on a
 * phone), each with its shifts in slot order; an office user plans a shift on a day from that day's + button. The
 * list view shows any date range.
 */
export function StudioRoster({ studioId, members }: { studioId: number; members: Array<{ id: number; name: string }> }) {
  const { L } = useLang();
  const qc = useQueryClient();
  const [view, setView] = useState<'week' | 'list'>('week');
  const [week, setWeek] = useState(() => mondayOf(dayjs()));
  const [range, setRange] = useState<[dayjs.Dayjs, dayjs.Dayjs]>([dayjs().subtract(30, 'day'), dayjs().add(60, 'day')]);
  const [editing, setEditing] = useState<ShiftView | { day: dayjs.Dayjs } | null>(null);
  const [from, to] = view === 'week' ? [week, week.add(6, 'day')] : range;
  const key = ['studio-shifts', studioId, from.format('YYYY-MM-DD'), to.format('YYYY-MM-DD')];
  const q = useQuery({
    queryKey: key,
    queryFn: () =>
      get<ShiftListView>(`/api/studios/${studioId}/shifts${qs({ from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') })}`),
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['studio-shifts', studioId] });
  const e = editing && 'id' in editing ? editing : null;
  const canPlan = q.data?.canPlan ?? false;
  return (
    <Card
      size="small"
      title={L('接待值班', 'Duty roster')}
      style={{ marginBottom: 12 }}
      extra={
        <Space wrap>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'week' | 'list')}
            options={[
              { value: 'week', label: L('周视图', 'Week') },
              { value: 'list', label: L('列表', 'List') },
            ]}
          />
          {view === 'list' ? (
            <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])} />
          ) : null}
          {canPlan ? (
            <Button
              type="primary"
              onClick={() =>
                setEditing({ day: view === 'week' && (dayjs().isBefore(from) || dayjs().isAfter(to.endOf('day'))) ? week : dayjs() })
              }
            >
              {L('安排值班', 'Plan a shift')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {view === 'week' ? (
        <RosterWeek
          week={week}
          setWeek={setWeek}
          items={q.data?.items ?? []}
          loading={q.isPending}
          canPlan={canPlan}
          onPlan={(day) => setEditing({ day })}
          onEdit={setEditing}
          onDone={refresh}
        />
      ) : (
        <DataTable<ShiftView>
          rowKey="id"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('该时段没有值班安排', 'No shifts in this range')} />,
          }}
          columns={[
            {
              title: L('日期', 'Day'),
              key: 'd',
              render: (_: unknown, s) => `${s.day} ${L(`周${WEEKDAYS[dayjs(s.day).day()]}`, dayjs(s.day).format('ddd'))}`,
            },
            { title: L('时段', 'Slot'), key: 'slot', render: (_: unknown, s) => <SlotText s={s} /> },
            { title: L('值班委员', 'Member'), dataIndex: 'memberName', key: 'm' },
            { title: L('状态', 'Status'), key: 's', render: (_: unknown, s) => <ShiftStatusTag shown={s.shown} /> },
            { title: L('备注', 'Note'), dataIndex: 'note', key: 'n' },
            {
              title: '',
              key: 'x',
              render: (_: unknown, s) => (
                <Flex gap={4} wrap>
                  <ShiftButtons s={s} onDone={refresh} />
                  {s.canEdit ? (
                    <Button size="small" type="link" onClick={() => setEditing(s)}>
                      {L('修改', 'Edit')}
                    </Button>
                  ) : null}
                </Flex>
              ),
            },
          ]}
        />
      )}
      {editing ? (
        <FormDialog
          title={e ? L('修改值班', 'Edit the shift') : L('安排值班', 'Plan a shift')}
          onClose={() => setEditing(null)}
          initial={
            e
              ? {
                  memberId: e.memberId,
                  day: dayjs(e.day),
                  slot: e.slot,
                  startTime: atTime(e.startTime),
                  endTime: atTime(e.endTime),
                  note: e.note,
                }
              : { slot: 'am', day: editing && 'day' in editing ? editing.day : undefined }
          }
          send={async (v) => {
            const body = {
              memberId: v.memberId,
              day: toDay(v.day),
              slot: v.slot,
              startTime: toTime(v.startTime),
              endTime: toTime(v.endTime),
              note: v.note ?? '',
            };
            if (e) await patch<ShiftView>(`/api/studio-shifts/${e.id}`, { ...body, version: e.version });
            else await post<ShiftView>(`/api/studios/${studioId}/shifts`, body);
            refresh();
          }}
        >
          <Form.Item
            name="memberId"
            label={L('值班委员', 'Member')}
            rules={[{ required: true }]}
            extra={L('须为本工作室成员', 'Must be a member of this studio')}
          >
            <Select options={members.map((m) => ({ value: m.id, label: m.name }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
          <Form.Item name="day" label={L('值班日期', 'Day')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="slot" label={L('值班时段', 'Time slot')} rules={[{ required: true }]}>
            <SlotSelect />
          </Form.Item>
          <CustomHours />
          <Form.Item name="note" label={L('备注', 'Note')}>
            <Input maxLength={200} />
          </Form.Item>
        </FormDialog>
      ) : null}
    </Card>
  );
}

function SlotSelect(props: { value?: string; onChange?: (v: string) => void }) {
  const { p } = useLang();
  return <Select {...props} options={SHIFT_SLOTS.map((s) => ({ value: s, label: p(SHIFT_SLOT_LABELS[s]) }))} />;
}

/** Start and end time, shown for a custom slot (watched inside the dialog's form). */
function CustomHours() {
  const { L } = useLang();
  const slot = Form.useWatch('slot', Form.useFormInstance());
  if (slot !== 'custom') return null;
  return (
    <Space>
      <Form.Item name="startTime" label={L('开始时间', 'Start')} rules={[{ required: true }]}>
        <TimePicker format="HH:mm" minuteStep={15} />
      </Form.Item>
      <Form.Item name="endTime" label={L('结束时间', 'End')} rules={[{ required: true }]}>
        <TimePicker format="HH:mm" minuteStep={15} />
      </Form.Item>
    </Space>
  );
}

/** Seven day columns (wrapping on a narrow screen), each with its shifts and, for the office, a + to plan one. */
function RosterWeek({
  week,
  setWeek,
  items,
  loading,
  canPlan,
  onPlan,
  onEdit,
  onDone,
}: {
  week: dayjs.Dayjs;
  setWeek: (d: dayjs.Dayjs) => void;
  items: ShiftView[];
  loading: boolean;
  canPlan: boolean;
  onPlan: (day: dayjs.Dayjs) => void;
  onEdit: (s: ShiftView) => void;
  onDone: () => void;
}) {
  const { L } = useLang();
  const today = dayjs().format('YYYY-MM-DD');
  const days = Array.from({ length: 7 }, (_, i) => week.add(i, 'day'));
  const byDay = new Map<string, ShiftView[]>();
  for (const s of items) byDay.set(s.day, [...(byDay.get(s.day) ?? []), s]);
  for (const list of byDay.values())
    list.sort((a, b) => (SLOT_ORDER[a.slot] ?? 9) - (SLOT_ORDER[b.slot] ?? 9) || (a.startTime ?? '').localeCompare(b.startTime ?? ''));
  return (
    <div data-testid="roster-week">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Space>
          <Button size="small" onClick={() => setWeek(week.subtract(7, 'day'))}>
            {L('上一周', 'Previous week')}
          </Button>
          <Button size="small" onClick={() => setWeek(mondayOf(dayjs()))}>
            {L('本周', 'This week')}
          </Button>
          <Button size="small" onClick={() => setWeek(week.add(7, 'day'))}>
            {L('下一周', 'Next week')}
          </Button>
        </Space>
        <Typography.Text type="secondary">
          {week.format('YYYY-MM-DD')} — {week.add(6, 'day').format('YYYY-MM-DD')}
          {loading ? ` · ${L('加载中…', 'Loading…')}` : ` · ${L(`${items.length} 个班次`, `${items.length} shifts`)}`}
        </Typography.Text>
      </Flex>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(132px, 1fr))', gap: 8 }}>
        {days.map((d) => {
          const day = d.format('YYYY-MM-DD');
          const list = byDay.get(day) ?? [];
          return (
            <div
              key={day}
              data-day={day}
              style={{
                border: '1px solid #f0f0f0',
                borderRadius: 6,
                padding: 8,
                minHeight: 96,
                background: day === today ? '#e6f4ff' : undefined,
              }}
            >
              <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
                <Typography.Text strong>
                  {L(`周${WEEKDAYS[d.day()]}`, d.format('ddd'))} {d.format('M/D')}
                </Typography.Text>
                {canPlan ? (
                  <Button size="small" type="text" aria-label={L(`安排 ${day} 值班`, `Plan a shift on ${day}`)} onClick={() => onPlan(d)}>
                    +
                  </Button>
                ) : null}
              </Flex>
              {list.length === 0 ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {L('无值班', 'No shift')}
                </Typography.Text>
              ) : (
                <Flex vertical gap={6}>
                  {list.map((s) => (
                    <div key={s.id} data-shift={s.id} style={{ borderTop: '1px dashed #f0f0f0', paddingTop: 4 }}>
                      <div>
                        <Tag style={{ marginInlineEnd: 4 }}>
                          <SlotText s={s} />
                        </Tag>
                        {s.memberName}
                      </div>
                      <Flex gap={4} wrap align="center" style={{ marginTop: 4 }}>
                        <ShiftStatusTag shown={s.shown} />
                        <ShiftButtons s={s} onDone={onDone} />
                        {s.canEdit ? (
                          <Button size="small" type="link" onClick={() => onEdit(s)}>
                            {L('修改', 'Edit')}
                          </Button>
                        ) : null}
                      </Flex>
                    </div>
                  ))}
                </Flex>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
