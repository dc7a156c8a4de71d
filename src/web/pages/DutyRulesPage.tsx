import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Flex, Input, InputNumber, Select, Space, Switch, Tag, Typography } from 'antd';
import type { z } from 'zod';
import {
  DUTY_CONDITIONS,
  DUTY_CONDITION_LABELS,
  DUTY_ROLES_BY_SOURCE,
  DUTY_ROLE_LABELS,
  DUTY_SOURCE_LABELS,
  type DutyRule,
  type DutySettingsConfig,
  type DutySettingsView,
} from '@common/duty';
import { get, put } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, PageHeader, useErrorHandler } from '../ui';

type View = z.infer<typeof DutySettingsView>;

/**
 * 履职计分规则: the organization's rule table (item, points, yearly cap, role, condition, activity types), grade bands
 * and yearly minimums. Saving recomputes every non-frozen year. Readers see it read-only.
 */
export default function DutyRulesPage() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const q = useQuery({ queryKey: ['duty-settings', orgId], queryFn: () => get<View>(`/api/orgs/${orgId}/duty/settings`) });
  const [config, setConfig] = useState<DutySettingsConfig | null>(null);
  useEffect(() => {
    if (q.data) setConfig(structuredClone(q.data.config));
  }, [q.data]);
  const save = useMutation({
    mutationFn: () => put<View>(`/api/orgs/${orgId}/duty/settings`, { config, version: q.data?.version ?? 0 }),
    onSuccess: (v) => {
      const done = v.recomputed?.length ? L(`，已重新计算 ${v.recomputed.join('、')} 年度`, `; recomputed ${v.recomputed.join(', ')}`) : '';
      const queued = v.queued?.length ? L(`，${v.queued.join('、')} 年度已排队重新计算`, `; ${v.queued.join(', ')} queued`) : '';
      void message.success(L('计分规则已保存', 'Rules saved') + done + queued);
      void qc.invalidateQueries({ queryKey: ['duty-settings'] });
      void qc.invalidateQueries({ queryKey: ['duty-scores'] });
      void qc.invalidateQueries({ queryKey: ['duty-years'] });
    },
    onError: (e) => onError(e, undefined, () => void q.refetch()),
  });
  const edit = q.data?.canEdit ?? false;
  const setRule = (i: number, patch: Partial<DutyRule>) =>
    setConfig((c) => (c ? { ...c, rules: c.rules.map((r, k) => (k === i ? { ...r, ...patch } : r)) } : c));
  if (!config) return <PageHeader title={L('履职计分规则', 'Scoring rules')} />;
  const rows = config.rules.map((r, i) => ({ ...r, i }));
  return (
    <div>
      <PageHeader
        title={L('履职计分规则', 'Scoring rules')}
        sub={L(
          '每条规则：事项、分值、年度上限、计分角色与条件；保存后未冻结年度自动重新计算',
          'Each rule: item, points, yearly cap, role and condition; saving recomputes every open year',
        )}
        extra={
          edit ? (
            <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="duty-rules-save">
              {L('保存并重新计算', 'Save and recompute')}
            </Button>
          ) : null
        }
      />
      <Card size="small" title={L('计分规则', 'Rules')} style={{ marginBottom: 12 }}>
        <DataTable<DutyRule & { i: number }>
          rowKey="key"
          dataSource={rows}
          columns={[
            {
              title: L('事项', 'Item'),
              key: 'item',
              render: (_: unknown, r) => (
                <Flex vertical gap={2}>
                  {edit ? (
                    <Input
                      size="small"
                      value={r.item}
                      maxLength={40}
                      onChange={(e) => setRule(r.i, { item: e.target.value })}
                      style={{ minWidth: 160 }}
                      aria-label={L('事项', 'Item')}
                    />
                  ) : (
                    <span>{r.item}</span>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {p(DUTY_SOURCE_LABELS[r.source])}
                    {r.activityTypes.length ? `：${r.activityTypes.join('、')}` : ''}
                    {r.studioOnly ? L('（委员工作室主办）', ' (studio)') : ''}
                  </Typography.Text>
                </Flex>
              ),
            },
            {
              title: L('条件', 'Condition'),
              key: 'condition',
              render: (_: unknown, r) =>
                edit ? (
                  <Select
                    size="small"
                    value={r.condition}
                    style={{ width: 170 }}
                    onChange={(v) => setRule(r.i, { condition: v })}
                    options={(DUTY_CONDITIONS[r.source] as readonly DutyRule['condition'][]).map((c) => ({
                      value: c,
                      label: p(DUTY_CONDITION_LABELS[c]),
                    }))}
                  />
                ) : (
                  p(DUTY_CONDITION_LABELS[r.condition])
                ),
            },
            {
              title: L('计分角色', 'Role'),
              key: 'role',
              render: (_: unknown, r) =>
                edit && DUTY_ROLES_BY_SOURCE[r.source].length > 1 ? (
                  <Select
                    size="small"
                    value={r.role}
                    style={{ width: 170 }}
                    onChange={(v) => setRule(r.i, { role: v })}
                    options={DUTY_ROLES_BY_SOURCE[r.source].map((c) => ({ value: c, label: p(DUTY_ROLE_LABELS[c]) }))}
                  />
                ) : (
                  p(DUTY_ROLE_LABELS[r.role])
                ),
            },
            {
              title: L('分值', 'Points'),
              key: 'points',
              render: (_: unknown, r) =>
                edit ? (
                  <InputNumber
                    size="small"
                    value={r.points}
                    min={-100}
                    max={100}
                    step={0.5}
                    onChange={(v) => v != null && setRule(r.i, { points: v })}
                    aria-label={`${r.item} ${L('分值', 'points')}`}
                    data-testid={`rule-points-${r.key}`}
                  />
                ) : (
                  <Tag color={r.points < 0 ? 'red' : 'blue'}>{r.points}</Tag>
                ),
            },
            {
              title: L('年度上限', 'Yearly cap'),
              key: 'cap',
              render: (_: unknown, r) =>
                edit ? (
                  <InputNumber
                    size="small"
                    value={r.capPerYear}
                    min={0}
                    max={1000}
                    placeholder={L('不限', 'none')}
                    onChange={(v) => setRule(r.i, { capPerYear: v ?? null })}
                    aria-label={`${r.item} ${L('年度上限', 'cap')}`}
                  />
                ) : (
                  (r.capPerYear ?? L('不限', 'none'))
                ),
            },
            {
              title: L('启用', 'Active'),
              key: 'active',
              render: (_: unknown, r) => (
                <Switch
                  size="small"
                  checked={r.active}
                  disabled={!edit}
                  onChange={(v) => setRule(r.i, { active: v })}
                  aria-label={`${r.item} ${L('启用', 'active')}`}
                />
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={L('等次与年度基本要求', 'Grades and yearly minimums')}>
        <Space wrap size={16}>
          {config.bands.map((b, i) => (
            <Space key={i}>
              <Tag>{b.label}</Tag>
              {i < config.bands.length - 1 ? (
                <>
                  <span>≥</span>
                  <InputNumber
                    size="small"
                    disabled={!edit}
                    value={b.min}
                    min={-1000}
                    max={1000}
                    onChange={(v) =>
                      v != null && setConfig({ ...config, bands: config.bands.map((x, k) => (k === i ? { ...x, min: v } : x)) })
                    }
                    aria-label={`${b.label} ${L('分数线', 'threshold')}`}
                  />
                </>
              ) : (
                <span>{L('其余（低于合格线）', 'the rest (below threshold)')}</span>
              )}
            </Space>
          ))}
          <Space>
            <span>{L('每年至少提案或社情民意', 'Proposals or reports per year ≥')}</span>
            <InputNumber
              size="small"
              disabled={!edit}
              value={config.minProposalsOrReports}
              min={0}
              max={50}
              onChange={(v) => v != null && setConfig({ ...config, minProposalsOrReports: v })}
              aria-label={L('提案或社情民意最低件数', 'Minimum proposals or reports')}
            />
          </Space>
          <Space>
            <span>{L('每年至少参加活动', 'Activities per year ≥')}</span>
            <InputNumber
              size="small"
              disabled={!edit}
              value={config.minActivities}
              min={0}
              max={50}
              onChange={(v) => v != null && setConfig({ ...config, minActivities: v })}
              aria-label={L('最低参加活动次数', 'Minimum activities')}
            />
          </Space>
        </Space>
      </Card>
    </div>
  );
}
