import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Drawer, Form, Input, Select, Space, Switch, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { GENDERS, GENDER_LABELS } from '@common/people';
import { get, patch, post } from '../api';
import { useCatalog, usePaged, useTerms, type Member } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, LoadMore, PageHeader, useErrorHandler } from '../ui';
import { ExportButton, ImportButton } from '../components/ExcelTools';

interface Filters {
  sectorId?: number;
  noSector?: 'true';
  committeeId?: number;
  termId?: number;
  groupId?: number;
  isStandingCommittee?: 'true' | 'false';
  active?: 'true' | 'false';
  q?: string;
}

/** The sector picker's value for "no sector" (sent as `noSector=true`). */
const NO_SECTOR = -1;

/** Filters given in the address (the home page's sector chart opens `/members?sectorId=…&termId=…&active=true`). */
function filtersFrom(params: URLSearchParams): Filters {
  const id = (k: string) => {
    const n = Number(params.get(k));
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const bool = (k: string) => (params.get(k) === 'true' ? 'true' : params.get(k) === 'false' ? 'false' : undefined);
  return {
    sectorId: id('sectorId'),
    noSector: params.get('noSector') === 'true' && !id('sectorId') ? 'true' : undefined,
    committeeId: id('committeeId'),
    termId: id('termId'),
    groupId: id('groupId'),
    isStandingCommittee: bool('isStandingCommittee'),
    active: bool('active'),
  };
}

export default function MembersPage() {
  const { t, L, p } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const manage = session.can('members.manage');
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<Filters>(() => filtersFrom(params));
  const [q, setQ] = useState('');
  const list = usePaged<Member>('members', `/api/orgs/${orgId}/members`, { ...filters });
  const sectors = useCatalog(orgId, 'sectors');
  const committees = useCatalog(orgId, 'committees');
  const groups = useCatalog(orgId, 'groups');
  const studios = useCatalog(orgId, 'studios');
  const terms = useTerms(orgId);
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [editing, setEditing] = useState<Member | 'new' | null>(null);
  const [form] = Form.useForm();

  const opts = (items?: Array<{ id: number; name: string }>) => (items ?? []).map((x) => ({ value: x.id, label: x.name }));
  const termOpts = (terms.data?.items ?? []).map((x) => ({ value: x.id, label: L(`第${x.number}届`, `Term ${x.number}`) }));
  const set = (k: keyof Filters, v: unknown) => setFilters((f) => ({ ...f, [k]: v === null || v === '' ? undefined : v }));

  const open = async (m: Member | 'new') => {
    form.resetFields();
    if (m === 'new') {
      setEditing('new');
      form.setFieldsValue({ active: true, isStandingCommittee: false, gender: '', termIds: terms.data?.items.slice(-1).map((x) => x.id) ?? [] });
      return;
    }
    try {
      const fresh = await get<Member>(`/api/members/${m.id}`);
      setEditing(fresh);
      form.setFieldsValue(fresh);
    } catch (err) {
      onError(err);
    }
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = {
      name: v.name,
      gender: v.gender ?? '',
      sectorId: v.sectorId ?? null,
      groupId: v.groupId ?? null,
      isStandingCommittee: !!v.isStandingCommittee,
      employer: v.employer ?? '',
      phone: v.phone ?? '',
      email: v.email ?? '',
      address: v.address ?? '',
      active: !!v.active,
      termIds: v.termIds ?? [],
      committeeIds: v.committeeIds ?? [],
      studioIds: v.studioIds ?? [],
    };
    try {
      if (editing === 'new') await post(`/api/orgs/${orgId}/members`, body);
      else if (editing) await patch(`/api/members/${editing.id}`, { ...body, version: editing.version });
      void message.success(t('saved'));
      setEditing(null);
      await qc.invalidateQueries({ queryKey: ['members'] });
    } catch (err) {
      onError(err, form, () => {
        if (editing && editing !== 'new') void open(editing);
      });
    }
  };

  return (
    <div>
      <PageHeader
        title={t('members')}
        extra={
          <>
            <ExportButton kind="members" params={{ ...filters }} />
            {manage ? <ImportButton kind="members" /> : null}
            {manage ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
                {L('新增委员', 'New member')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Input.Search
            allowClear
            placeholder={L('姓名 / 单位 / 手机号', 'Name / employer / phone')}
            value={q}
            onChange={(e) => setQ(e.target.value)}
            onSearch={(v) => set('q', v.trim())}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={L('界别', 'Sector')}
            style={{ width: 150 }}
            options={[...opts(sectors.data?.items), { value: NO_SECTOR, label: L('未分界别', 'No sector') }]}
            value={filters.noSector ? NO_SECTOR : filters.sectorId}
            onChange={(v?: number) => setFilters((f) => ({ ...f, sectorId: v && v !== NO_SECTOR ? v : undefined, noSector: v === NO_SECTOR ? 'true' : undefined }))}
          />
          <Select allowClear placeholder={L('专门委员会', 'Committee')} style={{ width: 160 }} options={opts(committees.data?.items)} value={filters.committeeId} onChange={(v) => set('committeeId', v)} />
          <Select allowClear placeholder={L('届次', 'Term')} style={{ width: 120 }} options={termOpts} value={filters.termId} onChange={(v) => set('termId', v)} />
          <Select allowClear placeholder={L('委员小组', 'Group')} style={{ width: 150 }} options={opts(groups.data?.items)} value={filters.groupId} onChange={(v) => set('groupId', v)} />
          <Select
            allowClear
            placeholder={L('常委', 'Standing')}
            style={{ width: 120 }}
            value={filters.isStandingCommittee}
            onChange={(v) => set('isStandingCommittee', v)}
            options={[
              { value: 'true', label: L('常委', 'Standing') },
              { value: 'false', label: L('非常委', 'Not standing') },
            ]}
          />
          <Select
            allowClear
            placeholder={t('status')}
            style={{ width: 110 }}
            value={filters.active}
            onChange={(v) => set('active', v)}
            options={[
              { value: 'true', label: t('active') },
              { value: 'false', label: t('inactive') },
            ]}
          />
          <Button
            onClick={() => {
              setFilters({});
              if (params.size) setParams({}, { replace: true });
              setQ('');
            }}
          >
            {t('reset')}
          </Button>
        </Space>
      </Card>
      <DataTable<Member>
        rowKey="id"
        loading={list.isPending}
        dataSource={list.items}
        columns={[
          { title: L('姓名', 'Name'), dataIndex: 'name', fixed: 'left' },
          { title: L('性别', 'Gender'), dataIndex: 'gender', render: (g: Member['gender']) => p(GENDER_LABELS[g]) || '—' },
          { title: L('界别', 'Sector'), dataIndex: 'sectorName', render: (v: string | null) => v ?? '—' },
          { title: L('小组', 'Group'), dataIndex: 'groupName', render: (v: string | null) => v ?? '—' },
          { title: L('常委', 'Standing'), dataIndex: 'isStandingCommittee', render: (v: boolean) => (v ? <Tag color="red">{L('常委', 'Standing')}</Tag> : null) },
          { title: L('专门委员会', 'Committees'), dataIndex: 'committeeNames', render: (v: string[]) => v.join('、') || '—' },
          { title: L('届次', 'Terms'), dataIndex: 'termNumbers', render: (v: number[]) => v.join('、') || '—' },
          { title: L('工作单位及职务', 'Employer'), dataIndex: 'employer', ellipsis: true },
          { title: L('手机号', 'Phone'), dataIndex: 'phone', render: (v: string) => v || '—' },
          { title: t('status'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>) },
          ...(manage
            ? [
                {
                  title: t('actions'),
                  key: 'actions',
                  render: (_: unknown, r: Member) => (
                    <Button size="small" onClick={() => open(r)}>
                      {t('edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <LoadMore hasMore={!!list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} />
      <Drawer
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? L('新增委员', 'New member') : L('编辑委员', 'Edit member')}
        size={Math.min(560, window.innerWidth)}
        forceRender
        extra={
          <Button type="primary" onClick={save}>
            {t('save')}
          </Button>
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={L('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item name="gender" label={L('性别', 'Gender')}>
            <Select options={GENDERS.map((g) => ({ value: g, label: g ? p(GENDER_LABELS[g]) : L('未填写', 'Not given') }))} />
          </Form.Item>
          <Form.Item name="sectorId" label={L('界别', 'Sector')}>
            <Select allowClear options={opts(sectors.data?.items)} />
          </Form.Item>
          <Form.Item name="groupId" label={L('委员小组', 'Member group')}>
            <Select allowClear options={opts(groups.data?.items)} />
          </Form.Item>
          <Form.Item name="termIds" label={L('届次', 'Terms')}>
            <Select mode="multiple" options={termOpts} />
          </Form.Item>
          <Form.Item name="committeeIds" label={L('专门委员会', 'Committees')}>
            <Select mode="multiple" options={opts(committees.data?.items)} />
          </Form.Item>
          <Form.Item name="studioIds" label={L('委员工作室', 'Studios')}>
            <Select mode="multiple" options={opts(studios.data?.items)} />
          </Form.Item>
          <Form.Item name="isStandingCommittee" label={L('常委', 'Standing committee')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="employer" label={L('工作单位及职务', 'Employer and position')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="phone" label={L('手机号', 'Phone')} rules={[{ pattern: /^(1\d{10})?$/, message: L('不是有效的手机号码', 'Not a valid mobile number') }]}>
            <Input inputMode="tel" maxLength={11} />
          </Form.Item>
          <Form.Item name="email" label={L('电子邮箱', 'E-mail')} rules={[{ type: 'email' }]}>
            <Input inputMode="email" />
          </Form.Item>
          <Form.Item name="address" label={L('通讯地址', 'Address')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="active" label={t('status')} valuePropName="checked">
            <Switch checkedChildren={t('active')} unCheckedChildren={t('inactive')} />
          </Form.Item>
        </Form>
      </Drawer>
    </div>
  );
}
