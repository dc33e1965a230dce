/**
 * Outlook on the web (outlook.office.com, outlook.office365.com, outlook.live.com), a single-page app:
 * - `thread`: an item open in the reading pane, `/mail/[0/]<folder>/id/<itemId>` or `/mail/deeplink/read/<itemId>`
 *   → the From / To / Cc personas of the message header (their `title` holds the address), then `mailto:` links
 *   in the header. Message bodies are skipped, as in Gmail.
 * - `compose`: `/mail/[0/]deeplink/compose`, or any page showing a compose form (a new message opens in the
 *   reading pane without changing the URL) → the recipient chips of its To / Cc / Bcc wells.
 * Some Outlook builds render the message inside a same-origin iframe of the reading pane: its document is read
 * too, from the top frame (the content script does not run in frames; see entrypoints/content.ts).
 * The signed-in address comes from the account manager (`#mectrl_currentAccount_secondary`) or, failing that,
 * from the mailbox node at the top of the folder tree (its `title` is the address), and is dropped.
 *
 * Tested on fixtures outlook-reading, outlook-compose, outlook-reading-broken (all 2026-11-22).
 */
import type { DetectResult } from '@earshot/shared';
import { hostMatcher, siteEntry } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, emailsInText, queryAll, queryFirst, sameOriginFrameDocuments, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const outlookSelectors = {
  // 2026-11-22: reading pane container (id stable since 2019); the aria-label is localised, `main` is last.
  readingPane: ['#ReadingPaneContainerId', 'div[aria-label="Reading Pane"]', 'div[role="main"]'],
  // 2026-11-22: header personas, `<span title="ann@acme.example">Ann Buyer</span>` in the labelled From/To/Cc rows;
  // fallbacks: any persona with an address in its title, then mailto links (body excluded in code).
  participant: [
    '[aria-label^="From:"] [title*="@"], [aria-label^="To:"] [title*="@"], [aria-label^="Cc:"] [title*="@"]',
    'span[title*="@"]',
    'a[href^="mailto:"]',
  ],
  // 2026-11-22: the message body, never read for participants (a signature is not a participant).
  messageBody: ['div[aria-label="Message body"]'],
  // 2026-11-22: compose wells are textboxes labelled To / Cc / Bcc (labels localised: English first).
  composeField: [
    'div[role="textbox"][aria-label="To"], div[role="textbox"][aria-label="Cc"], div[role="textbox"][aria-label="Bcc"]',
    'div[aria-label="To"], div[aria-label="Cc"], div[aria-label="Bcc"]',
    'input[aria-label="To"], input[aria-label="Cc"], input[aria-label="Bcc"]',
  ],
  // 2026-11-22: the signed-in account: Microsoft's account manager, else the mailbox root of the folder tree.
  account: ['#mectrl_currentAccount_secondary', 'button#mectrl_main_trigger[aria-label*="@"]', '[role="tree"] [role="treeitem"][title*="@"]'],
} as const;

export function parseOutlookPath(pathname: string): { itemId: string | null; compose: boolean } {
  if (!/^\/mail(\/|$)/.test(pathname)) return { itemId: null, compose: false };
  const item = /\/(?:id|deeplink\/read)\/([^/?#]{8,})/.exec(pathname);
  return { itemId: item?.[1] ?? null, compose: /\/deeplink\/compose(\/|$)/.test(pathname) };
}

function ownAddress(doc: Document): string[] {
  const el = queryFirst(doc, outlookSelectors.account);
  if (!el) return [];
  return emailsInText(`${el.getAttribute('title') ?? ''} ${el.getAttribute('aria-label') ?? ''} ${textOf(el)}`);
}

/** Participants in the header of the reading pane, and in any same-origin frame inside it. */
function participants(pane: Element): string[] {
  for (const root of [pane, ...sameOriginFrameDocuments(pane)]) {
    for (const selector of outlookSelectors.participant) {
      const els = [...root.querySelectorAll(selector)].filter((el) => !outlookSelectors.messageBody.some((b) => el.closest(b)));
      if (els.length > 0) return els.flatMap(addressesOf);
    }
  }
  return [];
}

function composeRecipients(doc: Document): string[] | null {
  const fields = queryAll(doc, outlookSelectors.composeField);
  if (fields.length === 0) return null;
  return fields.flatMap((field) => {
    const chips = [...field.querySelectorAll('[title*="@"]')];
    return chips.length > 0 ? chips.flatMap(addressesOf) : addressesOf(field);
  });
}

function detect(doc: Document, loc: PageLocation, now = new Date()): DetectResult {
  const { itemId, compose } = parseOutlookPath(loc.pathname);
  const base = { site: 'outlook', url: loc.href, own: ownAddress(doc) };
  const health = (pageType: string, missing: string[]) => ({
    context: null,
    health: healthReport({
      site: 'outlook', pageType, missing, doc, loc, now, selectors: outlookSelectors, anchors: outlookSelectors.readingPane,
    }),
  });

  if (itemId) {
    const pane = queryFirst(doc, outlookSelectors.readingPane);
    if (!pane) return health('thread', ['readingPane']);
    const emails = participants(pane);
    if (emails.length === 0) return health('thread', ['participant']);
    return { context: buildContext({ ...base, pageType: 'thread', emails }) };
  }

  const recipients = composeRecipients(doc);
  if (recipients === null) return compose ? health('compose', ['composeField']) : { context: null };
  return { context: buildContext({ ...base, pageType: 'compose', emails: recipients }) };
}

export const outlookAdapter: SiteAdapter = {
  name: 'outlook',
  selectors: outlookSelectors,
  matchesHost: hostMatcher(siteEntry('outlook').matches),
  detect,
};
