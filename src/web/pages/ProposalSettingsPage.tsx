import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CONVERSION_KINDS, CONVERSION_KIND_LABELS, DEFAULT_PROPOSAL_SETTINGS, type ProposalSettingsConfig } from '@common/proposals';
import { put } from '../api';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { PageHeader, useErrorHandler } from '../ui';
import { useProposalSettings, type ProposalSettings } from '../proposals';

type NumberField = {
  [K in keyof ProposalSettingsConfig]: ProposalSettingsConfig[K] extends number ? K : never;
}[keyof ProposalSettingsConfig];

/** The numeric settings: label, unit, bounds (as in the server's schema) and a hint. */
const NUMBERS: {
  name: NumberField;
  zh: string;
  en: string;
  unit: 'workdays' | 'months';
  min: number;
  max: number;
  hintZh: string;
  hintEn: string;
}[] = [
  {
    name: 'adjustmentWindowWorkdays',
    zh: '签收/申请调整期限',
    en: 'Sign-for / adjustment window',
    unit: 'workdays',
    min: 1,
    max: 60,
    hintZh: '交办后承办单位签收或申请调整的期限',
    hintEn: 'Time for a unit to sign for an assignment or ask for an adjustment',
  },
  {
    name: 'replyMonths',
    zh: '答复期限',
    en: 'Reply deadline',
    unit: 'months',
    min: 1,
    max: 12,
    hintZh: '自交办之日起；重新办理时自重新办理之日起',
    hintEn: 'From the assignment (from the re-handling order for a second round)',
  },
  {
    name: 'extensionMonths',
    zh: '延期时长',
    en: 'Extension',
    unit: 'months',
    min: 0,
    max: 6,
    hintZh: '每个承办单位可申请延期一次',
    hintEn: 'Each unit may ask for one extension',
  },
  {
    name: 'maxMonths',
    zh: '最长办理期限',
    en: 'Longest handling time',
    unit: 'months',
    min: 1,
    max: 24,
    hintZh: '延期后也不得超过，自交办之日起',
    hintEn: 'Never exceeded, extension included; from the assignment',
  },
  {
    name: 'coHandlerOpinionMonths',
    zh: '协办意见期限',
    en: 'Co-handler opinion',
    unit: 'months',
    min: 1,
    max: 6,
    hintZh: '协办单位向主办单位提出协办意见',
    hintEn: 'For co-handling units to send their opinion to the lead unit',
  },
  {
    name: 'evaluationWorkdays',
    zh: '评价期限',
    en: 'Evaluation window',
    unit: 'workdays',
    min: 1,
    max: 60,
    hintZh: '答复后提案人评价的期限，逾期记为“未表态”',
    hintEn: 'For proposers to evaluate after the reply; then “no response”',
  },
  {
    name: 'disclosureWorkdays',
    zh: '公开期限',
    en: 'Disclosure',
    unit: 'workdays',
    min: 1,
    max: 120,
    hintZh: '公开的提案在答复后多少个工作日内公开',
    hintEn: 'Public proposals are published within this time after the reply',
  },
];

const OFFSET_OPTIONS = Array.from({ length: 31 }, (_, i) => i);

/** The office's proposal-work settings (deadlines, reasons, grades, reminders); 409 on a stale version. */
export default function ProposalSettingsPage() {
  const { L, p, t } = useLang();
  const orgId = useOrgId();
  const { can } = useSession();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [form] = Form.useForm<{ config: ProposalSettingsConfig }>();
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const q = useProposalSettings(orgId);
  const loaded = q.data;
  const editable = can('proposals.configure');

  useEffect(() => {
    if (!loaded) return;
    form.resetFields();
    form.setFieldsValue({ config: loaded.config });
    setDirty(false);
  }, [loaded, form]);

  if (q.isError) return <Result status="error" title={q.error.message} />;
  if (!loaded) return <Spin />;

  const reload = () => void qc.invalidateQueries({ queryKey: ['proposal-settings', orgId] });
  const save = async (v: { config: ProposalSettingsConfig }) => {
    const config: ProposalSettingsConfig = {
      ...v.config,
      notRegisterReasons: v.config.notRegisterReasons.map((r) => r.trim()).filter(Boolean),
      gradeLabels: v.config.gradeLabels.map((g) => ({ code: g.code.trim().toUpperCase(), label: g.label.trim() })),
      reminderOffsetsWorkdays: [...new Set(v.config.reminderOffsetsWorkdays)].sort((a, b) => b - a),
    };
    setBusy(true);
    try {
      const res = await put<ProposalSettings>(`/api/orgs/${orgId}/proposal-settings`, { config, version: loaded.version });
      qc.setQueryData(['proposal-settings', orgId], res);
      void message.success(t('saved'));
    } catch (err) {
      onError(err, form, reload);
    } finally {
      setBusy(false);
    }
  };
  const unitLabel = (u: 'workdays' | 'months') => (u === 'workdays' ? L('个工作日', 'working days') : L('个月', 'months'));

  return (
    <div>
      <PageHeader
        title={L('提案工作设置', 'Proposal settings')}
        sub={L('办理期限、不予立案理由、答复等级与提醒', 'Deadlines, reasons for not registering, reply grades and reminders')}
        extra={
          editable ? (
            <>
              <Button
                onClick={() => {
                  form.setFieldsValue({ config: structuredClone(DEFAULT_PROPOSAL_SETTINGS) });
                  setDirty(true);
                }}
              >
                {L('恢复默认', 'Restore defaults')}
              </Button>
              <Button
                disabled={!dirty}
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue({ config: loaded.config });
                  setDirty(false);
                }}
              >
                {L('放弃修改', 'Discard changes')}
              </Button>
              <Button type="primary" loading={busy} onClick={() => form.submit()}>
                {t('save')}
              </Button>
            </>
          ) : null
        }
      />
      {loaded.isDefault ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={L(
            '当前使用系统默认设置；保存后即为本组织的设置。',
            'The defaults are in use; saving makes them this organization’s settings.',
          )}
        />
      ) : null}
      {dirty ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={L('有未保存的修改。', 'There are unsaved changes.')} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        disabled={!editable}
        onValuesChange={() => setDirty(true)}
        initialValues={{ config: loaded.config }}
        scrollToFirstError
      >
        <Card title={L('办理期限', 'Deadlines')} size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            {NUMBERS.map((n) => (
              <Col key={n.name} xs={24} sm={12} lg={8}>
                <Form.Item
                  name={['config', n.name]}
                  label={L(n.zh, n.en)}
                  extra={L(n.hintZh, n.hintEn)}
                  rules={[
                    { required: true, message: L(`请填写${n.zh}`, `${n.en} is required`) },
                    {
                      type: 'number',
                      min: n.min,
                      max: n.max,
                      message: L(`应在 ${n.min}–${n.max} 之间`, `Between ${n.min} and ${n.max}`),
                    },
                  ]}
                >
                  <InputNumber min={n.min} max={n.max} precision={0} style={{ width: '100%' }} suffix={unitLabel(n.unit)} />
                </Form.Item>
              </Col>
            ))}
          </Row>
          <Form.Item
            noStyle
            dependencies={[
              ['config', 'replyMonths'],
              ['config', 'extensionMonths'],
              ['config', 'maxMonths'],
            ]}
          >
            {() => {
              const c = form.getFieldValue('config') as Partial<ProposalSettingsConfig> | undefined;
              if (!c || c.replyMonths == null || c.maxMonths == null || c.extensionMonths == null) return null;
              if (c.maxMonths < c.replyMonths)
                return (
                  <Alert
                    type="warning"
                    showIcon
                    title={L(
                      '最长办理期限短于答复期限，答复期限将以最长期限为准。',
                      'The longest handling time is shorter than the reply deadline.',
                    )}
                  />
                );
              return (
                <Typography.Text type="secondary">
                  {L(
                    `答复期限 ${c.replyMonths} 个月，延期一次 ${c.extensionMonths} 个月，最长不超过 ${c.maxMonths} 个月。`,
                    `Reply within ${c.replyMonths} months, one extension of ${c.extensionMonths}, never beyond ${c.maxMonths} months.`,
                  )}
                </Typography.Text>
              );
            }}
          </Form.Item>
        </Card>

        <Card title={L('提醒', 'Reminders')} size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            name={['config', 'reminderOffsetsWorkdays']}
            label={L('到期提醒', 'Remind')}
            extra={L(
              '在期限前若干个工作日提醒承办单位（评价期限提醒提案人）；0 表示逾期后的第一个工作日提醒并报提案委和督办领导。最多 5 个。',
              'Working days before a deadline to remind the unit (the proposers for evaluations); 0 = the first working day after it passed, also telling the office and the supervising leader. At most 5.',
            )}
            rules={[{ type: 'array', max: 5, message: L('最多设置 5 个提醒', 'At most 5 reminders') }]}
          >
            <Select
              mode="multiple"
              allowClear
              placeholder={L('不提醒', 'No reminders')}
              options={OFFSET_OPTIONS.map((n) => ({
                value: n,
                label: n === 0 ? L('逾期提醒', 'When overdue') : L(`提前 ${n} 个工作日`, `${n} working day${n === 1 ? '' : 's'} before`),
              }))}
            />
          </Form.Item>
        </Card>

        <Card title={L('答复等级', 'Reply grades')} size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">
            {L(
              '承办单位答复时选择的办理结果等级（2–6 个），代号如 A、B、C。',
              'The result grades a unit picks when it replies (2–6), with codes such as A, B, C.',
            )}
          </Typography.Paragraph>
          <Form.List
            name={['config', 'gradeLabels']}
            rules={[
              {
                validator: async (_, v: unknown[] | undefined) => {
                  if (!v || v.length < 2) throw new Error(L('至少 2 个等级', 'At least 2 grades'));
                  if (v.length > 6) throw new Error(L('最多 6 个等级', 'At most 6 grades'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="start">
                    <Form.Item
                      name={[f.name, 'code']}
                      style={{ width: 90, marginBottom: 8 }}
                      rules={[
                        { required: true, whitespace: true, message: L('代号', 'Code') },
                        { max: 4, message: L('最多 4 个字符', 'At most 4 characters') },
                        {
                          validator: async (_, code: string | undefined) => {
                            const all = (form.getFieldValue(['config', 'gradeLabels']) as { code?: string }[] | undefined) ?? [];
                            const norm = (s?: string) => (s ?? '').trim().toUpperCase();
                            if (code && all.filter((g) => norm(g.code) === norm(code)).length > 1)
                              throw new Error(L('代号重复', 'Duplicate code'));
                          },
                        },
                      ]}
                    >
                      <Input placeholder={L('代号', 'Code')} maxLength={4} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'label']}
                      style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                      rules={[{ required: true, whitespace: true, message: L('请填写等级名称', 'Name the grade') }]}
                    >
                      <Input placeholder={L('如：已解决或采纳', 'e.g. Solved or adopted')} maxLength={40} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('delete')}
                      disabled={fields.length <= 2 || !editable}
                      onClick={() => remove(f.name)}
                    />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  disabled={fields.length >= 6 || !editable}
                  onClick={() => add({ code: '', label: '' })}
                >
                  {L('添加等级', 'Add a grade')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>

        <Card title={L('不予立案', 'Not registering')} size="small" style={{ marginBottom: 16 }}>
          <Form.Item
            name={['config', 'conversionKinds']}
            label={L('可选的转化方式', 'Conversions offered')}
            rules={[{ type: 'array', min: 1, required: true, message: L('至少选择一种转化方式', 'Pick at least one') }]}
          >
            <Checkbox.Group options={CONVERSION_KINDS.map((k) => ({ value: k, label: p(CONVERSION_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Typography.Text strong>{L('不予立案理由', 'Reasons for not registering')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {L('审查时从中选择（1–50 条）。', 'The office picks one when not registering a proposal (1–50).')}
          </Typography.Paragraph>
          <Form.List
            name={['config', 'notRegisterReasons']}
            rules={[
              {
                validator: async (_, v: unknown[] | undefined) => {
                  if (!v || v.length < 1) throw new Error(L('至少 1 条理由', 'At least one reason'));
                  if (v.length > 50) throw new Error(L('最多 50 条理由', 'At most 50 reasons'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={8} align="start">
                    <Typography.Text type="secondary" style={{ width: 24, lineHeight: '32px', flex: 'none' }}>
                      {i + 1}.
                    </Typography.Text>
                    <Form.Item
                      name={f.name}
                      style={{ flex: 1, minWidth: 0, marginBottom: 8 }}
                      rules={[{ required: true, whitespace: true, message: L('请填写理由或删除此行', 'Fill in or remove this line') }]}
                    >
                      <Input maxLength={100} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('delete')}
                      disabled={fields.length <= 1 || !editable}
                      onClick={() => remove(f.name)}
                    />
                  </Flex>
                ))}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" icon={<PlusOutlined />} disabled={fields.length >= 50 || !editable} onClick={() => add('')}>
                  {L('添加理由', 'Add a reason')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        {editable ? (
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('save')}
            </Button>
          </Space>
        ) : null}
      </Form>
    </div>
  );
}
