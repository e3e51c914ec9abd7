import { Alert, Button, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { api, type SessionInfo } from '../../api/client';
import { CenteredCard } from '../../components/CenteredCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';

interface Fields {
  currentPassword: string;
  newPassword: string;
  repeat: string;
}

/** The forced change of a one-time password; the same rules as the server, checked as you type. */
export function ChangePasswordPage(props: {
  session: SessionInfo;
  onChanged: (s: SessionInfo) => void;
  onSignOut: () => Promise<void>;
}) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const name = props.session.user.name;
  const submit = async (f: Fields) => {
    setBusy(true);
    setError(null);
    try {
      props.onChanged(
        await api.changePassword({ currentPassword: f.currentPassword, newPassword: f.newPassword }),
      );
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <CenteredCard title={t('password.title')}>
      <Space orientation="vertical" size="middle" style={{ width: '100%', marginBottom: 16 }}>
        <Alert type="info" title={t('password.intro')} description={t('password.rules')} />
      </Space>
      <Form<Fields> layout="vertical" requiredMark={false} onFinish={(f) => void submit(f)} name="password">
        <Form.Item
          label={t('password.current')}
          name="currentPassword"
          rules={[{ required: true, message: t('password.required') }]}
        >
          <Input.Password autoComplete="current-password" autoFocus />
        </Form.Item>
        <Form.Item
          label={t('password.new')}
          name="newPassword"
          dependencies={['currentPassword']}
          rules={[
            { required: true, message: t('password.required') },
            { min: 10, message: t('password.tooShort') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) => {
                if (!v) return Promise.resolve();
                if (v === getFieldValue('currentPassword'))
                  return Promise.reject(new Error(t('password.same')));
                if (v.toLowerCase().includes(name.toLowerCase()))
                  return Promise.reject(new Error(t('password.containsName')));
                return Promise.resolve();
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          label={t('password.repeat')}
          name="repeat"
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, v: string | undefined) =>
                !v || v === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('password.submit')}
          </Button>
          <Button block onClick={() => void props.onSignOut()}>
            {t('header.signOut')}
          </Button>
        </Space>
      </Form>
    </CenteredCard>
  );
}
