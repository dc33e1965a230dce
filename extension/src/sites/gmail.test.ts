import { describe, expect, it } from 'vitest';
import { gmailAdapter, parseGmailHash, parseGmailUrl } from './gmail.js';
import { page } from './test-utils.js';

const ID = 'FMfcgzQXJWBNlvZnjkqBfSTDvpsTkLmC';
const at = (hash: string) => new URL(`https://mail.google.com/mail/u/0/${hash}`);

describe('parseGmailHash', () => {
  it.each([
    [`#inbox/${ID}`, ID, false],
    ['#inbox/193c5a1e2b3d4f50', '193c5a1e2b3d4f50', false],
    [`#label/Customers%2FAcme/${ID}`, ID, false],
    [`#search/acme+overdue/${ID}`, ID, false],
    [`#category/updates/${ID}`, ID, false],
    [`#inbox/${ID}?compose=new`, ID, true],
    ['#inbox?compose=new', null, true],
    ['#inbox', null, false],
    ['#inbox/p2', null, false],
    [`#label/${ID}`, null, false],
    ['#search/acmetoolsincorporatedltd', null, false],
    ['#settings/general', null, false],
    ['', null, false],
  ])('%s', (hash, threadId, compose) => {
    expect(parseGmailHash(hash)).toEqual({ threadId, compose });
  });
});

// Sources of Gmail's URL forms (cited per row).
const SRC = {
  gmailjs: 'KartikTalwar/gmail.js src/gmail.js get.current_page (a hash ending in /<16+ letters or digits> is an email; search/, category/, label/ take two parts) and test/test.get.js (inbox/p2, chats, search/test/p2, category/promotions, label/bank, inbox/16a0d1f820d515e2)',
  inboxsdkRoutes: 'InboxSDK/InboxSDK src/platform-implementation-js/dom-driver/gmail/views/gmail-route-view/gmail-route-processor.ts (route names inbox, all, sent, starred, snoozed, drafts, imp, spam, trash, chats, scheduled; label, category; search, advanced-search, apps, section_query) and constants/router.ts',
  inboxsdkThread: 'InboxSDK/InboxSDK src/platform-implementation-js/dom-driver/gmail/views/gmail-route-view/gmail-route-view.ts _getThreadRouteParams (thread id is the last hash segment: 16 hex characters, old style, or a new sync-style id)',
  inboxsdkCompose: 'InboxSDK/InboxSDK src/platform-implementation-js/dom-driver/gmail/gmail-driver/open-draft-by-message-id.test.ts (#?compose=123, #inbox?compose=123, #inbox?compose=123%2C456, #inbox?foo=5&compose=123)',
  allLinks: 'public code linking to a message in All Mail (find_string "mail.google.com/mail/u/0/#all/"): https://mail.google.com/mail/u/0/#all/<id>',
  authuser: 'public code linking with the account address (find_string "mail.google.com/mail/?authuser="): /mail/?authuser=<address>#all/<id>, #drafts?compose=<id>, &view=cm&fs=1',
  viewCm: 'public mailto-style compose links (find_string "mail.google.com/mail/?view=cm&fs=1"): /mail/?view=cm&fs=1&to=<address>&su=<subject>&body=<body>',
  operators: 'https://support.google.com/mail/answer/7190 (Gmail search operators: from:, label:, in:anywhere, rfc822msgid:)',
} as const;

const NEW_ID = 'FMfcgzQXJWBNlvZnjkqBfSTDvpsTkLmC';
const HEX_ID = '16a0d1f820d515e2';

describe('Gmail URL forms', () => {
  it.each([
    // An open conversation, in every list it can be opened from.
    ['/mail/u/0/', `#inbox/${NEW_ID}`, NEW_ID, false, SRC.gmailjs],
    ['/mail/u/0/', `#inbox/${HEX_ID}`, HEX_ID, false, SRC.gmailjs],
    ['/mail/u/0/', `#all/${HEX_ID}`, HEX_ID, false, SRC.allLinks],
    ['/mail/u/0/', `#sent/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', `#starred/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', `#imp/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', `#snoozed/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', `#spam/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', `#trash/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', `#chats/${HEX_ID}`, HEX_ID, false, SRC.gmailjs],
    ['/mail/u/0/', `#label/bank/${NEW_ID}`, NEW_ID, false, SRC.gmailjs],
    ['/mail/u/0/', `#label/Customers%2FAcme/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', `#category/promotions/${NEW_ID}`, NEW_ID, false, SRC.gmailjs],
    ['/mail/u/0/', `#search/from%3Aann%40acme.example+label%3Acustomers/${NEW_ID}`, NEW_ID, false, SRC.operators],
    ['/mail/u/0/', `#search/in%3Aanywhere+invoice/${HEX_ID}`, HEX_ID, false, SRC.operators],
    ['/mail/u/0/', `#advanced-search/from=ann%40acme.example&subset=all/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', `#apps/invoice/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', `#section_query/in%3Ainbox/${NEW_ID}`, NEW_ID, false, SRC.inboxsdkRoutes],
    // Other account paths: a numbered account, the account address, no account segment.
    ['/mail/u/2/', `#inbox/${NEW_ID}`, NEW_ID, false, SRC.gmailjs],
    ['/mail/', `#all/${HEX_ID}`, HEX_ID, false, SRC.authuser],
    ['/mail/?authuser=jane.seller%40northwind-supplies.example', `#all/${HEX_ID}`, HEX_ID, false, SRC.authuser],
    // A thread with a compose window open over it: the thread is what the page shows.
    ['/mail/u/0/', `#inbox/${NEW_ID}?compose=new`, NEW_ID, true, SRC.inboxsdkThread],
    // A message being written.
    ['/mail/u/0/', '#inbox?compose=new', null, true, SRC.inboxsdkCompose],
    ['/mail/u/0/', '#?compose=123', null, true, SRC.inboxsdkCompose],
    ['/mail/u/0/', '#inbox?compose=123%2C456', null, true, SRC.inboxsdkCompose],
    ['/mail/u/0/', '#inbox?foo=5&compose=123', null, true, SRC.inboxsdkCompose],
    ['/mail/', '#drafts?compose=CllgCJqTfDqbVwqxSvRJRnWrpVtsxmcJ', null, true, SRC.authuser],
    ['/mail/?view=cm&fs=1&to=ap%40acme.example&su=Order%204411', '', null, true, SRC.viewCm],
    ['/mail/?authuser=jane.seller%40northwind-supplies.example&view=cm&fs=1&to=ap%40acme.example', '', null, true, SRC.viewCm],
    // Lists, pages of lists, settings: nothing to read.
    ['/mail/u/0/', '#inbox', null, false, SRC.gmailjs],
    ['/mail/u/0/', '#inbox/p2', null, false, SRC.gmailjs],
    ['/mail/u/0/', '#search/test/p2', null, false, SRC.gmailjs],
    ['/mail/u/0/', '#label/bank/p2', null, false, SRC.gmailjs],
    ['/mail/u/0/', '#category/social', null, false, SRC.gmailjs],
    ['/mail/u/0/', '#search/rfc822msgid%3A4411%40acme.example', null, false, SRC.operators],
    ['/mail/u/0/', '#settings/general', null, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', '#scheduled', null, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', '#chat/welcome', null, false, SRC.inboxsdkRoutes],
    ['/mail/u/0/', '', null, false, SRC.gmailjs],
  ] as [string, string, string | null, boolean, string][])('%s%s → thread %s, compose %s (%s)', (path, hash, threadId, compose) => {
    const url = new URL(`https://mail.google.com${path}${hash}`);
    expect(parseGmailUrl(url)).toEqual({ threadId, compose });
  });
});

const thread = (chips: string) => `<div role="main"><div class="adn" data-message-id="#m1">${chips}</div></div>`;

describe('gmailAdapter', () => {
  it('falls back to the tab title for the signed-in address', () => {
    const doc = page(thread('<span email="jane@northwind.example"></span><span email="ann@acme.example"></span>'), 'Hi - jane@northwind.example - Mail');
    expect(gmailAdapter.detect(doc, at(`#inbox/${ID}`)).context?.emails).toEqual(['ann@acme.example']);
  });

  it('resolves a thread with only the user on it to nothing, without a health report', () => {
    const doc = page(thread('<span email="jane@northwind.example"></span>'), 'Note - jane@northwind.example - Mail');
    expect(gmailAdapter.detect(doc, at(`#sent/${ID}`))).toEqual({ context: null });
  });

  it('ignores list views, even with senders in the DOM', () => {
    expect(gmailAdapter.detect(page('<div role="main"><span email="ann@acme.example"></span></div>'), at('#inbox'))).toEqual({ context: null });
  });

  it('reports health when the conversation pane itself is gone', () => {
    const result = gmailAdapter.detect(page('<div class="nH"></div>'), at(`#inbox/${ID}`));
    expect(result.health?.missing).toEqual(['thread']);
  });

  it('reads the first div.M9 compose window, the newest (gmail.js dom.composes), also on the standalone compose page', () => {
    const doc = page(
      '<div class="M9"><div role="option" data-hovercard-id="ann@acme.example"></div></div><div class="M9"><div role="option" data-hovercard-id="old@globex.example"></div></div>',
    );
    expect(gmailAdapter.detect(doc, at('#inbox?compose=a%2Cb')).context?.emails).toEqual(['ann@acme.example']);
    const standalone = new URL('https://mail.google.com/mail/?view=cm&fs=1&to=ann%40acme.example');
    expect(gmailAdapter.detect(doc, standalone).context).toMatchObject({ pageType: 'compose', emails: ['ann@acme.example'] });
  });

  it('reads the newest compose window and reports a missing one', () => {
    const doc = page(
      '<div role="dialog"><div data-hovercard-id="old@globex.example"></div></div><div role="dialog"><input name="to" value="Ann &lt;ann@acme.example&gt;, ap@acme.example"></div>',
    );
    expect(gmailAdapter.detect(doc, at('#inbox?compose=new')).context?.emails).toEqual(['ann@acme.example', 'ap@acme.example']);
    expect(gmailAdapter.detect(page(''), at('#inbox?compose=new')).health).toMatchObject({ pageType: 'compose', missing: ['composeWindow'] });
  });
});
