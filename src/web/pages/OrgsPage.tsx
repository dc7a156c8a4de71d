import { useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Drawer, Form, Input, Select, Space, Tag, Tree, Typography } from 'antd';
import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { ORG_LEVELS, ORG_LEVEL_LABELS } from '@common/roles';
import type { Org } from '@common/orgs';
import { patch, post } from '../api';
import { useOrgs } from '../data';
import { useLang } from '../i18n';
import { useSession } from '../session';
import { PageHeader, useErrorHandler } from '../ui';
import type { DataNode } from 'antd/es/tree';

export default function OrgsPage() {
  const { t, L, p } = useLang();
  const session = useSession();
  const orgs = useOrgs();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [selected, setSelected] = useState<number | null>(session.orgId);
  const [editing, setEditing] = useState<Org | 'new' | null>(null);
  const [form] = Form.useForm();
  const items = useMemo(() => orgs.data?.items ?? [], [orgs.data]);

  const tree = useMemo(() => {
    const ids = new Set(items.map((o) => o.id));
    const build = (parent: number | null): DataNode[] =>
      items
        .filter((o) => (parent === null ? o.parentId === null || !ids.has(o.parentId) : o.parentId === parent))
        .map((o) => ({ key: o.id, title: `${o.name}`, icon: <ApartmentOutlined />, children: build(o.id) }));
    return build(null);
  }, [items]);

  const current = items.find((o) => o.id === selected);
  const canEdit = (o: Org) => session.me.isPlatformAdmin || session.me.grants.some((g) => g.orgId === o.id && g.role === 'org_admin');

  const open = (o: Org | 'new') => {
    setEditing(o);
    form.resetFields();
    form.setFieldsValue(o === 'new' ? { level: 'district', parentId: selected ?? null, region: '' } : o);
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      if (editing === 'new') await post('/api/orgs', { ...v, parentId: v.parentId ?? null });
      else if (editing) await patch(`/api/orgs/${editing.id}`, { name: v.name, shortName: v.shortName, level: v.level, region: v.region ?? '', parentId: v.parentId ?? null, version: editing.version });
      void message.success(t('saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['orgs'] });
      await session.refresh();
    } catch (err) {
      onError(err, form, () => void orgs.refetch().then(() => setEditing(null)));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('orgs')}
        extra={
          session.can('orgs.create') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
              {L('新建组织', 'New organization')}
            </Button>
          ) : null
        }
      />
      <Space align="start" wrap style={{ width: '100%' }} styles={{ item: { flex: '1 1 320px', minWidth: 0 } }}>
        <Card title={L('组织树', 'Organization tree')} loading={orgs.isPending}>
          {tree.length ? (
            <Tree showIcon defaultExpandAll treeData={tree} selectedKeys={selected ? [selected] : []} onSelect={(keys) => setSelected(keys.length ? Number(keys[0]) : null)} />
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          )}
        </Card>
        {current ? (
          <Card
            // Full names run long (中国人民政治协商会议…委员会): wrap instead of widening the page on a phone.
            title={<span style={{ whiteSpace: 'normal' }}>{current.name}</span>}
            extra={
              canEdit(current) ? (
                <Button size="small" onClick={() => open(current)}>
                  {t('edit')}
                </Button>
              ) : null
            }
          >
            <Descriptions column={1} size="small">
              <Descriptions.Item label={L('代码', 'Code')}>{current.code}</Descriptions.Item>
              <Descriptions.Item label={L('简称', 'Short name')}>{current.shortName}</Descriptions.Item>
              <Descriptions.Item label={L('层级', 'Level')}>
                <Tag>{p(ORG_LEVEL_LABELS[current.level])}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={L('地区', 'Region')}>{current.region || '—'}</Descriptions.Item>
              <Descriptions.Item label={L('上级组织', 'Parent')}>{items.find((o) => o.id === current.parentId)?.name ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
        ) : null}
      </Space>
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? L('新建组织', 'New organization') : L('编辑组织', 'Edit organization')}
        size={Math.min(480, window.innerWidth)}
        forceRender
        extra={
          <Button type="primary" onClick={save}>
            {t('save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical">
          {editing === 'new' ? (
            <Form.Item name="code" label={L('代码', 'Code')} extra={L('小写字母、数字和连字符，如 cq-xiushan', 'Lowercase letters, digits, hyphens')} rules={[{ required: true }, { pattern: /^[a-z0-9-]{2,40}$/ }]}>
              <Input />
            </Form.Item>
          ) : null}
          <Form.Item name="name" label={L('名称', 'Name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="shortName" label={L('简称', 'Short name')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item name="level" label={L('层级', 'Level')} rules={[{ required: true }]}>
            <Select options={ORG_LEVELS.map((l) => ({ value: l, label: p(ORG_LEVEL_LABELS[l]) }))} />
          </Form.Item>
          <Form.Item name="parentId" label={L('上级组织', 'Parent organization')}>
            <Select allowClear options={items.filter((o) => editing === 'new' || editing?.id !== o.id).map((o) => ({ value: o.id, label: o.name }))} />
          </Form.Item>
          <Form.Item name="region" label={L('地区', 'Region')}>
            <Input />
          </Form.Item>
        </Form>
      </Drawer>
    </div>
  );
}
