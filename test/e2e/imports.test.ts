/**
 * 数据导入 in a real browser against a real server and job runner: opened from the assessments
 * table; a responses file with one bad row is uploaded (the job fails, its error line names the
 * file, line and column, and nothing is stored); then a good file (the job runs to done and the
 * count of responses added is shown); both are listed among the recent imports. A supervisor
 * is offered the phone sample alone, imports it, and sees only that among the recent imports.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { small, SMALL_ID } from '../support/results.js';
import { makeUser } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import { signInPage, startServer, type TestServer } from './demo-server.js';

requireChromium('数据导入');

const GOOD = fs.readFileSync(small('responses.csv'));
// line 4 names an agency the assessment does not have
const BAD = Buffer.from(
  GOOD.toString('utf8')
    .trimEnd()
    .split('\n')
    .map((l, i) => (i === 3 ? l.replace(',k1,A,', ',k1,ZZ,') : l))
    .join('\n'),
);

describe.skipIf(!haveChromium)('数据导入 in Chromium', () => {
  let server: TestServer;
  let b: Browser;

  const stored = async () =>
    Number(
      (
        await server.t.handle.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    server = await startServer({ jobs: { pollMs: 50, secrets: true } }, async (t) => {
      for (const args of [
        ['import', 'config', small('config.json')],
        ['import', 'units', small('units.csv'), '--assessment', SMALL_ID],
      ])
        expect((await runCli(t.env, args)).stderr).toBe('');
      await makeUser(t, 'li', 'analyst');
      await makeUser(t, 'zhao', 'supervisor');
    });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  it('opens 数据导入 from the assessments table', async () => {
    const page = b.page;
    await signInPage(page, server.base, 'li');
    await page
      .getByRole('row', { name: /测试考评/ })
      .getByRole('link', { name: '数据导入' })
      .click();
    await page.getByRole('heading', { name: '数据导入 · 测试考评' }).waitFor();
    // the expected columns of 答卷, with a Chinese header each
    await page.getByText('target_unit *').waitFor();
    await page.getByText('被评单位', { exact: true }).waitFor();
  });

  it('shows the error line of a bad file and stores nothing', async () => {
    const page = b.page;
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '答卷-有错.csv', mimeType: 'text/csv', buffer: BAD });
    const err = page.getByTestId('import-error');
    await err.waitFor();
    expect(await err.innerText()).toMatch(/^答卷-有错\.csv:4: column target_unit: /);
    await page.getByText('导入失败，未保存任何数据').waitFor();
    await page.getByText('请按提示修改文件中的该行后重新上传整个文件。').waitFor();
    expect(await stored()).toBe(0);
  });

  it('imports a good file: progress to done, the count shown, both listed', async () => {
    const page = b.page;
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '答卷.csv', mimeType: 'text/csv', buffer: GOOD });
    const done = page.getByTestId('import-done');
    await done.waitFor();
    expect(await done.innerText()).toBe('导入完成：15 行，新增答卷 7 份，已存在 0 份');
    expect(await stored()).toBe(7);
    const table = page.getByRole('table', { name: '最近的导入' });
    await expect
      .poll(async () => (await table.locator('tbody tr.ant-table-row').allInnerTexts()).length)
      .toBe(2);
    const texts = (await table.locator('tbody tr.ant-table-row').allInnerTexts()).join('\n');
    expect(texts).toContain('答卷-有错.csv');
    expect(texts).toContain('失败');
    expect(texts).toContain('已完成');
    await screenshot(page, 'console-imports', { fullPage: true });
  });

  it('lets a supervisor import the phone sample, and only that', async () => {
    const page = b.page;
    await page.getByRole('button', { name: '退出登录' }).click();
    await signInPage(page, server.base, 'zhao');
    await page
      .getByRole('row', { name: /测试考评/ })
      .getByRole('link', { name: '数据导入' })
      .click();
    await page.getByRole('heading', { name: '数据导入 · 测试考评' }).waitFor();
    // one kind offered: 电话样本; its columns are listed
    const kinds = page.locator('.ant-segmented-item');
    expect(await kinds.allInnerTexts()).toEqual(['电话样本']);
    await page.getByText('电话号码加密保存', { exact: false }).waitFor();
    await page.locator('input[type=file]').setInputFiles({
      name: '电话样本.csv',
      mimeType: 'text/csv',
      buffer: fs.readFileSync(small('cases.csv')),
    });
    const done = page.getByTestId('import-done');
    await done.waitFor();
    expect(await done.innerText()).toBe('导入完成：5 行');
    // the analyst's response imports are not among the supervisor's recent imports
    const table = page.getByRole('table', { name: '最近的导入' });
    await expect
      .poll(async () => (await table.locator('tbody tr.ant-table-row').allInnerTexts()).length)
      .toBe(1);
    expect(await table.locator('tbody tr.ant-table-row').innerText()).toContain('电话样本.csv');
  });
});
