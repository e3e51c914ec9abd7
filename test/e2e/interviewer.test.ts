/**
 * An interviewer (访员) in a real browser, before and after publication: it sees the assessments
 * list with a note on where its workspace will be, no staff menu, and the 403 screen on the
 * results, quality, progress and portal pages; its session gets 403 from the results API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSession, makeUser, signIn } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import { analyze, loadDemo, publishLatest, signInPage, startServer, type TestServer } from './demo-server.js';

requireChromium('interviewer');

describe.skipIf(!haveChromium)('interviewer in Chromium', () => {
  let server: TestServer;
  let b: Browser;
  let id = '';

  beforeAll(async () => {
    server = await startServer({}, async (t) => {
      id = await loadDemo(t);
      await analyze(t, id, 20);
      await makeUser(t, 'li', 'interviewer');
      await makeUser(t, 'zhang', 'admin');
    });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  const denied = async () => {
    const page = b.page;
    for (const path of ['results', 'quality', 'progress', 'units/U001']) {
      await page.goto(`${server.base}/assessments/${id}/${path}`);
      await page.getByTestId('forbidden').getByText('无权访问').waitFor();
      expect(await page.getByTestId('ranking-chart').count(), path).toBe(0);
      expect(await page.getByTestId('unit-composite').count(), path).toBe(0);
    }
    const viewer = await signIn(server.app, 'li');
    for (const url of [
      `/api/v1/assessments/${id}/snapshots`,
      `/api/v1/assessments/${id}/results/published`,
      `/api/v1/assessments/${id}/snapshots/1/tables/unit_results`,
      `/api/v1/assessments/${id}/units/U001/results`,
      `/api/v1/assessments/${id}/progress`,
    ]) {
      const r = await server.app.inject({ method: 'GET', url, headers: asSession(viewer) });
      expect([url, r.statusCode]).toEqual([url, 403]);
    }
  };

  it('shows the list and the note, no staff menu, and the 403 screen elsewhere', async () => {
    const page = b.page;
    await signInPage(page, server.base, 'li');
    await page.getByRole('heading', { name: '考评项目' }).waitFor();
    await page.getByRole('cell', { name: id }).waitFor();
    await page.getByText('访员的工作台').waitFor();
    const menu = page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem');
    expect(await menu.allInnerTexts()).toEqual(['考评项目']);
    expect(await page.getByRole('link', { name: '结果' }).count()).toBe(0);
    await screenshot(page, 'console-interviewer');
    await denied();
  });

  it('is denied the results after publication too', async () => {
    await publishLatest(server.app, await signIn(server.app, 'zhang'), id);
    await denied();
  });
});
