/**
 * The harness itself: Node 24, the built extension loads in Debian Chromium and its service worker starts,
 * and a page served by the local TLS server is reached at a real hostname through the resolver rules.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ExtensionBrowser } from './harness/browser.js';
import { extensionCopyDir, freshTmpDir } from './harness/paths.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import { FixtureServer, makeCertificate } from './harness/tls.js';

it('runs on the pinned Node 24', () => {
  expect(process.versions.node.split('.')[0]).toBe('24');
});

describeE2E('harness smoke', () => {
  let fixtures: FixtureServer;
  let browser: ExtensionBrowser | undefined;

  beforeAll(async () => {
    fixtures = await FixtureServer.start(makeCertificate(['mail.google.com', '*.lightning.force.com']));
  });
  afterAll(async () => {
    await fixtures?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  it('loads the built extension and starts its service worker', async () => {
    browser = await ExtensionBrowser.launch({
      userDataDir: freshTmpDir('profile'),
      hosts: ['mail.google.com'],
      fixturePort: fixtures.port,
    });
    const manifest = JSON.parse(readFileSync(path.join(extensionCopyDir(), 'manifest.json'), 'utf8'));
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    expect((await browser.serviceWorker()).url()).toBe(browser.extensionUrl(manifest.background.service_worker));
  });

  it('serves a fixture at a real hostname (with a port in the resolver rule) and nothing else resolves', async () => {
    const marker = `smoke-${Date.now()}`;
    fixtures.serve('https://mail.google.com/e2e-smoke', `<!doctype html><title>${marker}</title><p id="m">${marker}</p>`);
    fixtures.serve('https://acme.lightning.force.com/e2e-smoke', `<!doctype html><p id="m">sf-${marker}</p>`);
    browser = await ExtensionBrowser.launch({
      userDataDir: freshTmpDir('profile'),
      hosts: ['mail.google.com', '*.lightning.force.com'],
      fixturePort: fixtures.port,
    });
    const page = await browser.newPage();
    const res = await page.goto('https://mail.google.com/e2e-smoke#inbox/abc');
    expect(res?.status()).toBe(200);
    expect(page.url()).toBe('https://mail.google.com/e2e-smoke#inbox/abc');
    expect(await page.textContent('#m')).toBe(marker);
    await page.goto('https://acme.lightning.force.com/e2e-smoke');
    expect(await page.textContent('#m')).toBe(`sf-${marker}`);
    expect(fixtures.requests).toContain('mail.google.com/e2e-smoke');
    await expect(page.goto('https://example.com/')).rejects.toThrow(/ERR_NAME_NOT_RESOLVED/);
  });
});
