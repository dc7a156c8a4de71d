import type { ReactNode } from 'react';
import { Button, Space, Typography } from 'antd';
import { useLang } from '../i18n';
import type { SaveState } from '../hooks/useAutosave';

const hhmm = (d: Date) => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

/** The autosave indicator of a draft editor (saving / saved at / kept on this device / conflict / error) and "save now". */
export function AutosaveStatus({ status, onSaveNow, wrap }: { status: SaveState; onSaveNow: () => void; wrap?: boolean }) {
  const { L } = useLang();
  const text: ReactNode =
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
  return (
    <Space wrap={wrap}>
      <span data-testid="autosave-status">{text}</span>
      {status.kind === 'error' || status.kind === 'dirty' ? (
        <Button size="small" onClick={onSaveNow}>
          {L('立即保存', 'Save now')}
        </Button>
      ) : null}
    </Space>
  );
}
