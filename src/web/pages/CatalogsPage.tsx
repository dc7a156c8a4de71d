import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Popconfirm, Space, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { CATALOGS, CATALOG_LABELS, type Catalog } from '@common/orgs';
import { del, patch, post } from '../api';
import { useCatalog, type CatalogItem } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, PageHeader, useErrorHandler } from '../ui';

function CatalogTab({ catalog }: { catalog: Catalog }) {
  const { t, L, p } = useLang();
  const orgId = useOrgId();
  const manage = useSession().can('orgs.manage');
  const list = useCatalog(orgId, catalog);
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<CatalogItem | 'new' | null>(null);
  const [form] = Form.useForm();
  const studio = catalog === 'studios';
  const reload = () => qc.invalidateQueries({ queryKey: ['catalog', orgId, catalog] });

  const open = (v: CatalogItem | 'new') => {
    setEditing(v);
    form.resetFields();
    if (v !== 'new') form.setFieldsValue(v);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = studio ? { name: v.name, theme: v.theme ?? '', place: v.place ?? '' } : { name: v.name, sort: v.sort ?? 0 };
    try {
      if (editing === 'new') await post(`/api/orgs/${orgId}/catalogs/${catalog}`, body);
      else if (editing) await patch(`/api/catalogs/${catalog}/${editing.id}`, { ...body, version: editing.version });
      void message.success(t('saved'));
      setEditing(null);
      await reload();
    } catch (err) {
      onError(err, form, () => void reload().then(() => setEditing(null)));
    }
  };
  const remove = async (r: CatalogItem) => {
    try {
      await del(`/api/catalogs/${catalog}/${r.id}`);
      await reload();
    } catch (err) {
      onError(err);
    }
  };

  return (
    <>
      {manage ? (
        <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => open('new')}>
          {t('create')}
          {p(CATALOG_LABELS[catalog])}
        </Button>
      ) : null}
      <DataTable<CatalogItem>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          ...(studio
            ? [
                { title: L('主题', 'Theme'), dataIndex: 'theme' },
                { title: L('地点', 'Place'), dataIndex: 'place' },
              ]
            : [{ title: L('排序', 'Sort'), dataIndex: 'sort' }]),
          ...(manage
            ? [
                {
                  title: t('actions'),
                  key: 'actions',
                  render: (_: unknown, r: CatalogItem) => (
                    <Space>
                      <Button size="small" onClick={() => open(r)}>
                        {t('edit')}
                      </Button>
                      <Popconfirm title={t('confirmDelete')} onConfirm={() => remove(r)}>
                        <Button size="small" danger>
                          {t('delete')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal open={editing !== null} title={`${editing === 'new' ? t('create') : t('edit')}${p(CATALOG_LABELS[catalog])}`} onOk={save} onCancel={() => setEditing(null)} okText={t('save')} forceRender>
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          {studio ? (
            <>
              <Form.Item name="theme" label={L('主题', 'Theme')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="place" label={L('地点', 'Place')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="sort" label={L('排序', 'Sort')}>
              <InputNumber min={0} max={9999} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

export default function CatalogsPage() {
  const { t, p } = useLang();
  const [params, setParams] = useSearchParams();
  const active = (CATALOGS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Catalog) : 'sectors';
  return (
    <div>
      <PageHeader title={t('catalogs')} />
      <Tabs activeKey={active} onChange={(k) => setParams({ tab: k })} items={CATALOGS.map((c) => ({ key: c, label: p(CATALOG_LABELS[c]), children: <CatalogTab catalog={c} /> }))} destroyOnHidden />
    </div>
  );
}
