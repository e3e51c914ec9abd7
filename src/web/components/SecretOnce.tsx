import { Alert, Space, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';

/** A secret shown once (a one-time password, an API key), with a copy button. */
export function SecretOnce({ label, intro, secret }: { label: string; intro: string; secret: string }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Alert type="warning" showIcon title={intro} />
      <Typography.Text strong>{label}</Typography.Text>
      <Typography.Paragraph
        code
        copyable={{
          text: secret,
          tooltips: false,
          // words, not just an icon: a larger target that says what it does
          icon: [
            <span key="copy" style={{ fontSize: 14, padding: '4px 8px' }}>
              {t('common.copy')}
            </span>,
            <span key="copied" style={{ fontSize: 14, padding: '4px 8px' }}>
              {t('common.copied')}
            </span>,
          ],
        }}
        style={{ fontSize: 18, wordBreak: 'break-all' }}
      >
        <span data-testid="secret">{secret}</span>
      </Typography.Paragraph>
    </Space>
  );
}
