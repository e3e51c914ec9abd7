/**
 * The agency portal in a real browser against a real server, on the demo assessment analysed by
 * `kaoping analyze`: an agency viewer (kaoping user add --role agency) changes its one-time
 * password, sees a minimal menu and the embargo before publication; after an admin publishes
 * (through the API, with a session) it sees its own composite, rank and grade equal to its row
 * of unit_results.csv; another agency's page and the staff pages show the 403 screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastWord, runCli } from '../support/cli.js';
import { makeUser, signIn } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import {
  analyze,
  changeOneTimePassword,
  loadDemo,
  publishLatest,
  signInPage,
  startServer,
  unitResults,
  type CsvRow,
  type TestServer,
} from './demo-server.js';

requireChromium('portal');
const NEW_PASSWORD = 'Agency-viewer-2026';

describe.skipIf(!haveChromium)('agency portal in Chromium', () => {
  let server: TestServer;
  let b: Browser;
  let id = '';
  let own: CsvRow;
  let other: CsvRow;
  let oneTime = '';

  beforeAll(async () => {
    server = await startServer({ eventsPollMs: 100 }, async (t) => {
      id = await loadDemo(t);
      const units = unitResults((await analyze(t, id, 50)).out);
      // a ranked agency that is not first, so that its rank is not a trivial 1
      own = units.find((u) => u.rank_overall && u.rank_overall !== '1' && u.grade)!;
      other = units.find((u) => u.unit_code !== own.unit_code)!;
      expect(own, 'a ranked agency with a grade').toBeDefined();
      const viewer = await runCli(t.env, [
        'user',
        'add',
        'viewer-a',
        '--role',
        'agency',
        '--unit',
        own.unit_code!,
      ]);
      expect(viewer.code, viewer.stderr).toBe(0);
      oneTime = lastWord(viewer.stdout);
      await makeUser(t, 'zhang', 'admin');
    });
    b = await launch();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  const forbidden = async (url: string) => {
    const page = b.page;
    await page.goto(`${server.base}${url}`);
    await page.getByTestId('forbidden').getByText('无权访问').waitFor();
    await page.getByText('你的角色没有权限执行此操作').waitFor();
    expect(await page.getByTestId('unit-composite').count(), url).toBe(0);
  };

  it('signs the agency viewer in, forces the password change, and shows a minimal menu', async () => {
    const page = b.page;
    await signInPage(page, server.base, 'viewer-a', oneTime);
    await page.getByRole('heading', { name: '修改一次性密码' }).waitFor();
    await changeOneTimePassword(page, oneTime, NEW_PASSWORD);
    await page.getByRole('heading', { name: '本单位结果' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/portal');
    const menu = page.getByRole('navigation', { name: '主菜单' }).getByRole('menuitem');
    expect(await menu.allInnerTexts()).toEqual(['本单位结果']);
    await page.getByTestId('current-user').getByText('被考核单位').waitFor();
  });

  it('shows the embargo before publication', async () => {
    const page = b.page;
    await page.getByRole('link', { name: '查看本单位结果' }).first().click();
    await page
      .getByTestId('portal-embargo')
      .getByText('考评结果尚未发布，发布后可在此查看本单位的结果')
      .waitFor();
    expect(new URL(page.url()).pathname).toBe(`/portal/${id}/units/${own.unit_code}`);
    await page.getByRole('heading', { name: own.unit_name }).waitFor();
    expect(await page.getByTestId('unit-composite').count()).toBe(0);
    await screenshot(page, 'portal-embargo');
  });

  it('after an admin publishes, shows its own numbers exactly as its row of unit_results.csv', async () => {
    await publishLatest(server.app, await signIn(server.app, 'zhang'), id);

    const page = b.page;
    await page.reload();
    await page
      .getByTestId('portal-published')
      .getByText(/结果已于 \d{4}年\d{1,2}月\d{1,2}日 .*发布/)
      .waitFor();
    await page
      .getByTestId('unit-composite')
      .filter({ hasText: new RegExp(`^${Number(own.composite).toFixed(2)}$`) })
      .waitFor();
    expect(await page.getByTestId('unit-ci').innerText()).toBe(
      `${Number(own.ci_low).toFixed(2)}–${Number(own.ci_high).toFixed(2)}`,
    );
    expect(await page.getByTestId('unit-rank').innerText()).toMatch(
      new RegExp(`^第${own.rank_overall}名（\\d+–\\d+）$`),
    );
    expect((await page.getByTestId('unit-grade').innerText()).trim()).toBe(own.grade);
    await page.getByTestId('groups-chart').locator('svg').waitFor();
    await page.getByTestId('items-chart').locator('svg').waitFor();
    await page.getByTestId('keywords-chart').locator('svg').waitFor();
    // its items against the all-agency mean (an aggregate served with its view), as staff see them
    await page.getByRole('columnheader', { name: '全部单位平均' }).waitFor();
    await page
      .getByTestId('items-chart')
      .getByText(/^[-+]?\d+\.\d\d$/)
      .first()
      .waitFor();
    await page.getByTestId('keyword-examples').getByTestId('example-comment').first().waitFor();
    // never the ranking of the others
    expect(await page.getByText(other.unit_name!).count()).toBe(0);
    await screenshot(page, 'portal-unit');
    await screenshot(page, 'portal-unit-full', { fullPage: true });
  });

  it("shows the 403 screen for another agency's page and for the staff pages", async () => {
    await forbidden(`/portal/${id}/units/${other.unit_code}`);
    await forbidden(`/assessments/${id}/results`);
    await forbidden(`/assessments/${id}/units/${own.unit_code}`);
    await forbidden('/assessments');
    await screenshot(b.page, 'portal-forbidden');
  });

  it('has its labels in English too', async () => {
    const page = b.page;
    await page.goto(`${server.base}/portal/${id}/units/${own.unit_code}`);
    await page.getByTestId('portal-published').waitFor();
    await page.getByRole('button', { name: '切换到英文界面' }).click();
    await page
      .getByTestId('portal-published')
      .getByText(/^Results published on /)
      .waitFor();
    await page.getByRole('navigation').getByRole('menuitem', { name: 'Our results' }).waitFor();
    await page.getByRole('button', { name: 'Switch to Chinese' }).click();
    await page.getByRole('navigation').getByRole('menuitem', { name: '本单位结果' }).waitFor();
  });
});
