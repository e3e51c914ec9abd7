/**
 * The agency page's example comments and the data-quality drill-down's values in a real
 * browser against a real server, on the small fixture plus three responses about agency A
 * (one valid with HTML and a phone number in its comment, one too fast, one incomplete),
 * analysed by `kaoping analyze`: a click on a keyword shows its example comments, masked, the
 * HTML as text; the drawer of the too-fast response shows its duration and the minimum.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { loadSmall, SMALL_ID, tempFile } from '../support/results.js';
import { makeUser } from '../support/server.js';
import { haveChromium, launch, requireChromium, screenshot, type Browser } from './browser.js';
import { analyze, signInPage, startServer, type TestServer } from './demo-server.js';

requireChromium('unit-extras');

const HEAD =
  'response_id,channel,group,respondent_unit,respondent_key,target_unit,item,value,duration_s,submitted_at';
const AT = '2024-10-05T10:00:00+08:00';
const rows = (id: string, duration: number, comment: string, s2 = true) => [
  `${id},phone,service,,key-${id},A,S1,4,${duration},${AT}`,
  ...(s2 ? [`${id},phone,service,,key-${id},A,S2,4,${duration},${AT}`] : []),
  `${id},phone,service,,key-${id},A,C1,"${comment}",${duration},${AT}`,
];
const HTML_COMMENT = '窗口<b>太少</b><img src=x onerror=alert(1)>，排队，电话13912345678';

describe.skipIf(!haveChromium)('agency page extras in Chromium', () => {
  let server: TestServer;
  let b: Browser;

  beforeAll(async () => {
    server = await startServer({ eventsPollMs: 100 }, async (t) => {
      await loadSmall(t);
      const file = tempFile(
        'extra.csv',
        [
          HEAD,
          ...rows('cv', 200, HTML_COMMENT),
          ...rows('cfast', 10, '排队太快的答卷'),
          ...rows('cinc', 200, '排队缺题的答卷', false),
        ].join('\n'),
      );
      const imp = await runCli(t.env, ['import', 'responses', file, '--assessment', SMALL_ID]);
      expect(imp.stderr).toBe('');
      await analyze(t, SMALL_ID, 30);
      await makeUser(t, 'zhang', 'admin');
    });
    b = await launch();
    const page = b.page;
    await signInPage(page, server.base, 'zhang');
    await page.getByRole('heading', { name: '考评项目' }).waitFor();
  });
  afterAll(async () => {
    await b?.close();
    await server?.stop();
  });

  it('shows a keyword’s example comments on click: valid responses only, masked, HTML as text', async () => {
    const page = b.page;
    await page.goto(`${server.base}/assessments/${SMALL_ID}/units/A`);
    await page.getByRole('heading', { name: '市甲局' }).waitFor();
    const examples = page.getByTestId('keyword-examples');
    await examples.getByText('代表性意见（共 2 条可引用的意见）').waitFor();
    await examples.getByText('排队', { exact: true }).click();
    await examples.getByText('含“排队”的意见（共 2 条）').waitFor();
    const shown = examples.getByTestId('example-comment');
    await expect.poll(() => shown.count()).toBe(2);
    const texts = await shown.allInnerTexts();
    // the HTML is printed as text, the phone number masked; the invalid responses are not quoted
    expect(texts).toContain('窗口<b>太少</b><img src=x onerror=alert(1)>，排队，电话139******78');
    expect(texts).toContain('排队时间长, 希望改进');
    expect(await examples.locator('b, img, script').count()).toBe(0);
    expect(texts.join('')).not.toContain('太快');
    // the diverging bar against the all-agency mean
    await page
      .getByTestId('items-chart')
      .getByText(/^[-+]?\d+\.\d\d$/)
      .first()
      .waitFor();
    await examples.scrollIntoViewIfNeeded();
    await screenshot(page, 'results-unit-comments');
  });

  it('shows the duration and the channel minimum in the quality drawer of a too-fast response', async () => {
    const page = b.page;
    await page.goto(`${server.base}/assessments/${SMALL_ID}/quality`);
    await page.getByRole('heading', { name: '数据质量' }).waitFor();
    await page.getByRole('searchbox', { name: '搜索答卷编号或原因' }).fill('cfast');
    await page.getByRole('row').filter({ hasText: 'cfast' }).getByRole('link', { name: '查看原因' }).click();
    const drawer = page.getByRole('dialog');
    await drawer
      .getByTestId('validity-values-too_fast')
      .getByText('答题时长 10 秒；电话回访最短时长 60 秒')
      .waitFor();
    await drawer.getByText('按当前保存的答卷与配置核对').waitFor();
    await screenshot(page, 'quality-drawer-values');
    await drawer.getByLabel('Close').first().click();

    await page.getByRole('searchbox', { name: '搜索答卷编号或原因' }).fill('cinc');
    await page.getByRole('row').filter({ hasText: 'cinc' }).getByRole('link', { name: '查看原因' }).click();
    await drawer.getByTestId('validity-values-incomplete').getByText('市甲局（A）：缺必答题 S2').waitFor();
  });
});
