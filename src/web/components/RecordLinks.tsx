import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Flex, Form, Input, List, Modal, Select, Tag, Typography } from 'antd';
import { DeleteOutlined, LinkOutlined } from '@ant-design/icons';
import { LINK_PATHS, LINK_TYPES, LINK_TYPE_LABELS, type LinkListView, type LinkType } from '@common/cooperation';
import { del, get, post, qs } from '../api';
import { useLang } from '../i18n';
import { useOrgId } from '../session';
import { useErrorHandler } from '../ui';

const linksKey = (type: LinkType, id: number) => ['record-links', type, id] as const;

function AddLinkDialog({ type, id, onClose }: { type: LinkType; id: number; onClose: () => void }) {
  const { L, p, t } = useLang();
  const orgId = useOrgId();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const [form] = Form.useForm();
  const [toType, setToType] = useState<LinkType>(type === 'proposal' ? 'cooperation_item' : 'proposal');
  const [q, setQ] = useState('');
  const [busy, setBusy] = useState(false);
  const found = useQuery({
    queryKey: ['link-candidates', orgId, toType, q],
    queryFn: () => get<{ items: Array<{ id: number; title: string }> }>(`/api/orgs/${orgId}/link-candidates${qs({ type: toType, q })}`),
  });
  const ok = async () => {
    const v = (await form.validateFields().catch(() => null)) as { toId: number; note?: string } | null;
    if (!v) return;
    setBusy(true);
    try {
      const res = await post<LinkListView>(`/api/record-links/${type}/${id}`, { toType, toId: v.toId, note: v.note ?? '' });
      qc.setQueryData(linksKey(type, id), res);
      await qc.invalidateQueries({ queryKey: linksKey(toType, v.toId) });
      onClose();
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={L('添加关联记录', 'Link a record')}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={t('save')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item label={L('记录类型', 'Record type')}>
          <Select<LinkType>
            value={toType}
            onChange={(v) => {
              setToType(v);
              form.setFieldValue('toId', undefined);
            }}
            options={LINK_TYPES.map((k) => ({ value: k, label: p(LINK_TYPE_LABELS[k]) }))}
          />
        </Form.Item>
        <Form.Item
          name="toId"
          label={L('记录', 'Record')}
          rules={[{ required: true, message: L('请选择要关联的记录', 'Choose a record') }]}
        >
          <Select
            showSearch={{ filterOption: false, onSearch: (v: string) => setQ(v.trim()) }}
            loading={found.isFetching}
            placeholder={L('输入标题关键词查找', 'Type words of the title')}
            options={(found.data?.items ?? [])
              .filter((x) => !(toType === type && x.id === id))
              .map((x) => ({ value: x.id, label: x.title }))}
          />
        </Form.Item>
        <Form.Item name="note" label={L('说明（可选）', 'Note (optional)')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * The records linked to one record (both directions), each titled from its own table and shown only when the
 * caller may see it. Offices of the record's organization add and remove links.
 */
export function RecordLinks({ type, id }: { type: LinkType; id: number }) {
  const { L, p, t } = useLang();
  const qc = useQueryClient();
  const { modal } = App.useApp();
  const onError = useErrorHandler();
  const [adding, setAdding] = useState(false);
  const q = useQuery({ queryKey: linksKey(type, id), queryFn: () => get<LinkListView>(`/api/record-links/${type}/${id}`) });
  const remove = (linkId: number) =>
    modal.confirm({
      title: L('删除该关联？', 'Remove this link?'),
      okText: t('delete'),
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await del(`/api/record-links/${linkId}`);
          await qc.invalidateQueries({ queryKey: ['record-links'] });
        } catch (err) {
          onError(err);
        }
      },
    });
  const items = q.data?.items ?? [];
  // Nothing to show and nothing the caller may add: no empty card.
  if (q.isError || (q.data && !items.length && !q.data.canAdd)) return null;
  return (
    <Card
      size="small"
      title={
        <span>
          <LinkOutlined /> {t('recordLinks')}
        </span>
      }
      extra={
        q.data?.canAdd ? (
          <Button size="small" onClick={() => setAdding(true)}>
            {L('添加关联', 'Add link')}
          </Button>
        ) : null
      }
      data-testid="record-links"
    >
      {!q.isPending && !items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={L('暂无关联记录', 'No linked records')} />
      ) : (
        <List
          size="small"
          loading={q.isPending}
          dataSource={items}
          renderItem={(l) => (
            <List.Item
              actions={
                l.canRemove
                  ? [
                      <Button
                        key="del"
                        type="text"
                        size="small"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={L('删除关联', 'Remove link')}
                        onClick={() => remove(l.id)}
                      />,
                    ]
                  : []
              }
            >
              <Flex wrap gap={6} align="center">
                <Tag>{p(LINK_TYPE_LABELS[l.type])}</Tag>
                <Link to={`${LINK_PATHS[l.type]}${l.recordId}`}>{l.title}</Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {l.orgName}
                  {l.note ? ` · ${l.note}` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {adding ? <AddLinkDialog type={type} id={id} onClose={() => setAdding(false)} /> : null}
    </Card>
  );
}
