/**
 * 导出 Excel on every table of every console page (UX.md: every list has search, sort,
 * pagination and 导出 Excel), in a real browser on the analysed demo assessment: each visible
 * table has a search box, pagination and one export button, and the downloaded .xlsx has the
 * table's headers and, row for row, the cells the table's first page shows. The snapshot pages
 * also offer the results workbook, whose sheets equal the run's CSV files cell by cell.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLUMNS, SHEETS } from '../../src/reports/result-headers.js';
import { createApiKey } from '../../src/services/accounts/accounts.js';
import { publishSnapshot } from '../../src/services/results/snapshots.js';
import { makeUser } from '../support/server.js';
import { haveChromium, launch, requireChromium, type Browser } from './browser.js';
import { analyze, loadDemo, signInPage, startServer, type TestServer } from './demo-server.js';
import { xlsxRows } from './xlsx-rows.js';

requireChromium('export buttons');

const AGENCY = 'U002';

describe.skipIf(!haveChromium)('导出 Excel on every console table in Chromium', () => {
  let server: TestServer;
  let b: Browser;
  let out = '';
  let id = '';
  let sid = 0;

  beforeAll(async () => {
    server = await startServer({ signInRateLimit: { max: 1000, timeWindowMs: 60_000 } }, async (t) => {
      id = await loadDemo(t);
      ({ out, sid } = await analyze(t, id, 20));
      await makeUser(t, 'zhang', 'admin');
      await makeUser(t, 'viewer', 'agency', { unit: AGENCY });
      await createApiKey(t.handle.db, 'analyst', id, 'zhang', new Date());
      await publishSnapshot({ handle: t.handle, now: () => new Date(), actor: 'zhang' }, id, sid);
    });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  const signInAs = async (name: string) => {
    const page = b.page;
    await page.context().clearCookies();
    await signInPage(page, server.base, name);
    await page.getByTestId('current-user').filter({ hasText: name }).waitFor();
  };

  const texts = async (l: Locator) => (await l.allInnerTexts()).map((s) => s.trim());

  /** Checks one table: search, pagination, one export button, and the download's content. */
  async function checkTable(page: Page, table: Locator, where: string): Promise<number> {
    await expect.poll(() => table.locator('.ant-spin-spinning').count(), { timeout: 20_000 }).toBe(0);
    expect(await table.getByRole('searchbox').count(), where).toBe(1);
    expect(await table.locator('.ant-pagination').count(), where).toBe(1);
    const button = table.getByTestId('table-export');
    expect(await button.count(), where).toBe(1);
    expect(await button.innerText(), where).toBe('导出 Excel');
    const heads = await texts(table.locator('thead th'));
    const shown = await Promise.all(
      (await table.locator('tbody tr.ant-table-row').all()).map((tr) => texts(tr.locator('td'))),
    );
    const download = page.waitForEvent('download');
    await button.click();
    const file = await download;
    expect(file.suggestedFilename(), where).toMatch(/\.xlsx$/);
    const [header, ...rows] = await xlsxRows(await file.path());
    // every exported column is a column of the table (row actions are not exported)
    const at = header!.map((h) => heads.indexOf(h));
    expect(at, `${where}: ${header!.join('|')} within ${heads.join('|')}`).not.toContain(-1);
    expect(rows.length, where).toBeGreaterThanOrEqual(shown.length);
    // a cell shown as several tags reads "a\nb" on the page and "a、b" in the file
    const plain = (v: string | undefined) => (v ?? '').replace(/[\s、]+/g, ' ').trim();
    shown.forEach((cells, i) => {
      expect(
        at.map((j) => plain(cells[j])),
        `${where} row ${i + 1}`,
      ).toEqual(rows[i]!.map(plain));
    });
    return shown.length;
  }

  /** Every visible table of the page at `url` passes checkTable; returns how many there are. */
  async function checkPage(url: string, ready: (p: Page) => Promise<void>): Promise<number> {
    const page = b.page;
    await page.goto(`${server.base}${url}`);
    await ready(page);
    const tables = page.locator('[data-testid=data-table]:visible');
    await tables.first().waitFor();
    const n = await tables.count();
    for (let i = 0; i < n; i++) await checkTable(page, tables.nth(i), `${url} table ${i + 1}`);
    return n;
  }

  const heading = (name: string) => (p: Page) => p.getByRole('heading', { name }).first().waitFor();

  it('checks every staff page: assessments, users, API keys, agencies', async () => {
    await signInAs('zhang');
    expect(await checkPage('/assessments', heading('考评项目'))).toBe(1);
    expect(await checkPage('/users', heading('用户管理'))).toBe(1);
    expect(await checkPage('/api-keys', heading('API 密钥'))).toBe(1);
    expect(await checkPage(`/assessments/${id}/units`, (p) => p.getByRole('cell').first().waitFor())).toBe(1);
  });

  it('checks the results pages (every tab of the ranking), an agency page and data quality', async () => {
    expect(await checkPage(`/assessments/${id}/results`, heading('考评结果'))).toBeGreaterThan(0);
    const page = b.page;
    const tabs = await page.getByRole('tab').all();
    expect(tabs.length).toBeGreaterThan(1);
    for (const tab of tabs.slice(1)) {
      await tab.click();
      const table = page.locator('[role=tabpanel][aria-hidden=false] [data-testid=data-table]');
      await table.first().waitFor();
      await checkTable(page, table.first(), `results tab ${await tab.innerText()}`);
    }
    expect(
      await checkPage(`/assessments/${id}/units/${AGENCY}`, (p) => p.getByTestId('unit-composite').waitFor()),
    ).toBeGreaterThan(0);
    expect(await checkPage(`/assessments/${id}/quality`, heading('数据质量'))).toBeGreaterThan(0);
  });

  it('offers the whole snapshot as a workbook on every snapshot page', async () => {
    const page = b.page;
    for (const url of [
      `/assessments/${id}/results`,
      `/assessments/${id}/units/${AGENCY}`,
      `/assessments/${id}/quality`,
    ]) {
      await page.goto(`${server.base}${url}`);
      const button = page.getByTestId('snapshot-workbook');
      await button.waitFor();
      expect(await button.innerText()).toBe('下载结果工作簿 (Excel)');
    }
    const download = page.waitForEvent('download');
    await page.getByTestId('snapshot-workbook').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`考评结果-${id}-快照${sid}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await file.path()) as unknown as ArrayBuffer);
    // the demo's sheets equal the CSV files of the same run, cell by cell
    for (const { table, sheet } of SHEETS) {
      const ws = wb.getWorksheet(sheet)!;
      const csv: string[][] = parse(fs.readFileSync(path.join(out, `${table}.csv`), 'utf8'), { bom: true });
      const [header, ...lines] = csv;
      expect(ws.getRow(2).values, sheet).toEqual([undefined, ...header!]);
      expect(ws.rowCount - 2, sheet).toBe(lines.length);
      lines.forEach((line, i) => {
        const row = ws.getRow(i + 3);
        const got = header!.map((_, j) => row.getCell(j + 1).value ?? '');
        const want = line.map((v, j) =>
          v === '' || COLUMNS[header![j]!]!.format === 'text' ? v : Number(v),
        );
        expect(got, `${sheet} row ${i + 3}`).toEqual(want);
      });
    }
  });

  it('checks the agency portal of a viewer', async () => {
    await signInAs('viewer');
    expect(await checkPage('/portal', heading('本单位结果'))).toBe(1);
    expect(
      await checkPage(`/portal/${id}/units/${AGENCY}`, (p) => p.getByRole('cell').first().waitFor()),
    ).toBeGreaterThan(0);
    // the snapshot workbook is staff's: a viewer's pages do not offer it
    expect(await b.page.getByTestId('snapshot-workbook').count()).toBe(0);
  });
});
