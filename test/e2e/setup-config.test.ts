/**
 * The configuration pages in a real browser against a real server holding real answers (the
 * small fixture imported by the CLI): a weight changed moves the normalised-weight bars before
 * anything is saved; 保存 asks, stores and audits; the value survives a reload; the audit log
 * shows the change as before → after; a save over someone else's newer save shows the server's
 * refusal as it is; the categories, quotas and dates pages; the English switch.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/db/repos/assessments.js';
import { replaceConfig } from '../../src/services/import/config.js';
import { FIXTURES, runCli } from '../support/cli.js';
import { makeUser } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import { signInPage, startServer, submitSignIn, type TestServer } from './demo-server.js';

requireChromium('configuration set-up');

const small = (f: string) => path.join(FIXTURES, 'small', f);

describe.skipIf(!haveChromium)('configuration set-up pages in Chromium', () => {
  let server: TestServer;
  let b: Browser;

  const stored = () => loadConfig(server.t.handle.db, 't-2024');
  const chartText = () => b.page.getByTestId('weights-chart').textContent();
  const peerWeight = () => b.page.getByLabel('机关互评 权重', { exact: true });

  beforeAll(async () => {
    server = await startServer({}, async (t) => {
      const cli = (...args: string[]) => runCli(t.env, args);
      expect((await cli('import', 'config', small('config.json'))).code).toBe(0);
      for (const kind of ['units', 'responses'])
        expect((await cli('import', kind, small(`${kind}.csv`), '--assessment', 't-2024')).stderr).toBe('');
      await makeUser(t, 'wang', 'admin');
      await makeUser(t, 'li', 'analyst');
    });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  it('opens 评价群体与权重 from the assessments table', async () => {
    const page = b.page;
    await signInPage(page, server.base, 'wang');
    await page.getByRole('cell', { name: '测试考评' }).waitFor();
    await page
      .getByRole('row', { name: /测试考评/ })
      .getByRole('link', { name: '设置' })
      .click();
    await page.getByRole('heading', { name: '评价群体与权重 · 测试考评' }).waitFor();
    // the menu's 设置 group lists this assessment's set-up pages and the audit log
    const menu = page.getByRole('navigation', { name: '主菜单' });
    for (const name of ['单位管理', '分类', '评价群体与权重', '样本配额', '实施时间', '审计日志'])
      await menu.getByText(name, { exact: true }).waitFor();
    await expect.poll(chartText).toContain('50.0%');
    expect(await page.getByTestId('share-service').textContent()).toBe('占比 50.0%');
  });

  it('moves the bars as a weight is typed, before saving; nothing is stored yet', async () => {
    const page = b.page;
    await peerWeight().fill('0.25');
    await expect.poll(chartText).toContain('66.7%');
    expect(await chartText()).toContain('33.3%');
    expect(await page.getByTestId('share-peer').textContent()).toBe('占比 33.3%');
    expect(await page.getByTestId('share-service').textContent()).toBe('占比 66.7%');
    await page.getByText('有未保存的修改').waitFor();
    expect((await stored()).groups[1]!.weight).toBe(0.5);
    await screenshot(page, 'console-weights', { fullPage: true });
  });

  it('saves after a confirmation, stores and keeps the value over a reload', async () => {
    const page = b.page;
    await page.getByRole('button', { name: '保存', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '保存这些修改？' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存（1 处修改，已记入审计日志）').waitFor();
    expect((await stored()).groups.map((g) => g.weight)).toEqual([0.5, 0.25, undefined]);
    await page.reload();
    await page.getByRole('heading', { name: '评价群体与权重 · 测试考评' }).waitFor();
    await expect.poll(() => peerWeight().inputValue()).toBe('0.25');
    await expect.poll(chartText).toContain('33.3%');
  });

  it('shows the server’s refusal as it is when someone else saved meanwhile, storing nothing', async () => {
    const page = b.page;
    // another admin's save (the same service the console's PUT uses)
    const other = await stored();
    other.groups[0]!.minN = 3;
    const ctx = { handle: server.t.handle, now: () => new Date(), actor: 'li' };
    await replaceConfig(ctx, other, { action: 'config.update', details: { via: 'console' } });
    await page.getByLabel('服务对象 最少样本数', { exact: true }).fill('9');
    await page.getByRole('main').getByRole('button', { name: '保存', exact: true }).click();
    await page
      .getByRole('dialog', { name: '保存这些修改？' })
      .getByRole('button', { name: '保存', exact: true })
      .click();
    const alert = page.getByRole('alert').filter({ hasText: '操作与当前状态冲突' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /updatedAt: the configuration was changed at .* reload it and edit again/,
    );
    expect((await stored()).groups[0]!.minN).toBe(3);
  });

  it('finds the change in the audit log as before → after', async () => {
    const page = b.page;
    await page.getByRole('navigation', { name: '主菜单' }).getByText('审计日志', { exact: true }).click();
    await page.getByRole('heading', { name: '审计日志' }).waitFor();
    await page.getByRole('textbox', { name: '操作人' }).fill('wang');
    await page.getByRole('button', { name: '筛选' }).click();
    const row = page.getByRole('row', { name: /config\.update/ });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toMatch(
      /wang\s+config\.update\s+t-2024\s+groups\.peer\.weight\s*0\.5\s*→\s*0\.25/,
    );
    await screenshot(page, 'console-audit', { fullPage: true });
  });

  it('shows categories, quotas with their targets, and dates', async () => {
    const page = b.page;
    await page.goto(`${server.base}/assessments/t-2024/categories`);
    await page.getByRole('heading', { name: '分类 · 测试考评' }).waitFor();
    await page.getByText('排名在类别内进行').waitFor();
    const cats = page.getByRole('table', { name: '分类' }).locator('tbody tr.ant-table-row');
    await expect.poll(() => cats.count()).toBeGreaterThan(0);
    await screenshot(page, 'console-categories');
    await page.goto(`${server.base}/assessments/t-2024/quotas`);
    await page.getByRole('heading', { name: '样本配额 · 测试考评' }).waitFor();
    await page.getByText('3 × 3 个单位 = 9').waitFor();
    await page.getByLabel('电话回访 每单位', { exact: true }).fill('5');
    await page.getByText('5 × 3 个单位 = 15').waitFor();
    expect(await page.getByTestId('quota-total').textContent()).toBe('15');
    await screenshot(page, 'console-quotas');
    await page.goto(`${server.base}/assessments/t-2024/schedule`);
    await page.getByRole('heading', { name: '实施时间 · 测试考评' }).waitFor();
    const start = page.getByLabel('电话回访 开始日期', { exact: true });
    await start.fill('2026年3月10日');
    await start.press('Enter');
    const end = page.getByLabel('电话回访 结束日期', { exact: true });
    await end.fill('2026年3月1日');
    await end.press('Enter');
    await page.getByRole('alert').filter({ hasText: '结束日期早于开始日期' }).waitFor();
    expect(await page.getByRole('button', { name: '保存', exact: true }).isDisabled()).toBe(true);
    await screenshot(page, 'console-schedule');
  });

  it('switches these pages to English', async () => {
    const page = b.page;
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await page.getByRole('heading', { name: 'Fieldwork dates · 测试考评' }).waitFor();
    await page.goto(`${server.base}/assessments/t-2024/groups`);
    await page.getByRole('heading', { name: 'Groups and weights · 测试考评' }).waitFor();
    await page.getByText('Share 33.3%').waitFor();
    await page.getByRole('navigation').getByText('Audit log', { exact: true }).click();
    await page.getByRole('heading', { name: 'Audit log' }).waitFor();
    await page.getByRole('columnheader', { name: 'Details' }).waitFor();
  });

  it('shows analysts the same pages read-only', async () => {
    const page = b.page;
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await submitSignIn(page, 'li');
    // still on the audit log's URL, which an analyst may not open
    await page.getByText('无权访问').first().waitFor();
    await page.goto(`${server.base}/assessments/t-2024/groups`);
    await page.getByText('只有管理员可以修改考评配置；你可以查看。').waitFor();
    await expect.poll(() => peerWeight().isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: '保存', exact: true }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: '主菜单' }).getByText('审计日志').count()).toBe(0);
  });
});
