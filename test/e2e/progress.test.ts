/**
 * 实施进度 in a real browser against a real server, on the demo assessment (89 agencies, its
 * quotas: phone 50 per agency, online 8 per agency, intercept 500 in total) analysed once for
 * the firm's rating: the four channels against their targets, the agencies table, and a
 * response POSTed over HTTP with an API key showing on the open page within 1.5 s, without a
 * reload (the page follows the server-sent progress stream).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessmentConfig } from '../../src/core/config.js';
import { loadConfig } from '../../src/db/repos/assessments.js';
import { createApiKey } from '../../src/services/accounts/accounts.js';
import { assessmentProgress } from '../../src/services/fieldwork/progress.js';
import type { Progress } from '../../src/shared/api/progress.js';
import { runCli } from '../support/cli.js';
import { makeUser } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import { analyze, loadDemo, signInPage, startServer, type TestServer } from './demo-server.js';

requireChromium('progress');

const zhCount = (n: number) => n.toLocaleString('zh-CN');

describe.skipIf(!haveChromium)('fieldwork progress in Chromium', () => {
  let server: TestServer;
  let b: Browser;
  let id = '';
  let key = '';
  let config: AssessmentConfig;
  let before: Progress;

  beforeAll(async () => {
    server = await startServer({}, async (t) => {
      id = await loadDemo(t);
      await analyze(t, id, 0);
      config = await loadConfig(t.handle.db, id);
      await makeUser(t, 'zhao', 'supervisor');
      key = await createApiKey(t.handle.db, 'analyst', id, 'test', new Date());
      before = await assessmentProgress({ handle: t.handle, now: () => new Date() }, id);
    });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  it('opens from the menu for a supervisor: four channels against their targets, the firm, the agencies', async () => {
    const page = b.page;
    await signInPage(page, server.base, 'zhao');
    // 考评项目 first: a progress bar per assessment, all channels' targets together
    const total = `${zhCount(before.total.towardTarget)} / ${zhCount(before.total.target!)}`;
    await page.getByRole('row').filter({ hasText: id }).getByText(total).waitFor();
    await screenshot(page, 'console-assessments-progress');
    await page.getByRole('menuitem', { name: '实施进度' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/assessments/${id}/progress`);
    await page.getByTestId('progress-live').filter({ hasText: '实时更新中' }).waitFor();
    const phone = before.channels.find((c) => c.channel === 'phone')!;
    expect(phone.target).toBe(50 * 89);
    expect(before.channels.find((c) => c.channel === 'online')!.target).toBe(8 * 89);
    expect(before.channels.find((c) => c.channel === 'intercept')!.target).toBe(500);
    expect(before.channels.find((c) => c.channel === 'peer')!.target).toBeNull();
    for (const [c, label] of [
      ['phone', '电话回访'],
      ['intercept', '现场截访'],
      ['online', '网络调查'],
      ['peer', '机关互评'],
    ] as const) {
      const ch = before.channels.find((x) => x.channel === c)!;
      const card = page.getByTestId(`progress-card-${c}`);
      await card.filter({ hasText: label }).waitFor();
      const text = ch.target === null ? zhCount(ch.stored) : `${zhCount(ch.stored)} / ${zhCount(ch.target)}`;
      await expect.poll(() => card.getByTestId(`progress-count-${c}`).innerText()).toBe(text);
    }
    const rate = before.firm!.satisfactionRate!;
    await page
      .getByTestId('progress-firm')
      .filter({ hasText: `${(rate * 100).toFixed(1)}%` })
      .waitFor();
    await page.getByText('尚未做有效性校验').waitFor();
    await page.getByRole('cell', { name: before.units[0]!.name, exact: true }).waitFor();
    await page.getByText('共 89 条').waitFor();
  });

  it('shows a response POSTed with an API key within 1.5 s of its storing, without a reload', async () => {
    const page = b.page;
    const unit = before.units[0]!;
    const items = config.items.filter((i) => i.type === 'rating' && i.groups.includes('service'));
    const body = {
      response_id: 'e2e-live-1',
      channel: 'phone',
      group: 'service',
      respondent_key: 'e2e-key-1',
      duration_s: 240,
      submitted_at: '2020-12-10T10:00:00+08:00',
      answers: items.map((i) => ({ target_unit: unit.code, item: i.code, value: 5 })),
    };
    const cell = page.getByRole('row').filter({ hasText: unit.name }).locator('[data-status]').first();
    const n0 = unit.cells.phone!.n;
    await expect.poll(() => cell.innerText()).toBe(`${zhCount(n0)} / 50`);
    const phone = page.getByTestId('progress-count-phone');
    const stored0 = before.channels.find((c) => c.channel === 'phone')!.stored;
    const t0 = Date.now();
    const r = await fetch(`${server.base}/api/v1/assessments/${id}/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(r.status, await r.clone().text()).toBe(201);
    const stored = Date.now();
    await expect
      .poll(() => phone.innerText(), { timeout: 1500, interval: 50 })
      .toBe(`${zhCount(stored0 + 1)} / ${zhCount(50 * 89)}`);
    const shown = Date.now();
    await expect.poll(() => cell.innerText(), { timeout: 500 }).toBe(`${zhCount(n0 + 1)} / 50`);
    console.log(`BENCH progress-live-e2e post_ms=${stored - t0} stored_to_page_ms=${shown - stored}`);
  });

  it('judges agencies by the pace of a schedule window set meanwhile, live, and sorts by a channel', async () => {
    const page = b.page;
    // mid-fieldwork: a higher phone quota and a window that is about nine tenths gone
    const day = (offset: number) =>
      new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const changed: AssessmentConfig = {
      ...config,
      quotas: { ...config.quotas, phone: { perUnit: 53 }, online: { perUnit: 20 } },
      schedule: { phone: { start: day(-18), end: day(1) }, online: { start: day(-18), end: day(1) } },
    };
    const file = path.join(server.t.tempDir('kaoping-e2e-config-'), 'config.json');
    fs.writeFileSync(file, JSON.stringify(changed));
    const r = await runCli(server.t.env, ['import', 'config', file]);
    expect(r.code, r.stderr).toBe(0);
    await expect
      .poll(() => page.getByTestId('progress-count-phone').innerText(), { timeout: 1500, interval: 50 })
      .toMatch(new RegExp(` / ${zhCount(53 * 89)}$`));
    const now = await assessmentProgress({ handle: server.t.handle, now: () => new Date() }, id);
    const statuses = new Set(now.units.map((u) => u.cells.phone!.status));
    expect(statuses.size).toBeGreaterThan(1); // the demo's agencies differ in pace
    // the fewest phone responses first: the agencies furthest behind
    await page.getByRole('columnheader', { name: /电话回访/ }).click();
    const lowest = [...now.units].sort((a, b) => a.cells.phone!.n - b.cells.phone!.n)[0]!;
    const first = page.locator('.ant-table-tbody tr.ant-table-row').first();
    await expect
      .poll(() => first.locator('[data-status]').first().innerText())
      .toBe(`${zhCount(lowest.cells.phone!.n)} / 53`);
    expect(await first.locator('[data-status]').first().getAttribute('data-status')).toBe(
      lowest.cells.phone!.status,
    );
    // away from the sorter's tooltip, and tall enough for a dozen agencies
    await page.mouse.move(0, 0);
    await page.setViewportSize({ width: 1280, height: 1360 });
    await screenshot(page, 'console-progress');
  });
});
