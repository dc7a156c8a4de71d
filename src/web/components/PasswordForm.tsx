import { App, Button, Form, Input } from 'antd';
import { post } from '../api';
import { useLang } from '../i18n';
import { useErrorHandler } from '../ui';

/** Change one's own password. The server signs out the account's other sessions. */
export function PasswordForm({ onDone }: { onDone?: () => void }) {
  const { t, L } = useLang();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const onError = useErrorHandler();
  const { message } = App.useApp();
  return (
    <Form
      form={form}
      layout="vertical"
      style={{ maxWidth: 420 }}
      onFinish={async (v) => {
        try {
          await post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
          void message.success(L('密码已修改', 'Password changed'));
          form.resetFields();
          onDone?.();
        } catch (err) {
          onError(err, form);
        }
      }}
    >
      <Form.Item name="currentPassword" label={L('当前密码', 'Current password')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={L('新密码', 'New password')} extra={L('至少 8 位，须同时包含字母和数字', 'At least 8 characters with letters and digits')} rules={[{ required: true }, { min: 8 }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={L('确认新密码', 'Confirm new password')}
        dependencies={['newPassword']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value) => (!value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(L('两次输入的密码不一致', 'The passwords do not match')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit">
        {t('changePassword')}
      </Button>
    </Form>
  );
}
