import { describe, expect, it } from 'vitest';
import { attributeAddresses, genericAdapter, looksLikeWebmail, visibleTextAddresses } from './generic.js';
import { page } from './test-utils.js';

describe('genericAdapter', () => {
  it.each([
    ['mail.acme.example', '/', true],
    ['webmail.acme.example', '/', true],
    ['owa-acme.example', '/', true],
    ['acme.example', '/roundcube/', true],
    ['acme.example', '/SOGo/so/jane/Mail', true],
    ['crm.acme.example', '/customers/1', false],
    ['mailchimp-fans.example', '/', false],
  ])('%s%s looks like webmail: %s', (hostname, pathname, expected) => {
    expect(looksLikeWebmail(page(''), { hostname, pathname })).toBe(expected);
  });

  it("adds the page's own host as the last domain hint, never on webmail", () => {
    const doc = page('<p>ann@acme.example</p>');
    expect(genericAdapter.detect(doc, new URL('https://portal.globex.example/x')).context?.domains).toEqual(['acme.example', 'portal.globex.example']);
    expect(genericAdapter.detect(doc, new URL('https://mail.globex.example/x')).context).toMatchObject({ pageType: 'webmail', domains: ['acme.example'] });
  });

  it('skips hidden text and its own nodes, and never reports health', () => {
    const doc = page('<p aria-hidden="true">a@hidden.example</p><div data-earshot-root><b>b@ours.example</b></div><p>Hi c@shown.example</p>');
    const result = genericAdapter.detect(doc, new URL('https://mail.x.example/'));
    expect(result).toEqual({ context: expect.objectContaining({ emails: ['c@shown.example'] }) });
  });

  it('stops scanning after its text budget', () => {
    // Few long text nodes past the character budget (400,000): 25,000 short paragraphs made the same point but took
    // happy-dom over 5 s to parse on a loaded machine, timing the test out.
    const filler = `<p>${'lorem ipsum dolor sit amet '.repeat(800)}</p>`.repeat(25);
    const doc = page(`${filler}<p>late@acme.example</p>`);
    expect(visibleTextAddresses(doc.body)).toEqual([]);
  });

  /** Gives `iframe` a same-origin document (DOMParser documents load no frames). */
  const withFrame = (doc: Document, selector: string, frameDoc: Document) => {
    Object.defineProperty(doc.querySelector(selector)!, 'contentDocument', { value: frameDoc });
    return doc;
  };

  // Roundcube elastic three-pane view (roundcube/roundcubemail skins/elastic/templates/mail.html: folder pane with
  // `.header-title.username`, `table#messagelist`, `iframe#messagecontframe`); the preview document is
  // `?_task=mail&_action=preview&_uid=…&_framed=1` (program/js/app.js), its addresses built by
  // program/actions/mail/index.php address_string: `<a href="mailto:x" class="rcmContactAddress" title="x">Name</a>`.
  const roundcubeTop = () =>
    page(`<div id="layout-sidebar"><div class="header"><span class="header-title username">jane.seller@northwind-supplies.example</span></div></div>
      <div id="layout-list"><table id="messagelist" class="listing messagelist"><tbody>
        <tr><td class="subject"><span class="adr"><span title="ops@initech-parts.example" class="rcmContactAddress">Initech Ops</span></span></td></tr>
        <tr><td class="subject"><span class="adr"><span title="billing@umbrella-logistics.example" class="rcmContactAddress">Umbrella Billing</span></span></td></tr>
      </tbody></table></div>
      <div id="layout-content"><div class="iframe-wrapper"><iframe id="messagecontframe" src="/?_task=mail&amp;_action=preview&amp;_uid=1042&amp;_mbox=INBOX&amp;_framed=1"></iframe></div></div>`);
  const roundcubePreview = () =>
    page(`<div id="layout-content" class="selected"><div class="content frame-content" role="main"><div id="message-header">
      <h2 class="subject">Invoice 88123 overdue</h2>
      <div class="header"><div class="header-content"><div class="header-summary">
        <span class="adr"><a href="mailto:billing@umbrella-logistics.example" class="rcmContactAddress" title="billing@umbrella-logistics.example">Umbrella Billing</a></span>
      </div><div class="header-headers"><table class="headers-table"><tr><td class="header-title">To</td><td class="header to">
        <span class="adr"><a href="mailto:jane.seller@northwind-supplies.example" class="rcmContactAddress" title="jane.seller@northwind-supplies.example">Jane Seller</a></span>
      </td></tr></table></div></div></div></div>
      <div id="messagebody"><p>Please see attached.</p></div></div></div>`);

  it('reads the message in a Roundcube preview frame, not the message list, and never the mailbox owner', () => {
    const doc = withFrame(roundcubeTop(), '#messagecontframe', roundcubePreview());
    const context = genericAdapter.detect(doc, new URL('https://webmail.northwind-supplies.example/?_task=mail&_mbox=INBOX')).context;
    expect(context).toMatchObject({ pageType: 'webmail', emails: ['billing@umbrella-logistics.example'], domains: ['umbrella-logistics.example'] });
  });

  it('finds nobody in a three-pane view with the preview empty (only the list and the owner)', () => {
    const doc = withFrame(roundcubeTop(), '#messagecontframe', page(''));
    expect(genericAdapter.detect(doc, new URL('https://webmail.northwind-supplies.example/?_task=mail&_mbox=INBOX')).context).toBeNull();
  });

  it('reads a Roundcube message opened in full view (`_action=show`): the names are text, the addresses attributes', () => {
    const doc = roundcubePreview();
    const context = genericAdapter.detect(doc, new URL('https://mail.northwind-supplies.example/?_task=mail&_action=show&_uid=1042&_mbox=INBOX')).context;
    // No owner shown in the full view (no folder pane): the worker drops the signed-in user's address and own domains.
    expect(context?.emails).toEqual(['billing@umbrella-logistics.example', 'jane.seller@northwind-supplies.example']);
    expect(context?.domains).toEqual(['umbrella-logistics.example']);
  });

  it('reads addresses kept whole in title / data-* attributes, never sentences that mention one', () => {
    const doc = page(`<span title="ann@acme.example">Ann</span><i data-email="Bob Buyer <bob@globex.example>">Bob</i>
      <b title="Write to carl@initech.example for help">?</b><u data-address="dee@hooli.example"></u><em aria-hidden="true" title="x@hidden.example"></em>`);
    expect(attributeAddresses(doc)).toEqual(['ann@acme.example', 'bob@globex.example', 'dee@hooli.example']);
  });
});
