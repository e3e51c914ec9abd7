/**
 * 数据导入 in a real browser against a real server and job runner: opened from the assessments
 * table; a responses file with one bad row is uploaded (the job fails, its error line names the
 * file, line and column, and nothing is stored); then a good file (the job runs to done and the
 * count of responses added is shown); both are listed among the recent imports.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { DEFAULT_WEB_ROOT } from '../../src/server/plugins/static.js';
import { loadSecretKey, secretBox } from '../../src/services/crypto.js';
import { JobRunner } from '../../src/services/jobs/runner.js';
import { runCli } from '../support/cli.js';
import { createTestDb, type TestDb } from '../support/databases.js';
import { small, SMALL_ID } from '../support/results.js';
import { makeUser, PASSWORD } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';

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
  let t: TestDb;
  let app: FastifyInstance;
  let runner: JobRunner;
  let base = '';
  let b: Browser;

  const stored = async () =>
    Number(
      (
        await t.handle.db
          .selectFrom('responses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DEFAULT_WEB_ROOT, 'index.html')))
      throw new Error(`the console is not built (${DEFAULT_WEB_ROOT}): run npm run build first`);
    t = await createTestDb('sqlite');
    for (const args of [
      ['import', 'config', small('config.json')],
      ['import', 'units', small('units.csv'), '--assessment', SMALL_ID],
    ])
      expect((await runCli(t.env, args)).stderr).toBe('');
    await makeUser(t, 'li', 'analyst');
    app = buildApp({ handle: t.handle });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
    const box = secretBox(loadSecretKey(undefined, t.env.KAOPING_DATA_DIR!));
    runner = new JobRunner({ handle: t.handle, now: () => new Date(), secrets: () => box }, { pollMs: 50 });
    runner.start();
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await runner?.stop();
    await app?.close();
    await t?.dispose();
  });

  it('opens 数据导入 from the assessments table', async () => {
    const page = b.page;
    await page.goto(base);
    await page.getByLabel('用户名').fill('li');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
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
});
