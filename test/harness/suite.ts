/**
 * What every browser test file shares: skip (cleanly, with the reason) when the machine has no Chromium and
 * CI is not set; screenshots of every open tab when a test fails, taken before the browser is closed.
 */
import { afterEach, describe, inject } from 'vitest';
import type { ExtensionBrowser } from './browser.js';

export const skipReason = inject('e2eSkipReason');

/** `describe`, skipped (with the reason in its name) when the global setup found no Chromium. */
export const describeE2E = (name: string, fn: () => void) =>
  skipReason ? describe.skip(`${name} [skipped: ${skipReason}]`, fn) : describe(name, fn);

async function screenshot(browser: ExtensionBrowser, file: string, test: string): Promise<void> {
  const files = await browser.screenshotAll(`${file}-${test}`);
  if (files.length) console.error(`e2e: screenshots of the failed test:\n  ${files.join('\n  ')}`);
}

/** For a browser that lives across tests (beforeAll): screenshots of its tabs after each failed test. */
export function screenshotOnFailure(browser: () => ExtensionBrowser | undefined): void {
  afterEach(async (ctx) => {
    const b = browser();
    if (b && ctx.task.result?.state === 'fail') await screenshot(b, ctx.task.file?.name ?? '', ctx.task.name);
  });
}

/**
 * Registers an afterEach that screenshots every open tab of the browsers `browsers()` returns when the test
 * failed (under test/.tmp/screenshots), then closes them. Register it before other afterEach hooks that
 * stop servers, so the screenshots show the failing state.
 */
export function closeBrowsersAfterEach(browsers: () => (ExtensionBrowser | undefined)[]): void {
  afterEach(async (ctx) => {
    const failed = ctx.task.result?.state === 'fail';
    for (const browser of browsers()) {
      if (!browser) continue;
      if (failed) await screenshot(browser, ctx.task.file?.name ?? '', ctx.task.name);
      await browser.close();
    }
  });
}
