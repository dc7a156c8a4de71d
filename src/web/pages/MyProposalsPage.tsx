import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Card, Form, Modal, Radio, Segmented, Select, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { PROPOSAL_KIND_LABELS, PROPOSAL_STATES, PROPOSAL_STATE_LABELS, type ProposalKind, type ProposalState } from '@common/proposals';
import { post } from '../api';
import { useFirstPage, usePaged, type Collective } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, LoadMore, PageHeader, useIsMobile, useErrorHandler } from '../ui';
import { fmtTime, KindTag, ProposalCards, StateTag, type Proposal, type ProposalItem } from '../proposals';

type Scope = 'all' | 'first' | 'cosigned';

export default function MyProposalsPage() {
  const { t, L, p } = useLang();
  const orgId = useOrgId();
  const mobile = useIsMobile();
  const { me } = useSession();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const [scope, setScope] = useState<Scope>('all');
  const [state, setState] = useState<ProposalState | undefined>();
  const list = usePaged<ProposalItem>('my-proposals', `/api/orgs/${orgId}/proposals/mine`, {
    state,
    first: scope === 'all' ? undefined : scope === 'first',
  });
  const collectives = useFirstPage<Collective>('collectives', `/api/orgs/${orgId}/collectives`);
  const mine = (collectives.data?.items ?? []).filter((c) => c.agents.some((a) => a.accountId === me.accountId));
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ kind: ProposalKind; collectiveId?: number }>();
  const kind = Form.useWatch('kind', form);

  const create = async (v: { kind: ProposalKind; collectiveId?: number }) => {
    setBusy(true);
    try {
      const created = await post<Proposal>(`/api/orgs/${orgId}/proposals`, {
        kind: v.kind,
        collectiveId: v.kind === 'collective' ? v.collectiveId : undefined,
      });
      setCreating(false);
      void navigate(`/proposals/${created.id}`);
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };

  const kinds: ProposalKind[] = mine.length ? ['individual', 'joint', 'collective'] : ['individual', 'joint'];

  return (
    <div>
      <PageHeader
        title={t('myProposals')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ kind: 'individual', collectiveId: mine[0]?.id });
              setCreating(true);
            }}
          >
            {L('新建提案', 'New proposal')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Segmented<Scope>
            value={scope}
            onChange={setScope}
            options={[
              { value: 'all', label: t('all') },
              { value: 'first', label: L('我领衔的', 'Filed by me') },
              { value: 'cosigned', label: L('我联名的', 'Co-signed') },
            ]}
          />
          <Select
            allowClear
            placeholder={t('status')}
            style={{ width: 150 }}
            value={state}
            onChange={(v) => setState(v ?? undefined)}
            options={PROPOSAL_STATES.map((s) => ({ value: s, label: p(PROPOSAL_STATE_LABELS[s]) }))}
          />
        </Space>
      </Card>
      {mobile ? (
        <ProposalCards
          items={list.items}
          loading={list.isPending}
          extra={(r) => (r.abilities.includes('cosign') ? <Tag color="orange">{L('联名邀请', 'Co-signing invitation')}</Tag> : null)}
        />
      ) : (
        <DataTable<ProposalItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={list.items}
          columns={[
            {
              title: L('案由', 'Subject'),
              dataIndex: 'subject',
              render: (v: string, r) => (
                <Space size={4} wrap>
                  <Link to={`/proposals/${r.id}`}>{v || L('（未填写案由）', '(no subject yet)')}</Link>
                  {r.abilities.includes('cosign') ? <Tag color="orange">{L('联名邀请', 'Co-signing invitation')}</Tag> : null}
                </Space>
              ),
            },
            { title: t('status'), dataIndex: 'state', render: (s: ProposalState) => <StateTag state={s} /> },
            { title: L('类型', 'Kind'), dataIndex: 'kind', render: (k: ProposalKind) => <KindTag kind={k} /> },
            { title: L('提案号', 'Number'), dataIndex: 'numberLabel', render: (v: string | null) => v ?? '—' },
            { title: L('领衔人', 'First proposer'), dataIndex: 'proposerName' },
            { title: L('分类', 'Category'), dataIndex: 'categoryName', render: (v: string | null) => v ?? '—' },
            { title: L('更新时间', 'Updated'), dataIndex: 'updatedAt', render: (v: string) => fmtTime(v) },
          ]}
        />
      )}
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      <Modal
        open={creating}
        title={L('新建提案', 'New proposal')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={L('创建草稿', 'Create draft')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="kind" label={L('提案类型', 'Kind')} rules={[{ required: true }]}>
            <Radio.Group options={kinds.map((k) => ({ value: k, label: p(PROPOSAL_KIND_LABELS[k]) }))} />
          </Form.Item>
          {kind === 'collective' ? (
            <Form.Item name="collectiveId" label={L('集体提案者', 'Collective proposer')} rules={[{ required: true }]}>
              <Select options={mine.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          ) : null}
          <button type="submit" hidden />
        </Form>
      </Modal>
    </div>
  );
}
