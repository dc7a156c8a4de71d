import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { sessionName } from '@common/orgs';
import { patch, post } from '../api';
import { useSessions, useTerms, type PlenarySession, type Term } from '../data';
import { useLang } from '../i18n';
import { useOrgId, useSession } from '../session';
import { DataTable, PageHeader, useErrorHandler } from '../ui';

const d = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const dj = (s: string | null | undefined) => (s ? dayjs(s) : null);

export default function TermsPage() {
  const { t, L } = useLang();
  const orgId = useOrgId();
  const session = useSession();
  const manage = session.can('orgs.manage');
  const terms = useTerms(orgId);
  const sessions = useSessions(orgId);
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  const [termEdit, setTermEdit] = useState<Term | 'new' | null>(null);
  const [sessEdit, setSessEdit] = useState<PlenarySession | 'new' | null>(null);
  const [termForm] = Form.useForm();
  const [sessForm] = Form.useForm();
  const termNo = (id: number) => terms.data?.items.find((x) => x.id === id)?.number;

  const openTerm = (v: Term | 'new') => {
    setTermEdit(v);
    termForm.resetFields();
    if (v !== 'new') termForm.setFieldsValue({ number: v.number, startDate: dj(v.startDate), endDate: dj(v.endDate) });
  };
  const openSess = (v: PlenarySession | 'new') => {
    setSessEdit(v);
    sessForm.resetFields();
    if (v !== 'new') sessForm.setFieldsValue({ termId: v.termId, number: v.number, name: v.name, startDate: dj(v.startDate), endDate: dj(v.endDate) });
  };
  const saveTerm = async () => {
    const v = await termForm.validateFields().catch(() => null);
    if (!v) return;
    const body = { number: v.number, startDate: d(v.startDate), endDate: d(v.endDate) };
    try {
      if (termEdit === 'new') await post(`/api/orgs/${orgId}/terms`, body);
      else if (termEdit) await patch(`/api/terms/${termEdit.id}`, { ...body, version: termEdit.version });
      void message.success(t('saved'));
      setTermEdit(null);
      await qc.invalidateQueries({ queryKey: ['terms', orgId] });
      await qc.invalidateQueries({ queryKey: ['sessions', orgId] });
    } catch (err) {
      onError(err, termForm, () => void terms.refetch().then(() => setTermEdit(null)));
    }
  };
  const saveSess = async () => {
    const v = await sessForm.validateFields().catch(() => null);
    if (!v) return;
    try {
      if (sessEdit === 'new') await post(`/api/orgs/${orgId}/sessions`, { termId: v.termId, number: v.number, name: v.name || undefined, startDate: d(v.startDate), endDate: d(v.endDate) });
      else if (sessEdit) await patch(`/api/sessions/${sessEdit.id}`, { name: v.name || undefined, startDate: d(v.startDate), endDate: d(v.endDate), version: sessEdit.version });
      void message.success(t('saved'));
      setSessEdit(null);
      await qc.invalidateQueries({ queryKey: ['sessions', orgId] });
    } catch (err) {
      onError(err, sessForm, () => void sessions.refetch().then(() => setSessEdit(null)));
    }
  };

  const termN = Form.useWatch('termId', sessForm) as number | undefined;
  const sessN = Form.useWatch('number', sessForm) as number | undefined;
  const suggested = termN && sessN && termNo(termN) ? sessionName(termNo(termN)!, sessN) : '';

  return (
    <div>
      <PageHeader title={t('terms')} />
      <Card
        title={L('届', 'Terms')}
        style={{ marginBottom: 16 }}
        extra={
          manage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openTerm('new')}>
              {L('新建届', 'New term')}
            </Button>
          ) : null
        }
      >
        <DataTable<Term>
          rowKey="id"
          loading={terms.isPending}
          dataSource={terms.data?.items}
          columns={[
            { title: L('届次', 'Term'), dataIndex: 'number', render: (n: number) => L(`第${n}届`, `Term ${n}`) },
            { title: L('开始日期', 'Start'), dataIndex: 'startDate' },
            { title: L('结束日期', 'End'), dataIndex: 'endDate', render: (v: string | null) => v ?? '—' },
            ...(manage ? [{ title: t('actions'), key: 'actions', render: (_: unknown, r: Term) => <Button size="small" onClick={() => openTerm(r)}>{t('edit')}</Button> }] : []),
          ]}
        />
      </Card>
      <Card
        title={L('会议（次）', 'Plenary sessions')}
        extra={
          manage && (terms.data?.items.length ?? 0) > 0 ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => openSess('new')}>
              {L('新建会议', 'New session')}
            </Button>
          ) : null
        }
      >
        <DataTable<PlenarySession>
          rowKey="id"
          loading={sessions.isPending}
          dataSource={sessions.data?.items}
          columns={[
            { title: L('名称', 'Name'), dataIndex: 'name' },
            { title: L('届', 'Term'), dataIndex: 'termNumber' },
            { title: L('次', 'Session'), dataIndex: 'number' },
            { title: L('开始日期', 'Start'), dataIndex: 'startDate' },
            { title: L('结束日期', 'End'), dataIndex: 'endDate' },
            ...(manage ? [{ title: t('actions'), key: 'actions', render: (_: unknown, r: PlenarySession) => <Button size="small" onClick={() => openSess(r)}>{t('edit')}</Button> }] : []),
          ]}
        />
      </Card>
      <Modal open={termEdit !== null} title={termEdit === 'new' ? L('新建届', 'New term') : L('编辑届', 'Edit term')} onOk={saveTerm} onCancel={() => setTermEdit(null)} okText={t('save')} forceRender>
        <Form form={termForm} layout="vertical">
          <Form.Item name="number" label={L('届次（第几届）', 'Term number')} rules={[{ required: true }]}>
            <InputNumber min={1} max={99} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="startDate" label={L('开始日期', 'Start date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endDate" label={L('结束日期', 'End date')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal open={sessEdit !== null} title={sessEdit === 'new' ? L('新建会议', 'New session') : L('编辑会议', 'Edit session')} onOk={saveSess} onCancel={() => setSessEdit(null)} okText={t('save')} forceRender>
        <Form form={sessForm} layout="vertical">
          <Form.Item name="termId" label={L('所属届', 'Term')} rules={[{ required: true }]}>
            <Select disabled={sessEdit !== 'new'} options={(terms.data?.items ?? []).map((x) => ({ value: x.id, label: L(`第${x.number}届`, `Term ${x.number}`) }))} />
          </Form.Item>
          <Form.Item name="number" label={L('第几次会议', 'Session number')} rules={[{ required: true }]}>
            <InputNumber min={1} max={20} style={{ width: '100%' }} disabled={sessEdit !== 'new'} />
          </Form.Item>
          <Form.Item name="name" label={L('名称', 'Name')} extra={sessEdit === 'new' && suggested ? L(`留空则为「${suggested}」`, `Empty → "${suggested}"`) : null}>
            <Input placeholder={suggested} />
          </Form.Item>
          <Form.Item name="startDate" label={L('开始日期', 'Start date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="endDate" label={L('结束日期', 'End date')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
