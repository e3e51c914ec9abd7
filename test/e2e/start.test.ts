/**
 * `npm start` as a person meets it: the built server (dist/server/main.js) on an empty data
 * folder loads the demo and prints the admin's one-time password; the console it serves from
 * dist/web opens in Chromium, in Chinese, and after the password change lists the demo, whose
 * ranking, agency, quality and progress pages show results at once (the demo comes analysed).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { haveChromium, launch, screenshot } from './browser.js';
import { changeOneTimePassword, submitSignIn } from './demo-server.js';

describe.skipIf(!haveChromium)('npm start in Chromium', () => {
  it('opens the console in Chinese with the demo assessment', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-start-e2e-'));
    const port = String(20000 + Math.floor(Math.random() * 20000));
    const child = spawn(process.execPath, [path.join(ROOT, 'dist/server/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', KAOPING_DATA_DIR: dir, PORT: port },
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const b = await launch();
    try {
      const deadline = Date.now() + 90_000;
      while (!stdout.includes('sign in:') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 200));
      const login = /sign in: (\S+) \/ (\S+)/.exec(stdout);
      expect(login, stdout).not.toBeNull();
      const [, name = '', password = ''] = login ?? [];
      const page = b.page;
      await page.goto(`http://127.0.0.1:${port}/`);
      await submitSignIn(page, name, password);
      await page.getByRole('heading', { name: '修改一次性密码' }).waitFor();
      await changeOneTimePassword(page, password, 'Demo-console-2026');
      await page.getByRole('cell', { name: 'suzhou-2020' }).waitFor();
      await page.getByText('条/页').first().waitFor();
      await screenshot(page, 'console-demo');
      // the demo comes analysed: the ranking, an agency page and the quality page show results at
      // the first visit, with no click on 开始分析
      await page
        .getByRole('row')
        .filter({ hasText: 'suzhou-2020' })
        .getByRole('link', { name: '结果' })
        .click();
      await page.getByRole('heading', { name: '考评结果' }).waitFor();
      await page.getByTestId('published-tag').filter({ hasText: '未发布' }).waitFor();
      await page
        .getByTestId('ranking-chart')
        .getByText(/^第1名（1–\d+） · \S+$/)
        .waitFor();
      const panel = page.locator('[role=tabpanel][aria-hidden=false]');
      const firstUnit = panel.getByRole('row').nth(1).getByRole('link').first();
      const unitName = (await firstUnit.textContent()) ?? '';
      expect(unitName).not.toBe('');
      await firstUnit.click();
      await page.getByRole('heading', { name: unitName }).waitFor();
      await page.getByTestId('unit-composite').waitFor();
      await page.goto(`http://127.0.0.1:${port}/assessments/suzhou-2020/quality`);
      await page.getByRole('heading', { name: '数据质量' }).waitFor();
      await page.getByText('有效率').waitFor();
      await page.goto(`http://127.0.0.1:${port}/assessments/suzhou-2020/progress`);
      await page.getByText('实时更新中').waitFor();
    } finally {
      await b.close();
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
