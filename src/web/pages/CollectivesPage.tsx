import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { COLLECTIVE_KINDS, COLLECTIVE_KIND_LABELS, type CollectiveKind } from '@common/roles';
import { get, patch, post } from '../api';
import { useFirstPage, usePaged, type Account, type Collective, type Member } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, LoadMore, PageHeader, useErrorHandler } from '../ui';

/** People who may act for a collective: the organization's accounts (admins) or members with an account. */
function useAgentOptions(enabled: boolean) {
  const orgId = useOrgId();
  const session = useSession();
  const viaAccounts = session.can('accounts.read');
  const accounts = useFirstPage<Account>('accounts', `/api/orgs/${orgId}/accounts`, {}, enabled && viaAccounts);
  const members = useFirstPage<Member>('members', `/api/orgs/${orgId}/members`, {}, enabled && !viaAccounts && session.can('members.read'));
  if (viaAccounts) return (accounts.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.displayName}（${a.username}）` }));
  return (members.data?.items ?? []).filter((m) => m.accountId != null).map((m) => ({ value: m.accountId!, label: m.name }));
}

export default function CollectivesPage() {
  const { t, L, p } = useLang();
  const orgId = useOrgId();
  const manage = useSession().can('collectives.manage');
  const [kind, setKind] = useState<CollectiveKind | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const list = usePaged<Collective>('collectives', `/api/orgs/${orgId}/collectives`, { kind, q });
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Collective | 'new' | null>(null);
  const [form] = Form.useForm();
  const agentOptions = useAgentOptions(manage && editing !== null);

  const open = async (c: Collective | 'new') => {
    form.resetFields();
    if (c === 'new') {
      setEditing('new');
      form.setFieldsValue({ kind: 'party', accountIds: [] });
      return;
    }
    try {
      const fresh = await get<Collective>(`/api/collectives/${c.id}`);
      setEditing(fresh);
      form.setFieldsValue({ kind: fresh.kind, name: fresh.name, accountIds: fresh.agents.map((a) => a.accountId) });
    } catch (err) {
      onError(err);
    }
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { kind: v.kind, name: v.name, accountIds: v.accountIds ?? [] };
    try {
      if (editing === 'new') await post(`/api/orgs/${orgId}/collectives`, body);
      else if (editing) await patch(`/api/collectives/${editing.id}`, { ...body, version: editing.version });
      void message.success(t('saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['collectives'] });
    } catch (err) {
      onError(err, form, () => editing && editing !== 'new' && void open(editing));
    }
  };
  const existingAgents = editing && editing !== 'new' ? editing.agents.map((a) => ({ value: a.accountId, label: a.displayName })) : [];
  const options = [...agentOptions, ...existingAgents.filter((e) => !agentOptions.some((o) => o.value === e.value))];

  return (
    <div>
      <PageHeader
        title={t('collectives')}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
              {L('新增集体提案者', 'New collective proposer')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('search')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 220 }} />
          <Select allowClear placeholder={L('类型', 'Kind')} style={{ width: 160 }} value={kind} onChange={setKind} options={COLLECTIVE_KINDS.map((k) => ({ value: k, label: p(COLLECTIVE_KIND_LABELS[k]) }))} />
        </Space>
      </Card>
      <DataTable<Collective>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: L('类型', 'Kind'), dataIndex: 'kind', render: (k: CollectiveKind) => <Tag>{p(COLLECTIVE_KIND_LABELS[k])}</Tag> },
          { title: L('代表人', 'Agents'), dataIndex: 'agents', render: (a: Collective['agents']) => a.map((x) => x.displayName).join('、') || '—' },
          ...(manage ? [{ title: t('actions'), key: 'actions', render: (_: unknown, r: Collective) => <Button size="small" onClick={() => open(r)}>{t('edit')}</Button> }] : []),
        ]}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? L('新增集体提案者', 'New collective proposer') : L('编辑集体提案者', 'Edit collective proposer')}
        size={Math.min(480, window.innerWidth)}
        forceRender
        extra={
          <Button type="primary" onClick={save}>
            {t('save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={L('类型', 'Kind')} rules={[{ required: true }]}>
            <Select options={COLLECTIVE_KINDS.map((k) => ({ value: k, label: p(COLLECTIVE_KIND_LABELS[k]) }))} />
          </Form.Item>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="accountIds" label={L('代表人（可代为提交的账号）', 'Agents (accounts acting for it)')}>
            <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} options={options} />
          </Form.Item>
        </Form>
      </Drawer>
    </div>
  );
}
