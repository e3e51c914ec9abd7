import { Result } from 'antd';
import { useI18n } from '../i18n/i18n';

/** The 403 screen: a page the role may not open, or data the server refused (KP_FORBIDDEN). */
export function Forbidden() {
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('nav.forbidden')}
      subTitle={t('error.KP_FORBIDDEN')}
      data-testid="forbidden"
    />
  );
}
