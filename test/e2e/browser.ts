/**
 * Browser tests drive Debian's Chromium (/usr/bin/chromium) with playwright-core. Without it they
 * are skipped with a plain message, except under CI=true, where a missing browser fails.
 * Screenshots go to KAOPING_SCREENSHOTS (e.g. docs/screenshots) when it is set, else to a
 * temporary folder, so that a test run does not rewrite the committed pictures.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

export const CHROMIUM = process.env.KAOPING_CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = fs.existsSync(CHROMIUM);
export const isCi = process.env.CI === 'true' || process.env.CI === '1';

/**
 * Says that the `what` browser tests are skipped when there is no Chromium, and under CI=true
 * adds a test that fails for it. Call once at the top of a browser test file.
 */
export function requireChromium(what: string): void {
  if (!haveChromium)
    console.warn(
      `${what} browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y --no-install-recommends chromium)`,
    );
  describe.runIf(isCi && !haveChromium)(`${what} browser tests under CI`, () => {
    it('need Chromium', () => {
      expect.fail(`CI=true but there is no Chromium at ${CHROMIUM}; .ci/run installs it with apt-get`);
    });
  });
}
export const SCREENSHOTS =
  process.env.KAOPING_SCREENSHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-shots-'));

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh profile (its own localStorage) in a temporary folder. */
export async function launch(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kaoping-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    acceptDownloads: true,
    // antd then renders without animations: screenshots never catch a half-open dialog
    reducedMotion: 'reduce',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The viewport (or with fullPage the whole page) as SCREENSHOTS/name.png. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}.png`),
    animations: 'disabled',
    fullPage: opts.fullPage ?? false,
  });
}
