import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Progress, Space, Steps, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import type { ImportResult, ImportError } from '@common/people';
import { ApiError, download, qs, upload } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { useErrorHandler } from '../ui';

type Kind = 'members' | 'units';

/** Export button (readers); exports what the current filters select. */
export function ExportButton({ kind, params = {} }: { kind: Kind; params?: Record<string, string | number | boolean | null | undefined> }) {
  const { t } = useLang();
  const orgId = useOrgId();
  const onError = useErrorHandler();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await download(`/api/orgs/${orgId}/${kind}/export.xlsx` + qs(params), `${kind}.xlsx`);
        } catch (err) {
          onError(err);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t('exportXlsx')}
    </Button>
  );
}

/** Import: download template → upload (preview) → fix or commit. Progress for upload and processing. */
export function ImportButton({ kind }: { kind: Kind }) {
  const { t, L } = useLang();
  const orgId = useOrgId();
  const onError = useErrorHandler();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState(0);
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'processing' | 'done'>('idle');
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [errors, setErrors] = useState<ImportError[]>([]);

  const reset = () => {
    setFile(null);
    setPercent(0);
    setPhase('idle');
    setPreview(null);
    setResult(null);
    setErrors([]);
  };

  const send = async (f: File, mode: 'preview' | 'commit') => {
    setPhase('uploading');
    setPercent(0);
    try {
      const res = await upload<ImportResult>(`/api/orgs/${orgId}/${kind}/import?mode=${mode}`, f, (pct) => {
        setPercent(Math.round(pct * 0.6));
        if (pct >= 100) setPhase('processing');
      });
      setPercent(100);
      setPhase('done');
      if (mode === 'preview') {
        setPreview(res);
        setErrors(res.errors);
      } else {
        setResult(res);
        setErrors([]);
        void message.success(L(`已导入 ${res.created} 条`, `${res.created} rows imported`));
        await qc.invalidateQueries({ queryKey: [kind] });
      }
    } catch (err) {
      setPhase('done');
      setPercent(100);
      if (err instanceof ApiError && err.code === 'import_invalid') {
        const d = err.details as { errors?: ImportError[] } | ImportError[] | undefined;
        setErrors(Array.isArray(d) ? d : (d?.errors ?? []));
      }
      onError(err);
    }
  };

  const step = result ? 2 : preview ? 1 : 0;
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)}>
        {t('importXlsx')}
      </Button>
      <Modal
        open={open}
        title={kind === 'members' ? L('导入委员', 'Import members') : L('导入承办单位', 'Import handling units')}
        width={760}
        onCancel={() => {
          setOpen(false);
          reset();
        }}
        footer={
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => download(`/api/orgs/${orgId}/${kind}/import-template.xlsx`, `${kind}-template.xlsx`).catch((err: unknown) => onError(err))}
            >
              {t('template')}
            </Button>
            {preview && !result ? (
              <Button type="primary" disabled={!file || preview.errors.length > 0 || preview.valid === 0 || phase === 'uploading' || phase === 'processing'} onClick={() => file && send(file, 'commit')}>
                {L(`确认导入 ${preview.valid} 条`, `Import ${preview.valid} rows`)}
              </Button>
            ) : null}
            <Button
              onClick={() => {
                setOpen(false);
                reset();
              }}
            >
              {result ? L('完成', 'Done') : t('cancel')}
            </Button>
          </Space>
        }
        forceRender
      >
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 16 }}
          items={[{ title: L('上传文件', 'Upload') }, { title: L('预览检查', 'Preview') }, { title: L('导入完成', 'Imported') }]}
        />
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            reset();
            setFile(f);
            void send(f, 'preview');
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{L('点击或拖入 .xlsx 文件（请使用模板）', 'Click or drop an .xlsx file (use the template)')}</p>
          {file ? <Typography.Text type="secondary">{file.name}</Typography.Text> : null}
        </Upload.Dragger>
        {phase !== 'idle' ? (
          <div style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{phase === 'uploading' ? L('正在上传…', 'Uploading…') : phase === 'processing' ? L('正在检查数据…', 'Checking…') : L('处理完成', 'Finished')}</Typography.Text>
            <Progress percent={phase === 'processing' ? Math.max(percent, 80) : percent} status={phase === 'done' ? (errors.length ? 'exception' : 'success') : 'active'} />
          </div>
        ) : null}
        {preview && !result ? (
          <Alert
            style={{ marginTop: 12 }}
            type={preview.errors.length ? 'warning' : 'success'}
            showIcon
            title={L(`共 ${preview.total} 行，有效 ${preview.valid} 行，错误 ${preview.errors.length} 处`, `${preview.total} rows, ${preview.valid} valid, ${preview.errors.length} errors`)}
            description={preview.errors.length ? L('请修改文件后重新上传；有错误时不会导入任何数据。', 'Fix the file and upload again; nothing is imported while errors remain.') : null}
          />
        ) : null}
        {result ? <Alert style={{ marginTop: 12 }} type="success" showIcon title={L(`已导入 ${result.created} 条记录`, `${result.created} records imported`)} /> : null}
        {errors.length ? (
          <Table<ImportError>
            style={{ marginTop: 12 }}
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.field}`}
            dataSource={errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: L('行', 'Row'), dataIndex: 'row', width: 70 },
              { title: L('列', 'Column'), dataIndex: 'column', width: 120 },
              { title: L('原因', 'Reason'), dataIndex: 'message' },
            ]}
          />
        ) : null}
      </Modal>
    </>
  );
}
