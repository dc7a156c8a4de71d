import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, List, Modal, Segmented, Space, Tabs, Tag, Typography } from 'antd';
import { FileWordOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { INFO_STATUS_LABELS, type InfoIssueView, type InfoListItem, type InfoReportView, type InfoStatus } from '@common/info';
import { download, post } from '../api';
import { usePaged } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { LoadMore, PageHeader, useErrorHandler } from '../ui';
import { InfoList, InfoStatusTag } from './info/common';

const FILTERS: Array<InfoStatus | 'all'> = [
  'submitted',
  'editing',
  'returned',
  'issued',
  'adopted',
  'instructed',
  'fed_back',
  'archived',
  'rejected',
  'merged',
  'all',
];

/** 社情民意编辑台: the office's intake (报送 → 采编), issuing several reports into a new bulletin issue, the issues. */
export default function InfoDeskPage() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const manage = session.can('info.manage');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const [tab, setTab] = useState('reports');
  const [filter, setFilter] = useState<InfoStatus | 'all'>('submitted');
  const [selected, setSelected] = useState<number[]>([]);
  const [issuing, setIssuing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ day: Dayjs; title?: string }>();
  const list = usePaged<InfoListItem>('info-desk', `/api/orgs/${orgId}/info-reports`, { status: filter === 'all' ? undefined : filter });
  const issues = usePaged<InfoIssueView>('info-issues', `/api/orgs/${orgId}/info-issues`, {}, tab === 'issues');

  const issue = async (v: { day: Dayjs; title?: string }) => {
    setBusy(true);
    try {
      const created = await post<InfoIssueView>(`/api/orgs/${orgId}/info-issues`, {
        reportIds: selected,
        issuedOn: v.day.format('YYYY-MM-DD'),
        title: v.title ?? '',
      });
      void message.success(L(`已编发${created.label}`, `Issued ${created.label}`));
      setIssuing(false);
      setSelected([]);
      void qc.invalidateQueries({ queryKey: ['info-desk'] });
      void qc.invalidateQueries({ queryKey: ['info-issues'] });
      // The issued reports changed status: their own pages and the submitters' lists must not show the old one.
      void qc.invalidateQueries({ queryKey: ['info-report'] });
      void qc.invalidateQueries({ queryKey: ['info-mine'] });
      setTab('issues');
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  const newReport = async () => {
    try {
      const r = await post<InfoReportView>(`/api/orgs/${orgId}/info-reports`, { submitterKind: 'officer' });
      void navigate(`/info-reports/${r.id}`);
    } catch (err) {
      onError(err);
    }
  };

  return (
    <div>
      <PageHeader
        title={L('社情民意编辑', 'Information desk')}
        sub={L(
          '接收采编、退回修改、合并、编发《社情民意》，登记上级采用、领导批示和落实反馈',
          'Accept, return, merge, issue bulletins; record adoptions, instructions and feedback',
        )}
        extra={
          manage ? (
            <>
              <Button icon={<PlusOutlined />} onClick={() => void newReport()}>
                {L('信息员报送', 'File as officer')}
              </Button>
              <Button
                type="primary"
                disabled={!selected.length}
                onClick={() => {
                  form.setFieldsValue({ day: dayjs(), title: '' });
                  setIssuing(true);
                }}
              >
                {L(`编发新一期（${selected.length}）`, `New issue (${selected.length})`)}
              </Button>
            </>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'reports',
            label: L('信息', 'Reports'),
            children: (
              <>
                <Card size="small" style={{ marginBottom: 12, overflowX: 'auto' }}>
                  <Segmented<InfoStatus | 'all'>
                    value={filter}
                    onChange={(v) => {
                      setFilter(v);
                      setSelected([]);
                    }}
                    options={FILTERS.map((s) => ({ value: s, label: s === 'all' ? L('全部', 'All') : p(INFO_STATUS_LABELS[s]) }))}
                  />
                </Card>
                {manage && filter === 'editing' ? (
                  <Typography.Paragraph type="secondary">
                    {L('勾选采编中的信息，编发为新一期《社情民意》。', 'Tick reports being edited to issue them in a new bulletin.')}
                  </Typography.Paragraph>
                ) : null}
                <InfoList
                  items={list.items}
                  loading={list.isPending}
                  select={
                    manage && filter === 'editing'
                      ? { keys: selected, onChange: setSelected, enabled: (r) => r.status === 'editing' }
                      : undefined
                  }
                />
                <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
              </>
            ),
          },
          {
            key: 'issues',
            label: L('期刊', 'Issues'),
            children: (
              <>
                <List
                  loading={issues.isPending}
                  dataSource={issues.items}
                  renderItem={(i) => (
                    <Card size="small" style={{ marginBottom: 8 }} key={i.id}>
                      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
                        <Space wrap>
                          <Typography.Text strong>{i.label}</Typography.Text>
                          <Tag>{i.issuedOn}</Tag>
                          {i.title ? <Typography.Text type="secondary">{i.title}</Typography.Text> : null}
                        </Space>
                        <Button
                          size="small"
                          icon={<FileWordOutlined />}
                          onClick={() =>
                            void download(`/api/info-issues/${i.id}/bulletin.docx`, `bulletin-${i.year}-${i.number}.docx`).catch(onError)
                          }
                        >
                          {L('下载 Word', 'Download .docx')}
                        </Button>
                      </Space>
                      <ul style={{ margin: '8px 0 0', paddingLeft: 20 }}>
                        {i.reports.map((r) => (
                          <li key={r.id}>
                            <a onClick={() => void navigate(`/info-reports/${r.id}`)}>{r.title}</a>{' '}
                            <Typography.Text type="secondary">（{r.submitterName}）</Typography.Text> <InfoStatusTag status={r.status} />
                          </li>
                        ))}
                      </ul>
                    </Card>
                  )}
                />
                <LoadMore hasMore={!!issues.hasNextPage} loading={issues.isFetchingNextPage} onClick={() => void issues.fetchNextPage()} />
              </>
            ),
          },
        ]}
      />
      <Modal
        open={issuing}
        title={L('编发新一期《社情民意》', 'Issue a new bulletin')}
        onCancel={() => setIssuing(false)}
        onOk={() => form.submit()}
        okText={L('编发', 'Issue')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={issue}>
          <Typography.Paragraph>
            {L(
              `将编发 ${selected.length} 条信息，期号按年自动连续编排。`,
              `${selected.length} reports; the number is the next of the year.`,
            )}
          </Typography.Paragraph>
          <Form.Item name="day" label={L('编发日期', 'Issue date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} allowClear={false} />
          </Form.Item>
          <Form.Item name="title" label={L('本期要目（可选）', 'Headline (optional)')}>
            <Input maxLength={100} />
          </Form.Item>
          <button type="submit" hidden />
        </Form>
      </Modal>
    </div>
  );
}
