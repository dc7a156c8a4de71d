import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Modal, Radio, Select, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import {
  INFO_MAX_CO_AUTHORS as MAX_CO_AUTHORS,
  INFO_STATUSES,
  INFO_STATUS_LABELS,
  INFO_SUBMITTER_KIND_LABELS,
  type InfoListItem,
  type InfoReportView,
  type InfoStatus,
  type InfoSubmitterKind,
} from '@common/info';
import { post } from '../api';
import { useCatalog, useFirstPage, usePaged, type Collective } from '../data';
import { useLang } from '../i18n';
import { activeRoles } from '../perms';
import { useOrgId, useSession } from '../session';
import { LoadMore, PageHeader, useErrorHandler } from '../ui';
import { MemberPicker } from '../components/pickers';
import { InfoList } from './info/common';

interface NewValues {
  submitterKind: InfoSubmitterKind;
  collectiveId?: number;
  studioId?: number;
  /** Member ids of the co-authors (联名委员); sent only for a member's report, as the editor does. */
  coAuthorIds?: number[];
}

/** 我的社情民意: the reports the caller filed or co-authored, and a new report (as member, party, studio or officer). */
export default function InfoMinePage() {
  const { L, p } = useLang();
  const orgId = useOrgId();
  const { me } = useSession();
  const navigate = useNavigate();
  const onError = useErrorHandler();
  const [status, setStatus] = useState<InfoStatus | undefined>();
  const list = usePaged<InfoListItem>('info-mine', `/api/orgs/${orgId}/info-reports`, { mine: 'true', status });
  const isMember = activeRoles(me).includes('member');
  const collectives = useFirstPage<Collective>('collectives', `/api/orgs/${orgId}/collectives`);
  const agentOf = (collectives.data?.items ?? []).filter((c) => c.agents.some((a) => a.accountId === me.accountId));
  const studios = useCatalog(orgId, 'studios');
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewValues>();
  const kind = Form.useWatch('submitterKind', form);
  const kinds: InfoSubmitterKind[] = [
    ...(isMember ? (['member'] as const) : []),
    ...(agentOf.length ? (['collective'] as const) : []),
    'studio',
    'officer',
  ];

  const create = async (v: NewValues) => {
    setBusy(true);
    try {
      const { coAuthorIds, ...rest } = v;
      const body = v.submitterKind === 'member' && coAuthorIds?.length ? { ...rest, coAuthorIds } : rest;
      const r = await post<InfoReportView>(`/api/orgs/${orgId}/info-reports`, body);
      setCreating(false);
      void navigate(`/info-reports/${r.id}`);
    } catch (err) {
      onError(err, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <PageHeader
        title={L('我的社情民意', 'My information reports')}
        sub={L(
          '一事一报：情况、分析、建议，篇幅一般不超过 1500 字',
          'One matter per report: situation, analysis, suggestion; usually at most 1,500 characters',
        )}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ submitterKind: kinds[0], collectiveId: agentOf[0]?.id });
              setCreating(true);
            }}
          >
            {L('报送信息', 'New report')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select
            allowClear
            placeholder={L('状态', 'Status')}
            style={{ width: 160 }}
            value={status}
            onChange={(v) => setStatus(v ?? undefined)}
            options={INFO_STATUSES.map((s) => ({ value: s, label: p(INFO_STATUS_LABELS[s]) }))}
          />
        </Space>
      </Card>
      <InfoList items={list.items} loading={list.isPending} />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      <Modal
        open={creating}
        title={L('报送社情民意信息', 'New information report')}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        okText={L('创建草稿', 'Create draft')}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={create}>
          <Form.Item name="submitterKind" label={L('报送身份', 'Filed as')} rules={[{ required: true }]}>
            <Radio.Group options={kinds.map((k) => ({ value: k, label: p(INFO_SUBMITTER_KIND_LABELS[k]) }))} />
          </Form.Item>
          {kind === 'member' ? (
            <Form.Item
              name="coAuthorIds"
              label={L('联名委员', 'Co-authors')}
              extra={L(
                `与您联名报送的本组织委员，最多 ${MAX_CO_AUTHORS} 位；创建后仍可修改`,
                `Members of this organization filing with you, at most ${MAX_CO_AUTHORS}; can be changed later`,
              )}
            >
              <MemberPicker
                orgId={orgId}
                excludeAccountId={me.accountId}
                maxCount={MAX_CO_AUTHORS}
                placeholder={L('搜索委员姓名添加联名委员', 'Search members to add as co-authors')}
              />
            </Form.Item>
          ) : null}
          {kind === 'collective' ? (
            <Form.Item name="collectiveId" label={L('党派团体', 'Party / organization')} rules={[{ required: true }]}>
              <Select options={agentOf.map((c) => ({ value: c.id, label: c.name }))} />
            </Form.Item>
          ) : null}
          {kind === 'studio' ? (
            <Form.Item name="studioId" label={L('委员工作室', 'Studio')} rules={[{ required: true }]}>
              <Select options={(studios.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          ) : null}
          {kind === 'officer' ? (
            <Alert
              type="info"
              showIcon
              message={L('以信息员身份报送，报送方显示为您的姓名', 'Filed as an information officer under your name')}
            />
          ) : null}
          <button type="submit" hidden />
        </Form>
      </Modal>
    </div>
  );
}
