/**
 * Gmail (mail.google.com), a single-page app whose state is in the URL hash:
 * - `thread`: `#inbox/<threadId>`, `#label/<name>/<threadId>`, `#search/<query>/<threadId>`… → everyone on the
 *   open conversation, from the `email` attribute Gmail puts on its sender and recipient chips (its hovercard key).
 * - `compose`: `?compose=new` / `?compose=<draftId>` in the hash with no thread open → the recipient chips.
 * The signed-in address comes from the account button's aria-label (`Google Account: Jane Seller (jane@x)`), else
 * from the tab title (`Subject - jane@x - Mail`), and is dropped; so is the user's company domain (context.ts).
 * Message bodies are never read: a signature naming somebody else's address is not who the thread is with.
 *
 * Tested on fixtures gmail-thread, gmail-compose, gmail-thread-broken (all 2026-11-22).
 */
import type { DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, emailsInText, queryAll, queryFirst } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const gmailSelectors = {
  // 2026-11-22: the conversation pane (also the list view: only read it when the hash names a thread).
  thread: ['div[role="main"]'],
  // 2026-11-22: sender `span.gD[email]` and recipients `span.g2[email]` inside each message `div.adn[data-message-id]`.
  // Scoped to messages: inbox rows carry `span[email]` too, and in split-pane mode (or for a moment after a click)
  // the list shares the pane with the thread.
  participant: ['[data-message-id] span[email]', 'div.adn span[email]', '[role="listitem"] [data-hovercard-id*="@"]'],
  // 2026-11-22: the compose pop-up is a dialog; the inline reply box a form `.bAs` inside the thread.
  composeWindow: ['div[role="dialog"]', 'form.bAs'],
  // 2026-11-22: recipient chips `div.afV[data-hovercard-id]`; older Gmail kept them in hidden inputs.
  composeRecipient: ['[data-hovercard-id*="@"]', 'span[email]', 'input[name="to"], input[name="cc"], input[name="bcc"]'],
  // 2026-11-22: the avatar button, top right, `aria-label="Google Account: <name> (<address>)"`.
  accountButton: ['a[aria-label*="@"][href*="SignOutOptions"]', 'header a[aria-label*="@"]', '#gb a[aria-label*="@"]'],
} as const;

/** First hash segment → how many segments precede the thread id (`label/<name>/<id>` has two). */
const LIST_DEPTH: Record<string, number> = {
  inbox: 1, sent: 1, starred: 1, all: 1, imp: 1, snoozed: 1, scheduled: 1, drafts: 1, spam: 1, trash: 1,
  label: 2, search: 2, category: 2, 'advanced-search': 2,
};
const THREAD_ID = /^(?:[A-Za-z]{16,}|[0-9a-f]{16}|[A-Za-z0-9]{20,})$/;

export function parseGmailHash(hash: string): { threadId: string | null; compose: boolean } {
  const [route = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const compose = /(^|&)compose=[^&]+/.test(query);
  const segments = route.split('/');
  const depth = LIST_DEPTH[segments[0] ?? ''];
  const candidate = depth !== undefined && segments.length === depth + 1 ? (segments[depth] ?? '') : '';
  return { threadId: THREAD_ID.test(candidate) ? candidate : null, compose };
}

function ownAddress(doc: Document): string[] {
  const button = queryFirst(doc, gmailSelectors.accountButton);
  const fromButton = emailsInText(button?.getAttribute('aria-label') ?? '');
  if (fromButton.length > 0) return fromButton;
  // "Order 4411 - jane.seller@northwind-supplies.example - Northwind Mail": the address is one dash-separated part.
  return doc.title.split(' - ').flatMap((part) => (/^\S+@\S+$/.test(part.trim()) ? [part.trim()] : []));
}

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const { threadId, compose } = parseGmailHash(loc.hash);
  if (!threadId && !compose) return { context: null };
  const own = ownAddress(doc);
  const base = { site: 'gmail', url: loc.href, own };
  const health = (pageType: string, missing: string[], anchors: string[]) => ({
    context: null,
    health: healthReport({ site: 'gmail', pageType, missing, doc, loc, now, selectors: gmailSelectors, anchors }),
  });

  if (threadId) {
    const pane = queryFirst(doc, gmailSelectors.thread);
    if (!pane) return health('thread', ['thread'], []);
    const chips = queryAll(pane, gmailSelectors.participant);
    if (chips.length === 0) return health('thread', ['participant'], [...gmailSelectors.thread]);
    return { context: buildContext({ ...base, pageType: 'thread', emails: chips.flatMap(addressesOf) }) };
  }

  const windows = queryAll(doc, gmailSelectors.composeWindow);
  if (windows.length === 0) return health('compose', ['composeWindow'], []);
  // The newest compose window is the last one Gmail appends.
  const active = windows[windows.length - 1]!;
  const recipients = queryAll(active, gmailSelectors.composeRecipient).flatMap(addressesOf);
  return { context: buildContext({ ...base, pageType: 'compose', emails: recipients }) };
}

export const gmailAdapter: SiteAdapter = {
  name: 'gmail',
  selectors: gmailSelectors,
  matchesHost: hostMatcher(siteEntry('gmail').matches),
  detect,
};
