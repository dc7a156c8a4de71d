import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Dropdown, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, MoreOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES, ROLE_LABELS, type Role } from '@common/roles';
import { del, get, patch, post } from '../api';
import { useFirstPage, usePaged, type Account, type Unit } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, LoadMore, PageHeader, useErrorHandler } from '../ui';

interface GrantRow {
  role?: Role;
  unitId?: number | null;
  title?: string;
}

function GrantFields({ name, units }: { name: number; units: Array<{ value: number; label: string }> }) {
  const { L, p } = useLang();
  const { me } = useSession();
  const roles = ROLES.filter((r) => r !== 'platform_admin' || me.isPlatformAdmin);
  return (
    <>
      <Form.Item name={[name, 'role']} rules={[{ required: true, message: L('请选择角色', 'Choose a role') }]} style={{ minWidth: 180, marginBottom: 8 }}>
        <Select placeholder={L('角色', 'Role')} options={roles.map((r) => ({ value: r, label: p(ROLE_LABELS[r]) }))} />
      </Form.Item>
      <Form.Item noStyle shouldUpdate>
        {({ getFieldValue }) =>
          getFieldValue(['grants', name, 'role']) === 'unit_handler' ? (
            <Form.Item name={[name, 'unitId']} rules={[{ required: true, message: L('请选择承办单位', 'Choose a unit') }]} style={{ minWidth: 180, marginBottom: 8 }}>
              <Select placeholder={L('承办单位', 'Handling unit')} showSearch={{ optionFilterProp: 'label' }} options={units} />
            </Form.Item>
          ) : null
        }
      </Form.Item>
      <Form.Item name={[name, 'title']} style={{ minWidth: 160, marginBottom: 8 }}>
        <Input placeholder={L('职务（可选）', 'Title (optional)')} maxLength={60} />
      </Form.Item>
    </>
  );
}

export default function AccountsPage() {
  const { t, L, p } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const manage = session.can('accounts.manage');
  const [role, setRole] = useState<Role | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const list = usePaged<Account>('accounts', `/api/orgs/${orgId}/accounts`, { role, q });
  const unitsQ = useFirstPage<Unit>('units', `/api/orgs/${orgId}/units`, {}, manage);
  const units = (unitsQ.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }));
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message, modal } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Account | null>(null);
  const [granting, setGranting] = useState<Account | null>(null);
  const [createForm] = Form.useForm();
  const [editForm] = Form.useForm();
  const [grantForm] = Form.useForm();
  const reload = () => qc.invalidateQueries({ queryKey: ['accounts'] });

  const showSecret = (title: string, secret: string) =>
    modal.success({
      title,
      content: (
        <div>
          <Typography.Paragraph>{L('请立即告知本人，此密码只显示这一次；首次登录后须修改密码。', 'Tell the person now: it is shown only once, and must be changed at first sign-in.')}</Typography.Paragraph>
          <Typography.Text code copyable style={{ fontSize: 18 }}>
            {secret}
          </Typography.Text>
        </div>
      ),
    });

  const create = async () => {
    const v = await createForm.validateFields().catch(() => null);
    if (!v) return;
    const body = {
      username: v.username,
      displayName: v.displayName,
      phone: v.phone || null,
      email: v.email || '',
      password: v.password || undefined,
      grants: (v.grants as GrantRow[]).map((g) => ({ role: g.role, unitId: g.role === 'unit_handler' ? g.unitId : null, title: g.title || undefined })),
    };
    try {
      const res = await post<{ account: Account; initialPassword?: string }>(`/api/orgs/${orgId}/accounts`, body);
      setCreating(false);
      await reload();
      if (res.initialPassword) showSecret(L(`账号 ${res.account.username} 已创建，初始密码：`, `Account ${res.account.username} created. Initial password:`), res.initialPassword);
      else void message.success(t('saved'));
    } catch (err) {
      onError(err, createForm);
    }
  };

  const openEdit = async (a: Account) => {
    try {
      const fresh = await get<Account>(`/api/orgs/${orgId}/accounts/${a.id}`);
      editForm.resetFields();
      editForm.setFieldsValue({ displayName: fresh.displayName, phone: fresh.phone ?? '', email: fresh.email });
      setEditing(fresh);
    } catch (err) {
      onError(err);
    }
  };
  const saveEdit = async () => {
    const v = await editForm.validateFields().catch(() => null);
    if (!v || !editing) return;
    try {
      await patch(`/api/orgs/${orgId}/accounts/${editing.id}`, { displayName: v.displayName, phone: v.phone || null, email: v.email || '', version: editing.version });
      setEditing(null);
      void message.success(t('saved'));
      await reload();
    } catch (err) {
      onError(err, editForm, () => void openEdit(editing));
    }
  };
  const setDisabled = async (a: Account, disabled: boolean) => {
    try {
      await patch(`/api/orgs/${orgId}/accounts/${a.id}`, { disabled, version: a.version });
      void message.success(t('saved'));
      await reload();
    } catch (err) {
      onError(err, undefined, () => void reload());
    }
  };
  const resetPassword = async (a: Account) => {
    try {
      const res = await post<{ temporaryPassword: string }>(`/api/orgs/${orgId}/accounts/${a.id}/reset-password`);
      showSecret(L(`${a.displayName} 的临时密码：`, `Temporary password for ${a.displayName}:`), res.temporaryPassword);
      await reload();
    } catch (err) {
      onError(err);
    }
  };
  const addGrant = async () => {
    const v = await grantForm.validateFields().catch(() => null);
    if (!v || !granting) return;
    try {
      await post(`/api/orgs/${orgId}/grants`, { accountId: granting.id, role: v.role, unitId: v.role === 'unit_handler' ? v.unitId : null, title: v.title || undefined });
      setGranting(null);
      void message.success(t('saved'));
      await reload();
    } catch (err) {
      onError(err, grantForm);
    }
  };
  const removeGrant = (a: Account, g: Account['grants'][number]) =>
    modal.confirm({
      title: L(`收回 ${a.displayName} 的「${p(ROLE_LABELS[g.role])}」角色？`, `Revoke ${p(ROLE_LABELS[g.role])} from ${a.displayName}?`),
      onOk: async () => {
        try {
          await del(`/api/grants/${g.id}`);
          await reload();
        } catch (err) {
          onError(err);
        }
      },
    });

  return (
    <div>
      <PageHeader
        title={t('accounts')}
        extra={
          manage ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                createForm.resetFields();
                createForm.setFieldsValue({ grants: [{ role: 'member' }] });
                setCreating(true);
              }}
            >
              {L('新建账号', 'New account')}
            </Button>
          ) : null
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search allowClear placeholder={L('账号 / 姓名 / 手机号', 'Account / name / phone')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 240 }} />
          <Select allowClear placeholder={L('角色', 'Role')} style={{ width: 200 }} value={role} onChange={setRole} options={ROLES.map((r) => ({ value: r, label: p(ROLE_LABELS[r]) }))} />
        </Space>
      </Card>
      <DataTable<Account>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        columns={[
          { title: L('账号', 'Account'), dataIndex: 'username', fixed: 'left' },
          { title: L('姓名', 'Name'), dataIndex: 'displayName' },
          { title: L('手机号', 'Phone'), dataIndex: 'phone', render: (v: string | null) => v || '—' },
          {
            title: L('角色', 'Roles'),
            dataIndex: 'grants',
            render: (gs: Account['grants'], a: Account) => (
              <Space size={[4, 4]} wrap>
                {gs.map((g) => (
                  <Tag
                    key={g.id}
                    color="red"
                    closable={manage}
                    onClose={(e) => {
                      e.preventDefault();
                      removeGrant(a, g);
                    }}
                  >
                    {p(ROLE_LABELS[g.role])}
                    {g.unitName ? `·${g.unitName}` : ''}
                    {g.title ? `（${g.title}）` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('status'),
            key: 's',
            render: (_: unknown, a: Account) => (
              <Space size={4}>
                {a.disabled ? <Tag>{L('已停用', 'Disabled')}</Tag> : <Tag color="green">{L('正常', 'Active')}</Tag>}
                {a.mustChangePassword ? <Tag color="orange">{L('待改密', 'Must change password')}</Tag> : null}
              </Space>
            ),
          },
          ...(manage
            ? [
                {
                  title: t('actions'),
                  key: 'actions',
                  render: (_: unknown, a: Account) => (
                    <Space>
                      <Button size="small" onClick={() => openEdit(a)}>
                        {t('edit')}
                      </Button>
                      <Dropdown
                        trigger={['click']}
                        menu={{
                          items: [
                            { key: 'grant', label: L('授予角色', 'Grant a role') },
                            { key: 'reset', label: L('重置密码', 'Reset password') },
                            a.disabled ? { key: 'enable', label: L('启用账号', 'Enable') } : { key: 'disable', danger: true, label: L('停用账号', 'Disable') },
                          ],
                          onClick: ({ key }) => {
                            if (key === 'grant') {
                              grantForm.resetFields();
                              setGranting(a);
                            } else if (key === 'reset')
                              modal.confirm({ title: L(`重置 ${a.displayName} 的密码？其所有会话将被注销。`, `Reset ${a.displayName}'s password? All their sessions end.`), onOk: () => resetPassword(a) });
                            else if (key === 'disable') modal.confirm({ title: L(`停用账号 ${a.username}？`, `Disable ${a.username}?`), onOk: () => setDisabled(a, true) });
                            else void setDisabled(a, false);
                          },
                        }}
                      >
                        <Button size="small" icon={<MoreOutlined />} aria-label={t('actions')} />
                      </Dropdown>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />

      <Drawer
        open={creating}
        onClose={() => setCreating(false)}
        title={L('新建账号', 'New account')}
        size={Math.min(620, window.innerWidth)}
        forceRender
        extra={
          <Button type="primary" onClick={create}>
            {t('save')}
          </Button>
        }
      >
        <Form form={createForm} layout="vertical">
          <Form.Item name="username" label={L('账号', 'Account name')} extra={L('3–40 位字母、数字或 _ . @ -', '3–40 letters, digits or _ . @ -')} rules={[{ required: true }, { pattern: /^[A-Za-z0-9][A-Za-z0-9_.@-]{2,39}$/ }]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="displayName" label={L('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="phone" label={L('手机号（可用于登录）', 'Phone (may be used to sign in)')} rules={[{ pattern: /^(1[3-9]\d{9})?$/, message: L('不是有效的手机号码', 'Not a valid mobile number') }]}>
            <Input inputMode="tel" maxLength={11} />
          </Form.Item>
          <Form.Item name="email" label={L('电子邮箱', 'E-mail')} rules={[{ type: 'email' }]}>
            <Input inputMode="email" />
          </Form.Item>
          <Form.Item name="password" label={L('初始密码', 'Initial password')} extra={L('留空则由系统生成临时密码（仅显示一次）', 'Leave empty to generate a temporary password (shown once)')}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Typography.Text strong>{L('角色', 'Roles')}</Typography.Text>
          <Form.List name="grants">
            {(fields, { add, remove }) => (
              <div style={{ marginTop: 8 }}>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap style={{ display: 'flex' }}>
                    <GrantFields name={f.name} units={units} />
                    {fields.length > 1 ? <MinusCircleOutlined style={{ marginTop: 8 }} onClick={() => remove(f.name)} aria-label={t('delete')} /> : null}
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
                  {L('添加角色', 'Add a role')}
                </Button>
              </div>
            )}
          </Form.List>
        </Form>
      </Drawer>

      <Modal open={editing !== null} title={L('编辑账号', 'Edit account')} onOk={saveEdit} onCancel={() => setEditing(null)} okText={t('save')} forceRender>
        <Form form={editForm} layout="vertical">
          <Form.Item name="displayName" label={L('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="phone" label={L('手机号', 'Phone')} rules={[{ pattern: /^(1[3-9]\d{9})?$/, message: L('不是有效的手机号码', 'Not a valid mobile number') }]}>
            <Input inputMode="tel" maxLength={11} />
          </Form.Item>
          <Form.Item name="email" label={L('电子邮箱', 'E-mail')} rules={[{ type: 'email' }]}>
            <Input inputMode="email" />
          </Form.Item>
        </Form>
      </Modal>

      <Modal open={granting !== null} title={L(`授予角色：${granting?.displayName ?? ''}`, `Grant a role: ${granting?.displayName ?? ''}`)} onOk={addGrant} onCancel={() => setGranting(null)} okText={t('save')} forceRender>
        <Form form={grantForm} layout="vertical">
          <Form.Item name="role" label={L('角色', 'Role')} rules={[{ required: true }]}>
            <Select options={ROLES.filter((r) => r !== 'platform_admin' || session.me.isPlatformAdmin).map((r) => ({ value: r, label: p(ROLE_LABELS[r]) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              getFieldValue('role') === 'unit_handler' ? (
                <Form.Item name="unitId" label={L('承办单位', 'Handling unit')} rules={[{ required: true }]}>
                  <Select showSearch={{ optionFilterProp: 'label' }} options={units} />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item name="title" label={L('职务', 'Title')}>
            <Input maxLength={60} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
