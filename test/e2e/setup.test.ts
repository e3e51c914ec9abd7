/**
 * Set-up in a real browser against a real server: the agencies page opened from the
 * assessments table; the template downloaded; an .xlsx with a bad row checked (its error shown
 * by line and column, 确认导入 disabled, nothing saved: the list and the database unchanged);
 * then a good .xlsx checked, confirmed, saved and listed.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAssessments, makeUser } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import { signInPage, startServer, type TestServer } from './demo-server.js';

requireChromium('set-up');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['单位编码', '单位名称', '类别', '是否有窗口'];

async function workbook(rows: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('被考核单位');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe.skipIf(!haveChromium)('set-up pages in Chromium', () => {
  let server: TestServer;
  let b: Browser;

  const storedCodes = async () =>
    (
      await server.t.handle.db
        .selectFrom('units')
        .select('code')
        .where('assessment_id', '=', 'a1')
        .orderBy('position')
        .execute()
    ).map((u) => u.code);
  /** the cells of the rows of the table named `label`, as text */
  const rows = async (label: string) =>
    (await b.page.getByRole('table', { name: label }).locator('tbody tr.ant-table-row').allInnerTexts()).map(
      (row) => row.split('\t').map((c) => c.trim()),
    );

  beforeAll(async () => {
    server = await startServer({}, async (t) => {
      await makeAssessments(t);
      await makeUser(t, 'li', 'analyst');
    });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  it('opens 单位管理 from the assessments table and lists the agencies', async () => {
    const page = b.page;
    await signInPage(page, server.base, 'li');
    await page.getByRole('cell', { name: '考评 a1' }).waitFor();
    await page
      .getByRole('row', { name: /考评 a1/ })
      .getByRole('link', { name: '单位管理' })
      .click();
    await page.getByRole('heading', { name: '单位管理 · 考评 a1' }).waitFor();
    await expect
      .poll(() => rows('被考核单位'))
      .toEqual([
        ['A', '单位 A', 'c1', '否'],
        ['B', '单位 B', 'c1', '否'],
      ]);
  });

  it('downloads the template: the Chinese headers and one example row', async () => {
    const download = b.page.waitForEvent('download');
    await b.page.getByRole('link', { name: '下载模板' }).click();
    const file = await (await download).path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADER]);
    expect(ws.rowCount).toBe(2);
  });

  it('checks an .xlsx with a bad row: the error by line and column, nothing saved', async () => {
    const page = b.page;
    const bad = await workbook([
      ['C', '市民政局', '公共服务', '是'],
      ['D', '', '公共服务', '否'],
      ['A', '单位 A', 'c1', '否'],
    ]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '单位名单-有错.xlsx', mimeType: XLSX, buffer: bad });
    await page.getByRole('alert').filter({ hasText: '发现 1 处错误，未保存任何数据' }).waitFor();
    await expect.poll(() => rows('错误')).toEqual([['3', '单位名称', '为空，请填写']]);
    expect(await rows('将保存的单位')).toEqual([
      ['2', 'C', '市民政局', '公共服务', '是', '新增'],
      ['4', 'A', '单位 A', 'c1', '否', '不变'],
    ]);
    await expect.poll(() => page.getByRole('button', { name: '确认导入' }).isDisabled()).toBe(true);
    await screenshot(page, 'setup-units-errors', { fullPage: true });
    // nothing was saved: the list and the database are as before
    expect(await rows('被考核单位')).toEqual([
      ['A', '单位 A', 'c1', '否'],
      ['B', '单位 B', 'c1', '否'],
    ]);
    expect(await storedCodes()).toEqual(['A', 'B']);
  });

  it('imports a good .xlsx after its preview: saved and listed', async () => {
    const page = b.page;
    const good = await workbook([
      ['C', '市民政局', '公共服务', '是'],
      ['D', '市档案馆', '公共服务', '否'],
      ['B', '单位 B（更名）', 'c1', '有'],
    ]);
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '单位名单.xlsx', mimeType: XLSX, buffer: good });
    await page
      .getByRole('status')
      .filter({ hasText: '检查通过：共 3 个单位，其中新增 2 个、更新 1 个' })
      .waitFor();
    expect(await page.getByRole('table', { name: '错误' }).count()).toBe(0);
    expect(await storedCodes()).toEqual(['A', 'B']);
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入 3 个单位').waitFor();
    await expect
      .poll(() => rows('被考核单位'))
      .toEqual([
        ['A', '单位 A', 'c1', '否'],
        ['B', '单位 B（更名）', 'c1', '是'],
        ['C', '市民政局', '公共服务', '是'],
        ['D', '市档案馆', '公共服务', '否'],
      ]);
    expect(await storedCodes()).toEqual(['A', 'B', 'C', 'D']);
    await screenshot(page, 'setup-units', { fullPage: true });
  });
});
