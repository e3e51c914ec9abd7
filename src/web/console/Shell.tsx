/**
 * The signed-in layout: the left menu (from routes.ts, filtered by role), the header with the
 * user, the language switch and 退出登录, the breadcrumb, and the current page.
 */
import { Breadcrumb, Button, Layout, Menu, Result, Space, Spin, Tag, Typography } from 'antd';
import { Suspense, useEffect } from 'react';
import { Forbidden } from '../components/Forbidden';
import { LangSwitch } from '../components/LangSwitch';
import { useI18n } from '../i18n/i18n';
import { linkClick, matchPath, navigate, usePath } from './router';
import { allowed, home, ROUTES, setupMenu, type ConsoleRoute } from './routes';
import { useSession } from './session';

function findRoute(path: string): { route: ConsoleRoute; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

function trail(route: ConsoleRoute): ConsoleRoute[] {
  const parent = route.parent ? ROUTES.find((r) => r.path === route.parent) : undefined;
  return parent ? [...trail(parent), route] : [route];
}

export function Shell() {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  const path = usePath();
  const role = session.user.role;
  const start = home(role);
  useEffect(() => {
    if (path === '/') navigate(start, { replace: true });
  }, [path, start]);
  const found = findRoute(path);
  const visible = found && allowed(found.route, role) ? found : null;
  const refused = found !== null && visible === null;
  const menu = ROUTES.filter((r) => r.menu && !r.group && allowed(r, role));
  const setup = setupMenu(role, visible?.params.id);
  const selected = visible?.route.group ? path : visible ? trail(visible.route)[0]?.path : undefined;
  const Page = visible?.route.page;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        width={208}
        breakpoint="lg"
        collapsedWidth={0}
        theme="light"
        style={{ borderRight: '1px solid #e5e5e5' }}
      >
        <div style={{ padding: '16px 24px', fontSize: 18, fontWeight: 600 }}>
          <a href={start} onClick={linkClick} style={{ color: 'inherit' }}>
            {t('app.name')}
          </a>
        </div>
        <nav aria-label={t('nav.menu')}>
          <Menu
            mode="inline"
            selectedKeys={selected ? [selected] : []}
            items={[
              ...menu.map((r) => ({ key: r.path, label: t(r.title) })),
              ...(setup.length > 0
                ? [
                    {
                      type: 'group' as const,
                      key: 'setup',
                      label: t('nav.setup'),
                      children: setup.map((r) => ({ key: r.path, label: t(r.title) })),
                    },
                  ]
                : []),
            ]}
            onClick={({ key }) => navigate(key)}
            style={{ borderInlineEnd: 'none' }}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #e5e5e5',
            display: 'flex',
            justifyContent: 'flex-end',
            alignItems: 'center',
            paddingInline: 24,
          }}
        >
          <Space size="middle">
            <span aria-label={t('header.user')} data-testid="current-user">
              <Typography.Text strong>{session.user.name}</Typography.Text>
              <Tag style={{ marginInlineStart: 8 }}>{t(`role.${role}`)}</Tag>
            </span>
            <LangSwitch />
            <Button onClick={() => void signOut()}>{t('header.signOut')}</Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: '16px 24px' }}>
          <Breadcrumb
            style={{ marginBottom: 16 }}
            items={[
              { title: t('app.name') },
              ...(visible
                ? trail(visible.route).map((r) => ({ title: t(r.title) }))
                : [{ title: t(refused ? 'nav.forbidden' : 'nav.notFound') }]),
            ]}
          />
          <main>
            {Page && visible ? (
              <Suspense fallback={<Spin />}>
                <Page params={visible.params} />
              </Suspense>
            ) : path === '/' ? null : refused ? (
              <Forbidden />
            ) : (
              <Result status="404" title={t('nav.notFound')} subTitle={t('notFound.text')} />
            )}
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
