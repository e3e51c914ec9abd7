/**
 * Rectification (整改) in a real browser against a real server, on the demo assessment analysed
 * by `kaoping analyze`: the office drafts items from the suggestions (one title edited by hand)
 * before publication, when the agency viewer sees only the embargo; after publication the
 * viewer answers both items in the portal; the office returns one with a note and accepts the
 * other; the viewer reads the note and answers again; the office accepts. The audit log holds
 * every step with the item before and after.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, auditLog, makeUser, signIn } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, SCREENSHOTS, type Browser } from './browser.js';
import {
  analyze,
  loadDemo,
  publishLatest,
  signInPage,
  startServer,
  unitResults,
  type CsvRow,
  type TestServer,
} from './demo-server.js';

requireChromium('rectification');

const EDITED = '（办公室修改）';
const NOTE = '请写明高峰时段增开窗口的具体安排';

async function signInAs(page: Page, base: string, name: string): Promise<void> {
  await signInPage(page, base, name);
  await page.getByTestId('current-user').waitFor();
}

describe.skipIf(!haveChromium)('rectification in Chromium', () => {
  let server: TestServer;
  let office: Browser;
  let viewer: Browser;
  let id = '';
  let own: CsvRow;
  const titles: string[] = [];

  beforeAll(async () => {
    server = await startServer({ eventsPollMs: 100 }, async (t) => {
      id = await loadDemo(t);
      const units = unitResults((await analyze(t, id, 50)).out);
      // a ranked agency near the bottom: it has weak items to rectify
      own = units
        .filter((u) => u.rank_overall)
        .sort((x, y) => Number(y.rank_overall) - Number(x.rank_overall))[0]!;
      await makeUser(t, 'zhang', 'admin');
      await makeUser(t, 'viewer-a', 'agency', { unit: own.unit_code! });
    });
    office = await launch();
    viewer = await launch();
  });
  afterAll(async () => {
    await office?.close();
    await viewer?.close();
    await server?.stop();
  });

  const itemRow = (page: Page, title: string) => page.getByRole('row').filter({ hasText: title });
  const portalItem = (page: Page, title: string) =>
    page.getByTestId('portal-rect-item').filter({ hasText: title });

  it('the office drafts two items from the suggestions, editing one title', async () => {
    const page = office.page;
    await signInAs(page, server.base, 'zhang');
    await page.goto(`${server.base}/assessments/${id}/rectification`);
    await page.getByRole('heading', { name: '整改' }).waitFor();
    await page.getByLabel('搜索单位').fill(own.unit_name!);
    await page.getByRole('row').filter({ hasText: own.unit_name! }).first().click();
    await page.getByRole('button', { name: '生成建议' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('依据最新的分析结果（尚未发布）').waitFor();
    const cards = dialog.getByTestId('rect-suggestion');
    await cards.first().waitFor();
    const n = await cards.count();
    expect(n, 'suggestions for the agency').toBeGreaterThanOrEqual(2);
    // every suggestion is for the chosen agency and says why
    expect(await cards.filter({ hasText: own.unit_name! }).count()).toBe(n);
    for (let i = 2; i < n; i++) await cards.nth(i).getByRole('checkbox').uncheck();
    const first = cards.nth(0).getByLabel('整改事项');
    await first.fill(`${await first.inputValue()}${EDITED}`);
    titles.push(await first.inputValue(), await cards.nth(1).getByLabel('整改事项').inputValue());
    expect(await cards.nth(0).getByLabel('依据').inputValue()).toMatch(/得分 \d+\.\d{2}|出现 \d+ 次/);
    await dialog.getByRole('button', { name: '保存所选（2 条）' }).click();
    await page.getByText('已保存 2 条整改事项').waitFor();
    for (const title of titles) await itemRow(page, title).getByText('待反馈').waitFor();
  });

  it('the viewer sees the embargo and no items before publication, then answers both', async () => {
    const page = viewer.page;
    await signInAs(page, server.base, 'viewer-a');
    await page.goto(`${server.base}/portal/${id}/units/${own.unit_code}`);
    await page.getByTestId('portal-embargo').waitFor();
    expect(await page.getByTestId('portal-rectification').count()).toBe(0);
    // the API says the same
    const v = await signIn(server.app, 'viewer-a');
    const early = await server.app.inject({
      method: 'GET',
      url: `/api/v1/assessments/${id}/units/${own.unit_code}/rectification`,
      headers: asSession(v),
    });
    expect([early.statusCode, early.json<{ code: string }>().code]).toEqual([403, 'KP_EMBARGO']);

    await publishLatest(server.app, await signIn(server.app, 'zhang'), id);

    await page.reload();
    const section = page.getByTestId('portal-rectification');
    await section.getByText('共 2 项：待反馈 2，已反馈 0，已通过 0，退回 0').waitFor();
    for (const [i, title] of titles.entries()) {
      const card = portalItem(page, title);
      await card.getByText('待反馈').waitFor();
      await card.getByLabel('整改措施').fill(`措施 ${i + 1}：增设导办岗，高峰期增开窗口`);
      await card.getByLabel('完成时限').click();
      await card.getByLabel('完成时限').fill('2026-06-30');
      // leaving the field commits the typed date (Enter would also submit the form)
      await card.getByLabel('整改措施').click();
      expect(await card.getByLabel('完成时限').inputValue()).toBe('2026-06-30');
      await card.getByRole('button', { name: '提交反馈' }).click();
      await card.getByText('已反馈').waitFor();
    }
  });

  it('the office returns one answer with a note and accepts the other', async () => {
    const page = office.page;
    await page.reload();
    await itemRow(page, titles[0]!).getByText('措施 1：增设导办岗，高峰期增开窗口').waitFor();
    await itemRow(page, titles[0]!).getByRole('button', { name: '退回' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '退回' }).click();
    await dialog.getByText('退回时请写明需要补充或修改的内容').waitFor();
    await dialog.getByLabel('审核意见').fill(NOTE);
    await dialog.getByRole('button', { name: '退回' }).click();
    await itemRow(page, titles[0]!).getByText('退回', { exact: true }).first().waitFor();
    await itemRow(page, titles[1]!).getByRole('button', { name: '通过' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '通过' }).click();
    await itemRow(page, titles[1]!).getByText('已通过').waitFor();
    // an accepted item is closed: no edit, no delete
    expect(await itemRow(page, titles[1]!).getByRole('button', { name: '删除' }).count()).toBe(0);
    // the page as the office comes back to it: one returned, one accepted
    await page.reload();
    await itemRow(page, titles[0]!).getByText('退回', { exact: true }).first().waitFor();
    await screenshot(page, 'console-rectification', { fullPage: true });
  });

  it('the viewer reads the note, answers again, and the office accepts', async () => {
    const page = viewer.page;
    await page.reload();
    const card = portalItem(page, titles[0]!);
    await card.getByText(`退回意见：${NOTE}`).waitFor();
    await card.getByLabel('整改措施').fill('工作日 9–11 时增开两个窗口，设导办岗一名');
    await card.getByRole('button', { name: '修改后重新提交' }).click();
    await card.getByText('已反馈').waitFor();
    await card.getByText(`上次退回意见：${NOTE}`).waitFor();
    await portalItem(page, titles[1]!).getByText('已通过审核').waitFor();
    // the page as the viewer comes back to it (no toast over it)
    await page.reload();
    await portalItem(page, titles[0]!).getByText('已反馈').waitFor();
    await page.getByTestId('portal-rectification').scrollIntoViewIfNeeded();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page
      .getByTestId('portal-rectification')
      .screenshot({ path: path.join(SCREENSHOTS, 'portal-rectification.png'), animations: 'disabled' });

    const o = office.page;
    await o.reload();
    await itemRow(o, titles[0]!).getByText('工作日 9–11 时增开两个窗口，设导办岗一名').waitFor();
    await itemRow(o, titles[0]!).getByRole('button', { name: '通过' }).click();
    await o.getByRole('dialog').getByLabel('审核意见').fill('同意');
    await o.getByRole('dialog').getByRole('button', { name: '通过' }).click();
    await itemRow(o, titles[0]!).getByText('已通过').waitFor();
    // the status per agency: the agency with items comes first, 2 accepted
    const summaryRow = o.getByRole('row').filter({ hasText: own.unit_name! }).first();
    expect((await summaryRow.getByRole('cell').allInnerTexts()).slice(0, 7)).toEqual([
      own.unit_code,
      own.unit_name,
      '2',
      '0',
      '0',
      '2',
      '0',
    ]);

    // in English too
    await o.getByRole('button', { name: '切换到英文界面' }).click();
    await o.getByRole('heading', { name: 'Rectification' }).waitFor();
    await itemRow(o, titles[0]!).getByText('Accepted').waitFor();
    await o.getByRole('button', { name: 'Suggest' }).waitFor();
    await o.getByRole('button', { name: 'Switch to Chinese' }).click();
    await o.getByRole('heading', { name: '整改' }).waitFor();

    // the audit log: each step, by whom, with the status before and after
    const log = (await auditLog(server.t)).filter(
      (r) => r.action.startsWith('rectification.') && r.action !== 'rectification.suggest',
    );
    const st = (x: unknown) => (x === null ? null : (x as { status: string }).status);
    expect(log.map((r) => [r.action, r.actor, st(r.details.before), st(r.details.after)])).toEqual([
      ['rectification.create', 'zhang', null, 'open'],
      ['rectification.create', 'zhang', null, 'open'],
      ['rectification.answer', 'viewer-a', 'open', 'answered'],
      ['rectification.answer', 'viewer-a', 'open', 'answered'],
      ['rectification.return', 'zhang', 'answered', 'returned'],
      ['rectification.accept', 'zhang', 'answered', 'accepted'],
      ['rectification.answer', 'viewer-a', 'returned', 'answered'],
      ['rectification.accept', 'zhang', 'answered', 'accepted'],
    ]);
  });
});
