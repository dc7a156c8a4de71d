import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { ApiError, post } from '../api';
import { useLang } from '../i18n';
import { ME_KEY } from '../session';

export default function LoginPage() {
  const { t, L, lang, setLang } = useLang();
  const [form] = Form.useForm<{ login: string; password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();

  const submit = async (v: { login: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await post('/api/auth/login', v);
      await qc.invalidateQueries({ queryKey: ME_KEY });
      const next = params.get('next');
      void navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      // Input errors go on their field; refusals (wrong password, lockout, rate limit) are shown as sent.
      if (err instanceof ApiError && err.status === 400 && (err.field === 'login' || err.field === 'password')) form.setFields([{ name: err.field, errors: [msg] }]);
      else setError(msg);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="xs-login">
      <Card style={{ width: '100%', maxWidth: 400 }} styles={{ body: { padding: 28 } }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0, color: '#b71c1c' }}>
            {t('appShort')}
          </Typography.Title>
          <Segmented
            size="small"
            value={lang}
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'EN' },
            ]}
            onChange={(v) => setLang(v as typeof lang)}
          />
        </div>
        <Typography.Paragraph type="secondary">{t('appName')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} size="large">
          <Form.Item name="login" label={t('loginField')} rules={[{ required: true, whitespace: true, message: L('请输入账号或手机号', 'Enter your account name or phone') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: L('请输入密码', 'Enter your password') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
