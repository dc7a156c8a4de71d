/** Shared bits of the 社情民意 pages: status tags, the report list (table on desktop, cards on phones). */
import { Link } from 'react-router-dom';
import { Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import { INFO_STATUS_LABELS, INFO_SUBMITTER_KIND_LABELS, type InfoListItem, type InfoStatus } from '@common/info';
import { useLang } from '../../i18n';
import { DataTable, useIsMobile } from '../../ui';
import { fmtTime } from '../../proposals';

const COLORS: Record<InfoStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  returned: 'orange',
  editing: 'geekblue',
  issued: 'green',
  adopted: 'cyan',
  instructed: 'red',
  fed_back: 'purple',
  archived: 'default',
  rejected: 'default',
  merged: 'default',
};

export function InfoStatusTag({ status }: { status: InfoStatus }) {
  const { p } = useLang();
  return <Tag color={COLORS[status]}>{p(INFO_STATUS_LABELS[status])}</Tag>;
}

export function InfoList({
  items,
  loading,
  select,
}: {
  items: InfoListItem[];
  loading: boolean;
  select?: { keys: number[]; onChange: (keys: number[]) => void; enabled: (r: InfoListItem) => boolean };
}) {
  const { L, p } = useLang();
  const mobile = useIsMobile();
  if (mobile && !select) {
    if (!loading && !items.length) return <Empty />;
    return (
      <Flex vertical gap={8}>
        {items.map((r) => (
          <Card key={r.id} size="small">
            <Link to={`/info-reports/${r.id}`} style={{ display: 'block', padding: '6px 0' }}>
              {r.title || L('（未填写标题）', '(no title yet)')}
            </Link>
            <div>
              <Space size={4} wrap>
                <InfoStatusTag status={r.status} />
                {r.issueLabel ? <Tag>{r.issueLabel}</Tag> : null}
                <Typography.Text type="secondary">{r.submitterName}</Typography.Text>
              </Space>
            </div>
          </Card>
        ))}
      </Flex>
    );
  }
  return (
    <DataTable<InfoListItem>
      rowKey="id"
      loading={loading}
      dataSource={items}
      rowSelection={
        select
          ? {
              selectedRowKeys: select.keys,
              onChange: (k) => select.onChange(k as number[]),
              getCheckboxProps: (r) => ({ disabled: !select.enabled(r) }),
            }
          : undefined
      }
      columns={[
        {
          title: L('标题', 'Title'),
          dataIndex: 'title',
          render: (v: string, r) => <Link to={`/info-reports/${r.id}`}>{v || L('（未填写标题）', '(no title yet)')}</Link>,
        },
        { title: L('状态', 'Status'), dataIndex: 'status', render: (s: InfoStatus) => <InfoStatusTag status={s} /> },
        {
          title: L('报送方', 'Source'),
          dataIndex: 'submitterName',
          render: (v: string, r) => `${v}（${p(INFO_SUBMITTER_KIND_LABELS[r.submitterKind])}）`,
        },
        { title: L('期刊', 'Issue'), dataIndex: 'issueLabel', render: (v: string | null) => v ?? '—' },
        { title: L('字数', 'Length'), dataIndex: 'length' },
        { title: L('报送时间', 'Submitted'), dataIndex: 'submittedAt', render: (v: string | null) => (v ? fmtTime(v) : '—') },
      ]}
    />
  );
}
