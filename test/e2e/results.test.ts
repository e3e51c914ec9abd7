/**
 * The results pages in a real browser against a real server, on the demo assessment analysed by
 * `kaoping analyze` (which also stores the snapshot the pages read): the ranking's composite,
 * rank and grade of every agency equal that run's unit_results.csv; the category tabs; an
 * agency page; the data quality page and its drill-down; publication after a confirmation;
 * the stale warning after new data and a re-analysis followed live to its new snapshot. On
 * SQLite and on PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { ENGINES, engineReachable } from '../support/databases.js';
import { loadSmall, SMALL_ID } from '../support/results.js';
import { makeUser } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import {
  analyze,
  loadDemo,
  signInPage,
  startServer,
  unitResults,
  type CsvRow,
  type TestServer,
} from './demo-server.js';
import { xlsxRows } from './xlsx-rows.js';

requireChromium('results');

// both engines: the pages must show the same numbers whichever database holds the snapshot
for (const engine of ENGINES)
  describe.skipIf(!haveChromium || !(await engineReachable(engine)))(
    `results pages in Chromium (${engine})`,
    () => {
      let server: TestServer;
      let b: Browser;
      let out = '';
      let id = '';
      let units: CsvRow[] = [];

      beforeAll(async () => {
        server = await startServer({ engine, eventsPollMs: 100, jobs: { pollMs: 100 } }, async (t) => {
          id = await loadDemo(t);
          ({ out } = await analyze(t, id, 50));
          units = unitResults(out);
          await makeUser(t, 'zhang', 'admin');
        });
        b = await launch();
      });
      afterAll(async () => {
        await b?.close();
        await server?.stop();
      });

      /** the cells of the rows of the visible tab's table, as text */
      const tableCells = async () =>
        (
          await b.page
            .locator('[role=tabpanel][aria-hidden=false] .ant-table-tbody tr.ant-table-row')
            .allInnerTexts()
        ).map((row) => row.split('\t').map((c) => c.trim()));

      const showAllRows = async () => {
        const page = b.page;
        await page.locator('[role=tabpanel][aria-hidden=false] .ant-pagination-options .ant-select').click();
        await page.locator('.ant-select-item-option', { hasText: '100 条/页' }).click();
      };

      it('signs in and opens the results from the assessments table', async () => {
        const page = b.page;
        await signInPage(page, server.base, 'zhang');
        await page.getByRole('heading', { name: '考评项目' }).waitFor();
        await page.getByRole('row').filter({ hasText: id }).getByRole('link', { name: '结果' }).click();
        await page.getByRole('heading', { name: '考评结果' }).waitFor();
        expect(new URL(page.url()).pathname).toBe(`/assessments/${id}/results`);
        await page
          .getByTestId('snapshot-age')
          .filter({ hasText: /生成于 \d{4}年\d{1,2}月\d{1,2}日 \d\d:\d\d，刚刚生成/ })
          .waitFor();
        await page.getByTestId('published-tag').filter({ hasText: '未发布' }).waitFor();
        await page.getByTestId('ranking-chart').locator('svg').waitFor();
        await screenshot(page, 'results-ranking');
      });

      it("shows every agency's composite (2 decimals), rank and grade exactly as unit_results.csv", async () => {
        await showAllRows();
        await expect.poll(async () => (await tableCells()).length).toBe(units.length);
        const shown = new Map((await tableCells()).map((c) => [c[1], c]));
        for (const u of units) {
          const row = shown.get(u.unit_name);
          expect(row, u.unit_name).toBeDefined();
          // rank, agency, category, composite, 95% CI, …
          expect(row![0], u.unit_name).toBe(u.rank_overall);
          expect(row![2], u.unit_name).toBe(u.category);
          expect(row![3], u.unit_name).toBe(u.composite ? Number(u.composite).toFixed(2) : '—');
          expect(row![4], u.unit_name).toBe(
            u.ci_low ? `${Number(u.ci_low).toFixed(2)}–${Number(u.ci_high).toFixed(2)}` : '—',
          );
          expect(row!.at(-1), u.unit_name).toBe(u.grade);
        }
        // the rank interval is on the chart as a label: 第3名（2–6）
        const first = units.find((u) => u.rank_overall === '1')!;
        const chart = b.page.getByTestId('ranking-chart');
        await chart.getByText(new RegExp(`^第1名（1–\\d+） · ${first.grade}$`)).waitFor();
        expect(await chart.getAttribute('aria-label')).toContain('95% 置信区间');
      });

      it('ranks within a category on its tab, exportable', async () => {
        const page = b.page;
        const category = units[0]!.category!;
        await page.getByRole('tab', { name: category }).click();
        const inCategory = units.filter((u) => u.category === category);
        await expect.poll(async () => (await tableCells()).length).toBe(Math.min(20, inCategory.length));
        const cells = await tableCells();
        const best = inCategory.find((u) => u.rank_in_category === '1')!;
        expect(cells[0]!.slice(0, 3)).toEqual(['1', best.unit_name, Number(best.composite).toFixed(2)]);
        await page
          .locator('[role=tabpanel][aria-hidden=false]')
          .getByTestId('ranking-chart')
          .getByText(new RegExp(`^第1名 · 总第${best.rank_overall}名（\\d+–\\d+） · ${best.grade}$`))
          .waitFor();
        await screenshot(page, 'results-category');
        const download = page.waitForEvent('download');
        await page
          .locator('[role=tabpanel][aria-hidden=false]')
          .getByRole('button', { name: '导出 Excel' })
          .click();
        const file = await download;
        expect(file.suggestedFilename()).toBe(`考评结果-${category}.xlsx`);
        const rows = await xlsxRows(await file.path());
        expect(rows[1]!.slice(0, 3)).toEqual(['1', best.unit_name, Number(best.composite).toFixed(2)]);
      });

      it('opens an agency page: group scores, item diagnostics, keywords', async () => {
        const page = b.page;
        const u = units.find((x) => x.unit_code === 'U002')!;
        await page.getByRole('tab', { name: '总排名' }).click();
        await page.locator('[role=tabpanel][aria-hidden=false]').getByRole('searchbox').fill(u.unit_name!);
        await page
          .locator('[role=tabpanel][aria-hidden=false]')
          .getByRole('link', { name: u.unit_name })
          .click();
        await page.getByRole('heading', { name: u.unit_name }).waitFor();
        expect(new URL(page.url()).pathname).toBe(`/assessments/${id}/units/U002`);
        await page
          .getByTestId('unit-composite')
          .filter({ hasText: Number(u.composite).toFixed(2) })
          .waitFor();
        await page.getByTestId('groups-chart').locator('svg').waitFor();
        await page
          .getByTestId('items-chart')
          .getByText(/^[-+]\d+\.\d\d$/)
          .first()
          .waitFor();
        await page.getByTestId('keywords-chart').locator('svg').waitFor();
        await page.getByRole('columnheader', { name: '全部单位平均' }).waitFor();
        await screenshot(page, 'results-unit');
        await screenshot(page, 'results-unit-full', { fullPage: true });
      });

      it('shows data quality: invalid responses by reason, and why one is invalid', async () => {
        const page = b.page;
        await page.goto(`${server.base}/assessments/${id}/quality`);
        await page.getByRole('heading', { name: '数据质量' }).waitFor();
        const validity: CsvRow[] = parse(fs.readFileSync(path.join(out, 'response_validity.csv'), 'utf8'), {
          bom: true,
          columns: true,
        });
        const invalid = validity.filter((v) => v.valid === '0');
        await page.getByText(`共 ${invalid.length} 条`).waitFor();
        await page.getByText(validity.length.toLocaleString('zh-CN')).first().waitFor();
        await screenshot(page, 'quality', { fullPage: true });
        const tooFast = invalid.find((v) => v.reasons === 'too_fast')!;
        await page.getByRole('searchbox', { name: '搜索答卷编号或原因' }).fill(tooFast.response_id!);
        await page
          .getByRole('row')
          .filter({ hasText: tooFast.response_id })
          .getByRole('link', { name: '查看原因' })
          .click();
        const drawer = page.getByRole('dialog');
        await drawer.getByText('答题时长低于该渠道的最短时长', { exact: false }).waitFor();
        await screenshot(page, 'quality-drawer');
        await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByLabel('Close')).first().click();
      });

      it('publishes the snapshot only after a confirmation', async () => {
        const page = b.page;
        await page.goto(`${server.base}/assessments/${id}/results`);
        await page.getByTestId('published-tag').filter({ hasText: '未发布' }).waitFor();
        await page.getByRole('button', { name: '发布', exact: true }).click();
        const confirm = page.getByRole('tooltip').filter({ hasText: '发布会记入审计日志' });
        await confirm.waitFor();
        await screenshot(page, 'results-publish-confirm');
        await confirm.getByRole('button', { name: '发布' }).click();
        await page.getByTestId('published-tag').filter({ hasText: '已发布' }).waitFor();
        expect(await page.getByRole('button', { name: '发布', exact: true }).count()).toBe(0);
      });

      it('warns when newer data exists, and re-analyses live to a new snapshot', async () => {
        const page = b.page;
        const scores = path.join(out, 'late-score.csv');
        fs.writeFileSync(scores, 'unit_code,daily,bonus\nU001,85.4,0\n');
        const r = await runCli(server.t.env, ['import', 'scores', scores, '--assessment', id]);
        expect(r.code, r.stderr).toBe(0);
        await page.reload();
        const stale = page.getByRole('alert').filter({ hasText: '有新数据，结果可能已过时' });
        await stale.waitFor();
        await screenshot(page, 'results-stale');
        await stale.getByRole('button', { name: '重新分析' }).click();
        await page.getByText('分析完成，已切换到新快照 #2').waitFor({ timeout: 60_000 });
        await expect.poll(() => new URL(page.url()).searchParams.get('snapshot')).toBe('2');
        await page.getByTestId('published-tag').filter({ hasText: '未发布' }).waitFor();
        await expect.poll(() => stale.count()).toBe(0);
        // snapshot 1 stays published: this one would be 重新发布
        await page.getByRole('button', { name: '重新发布' }).waitFor();
        await page.getByTestId('ranking-chart').locator('svg').waitFor();
        await screenshot(page, 'results-reanalysed');
      });

      it('has every label in English too', async () => {
        const page = b.page;
        await page.getByRole('button', { name: '切换到英文界面' }).click();
        await page.getByRole('heading', { name: 'Assessment results' }).waitFor();
        await page.getByRole('tab', { name: 'Overall' }).waitFor();
        await page.getByRole('columnheader', { name: 'Composite' }).waitFor();
        await page
          .getByTestId('ranking-chart')
          .getByText(/^#1 \(1–\d+\) · /)
          .waitFor();
        await screenshot(page, 'results-english');
        await page.getByRole('button', { name: 'Switch to Chinese' }).click();
        await page.getByRole('heading', { name: '考评结果' }).waitFor();
      });

      it('runs the first analysis of an assessment without results from the page', async () => {
        const page = b.page;
        await loadSmall(server.t);
        await page.goto(`${server.base}/assessments/${SMALL_ID}/results`);
        await page.getByText('还没有结果快照').waitFor();
        await page.getByRole('button', { name: '开始分析' }).click();
        await page.getByTestId('ranking-chart').locator('svg').waitFor({ timeout: 60_000 });
        // the small fixture: B has too few responses to be ranked, and is listed last
        const cells = await tableCells();
        expect(cells.map((c) => c.slice(0, 4))).toEqual([
          ['1', '市丙局', '社会', '90.00'],
          ['2', '市甲局', '经济', '75.00'],
          ['—', '市乙局', '经济', '—'],
        ]);
      });
    },
  );
