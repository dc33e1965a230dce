import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentCommand } from '../lib/messages.js';
import { dynamicsAdapter } from '../sites/dynamics.js';
import { gmailAdapter } from '../sites/gmail.js';
import { genericAdapter } from '../sites/generic.js';
import type { PageFetch, SiteAdapter } from '../sites/types.js';
import { startContentScript } from './controller.js';
import { newContext, openPage } from './test-utils.js';

const THREAD = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWBNlvZnjkqBfSTDvpsTkLmC';
const PANEL_URL = 'chrome-extension://test-extension-id/panel.html';
const threadHtml = (...emails: string[]) =>
  `<div role="main"><div class="adn" data-message-id="#m1">${emails.map((e) => `<span email="${e}">x</span>`).join('')}</div></div>`;

describe('startContentScript', () => {
  let ctx: ContentScriptContext;
  let command: ((c: ContentCommand) => void) | undefined;
  const unsubscribe = vi.fn();
  const sendReport = vi.fn();
  const rememberPanel = vi.fn(async () => ({ ok: true }));

  beforeEach(() => {
    vi.useFakeTimers();
    sendReport.mockReset().mockResolvedValue({ mount: true, panelOpen: false });
    rememberPanel.mockClear();
    unsubscribe.mockClear();
    ctx = newContext();
  });
  afterEach(() => {
    ctx.notifyInvalidated();
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  const start = (adapter: SiteAdapter = gmailAdapter) =>
    startContentScript({
      ctx,
      win: window,
      adapter,
      panelUrl: PANEL_URL,
      sendReport,
      rememberPanel,
      onCommand: (listener) => {
        command = listener;
        return unsubscribe;
      },
    });
  const panelIframe = () => document.querySelector<HTMLIFrameElement>('iframe[data-testid="earshot-panel"]');
  const toggleFrame = () => document.querySelector<HTMLIFrameElement>('iframe[data-testid="earshot-toggle"]');
  /** Earshot's root in the page (closed, the panel's frame goes in once the toggle's has loaded: mount.ts). */
  const mounted = () => document.querySelector('[data-earshot-root]');

  it('reports the thread and mounts the panel as the service worker says', async () => {
    openPage(THREAD, threadHtml('ann@acme.example'));
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sendReport).toHaveBeenCalledWith({
      context: { site: 'gmail', pageType: 'thread', emails: ['ann@acme.example'], domains: ['acme.example'], url: THREAD },
    });
    // Closed: the toggle's frame first, the panel's once it has loaded.
    expect(toggleFrame()?.getAttribute('src')).toMatch(/toggle\.html\?open=0$/);
    expect(panelIframe()).toBeNull();
    toggleFrame()!.dispatchEvent(new Event('load'));
    expect(panelIframe()?.getAttribute('src')).toBe(PANEL_URL);
    expect(panelIframe()?.hidden).toBe(true);
  });

  it('does not re-report because of its own mount, nor for changes that leave the context as it was', async () => {
    openPage(THREAD, threadHtml('ann@acme.example'));
    start();
    await vi.advanceTimersByTimeAsync(3000);
    document.querySelector('[role="main"]')!.append(document.createElement('div'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(sendReport).toHaveBeenCalledTimes(1);
  });

  it('re-reports after the thread changes, and unmounts when told to', async () => {
    openPage(THREAD, threadHtml('ann@acme.example'));
    start();
    await vi.advanceTimersByTimeAsync(0);
    sendReport.mockResolvedValue({ mount: false, panelOpen: false });
    document.querySelector('[data-message-id]')!.insertAdjacentHTML('beforeend', '<span email="carl@globex.example">c</span>');
    await vi.advanceTimersByTimeAsync(400);
    expect(sendReport).toHaveBeenCalledTimes(2);
    expect(sendReport.mock.calls[1]![0].context.emails).toEqual(['ann@acme.example', 'carl@globex.example']);
    expect(mounted()).toBeNull();
  });

  it('reports the unchanged page again when the worker asks (its own domains changed), and mounts as told', async () => {
    openPage(THREAD, threadHtml('jo@acme-tools.example'));
    sendReport.mockResolvedValue({ mount: false, panelOpen: false }); // only "our" people, as the worker knew it
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(mounted()).toBeNull();
    sendReport.mockResolvedValue({ mount: true, panelOpen: false });
    command?.({ type: 'content/report-again' });
    await vi.advanceTimersByTimeAsync(0);
    expect(sendReport).toHaveBeenCalledTimes(2);
    expect(sendReport.mock.calls[1]![0]).toEqual(sendReport.mock.calls[0]![0]);
    expect(mounted()).not.toBeNull();
  });

  it('opens with the remembered state and remembers what the user does', async () => {
    sendReport.mockResolvedValue({ mount: true, panelOpen: true });
    openPage(THREAD, threadHtml('ann@acme.example'));
    const script = start();
    await vi.advanceTimersByTimeAsync(0);
    expect(script.panel()?.isOpen()).toBe(true);
    command?.({ type: 'content/toggle-panel' });
    expect(script.panel()?.isOpen()).toBe(false);
    script.panel()!.toggle();
    // The panel's Escape or close button, relayed by the worker: closes, once.
    command?.({ type: 'content/close-panel' });
    command?.({ type: 'content/close-panel' });
    expect(script.panel()?.isOpen()).toBe(false);
    expect(rememberPanel.mock.calls).toEqual([
      ['gmail', false],
      ['gmail', true],
      ['gmail', false],
    ]);
  });

  it('reports again when the page comes back from the back/forward cache', async () => {
    openPage(THREAD, threadHtml('ann@acme.example'));
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sendReport).toHaveBeenCalledTimes(1);
    const restored = new Event('pageshow') as PageTransitionEvent;
    Object.defineProperty(restored, 'persisted', { value: true });
    window.dispatchEvent(restored);
    await vi.advanceTimersByTimeAsync(0);
    expect(sendReport).toHaveBeenCalledTimes(2);
    expect(sendReport.mock.calls[1]?.[0].context.emails).toEqual(['ann@acme.example']);
  });

  it('keys generic sites by origin', async () => {
    openPage('https://crm.blueharbor.example/customers/42', '<p>ap@globex.example</p>');
    const script = start(genericAdapter);
    await vi.advanceTimersByTimeAsync(0);
    script.panel()!.toggle();
    expect(rememberPanel).toHaveBeenCalledWith('https://crm.blueharbor.example', true);
  });

  it('contains an adapter that throws, and reports it as health once it persists', async () => {
    vi.spyOn(gmailAdapter, 'detect').mockImplementation(() => {
      throw new TypeError('Cannot read properties of null (reading "ann@acme.example")');
    });
    openPage(THREAD, threadHtml('ann@acme.example'));
    start();
    await vi.advanceTimersByTimeAsync(2500 + 400);
    const withHealth = sendReport.mock.calls.map(([req]) => req).find((req) => req.health);
    expect(withHealth?.health).toMatchObject({ site: 'gmail', missing: ['adapter threw TypeError'], structure: '' });
    expect(JSON.stringify(withHealth)).not.toContain('ann@');
  });

  it('removes everything and stops listening when the extension goes away', async () => {
    openPage(THREAD, threadHtml('ann@acme.example'));
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(mounted()).not.toBeNull();
    ctx.notifyInvalidated();
    expect(mounted()).toBeNull();
    expect(unsubscribe).toHaveBeenCalled();
    document.querySelector('[data-message-id]')!.insertAdjacentHTML('beforeend', '<span email="carl@globex.example">c</span>');
    await vi.advanceTimersByTimeAsync(5000);
    expect(sendReport).toHaveBeenCalledTimes(1);
  });

  it('survives the service worker being unreachable', async () => {
    sendReport.mockRejectedValue(new Error('Earshot background is not reachable'));
    openPage(THREAD, threadHtml('ann@acme.example'));
    start();
    await vi.advanceTimersByTimeAsync(0);
    expect(mounted()).toBeNull();
  });
});

describe('startContentScript: records linked through the CRM’s own API (Dynamics)', () => {
  const OPPORTUNITY = '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b';
  const ACCOUNT = '7b2f9c1e-4d3a-4e8b-9f6c-2a1b3c4d5e6f';
  const URL_ = `https://northwind.crm11.dynamics.com/main.aspx?appid=1&pagetype=entityrecord&etn=opportunity&id=${OPPORTUNITY}`;
  const FORM = '<h1 data-id="header_title" title="40 pallet racks">40 pallet racks</h1>';
  const LINKED = [{ system: 'DYNAMICS', objectType: 'account', recordId: ACCOUNT }];
  let ctx: ContentScriptContext;
  const sendReport = vi.fn();
  const answer = (delayMs: number, status = 200) =>
    vi.fn<PageFetch>(
      (url) =>
        new Promise((resolve) =>
          setTimeout(
            () =>
              resolve({
                ok: status === 200,
                status,
                headers: new Headers({ 'content-type': 'application/json' }),
                text: async () => JSON.stringify({ opportunityid: OPPORTUNITY, _parentaccountid_value: ACCOUNT, url }),
              }),
            delayMs,
          ),
        ),
    );

  beforeEach(() => {
    vi.useFakeTimers();
    sendReport.mockReset().mockResolvedValue({ mount: true, panelOpen: false });
    ctx = newContext();
  });
  afterEach(() => {
    ctx.notifyInvalidated();
    vi.useRealTimers();
  });
  const start = (fetchFn: PageFetch) =>
    startContentScript({ ctx, win: window, adapter: dynamicsAdapter, panelUrl: PANEL_URL, sendReport, rememberPanel: async () => ({}), onCommand: () => () => {}, fetch: fetchFn });

  it('waits for a quick answer and reports the opportunity with its account, once', async () => {
    const fetchFn = answer(150);
    openPage(URL_, FORM);
    start(fetchFn);
    await vi.advanceTimersByTimeAsync(149);
    expect(sendReport).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(sendReport).toHaveBeenCalledTimes(1);
    expect(sendReport.mock.calls[0]![0].context).toMatchObject({
      site: 'dynamics',
      crmRecord: { system: 'DYNAMICS', objectType: 'opportunity', recordId: OPPORTUNITY },
      linkedRecords: LINKED,
    });
    expect(fetchFn.mock.calls[0]![0]).toBe(`https://northwind.crm11.dynamics.com/api/data/v9.2/opportunities(${OPPORTUNITY})?$select=_parentaccountid_value,_customerid_value`);
  });

  it('reports without after the wait, then again with the account when a slow answer comes', async () => {
    const fetchFn = answer(2000);
    openPage(URL_, FORM);
    start(fetchFn);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sendReport).toHaveBeenCalledTimes(1);
    expect(sendReport.mock.calls[0]![0].context.linkedRecords).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1000);
    expect(sendReport).toHaveBeenCalledTimes(2);
    expect(sendReport.mock.calls[1]![0].context.linkedRecords).toEqual(LINKED);
  });

  it('asks once per record for the page’s life, however often the page changes', async () => {
    const fetchFn = answer(100);
    openPage(URL_, FORM);
    const script = start(fetchFn);
    await vi.advanceTimersByTimeAsync(200);
    for (let i = 0; i < 3; i++) {
      document.body.insertAdjacentHTML('beforeend', `<div>${i}</div>`);
      await script.detectNow();
      await vi.advanceTimersByTimeAsync(3000);
    }
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(sendReport).toHaveBeenCalledTimes(1);
    expect(sendReport.mock.calls[0]![0].context.linkedRecords).toEqual(LINKED);
  });

  it('a refused read (403) adds nothing and is not asked again', async () => {
    const fetchFn = answer(50, 403);
    openPage(URL_, FORM);
    const script = start(fetchFn);
    await vi.advanceTimersByTimeAsync(100);
    await script.detectNow();
    expect(fetchFn).toHaveBeenCalledTimes(1);
    expect(sendReport).toHaveBeenCalledTimes(1);
    expect(sendReport.mock.calls[0]![0].context.linkedRecords).toBeUndefined();
  });

  it('a CRM that does not answer (503) is asked again after a back-off, then later, and the account is reported when it answers', async () => {
    let status = 503;
    const fetchFn = vi.fn<PageFetch>(async (url) => ({
      ok: status === 200,
      status,
      headers: new Headers({ 'content-type': 'application/json' }),
      text: async () => JSON.stringify({ opportunityid: OPPORTUNITY, _parentaccountid_value: ACCOUNT, url }),
    }));
    openPage(URL_, FORM);
    start(fetchFn);
    await vi.advanceTimersByTimeAsync(3000); // the adapter's own retries (500 ms, 2 s) fail too
    expect(fetchFn).toHaveBeenCalledTimes(3);
    expect(sendReport).toHaveBeenCalledTimes(1);
    expect(sendReport.mock.calls[0]![0].context.linkedRecords).toBeUndefined();
    status = 200; // the CRM is back
    await vi.advanceTimersByTimeAsync(30_000 + 1000);
    expect(fetchFn).toHaveBeenCalledTimes(4);
    await vi.waitFor(() => expect(sendReport).toHaveBeenCalledTimes(2));
    expect(sendReport.mock.calls[1]![0].context.linkedRecords).toEqual(LINKED);
  });

  it('asks nothing on other sites, nor for a Dynamics account', async () => {
    const fetchFn = answer(10);
    openPage(THREAD, threadHtml('ann@acme.example'));
    start(fetchFn);
    await vi.advanceTimersByTimeAsync(0);
    openPage(URL_.replace('etn=opportunity', 'etn=account'), FORM);
    const script = start(fetchFn);
    await script.detectNow();
    expect(fetchFn).not.toHaveBeenCalled();
  });
});
