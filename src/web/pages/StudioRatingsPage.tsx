import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Button, Card, Rate, Select, Space } from 'antd';
import type { StudioRating } from '@common/studios';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, PageHeader } from '../ui';
import { RatingYearButtons, useRatings, yearOptions } from './studio/Rating';
import { RatingSettingsDialog, useRatingSettings } from './studio/RatingSettings';

/** 工作室星级排名: every studio of the organization for a year, with stars, score and points per criterion. */
export default function StudioRatingsPage() {
  const { L } = useLang();
  const orgId = useOrgId();
  const [year, setYear] = useState(Number(yearOptions()[0].value));
  const q = useRatings(orgId, year);
  const settings = useRatingSettings(orgId);
  const [editing, setEditing] = useState(false);
  const criteria = q.data?.items[0]?.breakdown ?? [];
  return (
    <div>
      <PageHeader
        title={L('委员工作室星级评定', 'Studio star ratings')}
        extra={
          <Space wrap>
            <Select value={year} onChange={setYear} options={yearOptions()} style={{ width: 100 }} />
            {q.data ? <RatingYearButtons orgId={orgId} data={q.data} /> : null}
            {settings.data?.canEdit ? <Button onClick={() => setEditing(true)}>{L('评定指标设置', 'Criteria')}</Button> : null}
          </Space>
        }
      />
      <Card size="small">
        <DataTable<StudioRating>
          rowKey="studioId"
          loading={q.isPending}
          dataSource={q.data?.items ?? []}
          columns={[
            { title: L('排名', 'Rank'), dataIndex: 'rank', key: 'r', width: 70 },
            { title: L('工作室', 'Studio'), key: 'n', render: (_: unknown, r) => <Link to={`/studios/${r.studioId}`}>{r.studioName}</Link> },
            { title: L('星级', 'Stars'), key: 's', render: (_: unknown, r) => <Rate disabled value={r.stars} style={{ fontSize: 14 }} /> },
            { title: L('得分', 'Score'), dataIndex: 'score', key: 'score' },
            ...criteria.map((c, i) => ({
              title: c.name,
              key: c.key,
              render: (_: unknown, r: StudioRating) => `${r.breakdown[i]?.points ?? 0}`,
            })),
          ]}
        />
      </Card>
      {editing && settings.data ? <RatingSettingsDialog orgId={orgId} settings={settings.data} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
