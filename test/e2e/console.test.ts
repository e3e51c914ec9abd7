/**
 * The console in a real browser against a real server (buildApp + listen on a fresh SQLite
 * database; the console as built into dist/web by `npm run build`): sign-in errors, the forced
 * change of a one-time password, the assessments list with antd's Chinese locale, user and API
 * key administration, the English switch, sign-out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAssessments, makeUser } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import { changeOneTimePassword, startServer, submitSignIn, type TestServer } from './demo-server.js';
import { xlsxRows } from './xlsx-rows.js';

const ONE_TIME = 'Temp-OneTime-77';
const NEW_PASSWORD = 'Mein-neues-Passwort-2026';

requireChromium('console');

describe.skipIf(!haveChromium)('console in Chromium', () => {
  let server: TestServer;
  let b: Browser;
  /** the one-time password of the user created in the console */
  let otp = '';

  beforeAll(async () => {
    server = await startServer({ signInRateLimit: { max: 1000, timeWindowMs: 60_000 } }, async (t) => {
      await makeAssessments(t);
      await makeUser(t, 'wang', 'admin', { mustChange: true, password: ONE_TIME });
    });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  const signInWith = (name: string, password: string) => submitSignIn(b.page, name, password);

  it('refuses a wrong password with a clear message, in Chinese', async () => {
    const page = b.page;
    await page.goto(server.base);
    await expect.poll(() => page.title()).toBe('考评 kaoping');
    await page.getByRole('heading', { name: '考评 kaoping' }).waitFor();
    await screenshot(page, 'console-sign-in');
    await signInWith('wang', 'not-the-password');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    await screenshot(page, 'console-sign-in-error');
  });

  it('locks a name after repeated failures and says how long to wait', async () => {
    const page = b.page;
    // by keyboard alone on a fresh page: the name field has the focus, Tab, Enter submits
    await page.goto(server.base);
    await page.getByLabel('用户名').waitFor();
    await page.keyboard.type('nobody');
    await page.keyboard.press('Tab');
    await page.keyboard.type('wrong-0');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();
    for (let i = 1; i < 6; i++) await signInWith('nobody', `wrong-${i}`);
    await page
      .getByRole('alert')
      .filter({ hasText: /登录失败次数过多.*15 分钟后重试/ })
      .waitFor();
  });

  it('signs in with a one-time password and forces its change, with the rules shown', async () => {
    const page = b.page;
    await signInWith('wang', ONE_TIME);
    await page.getByRole('heading', { name: '修改一次性密码' }).waitFor();
    await page.getByText('至少 10 个字符').waitFor();
    await page.getByLabel('当前密码（一次性密码）').fill(ONE_TIME);
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('再次输入新密码').fill(`${NEW_PASSWORD}x`);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByText('两次输入的新密码不一致').waitFor();
    await screenshot(page, 'console-change-password');
    await page.getByLabel('再次输入新密码').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: '修改密码' }).click();
    await page.getByRole('heading', { name: '考评项目' }).waitFor();
  });

  it('lists the assessments with antd in Chinese, searchable, exportable', async () => {
    const page = b.page;
    expect(new URL(page.url()).pathname).toBe('/assessments');
    await page.getByRole('cell', { name: '考评 a1' }).waitFor();
    await page.getByRole('cell', { name: '考评 a2' }).waitFor();
    await page.getByText('条/页').first().waitFor(); // antd's own zh_CN text (the Vite 8 locale trap)
    await page.getByTestId('current-user').filter({ hasText: 'wang' }).waitFor();
    await screenshot(page, 'console-assessments');
    await page.getByRole('searchbox', { name: '搜索编号或名称' }).fill('a2');
    await expect.poll(() => page.getByRole('cell', { name: '考评 a1' }).count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 Excel' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('考评项目.xlsx');
    // a2's configuration is a stand-in ({}): no progress to show, an empty 实施进度 cell
    expect(await xlsxRows(await file.path())).toEqual([
      ['编号', '名称', '年度', '实施进度'],
      ['a2', '考评 a2', '2026', ''],
    ]);
    await page.getByRole('searchbox', { name: '搜索编号或名称' }).fill('');
  });

  it('creates a user and shows its one-time password once; the page reloads in place', async () => {
    const page = b.page;
    await page.getByRole('menuitem', { name: '用户管理' }).click();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '用户管理' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/users');
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('用户名').fill('li.analyst');
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.getByText('用户 li.analyst 已创建').waitFor();
    otp = (await dialog.getByTestId('secret').innerText()).trim();
    expect(otp).toMatch(/^[A-Za-z0-9]{16}$/);
    await screenshot(page, 'console-user-created');
    await dialog.getByRole('button', { name: '关闭' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: 'li.analyst' });
    await row.getByText('待修改一次性密码').waitFor();
    await screenshot(page, 'console-users');
  });

  it('creates an API key (shown once) and revokes one only after a confirmation', async () => {
    const page = b.page;
    await page.getByRole('menuitem', { name: 'API 密钥' }).click();
    await page.getByRole('heading', { name: 'API 密钥' }).waitFor();
    await page.getByRole('button', { name: '新建 API 密钥' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '创建' }).click();
    await dialog.getByText('API 密钥已创建').waitFor();
    expect((await dialog.getByTestId('secret').innerText()).trim()).toMatch(/^kp_/);
    await screenshot(page, 'console-api-key-created');
    await dialog.getByRole('button', { name: '关闭' }).last().click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row').filter({ hasText: '有效' });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('button', { name: '吊销' }).click();
    const confirm = page.getByRole('tooltip').filter({ hasText: '此操作不能撤销' });
    await confirm.waitFor();
    await screenshot(page, 'console-api-key-revoke');
    await confirm.getByRole('button', { name: '吊销' }).click();
    await page.getByRole('row').filter({ hasText: '已吊销' }).waitFor();
    await screenshot(page, 'console-api-keys');
  });

  it('switches every label to English, antd included, and keeps the choice', async () => {
    const page = b.page;
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await page.getByRole('heading', { name: 'API keys' }).waitFor();
    await page.getByRole('menuitem', { name: 'Assessments' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByText('/ page').first().waitFor(); // antd's en_US pagination
    await page.reload();
    await page.getByRole('heading', { name: 'Assessments' }).waitFor();
    await page.getByRole('columnheader', { name: 'Year' }).waitFor();
    await screenshot(page, 'console-english');
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('heading', { name: '考评项目' }).waitFor();
  });

  it('signs out; the new user signs in with its one-time password, changes it, sees no admin pages', async () => {
    const page = b.page;
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { name: '登录' }).waitFor();
    const r = await fetch(`${server.base}/api/v1/users`);
    expect(r.status).toBe(401);
    await signInWith('li.analyst', otp);
    await changeOneTimePassword(page, otp, NEW_PASSWORD);
    await page.getByRole('heading', { name: '考评项目' }).waitFor();
    await page.getByTestId('current-user').filter({ hasText: '分析员（评估机构）' }).waitFor();
    // an analyst has no user administration: not in the menu, and refused by URL
    expect(await page.getByRole('menuitem', { name: '用户管理' }).count()).toBe(0);
    await page.goto(`${server.base}/users`);
    await page.getByText('无权访问').first().waitFor();
    await page.goto(`${server.base}/no/such/page`);
    await page.getByText('找不到这个页面').waitFor();
  });
});
