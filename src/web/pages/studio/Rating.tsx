import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, InputNumber, Rate, Select, Space, Statistic, Tag, Typography } from 'antd';
import { RATING_MEASURE_LABELS, type RatingListView, type StudioRating } from '@common/studios';
import { get, post, put, qs } from '../../api';
import { useLang } from '../../i18n';
import { DataTable, useErrorHandler } from '../../ui';

type Breakdown = StudioRating['breakdown'][number];
const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
export const yearOptions = () => Array.from({ length: 4 }, (_, i) => thisYear() - i).map((y) => ({ value: y, label: `${y}` }));

export const useRatings = (orgId: number, year: number) =>
  useQuery({ queryKey: ['studio-ratings', orgId, year], queryFn: () => get<RatingListView>(`/api/orgs/${orgId}/studio-ratings${qs({ year })}`) });

/** Freeze / unfreeze buttons of a rating year, by the abilities the server sent. */
export function RatingYearButtons({ orgId, data }: { orgId: number; data: RatingListView }) {
  const { L } = useLang();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const step = async (action: 'freeze' | 'unfreeze') => {
    try {
      await post(`/api/orgs/${orgId}/studio-ratings/${action}`, { year: data.year, version: data.yearVersion });
      void qc.invalidateQueries({ queryKey: ['studio-ratings', orgId] });
    } catch (err) {
      onError(err);
    }
  };
  return (
    <Space>
      {data.frozen ? <Tag color="blue">{L('已冻结', 'Frozen')}</Tag> : <Tag>{L('评定中（实时计算）', 'Open (computed live)')}</Tag>}
      {data.abilities.freeze ? <Button onClick={() => void step('freeze')}>{L('冻结年度', 'Freeze the year')}</Button> : null}
      {data.abilities.unfreeze ? <Button onClick={() => void step('unfreeze')}>{L('解除冻结', 'Unfreeze')}</Button> : null}
    </Space>
  );
}

/** A manual criterion's points, editable by the office while the year is open. */
function ManualScore({ studioId, year, b, editable, onSaved }: { studioId: number; year: number; b: Breakdown; editable: boolean; onSaved: () => void }) {
  const { L } = useLang();
  const onError = useErrorHandler();
  const [v, setV] = useState<number | null>(b.value);
  if (!editable) return <>{b.value}</>;
  return (
    <Space.Compact>
      <InputNumber size="small" min={0} max={b.maxPoints} value={v} onChange={setV} style={{ width: 80 }} />
      <Button
        size="small"
        onClick={() =>
          void put(`/api/studios/${studioId}/rating-manual`, { year, criterionKey: b.key, score: v ?? 0 })
            .then(onSaved)
            .catch((err: unknown) => onError(err))
        }
      >
        {L('保存', 'Save')}
      </Button>
    </Space.Compact>
  );
}

/** 星级评定 of one studio: stars, score, rank and the points per criterion. */
export function StudioRatingCard({ orgId, studioId }: { orgId: number; studioId: number }) {
  const { L, p } = useLang();
  const qc = useQueryClient();
  const [year, setYear] = useState(thisYear());
  const q = useRatings(orgId, year);
  const mine = q.data?.items.find((i) => i.studioId === studioId);
  return (
    <Card
      size="small"
      title={L('年度星级评定', 'Yearly star rating')}
      style={{ marginBottom: 12 }}
      extra={
        <Space wrap>
          <Select value={year} onChange={setYear} options={yearOptions()} style={{ width: 100 }} />
          {q.data ? <RatingYearButtons orgId={orgId} data={q.data} /> : null}
          <Link to="/studio-ratings">{L('全部工作室排名', 'Ranking of all studios')}</Link>
        </Space>
      }
    >
      {!mine ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q.error?.message} />
      ) : (
        <>
          <Flex gap={32} wrap align="center" style={{ marginBottom: 12 }}>
            <Rate disabled value={mine.stars} />
            <Statistic title={L('得分', 'Score')} value={mine.score} />
            <Statistic title={L('排名', 'Rank')} value={mine.rank} suffix={`/ ${q.data!.items.length}`} />
          </Flex>
          <DataTable<Breakdown>
            rowKey="key"
            pagination={false}
            dataSource={mine.breakdown}
            columns={[
              { title: L('评定指标', 'Criterion'), dataIndex: 'name', key: 'n' },
              { title: L('计量方式', 'Measured by'), key: 'm', render: (_: unknown, b) => p(RATING_MEASURE_LABELS[b.measure]) },
              {
                title: L('次数 / 评分', 'Count / score'),
                key: 'v',
                render: (_: unknown, b) =>
                  b.measure === 'manual' ? (
                    <ManualScore key={`${year}-${b.key}-${b.value}`} studioId={studioId} year={year} b={b} editable={q.data!.abilities.score} onSaved={() => void qc.invalidateQueries({ queryKey: ['studio-ratings', orgId] })} />
                  ) : (
                    b.value
                  ),
              },
              { title: L('得分 / 满分', 'Points / max'), key: 'p', render: (_: unknown, b) => `${b.points} / ${b.maxPoints}` },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {L('指标与星级分档由本组织配置；冻结后的年度保持冻结时的结果。', 'Criteria and bands are configured per organization; a frozen year keeps its results.')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
