/**
 * What every content script does (the built-in sites' `entrypoints/<site>.content.ts` and the custom sites'
 * `entrypoints/content.ts`), given its site's adapter: each script bundles only that adapter (issue 12: the content
 * script stays ≤ 15 KB gzipped; src/lib/manifest.test.ts measures each one).
 *
 * Frames: `allFrames: false`. The script runs in the top document only, and adapters read same-origin child
 * frames from there (Outlook can render a message in a same-origin iframe of its reading pane; the adapter reads
 * `iframe.contentDocument`). Running in every frame instead would mean a second report per frame racing the top
 * one, a toggle inside each frame, and the script injected into the dozens of hidden frames Gmail and Salesforce
 * keep (hangouts, Visualforce, ad and sync frames), for no gain: cross-origin frames would be separate documents
 * the top could not combine with anyway. The service worker registers custom sites with the manifest's settings,
 * and the guard below keeps a frame from ever mounting a second panel even if that changes.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentCommand, PageIdAnswer, PageIdQuery } from '../lib/messages.js';
import { send } from '../lib/send.js';
import type { SiteAdapter } from '../sites/types.js';
import { startContentScript } from './controller.js';

/** The options every content script shares (the custom sites' registration copies them from the manifest). */
export const CONTENT_SCRIPT_OPTIONS = { allFrames: false, runAt: 'document_idle' } as const;

export function runContentScript(ctx: ContentScriptContext, adapter: SiteAdapter): void {
  if (window.top !== window) return;
  // This document, as the worker knows it: an iframe loading in the page leaves it in place, a navigation does not.
  const pageId = crypto.randomUUID();
  const answerPageId = (message: unknown, _sender: unknown, sendResponse: (answer: PageIdAnswer) => void): undefined => {
    if ((message as PageIdQuery | null)?.type === 'content/page-id') sendResponse({ pageId });
    return undefined;
  };
  browser.runtime.onMessage.addListener(answerPageId);
  ctx.onInvalidated(() => browser.runtime.onMessage.removeListener(answerPageId));
  startContentScript({
    ctx,
    win: window,
    adapter,
    panelUrl: browser.runtime.getURL('/panel.html'),
    toggleUrl: browser.runtime.getURL('/toggle.html'),
    sendReport: (req) => send('context/report', { ...req, pageId }),
    rememberPanel: (site, open) => send('panel/remember', { site, open }),
    onCommand: (listener) => {
      const handler = (message: unknown): undefined => {
        const type = (message as ContentCommand | null)?.type;
        if (type === 'content/toggle-panel' || type === 'content/close-panel' || type === 'content/report-again') listener(message as ContentCommand);
        return undefined;
      };
      browser.runtime.onMessage.addListener(handler);
      return () => browser.runtime.onMessage.removeListener(handler);
    },
  });
}
