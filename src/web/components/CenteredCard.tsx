import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { LangSwitch } from './LangSwitch';

/** The plain, centred frame of the sign-in and password pages: product name, one card. */
export function CenteredCard({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div
      style={{
        minHeight: '100vh',
        background: '#f3f5f8',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
      }}
    >
      <main style={{ width: '100%', maxWidth: 420 }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <Typography.Title level={1} style={{ fontSize: 30, marginBottom: 4 }}>
            {t('app.name')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        <Card>
          <Typography.Title level={2} style={{ fontSize: 20, marginTop: 0 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <LangSwitch />
        </div>
      </main>
    </div>
  );
}
