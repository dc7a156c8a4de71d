import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Row, Select, Skeleton, Tag, Flex } from 'antd';
import type { z } from 'zod';
import type { MeView } from '@common/accounts';
import { ROLE_LABELS } from '@common/roles';
import type { Lang } from '@common/messages';
import { get, patch } from '../api';
import { useLang } from '../i18n';
import { useSession } from '../session';
import { PageHeader, useErrorHandler } from '../ui';
import { PasswordForm } from '../components/PasswordForm';

type Me = z.infer<typeof MeView>;

export default function ProfilePage() {
  const { t, L, p, setLang } = useLang();
  const session = useSession();
  const me = useQuery({ queryKey: ['me-profile'], queryFn: () => get<Me>('/api/me') });
  const [form] = Form.useForm();
  const qc = useQueryClient();
  const onError = useErrorHandler();
  const { message } = App.useApp();

  useEffect(() => {
    if (me.data) form.setFieldsValue({ displayName: me.data.displayName, phone: me.data.phone ?? '', email: me.data.email, locale: me.data.locale });
  }, [me.data, form]);

  const save = async (v: { displayName: string; phone: string; email: string; locale: Lang }) => {
    if (!me.data) return;
    try {
      const next = await patch<Me>('/api/me', { displayName: v.displayName, phone: v.phone || null, email: v.email || '', locale: v.locale, version: me.data.version });
      qc.setQueryData(['me-profile'], next);
      void message.success(t('saved'));
      if (next.locale !== me.data.locale) setLang(next.locale);
      await session.refresh();
    } catch (err) {
      onError(err, form, () => void me.refetch());
    }
  };

  return (
    <div>
      <PageHeader title={t('profile')} sub={session.me.username} />
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={L('基本资料', 'Details')} style={{ marginBottom: 16 }}>
            {me.isPending ? (
              <Skeleton active />
            ) : (
              <Form form={form} layout="vertical" onFinish={save} style={{ maxWidth: 420 }}>
                <Form.Item name="displayName" label={L('姓名', 'Name')} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={60} />
                </Form.Item>
                <Form.Item name="phone" label={L('手机号', 'Phone')} rules={[{ pattern: /^(1[3-9]\d{9})?$/, message: L('不是有效的手机号码', 'Not a valid mobile number') }]}>
                  <Input inputMode="tel" maxLength={11} />
                </Form.Item>
                <Form.Item name="email" label={L('电子邮箱', 'E-mail')} rules={[{ type: 'email' }]}>
                  <Input inputMode="email" />
                </Form.Item>
                <Form.Item name="locale" label={L('界面语言', 'Language')}>
                  <Select
                    options={[
                      { value: 'zh-CN', label: '中文' },
                      { value: 'en', label: 'English' },
                    ]}
                  />
                </Form.Item>
                <Button type="primary" htmlType="submit">
                  {t('save')}
                </Button>
              </Form>
            )}
          </Card>
          <Card title={L('我的角色', 'My roles')} style={{ marginBottom: 16 }}>
            <Flex vertical gap={8}>
              {session.me.grants.map((g) => (
                <div key={g.id}>
                  <Tag color="red">{p(ROLE_LABELS[g.role])}</Tag>
                  {g.orgName}
                  {g.unitName ? ` · ${g.unitName}` : ''}
                  {g.title ? ` · ${g.title}` : ''}
                </div>
              ))}
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('changePassword')}>
            <PasswordForm />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
