/**
 * The submitter's editor of a draft or returned report, with autosave (useAutosave, shared with the proposal draft
 * editor): every change is kept in localStorage at once and PATCHed (with the version) after a pause. A 409
 * reloads the newer version only when the writer chooses to; what was typed is kept on this device until saved.
 * Past 1,500 characters the form warns (一事一报) but does not block. A member's report also names its co-authors (联名委员),
 * saved the same way; they are sent only when changed, so a text save never touches them.
 */
import { useRef, useState } from 'react';
import { Alert, Card, Form, Input, Typography, type FormInstance } from 'antd';
import { INFO_MAX_CO_AUTHORS as MAX_CO_AUTHORS, INFO_SOFT_LIMIT, infoLength, type InfoReportView } from '@common/info';
import { get, patch } from '../../api';
import { AutosaveStatus } from '../../components/AutosaveStatus';
import { MemberPicker } from '../../components/pickers';
import { useAutosave } from '../../hooks/useAutosave';
import { useLang } from '../../i18n';

export interface DraftValues {
  title: string;
  situation: string;
  analysis: string;
  suggestion: string;
  /** Member ids of the co-authors (联名委员), the first author excluded. */
  coAuthorIds: number[];
}
const coAuthorsOf = (r: InfoReportView) => r.authors.filter((a) => a.role === 'co').map((a) => a.memberId);
const valuesOf = (r: InfoReportView): DraftValues => ({
  title: r.title,
  situation: r.situation,
  analysis: r.analysis,
  suggestion: r.suggestion,
  coAuthorIds: coAuthorsOf(r),
});
const sameIds = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();
const same = (a: DraftValues, b: DraftValues) =>
  a.title === b.title &&
  a.situation === b.situation &&
  a.analysis === b.analysis &&
  a.suggestion === b.suggestion &&
  sameIds(a.coAuthorIds, b.coAuthorIds);
const storageKey = (id: number) => `xs.info-draft.${id}`;
/** What was typed on this device and not saved yet (kept before co-authors were part of the form: then the server's). */
function restore(stored: unknown, server: DraftValues): DraftValues {
  const v = stored as Partial<DraftValues>;
  return { ...server, ...v, coAuthorIds: Array.isArray(v.coAuthorIds) ? v.coAuthorIds : server.coAuthorIds };
}
const read = (v: Partial<DraftValues>): DraftValues => ({
  title: v.title ?? '',
  situation: v.situation ?? '',
  analysis: v.analysis ?? '',
  suggestion: v.suggestion ?? '',
  coAuthorIds: v.coAuthorIds ?? [],
});

export function ReportEditor({
  report,
  versionRef,
  onSaved,
  flushRef,
  form,
}: {
  report: InfoReportView;
  versionRef: { current: number };
  onSaved: (r: InfoReportView) => void;
  flushRef: { current: () => Promise<boolean> };
  /** The page's: a refused 报送 (title or text empty) puts its error on the field. */
  form: FormInstance<DraftValues>;
}) {
  const { L } = useLang();
  const [length, setLength] = useState(() => infoLength(report));
  /** The co-authors as last saved: a save sends `coAuthorIds` only when the form's differ. */
  const savedCo = useRef<number[]>(coAuthorsOf(report));
  const { status, onChange } = useAutosave<DraftValues, InfoReportView>({
    id: report.id,
    record: report,
    form,
    versionRef,
    flushRef,
    storageKey,
    valuesOf,
    read,
    same,
    restore,
    save: async (id, { coAuthorIds, ...text }, version) => {
      const body = { ...text, ...(sameIds(coAuthorIds, savedCo.current) ? {} : { coAuthorIds }), version };
      const res = await patch<InfoReportView>(`/api/info-reports/${id}`, body);
      savedCo.current = coAuthorsOf(res);
      return res;
    },
    load: async (id) => {
      const latest = await get<InfoReportView>(`/api/info-reports/${id}`);
      savedCo.current = coAuthorsOf(latest);
      return latest;
    },
    onSaved,
    onValues: (v) => setLength(infoLength(v)),
    conflict: {
      title: L('信息已在别处修改', 'The report was changed elsewhere'),
      content: L(
        '此信息在其他窗口或设备上被修改过。您刚才输入的内容仍保留在本页和本机中。',
        'This report was changed in another window or device. What you typed is still kept here.',
      ),
      okText: L('保留我的内容并保存', 'Keep mine and save'),
      cancelText: L('载入最新版本', 'Load the newer version'),
    },
  });

  const over = length > INFO_SOFT_LIMIT;
  return (
    <Card
      title={L('编辑信息', 'Edit report')}
      extra={<AutosaveStatus wrap status={status} onSaveNow={() => void flushRef.current()} />}
      style={{ marginBottom: 16 }}
    >
      <Form form={form} layout="vertical" onValuesChange={onChange}>
        <Form.Item
          name="title"
          label={L('标题', 'Title')}
          extra={L('一事一报，标题写明所反映的问题或建议', 'One matter per report; the title names the matter')}
        >
          <Input maxLength={200} placeholder={L('关于……的建议', 'On …')} />
        </Form.Item>
        <Form.Item name="situation" label={L('基本情况', 'Situation')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={6000} />
        </Form.Item>
        <Form.Item name="analysis" label={L('问题分析', 'Analysis')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={6000} />
        </Form.Item>
        <Form.Item name="suggestion" label={L('意见建议', 'Suggestion')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={6000} />
        </Form.Item>
        {report.submitterKind === 'member' ? (
          <Form.Item
            name="coAuthorIds"
            label={L('联名委员', 'Co-authors')}
            extra={L(
              `与您联名报送的本组织委员，最多 ${MAX_CO_AUTHORS} 位`,
              `Members of this organization filing with you, at most ${MAX_CO_AUTHORS}`,
            )}
          >
            <MemberPicker
              orgId={report.orgId}
              known={report.authors.map((a) => ({ id: a.memberId, name: a.name }))}
              exclude={report.authors.filter((a) => a.role === 'first').map((a) => a.memberId)}
              maxCount={MAX_CO_AUTHORS}
              placeholder={L('搜索委员姓名添加联名委员', 'Search members to add as co-authors')}
            />
          </Form.Item>
        ) : null}
      </Form>
      <div data-testid="info-length">
        {over ? (
          <Alert
            type="warning"
            showIcon
            message={L(
              `当前 ${length} 字，已超过 ${INFO_SOFT_LIMIT} 字。社情民意信息宜短小精悍，建议精简后报送（仍可报送）。`,
              `${length} characters, over ${INFO_SOFT_LIMIT}. Reports should be short; consider trimming (you may still submit).`,
            )}
          />
        ) : (
          <Typography.Text type="secondary">
            {L(`当前 ${length} 字（建议不超过 ${INFO_SOFT_LIMIT} 字）`, `${length} characters (at most ${INFO_SOFT_LIMIT} suggested)`)}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}
