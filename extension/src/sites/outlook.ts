/**
 * Outlook on the web (outlook.cloud.microsoft — Microsoft's unified domain since 2024 —, outlook.office.com,
 * outlook.office365.com, outlook.live.com), a single-page app; URL forms in `parseOutlookUrl`:
 * - `thread`: an item open in the reading pane, `/mail/[0/][<mailbox>/]<folder>/id/<itemId>`,
 *   `/mail/deeplink/read/<itemId>` or `/owa/?ItemID=<itemId>` (or, in classic OWA, whatever the reading pane shows)
 *   → the From / To / Cc personas of the message header (their `title` holds the address), then `mailto:` links
 *   in the header. Message bodies are skipped, as in Gmail.
 * - `compose`: `/mail/[0/]deeplink/compose`, or any page showing a compose form (a new message opens in the
 *   reading pane without changing the URL) → the recipient chips of its To / Cc / Bcc wells.
 * Some Outlook builds render the message inside a same-origin iframe of the reading pane: its document is read
 * too, from the top frame (the content script does not run in frames; see content/entry.ts).
 * The signed-in address comes from the account manager (`#mectrl_currentAccount_secondary`) or, failing that,
 * from the mailbox node at the top of the folder tree (its `title` is the address), and is dropped.
 *
 * Tested on reconstructions (fixtures/outlook.ts) of the reading pane as three generations of builds draw it (classic
 * OWA, personas with `title`, the newest pane with labelled header rows — as spans, or as buttons the way a public
 * Playwright reader reads it), a compose form and a broken pane. In the newest pane the To / Cc rows show each
 * recipient's name only: their addresses are not on the page, so only the sender's (and `mailto:` links') count.
 */
import type { DetectResult } from '@earshot/shared';
import { siteHostMatcher } from './catalog.js';
import { buildContext } from './context.js';
import { addressesOf, emailsInText, queryAll, queryFirst, sameOriginFrameDocuments, textOf } from './dom.js';
import { healthReport } from './health.js';
import type { PageLocation, SiteAdapter } from './types.js';

export const outlookSelectors = {
  // The reading pane: `#ReadingPaneContainerId` (2019 on), `main[aria-label="Reading Pane"]` in newer builds (public
  // readers accept both), classic OWA's `div[aria-label="Message Contents"]`; localised labels, so `main` is last.
  readingPane: [
    '#ReadingPaneContainerId',
    'main[aria-label="Reading Pane"]',
    'div[aria-label="Reading Pane"]',
    'div[aria-label="Message Contents"]',
    '[role="main"]',
  ],
  // Participants, by build (sources in fixtures/outlook.ts):
  // - personas with the address in `title` (`.OZZZK[title]` sender, `.IovuJ span[title]` recipients), in the
  //   labelled From / To / Cc rows or anywhere in the header;
  // - classic OWA: persona launchers whose text is `Name <address>;`;
  // - newest builds: the From row itself, `span[aria-label="From: Name"]`, whose text carries `Name<address>` (the
  //   To / Cc pills show names only);
  // - mailto links. The message body is excluded in code (a signature is not a participant).
  participant: [
    '[aria-label^="From:"] [title*="@"], [aria-label^="To:"] [title*="@"], [aria-label^="Cc:"] [title*="@"]',
    'span[title*="@"]',
    '.PersonaPaneLauncher',
    '[aria-label^="From:"], [aria-label^="To:"], [aria-label^="Cc:"]',
    'a[href^="mailto:"]',
  ],
  // The message body, never read for participants: `div[aria-label="Message body"]`, `div[role=document]` (classic
  // OWA and newer builds, `UniqueMessageBody_<n>`).
  messageBody: ['div[aria-label="Message body"]', 'div[role="document"]', '[id^="UniqueMessageBody"]'],
  // Compose wells: `div[aria-label="To"][contenteditable]` (role textbox in some builds), labels localised.
  composeField: [
    'div[role="textbox"][aria-label="To"], div[role="textbox"][aria-label="Cc"], div[role="textbox"][aria-label="Bcc"]',
    'div[aria-label="To"], div[aria-label="Cc"], div[aria-label="Bcc"]',
    'input[aria-label="To"], input[aria-label="Cc"], input[aria-label="Bcc"]',
  ],
  // The signed-in account: Microsoft's account manager, else the mailbox root of the folder tree.
  account: ['#mectrl_currentAccount_secondary', 'button#mectrl_main_trigger[aria-label*="@"]', '[role="tree"] [role="treeitem"][title*="@"]'],
} as const;

/** Where an Outlook on the web URL points: an item open for reading, a compose form, or neither. */
export interface OutlookRoute {
  itemId: string | null;
  compose: boolean;
  /** The classic OWA app (`/owa/`): the URL does not follow the item selected in the reading pane. */
  classic: boolean;
}

/**
 * The URL forms of Outlook on the web (sources in outlook.test.ts):
 * - `/mail/[0/][<mailbox@domain>/]<folder…>/id/<itemId>` — the reading pane (`/mail/0/` on outlook.live.com, a
 *   shared mailbox's address after `/mail/` when opened with "Open another mailbox");
 * - `/mail/[…/]deeplink/read/<itemId>` — a message opened on its own (add-ins' and Graph's links);
 * - `/owa/[<mailbox@domain>/]?ItemID=<id>[&exvsurl=1][&viewmodel=ReadMessageItem]` — Graph's `webLink` of a message;
 * - `/mail/[0/]deeplink/compose`, `/owa/?path=/mail/action/compose` — a new message;
 * - `/owa/`, `/owa/#path=/mail/…` — classic OWA, where selecting a message leaves the URL as it is.
 */
export function parseOutlookUrl(loc: Pick<PageLocation, 'pathname' | 'search' | 'hash'>): OutlookRoute {
  const pathname = loc.pathname;
  const params = new URLSearchParams(loc.search);
  const hashPath = /(?:^#|[#&?])path=([^&]*)/.exec(loc.hash)?.[1] ?? '';
  const pathParam = params.get('path') ?? decodeURIComponentSafe(hashPath);
  if (/^\/owa(\/|$)/i.test(pathname)) {
    const itemId = params.get('ItemID') ?? params.get('itemid') ?? params.get('ItemId');
    const isMessage = !/calendar/i.test(pathParam); // `?itemid=…&path=/calendar/item` is an event
    return {
      itemId: itemId && itemId.length >= 8 && isMessage ? itemId : null,
      compose: /^\/mail\/action\/compose/i.test(pathParam),
      classic: true,
    };
  }
  if (!/^\/mail(\/|$)/.test(pathname)) return { itemId: null, compose: false, classic: false };
  const item = /\/(?:id|deeplink\/read)\/([^/?#]{8,})/.exec(pathname);
  return { itemId: item?.[1] ?? null, compose: /\/deeplink\/compose(\/|$)/.test(pathname), classic: false };
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
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
  const { itemId, compose, classic } = parseOutlookUrl(loc);
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
  if (recipients === null && classic && !compose) {
    // Classic OWA: the open message shows in the reading pane whatever the URL says.
    const pane = queryFirst(doc, outlookSelectors.readingPane);
    const emails = pane ? participants(pane) : [];
    return emails.length > 0 ? { context: buildContext({ ...base, pageType: 'thread', emails }) } : { context: null };
  }
  if (recipients === null) return compose ? health('compose', ['composeField']) : { context: null };
  return { context: buildContext({ ...base, pageType: 'compose', emails: recipients }) };
}

export const outlookAdapter: SiteAdapter = {
  name: 'outlook',
  selectors: outlookSelectors,
  matchesHost: siteHostMatcher('outlook'),
  detect,
};
