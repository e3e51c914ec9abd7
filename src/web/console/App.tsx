/**
 * The console's root: languages (ours, antd's, dayjs's), the theme, and the session gate —
 * sign-in when nobody is signed in, the forced password change while a one-time password is
 * unchanged, and otherwise the shell with its pages.
 */
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, setSessionLostHandler, type SessionInfo } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { I18nProvider, useI18n } from '../i18n/i18n';
import { ChangePasswordPage } from './pages/ChangePasswordPage';
import { SignInPage } from './pages/SignInPage';
import { SessionContext, type SessionState } from './session';
import { Shell } from './Shell';

/**
 * WCAG 2.1 AA contrast: primary #1456b8 is 6.9:1 on white; antd's grey texts (secondary,
 * placeholder, breadcrumb) are darkened from 45% / 25% black to at least 4.5:1 on the light
 * backgrounds. No animations for people who asked their system for reduced motion.
 */
const THEME = {
  token: {
    colorPrimary: '#1456b8',
    colorLink: '#1456b8',
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    controlHeight: 36,
    motion: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
  },
};

type Gate =
  { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'ready'; session: SessionInfo | null };

function Gatekeeper() {
  const [gate, setGate] = useState<Gate>({ state: 'loading' });
  const load = useCallback(() => {
    setGate({ state: 'loading' });
    api.whoAmI().then(
      (session) => setGate({ state: 'ready', session }),
      (error: unknown) => setGate({ state: 'error', error }),
    );
  }, []);
  useEffect(() => {
    setSessionLostHandler((why) => {
      if (why === 'signed-out') setGate({ state: 'ready', session: null });
      else load(); // who am I again: the session now says mustChangePassword
    });
    load();
  }, [load]);

  const signOut = useCallback(async () => {
    await api.signOut();
    setGate({ state: 'ready', session: null });
  }, []);
  const state = useMemo<SessionState | null>(
    () => (gate.state === 'ready' && gate.session ? { session: gate.session, signOut } : null),
    [gate, signOut],
  );

  if (gate.state === 'loading')
    return (
      <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  if (gate.state === 'error')
    return (
      <div style={{ maxWidth: 560, margin: '15vh auto' }}>
        <ErrorAlert error={gate.error} />
      </div>
    );
  const signedIn = (session: SessionInfo) => setGate({ state: 'ready', session });
  if (!gate.session || !state) return <SignInPage onSignedIn={signedIn} />;
  if (gate.session.mustChangePassword)
    return <ChangePasswordPage session={gate.session} onChanged={signedIn} onSignOut={signOut} />;
  return (
    <SessionContext.Provider value={state}>
      <Shell />
    </SessionContext.Provider>
  );
}

function Localized() {
  const { lang } = useI18n();
  return (
    // no space forced between two CJK characters of a button (antd's default: 关 闭)
    <ConfigProvider locale={lang === 'zh' ? zhCN : enUS} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <Gatekeeper />
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Localized />
    </I18nProvider>
  );
}
