import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Select, Space, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { UNIT_GROUPS, UNIT_GROUP_LABELS, type UnitGroup } from '@common/roles';
import { get, patch, post } from '../api';
import { useOrgs, usePaged, type Unit } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, LoadMore, PageHeader, useErrorHandler } from '../ui';
import { ExportButton, ImportButton } from '../components/ExcelTools';

export default function UnitsPage() {
  const { t, L, p } = useLang();
  const orgId = useOrgId();
  const manage = useSession().can('units.manage');
  const [unitGroup, setUnitGroup] = useState<UnitGroup | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const list = usePaged<Unit>('units', `/api/orgs/${orgId}/units`, { unitGroup, q });
  const orgs = useOrgs();
  const orgName = (id: number) => orgs.data?.items.find((o) => o.id === id)?.shortName ?? `#${id}`;
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [form] = Form.useForm();

  const open = async (u: Unit | 'new') => {
    form.resetFields();
    if (u === 'new') {
      setEditing('new');
      form.setFieldsValue({ unitGroup: 'government', active: true, orgIds: [orgId] });
      return;
    }
    try {
      const fresh = await get<Unit>(`/api/units/${u.id}`);
      setEditing(fresh);
      form.setFieldsValue(fresh);
    } catch (err) {
      onError(err);
    }
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = { name: v.name, unitGroup: v.unitGroup, contactName: v.contactName ?? '', contactPhone: v.contactPhone ?? '', duties: v.duties ?? '', active: !!v.active, orgIds: v.orgIds?.length ? v.orgIds : undefined };
    try {
      if (editing === 'new') await post(`/api/orgs/${orgId}/units`, body);
      else if (editing) await patch(`/api/units/${editing.id}`, { ...body, version: editing.version });
      void message.success(t('saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['units'] });
    } catch (err) {
      onError(err, form, () => editing && editing !== 'new' && void open(editing));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('units')}
        extra={
          <>
            <ExportButton kind="units" params={{ unitGroup, q }} />
            {manage ? <ImportButton kind="units" /> : null}
            {manage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
                {L('新增承办单位', 'New unit')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search allowClear placeholder={t('search')} onSearch={(v) => setQ(v.trim() || undefined)} style={{ width: 220 }} />
          <Select allowClear placeholder={L('单位类别', 'Unit group')} style={{ width: 160 }} value={unitGroup} onChange={setUnitGroup} options={UNIT_GROUPS.map((g) => ({ value: g, label: p(UNIT_GROUP_LABELS[g]) }))} />
        </Space>
      </Card>
      <DataTable<Unit>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        columns={[
          { title: t('name'), dataIndex: 'name', fixed: 'left' },
          { title: L('单位类别', 'Group'), dataIndex: 'unitGroup', render: (g: UnitGroup) => <Tag>{p(UNIT_GROUP_LABELS[g])}</Tag> },
          { title: L('联系人', 'Contact'), dataIndex: 'contactName', render: (v: string) => v || '—' },
          { title: L('联系电话', 'Phone'), dataIndex: 'contactPhone', render: (v: string) => v || '—' },
          { title: L('服务组织', 'Organizations served'), key: 'orgs', render: (_: unknown, u: Unit) => [...new Set([u.orgId, ...u.orgIds])].map(orgName).join('、') },
          { title: t('status'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>) },
          ...(manage ? [{ title: t('actions'), key: 'actions', render: (_: unknown, r: Unit) => <Button size="small" onClick={() => open(r)}>{t('edit')}</Button> }] : []),
        ]}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? L('新增承办单位', 'New handling unit') : L('编辑承办单位', 'Edit handling unit')}
        size={Math.min(520, window.innerWidth)}
        forceRender
        extra={
          <Button type="primary" onClick={save}>
            {t('save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="unitGroup" label={L('单位类别', 'Unit group')} rules={[{ required: true }]}>
            <Select options={UNIT_GROUPS.map((g) => ({ value: g, label: p(UNIT_GROUP_LABELS[g]) }))} />
          </Form.Item>
          <Form.Item name="contactName" label={L('联系人', 'Contact person')}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="contactPhone" label={L('联系电话', 'Contact phone')}>
            <Input maxLength={40} inputMode="tel" />
          </Form.Item>
          <Form.Item name="duties" label={L('单位职能', 'Responsibilities')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="orgIds" label={L('可接收提案的组织', 'Organizations served')}>
            <Select mode="multiple" options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Form.Item name="active" label={t('status')} valuePropName="checked">
            <Switch checkedChildren={t('active')} unCheckedChildren={t('inactive')} />
          </Form.Item>
        </Form>
      </Drawer>
    </div>
  );
}
