import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card } from 'antd';
import { useLang } from '../i18n';
import { useSession } from '../session';
import { PasswordForm } from '../components/PasswordForm';

export default function ChangePasswordPage() {
  const { t, L } = useLang();
  const { me, refresh } = useSession();
  const navigate = useNavigate();
  return (
    <div className="xs-login">
      <Card title={t('changePassword')} style={{ width: '100%', maxWidth: 460 }}>
        {me.mustChangePassword ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={L('首次登录或密码已被重置，请先设置新密码。', 'Please set a new password before continuing.')} />
        ) : null}
        <PasswordForm
          onDone={async () => {
            await refresh();
            void navigate('/', { replace: true });
          }}
        />
        {me.mustChangePassword ? null : (
          <Button type="link" style={{ marginTop: 8, paddingInline: 0 }} onClick={() => void navigate(-1)}>
            {t('cancel')}
          </Button>
        )}
      </Card>
    </div>
  );
}
