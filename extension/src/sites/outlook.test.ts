import { describe, expect, it } from 'vitest';
import { outlookAdapter, parseOutlookUrl } from './outlook.js';
import { page } from './test-utils.js';

const ITEM = 'AAQkADAwATM0MDAAMS1iNWUzLWE0ZGYtMDACLTAwCgAQAJs%2FEl3b%2BEtFrj1VzBiJ0Lk%3D';

// Sources of the URL forms (cited per row):
const SRC = {
  asanaTests: 'public Outlook→Asana extension tests (parseOutlookUrl, found with find_string "outlook.office.com/mail/inbox/id/"): /mail/0/<folder>/id/, /mail/<folder>/id/, nested folders, /owa/?ItemID=',
  mcphappey: 'achappey/MCPhappey src/Abstractions/MCPhappey.Scrapers/Extensions/OutlookExtensions.cs (TryParse: mailbox address after /mail/ or /owa/, /id/<ItemId>, ?ItemID=)',
  owaLinker: 'Nyffels-Open-Source/outlook-owa-linker taskpane.js (https://outlook.office.com/mail/deeplink/read/<restId>, ?ItemID=)',
  graphWebLink: 'Microsoft Graph message resource webLink (learn.microsoft.com/graph/api/resources/message): https://outlook.office365.com/owa/?ItemID=…&exvsurl=1&viewmodel=ReadMessageItem',
  composeDeeplink: 'public compose links (find_string "owa/?path=/mail/action/compose"; "mail/deeplink/compose" in COMPOSE_OUTLOOK_WORK_BASE https://outlook.cloud.microsoft/mail/deeplink/compose)',
  secureScore: 'Microsoft Secure Score actionUrl https://outlook.office365.com/owa/#path=/mail?realm=… (find_string "office365.com/owa/#path=/mail")',
  liveTests: 'public code building https://outlook.live.com/mail/0/inbox/id/<id> (find_string "/mail/0/inbox/id/")',
  cloudDomain: 'learn.microsoft.com/microsoft-365/enterprise/cloud-microsoft-domain (2024-04): Outlook at outlook.cloud.microsoft',
} as const;

describe('parseOutlookUrl', () => {
  const SHARED = 'orders%40northwind-supplies.example';
  it.each([
    [`/mail/inbox/id/${ITEM}`, ITEM, false, SRC.asanaTests],
    [`/mail/0/inbox/id/${ITEM}`, ITEM, false, SRC.liveTests],
    [`/mail/0/sentitems/id/${ITEM}`, ITEM, false, SRC.asanaTests],
    [`/mail/subfolder/nested/id/${ITEM}`, ITEM, false, SRC.asanaTests],
    [`/mail/id/${ITEM}`, ITEM, false, SRC.asanaTests],
    [`/mail/${SHARED}/inbox/id/${ITEM}`, ITEM, false, SRC.mcphappey],
    [`/mail/deeplink/read/${ITEM}`, ITEM, false, SRC.owaLinker],
    // A query parameter comes decoded (`%2F` → `/`), a path segment as written: only its presence matters.
    [`/owa/?ItemID=${ITEM}&exvsurl=1&viewmodel=ReadMessageItem`, decodeURIComponent(ITEM), false, SRC.graphWebLink],
    [`/owa/${SHARED}/?ItemID=${ITEM}&exvsurl=1&viewmodel=ReadMessageItem`, decodeURIComponent(ITEM), false, SRC.mcphappey],
    [`/owa/?itemid=${ITEM}&exvsurl=1&path=/calendar/item`, null, false, SRC.graphWebLink],
    ['/mail/deeplink/compose', null, true, SRC.composeDeeplink],
    ['/mail/0/deeplink/compose', null, true, SRC.asanaTests],
    ['/owa/?path=/mail/action/compose&to=ap%40globex.example', null, true, SRC.composeDeeplink],
    ['/owa/#path=/mail', null, false, SRC.secureScore],
    ['/owa/', null, false, SRC.secureScore],
    ['/mail/inbox', null, false, SRC.asanaTests],
    ['/mail/options/general', null, false, SRC.asanaTests],
    ['/calendar/view/month', null, false, SRC.cloudDomain],
    [`/owa/id/${ITEM}`, null, false, SRC.mcphappey],
  ] as [string, string | null, boolean, string][])('%s → item %s, compose %s (%s)', (pathAndQuery, itemId, compose) => {
    const url = new URL(pathAndQuery, 'https://outlook.cloud.microsoft');
    expect(parseOutlookUrl(url)).toMatchObject({ itemId, compose, classic: url.pathname.startsWith('/owa') });
  });
});

describe('outlookAdapter', () => {
  const read = new URL(`https://outlook.office.com/mail/inbox/id/${ITEM}`);

  it('reads a message rendered in a same-origin frame of the reading pane', () => {
    const doc = page('<div id="ReadingPaneContainerId"><iframe></iframe></div>');
    const inner = page('<div aria-label="From: Dana"><span title="dana@initech.example">Dana</span></div>');
    Object.defineProperty(doc.querySelector('iframe')!, 'contentDocument', { value: inner });
    expect(outlookAdapter.detect(doc, read).context?.emails).toEqual(['dana@initech.example']);
  });

  it('skips frames it may not read', () => {
    const doc = page('<div id="ReadingPaneContainerId"><iframe></iframe></div>');
    Object.defineProperty(doc.querySelector('iframe')!, 'contentDocument', {
      get: () => {
        throw new DOMException('Blocked a frame', 'SecurityError');
      },
    });
    expect(outlookAdapter.detect(doc, read).health?.missing).toEqual(['participant']);
  });

  it('never takes participants from the message body', () => {
    const doc = page('<div id="ReadingPaneContainerId"><div aria-label="Message body"><span title="sig@hooli.example">x</span></div></div>');
    expect(outlookAdapter.detect(doc, read).health?.missing).toEqual(['participant']);
  });

  it('recognises a compose form opened in the reading pane, without a compose URL', () => {
    const doc = page('<div role="textbox" aria-label="To"><span title="ann@acme.example">Ann</span></div>');
    expect(outlookAdapter.detect(doc, new URL('https://outlook.office.com/mail/inbox')).context).toMatchObject({
      pageType: 'compose',
      emails: ['ann@acme.example'],
    });
    expect(outlookAdapter.detect(page(''), new URL('https://outlook.office.com/mail/inbox'))).toEqual({ context: null });
  });

  it('reports health on a compose URL without compose fields, and on a missing reading pane', () => {
    expect(outlookAdapter.detect(page(''), new URL('https://outlook.live.com/mail/0/deeplink/compose')).health?.missing).toEqual(['composeField']);
    expect(outlookAdapter.detect(page('<div></div>'), read).health?.missing).toEqual(['readingPane']);
  });

  it('reads the reading pane of classic OWA (`/owa/#path=/mail`), whose URL does not follow the selected message', () => {
    const doc = page('<div id="ReadingPaneContainerId"><div aria-label="From: Dana"><span title="dana@initech.example">Dana</span></div></div>');
    const classic = new URL('https://outlook.office365.com/owa/#path=/mail');
    expect(outlookAdapter.detect(doc, classic).context).toMatchObject({ pageType: 'thread', emails: ['dana@initech.example'] });
    // Nothing selected yet: nobody, and not a broken page either.
    expect(outlookAdapter.detect(page('<div id="ReadingPaneContainerId"></div>'), classic)).toEqual({ context: null });
  });

  it('runs on every host Outlook on the web is served from, the unified cloud.microsoft domain included', () => {
    for (const host of ['outlook.cloud.microsoft', 'outlook.office.com', 'outlook.office365.com', 'outlook.live.com']) {
      expect(outlookAdapter.matchesHost(host)).toBe(true);
    }
    expect(outlookAdapter.matchesHost('outlook.cloud.microsoft.evil.example')).toBe(false);
    expect(outlookAdapter.matchesHost('m365.cloud.microsoft')).toBe(false);
  });
});
