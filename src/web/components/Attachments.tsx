import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, List, Popconfirm, Progress, Typography, Upload } from 'antd';
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_COUNT, type AttachmentView } from '@common/proposals';
import { del, download, get, upload } from '../api';
import { useLang } from '../i18n';
import { fmtTime } from '../proposals';
import { useErrorHandler } from '../ui';

export type Attachment = z.infer<typeof AttachmentView>;
export const attachmentsKey = (proposalId: number) => ['proposal-attachments', proposalId] as const;
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.pptx,.ofd,.jpg,.jpeg,.png,.webp';

const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

/** The attachments of a proposal (its own, or one unit's reply attachments), as the caller may see and change them. */
export function useAttachments(proposalId: number) {
  return useQuery({
    queryKey: attachmentsKey(proposalId),
    queryFn: () => get<{ items: Attachment[] }>(`/api/proposals/${proposalId}/attachments`),
  });
}

/**
 * A list of attachments with download links, plus an upload button when `uploadUrl` is given (the proposer while
 * editing: /api/proposals/:id/attachments; a unit before replying: /api/proposal-assignments/:id/attachments).
 * `assignmentId` null shows the proposal's own files; a number shows that assignment's; undefined shows all.
 */
export function Attachments({
  proposalId,
  assignmentId,
  uploadUrl,
}: {
  proposalId: number;
  assignmentId?: number | null;
  uploadUrl?: string;
}) {
  const { L } = useLang();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const q = useAttachments(proposalId);
  const [pct, setPct] = useState<number | null>(null);
  const items = (q.data?.items ?? []).filter((a) => assignmentId === undefined || a.assignmentId === assignmentId);
  const refresh = () => void qc.invalidateQueries({ queryKey: attachmentsKey(proposalId) });
  const full = items.length >= ATTACHMENT_MAX_COUNT;

  const beforeUpload = (file: File) => {
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error(L(`“${file.name}”超过 20 MB，未上传`, `"${file.name}" is larger than 20 MB; not uploaded`));
      return false;
    }
    setPct(0);
    upload<Attachment>(uploadUrl!, file, setPct)
      .then(() => {
        void message.success(L(`已上传“${file.name}”`, `Uploaded "${file.name}"`));
        refresh();
      })
      .catch((err: unknown) => onError(err))
      .finally(() => setPct(null));
    return false;
  };

  if (!uploadUrl && !items.length) return null;
  return (
    <div style={{ marginTop: 8 }}>
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong>
          <PaperClipOutlined /> {L('附件', 'Attachments')}
          {items.length ? `（${items.length}）` : ''}
        </Typography.Text>
        {uploadUrl ? (
          <Upload accept={ACCEPT} showUploadList={false} beforeUpload={beforeUpload} disabled={full || pct !== null}>
            <Button size="small" icon={<UploadOutlined />} disabled={full || pct !== null}>
              {L('上传附件', 'Upload')}
            </Button>
          </Upload>
        ) : null}
        {uploadUrl ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {full
              ? L(`已达 ${ATTACHMENT_MAX_COUNT} 个上限`, `Limit of ${ATTACHMENT_MAX_COUNT} reached`)
              : L('PDF、Word、Excel、PPT、OFD 或图片，每个不超过 20 MB', 'PDF, Word, Excel, PowerPoint, OFD or images, up to 20 MB each')}
          </Typography.Text>
        ) : null}
      </Flex>
      {pct !== null ? <Progress percent={pct} size="small" style={{ maxWidth: 320 }} /> : null}
      {items.length ? (
        <List
          size="small"
          dataSource={items}
          renderItem={(a) => (
            <List.Item
              actions={
                a.canDelete
                  ? [
                      <Popconfirm
                        key="del"
                        title={L(`删除“${a.filename}”？`, `Remove "${a.filename}"?`)}
                        onConfirm={() =>
                          del(`/api/proposal-attachments/${a.id}`)
                            .then(refresh)
                            .catch((err: unknown) => onError(err))
                        }
                      >
                        <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={L('删除', 'Remove')} />
                      </Popconfirm>,
                    ]
                  : []
              }
            >
              <Flex vertical style={{ minWidth: 0 }}>
                <Typography.Link
                  ellipsis
                  onClick={() => download(`/api/proposal-attachments/${a.id}`, a.filename).catch((err: unknown) => onError(err))}
                >
                  {a.filename}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {size(a.size)}
                  {a.unitName ? ` · ${a.unitName}` : ''} · {a.uploadedByName} · {fmtTime(a.createdAt)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}
