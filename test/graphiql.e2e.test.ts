/**
 * GraphiQL works offline (issue 13): the development server's page at /graphql, opened in Chromium with every
 * request that leaves the machine aborted, renders its editors (Monaco, whose workers the page makes from its own
 * inline code), runs a query against this server, and breaks no rule of its Content-Security-Policy.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumArgs, HEADFUL } from './harness/browser.js';
import { EarshotServer } from './harness/server.js';
import { describeE2E } from './harness/suite.js';

/** Loopback, or made by the page itself (data:, blob:): everything else would have gone to the network. */
function local(url: string): boolean {
  const u = new URL(url);
  if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
  return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
}

describeE2E('GraphiQL offline', () => {
  let server: EarshotServer;
  let browser: Browser;
  let page: Page;
  const blocked: string[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    server = new EarshotServer();
    await server.start();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: !HEADFUL, timeout: 30_000, args: chromiumArgs({ hosts: [], fixturePort: 0 }) });
    page = await browser.newPage();
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (local(url)) return route.continue();
      blocked.push(url);
      return route.abort('internetdisconnected');
    });
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI}`));
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders its editors with nothing fetched from off the machine', async () => {
    const res = await page.goto(`${server.url}/graphql`, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    const editors = Promise.all(
      ['.graphiql-query-editor', '.graphiql-response'].map((pane) => page.locator(`.graphiql-container ${pane} .monaco-editor`).waitFor({ state: 'visible', timeout: 60_000 })),
    );
    await editors.catch((err: Error) => {
      throw new Error(`GraphiQL did not render: ${err.message}\nrequests aborted: ${blocked.join(', ') || 'none'}\nCSP: ${violations.join('\n') || 'no violation'}`);
    });
    expect(blocked).toEqual([]);
    expect(violations).toEqual([]);
  });

  it('runs a query typed in its editor against this server', async () => {
    const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    await page.keyboard.type('{ __typename }');
    await page.locator('.graphiql-execute-button').click();
    // Monaco lays text out with no-break spaces: compare with every run of white space as one space.
    const response = async () => ((await page.locator('.graphiql-response').textContent()) ?? '').replace(/\s+/g, ' ');
    await expect.poll(response, { timeout: 30_000 }).toContain('"__typename": "Query"');
    expect(blocked).toEqual([]);
    expect(violations).toEqual([]);
  });
});
