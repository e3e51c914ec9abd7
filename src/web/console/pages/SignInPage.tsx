import { Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, type SessionInfo } from '../../api/client';
import { CenteredCard } from '../../components/CenteredCard';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';

interface Fields {
  name: string;
  password: string;
}

export function SignInPage({ onSignedIn }: { onSignedIn: (s: SessionInfo) => void }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (f: Fields) => {
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn({ name: f.name.trim(), password: f.password }));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <CenteredCard title={t('signIn.title')}>
      <Form<Fields> layout="vertical" requiredMark={false} onFinish={(f) => void submit(f)} name="sign-in">
        <Form.Item
          label={t('signIn.name')}
          name="name"
          rules={[{ required: true, whitespace: true, message: t('signIn.name.required') }]}
        >
          <Input autoComplete="username" autoFocus size="large" />
        </Form.Item>
        <Form.Item
          label={t('signIn.password')}
          name="password"
          rules={[{ required: true, message: t('signIn.password.required') }]}
        >
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <ErrorAlert error={error} />
          <Button type="primary" htmlType="submit" size="large" block loading={busy}>
            {t('signIn.submit')}
          </Button>
          <Typography.Text type="secondary">{t('signIn.hint')}</Typography.Text>
        </Space>
      </Form>
    </CenteredCard>
  );
}
