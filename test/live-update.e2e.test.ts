/**
 * Live invalidation (issue 12), in Chromium with the built extension against a real server: the worker holds one
 * subscription (`accountsUpdated`) for the accounts it has cached; when an admin puts the customer on hold through
 * the API, the panel already open on its page shows the new risk level without a reload, and a second page of the
 * same customer opened afterwards shows the new level at once, from the worker's cache. A change made while the
 * server was away and the stream not yet back reaches the panel already open once the stream is back; a proxy's
 * maintenance page (404 text/html) in the server's place for a while does not turn live updates off for good.
 */
import http from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionBrowser } from './harness/browser.js';
import { type Customer, customerOf, fixtureFor } from './harness/customers.js';
import { openPanel, panel, readPanel, signIn } from './harness/extension.js';
import { closeBrowsersAfterEach, describeE2E } from './harness/suite.js';
import type { FixtureServer } from './harness/tls.js';
import { ANALYST, launchBrowser, type SeededServer, showFixture, startFixtureServer, startSeededServer } from './harness/world.js';

const f = fixtureFor('gmail', 'thread');

/** Subscriptions open on the server, from its Prometheus metrics (`earshot_live_subscriptions`). */
async function liveSubscriptions(serverUrl: string): Promise<number> {
  const res = await fetch(`${serverUrl}/metrics`, { signal: AbortSignal.timeout(5_000) });
  const line = (await res.text()).split('\n').find((l) => l.startsWith('earshot_live_subscriptions'));
  return Number(line?.split(/\s+/)[1] ?? 0);
}

/** The first risk level the panel renders (polled as fast as the frame answers), then nothing else. */
async function firstLevelRendered(page: Page, timeoutMs = 30_000): Promise<string> {
  const level = panel(page).getByTestId('risk-level');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const text = await level.textContent({ timeout: 50 }).catch(() => null);
    if (text?.trim()) return text.trim();
  }
  throw new Error(`no risk level within ${timeoutMs} ms`);
}

/**
 * A reverse proxy in front of the server (what a company puts before it), which can be switched to answering
 * everything with its own maintenance page (`404 text/html`), dropping the connections it carries.
 */
async function startProxy(target: string): Promise<{ url: string; maintenance(on: boolean): void; refused: () => number; close(): Promise<void> }> {
  let down = false;
  let refused = 0;
  const open = new Set<http.ServerResponse>();
  const proxy = http.createServer((req, res) => {
    if (down) {
      refused++;
      res.writeHead(404, { 'content-type': 'text/html' }).end('<!doctype html><title>Down for maintenance</title><h1>Back soon</h1>');
      return;
    }
    const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    open.add(res);
    upstream.on('error', () => res.destroy());
    res.on('close', () => {
      open.delete(res);
      upstream.destroy();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    maintenance(on) {
      down = on;
      if (on) for (const res of open) res.destroy(); // the connections it carried drop (the stream with them)
    },
    refused: () => refused,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

describeE2E('live updates of an open panel', () => {
  let pages: FixtureServer | undefined;
  let world: SeededServer | undefined;
  let browser: ExtensionBrowser | undefined;
  let customer: Customer;

  beforeAll(async () => {
    pages = await startFixtureServer();
    world = await startSeededServer([f]);
    customer = customerOf(world.customers, f);
    showFixture(pages, f);
  });
  afterAll(async () => {
    await world?.server.stop();
    await pages?.close();
  });
  closeBrowsersAfterEach(() => [browser]);

  it('an account put on hold on the server: the open panel shows the new level without a reload, and the next page of it too, at once', async () => {
    expect(customer.onHold).toBe(false);
    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: world!.server.url, email: ANALYST.email, password: ANALYST.password });
    const page = await browser.newPage();
    await page.goto(f.url);
    await openPanel(page);
    expect(await readPanel(page)).toMatchObject({ accountName: customer.name, riskLevel: customer.level });
    // The worker watches the account it just looked up: one stream on the server.
    await expect.poll(() => liveSubscriptions(world!.server.url), { timeout: 30_000 }).toBe(1);
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // An admin puts the customer on hold: the server recomputes its status (15 points more) and publishes the change.
    await world!.api.request(`mutation ($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } } }`, {
      input: { id: customer.id, onHold: true, holdReason: 'Cheque bounced.' },
    });
    const changed = await world!.api.riskLevel(customer.id!);
    expect(changed).not.toBe(customer.level);

    // The open panel follows by itself: same document, new level.
    const heard = performance.now();
    await expect.poll(async () => ((await panel(page).getByTestId('risk-level').textContent()) ?? '').trim(), { timeout: 30_000, interval: 50 }).toBe(changed);
    console.info(`live update: the open panel showed ${changed} ${(performance.now() - heard).toFixed(0)} ms after the change was saved`);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // Another page of the same customer, opened afterwards: the first level it renders is already the new one.
    const second = await browser.newPage();
    await second.goto(f.url);
    await openPanel(second);
    expect(await firstLevelRendered(second)).toBe(changed);
    expect(await readPanel(second)).toMatchObject({ accountName: customer.name, riskLevel: changed });
    // Still one stream for the account, whatever the number of pages showing it.
    expect(await liveSubscriptions(world!.server.url)).toBe(1);
  });

  it('a change made right after a server restart, before the stream is back, reaches the panel already open', async () => {
    browser = await launchBrowser(pages!);
    await signIn(browser, { serverUrl: world!.server.url, email: ANALYST.email, password: ANALYST.password });
    const page = await browser.newPage();
    await page.goto(f.url);
    await openPanel(page);
    const shown = await readPanel(page);
    await expect.poll(() => liveSubscriptions(world!.server.url), { timeout: 30_000 }).toBe(1);

    // The server restarts (the worker's stream drops and backs off); the hold is lifted right after it is back.
    const onHold = (await world!.api.request<{ account: { onHold: boolean } }>('query ($id: ID!) { account(id: $id) { onHold } }', { id: customer.id })).account.onHold;
    await world!.server.restart();
    await world!.api.request(`mutation ($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } } }`, {
      input: onHold ? { id: customer.id, onHold: false } : { id: customer.id, onHold: true, holdReason: 'Cheque bounced.' },
    });
    const streamsAtChange = await liveSubscriptions(world!.server.url);
    const changed = await world!.api.riskLevel(customer.id!);
    expect(changed).not.toBe(shown.riskLevel);
    // No event reached the worker for it (no stream was open then): the panel is looked up again once the stream is back.
    console.info(`live update after a restart: ${streamsAtChange} stream(s) open when the change was saved`);
    await expect.poll(async () => ((await panel(page).getByTestId('risk-level').textContent()) ?? '').trim(), { timeout: 90_000, interval: 250 }).toBe(changed);
    await expect.poll(() => liveSubscriptions(world!.server.url), { timeout: 30_000 }).toBe(1);
  });

  it('a maintenance page (404 text/html) in the server’s place for a while: the stream opens again once the server is back', async () => {
    const proxy = await startProxy(world!.server.url);
    try {
      browser = await launchBrowser(pages!);
      await signIn(browser, { serverUrl: proxy.url, email: ANALYST.email, password: ANALYST.password });
      const page = await browser.newPage();
      await page.goto(f.url);
      await openPanel(page);
      const shown = await readPanel(page);
      await expect.poll(() => liveSubscriptions(world!.server.url), { timeout: 30_000 }).toBe(1);

      proxy.maintenance(true);
      await expect.poll(() => liveSubscriptions(world!.server.url), { timeout: 30_000 }).toBe(0);
      // The worker asks again and gets the maintenance page (more than once: it is retried, not taken as a refusal).
      await expect.poll(() => proxy.refused(), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
      proxy.maintenance(false);
      await expect.poll(() => liveSubscriptions(world!.server.url), { timeout: 90_000, interval: 500 }).toBe(1);

      // And it carries changes again.
      const onHold = (await world!.api.request<{ account: { onHold: boolean } }>('query ($id: ID!) { account(id: $id) { onHold } }', { id: customer.id })).account.onHold;
      await world!.api.request(`mutation ($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id } } }`, {
        input: onHold ? { id: customer.id, onHold: false } : { id: customer.id, onHold: true, holdReason: 'Cheque bounced.' },
      });
      const changed = await world!.api.riskLevel(customer.id!);
      expect(changed).not.toBe(shown.riskLevel);
      await expect.poll(async () => ((await panel(page).getByTestId('risk-level').textContent()) ?? '').trim(), { timeout: 30_000, interval: 250 }).toBe(changed);
    } finally {
      await proxy.close();
    }
  });
});
