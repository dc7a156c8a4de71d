import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { z } from 'zod';
import type { AuditEntryView, AuditVerifyResponse } from '@common/accounts';
import { get } from '../api';
import { useFirstPage, usePaged, type Account } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, LoadMore, PageHeader, useErrorHandler } from '../ui';

type Entry = z.infer<typeof AuditEntryView>;
type Verify = z.infer<typeof AuditVerifyResponse>;

const ENTITY_TYPES = ['organization', 'term', 'session', 'sectors', 'committees', 'groups', 'studios', 'member', 'collective', 'unit', 'account', 'grant'];

function Json({ value }: { value: unknown }) {
  if (value == null) return <Typography.Text type="secondary">—</Typography.Text>;
  return <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all', maxWidth: 520 }}>{JSON.stringify(value, null, 2)}</pre>;
}

export default function AuditPage() {
  const { t, L } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const [filters, setFilters] = useState<{ entityType?: string; entityId?: string; actorId?: number; action?: string }>({});
  const list = usePaged<Entry>('audit', `/api/orgs/${orgId}/audit`, filters);
  const accounts = useFirstPage<Account>('accounts', `/api/orgs/${orgId}/accounts`, {}, session.can('accounts.read'));
  const [verify, setVerify] = useState<Verify | null>(null);
  const [verifying, setVerifying] = useState(false);
  const onError = useErrorHandler();
  const [form] = Form.useForm();

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await get<Verify>(`/api/orgs/${orgId}/audit/verify`));
    } catch (err) {
      onError(err);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <div>
      <PageHeader
        title={t('audit')}
        extra={
          <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={runVerify}>
            {L('校验审计链', 'Verify chain')}
          </Button>
        }
      />
      {verify ? (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          closable
          onClose={() => setVerify(null)}
          type={verify.ok ? 'success' : 'error'}
          title={
            verify.ok
              ? L(`审计链完整：共 ${verify.rows} 条记录，未发现篡改。`, `Chain intact: ${verify.rows} entries, no tampering found.`)
              : L(`审计链异常：共 ${verify.rows} 条，在第 ${verify.brokenAt?.seq ?? '?'} 条（#${verify.brokenAt?.id ?? '?'}）处断开`, `Chain broken at seq ${verify.brokenAt?.seq ?? '?'} (#${verify.brokenAt?.id ?? '?'}) of ${verify.rows}`)
          }
          description={verify.ok ? null : verify.brokenAt?.problem}
        />
      ) : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form
          form={form}
          layout="inline"
          onFinish={(v: { entityType?: string; entityId?: string; actorId?: number; action?: string }) =>
            setFilters({ entityType: v.entityType || undefined, entityId: v.entityId?.trim() || undefined, actorId: v.actorId || undefined, action: v.action?.trim() || undefined })
          }
        >
          <Space wrap>
            <Form.Item name="entityType" noStyle>
              <Select allowClear showSearch placeholder={L('对象类型', 'Entity type')} style={{ width: 160 }} options={ENTITY_TYPES.map((e) => ({ value: e, label: e }))} />
            </Form.Item>
            <Form.Item name="entityId" noStyle>
              <Input placeholder={L('对象编号', 'Entity id')} style={{ width: 120 }} allowClear />
            </Form.Item>
            {session.can('accounts.read') ? (
              <Form.Item name="actorId" noStyle>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder={L('操作人', 'Person')}
                  style={{ width: 180 }}
                  options={(accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }))}
                />
              </Form.Item>
            ) : null}
            <Form.Item name="action" noStyle>
              <Input placeholder={L('操作（如 create）', 'Action (e.g. create)')} style={{ width: 160 }} allowClear />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              {t('search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
              }}
            >
              {t('reset')}
            </Button>
          </Space>
        </Form>
      </Card>
      <DataTable<Entry>
        rowKey="id"
        mobileTitle="e"
        loading={list.isPending}
        dataSource={list.items}
        expandable={{
          expandedRowRender: (r) => (
            <Space align="start" wrap size={24}>
              <div>
                <Typography.Text strong>{L('修改前', 'Before')}</Typography.Text>
                <Json value={r.before} />
              </div>
              <div>
                <Typography.Text strong>{L('修改后', 'After')}</Typography.Text>
                <Json value={r.after} />
              </div>
              <div>
                <Typography.Text type="secondary">request {r.requestId}</Typography.Text>
              </div>
            </Space>
          ),
        }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: L('时间', 'Time'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
          { title: L('操作人', 'Person'), dataIndex: 'actorName' },
          { title: L('对象', 'Entity'), key: 'e', render: (_: unknown, r: Entry) => `${r.entityType} #${r.entityId}` },
          { title: L('操作', 'Action'), dataIndex: 'action', render: (v: string) => <Tag>{v}</Tag> },
          { title: L('原因', 'Reason'), dataIndex: 'reason', render: (v: string) => v || '—' },
        ]}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
    </div>
  );
}
