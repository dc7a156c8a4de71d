/** The dialogs of the office's actions on a report: return, reject, merge, issue, adoption, instruction, feedback, 采编修改. */
import { useState } from 'react';
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { INFO_ACTION_LABELS, INFO_LEVELS, INFO_LEVEL_LABELS, type InfoAction, type InfoListItem, type InfoReportView } from '@common/info';
import { patch, post } from '../../api';
import { useFirstPage } from '../../data';
import { useLang } from '../../i18n';
import { useErrorHandler } from '../../ui';

export type DialogAction = Extract<
  InfoAction,
  'return' | 'reject' | 'merge' | 'issue' | 'record_adoption' | 'record_instruction' | 'record_feedback' | 'revise'
>;
export const DIALOG_ACTIONS: readonly DialogAction[] = [
  'revise',
  'return',
  'reject',
  'merge',
  'issue',
  'record_adoption',
  'record_instruction',
  'record_feedback',
];

type Values = Record<string, unknown> & { day?: Dayjs };

type Props = { action: DialogAction | null; report: InfoReportView; onClose: () => void; onDone: (r?: InfoReportView) => void };

/** One dialog per opening (keyed by the action), so each starts from its own initial values, not the last dialog's. */
export function ActionDialog(props: Props) {
  return props.action ? <Dialog key={props.action} {...props} /> : null;
}

function Dialog({ action, report, onClose, onDone }: Props) {
  const { L, p } = useLang();
  const onError = useErrorHandler();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const candidates = useFirstPage<InfoListItem>('info-merge-candidates', `/api/orgs/${report.orgId}/info-reports`, {}, action === 'merge');
  const levels = INFO_LEVELS.map((l) => ({ value: l, label: p(INFO_LEVEL_LABELS[l]) }));
  const day = (v: Values) => (v.day ?? dayjs()).format('YYYY-MM-DD');

  const submit = async (v: Values) => {
    if (!action) return;
    setBusy(true);
    try {
      const base = `/api/info-reports/${report.id}`;
      let res: InfoReportView | undefined;
      if (action === 'revise')
        res = await patch<InfoReportView>(base, {
          title: v.title,
          situation: v.situation,
          analysis: v.analysis,
          suggestion: v.suggestion,
          note: v.note ?? '',
          version: report.version,
        });
      else if (action === 'return') res = await post<InfoReportView>(`${base}/return`, { comments: v.comments, version: report.version });
      else if (action === 'reject') res = await post<InfoReportView>(`${base}/reject`, { reason: v.reason, version: report.version });
      else if (action === 'merge') res = await post<InfoReportView>(`${base}/merge`, { sourceIds: v.sourceIds, version: report.version });
      else if (action === 'issue')
        await post(`/api/orgs/${report.orgId}/info-issues`, { reportIds: [report.id], issuedOn: day(v), title: v.title ?? '' });
      else if (action === 'record_adoption')
        res = await post<InfoReportView>(`${base}/adoptions`, {
          bodyName: v.bodyName,
          level: v.level,
          adoptedOn: day(v),
          note: v.note ?? '',
        });
      else if (action === 'record_instruction')
        res = await post<InfoReportView>(`${base}/instructions`, { leader: v.leader, level: v.level, text: v.text, instructedOn: day(v) });
      else res = await post<InfoReportView>(`${base}/feedback`, { unitName: v.unitName, text: v.text, fedBackOn: day(v) });
      onDone(res);
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const text = (name: string, label: string, rows = 3, required = true) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, whitespace: true }] : undefined}>
      <Input.TextArea autoSize={{ minRows: rows, maxRows: 10 }} />
    </Form.Item>
  );
  const line = (name: string, label: string, placeholder?: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? [{ required: true, whitespace: true }] : undefined}>
      <Input placeholder={placeholder} />
    </Form.Item>
  );
  const date = (label: string) => (
    <Form.Item name="day" label={label}>
      <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
    </Form.Item>
  );
  const level = (
    <Form.Item name="level" label={L('层级', 'Level')} rules={[{ required: true }]}>
      <Select options={levels} />
    </Form.Item>
  );

  const body =
    action === 'revise' ? (
      <>
        {line('title', L('标题', 'Title'))}
        {text('situation', L('基本情况', 'Situation'), 3, false)}
        {text('analysis', L('问题分析', 'Analysis'), 3, false)}
        {text('suggestion', L('意见建议', 'Suggestion'), 3, false)}
        {line('note', L('修改说明', 'Editor note'), L('如：压缩篇幅，规范标题', 'e.g. shortened'), false)}
      </>
    ) : action === 'return' ? (
      text('comments', L('修改意见', 'Comments'))
    ) : action === 'reject' ? (
      text('reason', L('不予采用理由', 'Reason'), 2)
    ) : action === 'merge' ? (
      <Form.Item
        name="sourceIds"
        label={L('并入本条的信息（已报送或采编中）', 'Reports to merge into this one')}
        rules={[{ required: true }]}
      >
        <Select
          mode="multiple"
          optionFilterProp="label"
          options={(candidates.data?.items ?? [])
            .filter((c) => c.id !== report.id && (c.status === 'submitted' || c.status === 'editing'))
            .map((c) => ({ value: c.id, label: `${c.title}（${c.submitterName}）` }))}
        />
      </Form.Item>
    ) : action === 'issue' ? (
      <>
        {date(L('编发日期', 'Issue date'))}
        {line('title', L('本期要目（可选）', 'Issue headline (optional)'), undefined, false)}
      </>
    ) : action === 'record_adoption' ? (
      <>
        {line('bodyName', L('采用机关', 'Adopting body'), L('如：重庆市政协、全国政协', 'e.g. 重庆市政协'))}
        {level}
        {date(L('采用日期', 'Date adopted'))}
        {line('note', L('备注', 'Note'), undefined, false)}
      </>
    ) : action === 'record_instruction' ? (
      <>
        {line('leader', L('批示领导', 'Leader'), L('如：县委书记', 'e.g. county party secretary'))}
        {level}
        {text('text', L('批示内容', 'Instruction'))}
        {date(L('批示日期', 'Date'))}
      </>
    ) : action === 'record_feedback' ? (
      <>
        {line('unitName', L('反馈单位', 'Unit'))}
        {text('text', L('落实情况', 'What was done'))}
        {date(L('反馈日期', 'Date'))}
      </>
    ) : null;

  return (
    <Modal
      open={action !== null}
      title={action ? p(INFO_ACTION_LABELS[action]) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={L('确定', 'OK')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        preserve={false}
        initialValues={
          action === 'revise'
            ? { title: report.title, situation: report.situation, analysis: report.analysis, suggestion: report.suggestion }
            : { day: dayjs(), level: action === 'record_adoption' ? 'municipal' : 'county' }
        }
      >
        {body}
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
