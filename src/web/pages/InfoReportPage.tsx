import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, List, Result, Row, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { INFO_ACTION_LABELS, INFO_LEVEL_LABELS, INFO_SUBMITTER_KIND_LABELS, type InfoAction, type InfoReportView } from '@common/info';
import { ApiError, get, post } from '../api';
import { useLang } from '../i18n';
import { PageHeader, useErrorHandler } from '../ui';
import { fmtTime } from '../proposals';
import { InfoStatusTag } from './info/common';
import { ActionDialog, DIALOG_ACTIONS, type DialogAction } from './info/ActionDialog';
import { ReportEditor, type DraftValues } from './info/ReportEditor';

/** The editor's text fields a refused 报送 can name. */
const EDITOR_FIELDS = ['title', 'situation', 'analysis', 'suggestion'] as const;

const Para = ({ text }: { text: string }) => (
  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>{text}</Typography.Paragraph>
);

/** One 社情民意 report: its text (editable by its submitter while a draft or returned), the flow, and its records. */
export default function InfoReportPage() {
  const { id } = useParams();
  const reportId = Number(id);
  const { L, p } = useLang();
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const onError = useErrorHandler();
  const key = ['info-report', reportId];
  const q = useQuery({
    queryKey: key,
    queryFn: () => get<InfoReportView>(`/api/info-reports/${reportId}`),
    enabled: Number.isInteger(reportId) && reportId > 0,
  });
  const versionRef = useRef(0);
  const flushRef = useRef<() => Promise<boolean>>(async () => true);
  const [editorForm] = Form.useForm<DraftValues>();
  const [dialog, setDialog] = useState<DialogAction | null>(null);
  const [busy, setBusy] = useState(false);
  const r = q.data;
  const loadedVersion = r?.version;
  const seenId = useRef<number | null>(null);
  useEffect(() => {
    // The version actions build on: the loaded one (a new report, or newer data), then our own responses.
    if (loadedVersion == null) return;
    if (seenId.current !== reportId || loadedVersion > versionRef.current) versionRef.current = loadedVersion;
    seenId.current = reportId;
  }, [reportId, loadedVersion]);

  const onSaved = useCallback(
    (v: InfoReportView) => {
      versionRef.current = v.version;
      qc.setQueryData(['info-report', v.id], v);
    },
    [qc],
  );
  const refresh = (v?: InfoReportView) => {
    if (v) onSaved(v);
    void qc.invalidateQueries({ queryKey: key });
    void qc.invalidateQueries({ queryKey: ['info-mine'] });
    void qc.invalidateQueries({ queryKey: ['info-desk'] });
  };

  if (q.isPending) return <Spin />;
  if (q.error || !r) {
    const status = q.error instanceof ApiError ? q.error.status : 0;
    return (
      <Result
        status={status === 404 ? '404' : 'error'}
        title={q.error instanceof Error ? q.error.message : L('加载失败', 'Failed to load')}
      />
    );
  }

  const simple = async (action: 'submit' | 'accept' | 'archive') => {
    setBusy(true);
    try {
      if (action === 'submit' && !(await flushRef.current())) return;
      refresh(await post<InfoReportView>(`/api/info-reports/${r.id}/${action}`, { version: versionRef.current }));
    } catch (err) {
      // 报送 refused for an empty title or text: the error goes under the field, which is scrolled to (on a phone
      // the toast is gone before the field is found). The server names the title `infoTitle`.
      const field = err instanceof ApiError && err.field ? (err.field === 'infoTitle' ? 'title' : err.field) : null;
      if (r.abilities.includes('edit') && field && (EDITOR_FIELDS as readonly string[]).includes(field)) {
        const name = field as (typeof EDITOR_FIELDS)[number];
        editorForm.setFields([{ name, errors: [(err as ApiError).message] }]);
        editorForm.scrollToField(name);
        return;
      }
      onError(err, undefined, () => refresh());
    } finally {
      setBusy(false);
    }
  };
  const act = (a: InfoAction) => {
    if (a === 'edit') return;
    if (a === 'archive') {
      modal.confirm({
        title: L('确定归档？归档后不能再登记采用、批示或反馈。', 'Archive? No more adoptions, instructions or feedback after this.'),
        onOk: () => simple('archive'),
      });
      return;
    }
    if (a === 'submit' || a === 'accept') void simple(a);
    else if ((DIALOG_ACTIONS as readonly string[]).includes(a)) setDialog(a as DialogAction);
  };
  const first = r.authors.filter((a) => a.role === 'first');
  const coAuthors = r.authors.filter((a) => a.role === 'co');
  const buttons = r.abilities.filter((a) => a !== 'edit');
  const editing = r.abilities.includes('edit');
  const section = (title: string, children: ReactNode) => (
    <Card size="small" title={title} style={{ marginBottom: 12 }}>
      {children}
    </Card>
  );

  return (
    <div>
      <PageHeader
        title={r.title || L('（未填写标题）', '(no title yet)')}
        sub={
          <Space size={4} wrap>
            <InfoStatusTag status={r.status} />
            {r.issueLabel ? <Tag color="red">{r.issueLabel}</Tag> : null}
            <span>
              {r.submitterName}（{p(INFO_SUBMITTER_KIND_LABELS[r.submitterKind])}）
            </span>
          </Space>
        }
        extra={buttons.map((a, i) => (
          <Button
            key={a}
            type={i === 0 ? 'primary' : 'default'}
            danger={a === 'reject'}
            loading={busy && (a === 'submit' || a === 'accept' || a === 'archive')}
            onClick={() => act(a)}
          >
            {a === 'submit' && r.status === 'returned' ? L('重新报送', 'Resubmit') : p(INFO_ACTION_LABELS[a])}
          </Button>
        ))}
      />
      {r.status === 'returned' && r.returnComments ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={L('退回修改意见', 'Comments from the office')}
          description={r.returnComments}
        />
      ) : null}
      {r.status === 'rejected' ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} message={L('不予采用', 'Not adopted')} description={r.rejectReason} />
      ) : null}
      {r.mergedIntoId ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            <span>
              {L('本条已合并到', 'Merged into')} <Link to={`/info-reports/${r.mergedIntoId}`}>#{r.mergedIntoId}</Link>
            </span>
          }
        />
      ) : null}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          {editing ? (
            <ReportEditor report={r} versionRef={versionRef} onSaved={onSaved} flushRef={flushRef} form={editorForm} />
          ) : (
            section(
              L('信息正文', 'Text'),
              <>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {L('基本情况', 'Situation')}
                </Typography.Title>
                <Para text={r.situation || '—'} />
                <Typography.Title level={5}>{L('问题分析', 'Analysis')}</Typography.Title>
                <Para text={r.analysis || '—'} />
                <Typography.Title level={5}>{L('意见建议', 'Suggestion')}</Typography.Title>
                <Para text={r.suggestion || '—'} />
                <Typography.Text type="secondary">{L(`共 ${r.length} 字`, `${r.length} characters`)}</Typography.Text>
              </>,
            )
          )}
          {r.instructions.length
            ? section(
                L('领导批示', 'Leader instructions'),
                <List
                  dataSource={r.instructions}
                  renderItem={(i) => (
                    <List.Item>
                      <List.Item.Meta
                        title={`${i.leader}（${p(INFO_LEVEL_LABELS[i.level])}）· ${i.instructedOn}`}
                        description={<span data-testid="info-instruction">{i.text}</span>}
                      />
                    </List.Item>
                  )}
                />,
              )
            : null}
          {r.feedback.length
            ? section(
                L('落实反馈', 'Feedback'),
                <List
                  dataSource={r.feedback}
                  renderItem={(f) => (
                    <List.Item>
                      <List.Item.Meta title={`${f.unitName} · ${f.fedBackOn}`} description={f.text} />
                    </List.Item>
                  )}
                />,
              )
            : null}
          {r.revisions.length
            ? section(
                L('采编记录', 'Editing history'),
                <Timeline
                  items={r.revisions.map((v) => ({
                    children: (
                      <div>
                        <Typography.Text strong>{`${fmtTime(v.createdAt)} ${v.editorName}`}</Typography.Text>
                        {v.note ? <Typography.Text type="secondary">{`：${v.note}`}</Typography.Text> : null}
                        <div>
                          <Typography.Text type="secondary">{L('修改前标题：', 'Title before: ')}</Typography.Text>
                          {v.title}
                        </div>
                      </div>
                    ),
                  }))}
                />,
              )
            : null}
        </Col>
        <Col xs={24} lg={8}>
          {section(
            L('基本信息', 'Details'),
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={L('第一作者', 'First author')}>
                {first.length ? first.map((a) => a.name).join('、') : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={L('联名委员', 'Co-authors')}>
                {coAuthors.length ? (
                  <Flex wrap gap={4} data-testid="info-co-authors">
                    {coAuthors.map((a) => (
                      <Tag key={a.memberId}>
                        {a.name}
                        {a.viaMergeFrom ? L('（合并计入）', ' (via merge)') : ''}
                      </Tag>
                    ))}
                  </Flex>
                ) : (
                  '—'
                )}
              </Descriptions.Item>
              <Descriptions.Item label={L('报送时间', 'Submitted')}>{r.submittedAt ? fmtTime(r.submittedAt) : '—'}</Descriptions.Item>
              <Descriptions.Item label={L('编发', 'Issued')}>
                {r.issueLabel ? `${r.issueLabel} ${fmtTime(r.issuedAt)}` : '—'}
              </Descriptions.Item>
              {r.originProposal ? (
                <Descriptions.Item label={L('来源提案', 'Origin proposal')}>
                  <Link to={`/proposals/${r.originProposal.id}`}>{r.originProposal.numberLabel ?? r.originProposal.subject}</Link>
                  <div>
                    <Typography.Text type="secondary">
                      {L('提案不予立案，转社情民意', 'Not registered; converted to information')}
                    </Typography.Text>
                  </div>
                </Descriptions.Item>
              ) : null}
              {r.mergedFrom.length ? (
                <Descriptions.Item label={L('合并的信息', 'Merged reports')}>
                  <Flex vertical>
                    {r.mergedFrom.map((m) => (
                      <Link key={m.id} to={`/info-reports/${m.id}`}>
                        {m.title}
                      </Link>
                    ))}
                  </Flex>
                </Descriptions.Item>
              ) : null}
            </Descriptions>,
          )}
          {section(
            L('上报与采用', 'Adopted upward'),
            r.adoptions.length ? (
              <List
                size="small"
                dataSource={r.adoptions}
                renderItem={(a) => <List.Item>{`${a.bodyName}（${p(INFO_LEVEL_LABELS[a.level])}）· ${a.adoptedOn}`}</List.Item>}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无', 'None yet')} />
            ),
          )}
        </Col>
      </Row>
      <ActionDialog
        action={dialog}
        report={r}
        onClose={() => setDialog(null)}
        onDone={(v) => {
          setDialog(null);
          refresh(v);
        }}
      />
    </div>
  );
}
