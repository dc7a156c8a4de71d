import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { RATING_MEASURE_LABELS, RATING_MEASURES, type RatingConfig, type RatingSettingsView } from '@common/studios';
import { get, put } from '../../api';
import { useLang } from '../../i18n';
import { FormDialog } from '../coop/common';

export const useRatingSettings = (orgId: number) =>
  useQuery({ queryKey: ['studio-rating-settings', orgId], queryFn: () => get<RatingSettingsView>(`/api/orgs/${orgId}/studio-rating-settings`) });

/** 评定指标设置: the organization's criteria (name, how measured, points each, maximum) and star bands. */
export function RatingSettingsDialog({ orgId, settings, onClose }: { orgId: number; settings: RatingSettingsView; onClose: () => void }) {
  const { L, p } = useLang();
  const qc = useQueryClient();
  return (
    <FormDialog
      title={L('星级评定指标与分档', 'Rating criteria and star bands')}
      onClose={onClose}
      initial={settings.config}
      send={async (v) => {
        await put<RatingSettingsView>(`/api/orgs/${orgId}/studio-rating-settings`, { config: v as RatingConfig, version: settings.version });
        void qc.invalidateQueries({ queryKey: ['studio-rating-settings', orgId] });
        void qc.invalidateQueries({ queryKey: ['studio-ratings', orgId] });
      }}
    >
      <Typography.Paragraph type="secondary">
        {L('每项得分 = 次数 × 每次分值，不超过满分；“评议打分”由工作人员按年度录入。', 'Points = count × points each, up to the maximum; manual scores are entered per year.')}
      </Typography.Paragraph>
      <Form.List name="criteria">
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, 'key']} rules={[{ required: true }]} style={{ width: 90 }}>
                  <Input placeholder={L('代码', 'Key')} />
                </Form.Item>
                <Form.Item name={[f.name, 'name']} rules={[{ required: true }]} style={{ width: 120 }}>
                  <Input placeholder={L('名称', 'Name')} />
                </Form.Item>
                <Form.Item name={[f.name, 'measure']} rules={[{ required: true }]} style={{ width: 170 }}>
                  <Select options={RATING_MEASURES.map((m) => ({ value: m, label: p(RATING_MEASURE_LABELS[m]) }))} />
                </Form.Item>
                <Form.Item name={[f.name, 'pointsEach']} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100} placeholder={L('每次', 'Each')} style={{ width: 70 }} />
                </Form.Item>
                <Form.Item name={[f.name, 'maxPoints']} rules={[{ required: true }]}>
                  <InputNumber min={0} max={100} placeholder={L('满分', 'Max')} style={{ width: 70 }} />
                </Form.Item>
                <Button type="link" danger onClick={() => remove(f.name)}>
                  {L('删除', 'Remove')}
                </Button>
              </Space>
            ))}
            <Button onClick={() => add({ key: '', name: '', measure: 'manual', pointsEach: 0, maxPoints: 10 })}>{L('添加指标', 'Add a criterion')}</Button>
          </>
        )}
      </Form.List>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {L('星级分档（从高到低；低于最后一档为一星）', 'Star bands (highest first; below the last is one star)')}
      </Typography.Title>
      <Form.List name="bands">
        {(fields) =>
          fields.map((f) => (
            <Space key={f.key}>
              <Form.Item name={[f.name, 'stars']} label={L('星级', 'Stars')}>
                <InputNumber min={2} max={5} style={{ width: 60 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'min']} label={L('最低得分', 'Minimum score')}>
                <InputNumber min={0} max={1000} style={{ width: 80 }} />
              </Form.Item>
            </Space>
          ))
        }
      </Form.List>
    </FormDialog>
  );
}
