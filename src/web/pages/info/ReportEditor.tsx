/**
 * The submitter's editor of a draft or returned report, with autosave: every change is kept in localStorage at
 * once and PATCHed (with the version) after a pause, as the proposal draft editor does. A 409 reloads the newer
 * version only when the writer chooses to; what was typed is kept on this device until saved. Past 1,500
 * characters the form warns (一事一报) but does not block. A member's report also names its co-authors (联名委员),
 * saved the same way; they are sent only when changed, so a text save never touches them.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Form, Input, Space, Typography } from 'antd';
import { INFO_MAX_CO_AUTHORS as MAX_CO_AUTHORS, INFO_SOFT_LIMIT, infoLength, type InfoReportView } from '@common/info';
import { ApiError, get, patch } from '../../api';
import { MemberPicker } from '../../components/pickers';
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
function readStored(id: number, server: DraftValues): DraftValues | null {
  try {
    const raw = localStorage.getItem(storageKey(id));
    if (!raw) return null;
    const v = JSON.parse(raw) as Partial<DraftValues>;
    return { ...server, ...v, coAuthorIds: Array.isArray(v.coAuthorIds) ? v.coAuthorIds : server.coAuthorIds };
  } catch {
    return null;
  }
}
const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

type SaveState =
  | { kind: 'idle' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  | { kind: 'error'; message: string }
  | { kind: 'conflict' };

export function ReportEditor({
  report,
  versionRef,
  onSaved,
  flushRef,
}: {
  report: InfoReportView;
  versionRef: { current: number };
  onSaved: (r: InfoReportView) => void;
  flushRef: { current: () => Promise<boolean> };
}) {
  const { L } = useLang();
  const { modal } = App.useApp();
  const [form] = Form.useForm<DraftValues>();
  const [status, setStatus] = useState<SaveState>({ kind: 'idle' });
  const [length, setLength] = useState(() => infoLength(report));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<Promise<boolean> | null>(null);
  const dirty = useRef(false);
  /** The co-authors as last saved: a save sends `coAuthorIds` only when the form's differ. */
  const savedCo = useRef<number[]>(coAuthorsOf(report));
  const id = report.id;

  const current = useCallback((): DraftValues => {
    const v = form.getFieldsValue(true) as Partial<DraftValues>;
    return {
      title: v.title ?? '',
      situation: v.situation ?? '',
      analysis: v.analysis ?? '',
      suggestion: v.suggestion ?? '',
      coAuthorIds: v.coAuthorIds ?? [],
    };
  }, [form]);

  const save = useCallback(async (): Promise<boolean> => {
    if (inflight.current) await inflight.current;
    if (!dirty.current) return true;
    const sent = current();
    dirty.current = false;
    setStatus({ kind: 'saving' });
    const run = (async () => {
      try {
        const { coAuthorIds, ...text } = sent;
        const body = { ...text, ...(sameIds(coAuthorIds, savedCo.current) ? {} : { coAuthorIds }), version: versionRef.current };
        const res = await patch<InfoReportView>(`/api/info-reports/${id}`, body);
        versionRef.current = res.version;
        savedCo.current = coAuthorsOf(res);
        onSaved(res);
        if (same(sent, current())) localStorage.removeItem(storageKey(id));
        setStatus({ kind: 'saved', at: new Date() });
        return true;
      } catch (err) {
        dirty.current = true;
        if (err instanceof ApiError && err.status === 409 && err.code === 'conflict_version') {
          setStatus({ kind: 'conflict' });
          modal.confirm({
            title: L('信息已在别处修改', 'The report was changed elsewhere'),
            content: L(
              '此信息在其他窗口或设备上被修改过。您刚才输入的内容仍保留在本页和本机中。',
              'This report was changed in another window or device. What you typed is still kept here.',
            ),
            okText: L('保留我的内容并保存', 'Keep mine and save'),
            cancelText: L('载入最新版本', 'Load the newer version'),
            onOk: async () => {
              const latest = await get<InfoReportView>(`/api/info-reports/${id}`);
              versionRef.current = latest.version;
              savedCo.current = coAuthorsOf(latest);
              dirty.current = true;
              await flushRef.current();
            },
            onCancel: async () => {
              const latest = await get<InfoReportView>(`/api/info-reports/${id}`);
              versionRef.current = latest.version;
              savedCo.current = coAuthorsOf(latest);
              dirty.current = false;
              localStorage.removeItem(storageKey(id));
              form.setFieldsValue(valuesOf(latest));
              onSaved(latest);
              setStatus({ kind: 'idle' });
            },
          });
          return false;
        }
        setStatus({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
        return false;
      }
    })();
    inflight.current = run;
    const ok = await run;
    inflight.current = null;
    return ok;
  }, [current, form, id, L, modal, onSaved, versionRef, flushRef]);

  useEffect(() => {
    const server = valuesOf(report);
    const stored = readStored(id, server);
    if (stored && !same(stored, server)) {
      form.setFieldsValue(stored);
      setLength(infoLength(stored));
      dirty.current = true;
      setStatus({ kind: 'dirty' });
      timer.current = setTimeout(() => void save(), 500);
    } else {
      localStorage.removeItem(storageKey(id));
      form.setFieldsValue(server);
    }
    return () => {
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current) void save();
    };
    // Loaded once per report: later refetches must not overwrite what is being typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  useEffect(() => {
    flushRef.current = async () => {
      if (timer.current) clearTimeout(timer.current);
      return save();
    };
  }, [flushRef, save]);

  const onChange = () => {
    const v = current();
    localStorage.setItem(storageKey(id), JSON.stringify(v));
    setLength(infoLength(v));
    dirty.current = true;
    setStatus({ kind: 'dirty' });
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), 1200);
  };

  const statusText: ReactNode =
    status.kind === 'saving' ? (
      <Typography.Text type="secondary">{L('正在保存…', 'Saving…')}</Typography.Text>
    ) : status.kind === 'saved' ? (
      <Typography.Text type="success">{L(`已自动保存 ${hhmm(status.at)}`, `Autosaved ${hhmm(status.at)}`)}</Typography.Text>
    ) : status.kind === 'dirty' ? (
      <Typography.Text type="secondary">{L('有未保存的修改（已暂存本机）', 'Unsaved changes (kept on this device)')}</Typography.Text>
    ) : status.kind === 'conflict' ? (
      <Typography.Text type="danger">{L('版本冲突，内容已暂存本机', 'Version conflict; your text is kept on this device')}</Typography.Text>
    ) : status.kind === 'error' ? (
      <Typography.Text type="danger">{L(`保存失败：${status.message}`, `Not saved: ${status.message}`)}</Typography.Text>
    ) : null;

  const over = length > INFO_SOFT_LIMIT;
  return (
    <Card
      title={L('编辑信息', 'Edit report')}
      extra={
        <Space wrap>
          <span data-testid="autosave-status">{statusText}</span>
          {status.kind === 'error' || status.kind === 'dirty' ? (
            <Button size="small" onClick={() => void flushRef.current()}>
              {L('立即保存', 'Save now')}
            </Button>
          ) : null}
        </Space>
      }
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
