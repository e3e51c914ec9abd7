/**
 * 绩效目标 in a real browser against a real server: the seed form on screen with its targets
 * against live actuals from a results snapshot (met rows green, unmet red), the self-evaluation
 * beside it; an expenditure added and deleted (the delete asks first) and budget execution
 * following; a qualitative indicator judged by hand; the Excel download.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUZHOU_2021_TARGETS } from '../../src/core/demo/demo-targets.js';
import { storeSnapshot } from '../../src/services/results/store.js';
import { inputsFingerprint } from '../../src/services/results/fingerprint.js';
import { saveSheet } from '../../src/services/targets/targets.js';
import type { TargetSheet } from '../../src/core/targets.js';
import { makeAssessments, makeUser } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import { signInPage, startServer, type TestServer } from './demo-server.js';

requireChromium('targets');

const SUMMARY: [string, number][] = [
  ['responses_valid', 9400],
  ['valid_phone', 4500],
  ['valid_intercept', 480],
  ['valid_online', 712],
  ['valid_peer', 3700],
  ['units_surveyed', 89],
  ['overall_satisfaction_rate', 0.93],
  ['firm_satisfaction_rate', 0.95],
];

describe.skipIf(!haveChromium)('绩效目标 in Chromium', () => {
  let server: TestServer;
  let b: Browser;
  const expenditures = () =>
    server.t.handle.db
      .selectFrom('target_expenditures')
      .selectAll()
      .where('assessment_id', '=', 'a1')
      .execute();

  beforeAll(async () => {
    server = await startServer({}, async (t) => {
      await makeAssessments(t);
      await makeUser(t, 'li', 'analyst');
      const ctx = { handle: t.handle, actor: 'test', now: () => new Date() };
      await saveSheet(ctx, 'a1', { ...(SUZHOU_2021_TARGETS as object), expenditures: [] }, 'test');
      await storeSnapshot(t.handle.db, {
        assessmentId: 'a1',
        actor: 'test',
        now: new Date(),
        fingerprint: await inputsFingerprint(t.handle.db, 'a1'),
        params: { replicates: 0, seed: 1 },
        tables: [
          {
            name: 'summary',
            columns: ['metric', 'value'],
            nRows: SUMMARY.length,
            rowsAt: (x, y) => SUMMARY.slice(x, y),
          },
        ],
      });
    });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  const row = (name: string) => b.page.locator(`tr[data-indicator="${name}"]`);

  it('shows the form with targets against live actuals, green when met, and the self-evaluation', async () => {
    const page = b.page;
    await page.setViewportSize({ width: 1500, height: 1000 });
    await signInPage(page, server.base, 'li');
    await page
      .getByRole('row', { name: /考评 a1/ })
      .getByRole('link', { name: '绩效目标' })
      .click();
    await page.getByRole('heading', { name: '苏州市级财政支出项目绩效目标申报表' }).waitFor();
    await expect.poll(() => row('电话回访人次').getAttribute('data-achieved')).toBe('true');
    expect(await row('电话回访人次').innerText()).toContain('4500人次');
    expect(await row('随机截访人次').getAttribute('data-achieved')).toBe('false');
    expect(await row('提升满意度').innerText()).toContain('93%');
    // no Word report generated yet: no agency has used its results
    expect(await row('结果运用').getAttribute('data-achieved')).toBe('false');
    const bg = await row('电话回访人次').evaluate(
      (el) => (el as unknown as { style: { backgroundColor: string } }).style.backgroundColor,
    );
    expect(bg).toBe('rgb(246, 255, 237)');
    const card = page.getByLabel('绩效自评');
    await expect.poll(() => card.innerText()).toContain('结果快照 #');
    expect(await card.innerText()).toContain('无指标，不计入');
  });

  it('adds an expenditure, and deletes it only after confirming', async () => {
    const page = b.page;
    const form = page.getByRole('region', { name: '支出记录' });
    const date = form.getByRole('textbox', { name: /日期/ });
    await date.click();
    await date.fill('2021-06-01');
    await date.press('Enter');
    await form.getByRole('combobox', { name: /子项目名称/ }).click();
    await page.getByTitle('绩效管理工作调查', { exact: true }).click();
    await form.getByRole('spinbutton', { name: /金额/ }).fill('9.5');
    await form.getByRole('textbox', { name: /备注/ }).fill('首期款');
    await form.getByRole('button', { name: '记一笔支出' }).click();
    await expect.poll(async () => (await expenditures()).length).toBe(1);
    await expect.poll(() => form.innerText()).toContain('预算执行率 50%');
    await expect.poll(() => row('预算执行率').innerText()).toContain('50%');
    await screenshot(page, 'console-targets', { fullPage: true });
    await form.getByRole('button', { name: '删除' }).click();
    await page.getByRole('button', { name: '取消' }).click();
    expect(await expenditures()).toHaveLength(1);
    await form.getByRole('button', { name: '删除' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '删除' }).click();
    await expect.poll(async () => (await expenditures()).length).toBe(0);
  });

  it('judges a qualitative indicator by hand with a reason', async () => {
    const page = b.page;
    await row('财务制度健全性').getByRole('button', { name: '评定' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('实际值（文字）').fill('健全');
    await dialog.getByLabel('评定理由（必填）').fill('制度齐全');
    await dialog.getByRole('button', { name: '保存评定' }).click();
    await expect.poll(() => row('财务制度健全性').getAttribute('data-achieved')).toBe('true');
    const stored = await server.t.handle.db.selectFrom('target_judgements').selectAll().execute();
    expect(stored.map((j) => [j.indicator, j.achieved, j.score, j.reason])).toEqual([
      ['财务制度健全性', 1, 1, '制度齐全'],
    ]);
  });

  const dialog = () => b.page.getByRole('dialog', { name: '编辑绩效目标申报表' });
  const confirmSave = async () => {
    await dialog().getByRole('button', { name: '保存申报表' }).click();
    await b.page.locator('.ant-modal-confirm').getByRole('button', { name: '保存申报表' }).click();
  };
  const indexOf = (name: string) =>
    (SUZHOU_2021_TARGETS as TargetSheet).indicators.findIndex((i) => i.name === name);
  const storedSheet = async () =>
    JSON.parse(
      (await server.t.handle.db.selectFrom('target_sheets').select('sheet').executeTakeFirstOrThrow()).sheet,
    ) as TargetSheet;

  it('edits the sheet in the form: a refused value is named and marked, a good edit is saved', async () => {
    const page = b.page;
    const sat = indexOf('提升满意度');
    const phone = indexOf('电话回访人次');
    await page.getByRole('button', { name: '编辑申报表' }).click();
    await dialog().getByRole('tab', { name: '资金' }).click();
    await dialog().getByRole('spinbutton', { name: '子项目预算 1', exact: true }).fill('12');
    await dialog().getByRole('tab', { name: '绩效指标' }).click();
    // a share is typed as percent: 90% shows as 90
    const satTarget = dialog().getByRole('spinbutton', { name: `目标值 ${sat + 1}`, exact: true });
    expect(await satTarget.inputValue()).toBe('90');
    await satTarget.fill('95');
    // a quantitative target left empty: the server refuses and names the field
    await dialog()
      .getByRole('spinbutton', { name: `目标值 ${phone + 1}`, exact: true })
      .fill('');
    await confirmSave();
    const field = `indicators.${phone}.target`;
    await dialog().getByText(`字段 ${field} 有误`).waitFor();
    expect(await dialog().locator(`[data-field="${field}"]`).count()).toBe(1);
    await expect
      .poll(() =>
        dialog().locator('.ant-input-number-status-error').locator(`[data-field="${field}"]`).count(),
      )
      .toBe(1);
    await screenshot(page, 'console-targets-editor');
    expect((await storedSheet()).indicators[phone]!.target).toBe(4450);
    // fixed, saved, and still there after a reload
    await dialog()
      .getByRole('spinbutton', { name: `目标值 ${phone + 1}`, exact: true })
      .fill('4450');
    await confirmSave();
    await dialog().waitFor({ state: 'detached' });
    const stored = await storedSheet();
    expect(stored.indicators[sat]!.target).toBe(0.95);
    expect(stored.project.subProjects[0]!.amount).toBe(12);
    await page.reload();
    // 93% against 95%: no longer met
    await expect.poll(() => row('提升满意度').getAttribute('data-achieved')).toBe('false');
    await page.getByRole('button', { name: '编辑申报表' }).click();
    await dialog().getByRole('tab', { name: '资金' }).click();
    expect(await dialog().getByRole('spinbutton', { name: '子项目预算 1', exact: true }).inputValue()).toBe(
      '12',
    );
    await dialog().getByRole('tab', { name: '绩效指标' }).click();
    expect(
      await dialog()
        .getByRole('spinbutton', { name: `目标值 ${sat + 1}`, exact: true })
        .inputValue(),
    ).toBe('95');
    // unchanged: closes without asking
    await dialog().getByRole('button', { name: '取消' }).click();
    await dialog().waitFor({ state: 'detached' });
  });

  it('warns before closing with unsaved changes', async () => {
    const page = b.page;
    await page.getByRole('button', { name: '编辑申报表' }).click();
    await dialog().getByLabel('项目负责人').fill('王五');
    await dialog().getByRole('button', { name: '取消' }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '放弃未保存的修改？' }).waitFor();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '取消' }).click();
    expect(await dialog().getByLabel('项目负责人').inputValue()).toBe('王五');
    await dialog().getByRole('button', { name: '取消' }).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: '放弃修改' }).click();
    await dialog().waitFor({ state: 'detached' });
    expect((await storedSheet()).project.manager).not.toBe('王五');
  });

  it('edits the sheet as JSON in the advanced tab: a bad field is named and nothing changes', async () => {
    const page = b.page;
    await page.getByRole('button', { name: '编辑申报表' }).click();
    await dialog().getByRole('tab', { name: '高级：JSON' }).click();
    const box = dialog().getByRole('textbox', { name: '编辑绩效目标申报表（JSON）' });
    const text = await box.inputValue();
    await box.fill(text.replace('"operator": ">="', '"operator": ">>"'));
    await confirmSave();
    await dialog()
      .getByText(/indicators\.0\.operator/)
      .first()
      .waitFor();
    const before = await server.t.handle.db
      .selectFrom('target_sheets')
      .select('sheet')
      .executeTakeFirstOrThrow();
    expect(before.sheet).toContain('统计调查工作经费');
    await box.fill(text.replace('"name": "统计调查工作经费"', '"name": "统计调查工作经费（修订）"'));
    await confirmSave();
    await page.getByRole('cell', { name: '统计调查工作经费（修订）' }).waitFor();
    expect(await row('财务制度健全性').getAttribute('data-achieved')).toBe('true');
  });

  it('downloads the self-evaluation workbook', async () => {
    const r = await b.page.request.get(
      `${server.base}/api/v1/assessments/a1/targets/files/self-evaluation.xlsx`,
    );
    expect(r.status()).toBe(200);
    expect((await r.body()).subarray(0, 2).toString()).toBe('PK');
  });
});
