import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Button, Card, Col, DatePicker, Empty, Flex, Row, Segmented, Select, Space, Statistic, Tag, Typography } from 'antd';
import { LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import {
  ACTIVITY_STATUSES,
  ACTIVITY_STATUS_LABELS,
  ORGANIZER_KINDS,
  ORGANIZER_KIND_LABELS,
  type ActivityListItem,
  type ActivityStatsView,
  type ActivityStatus,
  type OrganizerKind,
} from '@common/activities';
import { get, qs } from '../api';
import { usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, LoadMore, PageHeader, useIsMobile } from '../ui';
import { ActivityFormDialog, ActivityStatusTag, chinaDay, fmtRange, useActivitySettings } from './activity/common';
import { JointTag } from './activity/JointCard';

function StatsPanel({ orgId }: { orgId: number }) {
  const { L } = useLang();
  const q = useQuery({ queryKey: ['activity-stats', orgId], queryFn: () => get<ActivityStatsView>(`/api/orgs/${orgId}/activity-stats`) });
  const s = q.data;
  const items: Array<[string, number | undefined]> = [
    [L('活动', 'Activities'), s?.activities],
    [L('联合活动', 'Joint activities'), s ? s.jointHosted + s.jointJoined : undefined],
    [L('成果', 'Outcomes'), s?.outcomes],
    [L('成果转化落实', 'Outcomes converted'), s?.outcomesConverted],
    [L('领导批示', 'Leader instructions'), s?.instructions],
    [L('问题清单', 'Problem-list issues'), s?.issues],
    [L('已表态', 'Answered'), s?.issuesResponded],
    [L('问题解决', 'Problems solved'), s ? s.issuesResolved + s.issuesConverted : undefined],
    [L('表态逾期', 'Answers overdue'), s?.issuesOverdue],
  ];
  return (
    <Card size="small" style={{ marginBottom: 12 }} data-testid="activity-stats">
      <Row gutter={[12, 12]}>
        {items.map(([label, v]) => (
          <Col key={label} xs={12} sm={6} lg={3}>
            <Statistic title={label} value={v ?? '—'} loading={q.isPending} />
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function ListView({ orgId }: { orgId: number }) {
  const { L, p, t } = useLang();
  const mobile = useIsMobile();
  const settings = useActivitySettings(orgId);
  const [type, setType] = useState<string | undefined>();
  // ?status=held (the home page's "minutes to file") opens the list filtered.
  const [params] = useSearchParams();
  const initial = params.get('status');
  const [status, setStatus] = useState<ActivityStatus | undefined>(ACTIVITY_STATUSES.find((x) => x === initial));
  const [organizerKind, setOrganizerKind] = useState<OrganizerKind | undefined>();
  const [month, setMonth] = useState<dayjs.Dayjs | null>(null);
  const list = usePaged<ActivityListItem>('activities', `/api/orgs/${orgId}/activities`, { type, status, organizerKind, month: month?.format('YYYY-MM') });
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex wrap gap={8}>
          <Select allowClear placeholder={L('活动类型', 'Type')} style={{ minWidth: 150 }} value={type} onChange={setType} options={(settings.data?.config.types ?? []).map((x) => ({ value: x, label: x }))} />
          <Select allowClear placeholder={t('status')} style={{ minWidth: 120 }} value={status} onChange={setStatus} options={ACTIVITY_STATUSES.map((s) => ({ value: s, label: p(ACTIVITY_STATUS_LABELS[s]) }))} />
          <Select allowClear placeholder={L('主办方', 'Organizer')} style={{ minWidth: 130 }} value={organizerKind} onChange={setOrganizerKind} options={ORGANIZER_KINDS.map((k) => ({ value: k, label: p(ORGANIZER_KIND_LABELS[k]) }))} />
          <DatePicker picker="month" value={month} onChange={setMonth} placeholder={L('月份', 'Month')} />
        </Flex>
      </Card>
      {mobile ? (
        <Flex vertical gap={8}>
          {!list.isPending && !list.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
          {list.items.map((a) => (
            <Card key={a.id} size="small">
              <Link to={`/activities/${a.id}`} style={{ fontWeight: 500 }}>
                {a.topic}
              </Link>
              <Flex wrap gap={4} style={{ marginTop: 6 }}>
                <Tag>{a.type}</Tag>
                <ActivityStatusTag status={a.status} />
                {a.joint ? <JointTag /> : null}
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {fmtRange(a.startsAt, a.endsAt)} · {a.organizerName}
              </Typography.Text>
            </Card>
          ))}
        </Flex>
      ) : (
        <DataTable<ActivityListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.items}
          columns={[
            { title: L('时间', 'Time'), key: 'time', width: 200, render: (_: unknown, a) => fmtRange(a.startsAt, a.endsAt) },
            {
              title: L('类型', 'Type'),
              key: 'type',
              render: (_: unknown, a) => (
                <Space size={2} wrap>
                  <Tag>{a.type}</Tag>
                  {a.joint ? <JointTag /> : null}
                </Space>
              ),
            },
            {
              title: L('主题', 'Topic'),
              key: 'topic',
              render: (_: unknown, a) => (
                <Link to={`/activities/${a.id}`} style={{ fontWeight: 500 }}>
                  {a.topic}
                </Link>
              ),
            },
            { title: L('主办方', 'Organizer'), key: 'org', render: (_: unknown, a) => `${a.organizerName}` },
            { title: L('地点', 'Place'), key: 'place', render: (_: unknown, a) => (a.online ? L('网络', 'Online') : a.place) },
            { title: t('status'), key: 'status', render: (_: unknown, a) => <ActivityStatusTag status={a.status} /> },
            { title: L('纪要期限', 'Minutes due'), key: 'due', render: (_: unknown, a) => (a.status === 'held' ? a.minutesDue : '—') },
          ]}
        />
      )}
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </>
  );
}

function CalendarView({ orgId }: { orgId: number }) {
  const { L, lang } = useLang();
  const mobile = useIsMobile();
  const [mode, setMode] = useState<'month' | 'week'>('month');
  const [anchor, setAnchor] = useState(() => dayjs());
  // Weeks start on Monday.
  const weekStart = (d: dayjs.Dayjs) => d.subtract((d.day() + 6) % 7, 'day').startOf('day');
  const first = mode === 'month' ? weekStart(anchor.startOf('month')) : weekStart(anchor);
  const days = mode === 'month' ? Math.ceil((anchor.endOf('month').diff(first, 'day') + 1) / 7) * 7 : 7;
  const last = first.add(days - 1, 'day');
  const q = useQuery({
    queryKey: ['activity-calendar', orgId, first.format('YYYY-MM-DD'), last.format('YYYY-MM-DD')],
    queryFn: () => get<{ items: ActivityListItem[] }>(`/api/orgs/${orgId}/activities/calendar${qs({ from: first.format('YYYY-MM-DD'), to: last.format('YYYY-MM-DD') })}`),
  });
  const byDay = new Map<string, ActivityListItem[]>();
  for (const a of q.data?.items ?? []) byDay.set(chinaDay(a.startsAt), [...(byDay.get(chinaDay(a.startsAt)) ?? []), a]);
  const cells = Array.from({ length: days }, (_, i) => first.add(i, 'day'));
  const step = (n: number) => setAnchor(anchor.add(n, mode === 'month' ? 'month' : 'week'));
  const title = mode === 'month' ? anchor.format(lang === 'en' ? 'MMMM YYYY' : 'YYYY年M月') : `${first.format('YYYY-MM-DD')} – ${last.format('MM-DD')}`;
  const weekdays = lang === 'en' ? ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] : ['一', '二', '三', '四', '五', '六', '日'];
  const item = (a: ActivityListItem) => (
    <Link key={a.id} to={`/activities/${a.id}`} style={{ display: 'block', fontSize: 12, lineHeight: 1.4, marginTop: 2 }} title={a.topic}>
      <Typography.Text ellipsis style={{ maxWidth: '100%', color: 'inherit' }} delete={a.status === 'cancelled'}>
        {new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' }).format(new Date(a.startsAt))} {a.topic}
      </Typography.Text>
    </Link>
  );
  return (
    <Card size="small" data-testid="activity-calendar">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Space>
          <Button size="small" icon={<LeftOutlined />} onClick={() => step(-1)} aria-label={L('上一页', 'Previous')} />
          <Typography.Text strong>{title}</Typography.Text>
          <Button size="small" icon={<RightOutlined />} onClick={() => step(1)} aria-label={L('下一页', 'Next')} />
          <Button size="small" onClick={() => setAnchor(dayjs())}>
            {L('今天', 'Today')}
          </Button>
        </Space>
        <Segmented<'month' | 'week'> size="small" value={mode} onChange={setMode} options={[{ value: 'month', label: L('月', 'Month') }, { value: 'week', label: L('周', 'Week') }]} />
      </Flex>
      {mobile ? (
        <Flex vertical gap={6}>
          {cells
            .filter((d) => byDay.has(d.format('YYYY-MM-DD')))
            .map((d) => (
              <div key={d.format('YYYY-MM-DD')}>
                <Typography.Text type="secondary">{d.format('MM-DD')} {weekdays[(d.day() + 6) % 7]}</Typography.Text>
                {byDay.get(d.format('YYYY-MM-DD'))!.map(item)}
              </div>
            ))}
          {!q.isPending && !q.data?.items.length ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('本期没有活动', 'No activities')} /> : null}
        </Flex>
      ) : (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 2 }}>
          {weekdays.map((w) => (
            <div key={w} style={{ textAlign: 'center', fontWeight: 500, padding: 4 }}>
              {w}
            </div>
          ))}
          {cells.map((d) => {
            const key = d.format('YYYY-MM-DD');
            const muted = mode === 'month' && d.month() !== anchor.month();
            return (
              <div key={key} style={{ minHeight: mode === 'week' ? 200 : 90, border: '1px solid #f0f0f0', borderRadius: 4, padding: 4, background: key === dayjs().format('YYYY-MM-DD') ? '#fff7e6' : undefined, opacity: muted ? 0.5 : 1 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {d.date()}
                </Typography.Text>
                {(byDay.get(key) ?? []).map(item)}
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}

/** The office's activities: statistics, a filtered list and a month/week calendar. */
export default function ActivitiesPage() {
  const { L } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const navigate = useNavigate();
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const [creating, setCreating] = useState(false);
  return (
    <div>
      <PageHeader
        title={L('协商议政活动', 'Consultations & activities')}
        sub={L('会议、协商、视察、调研与成果落实', 'Meetings, consultations, inspections, research and their outcomes')}
        extra={
          session.can('activities.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {L('新建活动', 'New activity')}
            </Button>
          ) : null
        }
      />
      <StatsPanel orgId={orgId} />
      <Segmented<'list' | 'calendar'> style={{ marginBottom: 12 }} value={view} onChange={setView} options={[{ value: 'list', label: L('列表', 'List') }, { value: 'calendar', label: L('日历', 'Calendar') }]} />
      {view === 'list' ? <ListView orgId={orgId} /> : <CalendarView orgId={orgId} />}
      {creating ? <ActivityFormDialog orgId={orgId} activity={null} onClose={() => setCreating(false)} onSaved={(a) => void navigate(`/activities/${a.id}`)} /> : null}
    </div>
  );
}
