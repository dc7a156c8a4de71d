import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Card, Empty } from 'antd';
import type { ShiftListView, ShiftView } from '@common/studios';
import { get, qs } from '../../api';
import { useLang } from '../../i18n';
import { DataTable } from '../../ui';
import { ShiftButtons, ShiftStatusTag, SlotText } from '../studio/Roster';

/** 我的工作室值班: the member's own shifts (last 60 days and the coming 60), marked 到岗 by the member. */
export function MyStudioShifts({ orgId }: { orgId: number }) {
  const { L } = useLang();
  const qc = useQueryClient();
  const from = dayjs().subtract(60, 'day').format('YYYY-MM-DD');
  const to = dayjs().add(60, 'day').format('YYYY-MM-DD');
  const q = useQuery({ queryKey: ['my-studio-shifts', orgId, from], queryFn: () => get<ShiftListView>(`/api/orgs/${orgId}/studio-shifts/mine${qs({ from, to })}`) });
  if (!q.isPending && !q.data?.items.length) return null;
  return (
    <Card size="small" title={L('我的工作室接待值班', 'My studio duty shifts')} style={{ marginTop: 12 }}>
      <DataTable<ShiftView>
        rowKey="id"
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
        columns={[
          { title: L('日期', 'Day'), dataIndex: 'day', key: 'd' },
          { title: L('时段', 'Slot'), key: 'slot', render: (_: unknown, s) => <SlotText s={s} /> },
          { title: L('工作室', 'Studio'), dataIndex: 'studioName', key: 'st' },
          { title: L('状态', 'Status'), key: 's', render: (_: unknown, s) => <ShiftStatusTag shown={s.shown} /> },
          { title: '', key: 'x', render: (_: unknown, s) => <ShiftButtons s={s} onDone={() => void qc.invalidateQueries({ queryKey: ['my-studio-shifts', orgId] })} /> },
        ]}
      />
    </Card>
  );
}
