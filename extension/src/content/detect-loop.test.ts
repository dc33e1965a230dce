import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startDetectLoop, touchesHostPage } from './detect-loop.js';
import { newContext, openPage, settleUrlChange } from './test-utils.js';

describe('startDetectLoop', () => {
  let ctx: ContentScriptContext;
  let run: ReturnType<typeof vi.fn<() => void>>;
  let own: HTMLElement;

  beforeEach(async () => {
    vi.useFakeTimers();
    // Waited for: the previous test may have left the page at another hash (happy-dom’s stray hashchange, see settleUrlChange).
    await settleUrlChange(() => openPage('https://mail.google.com/mail/u/0/#inbox', '<div id="app"></div>'));
    own = document.createElement('earshot-root');
    document.documentElement.append(own);
    ctx = newContext();
    run = vi.fn<() => void>();
    startDetectLoop({ ctx, win: window, run, isOwnNode: (n) => own.contains(n) });
  });

  afterEach(() => {
    ctx.notifyInvalidated();
    own.remove();
    vi.useRealTimers();
  });

  const mutate = () => document.getElementById('app')!.append(document.createElement('span'));

  /** An iframe whose same-origin document is `frameDoc` (happy-dom loads no frame documents: stand-ins, as in outlook.test.ts). */
  const sameOriginFrame = () => {
    const frame = document.createElement('iframe');
    const frameDoc = document.implementation.createHTMLDocument('preview');
    const frameWin = new EventTarget();
    Object.defineProperty(frame, 'contentDocument', { configurable: true, get: () => frameDoc });
    Object.defineProperty(frame, 'contentWindow', { configurable: true, get: () => frameWin });
    return { frame, frameDoc, frameWin };
  };

  it('detects 400 ms into a burst, stops watching meanwhile, and looks once more when the cool-down ends', async () => {
    const observe = vi.spyOn(MutationObserver.prototype, 'observe');
    const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
    for (let i = 0; i < 10; i++) {
      mutate();
      await vi.advanceTimersByTimeAsync(50);
    }
    // The first record disconnected the observer: the rest of the burst cost the page no mutation records.
    expect(disconnect).toHaveBeenCalledTimes(1);
    expect(run).toHaveBeenCalledTimes(1);
    expect(observe).not.toHaveBeenCalled();
    // Cool-down until 2 s after the change, then watching again with a catch-up detect of the settled page.
    await vi.advanceTimersByTimeAsync(1600);
    expect(observe).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(450);
    expect(run).toHaveBeenCalledTimes(2);
    // A quiet page costs nothing more.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(2);
    mutate();
    await vi.advanceTimersByTimeAsync(450);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it('still detects every 2 s on a page that never stops changing', async () => {
    for (let i = 0; i < 60; i++) {
      mutate();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(run.mock.calls.length).toBeGreaterThanOrEqual(2);
    expect(run.mock.calls.length).toBeLessThanOrEqual(3);
  });

  it('ignores mutations of its own nodes', async () => {
    own.append(document.createElement('iframe'));
    own.setAttribute('title', 'x');
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).not.toHaveBeenCalled();
  });

  it('detects when the page removes our root and nothing else changes', async () => {
    own.remove();
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('ignores attributes it does not read', async () => {
    document.getElementById('app')!.setAttribute('style', 'color: red');
    document.getElementById('app')!.className = 'busy';
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).not.toHaveBeenCalled();
    document.getElementById('app')!.setAttribute('email', 'a@b.example');
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('detects after SPA navigation: pushState, popstate, hashchange', async () => {
    // Flaky once (1 detect instead of 2 at the end): happy-dom follows pushState with a hashchange from a real timer,
    // which landed inside the last 400 ms step and pushed that detect back. Wait for it here, where it belongs.
    await settleUrlChange(() => history.pushState(null, '', '/mail/u/0/#inbox/FMfcgzQXJWBNlvZnjkqBfSTDvpsTkLmC'));
    await vi.advanceTimersByTimeAsync(1000 + 400); // WXT polls the URL each second without the Navigation API
    expect(run).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(5000);
    run.mockClear();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('detects when a frame in the page finishes loading, not when an image does', async () => {
    const frame = document.createElement('iframe');
    const img = document.createElement('img');
    document.body.append(img);
    img.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(400);
    const before = run.mock.calls.length;
    document.body.append(frame);
    await vi.advanceTimersByTimeAsync(400);
    run.mockClear();
    frame.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
    expect(before).toBe(1); // the img insertion was a mutation; its load event added nothing
  });

  it('watches a same-origin frame’s document (a webmail preview pane) from its load, and lets it go when it unloads', async () => {
    const { frame, frameDoc, frameWin } = sameOriginFrame();
    document.body.append(frame);
    await vi.advanceTimersByTimeAsync(5000); // the insertion's detect, its catch-up; quiet again
    frame.dispatchEvent(new Event('load')); // Roundcube loading ?_action=preview&_uid=… into #messagecontframe
    await vi.advanceTimersByTimeAsync(5000);
    run.mockClear();

    // The preview fills in after its load (a remote-content notice, the headers' address chips):
    frameDoc.body.innerHTML = '<span class="adr"><a href="mailto:ann@acme.example" title="ann@acme.example">Ann</a></span>';
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);

    // The frame navigates away: the old document is let go (no detect for it), the next one is watched from its load.
    frameWin.dispatchEvent(new Event('pagehide'));
    mutate();
    await vi.advanceTimersByTimeAsync(5000); // a detect and its catch-up re-arm the observer without the old document
    run.mockClear();
    frameDoc.body.append(frameDoc.createElement('p'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).not.toHaveBeenCalled();
  });

  it('stops watching a frame’s document once the frame is removed or shows another, even without a pagehide', async () => {
    const { frame, frameDoc } = sameOriginFrame();
    document.body.append(frame);
    frame.dispatchEvent(new Event('load'));
    await vi.advanceTimersByTimeAsync(5000);
    frame.remove(); // the preview pane closed; the stand-in window sends no pagehide
    mutate(); // the observer disarms, detects, and arms again without the gone frame
    await vi.advanceTimersByTimeAsync(5000);
    run.mockClear();
    frameDoc.body.append(frameDoc.createElement('p'));
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).not.toHaveBeenCalled();
  });

  it('watches the frames already in the page when it starts', async () => {
    ctx.notifyInvalidated();
    const { frame, frameDoc } = sameOriginFrame();
    document.body.append(frame);
    ctx = newContext();
    run = vi.fn<() => void>();
    startDetectLoop({ ctx, win: window, run, isOwnNode: (n) => own.contains(n) });
    frameDoc.body.append(frameDoc.createElement('p'));
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('waits while the tab is hidden and catches up when it is shown', async () => {
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    mutate();
    await vi.advanceTimersByTimeAsync(3000);
    expect(run).not.toHaveBeenCalled();
    hidden.mockReturnValue(false);
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(400);
    expect(run).toHaveBeenCalledTimes(1);
    hidden.mockRestore();
  });

  it('leaves nothing running once the context is invalidated', async () => {
    mutate();
    ctx.notifyInvalidated();
    mutate();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).not.toHaveBeenCalled();
  });
});

describe('touchesHostPage', () => {
  it('is false only when every node involved is ours', () => {
    const ours = document.createElement('earshot-root');
    const theirs = document.createElement('div');
    const isOwn = (n: Node) => n === ours || ours.contains(n);
    const record = (r: Partial<MutationRecord>) => ({ type: 'childList', target: document.body, addedNodes: [], removedNodes: [], ...r }) as unknown as MutationRecord;
    expect(touchesHostPage(record({ addedNodes: [ours] as unknown as NodeList }), isOwn)).toBe(false);
    expect(touchesHostPage(record({ removedNodes: [ours, theirs] as unknown as NodeList }), isOwn)).toBe(true);
    // The page taking our root out of its own node: a detect puts it back.
    expect(touchesHostPage(record({ removedNodes: [ours] as unknown as NodeList }), isOwn)).toBe(true);
    // Our own nodes moving inside our root: not the page.
    expect(touchesHostPage(record({ target: ours, removedNodes: [ours.appendChild(document.createElement('iframe'))] as unknown as NodeList }), isOwn)).toBe(false);
    expect(touchesHostPage(record({ type: 'attributes', target: ours }), isOwn)).toBe(false);
    expect(touchesHostPage(record({ type: 'characterData', target: theirs }), isOwn)).toBe(true);
  });
});
