/**
 * Gmail (mail.google.com), a single-page app whose state is in the URL hash:
 * - `thread`: `#inbox/<threadId>`, `#label/<name>/<threadId>`, `#search/<query>/<threadId>`… → everyone on the
 *   open conversation, from the `email` attribute Gmail puts on its sender and recipient chips (its hovercard key).
 * - `compose`: `?compose=new` / `?compose=<draftId>[,<draftId>…]` in the hash with no thread open, or the standalone
 *   compose window (`?view=cm&fs=1&to=…`, Gmail's own mailto form) → the recipient chips of the newest compose window.
 * The signed-in address comes from the account button's aria-label (`Google Account: Jane Seller (jane@x)`), else
 * from the tab title (`Subject - jane@x - Mail`), and is dropped; so is the user's company domain (context.ts).
 * Message bodies are never read: a signature naming somebody else's address is not who the thread is with.
 *
 * Tested on reconstructions (fixtures/gmail.ts) of the 2023-11 and 2018 conversation layouts, the 2021-10 ("peoplekit")
 * and older compose windows, and a broken thread; URL forms and their sources in gmail.test.ts.
 */
import type { DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, emailsInText, queryAll, queryFirst } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const gmailSelectors = {
  // The conversation pane, `div[role=main]` (gmail.js `dom.inbox_content`; InboxSDK's thread container
  // `[role=main] .g.id .a98.iY` since 2023-11-16, `table.Bs > tr` before). Also the list view: read only for a thread.
  thread: ['div[role="main"]'],
  // Sender `span.gD[email]` and recipients `span.g2[email]` inside each message `div.adn.ads[data-message-id]`
  // (gmail.js `dom.email`; InboxSDK GmailMessageView `td.gF span[email]`, `.hb span[email]`); older layouts without
  // `data-message-id` (`div.adn` only).
  // Scoped to messages: inbox rows carry `span[email]` too, and in split-pane mode (or for a moment after a click)
  // the list shares the pane with the thread.
  participant: ['[data-message-id] span[email]', 'div.adn span[email]', '[role="listitem"] [data-hovercard-id*="@"]'],
  // Compose windows are `div.M9` (gmail.js `dom.composes`, newest first); a dialog or a reply form as fallbacks.
  composeWindow: ['div.M9', 'div[role="dialog"]', 'form.bAs'],
  // Recipient chips: `div[role=option][data-hovercard-id]` since 2021-10 ("peoplekit", InboxSDK compose page-parser),
  // before that hidden inputs `.vR input[type=hidden][name=to]` holding `Name <address>`.
  composeRecipient: ['[data-hovercard-id*="@"]', 'span[email]', 'input[name="to"], input[name="cc"], input[name="bcc"]'],
  // The avatar button, top right, `aria-label="Google Account: <name>  &#10;(<address>)"` (public code reading it).
  accountButton: ['a[aria-label*="@"][href*="SignOutOptions"]', 'header a[aria-label*="@"]', '#gb a[aria-label*="@"]'],
} as const;

/** First hash segment → how many segments precede the thread id (`label/<name>/<id>` has two). */
// Route names from gmail.js `get.current_page` and InboxSDK's GmailRouteProcessor (`apps` and `section_query` are
// searches, `chats` a list of chat transcripts).
const LIST_DEPTH: Record<string, number> = {
  inbox: 1, sent: 1, starred: 1, all: 1, imp: 1, snoozed: 1, scheduled: 1, drafts: 1, spam: 1, trash: 1, chats: 1,
  label: 2, search: 2, category: 2, 'advanced-search': 2, apps: 2, section_query: 2,
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

/** A Gmail URL: the hash as `parseGmailHash`, plus the standalone compose window (`?view=cm`, mailto links). */
export function parseGmailUrl(loc: Pick<PageLocation, 'search' | 'hash'>): { threadId: string | null; compose: boolean } {
  const route = parseGmailHash(loc.hash);
  const standaloneCompose = new URLSearchParams(loc.search).get('view') === 'cm';
  return { threadId: standaloneCompose ? null : route.threadId, compose: route.compose || standaloneCompose };
}

function ownAddress(doc: Document): string[] {
  const button = queryFirst(doc, gmailSelectors.accountButton);
  const fromButton = emailsInText(button?.getAttribute('aria-label') ?? '');
  if (fromButton.length > 0) return fromButton;
  // "Order 4411 - jane.seller@northwind-supplies.example - Northwind Mail": the address is one dash-separated part.
  return doc.title.split(' - ').flatMap((part) => (/^\S+@\S+$/.test(part.trim()) ? [part.trim()] : []));
}

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const { threadId, compose } = parseGmailUrl(loc);
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
  // gmail.js: `div.M9` windows come newest first; the fallbacks (a dialog, a reply form) newest last.
  const active = (windows[0]!.matches('div.M9') ? windows[0] : windows[windows.length - 1])!;
  const recipients = queryAll(active, gmailSelectors.composeRecipient).flatMap(addressesOf);
  return { context: buildContext({ ...base, pageType: 'compose', emails: recipients }) };
}

export const gmailAdapter: SiteAdapter = {
  name: 'gmail',
  selectors: gmailSelectors,
  matchesHost: hostMatcher(siteEntry('gmail').matches),
  detect,
};
