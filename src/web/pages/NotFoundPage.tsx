import { Link } from 'react-router-dom';
import { Button, Result } from 'antd';
import { useLang } from '../i18n';

export default function NotFoundPage() {
  const { t } = useLang();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('notFoundPage')}
      extra={
        <Link to="/">
          <Button type="primary">{t('backHome')}</Button>
        </Link>
      }
    />
  );
}
