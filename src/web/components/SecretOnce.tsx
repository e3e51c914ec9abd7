import { Alert, Button, Modal, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
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

/**
 * The dialog of a create action whose result is a secret (新建用户, 新建 API 密钥): its form with
 * 取消 and the submit button, then, once `secret` is there, the secret with 关闭 only.
 */
export function SecretCreateModal(props: {
  open: boolean;
  title: string;
  /** the secret view (a SecretOnce) once created, else null: the form is shown */
  secret: ReactNode;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onClose: () => void;
  /** the form */
  children: ReactNode;
}) {
  const { t } = useI18n();
  const done = props.secret !== null;
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      destroyOnHidden
      footer={
        done ? (
          <Button type="primary" onClick={props.onClose}>
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={props.onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={props.busy} onClick={props.onSubmit}>
              {props.submitLabel}
            </Button>
          </Space>
        )
      }
    >
      {done ? props.secret : props.children}
    </Modal>
  );
}
