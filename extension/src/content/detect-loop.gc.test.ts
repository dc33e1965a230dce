// @vitest-environment node
/**
 * The detect loop holds a watched frame's document weakly. Checked with the real garbage collector, which needs a
 * page made of plain objects: happy-dom keeps every document it ever created reachable from its window, so no frame
 * document of a happy-dom page is ever collected, whoever lets it go. The stand-ins below hold nothing themselves
 * (the MutationObserver stand-in only counts), so whatever keeps a document alive here is the loop.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startDetectLoop } from './detect-loop.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let observed = 0;
class CountingObserver {
  observe(): void {
    observed++;
  }
  disconnect(): void {}
}

const original = globalThis.MutationObserver;
beforeEach(() => {
  observed = 0;
  (globalThis as { MutationObserver: unknown }).MutationObserver = CountingObserver;
});
afterEach(() => {
  (globalThis as { MutationObserver: unknown }).MutationObserver = original;
});

function fakeContext() {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    isInvalid: false,
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms) as unknown as number,
    onInvalidated: () => undefined,
    addEventListener: (target: EventTarget, type: string, handler: EventListener, options?: AddEventListenerOptions) =>
      target.addEventListener(type, handler, { ...options, signal: controller.signal }),
    abort: () => controller.abort(),
  };
}

it('lets a navigated-away frame’s document be collected, even when no pagehide reached the loop', async () => {
  const frames: { tagName: string; isConnected: boolean; contentDocument: object | null; contentWindow: EventTarget }[] = [];
  const doc = Object.assign(new EventTarget(), {
    hidden: false,
    documentElement: {},
    querySelectorAll: () => frames,
  });
  const win = Object.assign(new EventTarget(), { document: doc, clearTimeout });
  const ctx = fakeContext();

  // The preview frame shows message 1; everything strong about its document stays inside this function.
  const firstMessage = () => {
    const frameDoc = { documentElement: {} };
    frames.push({ tagName: 'IFRAME', isConnected: true, contentDocument: frameDoc, contentWindow: new EventTarget() });
    return new WeakRef(frameDoc);
  };
  const gone = firstMessage();
  startDetectLoop({ ctx: ctx as unknown as ContentScriptContext, win: win as unknown as Window, run: () => undefined, isOwnNode: () => false });
  expect(observed).toBe(2); // the page and the frame's document

  // The frame navigates to message 2 (a new document, whose `load` is not needed here): the old one is no one's.
  frames[0]!.contentDocument = { documentElement: {} };
  // A deref keeps its target alive to the end of the job it ran in: gc() runs in a job of its own.
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (!gone.deref()) break;
  }
  expect(gone.deref()).toBeUndefined();
  ctx.abort();
});
