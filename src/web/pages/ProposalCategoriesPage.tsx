import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { patch, post } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { DataTable, PageHeader, useErrorHandler } from '../ui';
import { useProposalCategories, type ProposalCategory } from '../proposals';

/** The office's proposal categories: list, add, rename, reorder, retire. */
export default function ProposalCategoriesPage() {
  const { t, L } = useLang();
  const orgId = useOrgId();
  const list = useProposalCategories(orgId);
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ProposalCategory | 'new' | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ name: string; sort: number; active: boolean }>();

  const open = (c: ProposalCategory | 'new') => {
    form.resetFields();
    form.setFieldsValue(
      c === 'new'
        ? { name: '', sort: (list.data?.items.length ?? 0) * 10, active: true }
        : { name: c.name, sort: c.sort, active: c.active },
    );
    setEditing(c);
  };
  const save = async (v: { name: string; sort: number; active: boolean }) => {
    setBusy(true);
    try {
      if (editing === 'new') await post(`/api/orgs/${orgId}/proposal-categories`, v);
      else if (editing) await patch(`/api/proposal-categories/${editing.id}`, { ...v, version: editing.version });
      void message.success(t('saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['proposal-categories', orgId] });
    } catch (err) {
      onError(err, form, () => {
        setEditing(null);
        void qc.invalidateQueries({ queryKey: ['proposal-categories', orgId] });
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader
        title={t('proposalCategories')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {L('新增分类', 'New category')}
          </Button>
        }
      />
      <DataTable<ProposalCategory>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        columns={[
          { title: t('name'), dataIndex: 'name' },
          { title: L('排序', 'Order'), dataIndex: 'sort' },
          {
            title: t('status'),
            dataIndex: 'active',
            render: (v: boolean) => (v ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>),
          },
          {
            title: t('actions'),
            key: 'actions',
            render: (_: unknown, r) => (
              <Button size="small" onClick={() => open(r)}>
                {t('edit')}
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? L('新增分类', 'New category') : L('编辑分类', 'Edit category')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        forceRender
      >
        <Form form={form} layout="vertical" onFinish={save}>
          <Form.Item name="name" label={t('name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="sort" label={L('排序', 'Order')}>
            <InputNumber min={0} max={9999} />
          </Form.Item>
          <Form.Item name="active" label={t('status')} valuePropName="checked">
            <Switch checkedChildren={t('active')} unCheckedChildren={t('inactive')} />
          </Form.Item>
          <button type="submit" hidden />
        </Form>
      </Modal>
    </div>
  );
}
