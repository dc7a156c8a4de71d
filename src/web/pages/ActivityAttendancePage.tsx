import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, InputNumber, Space, Typography } from 'antd';
import type { AttendanceRow } from '@common/activities';
import { get } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, PageHeader } from '../ui';

/** Attendance per member over a year: invited, attended, on leave, absent (from the records, cancelled activities left out). */
export default function ActivityAttendancePage() {
  const { L } = useLang();
  const orgId = useOrgId();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const q = useQuery({ queryKey: ['activity-attendance', orgId, year], queryFn: () => get<{ items: AttendanceRow[] }>(`/api/orgs/${orgId}/activity-attendance?year=${year}`) });
  const rate = (r: AttendanceRow) => (r.invited ? `${Math.round((r.attended / r.invited) * 100)}%` : '—');
  return (
    <div>
      <PageHeader title={L('委员出勤', 'Member attendance')} sub={L('按年度统计受邀、出席、请假、缺席次数', 'Invited, attended, on leave and absent, per year')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space>
          <Typography.Text>{L('年度', 'Year')}</Typography.Text>
          <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} aria-label={L('年度', 'Year')} />
        </Space>
      </Card>
      <DataTable<AttendanceRow>
        rowKey="memberId"
        mobileLayout="compact"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        columns={[
          { title: L('委员', 'Member'), dataIndex: 'name', key: 'name' },
          { title: L('受邀', 'Invited'), dataIndex: 'invited', key: 'invited' },
          { title: L('出席', 'Attended'), dataIndex: 'attended', key: 'attended' },
          { title: L('请假', 'On leave'), dataIndex: 'onLeave', key: 'onLeave' },
          { title: L('缺席', 'Absent'), dataIndex: 'absent', key: 'absent' },
          { title: L('出席率', 'Rate'), key: 'rate', render: (_: unknown, r) => rate(r) },
        ]}
      />
    </div>
  );
}
