/**
 * The 报告 page in a real browser against a real server and job runner, on the demo assessment
 * analysed by `kaoping analyze`: 生成报告 followed live to 100% (also after leaving the page and
 * coming back), one row per agency plus the overall report (the agencies counted through the
 * API), one .docx downloaded that names its agency, the zip with every file; then, after an
 * admin publishes that snapshot, an agency viewer downloads its own report from the portal, and
 * another agency's file is refused.
 */
import fs from 'node:fs';
import JSZip from 'jszip';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertJob } from '../../src/db/repos/jobs.js';
import { findSoffice } from '../../src/services/reports/pdf.js';
import type { Job } from '../../src/shared/api/jobs.js';
import type { ReportFileList } from '../../src/shared/api/reports.js';
import { asSession, makeUser, signIn, type Signed } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import { analyze, loadDemo, signInPage, startServer, type TestServer } from './demo-server.js';

requireChromium('reports');

interface Unit {
  code: string;
  name: string;
}

/** the text of word/document.xml of a downloaded .docx, tags removed */
async function docxText(d: Download): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(await d.path()));
  const xml = await zip.file('word/document.xml')!.async('string');
  return xml.replace(/<[^>]+>/g, '');
}

describe.skipIf(!haveChromium)('reports page in Chromium', () => {
  let server: TestServer;
  let b: Browser;
  let id = '';
  let units: Unit[] = [];
  let admin: Signed;

  const api = async <T>(url: string, method: 'GET' | 'POST' = 'GET') => {
    const r = await server.app.inject({ method, url, headers: asSession(admin, method) });
    expect(r.statusCode, r.body).toBeLessThan(300);
    return r.json<T>();
  };

  beforeAll(async () => {
    server = await startServer({ eventsPollMs: 100, jobs: { pollMs: 100 } }, async (t) => {
      id = await loadDemo(t);
      await analyze(t, id, 50);
      await makeUser(t, 'zhang', 'admin');
    });
    admin = await signIn(server.app, 'zhang');
    units = (await api<{ units: Unit[] }>(`/api/v1/assessments/${id}`)).units;
    b = await launch();
  }, 120_000);
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  const progressText = () => b.page.getByTestId('reports-progress').innerText();

  it('opens 报告 from the assessments table, with no reports yet', async () => {
    const page = b.page;
    await signInPage(page, server.base, 'zhang');
    await page.getByRole('heading', { name: '考评项目' }).waitFor();
    await page.getByRole('row').filter({ hasText: id }).getByRole('link', { name: '报告' }).click();
    await page.getByRole('heading', { name: '报告' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/assessments/${id}/reports`);
    await page.getByText('尚未生成报告').waitFor();
    // the PDF choice is offered, with its warning, exactly when the server has LibreOffice
    if (findSoffice()) {
      await page.getByText('同时生成 PDF').waitFor();
      await page.getByText(/可能需要几分钟/).waitFor();
    } else {
      await page.getByTestId('reports-generate').waitFor();
      expect(await page.getByText('同时生成 PDF').count()).toBe(0);
    }
  });

  it('generates the reports, followed live to 100%, also after leaving the page', async () => {
    const page = b.page;
    await page.getByTestId('reports-generate').click();
    await page
      .getByTestId('reports-progress')
      .getByText(/正在生成报告（任务 #\d+）/)
      .waitFor();
    const seen = new Set<number>();
    const percent = async () => {
      const m = /(\d+)%/.exec(await progressText());
      if (m) seen.add(Number(m[1]));
    };
    const job = /任务 #(\d+)/.exec(await progressText())![1]!;
    // leave the page while it runs and come back: the job is in the database and followed again
    await expect
      .poll(async () => (await percent(), Math.max(0, ...seen)), { timeout: 60_000, interval: 200 })
      .toBeGreaterThan(0);
    await page.goto(`${server.base}/assessments`);
    await page.getByRole('heading', { name: '考评项目' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: '报告' }).waitFor();
    await page.getByTestId('reports-progress').getByText(`任务 #${job}`).waitFor();
    await expect
      .poll(
        async () => {
          await percent();
          return progressText();
        },
        { timeout: 180_000, interval: 200 },
      )
      .toMatch(/报告已生成（任务 #\d+，.*共 \d+ 个文件）/);
    expect(await progressText()).toContain('100%');
    expect(
      [...seen].some((p) => p > 0 && p < 100),
      `progress seen: ${[...seen].join(',')}`,
    ).toBe(true);
  }, 240_000);

  it('lists one .docx per agency plus the overall report, from the latest snapshot', async () => {
    const page = b.page;
    const expected = units.length + 1;
    await page.getByText(`共 ${expected} 条`).waitFor();
    const { files } = await api<ReportFileList>(`/api/v1/assessments/${id}/reports`);
    expect(files).toHaveLength(expected);
    const snaps = await api<{ snapshots: { id: number }[] }>(`/api/v1/assessments/${id}/snapshots`);
    const sid = snaps.snapshots[0]!.id;
    expect(new Set(files.map((f) => f.snapshotId))).toEqual(new Set([sid]));
    await page.getByTestId('reports-snapshot').getByText(`现有报告来自结果快照 #${sid}`).waitFor();
    await page.getByText('数据在此后没有变化，报告是最新的。').waitFor();
    await page.getByText('结果尚未发布').waitFor();
    await page.getByRole('row').filter({ hasText: '总体报告' }).waitFor();
    await screenshot(page, 'console-reports', { fullPage: true });
  });

  it('downloads one agency report that names its agency', async () => {
    const page = b.page;
    const u = units[Math.floor(units.length / 2)]!;
    await page.getByLabel('搜索单位代码或名称').fill(u.code);
    const row = page.getByRole('row').filter({ hasText: u.name });
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(1);
    const [d] = await Promise.all([
      page.waitForEvent('download'),
      row.getByTestId('report-download').click(),
    ]);
    expect(d.suggestedFilename()).toBe(`${u.code}.docx`);
    expect(await docxText(d)).toContain(u.name);
    await page.getByLabel('搜索单位代码或名称').fill('');
  });

  it('downloads every file as one zip', async () => {
    const page = b.page;
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('reports-zip').click()]);
    const zip = await JSZip.loadAsync(fs.readFileSync(await d.path()));
    const names = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name);
    expect(names).toHaveLength(units.length + 1);
    expect(names).toContain('overall.docx');
    for (const u of units) expect(names).toContain(`agencies/${u.code}.docx`);
  });

  it('lets an agency viewer download its own report after publication, and no other', async () => {
    const { files } = await api<ReportFileList>(`/api/v1/assessments/${id}/reports`);
    const sid = files[0]!.snapshotId;
    await api(`/api/v1/assessments/${id}/snapshots/${sid}/publish`, 'POST');
    const own = units[0]!;
    const other = files.find((f) => f.unitCode !== null && f.unitCode !== own.code)!;
    const overall = files.find((f) => f.unitCode === null)!;
    await makeUser(server.t, 'viewer-r', 'agency', { unit: own.code });
    const v = await launch();
    try {
      const page = v.page;
      await signInPage(page, server.base, 'viewer-r');
      await page.getByRole('heading', { name: '本单位结果' }).waitFor();
      await page.goto(`${server.base}/portal/${id}/units/${own.code}`);
      await page.getByTestId('portal-published').waitFor();
      const link = page.getByTestId('portal-report');
      await link.getByText('下载本单位报告').waitFor();
      const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
      expect(await docxText(d)).toContain(own.name);
      await screenshot(page, 'portal-report');
      const status = (file: number) =>
        page.evaluate(
          async (url) => (await fetch(url, { credentials: 'same-origin' })).status,
          `/api/v1/assessments/${id}/reports/${file}`,
        );
      expect([403, 404]).toContain(await status(other.id));
      expect([403, 404]).toContain(await status(overall.id));
      expect(
        await page.evaluate(
          async (url) => (await fetch(url, { credentials: 'same-origin' })).status,
          `/api/v1/assessments/${id}/reports.zip`,
        ),
      ).toBe(403);
    } finally {
      await v.close();
    }
  });

  it('shows a failed job with its error and what to do, on opening the page', async () => {
    // bad parameters stored past the API's validation: the runner takes the job and it fails
    const row = await insertJob(server.t.handle.db, {
      kind: 'report',
      assessmentId: id,
      params: JSON.stringify({ pdf: 'yes' }),
      createdBy: 'zhang',
      createdAt: new Date().toISOString(),
    });
    await expect
      .poll(async () => (await api<Job>(`/api/v1/assessments/${id}/jobs/${row.id}`)).status, {
        timeout: 30_000,
      })
      .toBe('failed');
    const page = b.page;
    await page.goto(`${server.base}/assessments/${id}/reports`);
    const failed = page.getByTestId('reports-failed');
    await failed.getByText(`报告生成失败（任务 #${row.id}）`).waitFor();
    await failed.getByText(/expected true or false/).waitFor();
    await failed.getByText(/然后点“重试”/).waitFor();
    await failed.getByRole('button', { name: '重试' }).waitFor();
    // the files made before are still listed
    await page.getByText(`共 ${units.length + 1} 条`).waitFor();
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await page.getByRole('button', { name: 'Generate reports' }).waitFor();
    await page.getByText(`Report generation failed (job #${row.id})`).waitFor();
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
  });
});
